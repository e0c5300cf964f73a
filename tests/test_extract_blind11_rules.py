"""Extraction errors found by blind round 11 (tests/data/extract/blind11/: two county
bulletins, a county-level city's profile and a county work report), one test per error
kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included
(its "round 11" entries): year ranges and census ordinals (§4, §5), units (§5), plenum
lists (§4), periods of paragraphs, titles and ages (§8), decreases (§6, §7), dimensions
of employment, 百强 lists, shares and population (§10), restatements in dollars (§11).
"""

from __future__ import annotations

import pandas as pd
from extract_helpers import rule_helpers

figures, row = rule_helpers("2022-03")


# Non-figures (§4, §5) --------------------------------------------------------------
def test_a_year_range_sharing_one_year_character_is_one_date_row():
    found = figures("注:2017—2019年农业产值根据三农普数据修订。")
    years = found[found["unit"] == "日期"]
    assert years["surface"].tolist() == ["2017—2019年"]
    assert years["period"].tolist() == ["2017..2019"]
    assert pd.isna(years.iloc[0]["value"]) and years.iloc[0]["is_indicator"] == "no"
    # two years each with its 年 stay two year rows (round 9)
    assert figures("2011年至2023年")["surface"].tolist() == ["2011年", "2023年"]


def test_a_census_ordinal_in_chinese_numerals_is_an_ordinal():
    found = row("数据已按七人普结果修订,常住人口为52.3万人。", "七人普")
    assert (found["value"], found["unit"], found["measure"]) == (7, "人普", "other")
    assert pd.isna(found["value_base"]) and found["base_unit"] == "" and found["period"] == ""
    assert found["is_indicator"] == "no"
    traditional = row("注:2018年數據根據四經普調整。", "四經普")
    assert (traditional["value"], traditional["unit"]) == (4, "經普")


def test_a_text_length_in_characters_is_no_figure_of_the_county():
    found = row("市政府工作报告(全文9820字)", "9820字")
    assert (found["value"], found["unit"], found["value_base"], found["base_unit"]) == (
        9820, "字", 9820, "字")
    assert (found["measure"], found["period"], found["is_indicator"]) == ("other", "", "no")


def test_a_plenum_list_with_ci_is_one_row_per_meeting():
    found = figures("全面落实县委十三届九次、十次全体会议部署。")
    assert found["surface"].tolist() == ["十三届九次", "十次"]
    assert found["value"].tolist() == [13, 10]
    assert found["unit"].tolist() == ["届", "次"]
    assert (found["is_indicator"] == "no").all()


def test_a_space_between_a_number_and_its_scale_keeps_the_unit():
    found = row("全年实现网络零售额 26.7 亿元,比上年增长9.1%。", "26.7 亿元")
    assert (found["unit"], found["value_base"], found["base_unit"]) == ("亿元", 2.67e9, "元")
    assert found["measure"] == "level"
    # a year typed with a space before 年 stays a year
    assert row("2021 年全县新增企业300家。", "2021")["period"] == "2021"


# Periods (§8) ----------------------------------------------------------------------
def test_a_year_heading_a_later_sentence_dates_the_rest_of_the_paragraph():
    text = ("2021年9月,本县获评省级生态县。2021年,全县位居全省县域经济第12位。"
            "年末户籍人口98.5万人。城镇化率为61.2%。")
    assert row(text, "98.5万人")["period"] == "2021"
    assert row(text, "61.2%")["period"] == "2021"
    assert row(text, "2021年9月")["period"] == "2021-09"


def test_a_rounded_title_figure_takes_the_period_of_the_figure_it_rounds():
    body = "某县位于江苏北部。\n某县历史悠久。\n某县交通便利。\n2020年,全县实现地区生产总值812.35亿元。"
    found = row("某县GDP达812亿元\n" + body, "812亿元", "2021")
    assert found["period"] == "2020" and found["subject"] == "地区生产总值"
    # a title figure that rounds nothing below keeps the publication year
    assert row("某县GDP达900亿元\n" + body, "900亿元", "2021")["period"] == "2021"


