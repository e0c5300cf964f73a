"""The figures sections of the annual report (issue 13): prose counted from the tables
shown, like with like across the years, official rankings, quotes and numbers as a
reader of each language writes them."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import figures_sections as fs
from analysis import report
from analysis import report_figures as rf
from analysis.figures_display import gloss, kind_label, measure_name, period_label

FIXTURES = Path(__file__).parent / "data" / "render"
FIGURES = str(FIXTURES / "figures.csv")
SOURCES = str(FIXTURES / "sources.csv")


@pytest.fixture(scope="module")
def figures():
    return rf.read_figures(FIGURES)


@pytest.fixture(scope="module")
def reports():
    return rf.sources(SOURCES)


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [("2023", "2023年", "2023"), ("2023-01..2023-11", "2023年1–11月", "Jan–Nov 2023"),
     ("2024H1", "2024年上半年", "H1 2024"), ("2021..2024", "2021–2024年", "2021–2024"),
     ("2024-08", "2024年8月", "Aug 2024"), ("2022-09-21", "2022年9月21日", "21 Sep 2022"),
     ("", "—", "—"), (None, "—", "—")],
)  # fmt: skip
def test_the_period_is_written_for_the_reader(period, zh, en) -> None:
    assert period_label(period, "zh") == zh
    assert period_label(period, "en") == en


def test_kinds_of_period_and_measures_are_named() -> None:
    assert [kind_label(k, "zh") for k in ("year", "H1", "01..11", "08..08", "4 years")] == [
        "全年", "上半年", "1–11月", "8月", "截至当年的4年"
    ]
    assert kind_label("01..08", "en") == "Jan–Aug"
    assert (measure_name("growth_pct", "zh"), measure_name("growth_pct", "en")) == ("增速", "Growth")
    assert (measure_name("level", "zh"), measure_name("share_pct", "en")) == ("水平", "Share")


@pytest.mark.parametrize(
    ("surface", "value", "unit", "measure", "en"),
    [("1560亿元", 1.56e11, "元", "level", "156 billion yuan"),
     ("3039.6亿元", 3.0396e11, "元", "level", "303.96 billion yuan"),
     ("1430.75万人次", 1.43075e7, "人次", "level", "14.3075 million visits"),
     ("5.48万元", 54800.0, "元", "level", "54,800 yuan"),
     ("近100家", 100.0, "家", "count", "nearly 100"),
     ("2.2亿余条", 2.2e8, "条", "level", "over 220 million"),
     ("9%", 9.0, "%", "growth_pct", "9%"),
     ("1.75:1", 1.75, "ratio", "ratio", "1.75 : 1"),
     ("第7位", 7.0, "rank", "rank", "7th"), ("第一", 1.0, "rank", "rank", "1st"),
     ("第22位", 22.0, "rank", "rank", "22nd"), ("第13位", 13.0, "rank", "rank", "13th"),
     ("前十", 10.0, "rank", "rank", "top 10"), ("第一等次", 1.0, "rank", "rank", "first grade"),
     ("Ⅱ类", 2.0, "类", "level", "class II"), ("2023年", 2023.0, "年", "other", "2023"), ("75年", 75.0, "年", "other", "75 years")],
)  # fmt: skip
def test_figures_are_glossed_in_english_and_kept_as_written_in_chinese(surface, value, unit, measure, en) -> None:
    assert gloss(surface, value, unit, measure, "en") == en
    assert gloss(surface, value, unit, measure, "zh") == surface


def test_headline_choice_leaves_out_targets_parts_repeats_and_overall_rankings(figures, reports) -> None:
    choice = rf.headline_choice(rf.figures_of_year(figures, 2023), reports).set_index("subject")
    assert choice.loc["规上工业企业数(目标)", "left_out"] == "target"
    assert choice.loc["其中复核通过的小巨人企业数", "left_out"] == "part"
    assert choice.loc["中国县域高质量发展百强县排名", "left_out"] == "ranking"
    assert choice.loc["国家级试点数", "left_out"] == "other"
    assert choice.loc["规上工业总产值", "left_out"] == ""
    repeated = pd.concat([figures.iloc[[24]], figures.iloc[[24]].assign(doc="002_589421f6fae09c1c.txt")])
    twice = rf.headline_choice(repeated, reports)
    assert twice["left_out"].tolist() == ["", "repeat"]  # 003 (2023-12) is later than 002 (2022-09-30)


def test_one_figure_sits_under_one_quality(figures) -> None:
    ratio = figures.iloc[[24]].assign(subject="城乡居民收入差距比", measure="ratio", dimension="城乡融合")
    assert rf.figure_qualities(ratio).tolist() == ["共同富裕"]  # the framework's, as in the panel
    other = figures.iloc[[24]].assign(subject="国家湿地公园数", measure="count", dimension="生态环境")
    assert rf.figure_qualities(other).tolist() == ["生态环境"]  # maps to no indicator: its own


def test_official_rankings_by_hand(reports) -> None:
    rows = pd.DataFrame(
        [
            {"doc": "000_0d2eef7af077c679.txt", "start": 298, "surface": "第20位", "value_base": 20,
             "measure": "rank", "period": "2021..2024", "subject": "综合实力全国千亿县排名",
             "dimension": "none", "is_indicator": "yes", "quote": "溧阳综合实力跃居全国59个“千亿县”第20位", "note": ""},
            {"doc": "000_0d2eef7af077c679.txt", "start": 310, "surface": "第7位", "value_base": 7,
             "measure": "rank", "period": "2021..2024", "subject": "全省县市排名", "dimension": "none",
             "is_indicator": "yes", "quote": "全省40个县市第7位", "note": ""},
            {"doc": "003_9b7b330a6bb3443f.txt", "start": 326, "surface": "第21位", "value_base": 21,
             "measure": "rank", "period": "2023", "subject": "中国县域高质量发展百强县排名", "dimension": "none",
             "is_indicator": "yes", "quote": "位列中国县域高质量发展百强县**第21位**", "note": ""},
            {"doc": "002_589421f6fae09c1c.txt", "start": 521, "surface": "前十", "value_base": 10,
             "measure": "rank", "period": "2022", "subject": "县域高质量发展考评全省排名", "dimension": "none",
             "is_indicator": "yes", "quote": "县域高质量发展考评蝉联全省前十", "note": ""},
            {"doc": "000_0d2eef7af077c679.txt", "start": 1233, "surface": "第一等次", "value_base": 1,
             "measure": "target", "period": "2024", "subject": "常州高质量发展考核等次(目标)",
             "dimension": "none", "is_indicator": "yes", "quote": "争创第一等次", "note": ""},
            {"doc": "003_9b7b330a6bb3443f.txt", "start": 371, "surface": "第17位", "value_base": 17,
             "measure": "rank", "period": "2023", "subject": "中国工业百强县(市)排名", "dimension": "经济发展",
             "is_indicator": "yes", "quote": "中国工业百强县(市)第17位", "note": ""},
        ]
    )  # fmt: skip
    zh = rf.official_rankings(rows, reports, None, "zh")
    assert list(zh.columns) == list(rf.RANKING_COLUMNS)
    assert zh["rank"].tolist() == ["第20位", "第7位", "第21位", "前十"]  # no target, no sector rank
    assert zh["out_of"].tolist() == [59, 40, 100, pd.NA] or zh["out_of"].iloc[:3].tolist() == [59, 40, 100]
    assert zh["out_of"].isna().tolist() == [False, False, False, True]
    assert zh.loc[2, "quote"] == "位列中国县域高质量发展百强县第21位"
    assert zh.loc[0, "what_it_measures"].startswith("全国地区生产总值超过千亿元")
    assert zh.loc[0, "source"] == "署名文章(中共溧阳市委书记)，2024-09"
    en = rf.official_rankings(rows, reports, None, "en", glossary={"全省县市排名": "Provincial rank"})
    assert en["rank"].tolist() == ["20th", "7th", "21st", "top 10"]
    assert en.loc[1, "ranking"] == "Provincial rank"
    assert not en["what_it_measures"].str.contains(r"[\u4e00-\u9fff]").any()
    praised = rows.iloc[[3]].assign(subject="工作获省政府督查激励排名", quote="位居全省县市区第一", surface="第一")
    assert rf.official_rankings(praised, reports, None, "zh").loc[0, "what_it_measures"].startswith("获省政府督查激励")
    only = rf.official_rankings(rows, reports, "溧阳市", "zh", units=dict.fromkeys(rows["doc"], "溧阳市") | {"002_589421f6fae09c1c.txt": "别处"})
    assert len(only) == 3


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?<![\d.])\d+(?![\d.])", text)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_headline_intro_counts_the_tables_shown_under_it(lang) -> None:
    ctx = report.report_context("liyang", 2023, None, lang)
    parts = fs.headline_section(ctx, FIGURES, SOURCES)
    intro = next(p for p in parts if isinstance(p, str) and ("份报告给出" in p or "report(s) give" in p))
    tables = [p for p in parts if isinstance(p, pd.DataFrame)]
    sources, by_quality, rankings = tables[0], tables[1:-1], tables[-1]
    n_reports = _numbers(intro)[0]
    n_figures = int(re.search(r"(\d+) (?:个标志性数字|headline figures)", intro).group(1))
    assert n_figures == sum(len(t) for t in by_quality) == sources.iloc[:, -1].sum()
    assert n_reports == len(sources)
    headings = [p for p in parts if isinstance(p, str) and p.startswith("### ")][: len(by_quality)]
    assert [_numbers(h)[-1] for h in headings] == [len(t) for t in by_quality]
    ranking_intro = next(p for p in parts if isinstance(p, str) and ("项官方排名" in p or "official ranking" in p))
    assert _numbers(ranking_intro)[0] == len(rankings) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sections_read_as_written_for_their_reader(lang) -> None:
    ctx = report.report_context("liyang", 2023, None, lang)
    parts = fs.headline_section(ctx, FIGURES, SOURCES) + fs.years_section(ctx, FIGURES, SOURCES)
    han = re.compile(r"[\u4e00-\u9fff]")
    for part in parts:
        if isinstance(part, str):
            assert "**第" not in part and "is_indicator" not in part
            if lang == "en":
                assert not han.search(part.replace("“", "").replace("”", "")), part
            continue
        cells = part.astype(str)
        assert not cells.isin(["nan", "NaN", "None", "<NA>"]).any().any()
        assert not cells.apply(lambda c: c.str.contains(r"\*\*|\n|^(?:growth_pct|share_pct|level|count)$")).any().any()
        assert not any(re.fullmatch(r"\d,\d{3}", str(c)) for c in part.columns)  # no "2,023"
        if lang == "en":  # Chinese only in quotes, report titles and publishers (citations)
            quoted = {"Quote (Chinese source)", "Report", "Publisher", "Source"}
            for column in part.columns:
                if column not in quoted:
                    assert not cells[column].str.contains(han).any(), (column, cells[column].tolist())


def test_years_section_counts_and_sets_part_years_apart() -> None:
    ctx = report.report_context("liyang", 2023, None, "zh")
    parts = fs.years_section(ctx, FIGURES, SOURCES)
    intro = parts[1]
    values = next(p for p in parts if isinstance(p, pd.DataFrame) and "统计期" in p.columns)
    n_indicators, n_rows, n_values = _numbers(intro)[:3]
    assert n_rows == len(values)
    years = [c for c in values.columns if c.isdigit()]
    assert n_values == int((values[years] != "—").to_numpy().sum())
    assert n_indicators == values["指标"].nunique()
    output = values.set_index("指标")
    assert output.loc["规上工业总产值", "统计期"] == "1–11月"
    assert output.loc["规上工业总产值", "2023"] == "3039.6亿元"


def test_across_years_of_a_series_keeps_kinds_of_period_in_rows() -> None:
    from analysis.panel import figures_framework

    fw = figures_framework()
    series = pd.DataFrame(
        {"unit": "溧阳市", "year": [2022, 2022, 2023], "indicator": "tourists",
         "period_kind": ["01..08", "07..08", "year"], "value": [1.43075e7, 6.018e6, 2.0e7],
         "surface": ["1430.75万人次", "601.8万人次", "2000万人次"], "base_unit": "人次", "measure": "level"}
    )  # fmt: skip
    zh = report.across_years(series, fw, "zh")
    assert zh.iloc[:, 2].tolist() == ["全年", "1–8月", "7–8月"]
    assert zh[2023].tolist() == ["2000万人次", np.nan, np.nan][:1] + zh[2023].tolist()[1:]
    assert zh[2022].tolist()[1:] == ["1430.75万人次", "601.8万人次"] and pd.isna(zh.loc[0, 2022])
    en = report.across_years(series, fw, "en")
    assert en.loc[1, 2022] == "14.3075 million visits" and en.iloc[0, 2] == "full year"


def test_with_gaps_shown_keeps_years_whole_and_dashes_every_gap() -> None:
    table = pd.DataFrame(
        {"year": [2023.0, np.nan], "n": pd.array([1200, None], dtype="Int64"), "name": ["a", None]}
    )
    shown = report.with_gaps_shown(table)
    assert shown["year"].tolist() == ["2023", "—"]
    assert shown["n"].tolist() == ["1,200", "—"]
    assert shown["name"].tolist() == ["a", "—"]


def test_tables_show_without_row_numbers_and_render_the_same_html_twice() -> None:
    table = pd.DataFrame({"指标": ["地区生产总值"], "数字": ["1560亿元"], "出处": ["署名文章(中共溧阳市委书记)，2024-09"]})
    html = fs.styled(table).to_html()
    assert html == fs.styled(table.copy()).to_html()  # no random uuid
    assert "row_heading" not in html  # the row-number index is hidden
    assert html.count("white-space: nowrap") == 1  # the short figure stays on one line, the source wraps
    named = pd.DataFrame({"2023": [1]}, index=pd.Index(["经济发展"], name="维度"))
    assert "经济发展" in fs.styled(named).to_html()  # an index that names rows is kept


def test_another_unit_gets_no_figures_of_the_focus() -> None:
    """The reports are Liyang's: a report following 宜兴市 shows none of their figures."""
    ctx = report.report_context("liyang", 2023, "宜兴市", "zh")
    parts = fs.headline_section(ctx, FIGURES, SOURCES) + fs.years_section(ctx, FIGURES, SOURCES)
    assert not [p for p in parts if isinstance(p, pd.DataFrame)]
    assert any("没有给出宜兴市" in p for p in parts) and any("没有引用宜兴市" in p for p in parts)
