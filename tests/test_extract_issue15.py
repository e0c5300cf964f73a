"""The error kinds of issue 15, one test each, on sentences of our own.

The rules are GUIDELINE.md's, with the extensions of its section 14 (tests/data/extract/
GUIDELINE.md) where the guideline was silent.
"""

from __future__ import annotations

import pandas as pd
import pytest
from extract_helpers import rule_helpers

figures, row = rule_helpers("2023-03")


# Signs and non-figures ----------------------------------------------------------------
def test_a_negative_rate_keeps_its_minus():
    found = row("全年人口出生率5.2‰，人口自然增长率-1.6‰。", "-1.6‰")
    assert (found["value"], found["value_base"], found["unit"]) == (-1.6, -1.6, "‰")
    assert found["measure"] == "share_pct" and found["subject"] == "人口自然增长率"


def test_a_dash_between_numbers_is_no_sign():
    assert row("2021-2023年完成投资12亿元。", "12亿元")["value"] == 12


def test_a_clock_time_with_seconds_is_one_time_row():
    found = figures("发布时间：2023-02-15 14:08:30 来源：统计局")
    assert found["surface"].tolist() == ["2023-02-15", "14:08:30"]
    time = found.iloc[1]
    assert (time["unit"], time["measure"], time["is_indicator"], time["period"]) == (
        "时间", "other", "no", "")


def test_a_document_index_number_is_one_code():
    found = figures("索引号：014000319/2023-00123")
    assert len(found) == 1
    assert found.iloc[0]["surface"] == "014000319/2023-00123"
    assert pd.isna(found.iloc[0]["value"]) and found.iloc[0]["is_indicator"] == "no"


def test_a_footnote_marker_is_no_indicator_and_takes_no_subject():
    found = figures("全年地区生产总值1000亿元[3]，增长5%。")
    marker = found.set_index("surface").loc["3"]
    assert marker["is_indicator"] == "no" and marker["measure"] == "other"
    assert found.set_index("surface").loc["5%", "subject"] == "地区生产总值增长"


def test_a_table_number_is_a_label():
    found = row("表2 2022年主要农产品产量", "2")
    assert found["is_indicator"] == "no" and pd.isna(found["value_base"])


def test_a_price_index_base_is_no_indicator_nor_a_period():
    found = figures("居民消费价格指数(以上年为100)为102.1。", "2023-03")
    base = found.set_index("surface").loc["100"]
    assert base["is_indicator"] == "no"
    index = found.set_index("surface").loc["102.1"]
    assert index["is_indicator"] == "yes" and index["period"] == "2023"
    assert index["subject"] == "居民消费价格指数"


def test_a_policy_named_by_a_duration_is_no_row():
    assert figures("坚决落实长江十年禁渔，退捕渔民全部转产。").empty
    digits = row("落实长江10年禁渔。", "10年")
    assert digits["is_indicator"] == "no" and digits["period"] == ""


def test_a_period_phrase_is_no_row():
    assert figures("过去的极不平凡的三年，我们砥砺前行。").empty


def test_two_ordinals_joined_by_and_are_both_rows():
    found = figures("深入学习贯彻党的十九大和十九届四中全会精神。")
    assert found["surface"].tolist() == ["十九大", "十九届四中全会"]
    assert found["value"].tolist() == [19, 19]


# Periods --------------------------------------------------------------------------------
def test_a_month_range_inside_a_sentence_dates_its_figures_to_the_end():
    text = "据统计，全市1至7月完成规上工业总产值1234亿元，同比增长8%；实现社会消费品零售总额300亿元，增长5%。"
    found = figures(text, "2023-09")
    assert set(found["period"]) == {"2023-01..2023-07"}


def test_a_text_opening_with_its_year_dates_its_undated_figures():
    text = "2022年，面对复杂形势，全市经济稳中有进。\n\n全市共有规上工业企业1200家。\n"
    assert row(text, "1200家", "2023-03")["period"] == "2022"


