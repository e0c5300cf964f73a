"""Extraction errors found on real county bulletins (tests/data/extract/bulletins/), one
test per rule on a sentence of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), with its section 14
where the sections before it are silent: signs (§5, §6, §14), respectively lists (§9),
units (§5), measures (§7) and periods (§8).
"""

from __future__ import annotations

import pandas as pd

from analysis.extract import extract_text


def figures(text: str, published: str | None = "2023-03") -> pd.DataFrame:
    return extract_text(text, "t.txt", published)


def bases(text: str) -> list[float]:
    found = figures(text)
    return found.loc[found["is_indicator"] == "yes", "value_base"].tolist()


# Signs: each item of a list keeps exactly its own sign ---------------------------------
def test_a_minus_on_the_first_item_does_not_leak_to_the_others():
    found = figures("全年建筑业、批发业、零售业增加值分别增长-3.5%、7.2%、2.4%。")
    assert found["value"].tolist() == [-3.5, 7.2, 2.4]
    assert found["value_base"].tolist() == [-3.5, 7.2, 2.4]
    assert set(found["measure"]) == {"growth_pct"}


def test_a_minus_after_the_list_separator_is_the_items_sign():
    found = figures("三次产业对经济增长的拉动分别为0.31、-2.07、1.58个百分点。")
    assert found["surface"].tolist() == ["0.31", "-2.07", "1.58个百分点"]
    assert found["value_base"].tolist() == [0.31, -2.07, 1.58]


def test_rates_glued_without_separators_keep_their_own_signs():
    found = figures("工业、服务业增加值分别增长-2.2%3.4%5.5%。")
    assert found["value_base"].tolist() == [-2.2, 3.4, 5.5]
    found = figures("各季度增速分别为1.3%0.6%-0.7%2.1%。")
    assert found["surface"].tolist() == ["1.3%", "0.6%", "-0.7%", "2.1%"]
    assert found["value_base"].tolist() == [1.3, 0.6, -0.7, 2.1]


def test_a_decline_cue_before_a_list_signs_every_item():
    assert bases("粮食、油料产量分别下降2.5%、1.5%。") == [-2.5, -1.5]


def test_a_range_of_rates_is_no_sign():
    found = figures("预计全年增长3%-5%。")
    assert found["value"].tolist() == [3.0, 5.0]


# Units of a respectively list ----------------------------------------------------------
def test_the_unit_after_the_last_item_is_every_items():
    found = figures("三次产业对经济增长的拉动分别为0.31、-2.07、1.58个百分点。")
    assert set(found["unit"]) == {"个百分点"} and set(found["base_unit"]) == {"百分点"}
    assert set(found["measure"]) == {"change_abs"}
    assert set(found["subject"]) == {"三次产业对经济增长的拉动"}
    amounts = figures("甲乙丙园区产值分别为1.5、2和3亿元。")
    assert amounts["value_base"].tolist() == [1.5e8, 2e8, 3e8]
    assert set(amounts["base_unit"]) == {"元"} and set(amounts["measure"]) == {"level"}


# Sector ordinals -------------------------------------------------------------------------
def test_ordinals_naming_the_sectors_are_no_ranks():
    for text in ("全县第一、二、三产业增加值分别增长2.1%、4.5%、6.3%。",
                 "全县第一、第二、第三产业增加值分别增长2.1%、4.5%、6.3%。",
                 "第二和第三产业增长4.2%。", "第二产业增加值88亿元。"):
        assert "rank" not in set(figures(text)["measure"]), text
    found = figures("全县第一、二、三产业增加值分别增长2.1%、4.5%、6.3%。")
    assert found["subject"].tolist() == [
        "第一产业增加值增长", "第二产业增加值增长", "第三产业增加值增长"]
    assert figures("两项指标分别位列全省第一、第二。")["measure"].tolist() == ["rank", "rank"]


# Units -----------------------------------------------------------------------------------
def test_a_space_before_the_percent_sign_keeps_the_unit():
    found = figures("全区渔业产值按可比价计算,增长4.7 %。").iloc[0]
    assert (found["surface"], found["unit"], found["base_unit"], found["measure"]) == (
        "4.7 %", "%", "%", "growth_pct")


