"""Extraction errors found by blind round 12 (tests/data/extract/blind12/: a county bulletin
in a traditional-script mirror, a county work report, a county news item and a plan report
copied from a PDF), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 12" entries): spaces a PDF leaves inside figures (§4, §5), year ranges with 年 on
both ends (§4, §5), back-references to lists (§2), programme names holding 计划 (§7),
policy item counts in quotes (§11), one project's planned size (§7, §11), streaks in
quarters (§5), and the dimensions of price categories, composite assessments and
innovation (§10).
"""

from __future__ import annotations

import pandas as pd
from extract_helpers import rule_helpers

figures, row = rule_helpers("2023-03")


# Spaces a PDF leaves inside figures (§4, §5) -----------------------------------------
PDF_TEXT = (
    "——2023 年 2 月 8 日在某县第十八届人民代表大会第二次会议上\n"
    "2022 年,全县实现地区生产总值 512. 6 亿元,增长 5. 3%;城镇居民人均可支配收入 51230 元,"
    "农村居民人均可支配收入 28710 元,分别增长 4. 8% 、6. 1%。\n"
    "1. 2022 年重点工作\n今年是建县 70 周年,综合实力位列全省第 3 名。"
)


def test_a_pdf_copy_keeps_its_spaced_figures_whole():
    assert row(PDF_TEXT, "2023 年 2 月 8 日")["period"] == "2023-02-08"
    gdp = row(PDF_TEXT, "512. 6 亿元")
    assert (gdp["value"], gdp["unit"], gdp["value_base"]) == (512.6, "亿元", 5.126e10)
    assert gdp["measure"] == "level" and gdp["period"] == "2022"
    assert row(PDF_TEXT, "5. 3%")["value"] == 5.3
    income = row(PDF_TEXT, "51230 元")
    assert (income["value_base"], income["base_unit"], income["measure"]) == (51230, "元", "level")
    assert row(PDF_TEXT, "4. 8%")["subject"].startswith("城镇居民")
    years = figures(PDF_TEXT).query("surface == '2022 年'")
    assert years["unit"].tolist() == ["年", "年"] and years["period"].tolist() == ["2022", "2022"]
    anniversary = row(PDF_TEXT, "70 周年")
    assert (anniversary["unit"], anniversary["measure"], anniversary["is_indicator"]) == (
        "周年", "other", "no")
    rank = row(PDF_TEXT, "第 3 名")
    assert (rank["value"], rank["measure"]) == (3, "rank")
    # a list number before a year stays apart: 1. and 2022 年
    assert "1. 2022 年" not in figures(PDF_TEXT)["surface"].tolist()


def test_one_spaced_year_is_no_pdf_copy():
    # a single `2021 年` in a typed text is a typo: the year without 年, as round 11 read it
    assert row("2021 年全县新增企业300家。", "2021")["period"] == "2021"
    found = figures("第1. 2节说明了方法。")
    assert "1. 2" not in found["surface"].tolist()


# Year ranges with 年 on both ends (§4, §5) ---------------------------------------------
def test_a_dashed_year_range_with_two_year_characters_is_one_date_row():
    found = figures("注:2017年—2020年数据根据三农普调整。")
    dates = found[found["unit"] == "日期"]
    assert dates["surface"].tolist() == ["2017年—2020年"]
    assert dates["period"].tolist() == ["2017..2020"]
    # 至 keeps two year rows (round 9)
    assert figures("2011年至2023年")["surface"].tolist() == ["2011年", "2023年"]


# Not rows (§2) -------------------------------------------------------------------------
def test_a_count_of_the_lists_just_named_is_no_row():
    text = "先后入选全国百强县、全国绿色发展百强县等三个“全国百强县”榜单。"
    assert "三个" not in figures(text)["surface"].tolist()


# Measures (§7) -------------------------------------------------------------------------
def test_plan_in_a_programme_name_is_no_goal():
    assert row("全年承担国家重点研发计划项目3个。", "3个", "2023-01")["measure"] == "count"
    assert row("入选省双创计划人才12人。", "12人", "2023-01")["measure"] == "count"
    # 计划 as a verb still sets a goal
    assert row("全年计划实施重大项目120个。", "120个", "2023-01")["measure"] == "target"


def test_a_quoted_policy_item_count_is_no_indicator():
    for text, surface in (("出台稳增长“42条”。", "42条"), ("出台“助企纾困30条”。", "30条")):
        found = row(text, surface)
        assert (found["measure"], found["period"], found["is_indicator"]) == ("other", "", "no")
        assert pd.isna(found["value_base"]) and found["base_unit"] == ""


def test_the_planned_investment_of_one_project_is_no_indicator():
    found = row("总投资超500亿元的某某新材料产业园项目开工建设。", "500亿元")
    assert (found["measure"], found["is_indicator"], found["dimension"]) == ("target", "no", "none")
    # a county-wide total stays a level
    county = row("全年完成固定资产投资总投资超500亿元。", "500亿元")
    assert county["is_indicator"] == "yes"


# Units (§5) ----------------------------------------------------------------------------
def test_a_streak_in_quarters_is_a_streak():
    found = row("在全市项目考核中连续6个季度获得第一。", "6个季度")
    assert (found["unit"], found["base_unit"], found["measure"], found["is_indicator"]) == (
        "个季度", "季度", "other", "no")


# Dimensions (§10) ----------------------------------------------------------------------
def test_price_categories_are_economic_development():
    text = "八大类价格“五升三降”:教育文化和娱乐上涨2.1%,医疗保健上涨0.6%,其他用品和服务上涨3.2%,交通和通信下降2.4%。"
    for surface in ("2.1%", "0.6%", "3.2%", "2.4%"):
        assert row(text, surface)["dimension"] == "经济发展", surface
    # health spending of households stays common prosperity
    assert row("人均医疗保健消费支出2100元。", "2100元")["dimension"] == "共同富裕"


def test_a_composite_assessment_has_no_dimension():
    found = row("全面小康实现程度达98.1%。", "98.1%", "2020-01")
    assert (found["measure"], found["dimension"]) == ("share_pct", "none")


def test_innovation_and_opening_up_names():
    for text, surface in (("新增制造业单项冠军3家。", "3家"), ("新增两化融合贯标企业12家。", "12家"),
                          ("获批省科技专项资助项目5个。", "5个"), ("对外直接投资1.2亿美元。", "1.2亿美元")):
        assert row(text, surface)["dimension"] == "开放创新", text