def test_a_multi_year_review_gets_its_span():
    text = "五年来，全市累计完成固定资产投资2000亿元，地区生产总值是五年前的1.5倍。"
    found = figures(text, "2023-03")
    assert found.set_index("surface").loc["2000亿元", "period"] == "2019..2023"
    assert found.set_index("surface").loc["1.5倍", "period"] == "2019..2023"


@pytest.mark.parametrize("surface", ["30周年", "三十周年"])
def test_an_anniversary_spans_from_the_founding_year(surface):
    found = row(f"今年是撤县设市{surface}。", surface, "2023-06")
    assert found["period"] == "1993..2023" and found["is_indicator"] == "no"


# Measures -------------------------------------------------------------------------------
def test_a_net_addition_of_things_is_a_count():
    assert row("全年净增市场主体1200家。", "1200家")["measure"] == "count"
    assert row("规上工业企业比上年净增86家。", "86家")["measure"] == "change_abs"
    assert row("两年净增1910亿元。", "1910亿元")["measure"] == "change_abs"


def test_a_rank_after_expected_is_a_target():
    found = row("预计全年地区生产总值增速位居全市第一。", "第一")
    assert found["measure"] == "target" and found["base_unit"] == "rank"
    assert not found["subject"].startswith("预计")


def test_an_area_after_a_goal_met_is_a_level():
    assert row("全年实现粮食稳产目标，粮食播种面积12.3万亩。", "12.3万亩")["measure"] == "level"
    assert row("粮食播种面积12.3万亩，实现稳产目标。", "12.3万亩")["measure"] == "level"


def test_the_items_of_a_policy_document_are_no_indicator():
    found = row("出台支持民营经济发展若干政策20条。", "20条")
    assert found["is_indicator"] == "no" and found["measure"] == "other"


def test_life_expectancy_is_a_measurement():
    found = row("人均预期寿命达到80.5岁。", "80.5岁")
    assert (found["measure"], found["is_indicator"], found["value_base"], found["base_unit"]) == (
        "level", "yes", 80.5, "岁")
    assert found["dimension"] == "共同富裕"
    assert row("80周岁以上老人全部纳入保障。", "80周岁")["is_indicator"] == "no"  # still a threshold


# is_indicator -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["全县(不含经济开发区)规上工业总产值500亿元。",
                                  "全市规上工业总产值(不含高新区)500亿元。"])
def test_figures_under_a_scope_note_are_the_countys(text):
    found = row(text, "500亿元")
    assert found["is_indicator"] == "yes" and found["subject"] == "规上工业总产值"


def test_figures_of_one_port_or_logistics_base_are_no_indicators():
    assert row("太仓港完成货物吞吐量1200万吨。", "1200万吨")["is_indicator"] == "no"
    assert row("公铁水物流基地完成货运量500万吨。", "500万吨")["is_indicator"] == "no"
    assert row("全市港口完成货物吞吐量1200万吨。", "1200万吨")["is_indicator"] == "yes"


def test_a_county_wide_capacity_is_an_indicator():
    assert row("全市新增光伏产能500兆瓦。", "500兆瓦")["is_indicator"] == "yes"
    assert row("该公司新增光伏产能500兆瓦。", "500兆瓦")["is_indicator"] == "no"


# base_unit --------------------------------------------------------------------------------
def test_a_money_total_without_yuan_has_base_yuan():
    found = row("全年一般公共预算收入突破100亿。", "100亿")
    assert (found["value_base"], found["base_unit"]) == (1e10, "元")
    assert row("常住人口突破100万。", "100万")["base_unit"] == "人"  # people, not 元 (round 11)


def test_percentage_points_have_base_percentage_points():
    assert row("居民收入增速高于经济增速两个百分点。", "两个百分点")["base_unit"] == "百分点"
    assert row("比重提高1.2个百分点。", "1.2个百分点")["base_unit"] == "百分点"


# Dimension --------------------------------------------------------------------------------
def test_urban_and_rural_variants_share_a_dimension():
    found = figures("城镇居民人均消费支出30000元，农村居民人均消费支出20000元。")
    assert found["dimension"].tolist() == ["共同富裕", "共同富裕"]


