"""Extraction errors found by blind round 17 (tests/data/extract/blind17/: a district's 2021
bulletin, a district's 2021 bulletin in a traditional mirror, a district's 2023 bulletin in a
traditional forum copy, a district's news of January 2018 on its year 2017), one test per
error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"rounds 17 and 18" entries).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2024-08", one_row=False)


# Rows (§2, §4, §5) ----------------------------------------------------------------------
def test_ordinal_with_gen_is_a_row():
    # 第一根梁: an ordinal like 第一家 (value 1, unit 根, no base, no period)
    found = row("上午,跨河大桥的第一根桩基开始浇筑。", "第一根")
    assert found["value"] == 1 and found["unit"] == "根"
    assert found["measure"] == "other" and found["period"] == "" and found["is_indicator"] == "no"


def test_daguan_is_no_unit():
    # 突破60亿大关: 大关 (a milestone) is no unit; a money total with a scale only (§14)
    text = "2023年,全县一般公共预算收入突破60亿大关。"
    found = row(text, "60亿", "2024")
    assert found["unit"] == "亿" and found["base_unit"] == "元" and found["measure"] == "level"
    assert found["value_base"] == 6e9 and found["period"] == "2023"
    assert found["is_indicator"] == "yes" and found["dimension"] == "经济发展"


# Periods (§8) ---------------------------------------------------------------------------
def test_month_after_qunian_is_of_the_year_before():
    # 从去年5月份以来 in a text of January 2024: May 2023
    found = row("从去年5月份以来,全县累计完成投资8亿元。", "5月份", "2024-01")
    assert found["period"] == "2023-05"
    assert row("今年5月份,全县完成投资8亿元。", "5月份", "2024-08")["period"] == "2024-05"


def test_start_rank_after_you_is_of_the_list_before():
    # 由第45位跃升至第38位: the start rank is the place in the list of the year before
    text = "2023年,在全国百强区榜单上,该区由第45位跃升至第38位。"
    assert row(text, "第38位", "2024-01")["period"] == "2023"
    assert row(text, "第45位", "2024-01")["period"] == "2022"
    # a rank with no move stays of its year
    assert row("2023年,该区位列全国百强区第38位。", "第38位", "2024-01")["period"] == "2023"


# Dimensions (§10) -----------------------------------------------------------------------
def test_farm_output_after_nongye_is_economic():
    # 其中,农业30.15亿元,增长4.0%: farm output, 经济发展 (§10), not the rural 农业 keyword
    text = "2023年,全县农林牧渔业总产值50.2亿元。其中,农业30.15亿元,增长4.0%;渔业8.2亿元,增长2.0%。"
    assert row(text, "30.15亿元", "2024")["dimension"] == "经济发展"
    assert row(text, "4.0%", "2024")["dimension"] == "经济发展"
    # a rural programme stays 城乡融合
    assert row("2023年,全县新建高标准农田3.5万亩。", "3.5万亩", "2024")["dimension"] == "城乡融合"


def test_market_entities_are_economic():
    # after a clause on foreign firms, the next entities are not opening-up's
    text = "年末全县实有外资企业1986户;个体工商户8.5万户;农民专业合作社610户。"
    assert row(text, "8.5万户", "2024")["dimension"] == "经济发展"
    assert row(text, "610户", "2024")["dimension"] == "经济发展"


def test_job_fairs_and_posts_are_employment():
    text = "2023年,全县举办招聘活动40场,提供优质岗位3200余个。"
    assert row(text, "40场", "2024")["dimension"] == "共同富裕"
    assert row(text, "3200余个", "2024")["dimension"] == "共同富裕"
