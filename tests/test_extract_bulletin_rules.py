"""Extraction errors found on real county bulletins (tests/data/extract/bulletins/), one
test per rule on a sentence of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), with its section 14
where the sections before it are silent: signs (§5, §6, §14), respectively lists (§9),
units (§5), measures (§7) and periods (§8).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

from analysis.extract import extract_text

figures, _ = rule_helpers("2023-03", one_row=False)


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


# Issue 15, third round: the bulletin errors still open and those of blind rounds 5-6 ---
def test_a_structure_written_like_a_clock_is_a_structure():
    found = figures("2022年全县三次产业结构为5:40:55。")
    shares = found[found["measure"] == "share_pct"]
    assert shares["value"].tolist() == [5.0, 40.0, 55.0]
    assert set(shares["period"]) == {"2022"} and set(shares["base_unit"]) == {"%"}
    assert figures("会议于14:08:30结束。")["unit"].tolist() == ["时间"]
    assert figures("比赛于14:30开始。")["unit"].tolist() == ["时间"]  # 比赛 is no ratio
    assert figures("城乡收入比为2:1。")["measure"].tolist() == ["ratio"]


def test_small_and_fullwidth_colons_in_ratios_and_times():
    found = figures("三次产业结构调整为12.1﹕35.4﹕52.5,三次产业比为11.8︰48.3︰39.9。")
    assert found["value"].tolist() == [12.1, 35.4, 52.5, 11.8, 48.3, 39.9]
    assert set(found["measure"]) == {"share_pct"}
    ratio = figures("人口性别比为105.3﹕100,城乡收入比2.1：1。")
    assert ratio["surface"].tolist() == ["105.3﹕100", "2.1：1"]
    assert ratio["value_base"].tolist() == [1.053, 2.1]
    assert ratio["subject"].tolist() == ["人口性别比", "城乡收入比"]
    assert figures("上午9﹕30开始。")["unit"].tolist() == ["时间"]


def test_an_age_group_list_pairs_each_group_with_its_noun():
    found = figures("年末常住人口中,0-14岁、15-59岁、60岁及以上人口分别为2.1万人、8.3万人和3.6万人。")
    people = found[found["is_indicator"] == "yes"]
    assert people["subject"].tolist() == ["0-14岁人口", "15-59岁人口", "60岁及以上人口"]
    assert people["value_base"].tolist() == [21000.0, 83000.0, 36000.0]


def test_the_change_of_a_ratio_has_the_ratios_subject():
    found = figures("城乡居民收入比为1.93,比上年缩小0.03。").set_index("surface")
    change = found.loc["0.03"]
    assert (change["measure"], change["base_unit"], change["value_base"]) == (
        "change_abs", "ratio", -0.03)
    assert change["subject"] == found.loc["1.93", "subject"] == "城乡居民收入比"


def test_a_two_year_average_names_its_amount():
    found = figures("全年地区生产总值1250亿元,比上年增长8.1%,两年平均增长7.4%。").set_index("surface")
    assert found.loc["7.4%", "subject"] == "地区生产总值两年平均增长"
    assert found.loc["8.1%", "subject"] == "地区生产总值增长"
    named = figures("规上工业增加值两年平均增长9.2%。").set_index("surface")
    assert named.loc["9.2%", "subject"] == "规上工业增加值两年平均增长"


def test_contribution_rates_and_shares_after_a_growth_word_are_shares():
    found = figures("第一、二、三产业对经济增长的贡献率分别为9.4%、46.7%和43.9%,"
                    "工业增加值占GDP的比重为38.3%。")
    assert set(found["measure"]) == {"share_pct"}
    assert figures("全县GDP增长率为5.1%。")["measure"].tolist() == ["growth_pct"]


def test_a_pipe_table_without_leading_bars_takes_its_header_units():
    text = ("主要农作物产量如下表:\n品 名 | 播种面积\n(亩﹚ |\n同比增减(%) | 产量﹙吨﹚ |\n"
            "稻谷 | 607056 | -0.32 | 267838 |\n畜牧业有起有落。\n品 名 | 计量单位 | 数 量 | 同比增长﹙%﹚ |\n"
            "出栏牛 | 万头 | 2.23 | 4.21 |\n")
    found = figures(text).set_index("surface")
    assert found.loc["607056", ["base_unit", "measure"]].tolist() == ["亩", "level"]
    assert found.loc["-0.32", ["value_base", "measure"]].tolist() == [-0.32, "growth_pct"]
    assert found.loc["267838", "base_unit"] == "吨"
    assert found.loc["2.23", ["value_base", "base_unit"]].tolist() == [22300.0, "头"]
    assert found.loc["4.21", "measure"] == "growth_pct"


def test_net_additions_written_with_a_scale_are_a_change():
    found = figures("今年1至10月,全县净增各类经营主体2.18万余户,较2022年底增长11.36%。")
    found = found.set_index("surface")
    assert found.loc["2.18万余户", "measure"] == "change_abs"
    # 较2022年底 is the base of the growth rate, not its period
    assert found.loc["11.36%", "period"] == "2023-01..2023-10"


def test_a_list_named_by_its_size_is_a_name_not_a_figure():
    found = figures("全县拥有40余家“世界500强”企业,其中全球工程机械50强4家。").set_index("surface")
    for name in ("500强", "50强"):
        assert found.loc[name, ["measure", "is_indicator", "period"]].tolist() == [
            "other", "no", ""]
    assert found.loc["4家", "is_indicator"] == "yes"


def test_a_year_further_down_does_not_open_the_text():
    text = ("长沙县位列全国第五\n\n魅力星沙。王深虎摄\n\n11月28日,报告发布。长沙县位列百强县第5位。\n\n"
            "经济实力是头部力量。\n\n2022年,长沙县地区生产总值突破2100亿元。")
    found = extract_text(text, "t.txt", "2023-11").set_index("surface")
    assert found.loc["第5位", "period"] == "2023"  # as published, not 2022
    opening = extract_text("标题\n2022年,全县新增企业800家。", "t.txt", "2023-03")
    assert opening.set_index("surface").loc["800家", "period"] == "2022"


def test_a_status_word_in_a_title_is_no_goal():
    found = figures("长沙县位列全国第五 稳居中西部第一")
    assert found["measure"].tolist() == ["rank", "rank"]


def test_a_lists_unit_is_as_written_in_traditional_script():
    found = figures("第一、二、三產業分別拉動GDP增長0.4、2.2和2.1個百分點。")
    assert found["unit"].tolist() == ["個百分點"] * 3
    assert set(found["base_unit"]) == {"百分点"}


def test_a_scale_before_workers_counts_people():
    found = figures("30多万产业工人支撑起了发展。").iloc[0]
    assert (found["value_base"], found["base_unit"]) == (300000.0, "人")


def test_prices_that_rise_or_fall_are_growth():
    # blind round 7: the CPI categories of a bulletin (上涨/下跌 like 增长/下降)
    found = figures("全年居民消费价格与上年持平,其中食品烟酒类下降0.5%,衣着类上涨0.2%,居住类下跌0.4%。")
    assert set(found["measure"]) == {"growth_pct"}
    assert found["value_base"].tolist() == [-0.5, 0.2, -0.4]
    assert found["subject"].tolist() == ["食品烟酒类增长", "衣着类增长", "居住类增长"]
