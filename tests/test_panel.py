"""Panels: tidy long tables, strict validation naming row and column, the census panel, Liyang's panel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import InputError
from analysis.framework import framework_from_imeta, framework_from_table, load_framework
from analysis.index import build_index, read_idata
from analysis.panel import (
    CENSUS_DIR,
    COLUMNS,
    load_census_panel,
    panel_from_figures,
    panel_from_idata,
    read_panel,
    to_idata,
    to_wide,
    validate_panel,
)


@pytest.fixture(scope="module")
def small_fw():
    return framework_from_table(
        [
            {"code": "gdp", "parent": "Index", "type": "indicator"},
            {"code": "pm25", "parent": "Index", "type": "indicator", "direction": -1},
            {"code": "Index", "type": "aggregate"},
        ]
    )


def _long(**override):
    frame = pd.DataFrame(
        {
            "unit": ["a", "a", "b", "b"],
            "year": [2020, 2020, 2020, 2020],
            "indicator": ["gdp", "pm25", "gdp", "pm25"],
            "value": [1.0, 30.0, 2.0, 40.0],
        }
    )
    for col, (row, value) in override.items():
        frame[col] = frame[col].astype(object)
        frame.loc[row, col] = value
    return frame


def test_valid_panel_gets_provenance_columns_and_types(small_fw):
    out = validate_panel(_long(), small_fw)
    assert tuple(out.columns) == COLUMNS
    assert out["value"].dtype == np.float64 and out["year"].dtype == np.int64
    assert out["doc"].isna().all()


def test_duplicate_unit_year_indicator_names_the_rows(small_fw):
    with pytest.raises(
        InputError,
        match=r"p.csv, row 4, column 'indicator': duplicate unit–year–indicator \('b', 2020, 'gdp'\) \(also row 3\)",
    ):
        validate_panel(_long(indicator=(3, "gdp")), small_fw, source="p.csv")


def test_non_numeric_value_names_row_and_column(small_fw):
    with pytest.raises(InputError, match=r"row 2, column 'value': not a number: 'thirty'"):
        validate_panel(_long(value=(1, "thirty")), small_fw)


def test_unknown_indicator_names_row(small_fw):
    with pytest.raises(InputError, match=r"row 3, column 'indicator': unknown indicator 'gpd'"):
        validate_panel(_long(indicator=(2, "gpd")), small_fw)


def test_bad_year_and_missing_column(small_fw):
    with pytest.raises(InputError, match=r"row 1, column 'year'"):
        validate_panel(_long(year=(0, "twenty")), small_fw)
    with pytest.raises(InputError, match=r"missing column 'unit'"):
        validate_panel(_long().drop(columns="unit"), small_fw)


def test_long_and_wide_csv_round_trip(tmp_path, small_fw):
    panel = validate_panel(_long(), small_fw)
    wide = to_wide(panel, small_fw.indicators)
    assert list(wide.columns) == ["unit", "year", "gdp", "pm25"]
    wide.to_csv(tmp_path / "wide.csv", index=False)
    panel.to_csv(tmp_path / "long.csv", index=False)
    for name in ("wide.csv", "long.csv"):
        back = read_panel(tmp_path / name, small_fw)
        pd.testing.assert_frame_equal(
            back[["unit", "year", "indicator", "value"]]
            .sort_values(["unit", "indicator"])
            .reset_index(drop=True),
            panel[["unit", "year", "indicator", "value"]]
            .sort_values(["unit", "indicator"])
            .reset_index(drop=True),
        )


def test_wide_file_errors_name_the_file_row(tmp_path, small_fw):
    (tmp_path / "w.csv").write_text(
        "unit,year,gdp,pm25\na,2020,1,30\nb,2020,2,n.a.\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"w.csv, row 2, column 'pm25': not a number: 'n.a.'"):
        read_panel(tmp_path / "w.csv", small_fw)
    (tmp_path / "d.csv").write_text(
        "unit,year,gdp,pm25\na,2020,1,30\na,2020,2,3\n", encoding="utf-8"
    )
    with pytest.raises(
        InputError, match=r"d.csv, row 2, column 'unit': duplicate unit 'a' in year 2020"
    ):
        read_panel(tmp_path / "d.csv", small_fw)


def test_excel_panel(tmp_path, small_fw):
    pytest.importorskip("openpyxl")
    to_wide(validate_panel(_long(), small_fw)).to_excel(tmp_path / "p.xlsx", index=False)
    assert len(read_panel(tmp_path / "p.xlsx", small_fw)) == 4


def test_coinr_idata_as_panel_and_back(test_data):
    folder = test_data / "coinr-asem" / "inputs"
    fw = framework_from_imeta(folder / "ASEM_iMeta.csv")
    idata = read_idata(folder / "ASEM_iData.csv")
    panel = panel_from_idata(idata, fw)
    assert len(panel) == 51 * 49 and panel["value"].isna().sum() == 63
    back = to_idata(panel, fw).set_index("uCode")
    np.testing.assert_array_equal(
        back.loc[idata["uCode"], fw.indicators].to_numpy(),
        idata[fw.indicators].to_numpy(np.float64),
    )


# ---------------------------------------------------------------------------- census


def test_census_panel_is_jiangsus_county_level_cities():
    fw = load_framework("jiangsu-census-peers")
    panel = load_census_panel(indicators=fw.indicators)
    units = panel.groupby("year")["unit"].nunique()
    assert units.to_dict() == {2010: 26, 2020: 21}
    assert "溧阳市" in set(panel.loc[panel["year"] == 2020, "unit"])
    matrix = pd.read_csv(CENSUS_DIR / "jiangsu_county_level_cities_2020_matrix.csv").set_index(
        "unit"
    )
    wide = to_wide(panel.loc[panel["year"] == 2020]).set_index("unit")
    cols = list(matrix.columns)
    np.testing.assert_allclose(
        wide.loc[matrix.index, cols].to_numpy(), matrix[cols].to_numpy(), rtol=1e-5
    )
    assert (
        wide.loc["常熟市", "emp_tertiary_pct"] != wide.loc["常熟市", "emp_tertiary_pct"]
    )  # the one missing cell


def test_census_peers_index_ranks_liyang():
    fw = load_framework("jiangsu-census-peers")
    data = to_idata(load_census_panel(indicators=fw.indicators), fw)
    res = build_index(
        data,
        fw,
        {
            "impute": "mean",
            "normalise": {"method": "minmax", "l": 0, "u": 100},
            "aggregate": "amean",
        },
    )
    assert res.spec["year"] == 2020
    index = res.scores.query("iCode == 'Index'")
    assert len(index) == 21 and index["rank"].min() == 1
    assert index.set_index("uCode").loc["溧阳市", "rank"] >= 1


def test_whole_census_file_by_code():
    panel = load_census_panel(province=None, unit_type=None, indicators=["urbanization_rate_pct"])
    assert panel.groupby("year")["unit"].nunique().min() > 2800


# ---------------------------------------------------------------------------- figures


@pytest.fixture(scope="module")
def liyang():
    return load_framework("liyang-quality-city")


def test_liyang_panel_from_annotated_figures(test_data, liyang):
    folder = test_data / "panel"
    res = panel_from_figures(folder / "figures_dev_gold.csv", liyang, folder / "sources.csv")
    panel = res.panel.set_index("indicator")
    assert (res.panel["unit"] == "溧阳市").all() and (res.panel["year"] == 2023).all()
    assert panel.loc["industrial_output", "value"] == 3039.6e8
    assert panel.loc["industrial_output_growth", "value"] == 14.8
    assert panel.loc["water_quality_share", "value"] == 100
    assert panel.loc["industrial_output", "quote"] == "溧阳市实现规上工业总产值3039.6亿元"
    assert "gdp" not in panel.index  # report 003 quotes no GDP level
    assert res.conflicts.empty


def _figure(doc, start, value, period="2023", subject="地区生产总值", measure="level"):
    return {
        "doc": doc,
        "start": start,
        "end": start + 4,
        "surface": "x",
        "quote": f"q{start}",
        "value": value,
        "unit": "元",
        "value_base": value,
        "base_unit": "元",
        "measure": measure,
        "period": period,
        "subject": subject,
        "dimension": "经济发展",
        "is_indicator": "yes",
        "note": "",
    }


def test_conflicts_are_kept_and_the_latest_publication_wins(test_data, liyang):
    sources = pd.read_csv(test_data / "panel" / "sources.csv")
    figures = pd.DataFrame(
        [
            _figure("003_9b7b330a6bb3443f.txt", 10, 1.50e11),  # 2023-12
            _figure("004_ea0b489fb85d3f09.txt", 20, 1.56e11),  # 2024-09: latest
            _figure(
                "002_589421f6fae09c1c.txt", 30, 1.56e11
            ),  # 2022-09-30, same value as the latest
            _figure(
                "004_ea0b489fb85d3f09.txt",
                40,
                9.0,
                subject="地区生产总值增长",
                measure="growth_pct",
            ),
            {**_figure("004_ea0b489fb85d3f09.txt", 50, 1.0), "is_indicator": "no"},
        ]
    )
    res = panel_from_figures(figures, liyang, sources)
    chosen = res.panel.set_index("indicator")
    assert chosen.loc["gdp", "value"] == 1.56e11 and chosen.loc["gdp", "doc"].startswith("004")
    assert chosen.loc["gdp_growth", "value"] == 9.0
    assert len(res.conflicts) == 3 and res.conflicts["chosen"].sum() == 1
    assert res.conflicts.loc[res.conflicts["chosen"], "published"].item() == "2024-09"
    assert "latest publication" in res.rule


def test_day_precise_date_beats_its_month_and_whole_year_beats_part(test_data, liyang):
    sources = pd.DataFrame({"file": ["a.txt", "b.txt"], "published": ["2022-09", "2022-09-30"]})
    figures = pd.DataFrame([_figure("a.txt", 1, 1.0), _figure("b.txt", 1, 2.0)])
    assert panel_from_figures(figures, liyang, sources).panel["value"].item() == 2.0
    same_doc = pd.DataFrame(
        [_figure("a.txt", 1, 1.0, period="2023-01..2023-11"), _figure("a.txt", 9, 2.0)]
    )
    assert panel_from_figures(same_doc, liyang, sources).panel["value"].item() == 2.0


def test_figures_from_an_undated_document_are_an_error(liyang):
    sources = pd.DataFrame({"file": ["a.txt"], "published": ["2022-09"]})
    with pytest.raises(InputError, match="zz.txt"):
        panel_from_figures(pd.DataFrame([_figure("zz.txt", 1, 1.0)]), liyang, sources)


def test_empty_unit_names_row(small_fw):
    with pytest.raises(InputError, match=r"row 2, column 'unit': missing unit"):
        validate_panel(_long(unit=(1, None)), small_fw)
    with pytest.raises(InputError, match=r"row 3, column 'unit': missing unit"):
        validate_panel(_long(unit=(2, " ")), small_fw)


def test_missing_values_are_allowed(small_fw):
    out = validate_panel(_long(value=(0, "NA")), small_fw)
    assert np.isnan(out.loc[0, "value"]) and out.loc[1, "value"] == 30


def test_ranks_targets_and_growth_never_land_in_a_level_indicator(test_data, liyang):
    sources = pd.read_csv(test_data / "panel" / "sources.csv")
    doc = "004_ea0b489fb85d3f09.txt"
    figures = pd.DataFrame(
        [
            _figure(doc, 1, 3.0, subject="地区生产总值排名", measure="rank"),
            _figure(doc, 9, 2.0e11, subject="地区生产总值(目标)", measure="target"),
            _figure(doc, 20, 1.2e11, period="2021..2023", subject="地区生产总值"),
        ]
    )
    res = panel_from_figures(figures, liyang, sources)
    assert res.panel[["indicator", "year", "value"]].values.tolist() == [["gdp", 2023, 1.2e11]]


def test_panel_command_writes_panel_and_conflicts(test_data, tmp_path, capsys):
    from analysis.cli import main

    folder = test_data / "panel"
    out = tmp_path / "liyang_panel.csv"
    code = main(["panel", "--figures", str(folder / "figures_dev_gold.csv"),
                 "--sources", str(folder / "sources.csv"), "-o", str(out)])  # fmt: skip
    assert code == 0 and "latest publication" in capsys.readouterr().out
    panel = pd.read_csv(out)
    assert list(panel.columns) == list(COLUMNS) and (panel["unit"] == "溧阳市").all()
    assert (tmp_path / "liyang_panel_conflicts.csv").exists()
    assert (tmp_path / "liyang_panel_warnings.csv").exists()
    assert main(["panel", "--census", "-o", str(tmp_path / "census.csv")]) == 0
    assert pd.read_csv(tmp_path / "census.csv")["unit"].nunique() == 27  # 26 in 2010, 21 in 2020


def test_panel_command_says_which_figures_it_left_out(test_data, tmp_path, capsys):
    """A figure whose value cannot be read does not make its indicator vanish unsaid: the
    command counts it and lists it, with its reason, in PANEL_warnings.csv."""
    from analysis.cli import main

    folder = test_data / "panel"
    figures = pd.read_csv(folder / "figures_dev_gold.csv", dtype=str, keep_default_na=False)
    gdp = figures.index[(figures["is_indicator"] == "yes") & figures["subject"].eq("规上工业总产值")][0]
    figures.loc[gdp, "value_base"] = "n/a"
    broken = tmp_path / "figures.csv"
    figures.to_csv(broken, index=False)
    out = tmp_path / "panel.csv"
    assert main(["panel", "--figures", str(broken), "--sources", str(folder / "sources.csv"),
                 "-o", str(out)]) == 0  # fmt: skip
    said = capsys.readouterr().out
    assert "unreadable value" in said and "panel_warnings.csv" in said
    warnings = pd.read_csv(tmp_path / "panel_warnings.csv")
    row = warnings.loc[warnings["reason"] == "unreadable_value"]
    assert len(row) == 1 and row["start"].iloc[0] == int(figures.loc[gdp, "start"])


def test_read_panel_keeps_the_rows_asked_for_before_checking_duplicates(tmp_path) -> None:
    # the same name in two provinces: a duplicate unit unless the rows are chosen first
    path = tmp_path / "counties.csv"
    path.write_text(
        "name,province,year,gdp\n朝阳区,北京市,2020,1\n朝阳区,吉林省,2020,2\n海淀区,北京市,2020,3\n",
        encoding="utf-8",
    )
    from analysis.framework import framework_from_criteria
    from analysis.panel import read_panel

    fw = framework_from_criteria(pd.DataFrame({"indicator": ["gdp"], "direction": ["1"]}))
    with pytest.raises(InputError, match=r"counties\.csv, row 2, column 'name': duplicate unit '朝阳区'"):
        read_panel(path, fw, unit_column="name")
    with pytest.raises(InputError, match=r"row 1, column 'province': not a number: '北京市'"):
        read_panel(path, unit_column="name")  # no framework: every other column is an indicator
    panel = read_panel(path, unit_column="name", rows={"province": "北京市"})
    assert sorted(panel["unit"]) == ["朝阳区", "海淀区"] and list(panel["value"]) == [1.0, 3.0]
    assert set(panel["indicator"]) == {"gdp"}  # the filter column is not an indicator
    with pytest.raises(InputError, match=r"rows: no column 'region'"):
        read_panel(path, unit_column="name", rows={"region": "x"})


def test_read_panel_names_the_key_columns_it_looked_for(tmp_path) -> None:
    from analysis.panel import read_panel

    path = tmp_path / "p.csv"
    path.write_text("city,yr,gdp\n甲,2020,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no unit column \(looked for 'unit' and 'uCode'"):
        read_panel(path)
    with pytest.raises(InputError, match=r"no year column \(looked for 'year' and 'Time'"):
        read_panel(path, unit_column="city")
    assert read_panel(path, unit_column="city", year=2020)["year"].tolist() == [2020, 2020]
    long = read_panel(path, unit_column="city", year_column="yr")
    assert long[["unit", "year", "indicator", "value"]].values.tolist() == [["甲", 2020, "gdp", 1.0]]


# ---------------------------------------------------------------------------- many units


def test_units_from_sources_and_conflicts_within_each_unit(liyang):
    """Hand case: two bulletins of 甲市 disagree on GDP (a conflict, the later one wins);
    乙县's different GDP is not a conflict; a text whose unit nobody tells is --unit's."""
    sources = pd.DataFrame({
        "file": ["a.txt", "b.txt", "c.txt", "d.txt"],
        "published": ["2023", "2024", "2023", "2023"],
        "title": ["", "", "2022年乙县国民经济和社会发展统计公报", ""],
        "unit": ["甲市", "甲市", "", ""],
    })  # fmt: skip
    figures = pd.DataFrame([
        _figure("a.txt", 1, 1.0e10, period="2022"), _figure("b.txt", 5, 1.1e10, period="2022"),
        _figure("c.txt", 1, 2.0e10, period="2022"), _figure("d.txt", 1, 3.0e10, period="2022"),
    ])  # fmt: skip
    res = panel_from_figures(figures, liyang, sources, unit="丙区")
    got = res.panel.set_index("unit")["value"].to_dict()
    assert got == {"甲市": 1.1e10, "乙县": 2.0e10, "丙区": 3.0e10}
    assert set(res.conflicts["unit"]) == {"甲市"} and len(res.conflicts) == 2
    assert res.conflicts.loc[res.conflicts["chosen"], "doc"].item() == "b.txt"


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.integers(1, 9), min_size=1, max_size=8),
    units=st.lists(st.sampled_from(["甲市", "乙县", "丙区"]), min_size=8, max_size=8),
    seed=st.integers(0, 10_000),
)
def test_panel_of_many_units_is_the_union_of_each_units_panel(liyang, values, units, seed):
    """Property: the panel of all texts equals the panels built unit by unit, stacked;
    and it does not depend on the order of the figures' rows."""
    n = len(values)
    sources = pd.DataFrame({
        "file": [f"t{i}.txt" for i in range(n)], "published": [f"20{20 + i % 4}" for i in range(n)],
        "title": "", "unit": units[:n],
    })  # fmt: skip
    figures = pd.DataFrame([_figure(f"t{i}.txt", 3 * i, float(v), period="2022") for i, v in enumerate(values)])
    whole = panel_from_figures(figures, liyang, sources).panel
    shuffled = figures.sample(frac=1, random_state=seed)
    pd.testing.assert_frame_equal(panel_from_figures(shuffled, liyang, sources).panel, whole)
    parts = []
    for unit in sorted(set(units[:n])):
        docs = set(sources.loc[sources["unit"] == unit, "file"])
        parts.append(panel_from_figures(figures.loc[figures["doc"].isin(docs)], liyang, sources).panel)
    stacked = pd.concat(parts).sort_values(["unit", "year", "indicator"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(stacked, whole.reset_index(drop=True), check_dtype=False)