def test_agriculture_and_its_parts_share_a_dimension():
    found = figures("农业产值50亿元，林业产值2亿元，牧业产值8亿元，渔业产值10亿元，农林牧渔业总产值70亿元。")
    assert set(found["dimension"]) == {"经济发展"}


def test_science_funding_is_open_innovation():
    assert row("全年科学技术支出12亿元，增长15%。", "12亿元")["dimension"] == "开放创新"


# Rules from blind round 4 ------------------------------------------------------------------
def test_a_two_year_average_growth_spans_two_years():
    text = "上半年，全县生产总值27.54亿元，同比增长12.3%，两年平均增长1.7%，全市排名第七。"
    found = figures(text, "2021-07").set_index("surface")
    assert found.loc["1.7%", "period"] == "2019..2021"
    assert found.loc["12.3%", "period"] == "2021H1" and found.loc["第七", "period"] == "2021H1"


def test_a_text_opening_with_its_year_resolves_the_whole_year_and_last_year():
    text = ("2021年,全县经济稳中向好。\n一、综合\n全年生产总值235.28亿元,同比增长9.2%。"
            "三次产业比例由上年的13.72∶46.43∶39.85调整为12.36∶48.34∶39.3。")
    found = figures(text, "2022").set_index("surface")
    assert found.loc["235.28亿元", "period"] == "2021"
    assert found.loc["13.72", "period"] == "2020" and found.loc["12.36", "period"] == "2021"


def test_a_breakdown_sentence_keeps_the_period_before_it():
    text = "上半年，全县生产总值27.54亿元。分产业看，第一产业增加值2.55亿元，增长8.9%。"
    assert row(text, "2.55亿元", "2021-07")["period"] == "2021H1"


def test_counts_inside_a_quoted_slogan_list_are_no_rows():
    text = "按照“一城引领、两业支撑、五个振兴、六个坚持、十件实事”工作思路推进。"
    assert figures(text).empty


def test_an_anniversary_falls_in_the_year_its_sentence_states():
    assert row("2021年是建党100周年。", "100周年", "2022")["period"] == "1921..2021"


def test_a_minus_after_a_footnote_marker_is_a_sign():
    assert row("单位地区生产总值综合能耗[3]-3.3%。", "-3.3%")["value_base"] == -3.3


def test_this_years_whole_year_is_not_last_years():
    text = "2023年，全县经济稳中向好。今年全年新增企业120家。"
    assert row(text, "120家", "2024")["period"] == "2024"


# Rules from blind round 8 ------------------------------------------------------------------
def test_a_middle_dot_between_digits_is_a_decimal_point():
    found = row("全年居民消费价格上涨1.6%,其中医疗保健类价格上涨2·4%。", "2·4%", "2024")
    assert found["value"] == 2.4 and found["measure"] == "growth_pct"
    assert len(figures("其中医疗保健类价格上涨2·4%。", "2024")) == 1


@pytest.mark.parametrize("text", ["未来五年,我们将坚持创新驱动。", "今後五年,將圍繞經濟實力邁上新臺階。",
                                  "过去五年,是全县发展史上极具意义的五年。"])
def test_a_period_phrase_of_five_years_is_no_row(text):
    assert figures(text).empty


def test_a_streak_written_with_an_ordinal_is_a_streak():
    found = row("全县经济连续第5年进入全省十强县前三名。", "第5年")
    assert (found["value"], found["unit"], found["base_unit"], found["measure"],
            found["is_indicator"]) == (5, "年", "年", "other", "no")


def test_a_year_alone_in_its_sentence_dates_the_rest_of_its_paragraph():
    text = ("县长在报告中说,2023年全县经济社会发展稳中有进。地区生产总值达到301.2亿元、增长6.1%;"
            "连续第3年进入全省十强县。\n2024年主要预期目标是地区生产总值增长6%。")
    found = figures(text, "2024-01-20").set_index("surface")
    assert found.loc[["301.2亿元", "6.1%", "第3年"], "period"].tolist() == ["2023"] * 3
    assert found.loc["6%", "period"] == "2024" and found.loc["6%", "measure"] == "target"


