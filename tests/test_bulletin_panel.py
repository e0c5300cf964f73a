"""A panel of many units from the texts of their statistical bulletins (issue 15 item 3).

Fixtures: the openings of eight county-level bulletins found with the search tool
(tests/data/extract/bulletins, SOURCE.md). The expected values below were read by hand
from each text (e.g. 地区生产总值2082.17亿元 → 208217000000 元), not taken from the
extractor's output.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.extract import document_units, extract_paths, read_sources, write_figures
from analysis.framework import load_framework
from analysis.panel import figures_units, panel_from_figures

BULLETINS = Path(__file__).parent / "data" / "extract" / "bulletins"
SOURCES = BULLETINS / "sources.csv"

#: read by hand from each text: (unit, year, indicator) → value in base units
HAND_READ = {
    ("宜兴市", 2021, "gdp"): 2082.17e8,  # 地区生产总值(GDP)2082.17亿元
    ("宜兴市", 2021, "gdp_per_capita"): 16.18e4,  # 人均生产总值16.18万元
    ("宜兴市", 2021, "primary_value_added"): 54.52e8,
    ("宜兴市", 2021, "secondary_value_added"): 1086.11e8,
    ("宜兴市", 2021, "tertiary_value_added"): 941.54e8,
    ("宜兴市", 2021, "unemployment_rate"): 2.5,  # 城镇登记失业率为2.5%
    ("崇川区", 2022, "gdp"): 1676.93e8,
    ("崇川区", 2022, "gdp_growth"): 2.1,
    ("崇川区", 2022, "gdp_per_capita"): 137775.0,
    ("崇川区", 2022, "gdp_per_capita_growth"): 0.4,
    ("崇川区", 2022, "high_tech_output_share"): 61.51,
    ("崇川区", 2022, "industrial_value_added_growth"): 2.4,
    ("望江县", 2022, "gdp"): 202.5e8,
    ("望江县", 2022, "gdp_growth"): 0.6,
    ("望江县", 2022, "gdp_per_capita"): 44116.0,
    ("望江县", 2022, "industrial_value_added_growth"): -16.0,  # 同比下降16.0%
    ("南漳县", 2022, "gdp"): 378.51e8,
    ("南漳县", 2022, "gdp_growth"): 5.1,
    ("南漳县", 2022, "tertiary_value_added"): 196.36e8,
    ("南漳县", 2022, "new_urban_jobs"): 14703.0,
    ("南漳县", 2022, "unemployment_rate"): 1.67,
    ("云和县", 2022, "gdp"): 951435e4,  # 生产总值(GDP)951435万元
    ("云和县", 2022, "gdp_growth"): -4.1,  # 比上年下降4.1%
    ("云和县", 2022, "resident_population"): 12.74e4,  # 常住人口12.74万人
    ("云和县", 2022, "urbanisation_rate"): 74.02,
    ("云和县", 2021, "gdp"): 972846e4,  # the final 2021 figure: 972846万元
    ("镜湖区", 2022, "gdp"): 791e8,
    ("镜湖区", 2022, "gdp_growth"): 2.5,
    ("镜湖区", 2022, "retail_sales"): 430e8,  # 社会消费品零售总额430亿元
    ("镜湖区", 2022, "retail_sales_growth"): -3.9,  # 同比下降3.9%
    ("镜湖区", 2022, "fixed_asset_investment_growth"): 5.2,
    ("柴桑区", 2022, "gdp"): 2238559e4,  # 生產總值(GDP)2238559萬元 (traditional script)
    ("柴桑区", 2022, "gdp_growth"): 4.9,
    ("柴桑区", 2022, "gdp_per_capita"): 85576.0,
    ("如东县", 2021, "gdp"): 1272.24e8,  # 地區生產總值1272.24億元 (traditional, romanised)
    ("如东县", 2021, "gdp_growth"): 8.9,  # not the two-year average 7.4%
    ("如东县", 2021, "gdp_per_capita"): 144597.0,
    ("如东县", 2021, "gdp_per_capita_growth"): 10.5,
    ("如东县", 2021, "secondary_value_added"): 632.78e8,
}
#: the number as written in the text, for each hand-read value (provenance check)
WRITTEN = {
    ("宜兴市", 2021, "gdp"): "2082.17", ("崇川区", 2022, "gdp"): "1676.93",
    ("望江县", 2022, "gdp"): "202.5", ("南漳县", 2022, "gdp"): "378.51",
    ("云和县", 2022, "gdp"): "951435", ("云和县", 2021, "gdp"): "972846",
    ("镜湖区", 2022, "gdp"): "791", ("柴桑区", 2022, "gdp"): "2238559",
    ("镜湖区", 2022, "retail_sales"): "430", ("如东县", 2021, "gdp"): "1272.24", ("云和县", 2022, "resident_population"): "12.74",
}  # fmt: skip


@pytest.fixture(scope="module")
def bulletin_panel(tmp_path_factory):
    """extract → qci panel --figures on the eight bulletins, as a user runs them."""
    folder = tmp_path_factory.mktemp("bulletins")
    figures = folder / "figures.csv"
    write_figures(extract_paths([BULLETINS], read_sources(SOURCES)), figures)
    out = folder / "panel.csv"
    assert main(["panel", "--figures", str(figures), "--sources", str(SOURCES),
                 "--framework", "bulletin-common", "-o", str(out)]) == 0  # fmt: skip
    panel = pd.read_csv(out)
    conflicts = pd.read_csv(folder / "panel_conflicts.csv")
    return panel, conflicts, figures


def test_panel_has_every_unit_with_its_gdp(bulletin_panel):
    panel, _, _ = bulletin_panel
    assert list(panel.columns) == [
        "unit",
        "year",
        "indicator",
        "value",
        "doc",
        "start",
        "end",
        "quote",
    ]
    units = {"宜兴市", "崇川区", "望江县", "南漳县", "云和县", "镜湖区", "柴桑区", "如东县"}
    assert set(panel["unit"]) == units
    gdp = panel.loc[panel["indicator"] == "gdp"]
    assert set(gdp["unit"]) == units
    assert not panel.duplicated(["unit", "year", "indicator"]).any()


def test_values_are_those_read_by_hand(bulletin_panel):
    panel, _, _ = bulletin_panel
    got = panel.set_index(["unit", "year", "indicator"])["value"]
    for key, value in HAND_READ.items():
        assert key in got.index, key
        np.testing.assert_allclose(got[key], value, rtol=1e-12, err_msg=str(key))


def test_provenance_points_at_the_number_in_its_text(bulletin_panel):
    panel, _, _ = bulletin_panel
    indexed = panel.set_index(["unit", "year", "indicator"])
    for key, written in WRITTEN.items():
        row = indexed.loc[key]
        text = (BULLETINS / row["doc"]).read_text(encoding="utf-8")
        span = text[int(row["start"]) : int(row["end"])]
        assert span.startswith(written), (key, span)
        assert written in row["quote"] and span in row["quote"]
    # every row's span lies in its own document's text and inside its quote
    for doc, start, end, quote in panel[["doc", "start", "end", "quote"]].itertuples(index=False):
        text = (BULLETINS / doc).read_text(encoding="utf-8")
        assert text[start:end] in quote and quote in text


def test_each_unit_comes_from_its_sources_row_title_or_text():
    table = pd.read_csv(SOURCES, dtype=str, keep_default_na=False)
    units = figures_units(table["file"], table, BULLETINS, default="?")
    assert units["yixing_2021.txt"] == "宜兴市"  # sources unit
    assert units["chaisang_2022_traditional.txt"] == "柴桑区"  # the sources title
    assert units["yunhe_2022.txt"] == "云和县"  # the text's first line
    # the extractor's own reading of the unit agrees where it tells one
    told = document_units([BULLETINS], SOURCES).set_index("doc")["unit"]
    assert all(units[doc] == unit for doc, unit in told.items() if unit)
    # no row, no text found: the file name, else the default
    assert figures_units(["2022年丹阳市统计公报.txt", "x.txt"], None, None, "溧阳市") == {
        "2022年丹阳市统计公报.txt": "丹阳市", "x.txt": "溧阳市"}  # fmt: skip


def test_conflicts_are_decided_within_each_unit(bulletin_panel):
    _, conflicts, _ = bulletin_panel
    # 云和县 2022: the text's -4.1% and the revised 2021 growth 9.6% that the extractor
    # dates 2022 (a period error, see the report); the rule keeps the earlier mention
    yunhe = conflicts.loc[
        (conflicts["unit"] == "云和县") & (conflicts["indicator"] == "gdp_growth")
    ]
    assert sorted(yunhe["value"]) == [-4.1, 9.6]
    assert yunhe.loc[yunhe["chosen"], "value"].tolist() == [-4.1]
    # every unit has its own GDP growth: different values of different units are no conflict
    assert set(conflicts.loc[conflicts["indicator"] == "gdp_growth", "unit"]) == {"云和县"}
    assert (conflicts.groupby(["unit", "year", "indicator"])["chosen"].sum() == 1).all()


def test_same_figures_under_two_units_are_two_panels_not_a_conflict(bulletin_panel):
    _, _, figures = bulletin_panel
    frame = pd.read_csv(figures, keep_default_na=False, na_values=[""])
    one = frame.loc[frame["doc"] == "wangjiang_2022.txt"]
    twin = one.assign(doc="copy.txt")
    sources = pd.DataFrame({"file": ["wangjiang_2022.txt", "copy.txt"], "published": ["2023", "2024"],
                            "title": ["", ""], "unit": ["望江县", "另一县"]})  # fmt: skip
    res = panel_from_figures(pd.concat([one, twin]), load_framework("bulletin-common"), sources)
    assert set(res.panel["unit"]) == {"望江县", "另一县"}
    assert res.conflicts.empty
    a = (
        res.panel.loc[res.panel["unit"] == "望江县"]
        .drop(columns=["unit", "doc"])
        .reset_index(drop=True)
    )
    b = (
        res.panel.loc[res.panel["unit"] == "另一县"]
        .drop(columns=["unit", "doc"])
        .reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(a, b)


def test_traditional_subjects_map_like_simplified_ones():
    fw = load_framework("bulletin-common")
    from analysis.panel import match_figures

    rows = pd.DataFrame({
        "doc": "t.txt", "start": [0, 10, 20, 30], "end": [5, 15, 25, 35], "quote": "q",
        "value_base": [1e9, 2e9, 3e4, 4.5], "period": "2022", "is_indicator": "yes",
        "subject": ["地區生產總值", "一般公共預算收入", "城鎮居民人均可支配收入", "社會消費品零售總額增長"],
        "measure": ["level", "level", "level", "growth_pct"],
    })  # fmt: skip
    assert match_figures(rows, fw)["indicator"].tolist() == [
        "gdp", "fiscal_revenue", "income_urban", "retail_sales_growth"]  # fmt: skip


def test_bulletin_panel_feeds_qci_index(bulletin_panel, tmp_path):
    """End to end: the panel's 2022 GDP and three sectors → qci index; the scores equal a
    hand computation (min-max to [0, 100] per indicator, arithmetic mean)."""
    panel, _, _ = bulletin_panel
    indicators = ["gdp", "primary_value_added", "secondary_value_added", "tertiary_value_added"]
    path = tmp_path / "panel.csv"  # the columns a researcher keeps for this index
    panel.loc[panel["indicator"].isin(indicators)].to_csv(path, index=False)
    criteria = tmp_path / "criteria.csv"
    criteria.write_text("indicator,direction\n" + "".join(f"{c},1\n" for c in indicators))
    spec = tmp_path / "spec.yaml"
    spec.write_text("normalise: {method: minmax, l: 0, u: 100}\naggregate: amean\n")
    out = tmp_path / "out"
    assert main(["index", "--data", str(path), "--meta", str(criteria), "--spec", str(spec),
                 "--years", "2022", "-o", str(out)]) == 0  # fmt: skip
    scores = pd.read_csv(out / "scores.csv")
    top = scores.loc[scores["iCode"] == "Index"].set_index("unit")["score"]
    hand = {  # 亿元, read from the texts: GDP, primary, secondary, tertiary
        "崇川区": (1676.93, 1.29, 545.85, 1129.78), "望江县": (202.5, 36.03, 79.52, 86.95),
        "南漳县": (378.51, 67.69, 114.46, 196.36), "云和县": (95.1435, 5.7116, 44.5964, 44.8355),
        "镜湖区": (791, 2.85, 116.31, 671.84), "柴桑区": (223.8559, 23.7084, 101.0878, 99.0597),
    }  # fmt: skip
    x = np.array(list(hand.values()))
    normalised = 100 * (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))
    expected = pd.Series(normalised.mean(axis=1), index=list(hand))
    assert set(top.index) == set(hand)  # 宜兴市 has no 2022 bulletin here
    np.testing.assert_allclose(top[expected.index].to_numpy(), expected.to_numpy(), rtol=1e-9)


def test_revenue_income_and_population_sentences_of_our_own(tmp_path):
    """The fixtures' openings hold no fiscal or income section: sentences of our own, in
    simplified and in traditional script, give revenue, incomes and population, and each
    text's unit from its first line (丙丁縣 → 丙丁县)."""
    (tmp_path / "s.txt").write_text(
        "2023年甲乙市国民经济和社会发展统计公报\n全年一般公共预算收入87.6亿元,比上年增长5.2%。"
        "城镇居民人均可支配收入65432元,增长4.8%;农村居民人均可支配收入34567元,增长6.9%。"
        "年末常住人口78.9万人。\n",
        encoding="utf-8",
    )
    (tmp_path / "t.txt").write_text(
        "2023年丙丁縣國民經濟和社會發展統計公報\n全年一般公共預算收入87.6億元,比上年增長5.2%。"
        "城鎮居民人均可支配收入65432元,增長4.8%;農村居民人均可支配收入34567元,增長6.9%。"
        "年末常住人口78.9萬人。\n",
        encoding="utf-8",
    )
    (tmp_path / "sources.csv").write_text("file,published\ns.txt,2024\nt.txt,2024\n")
    figures = extract_paths(
        [tmp_path / "s.txt", tmp_path / "t.txt"], read_sources(tmp_path / "sources.csv")
    )
    res = panel_from_figures(figures, load_framework("bulletin-common"), tmp_path / "sources.csv")
    got = res.panel.set_index(["unit", "indicator"])["value"]
    for unit in ("甲乙市", "丙丁县"):
        assert (res.panel.loc[res.panel["unit"] == unit, "year"] == 2023).all()
        assert got[(unit, "fiscal_revenue")] == pytest.approx(87.6e8, rel=1e-12)
        assert got[(unit, "fiscal_revenue_growth")] == pytest.approx(5.2)
        assert got[(unit, "income_urban")] == 65432 and got[(unit, "income_rural")] == 34567
        assert got[(unit, "income_urban_growth")] == pytest.approx(4.8)
        assert got[(unit, "income_rural_growth")] == pytest.approx(6.9)
        assert got[(unit, "resident_population")] == pytest.approx(78.9e4, rel=1e-12)