def test_an_age_before_today_has_no_period():
    found = row("境内古遗址距今约5000年,是重要的文化遗存。", "5000年")
    assert (found["value_base"], found["base_unit"]) == (5000, "年")
    assert (found["measure"], found["period"], found["is_indicator"]) == ("other", "", "no")


# Measures (§6, §7) -----------------------------------------------------------------
def test_a_decrease_written_before_its_subject_is_a_negative_change():
    found = row("全年落实减税降费政策,减少企业税费负担2.6亿元。", "2.6亿元")
    assert (found["measure"], found["value_base"]) == ("change_abs", -2.6e8)
    assert "decline" in found["note"]
    # 减少到 states the level reached
    assert row("全县贫困人口减少到1200人。", "1200人")["measure"] != "change_abs"


def test_training_classes_counted_by_qi_are_a_count():
    found = row("全年开展职业技能培训班42期,培训城乡劳动者3100人。", "42期")
    assert (found["measure"], found["value_base"], found["base_unit"]) == ("count", 42, "期")
    assert found["is_indicator"] == "yes" and found["period"] == "2022"
    # a phase of a project stays an ordinal
    assert row("产业园12期工程开工。", "12期")["measure"] == "other"


# Dimensions (§10) ------------------------------------------------------------------
def test_employment_and_entrepreneurship_are_common_prosperity():
    text = "转移农村劳动力3200人,扶持农村青年自主创业860人,开展创业培训1200人。"
    for surface in ("3200人", "860人", "1200人"):
        assert row(text, surface)["dimension"] == "共同富裕", surface


def test_ranks_in_topical_top_hundred_lists_take_their_topics_dimension():
    text = ("2021年,本市位列全国综合实力百强县第20位、全国绿色发展百强县第15位、"
            "全国科技创新百强县第9位、全国新型城镇化质量百强县第30位、全国营商环境百强县第12位。")
    expected = {"第20位": "none", "第15位": "生态环境", "第9位": "开放创新",
                "第30位": "城乡融合", "第12位": "none"}
    for surface, dimension in expected.items():
        assert row(text, surface)["dimension"] == dimension, surface
    # a mirror that lost 强 (百□□): a list without a topic is composite
    assert row("本市位居全國(guó)百?gòu)?qiáng)縣市第37位。", "第37位")["dimension"] == "none"


def test_a_share_whose_clause_names_its_denominator_takes_the_subject_before():
    text = "高新技术产业投资增长35.2%,占全部投资的比重为18.4%。"
    assert row(text, "18.4%")["dimension"] == "开放创新"


def test_population_with_the_urbanisation_rate_is_urban_rural_integration():
    text = "年末户籍人口88.6万人,常住人口76.2万人。常住人口城镇化率为58.3%。"
    for surface in ("88.6万人", "76.2万人", "58.3%"):
        assert row(text, surface)["dimension"] == "城乡融合", surface
    births = "全年出生人口为620人,年末常住人口13.5万人,城镇化率为70.1%。"
    assert row(births, "13.5万人")["dimension"] == "城乡融合"
    assert row(births, "620人")["dimension"] != "城乡融合"  # births are no stock
    found = row("全县户籍人口88万,比上年减少0.4万人。", "88万")
    assert (found["value_base"], found["base_unit"]) == (880000, "人")


# is_indicator (§11) ----------------------------------------------------------------
def test_a_round_bound_in_dollars_restates_the_amount_in_yuan():
    found = row("人均地区生产总值达到98760元、首次突破1.5万美元。", "1.5万美元")
    assert (found["is_indicator"], found["base_unit"], found["dimension"]) == ("no", "美元", "none")
    assert row("人均地区生产总值达到98760元、首次突破1.5万美元。", "98760元")["is_indicator"] == "yes"
    # after 、 another subject's bound is its own figure, not a restatement
    assert row("工业产值500亿元、服务业突破300亿元。", "300亿元")["is_indicator"] == "yes"
