"""Extraction errors found by blind round 16 (tests/data/extract/blind16/: the opening of a
district's 2018 bulletin, news of a district's first half of 2019 and its place in a list
of 百强区, the end of the review of a county's 2023 government work report, a county's
analysis of its first half of 2023), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 16" entries).
"""

from __future__ import annotations

import pandas as pd

from analysis.extract import extract_text


def figures(text: str, published: str | None = "2024-08") -> pd.DataFrame:
    return extract_text(text, "t.txt", published)


def row(text: str, surface: str, published: str | None = "2024-08", nth: int = 0) -> pd.Series:
    """The ``nth`` row whose surface is ``surface``."""
    found = figures(text, published)
    hits = found[found["surface"] == surface]
    assert len(hits) > nth, found[["surface", "value"]].to_dict("records")
    return hits.iloc[nth]


# Periods (§8) ---------------------------------------------------------------------------
HALF_YEAR_TEXT = (
    "上半年,某县经济运行稳中向好,主要指标较一季度明显回升。\n"
    "一、主要指标完成情况\n"
    "上半年,全县实现地区生产总值320.5亿元,增长6.1%,较一季度提升0.8个百分点。\n"
    "1、农业生产平稳。上半年,全县农业增加值12.3亿元,增长3.2%。全县油菜种植面积18.6万亩,"
    "增长1.1%。全县畜牧业稳定,二季度当季肉牛出栏1.2万头,增长5.3%。水产品产量2.4万吨,"
    "增长4.4%。\n"
    "2、工业增长较快。工业增加值150.2亿元,增长9.6%,全市排名第二。"
)


def test_a_quarter_before_which_a_change_is_measured_is_its_base_not_its_period():
    # 较一季度提升0.8个百分点: the change over the first quarter, of the running half year
    found = row(HALF_YEAR_TEXT, "0.8个百分点")
    assert found["measure"] == "change_abs"
    assert found["period"] == "2024H1"


def test_a_quarter_other_than_the_first_is_a_period():
    # 二季度当季…: April to June, to the end of the paragraph (水产品产量 after it)
    for surface in ("1.2万头", "5.3%", "2.4万吨", "4.4%"):
        assert row(HALF_YEAR_TEXT, surface)["period"] == "2024-04..2024-06", surface
    text = "三季度,全县完成工业投资32.1亿元。第四季度,全县完成工业投资40.2亿元。"
    assert row(text, "32.1亿元", published="2024-11")["period"] == "2024-07..2024-09"
    assert row(text, "40.2亿元", published="2025-03")["period"] == "2024-10..2024-12"


def test_a_quarter_in_a_meeting_name_or_a_streak_is_no_period():
    text = "9月28日,区政府召开三季度经济形势分析会,要求全年地区生产总值增长6%。"
    assert row(text, "6%")["period"] == "2024"
    text = "全县出口连续三季度保持增长,出口额达12.5亿元。"
    assert row(text, "12.5亿元")["period"] == "2024"


def test_a_half_year_heading_a_sentence_reaches_the_rest_of_its_paragraph():
    # 上半年 after 1、农业生产平稳。: the sentences after it in the paragraph, until 二季度
    for surface in ("18.6万亩", "1.1%"):
        assert row(HALF_YEAR_TEXT, surface)["period"] == "2024H1", surface
    # after a paragraph headed by 今年以来 (the nearest cue wins), a status word excepted
    text = (
        "今年以来,某区坚持稳中求进。上半年,全区实现GDP360.0亿元。服务业增加值增幅全市第一。"
        "城镇居民人均可支配收入增长6.4%。目前,全区拥有高新技术企业312家。"
    )
    for surface in ("第一", "6.4%"):
        assert row(text, surface, "2024-10")["period"] == "2024H1", surface
    assert row(text, "312家", "2024-10")["period"] == "2024"


def test_a_month_range_written_as_a_date_still_dates_only_its_sentence():
    # blind/b3: 1—9月,…。全区培育…龙头企业三十余家: a stock at publication
    text = "1—9月,全区实现农业总产值61.7亿元。全区培育龙头企业32家。"
    assert row(text, "32家", "2024-11")["period"] == "2024"


def test_a_text_opening_with_its_half_year_dates_its_undated_figures_by_it():
    # 2、工业增长较快。…: no cue in the paragraph; the text is about the first half
    for surface in ("150.2亿元", "9.6%", "第二"):
        assert row(HALF_YEAR_TEXT, surface)["period"] == "2024H1", surface
    assert row(HALF_YEAR_TEXT, "150.2亿元")["is_indicator"] == "yes"
    # a text opening with a date is not about a part of the year
    text = "10月8日,某区发布报告。\n全区拥有规上企业412家。"
    assert row(text, "412家", "2024-10")["period"] == "2024"


WORK_REPORT_TEXT = (
    "导航菜单\n\n"
    "某县人民政府工作报告(2024年2月20日)\n\n"
    "  安全形势稳定。排查整改各类隐患12345项,安全生产事故起数下降21.5%。"
    "实施治污工程312个,空气优良率位居全省前十。\n\n"
    "  各位代表,过去一年,我们办理人大代表建议156件。\n\n"
    "  今年是全面贯彻党的二十大精神的关键之年。全县地区生产总值增长6%左右。"
)


def test_a_spring_work_report_without_a_stated_year_reviews_the_year_before():
    # an excerpt starting inside the review: its undated figures are of 2023 (过去一年)
    for surface in ("12345项", "21.5%", "312个", "前十", "156件"):
        assert row(WORK_REPORT_TEXT, surface, "2024-02-20")["period"] == "2023", surface
    # after the text turns to 今年, the publication year
    assert row(WORK_REPORT_TEXT, "6%", "2024-02-20")["period"] == "2024"
    # published in the autumn, or news of a report (a sentence, not a title): as published
    assert row(WORK_REPORT_TEXT, "12345项", "2024-09")["period"] == "2024"
    news = "某县召开人代会\n\n政府工作报告显示,全县排查整改各类隐患12345项。"
    assert row(news, "12345项", "2024-02-20")["period"] == "2024"
