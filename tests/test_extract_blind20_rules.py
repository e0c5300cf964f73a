"""Extraction errors found by blind round 20 (tests/data/extract/blind20/: a county-level
city's 2024 government work report in a traditional-script mirror with romanisation, news
of a district's work report of January 2022 with its five-year review, news of a
district's first half of 2019, a district's 2024 bulletin), one test per error kind on
sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 20" entries).
"""

from __future__ import annotations

from extract_helpers import REQUIRED, rule_helpers

figures, row = rule_helpers(REQUIRED, one_row=False)


# Periods (§8) ---------------------------------------------------------------------------
HALF_YEAR_LEAD = (
    "GDP达312亿,增长6.8%,位居全市第二;工业投资增长15.1%,位列全市第一……上半年,某区经济"
    "稳中有进。统计局数据显示,今年上半年,全区地区生产总值完成312.46亿元,增长6.8%。\n"
    "分析人士表示,今年以来,全区经济经受住了考验,6.8%的增幅较一季度提高了0.4个百分点。\n"
)


def test_a_lead_of_figures_before_a_half_year_is_of_that_half_year():
    for surface in ("312亿", "6.8%", "第二", "15.1%", "第一"):
        assert row(HALF_YEAR_LEAD, surface, "2019")["period"] == "2019H1", surface


def test_since_the_start_of_the_year_in_a_half_year_text_is_that_half_year():
    assert row(HALF_YEAR_LEAD, "0.4个百分点", "2019")["period"] == "2019H1"
    assert row(HALF_YEAR_LEAD, "6.8%", "2019", nth=2)["period"] == "2019H1"


def test_a_half_year_after_a_stated_year_does_not_date_the_lead():
    text = "2018年某区入选百强区榜单。\nGDP达312亿,增长6.8%……上半年,某区经济稳中有进。\n"
    assert row(text, "312亿", "2019")["period"] == "2019"


FIVE_YEARS = (
    "江南时报讯 1月6日,某区人民代表大会开幕。区长向大会作区政府工作报告。\n"
    "  区长说,过去的五年,全区地区生产总值年均增长6.7%,一般公共预算收入年均增长8.2%。"
    "电子信息产业产值突破1200亿元,生物医药产业产值年均增速超20%,高新技术产业、新兴产业产值"
    "占规模以上工业总产值比重分别达55.5%和58%。新增上市企业12家。\n"
    "  2021年,全区预计完成地区生产总值1650亿元。\n"
)


def test_a_span_heading_a_speakers_paragraph_reaches_its_later_sentences():
    assert row(FIVE_YEARS, "6.7%", "2022-01-07")["period"] == "2017..2021"
    assert row(FIVE_YEARS, "20%", "2022-01-07")["period"] == "2017..2021"
    assert row(FIVE_YEARS, "12家", "2022-01-07")["period"] == "2017..2021"
    # a year after 报告指出 stays the year the report reviews: the streak after it is of it
    review = "报告指出,2021年,全区实现了良好开局。全区连续3年获评先进,地区生产总值增长8.1%。"
    assert row(review, "3年", "2022-01-20")["period"] == "2021"


def test_levels_and_shares_reached_over_a_span_are_of_its_last_year():
    for surface in ("1200亿元", "55.5%", "58%"):
        assert row(FIVE_YEARS, surface, "2022-01-07")["period"] == "2021", surface
    # a total accumulated over the span keeps the span
    text = "区长向大会作区政府工作报告。\n  区长说,过去的五年,全区累计完成固定资产投资达2600亿元。\n"
    assert row(text, "2600亿元", "2022-01-07")["period"] == "2017..2021"


# Base units (§5, §6) ----------------------------------------------------------------------
def test_a_year_in_brackets_after_a_title_is_a_year():
    found = row("某市人民政府工作报告(2024)\n——2024年1月9日在某市人民代表大会上\n", "2024",
                "2024-01-09")
    assert found["value_base"] == 2024
    assert found["base_unit"] == "年"
    assert found["period"] == "2024"
    # a bracketed list number stays a label
    label = row("(1)农业生产平稳。全年粮食产量增长1.2%。", "1", "2024-03")
    assert label["base_unit"] == ""


def test_gdp_in_a_bare_scale_is_money():
    found = row("上半年,GDP达312亿,增长6.8%。", "312亿", "2019")
    assert found["base_unit"] == "元"
    assert found["value_base"] == 312e8


# Dimensions (§10) -----------------------------------------------------------------------
def test_an_industry_of_medical_devices_is_economic():
    found = row("2023年,全区医疗器械产业产值增长12.5%。", "12.5%", "2024-03")
    assert found["dimension"] == "经济发展"
    # medical care itself stays 共同富裕
    assert row("2023年,全区新增医疗床位320张。", "320张", "2024-03")["dimension"] == "共同富裕"


def test_high_tech_manufacturing_is_innovation():
    found = row("2023年,全区高技术制造业投资占比28.6%,位列全市第一。", "28.6%", "2024-03")
    assert found["dimension"] == "开放创新"


def test_a_themed_subject_paired_with_a_respectively_item_gives_its_dimension():
    text = "2023年,全区高新技术产业、新兴产业产值占规模以上工业总产值比重分别达55.5%和58%。"
    assert row(text, "55.5%", "2024-03")["dimension"] == "开放创新"
    assert row(text, "58%", "2024-03")["dimension"] == "经济发展"