def test_estimates_after_a_year_sentence_are_of_that_year():
    text = "报告指出,2023年,全区实现良好开局。预计地区生产总值520亿元、增长7%以上。"
    assert set(figures(text, "2024-01").query("unit != '年'")["period"]) == {"2023"}


def test_past_five_years_of_a_january_work_report_end_the_year_before():
    text = "在政府工作报告中表示,过去五年,全区累计引进亿元以上项目78个。"
    assert row(text, "78个", "2022-01")["period"] == "2017..2021"


def test_the_next_five_years_are_goals_from_the_publication_year():
    found = row("今后五年,全县地区生产总值年均增长7%左右。", "7%", "2022-01")
    assert found["period"] == "2022..2026" and found["measure"] == "target"


def test_the_whole_year_of_a_text_opening_with_its_year_after_a_base_year():
    text = "2022年,全县经济稳中向好。\n规上工业增加值增速比2021年回落1.2个百分点。全年工业产品销售率为96.1%。"
    assert row(text, "96.1%", "2023")["period"] == "2022"


def test_a_decline_written_as_jiandi_is_signed():
    found = row("规模以上工业增加值增速比上年减低2.2个百分点。", "2.2个百分点")
    assert found["value_base"] == -2.2 and found["measure"] == "change_abs"


def test_projects_counted_by_size_class_are_indicators():
    found = figures("过去五年,全县5个百亿级、60个十亿级以上项目落地投产。", "2022-01").set_index("surface")
    assert found.loc[["5个", "60个"], "is_indicator"].tolist() == ["yes", "yes"]
    label = row("全县培育2个千亿级产业集群。", "2个")
    assert label["is_indicator"] == "no"


def test_a_rank_among_the_top_ten_counties_is_composite():
    found = row("全区经济连续多年位列全省十强县前三。", "前三")
    assert found["measure"] == "rank" and found["dimension"] == "none"


def test_consumer_price_categories_are_economic_development():
    text = "教育文化和娱乐类价格上涨2.2%,居住类价格下降0.5%,食品烟酒类价格上涨1.0%。"
    assert set(figures(text, "2024")["dimension"]) == {"经济发展"}


def test_a_framework_count_in_traditional_script_keeps_its_written_counter():
    found = row("鄧輝從五個方面對過去一年的工作進行了回顧。", "五個方面", "2019-02")
    assert found["unit"] == "個" and found["base_unit"] == "个"


def test_the_ends_of_a_change_over_five_years_take_its_first_and_last_year():
    found = figures("五年来,全县高新技术企业由52家增加到190家。", "2023-06").set_index("surface")
    assert found.loc["52家", "period"] == "2018" and found.loc["190家", "period"] == "2023"


def test_the_year_a_report_reviews_heads_its_sentence_and_paragraph():
    text = "县长在报告中回顾2023年工作时说,全县地区生产总值增长6%,一般公共预算收入达到30亿元。连续3年获评全省先进县。"
    found = figures(text, "2024-01").set_index("surface")
    assert found.loc[["6%", "30亿元", "3年"], "period"].tolist() == ["2023"] * 3


def test_a_year_sentence_reporting_a_listing_heads_no_later_sentence():
    # dev_gold (report 003): 2022年上榜…名单。改造提升现代化宜居农房3664户 -> 2023, a stock at
    # publication; a year-only sentence of a general review still heads its paragraph
    listing = ("夏粮生产再获丰收,乡村振兴实绩考核获全省第一等次。2022年上榜全国休闲农业重点县名单。"
               "改造提升农房3664户,获评全国先进县。")
    assert row(listing, "3664户", "2023-12")["period"] == "2023"
    review = "2018年全区经济社会发展取得显著成效。地区生产总值812.3亿元,增长8.2%。"
    assert row(review, "812.3亿元", "2019-02")["period"] == "2018"