# A milestone restating the amount before it ----------------------------------------------
def test_a_milestone_after_an_amount_restates_it():
    found = figures("全年实现地区生产总值(GDP)1236.5亿元,高质量突破1200亿;按可比价格计算,"
                    "比上年增长7.1%。").set_index("surface")
    milestone = found.loc["1200亿"]
    assert milestone["subject"] == "地区生产总值" and milestone["is_indicator"] == "no"
    assert milestone["base_unit"] == "元" and milestone["value_base"] == 1.2e11
    assert found.loc["1236.5亿元", "subject"] == "地区生产总值"
    assert found.loc["7.1%", "subject"] == "地区生产总值增长"
    assert found.loc["7.1%", "measure"] == "growth_pct"


def test_a_bound_on_another_amount_is_no_milestone():
    found = figures("全年地区生产总值1236.5亿元,工业产值突破500亿元。").set_index("surface")
    assert found.loc["500亿元", "subject"] == "工业产值"
    assert found.loc["500亿元", "is_indicator"] == "yes"


# Periods ---------------------------------------------------------------------------------
def test_a_structure_changed_to_is_this_years_and_the_old_one_last_years():
    found = figures("2022年,全区三次产业比例由上年的1.1:36.2:62.7变化为1.0:35.8:63.2。")
    shares = found[found["measure"] == "share_pct"]
    assert shares["value"].tolist() == [1.1, 36.2, 62.7, 1.0, 35.8, 63.2]
    assert shares["period"].tolist() == ["2021"] * 3 + ["2022"] * 3
    assert set(shares["subject"]) == {"三次产业比例"}
    adjusted = figures("2022年,三次产业比例由上年的1.1:36.2:62.7调整为1.0:35.8:63.2。")
    assert adjusted.loc[adjusted["measure"] == "share_pct", "period"].tolist() == (
        ["2021"] * 3 + ["2022"] * 3)


def test_a_two_year_average_against_a_base_year_spans_the_two_years():
    found = figures("初步核算,2022年,全县实现生产总值360.2亿元,比上年增长3.1%;与2020年相比,"
                    "两年平均增长4.6%,按常住人口计算人均地区生产总值为61250元。").set_index("surface")
    assert found.loc["4.6%", "period"] == "2020..2022"
    assert found.loc["61250元", "period"] == "2022"  # the figures after keep the year
    assert found.loc["360.2亿元", "period"] == found.loc["3.1%", "period"] == "2022"


def test_a_two_year_average_leaves_the_later_levels_in_the_current_year():
    found = figures("2021年,全市地区生产总值1250亿元,两年平均增长7.4%,"
                    "人均地区生产总值13.2万元,一般公共预算收入88亿元。").set_index("surface")
    assert found.loc["7.4%", "period"] == "2019..2021"
    assert found.loc["13.2万元", "period"] == found.loc["88亿元", "period"] == "2021"
    undated = figures("全市地区生产总值1250亿元,同比增长8.1%,两年平均增长7.4%。")
    assert undated.set_index("surface").loc["7.4%", "period"] == "2021..2023"


# Ratios, ages and names -------------------------------------------------------------------
def test_an_urban_rural_income_ratio_is_a_ratio():
    found = figures("全年城乡居民收入比为1.93,比上年缩小0.02。").iloc[0]
    assert (found["surface"], found["value_base"], found["measure"], found["base_unit"]) == (
        "1.93", 1.93, "ratio", "ratio")
    assert found["subject"] == "城乡居民收入比" and found["is_indicator"] == "yes"


def test_age_bounds_and_a_survey_rate_are_no_indicators():
    found = figures("0-14岁、15-64岁、65岁及以上人口分别为2.1万人、8.3万人和1.9万人。")
    assert found.loc[found["is_indicator"] == "yes", "surface"].tolist() == [
        "2.1万人", "8.3万人", "1.9万人"]
    bounds = found.set_index("surface").loc[["0", "15"]]
    assert set(bounds["measure"]) == {"other"} and set(bounds["period"]) == {""}
    survey = figures("据全省1‰人口变动抽样调查推算,年末常住人口12.7万人。")
    assert survey.loc[survey["is_indicator"] == "yes", "surface"].tolist() == ["12.7万人"]
    rate = survey.set_index("surface").loc["1‰"]
    assert (rate["measure"], rate["period"], rate["value"]) == ("other", "", 1.0)


def test_a_list_of_a_b_and_c_pairs_each_item_with_its_subject():
    found = figures("在第三产业中,交通运输仓储和邮政业、金融业和营利性服务业增加值分别增长"
                    "-3.1%5.2%4.4%。")
    assert found["value_base"].tolist() == [-3.1, 5.2, 4.4]
    assert found["subject"].tolist() == [
        "交通运输仓储和邮政业增长", "金融业增长", "营利性服务业增加值增长"]
