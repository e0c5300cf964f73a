"""Studies (analysis.study): the built-ins load, every panel and framework form, bad files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.errors import InputError
from analysis.framework import load_framework
from analysis.study import builtin_studies, load_study

PREFECTURE = config.RAW_PANELS / "cn-prefecture-city-2004-2012"


@pytest.fixture(scope="module")
def studies() -> dict:
    return {name: load_study(name) for name in builtin_studies()}


def test_the_three_builtin_studies_load(studies: dict) -> None:
    assert set(studies) == {"liyang", "prefecture-cities", "oecd-bli"}
    for study in studies.values():
        assert list(study.panel.columns[:4]) == ["unit", "year", "indicator", "value"]
        assert study.panel["value"].dtype == np.float64
        assert set(study.panel["indicator"]) <= set(study.framework.indicators)
        assert study.title["zh"] and study.title["en"]
        assert study.years


def test_liyang_is_the_jiangsu_census_peers_with_report_years(studies: dict) -> None:
    study = studies["liyang"]
    assert study.years == [2022, 2023, 2024]
    assert study.panel_years == [2010, 2020]
    assert study.data_year(2023) == 2020 and study.data_year(2010) == 2010
    assert len(study.units(2023)) == 21 and len(study.units(2010)) == 26  # SOURCE.md
    assert study.focus == "溧阳市"
    assert study.display_name("溧阳市", "en") == "Liyang"
    assert study.display_name("溧阳市", "zh") == "溧阳市"
    assert study.group_of("溧阳市") == "苏南" and study.group_of("邳州市") == "苏北"
    assert study.group_of("如皋市") == "苏中"
    assert study.unit_years("金坛市") == [2010]  # a district by 2020
    assert not study.has_unit("金坛市", 2023) and study.has_unit("金坛市", 2010)


def test_oecd_bli_reads_the_giniCI_panel_with_its_polarity(studies: dict) -> None:
    study = studies["oecd-bli"]
    assert study.years == [2014, 2015, 2016, 2017]
    assert len(study.units()) == 36 and len(study.panel) == 36 * 4 * 11
    raw = pd.read_csv(config.RAW_PANELS / "oecd-bli-2014-2017" / "bli_2014_2017.csv")
    cell = study.panel.query("unit == 'Japan' and year == 2016 and indicator == 'EQ_AIRP'")
    assert cell["value"].item() == raw.query("COUNTRY == 'Japan' and YEAR == 2016")["EQ_AIRP"].item()
    criteria = pd.read_csv(config.RAW_PANELS / "oecd-bli-2014-2017" / "criteria.csv")
    table = study.framework.table.set_index("code")
    for code, direction in zip(criteria["indicator"], criteria["direction"], strict=True):
        assert table.at[code, "direction"] == direction
    assert study.display_name("Korea", "zh") == "韩国"
    assert study.indicator_names("zh")["PS_REPH"] == "凶杀率"
    assert study.indicator_names("en")["PS_REPH"] == "Homicide rate"


def test_the_oecd_copy_is_byte_identical_to_the_shared_panel() -> None:
    # the data and licence as shipped; SOURCE.md adds how this project uses them
    shared = config.PROJECT_ROOT.parent / "shared" / "panels" / "oecd-bli-2014-2017"
    if not shared.is_dir():
        pytest.skip("no shared folder beside the repository")
    for path in shared.iterdir():
        if path.name == "SOURCE.md":
            continue
        assert (config.RAW_PANELS / "oecd-bli-2014-2017" / path.name).read_bytes() == path.read_bytes()


def test_prefecture_cities_drop_the_pasted_toilets_and_keep_an_unbalanced_panel(studies: dict) -> None:
    study = studies["prefecture-cities"]
    assert "public_toilets" not in study.framework.indicators
    assert study.years == list(range(2004, 2013))
    assert len(study.units()) == 287
    assert study.unit_years("常州市") == list(range(2004, 2012))  # SOURCE.md: no 2012
    assert not study.has_unit("常州市", 2012)


def test_the_prefecture_ratios_are_derived_as_documented() -> None:
    spec = importlib.util.spec_from_file_location("derive", PREFECTURE / "derive.py")
    derive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive)
    raw = pd.read_csv(PREFECTURE / "prefecture_city_panel_2004_2012.csv")
    shipped = pd.read_csv(PREFECTURE / "prefecture_city_indicators_2004_2012.csv")
    pd.testing.assert_frame_equal(derive.derive(raw), shipped, check_dtype=False)
    # by hand, 七台河市 2004: GDP 965,164 万元, population 88.15 万人, beds 2,564
    row = shipped.iloc[0]
    assert row["city"] == "七台河市" and row["year"] == 2004
    assert row["gdp_per_capita"] == pytest.approx(965164 / 88.15, rel=1e-11)
    assert row["beds_per_1000"] == pytest.approx(2564 / 881.5, rel=1e-11)
    assert row["so2_per_gdp"] == pytest.approx(16454 / 965164, rel=1e-11)
    # zeros for gaps become missing; rates above 100 % are capped
    zero_fdi = raw["fdi_actual_10k_usd"].eq(0).to_numpy()
    assert shipped.loc[zero_fdi, "fdi_to_gdp"].isna().all() and zero_fdi.sum() == 61
    assert shipped["garbage_harmless_treatment_pct"].max() == 100
    assert shipped["green_coverage_urban_districts_pct"].max() == 100


# ---------------------------------------------------------------------------- forms


def write_study(folder: Path, **keys: object) -> Path:
    import yaml

    doc = {"name": "mine", "title": {"zh": "我的研究", "en": "My study"}, **keys}
    path = folder / "study.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


WIDE = pd.DataFrame(
    {
        "city": ["甲市", "乙市", "丙市", "甲市", "乙市", "丙市"],
        "yr": [2020, 2020, 2020, 2021, 2021, 2021],
        "gdp": [1.0, 2.0, 3.0, 1.5, 2.5, 3.5],
        "so2": [9.0, 8.0, 7.0, 6.0, 5.0, 4.0],
    }
)
CRITERIA = "indicator,direction,weight,dimension,name_zh,name_en\ngdp,1,2,经济发展,地区生产总值,GDP\nso2,-1,,生态环境,二氧化硫,SO2\n"


def expected_long() -> pd.DataFrame:
    return (
        WIDE.melt(id_vars=["city", "yr"], var_name="indicator", value_name="value")
        .rename(columns={"city": "unit", "yr": "year"})
        .sort_values(["unit", "year", "indicator"])
        .reset_index(drop=True)
    )


def same_panel(study_panel: pd.DataFrame) -> None:
    got = study_panel[["unit", "year", "indicator", "value"]].sort_values(["unit", "year", "indicator"])
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected_long(), check_dtype=False)


@pytest.mark.parametrize("form", ["wide-csv", "long-csv", "idata-csv", "wide-excel-sheet", "long-semicolon-gbk"])
def test_every_panel_form_gives_the_same_long_panel(tmp_path: Path, form: str) -> None:
    (tmp_path / "criteria.csv").write_text(CRITERIA, encoding="utf-8")
    keys: dict = {"framework": "criteria.csv"}
    if form == "wide-csv":
        WIDE.to_csv(tmp_path / "p.csv", index=False)
        keys.update(panel="p.csv", unit_column="city", year_column="yr")
    elif form == "long-csv":
        expected_long().to_csv(tmp_path / "p.csv", index=False)
        keys.update(panel="p.csv")
    elif form == "idata-csv":
        WIDE.rename(columns={"city": "uCode", "yr": "Time"}).assign(uName="x").to_csv(tmp_path / "p.csv", index=False)
        keys.update(panel="p.csv")
    elif form == "wide-excel-sheet":
        with pd.ExcelWriter(tmp_path / "p.xlsx") as book:
            pd.DataFrame({"note": ["readme"]}).to_excel(book, sheet_name="readme", index=False)
            WIDE.to_excel(book, sheet_name="data", index=False)
        keys.update(panel="p.xlsx", sheet="data", unit_column="city", year_column="yr")
    else:
        text = expected_long().rename(columns={"unit": "城市"}).to_csv(index=False, sep=";")
        (tmp_path / "p.csv").write_bytes(text.encode("gbk"))
        keys.update(panel="p.csv", unit_column="城市")
    study = load_study(write_study(tmp_path, **keys))
    same_panel(study.panel)
    assert study.years == [2020, 2021]


def test_a_criteria_csv_is_a_framework_with_dimensions_under_an_index(tmp_path: Path) -> None:
    path = tmp_path / "criteria.csv"
    path.write_text(CRITERIA, encoding="utf-8")
    fw = load_framework(path)
    assert fw.indicators == ["gdp", "so2"]
    assert fw.aggregates == ["经济发展", "生态环境", "Index"]
    table = fw.table.set_index("code")
    assert table.at["gdp", "weight"] == 2 and table.at["so2", "weight"] == 1
    assert list(fw.direction) == [1.0, -1.0]
    assert table.at["生态环境", "name_en"] == "Ecology and environment"
    assert table.at["so2", "name"] == "二氧化硫" and table.at["so2", "name_en"] == "SO2"
    flat = tmp_path / "flat.csv"
    flat.write_text("indicator,direction\na,benefit\nb,cost\n", encoding="utf-8")
    fw = load_framework(flat)
    assert fw.aggregates == ["Index"] and list(fw.direction) == [1.0, -1.0]


def test_a_criteria_csv_names_a_bad_direction_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "criteria.csv"
    path.write_text("indicator,direction\na,1\nb,up\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"criteria\.csv, row 2, column 'direction': 'up'"):
        load_framework(path)


def test_a_study_with_a_framework_yaml_and_an_imeta(tmp_path: Path) -> None:
    WIDE.to_csv(tmp_path / "p.csv", index=False)
    (tmp_path / "fw.yaml").write_text(
        "aggregates:\n  - {code: Index}\nindicators:\n"
        "  - {code: gdp, parent: Index}\n  - {code: so2, parent: Index, direction: -1}\n",
        encoding="utf-8",
    )
    study = load_study(write_study(tmp_path, panel="p.csv", unit_column="city", year_column="yr", framework="fw.yaml"))
    same_panel(study.panel)
    imeta = pd.DataFrame(
        {"iCode": ["gdp", "so2", "Index"], "Level": [1, 1, 2], "Parent": ["Index", "Index", None],
         "Direction": [1, -1, 1], "Weight": [1, 1, 1], "Type": ["Indicator", "Indicator", "Aggregate"]}
    )  # fmt: skip
    imeta.to_csv(tmp_path / "iMeta.csv", index=False)
    study = load_study(write_study(tmp_path, panel="p.csv", unit_column="city", year_column="yr", framework="iMeta.csv", years=[2021]))
    assert study.years == [2021]
    assert list(study.framework.direction) == [1.0, -1.0]


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"panel": "p.csv", "framework": "criteria.csv", "colour": "red"}, r"study\.yaml: colour: unknown key"),
        ({"framework": "criteria.csv"}, r"study\.yaml: panel: missing"),
        ({"panel": "nope.csv", "framework": "criteria.csv"}, r"study\.yaml: panel: .*nope\.csv: no such panel file"),
        ({"panel": "p.csv", "framework": "nope.yaml"}, r"study\.yaml: framework: "),
        ({"panel": "p.csv", "framework": "criteria.csv", "unit_column": "town"}, r"study\.yaml: panel: .*unit_column 'town' is not a column"),
        ({"panel": "p.csv", "framework": "criteria.csv", "unit_column": "city", "year_column": "yr", "focus": "丁市"}, r"study\.yaml: focus: '丁市' is not a unit"),
        ({"panel": "p.csv", "framework": "criteria.csv", "unit_column": "city", "year_column": "yr", "years": ["x"]}, r"study\.yaml: years: 'x' is not a year"),
        ({"panel": "p.csv", "framework": "criteria.csv", "unit_column": "city", "year_column": "yr", "spec": "nope"}, r"study\.yaml: spec: "),
        ({"panel": "p.csv", "framework": "criteria.csv", "unit_column": "city", "year_column": "yr", "names": "n.csv"}, r"study\.yaml: names: .*n\.csv: missing column"),
    ],
)
def test_a_bad_study_file_is_one_line_naming_file_and_key(tmp_path: Path, keys: dict, message: str) -> None:
    (tmp_path / "criteria.csv").write_text(CRITERIA, encoding="utf-8")
    WIDE.to_csv(tmp_path / "p.csv", index=False)
    (tmp_path / "n.csv").write_text("unit,name\n甲市,A\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_study(write_study(tmp_path, **keys))
    assert "\n" not in str(info.value)


def test_an_infinite_value_in_a_study_panel_names_file_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "criteria.csv").write_text(CRITERIA, encoding="utf-8")
    WIDE.assign(gdp=WIDE["gdp"].astype(object).where(WIDE.index != 4, "inf")).to_csv(tmp_path / "p.csv", index=False)
    with pytest.raises(InputError, match=r"p\.csv, row 5, column 'gdp': not a finite number"):
        load_study(write_study(tmp_path, panel="p.csv", framework="criteria.csv", unit_column="city", year_column="yr"))


def test_an_unknown_study_name_lists_the_builtins() -> None:
    with pytest.raises(InputError, match=r"study 'nope'.*liyang, oecd-bli, prefecture-cities"):
        load_study("nope")


def test_qci_panel_writes_a_studys_long_panel_as_csv_or_workbook(tmp_path: Path, capsys) -> None:
    from analysis import cli

    assert cli.main(["panel", "--study", "oecd-bli", "-o", str(tmp_path / "bli.xlsx")]) == 0
    assert "36 units, 4 years, 11 indicators" in capsys.readouterr().out
    book = pd.read_excel(tmp_path / "bli.xlsx", sheet_name=None)
    assert list(book) == ["table"] and len(book["table"]) == 36 * 4 * 11
    assert cli.main(["panel", "--study", "nope", "-o", str(tmp_path / "x.csv")]) == 2
    assert "study 'nope'" in capsys.readouterr().err
