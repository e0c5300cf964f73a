"""The figure extractor (analysis.extract) against GUIDELINE.md, rule by rule.

Each test names the guideline section it checks. The texts are short sentences in the
style of the reports; dev_gold.csv (hand annotations of reports 002 and 003) is scored
with the issue's matching in test_extract_dev_gold.py.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from extract_helpers import rule_helpers

from analysis.extract import FIGURE_COLUMNS, figures_for_year

figures, row = rule_helpers("2024-09")


def only(text: str, published: str | None = "2024-09") -> pd.Series:
    """The single row extracted from ``text``."""
    found = figures(text, published)
    assert len(found) == 1, found[["surface", "value", "unit"]].to_dict("records")
    return found.iloc[0]


def surfaces(text: str) -> list[str]:
    return figures(text)["surface"].tolist()


def is_empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


# §1 output -------------------------------------------------------------------------------
def test_columns_are_the_fifteen_of_the_guideline_in_order():
    assert FIGURE_COLUMNS == [
        "doc", "start", "end", "surface", "quote", "value", "unit", "value_base", "base_unit",
        "measure", "period", "subject", "dimension", "is_indicator", "note",
    ]  # fmt: skip
    frame = figures("2023年,溧阳实现地区生产总值1560亿元,增长9%。")
    assert list(frame.columns) == FIGURE_COLUMNS
    assert frame["start"].dtype == "int64" and frame["value"].dtype == "float64"


def test_span_is_the_surface_and_quote_holds_it():
    text = "1—11月,溧阳市实现规上工业总产值3039.6亿元,同比增长14.8%;工业应税销售收入3793.6亿元。"
    for r in figures(text).itertuples():
        assert text[r.start : r.end] == r.surface
        assert r.surface in r.quote and r.quote in text


def test_empty_text_gives_an_empty_typed_table():
    frame = figures("")
    assert frame.empty and list(frame.columns) == FIGURE_COLUMNS


# §5 Chinese numerals ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("建成天目湖、长荡湖两个国家湿地公园", "两个", 2, "个"),
        ("溧阳市委十三届五次全会明确了发展愿景", "十三届五次全会", 13, "届"),
        ("集聚江苏时代等上百家上下游企业", "上百家", 100, "家"),
        ("县域高质量发展考评蝉联全省前十", "前十", 10, ""),
        ("数量居全省县(市)首位", "首位", 1, "位"),
        ("党的二十大即将召开", "二十大", 20, "大"),
        ("三万人参加活动", "三万人", 3, "万人"),
        ("举办各类招聘会二十余场", "二十余场", 20, "场"),
        ("提供岗位一万多个", "一万多个", 1, "万个"),
        ("拥有国家级高新技术企业一百二十家", "一百二十家", 120, "家"),
    ],
)
def test_chinese_numerals_are_converted(text, surface, value, unit):
    r = row(text, surface)
    assert r["value"] == value and r["unit"] == unit


def test_rank_words_are_ranks_with_base_unit_rank():
    r = row("县域高质量发展考评蝉联全省前十", "前十")
    assert (r["measure"], r["base_unit"], r["value_base"]) == ("rank", "rank", 10)
    assert row("数量居全省县(市)首位", "首位")["measure"] == "rank"


# §5-§6 magnitudes -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "value_base", "base_unit"),
    [
        ("实现规上工业总产值3039.6亿元", "3039.6亿元", 3039.6, "亿元", 303960000000, "元"),
        ("惠及全市2.9万名老人", "2.9万名", 2.9, "万名", 29000, "人"),
        ("全市GDP达1.2万亿元", "1.2万亿元", 1.2, "万亿元", 1.2e12, "元"),
        ("全体居民人均可支配收入5.48万元", "5.48万元", 5.48, "万元", 54800, "元"),
        ("全市接待游客1430.75万人次", "1430.75万人次", 1430.75, "万人次", 14307500, "人次"),
        ("已汇集2.2亿余条数据", "2.2亿余条", 2.2, "亿条", 220000000, "条"),
    ],
)
def test_scales_are_removed_in_value_base(text, surface, value, unit, value_base, base_unit):
    r = row(text, surface)
    assert (r["value"], r["unit"], r["base_unit"]) == (value, unit, base_unit)
    assert r["value_base"] == pytest.approx(value_base)
    assert r["measure"] == "level"


def test_bare_scale_takes_its_base_unit_from_the_noun():
    r = row("每年吸引600多万游客来溧观光打卡", "600多万")
    assert (r["value"], r["unit"], r["value_base"], r["base_unit"]) == (600, "万", 6e6, "人次")
    r = row("带动近10万农民增收致富", "近10万")
    assert (r["value_base"], r["base_unit"]) == (100000, "人")


# §4, §12 approximations and bounds ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "note"),
    [
        ("带动近10万农民增收致富", "近10万", "approximate (近)"),
        ("推荐的2000多个改革案例", "2000多个", "approximate lower bound (多)"),
        ("集聚了60余个产业链项目", "60余个", "approximate lower bound (余)"),
        ("确保规上工业企业突破800家", "800家", "lower bound (突破)"),
        ("投资超2亿元", "2亿元", "lower bound (超)"),
        ("盘活提升低效用地4000亩以上。", "4000亩", "lower bound (以上)"),
    ],
)
def test_approximations_stay_in_surface_bounds_go_to_note(text, surface, note):
    r = row(text, surface)
    assert note in r["note"]


# §7 percentages and percentage points ------------------------------------------------------
def test_growth_share_and_percentage_points():
    assert row("规上工业增加值同比增长17.4%", "17.4%")["measure"] == "growth_pct"
    assert row("动力电池产业链完整度达97%", "97%")["measure"] == "share_pct"
    r = row("研发投入占比提高1.5个百分点", "1.5个百分点")
    assert (r["measure"], r["base_unit"], r["value_base"]) == ("change_abs", "百分点", 1.5)


def test_a_decline_keeps_the_written_value_and_negates_value_base():
    r = row("一般公共预算收入下降3.2%", "3.2%")
    assert (r["value"], r["value_base"]) == (3.2, -3.2) and "decline" in r["note"]


def test_growth_against_a_named_base_year():
    text = "特别是暑假期间,全市接待游客601.8万人次,同比2019年增长31.65%。"
    r = row(text, "31.65%", published="2022-09")
    assert r["measure"] == "growth_pct"
    assert "base is 2019" in r["note"]
    assert r["period"] == "2022-07..2022-08"  # the period of the current figure, not 2019
    year = row(text, "2019年", published="2022-09")
    assert (year["value"], year["is_indicator"]) == (2019, "no")


# §4-§5 ratios -----------------------------------------------------------------------------------
def test_a_ratio_is_one_row_with_its_first_term():
    r = row("城乡居民收入差距比进一步缩小至1.75:1", "1.75:1")
    assert (r["value"], r["unit"], r["base_unit"], r["measure"]) == (1.75, ":1", "ratio", "ratio")


def test_a_multi_part_structure_is_one_row_per_part():
    found = figures("三次产业结构调整为5.1:52.3:42.6。")
    assert found["surface"].tolist() == ["5.1", "52.3", "42.6"]
    assert found["value"].tolist() == [5.1, 52.3, 42.6]


# §7, §11 ranks with their population, grades ----------------------------------------------------------
def test_rank_and_the_size_of_its_ranked_population():
    found = figures("溧阳综合实力跃居全国59个“千亿县”第20位、全省40个县市第7位;")
    population, rank = found.iloc[0], found.iloc[1]
    assert (population["surface"], population["measure"], population["is_indicator"]) == (
        "59个", "count", "no")
    assert (rank["surface"], rank["value"], rank["measure"]) == ("第20位", 20, "rank")
    assert rank["is_indicator"] == "yes" and "ranked among" in rank["note"]
    assert rank["dimension"] == "none"  # composite rankings (§10)
    assert found.iloc[3]["surface"] == "第7位" and found.iloc[3]["dimension"] == "none"


def test_a_grade_is_a_rank_with_unit_dengci():
    r = row("乡村振兴实绩考核、农村人居环境整治均获全省第一等次", "第一等次")
    assert (r["value"], r["unit"], r["base_unit"], r["measure"]) == (1, "等次", "rank", "rank")
    assert "grade" in r["note"] and r["dimension"] == "城乡融合"


# §4 date ranges with hyphen, en dash, em dash -----------------------------------------------------
@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_month_ranges_with_any_dash(dash):
    text = f"今年1{dash}8月,全市完成投资100亿元。"
    date = row(text, f"1{dash}8月")
    assert (date["unit"], date["period"], date["is_indicator"]) == ("日期", "2024-01..2024-08", "no")
    assert is_empty(date["value"])
    assert row(text, "100亿元")["period"] == "2024-01..2024-08"


# §8 periods ------------------------------------------------------------------------------------
def test_a_stated_year_sets_the_period_of_the_figures_after_it():
    text = "2023年,溧阳实现地区生产总值1560亿元,增长9%;一般公共预算收入105亿元。"
    assert [r["period"] for _, r in figures(text).iterrows()] == ["2023"] * 4


def test_half_year_is_resolved_with_the_publication_year():
    r = row("上半年,溧阳城乡居民收入增长4.7%,增幅位居常州第二。", "4.7%")
    assert r["period"] == "2024H1" and "publication year 2024" in r["note"]


def test_plan_period_label_is_no_row_but_sets_the_period():
    found = figures("“十四五”以来,溧阳城乡居民收入差距比缩小至1.75:1。")
    assert found["surface"].tolist() == ["1.75:1"]
    assert found.iloc[0]["period"] == "2021..2024"
    assert only("十四五期间年均增长8%")["period"] == "2021..2025"


def test_net_change_over_two_years_spans_back_from_the_stated_year():
    text = "工业经济总量再上新台阶,2023年达4333亿元,两年净增1910亿元;"
    r = row(text, "1910亿元")
    assert (r["measure"], r["period"]) == ("change_abs", "2021..2023")
    assert row(text, "4333亿元")["period"] == "2023"


def test_undated_stock_takes_the_publication_year_with_a_note():
    r = row("全市177家村卫生室实现所有行政村全覆盖", "177家")
    assert r["period"] == "2024" and "status/stock at publication" in r["note"]


def test_unknown_publication_date_leaves_relative_periods_empty():
    r = row("上半年,溧阳城乡居民收入增长4.7%。", "4.7%", published=None)
    assert r["period"] == "" and "unknown" in r["note"]
    assert row("2023年,地区生产总值1560亿元。", "1560亿元", published=None)["period"] == "2023"


# §9 respectively lists ------------------------------------------------------------------------------
def test_respectively_list_gives_one_row_per_value_in_order():
    text = "全市接待游客601.8万人次,实现直接营业收入8.97亿元,同比2019年增长31.65%、73.58%。"
    first, second = row(text, "31.65%"), row(text, "73.58%")
    assert first["measure"] == second["measure"] == "growth_pct"
    assert "value 1 of 2" in first["note"] and "value 2 of 2" in second["note"]
    assert "接待游客" in first["subject"] and "营业收入" in second["subject"]


def test_fenbie_list_with_he():
    found = figures("出货量分别占全省的35%和全国的13.2%,")
    assert found["surface"].tolist() == ["35%", "13.2%"]
    assert all(found["measure"] == "share_pct")
    assert "value 2 of 2" in found.iloc[1]["note"]


# §4 line breaks and markup ------------------------------------------------------------------------
def test_a_figure_broken_by_a_line_break_is_one_row():
    r = row("实现规上工业总产值3039.6\n亿元,同比增长14.8%。", "3039.6\n亿元")
    assert (r["value"], r["unit"], r["value_base"]) == (3039.6, "亿元", 303960000000)


def test_a_section_number_alone_on_its_line_does_not_take_the_next_line():
    found = figures("02\n\n强化创新驱动增强产业支撑")
    assert found["surface"].tolist() == ["02"] and found.iloc[0]["value"] == 2


def test_markdown_stays_outside_the_surface():
    r = row("乡村治理体系建设试点等**20个**国家级试点", "20个")
    assert (r["value"], r["measure"], r["is_indicator"]) == (20, "count", "yes")
    assert "borderline" in r["note"]


def test_html_sub_inside_pm25_is_a_name_number():
    text = "PM<sub>2.5</sub>浓度和改善率均列常州各辖市区第一。"
    name = row(text, "2.5")
    assert (name["value"], name["is_indicator"]) == (2.5, "no")
    assert is_empty(name["value_base"])
    rank = row(text, "第一")
    assert rank["dimension"] == "生态环境" and "shared by 2 subjects" in rank["note"]


# §2 Roman numerals --------------------------------------------------------------------------------
def test_roman_class_is_a_row_when_it_is_the_measured_value():
    r = row("天目湖水质常年保持在国家地表水Ⅱ类水质标准", "Ⅱ类")
    assert (r["value"], r["unit"], r["base_unit"]) == (2, "类", "类")


def test_roman_class_inside_a_subject_is_no_row():
    assert surfaces("省考断面Ⅲ类比例保持100%。") == ["100%"]
    assert surfaces("全域消除劣V类水体") == []


# §2, §5 numerals that are not figures ----------------------------------------------------------------
def test_compound_meeting_ordinal_is_one_row_and_no_indicator():
    r = only("召开十三届九次全会并下发实施意见")
    assert (r["surface"], r["value"], r["unit"], r["is_indicator"]) == ("十三届九次全会", 13, "届", "no")
    assert is_empty(r["value_base"]) and r["period"] == ""


def test_meeting_parts_separated_by_words_are_separate_rows():
    assert surfaces("市委十七届人大四次会议") == ["十七届", "四次"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("全面服务和融入常州“532”发展战略", "532"),
        ("全力塑造“2+2+X”先进制造产业集群", "2+2+X"),
        ("“12345”热线提质增效", "12345"),
        ("务实完成“14268”等项目招引年度任务", "14268"),
        ("织密“1+29”公共安全体系", "1+29"),
    ],
)
def test_slogans_codes_and_hotlines_are_rows_without_value(text, surface):
    r = only(text)
    assert r["surface"] == surface
    assert is_empty(r["value"]) and r["is_indicator"] == "no" and r["measure"] == "other"


@pytest.mark.parametrize(
    "text",
    [
        "社会消费品零售总额稳步增长",  # 零 inside 零售
        "溧阳高新区一江南大学共建合成生物产业化中心",  # 一 used as a dash
        "一是以改革激活力,二是以改革提效力",  # list markers
        "聚焦“七个聚焦”要求,完善“两张清单”,实施“十项工程”",  # slogans
        "从容应对需求收缩、供给冲击、预期转弱三重压力",  # back-reference
        "加快跻身苏南第一方阵",  # a tier, not a rank
        "省第二中医院、北京海淀区第四实验小学",  # names
        "构建全国县域规模最大的千亿元动力电池产业集群,打造万亿之城",  # size classes
        "万水千山,千方百计,一步一个脚印",  # fixed phrases
        "启动水环境综合治理三年行动",  # programme name
        "推进一二三产业融合,完善三级医疗卫生服务体系",  # category labels
        "在天目湖水园和南山竹海两大景区中",  # back-reference
        "百家塘村",  # a name
        "五年来,全市上下",  # a period phrase
    ],
)
def test_numerals_that_are_words_labels_or_names_give_no_row(text):
    assert surfaces(text) == []


def test_first_opening_a_list_item_is_no_row_but_a_rank_before_a_comma_is():
    assert surfaces("落实到具体任务上来:第一,聚力更高质量的产业集群体系。") == []
    assert surfaces("29个村庄入选和美乡村,数量全市第一,") == ["29个", "第一"]


# §2 every Arabic digit gets a row ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("合作共建民用航空141部航校", "141部", "部"),
        ("提档“1号公路”内涵", "1号", "号"),
        ("加快建设341省道黄段", "341", ""),
        ("对照中央60条、省委54条改革要求", "60条", "条"),
    ],
)
def test_numbers_that_name_things_are_rows_without_base(text, surface, unit):
    r = row(text, surface)
    assert r["unit"] == unit and is_empty(r["value_base"]) and r["is_indicator"] == "no"


def test_dates_times_and_years():
    assert row("发布时间: 2022-09-30", "2022-09-30")["period"] == "2022-09-30"
    date = row("12月13日,溧阳入选", "12月13日", published="2023-12")
    assert (date["unit"], date["period"]) == ("日期", "2023-12-13")
    clock = row("上午9时开幕,14:08结束", "14:08")
    assert clock["unit"] == "时间" and is_empty(clock["value"])
    assert row("上午9时开幕", "9时")["unit"] == "时间"
    year = row("成功入选“中国改革2023年度地方全面深化改革典型案例”名单", "2023年度")
    assert (year["value"], year["unit"], year["base_unit"], year["period"]) == (
        2023, "年度", "年", "2023")


def test_full_width_digits_are_digits():
    r = row("２０２３年产值１２亿元", "１２亿元")
    assert (r["value"], r["value_base"], r["period"]) == (12, 1.2e9, "2023")


# §7, §11 streaks, wins, thresholds, targets ----------------------------------------------------------
def test_streaks_and_wins_are_other_and_no_indicator():
    for text, surface in [("连续5年位列全省第一", "5年"), ("连续三年位居全省第一等次", "连续三年"),
                          ("五夺常州高质量发展考核第一等次", "五夺")]:
        r = row(text, surface)
        assert (r["measure"], r["is_indicator"]) == ("other", "no"), surface


def test_age_threshold_is_other_without_period():
    r = row("日间照料惠及全市2.9万名80周岁以上老人", "80周岁")
    assert (r["value_base"], r["base_unit"], r["measure"], r["period"]) == (80, "岁", "other", "")


def test_targets_keep_their_base_unit():
    r = row("确保文明城市创建水平稳居“全省前五、全国第一方阵”", "前五")
    assert (r["measure"], r["value"], r["base_unit"]) == ("target", 5, "rank")
    r = row("确保溧阳全市规上工业企业突破800家。", "800家", published="2023-12")
    assert (r["measure"], r["period"], r["dimension"]) == ("target", "2023", "经济发展")


def test_figures_of_a_single_firm_are_not_indicators():
    r = row("时代上汽产能突破100GWh", "100GWh")
    assert r["is_indicator"] == "no" and r["dimension"] == "none"


# figures_for_year ------------------------------------------------------------------------------
def test_figures_for_year_keeps_periods_in_or_overlapping_the_year():
    frame = pd.DataFrame({"period": ["2023", "2021..2024", "2024H1", "2022-01..2022-08", "",
                                     "2023-12-13", "2021..", "2023-08-01..2023-08-15"]})
    assert figures_for_year(frame, 2023)["period"].tolist() == [
        "2023", "2021..2024", "2023-12-13", "2021..", "2023-08-01..2023-08-15"]


def test_the_duration_of_a_net_change_spans_the_same_years():
    text = "工业经济总量再上新台阶,2023年达4333亿元,两年净增1910亿元;"
    assert row(text, "两年")["period"] == "2021..2023"


# numerals written in other ways ----------------------------------------------------------------
def test_bound_before_a_bare_hundred_makes_it_a_figure():
    r = only("总投资超百亿元")
    assert (r["surface"], r["value"], r["value_base"]) == ("百亿元", 100, 1e10)
    assert "lower bound (超)" in r["note"]


def test_a_year_written_digit_by_digit_in_chinese():
    r = only("二〇二三年全市产值")
    assert (r["value"], r["period"], r["measure"]) == (2023, "2023", "other")


def test_a_quarter_is_a_date_and_sets_the_period():
    found = figures("2024年第一季度,全市产值增长5%。")
    assert found["surface"].tolist() == ["2024年", "第一季度", "5%"]
    assert found.iloc[1]["period"] == "2024-01..2024-03"
    assert found.iloc[2]["period"] == "2024-01..2024-03"


@pytest.mark.parametrize(("text", "surface"), [("建成5G基站3200个", "5"), ("G60科创走廊", "60"),
                                               ("1.坚持创新驱动", "1"), ("(2)推进改革", "2")])
def test_numbers_inside_names_and_list_labels_are_no_indicators(text, surface):
    r = row(text, surface)
    assert r["is_indicator"] == "no" and is_empty(r["value_base"])


def test_a_goal_heading_the_sentence_makes_every_figure_a_target():
    text = "2024年主要预期目标是:地区生产总值增长6%左右,一般公共预算收入增长5%以上。"
    assert figures(text)["measure"].tolist() == ["other", "target", "target"]


# other publishers: HTML pages, full-width punctuation, statistical bulletins ---------------------
def test_html_block_tags_end_clauses_and_stay_out_of_quotes():
    text = "<p>全市常住人口128.9万人。</p>\n<p><strong>全年接待游客3200万人次</strong>,增长45.2%。</p>"
    r = row(text, "3200万人次")
    assert r["quote"].startswith("全年接待游客") and "<p>" not in r["quote"]
    assert "<" not in row(text, "45.2%")["subject"]


def test_value_added_is_a_level_not_a_change():
    r = row("其中,第一产业增加值52.3亿元,增长3.5%;", "52.3亿元")
    assert r["measure"] == "level"
    assert row("比上年末增加102家", "102家")["measure"] == "change_abs"


def test_value_base_has_no_float_noise():
    assert row("实现地区生产总值2311.8亿元", "2311.8亿元")["value_base"] == 231180000000


def test_a_statistical_bulletin_resolves_quanian_with_its_own_year():
    text = "宜兴市2023年国民经济和社会发展统计公报\n\n全年实现地区生产总值2311.8亿元,增长6.1%。"
    assert row(text, "2311.8亿元", published="2024-03")["period"] == "2023"
    assert row("全年实现地区生产总值2311.8亿元。", "2311.8亿元", published="2024-03")["period"] == "2024"


def test_full_width_punctuation_and_ratio_colon():
    text = "三次产业结构调整为2.3∶49.7∶48.0。城乡居民收入比缩小至1.72∶1；"
    assert surfaces(text) == ["2.3", "49.7", "48.0", "1.72∶1"]


def test_a_code_after_latin_letters_has_no_value_but_pm25_keeps_it():
    assert is_empty(row("C2地块", "2")["value"])
    assert row("PM2.5浓度", "2.5")["value"] == 2.5


@pytest.mark.parametrize("text", ["坚决做到两个维护", "把安全放在首位", "树牢四个意识", "推进三次产业协调发展"])
def test_political_formulas_and_priorities_give_no_row(text):
    assert surfaces(text) == []


def test_dotted_full_date():
    assert row("发布于2024.9.30。", "2024.9.30")["period"] == "2024-09-30"


def test_a_phase_ordinal_before_gongcheng_is_a_row():
    r = only("年内开工长荡湖退圩还湖一期工程")
    assert (r["surface"], r["value"], r["unit"], r["is_indicator"]) == ("一期", 1, "期", "no")


def test_extract_texts_builds_one_table_for_many_texts():
    from analysis.extract import extract_texts

    frame = extract_texts([("增长5%", "b.txt", "2024"), ("", "c.txt", None), ("3家", "a.txt", "2023")])
    assert frame["doc"].tolist() == ["b.txt", "a.txt"]
    assert list(frame.columns) == FIGURE_COLUMNS


def test_a_year_heading_a_later_clause_reaches_only_to_the_semicolon():
    text = "工业经济总量再上新台阶,2023年达4333亿元,两年净增1910亿元;动力电池产业实力全国县域第一。"
    assert row(text, "4333亿元")["period"] == "2023"
    assert row(text, "第一")["period"] == "2024"  # a rank held at publication


def test_windows_line_endings_end_clauses_like_unix_ones():
    line = "溧阳坚持以高质量发展为根本任务,坚持把抓好党建作为最大政绩,以建设苏南绿色崛起品质城市为目标,全面推进。"
    text = line + "\r\n\r\n2023年,地区生产总值1560亿元,增长9%。"
    assert row(text, "1560亿元")["quote"] == "地区生产总值1560亿元"
    assert row(text, "2023年")["quote"] == "2023年"


def test_percentages_in_words_and_a_doubling():
    r = row("同比增长百分之八十", "百分之八十")
    assert (r["value"], r["unit"], r["measure"]) == (80, "%", "growth_pct")
    assert row("覆盖率达到百分之百", "百分之百")["value"] == 100
    r = row("产值增长一倍", "一倍")
    assert (r["value"], r["measure"], r["base_unit"]) == (1, "ratio", "ratio")


def test_a_past_deadline_states_achievements_not_goals():
    # §7 target is a goal; 到2020年末 in a text published in 2021 reports what was reached
    text = "到2020年末，全市规上企业达到600家，比2015年净增90家；光伏产能提高到35.5%。"
    assert row(text, "600家", "2021-02")["measure"] == "count"
    net = row(text, "90家", "2021-02")
    assert net["measure"] == "change_abs" and net["period"] == "2020"
    assert "base is 2015" in net["note"]
    assert row(text, "600家", "2019-12")["measure"] == "target"


def test_rising_to_a_level_states_the_level_not_the_change():
    # §7: 提高到 gives the share reached; 提高 + N个百分点 is change_abs; 增加到 a count
    assert row("全县森林覆盖率提高到28.4%。", "28.4%")["measure"] == "share_pct"
    assert row("全县森林覆盖率提高2.1个百分点。", "2.1个百分点")["measure"] == "change_abs"
    assert row("专精特新企业由12家增加到47家。", "47家")["measure"] == "count"


def test_a_goal_verb_covers_the_rest_of_its_sentence_across_semicolons():
    # §7 target: 力争 states the goal of every figure after it in the sentence
    text = "围绕主导产业，全县力争新开工亿元以上项目40个，完成工业投资180亿元；新增专精特新企业30家以上。"
    assert row(text, "30家", "2024-02")["measure"] == "target"
    text = "全县新开工亿元以上项目40个，完成工业投资180亿元；新增专精特新企业30家。"
    assert row(text, "30家", "2024-02")["measure"] == "count"


def test_figures_under_a_plan_heading_are_goals_but_not_under_a_review_heading():
    # §7 target: a section headed 2024年主要目标 / 重点工作 states goals
    text = ("一、2023年工作回顾\n\n新增城镇就业1.6万人，城镇登记失业率控制在1.8%以内。\n\n"
            "二、2024年主要目标和重点工作\n\n新增城镇就业1.5万人，城镇登记失业率控制在3%以内；"
            "新增养老床位300张。\n\n三、政府自身建设\n\n办结率98%。")
    assert row(text, "1.6万人", "2024-02")["measure"] == "level"
    assert row(text, "1.8%", "2024-02")["measure"] == "share_pct"
    for surface in ("1.5万人", "3%", "300张"):
        assert row(text, surface, "2024-02")["measure"] == "target", surface
    assert row(text, "98%", "2024-02")["measure"] == "share_pct"
    # a heading naming the goals of a year already past is a review
    assert row("二、2022年目标完成情况\n\n新增养老床位300张。", "300张", "2024-02")["measure"] == "count"


def test_past_n_years_is_no_row_and_spans_the_years_reported_on():
    # §2 period phrases (五年来) are no rows; §8 multi-year spans
    text = "一、2020年工作回顾\n\n过去五年，我们坚持项目为王。全县年均增长6.5%，累计完成投资超900亿元。\n\n五年来关停企业二百余家。"
    assert "五年" not in surfaces(text)
    assert row(text, "6.5%", "2021-03")["period"] == "2016..2020"
    assert row(text, "900亿元", "2021-03")["period"] == "2016..2020"
    assert row(text, "二百余家", "2021-03")["period"] == "2016..2020"
    assert row("三年来新建公园18个。", "18个", "2024-09")["period"] == "2022..2024"
    assert row("二十年来新建公园18个。", "18个", "2024-09")["period"] == "2005..2024"


def test_a_period_after_an_attribution_heads_the_sentence():
    # §8: 1—10月 heads the sentence after 记者…获悉 and carries across ;
    text = "记者从市统计局获悉,1—10月,全市工业增加值增长6.2%;社零总额增长4.1%。"
    assert row(text, "4.1%", "2023-11-08")["period"] == "2023-01..2023-10"
    text = "政府工作报告显示，2023年全市实现地区生产总值820亿元，增长5%；一般公共预算收入突破60亿元。"
    assert row(text, "60亿元", "2024-01-22")["period"] == "2023"


def test_a_goal_year_after_lizheng_sets_the_period_of_the_goals():
    text = "“十四五”以来,全县累计建成农田9万亩。下一步,全县将力争到2025年,农民收入突破4万元。"
    assert row(text, "4万元", "2023-11")["period"] == "2025"
    text = "海安将锚定目标，力争2025年地区生产总值突破1700亿元，确保排名进入前二十。"
    assert row(text, "前二十", "2024-07")["period"] == "2025"


def test_a_plan_period_as_comparison_base_is_no_period():
    # §8: growth against an earlier base takes the period of the current figure
    text = "目前高新技术企业总数突破600家，较“十三五”末增长1.4倍。"
    assert row(text, "1.4倍", "2024-07")["period"] == "2024"


def test_a_narrowed_ratio_is_a_signed_change_of_the_ratio():
    # §6 ratios → base unit ratio; a decrease takes a minus sign, note decline
    found = row("城乡居民收入比为1.81:1，比上年缩小0.04。", "0.04")
    assert found["measure"] == "change_abs" and found["base_unit"] == "ratio"
    assert found["value_base"] == -0.04 and "decline" in found["note"]


def test_note_numbers_and_pm25_before_nianjun_are_labels():
    # §2, §6: section numbers and name numbers have no base and no period
    text = "注：1.本公报数据为初步统计数；2.增长速度按可比价格计算。"
    for surface in ("1", "2"):
        found = row(text, surface)
        assert found["measure"] == "other" and found["period"] == "" and found["is_indicator"] == "no"
    found = row("PM2.5年均浓度为30微克/立方米。", "2.5")
    assert found["unit"] == "" and found["period"] == "" and math.isnan(found["value_base"])


def test_an_amount_after_chao_before_a_noun_is_a_threshold():
    # §7 other: thresholds (500万元以上项目) whatever the bound word
    for text, surface in (("全市收入超过300万元的村有12个。", "300万元"),
                          ("其中超5亿元项目**8个**。", "5亿元")):
        found = row(text, surface)
        assert found["measure"] == "other" and found["period"] == "", text
        assert found["is_indicator"] == "no", text
    assert row("营业收入超1100亿元，增长5%。", "1100亿元")["measure"] == "level"


def test_an_anniversary_in_chinese_numerals_and_yiqian_is_no_rank():
    # §2 durations are rows, §8 an anniversary spans founding year to now; 以前一到 is a word
    found = row("今年是建党一百周年。", "一百周年", "2021-03")
    assert found["value"] == 100 and found["base_unit"] == "年" and found["measure"] == "other"
    assert found["period"] == "1921..2021" and found["is_indicator"] == "no"
    assert figures("以前一到夏天，河里就有味道。").empty
    assert row("连续三年位列全省前十。", "前十")["measure"] == "rank"


def test_figures_of_one_village_or_park_are_no_indicators():
    # §11: figures of a single firm, park or project
    text = "在横山镇桃园村,绿道串起了民宿和果园。暑假期间,该村接待游客超过5万人次,村集体经营性收入达到380万元。"
    for surface in ("5万人次", "380万元"):
        assert row(text, surface)["is_indicator"] == "no", surface
    text = "位于城南的临港物流产业园，已集聚物流企业上百家，今年完成业务收入32.5亿元。"
    assert row(text, "32.5亿元")["is_indicator"] == "no"
    text = "在全市各村，新建村级公园120个。"
    assert row(text, "120个")["is_indicator"] == "yes"


def test_the_assessed_sections_of_a_water_share_are_a_context_count():
    # §11: the population of a share is no indicator (like the size of a ranked population)
    found = row("全县9个国省考断面水质优Ⅲ类比例达100%。", "9个")
    assert found["is_indicator"] == "no" and found["dimension"] == "none"


def test_dimensions_of_forests_and_rural_toilets():
    # §10: 生态环境 (ecological restoration), 城乡融合 (农村人居环境, village programmes)
    assert row("新增造林面积2100亩。", "2100亩")["dimension"] == "生态环境"
    assert row("林木覆盖率提高到28.1%。", "28.1%")["dimension"] == "生态环境"
    assert row("农村卫生户厕普及率达98%。", "98%")["dimension"] == "城乡融合"


def test_a_heading_naming_a_goal_word_only_is_no_plan_section():
    text = "一、锚定目标 奋力攻坚\n\n全年新增规上企业120家。\n\n二、今年工作安排\n\n新增规上企业100家。"
    assert row(text, "120家", "2024-02")["measure"] == "count"
    assert row(text, "100家", "2024-02")["measure"] == "target"


def test_goal_verbs_inside_a_phrase_and_rural_areas_change_nothing():
    text = "在确保疫情防控的同时，全县经济稳步回升，全年新增规上企业120家。"
    assert row(text, "120家", "2024-02")["measure"] == "count"
    assert row("在广大农村，新建村级公园120个。", "120个")["is_indicator"] == "yes"


def test_a_number_wrapped_between_its_digits_is_one_row():
    # §4: a figure broken by a line break is still one row; its surface contains the break
    text = "全市居民人均可支配收入达到41\n285元，同比增长5.9%。"
    found = row(text, "41\n285元")
    assert found["value"] == 41285 and found["value_base"] == 41285
    assert "respectively" not in found["note"]
    found = row("日均服务老人2\n300余人次。", "2\n300余人次")
    assert found["value"] == 2300 and found["unit"] == "人次"
    # numbers on lines of their own stay apart
    assert surfaces("新增企业\n41\n285家\n") == ["41", "285家"]


def test_html_table_cells_take_units_and_ranks_from_their_headers():
    # §6, §7: a number alone in a table cell is a figure; the row header's （亿元） scales it,
    # a （％） column of 增幅 holds growth rates and a 位次 column ranks
    text = (
        "<table><tr><td>指标</td><td>2023年</td><td>增幅（％）</td><td>全市位次</td></tr>\n"
        "<tr><td>工业总产值（亿元）</td><td>512</td><td>6.5</td><td>2</td></tr>\n"
        "<tr><td>居民人均可支配收入（元）</td><td>61230</td><td>5.1</td><td>1</td></tr></table>"
    )
    found = row(text, "512")
    assert found["value_base"] == 51200000000 and found["base_unit"] == "元"
    assert found["measure"] == "level" and found["is_indicator"] == "yes"
    found = row(text, "6.5")
    assert found["measure"] == "growth_pct" and found["base_unit"] == "%"
    found = row(text, "2")
    assert found["measure"] == "rank" and found["base_unit"] == "rank" and found["value_base"] == 2
    found = row(text, "61230")
    assert found["value"] == 61230 and found["base_unit"] == "元" and found["measure"] == "level"
    assert found["dimension"] == "共同富裕"
    assert row(text, "5.1")["dimension"] == "共同富裕"


def test_a_structure_changed_from_last_years_takes_the_current_period():
    # §8: 由上年的… dates only the figure it qualifies; the new structure is this year's
    text = "2023年，三次产业结构由上年的10.1:40.2:49.7调整为9.8:39.9:50.3。"
    assert row(text, "10.1", "2024-04")["period"] == "2022"
    assert row(text, "9.8", "2024-04")["period"] == "2023"
    assert row(text, "50.3", "2024-04")["period"] == "2023"


def test_a_period_after_a_dated_news_attribution_heads_the_sentence():
    # §8: the head's 1—6月 applies to each figure after it, ; included
    text = ("本报讯（记者 王明）7月19日，记者从县统计局获悉，今年1—6月，全县实现规上工业总产值86.4亿元，"
            "同比增长11.3%；规上工业增加值同比增长12.1%。")
    for surface in ("86.4亿元", "11.3%", "12.1%"):
        assert row(text, surface, "2024-07-22")["period"] == "2024-01..2024-06", surface


def test_an_assessment_year_dates_the_ranks_of_its_sentence():
    # §8: stated years first; 2023年度…考评 dates the ranks it reports, not publication
    text = "在近日公布的2023年度全省开发区综合考评结果中，县开发区位列第9位，较上年前移5个位次，连续三年进入全省前十。"
    for surface in ("第9位", "前十"):
        assert row(text, surface, "2024-07-22")["period"] == "2023", surface


def test_a_next_year_section_dates_its_goals_the_next_year():
    # §8: 明年 resolved with the publication year; a 明年 heading governs its section
    text = ("一、关于今年工作\n\n全年新增规上企业60家。\n\n二、关于明年工作\n\n"
            "全年计划实施重大项目120个以上，完成投资300亿元。")
    assert row(text, "60家", "2022-12-28")["period"] == "2022"
    assert row(text, "120个", "2022-12-28")["period"] == "2023"
    assert row(text, "300亿元", "2022-12-28")["period"] == "2023"


def test_a_composite_evaluation_target_has_no_dimension():
    # §10 none: composite rankings and assessments, as goals too
    found = row("力争县域高质量发展综合评价继续保持全省前三。", "前三")
    assert found["measure"] == "target" and found["dimension"] == "none"


def test_jin_n_nian_lai_spans_the_years_up_to_the_year_reported_on():
    # §8 multi-year spans: 近两年来 heading a sentence covers its figures
    text = "2024年，教育资源持续扩容。近两年来，全市新建中小学和幼儿园23所，新增学位1.05万个。"
    assert row(text, "23所", "2024-12-20")["period"] == "2023..2024"
    assert row(text, "1.05万个", "2024-12-20")["period"] == "2023..2024"


def test_an_estimate_is_a_level_not_a_goal():
    # §7: target cues are goals (确保, 力争, 将, 计划); 预计 estimates a result
    found = row("预计全年实现地区生产总值520亿元左右，增长5％以上。", "520亿元", "2022-12-28")
    assert found["measure"] == "level"


def test_a_jihua_clause_makes_the_rest_of_its_sentence_goals():
    # §7 target: 计划 carries through the clauses after it, ; included
    text = "要推进项目建设，全年计划实施重大项目90个以上，完成投资200亿元；新增规上工业企业60家，数字经济核心产业增加值增长8％以上。"
    for surface in ("90个", "200亿元", "60家", "8％"):
        assert row(text, surface, "2023-01-05")["measure"] == "target", surface
    text = "下一步，园区将紧盯产业转移机遇，计划全年新签约项目30个以上，推动15个重点项目开工建设。"
    assert row(text, "15个", "2024-07-22")["measure"] == "target"
    assert row("全年完成年度计划的105%，新开工项目12个。", "12个")["measure"] == "count"


def test_growth_and_share_words_after_or_inside_a_percentage():
    # §7: 保持20％以上的增长 is a growth rate; 增长面 (share of sectors growing) is a share
    assert row("制造业投资连续两年保持20％以上的增长。", "20％")["measure"] == "growth_pct"
    assert row("全市工业行业增长面为70.2%。", "70.2%")["measure"] == "share_pct"


def test_an_amount_raised_or_lowered_by_is_a_change():
    # §7 change_abs (提高…, 下降…); a decrease takes a minus sign in value_base (§6)
    found = row("亩均税收达到25.1万元，比上年同期提高1.8万元。", "1.8万元")
    assert found["measure"] == "change_abs" and found["value_base"] == 18000
    found = row("城乡低保标准比上年提高35元。", "35元")
    assert found["measure"] == "change_abs"
    found = row("PM2.5平均浓度为21微克/立方米，同比下降2微克/立方米。", "2微克/立方米")
    assert found["measure"] == "change_abs" and found["value_base"] == -2 and "decline" in found["note"]
    assert row("城乡低保标准提高到每月850元。", "850元")["measure"] == "level"


def test_a_rank_moved_by_positions_and_a_time_in_working_days():
    # §6: a change of rank has base_unit rank; §7 other: durations
    found = row("综合考评位列第9位，较上年前移4个位次。", "4个位次")
    assert found["measure"] == "change_abs" and found["unit"] == "个位次"
    assert found["base_unit"] == "rank" and found["value_base"] == 4
    found = row("审批平均办结时限压缩至3.5个工作日。", "3.5个工作日")
    assert found["unit"] == "个工作日" and found["base_unit"] == "工作日"
    assert found["measure"] == "other"


def test_thresholds_context_counts_and_footnotes_are_no_indicators():
    # §7 other / §11 no: a threshold naming a class (30万元以上的村), a context count
    # (在41个工业行业大类中), the population of a rank, and a footnote number
    found = row("全市村集体经济收入全部达到10万元以上，其中30万元以上的村达到52个。", "30万元")
    assert found["measure"] == "other" and found["period"] == "" and found["is_indicator"] == "no"
    assert row("全市村集体经济收入全部达到10万元以上。", "10万元")["measure"] == "level"
    found = row("在41个工业行业大类中，有30个行业增加值实现增长。", "41个")
    assert found["is_indicator"] == "no" and found["dimension"] == "none"
    found = row("县开发区在全省120家省级以上开发区中位列第9位。", "120家")
    assert found["is_indicator"] == "no" and found["measure"] == "count"
    assert "ranked among" in row("县开发区在全省120家省级以上开发区中位列第9位。", "第9位")["note"]
    text = "注：1.地区生产总值按现价计算，增长速度按不变价格计算。2.部分数据因四舍五入存在差异。"
    found = row(text, "2")
    assert found["measure"] == "other" and found["is_indicator"] == "no" and found["period"] == ""


def test_figures_of_one_park_or_zone_are_no_indicators_but_county_figures_are():
    # §11: one park's output, investment or firms; its assessment ranks stay indicators
    text = ("今年1—6月，县经济技术开发区实现规上工业总产值186.4亿元，同比增长10.3%；"
            "完成进出口总额5.2亿美元。上半年，园区新签约项目13个。"
            "从全县看，上半年全县实现地区生产总值231.5亿元，同比增长6.4%；规上工业增加值增长9.5%。"
            "县经开区在全省综合考评中位列第12位。")
    for surface in ("186.4亿元", "10.3%", "5.2亿美元", "13个"):
        found = row(text, surface, "2024-07-22")
        assert found["is_indicator"] == "no" and found["dimension"] == "none", surface
    for surface in ("231.5亿元", "6.4%", "9.5%", "第12位"):
        assert row(text, surface, "2024-07-22")["is_indicator"] == "yes", surface
    assert row("地理信息小镇集聚相关企业300余家。", "300余家")["is_indicator"] == "no"
    assert row("农产品物流园全年蔬菜交易量900万吨。", "900万吨")["is_indicator"] == "no"
    assert row("全县开发区实现规上工业总产值900亿元。", "900亿元")["is_indicator"] == "yes"
    assert row("新增国家级绿色园区1家。", "1家")["is_indicator"] == "yes"


def test_a_text_titled_after_one_park_reports_that_park():
    text = ("县高新区上半年成绩单出炉\n\n分产业看，汽车零部件产业实现产值42.7亿元。\n\n"
            "从全县看，全县规上工业增加值增长9.5%。")
    assert row(text, "42.7亿元", "2024-07-22")["is_indicator"] == "no"
    assert row(text, "9.5%", "2024-07-22")["is_indicator"] == "yes"


def test_dimensions_of_welfare_spending_health_and_elderly_care():
    # §10 共同富裕: incomes, elderly care, health care (and the spending on them)
    assert row("全年民生支出达52.1亿元，同比增长6.2%。", "52.1亿元")["dimension"] == "共同富裕"
    assert row("把财政支出的八成用于民生领域。", "八成")["dimension"] == "共同富裕"
    assert row("县域内就诊率提升至90.5%。", "90.5%")["dimension"] == "共同富裕"
    assert row("目前已建成长者食堂46个。", "46个")["dimension"] == "共同富裕"
    text = "2024年，全市居民人均可支配收入达到41\n285元，同比增长5.9%。"
    assert row(text, "5.9%", "2025-01-16")["dimension"] == "共同富裕"


def test_double_digit_growth_and_a_plenary_meeting_written_out():
    # §2: 两位数 is a word; §4: one meeting written as a compound is one row
    assert figures("多项指标实现两位数增长。").empty
    found = only("在中共某县委十五届二次全体（扩大）会议上的报告")
    assert found["surface"] == "十五届二次" and found["value"] == 15 and found["unit"] == "届"
    assert found["is_indicator"] == "no"


def test_visits_without_a_scale_are_a_count():
    # §7 count: discrete things with a measure word and no 万/亿; with 万 a level
    assert row("日均服务老人1800余人次。", "1800余人次")["measure"] == "count"
    assert row("全年接待游客620万人次。", "620万人次")["measure"] == "level"


def test_physical_and_incident_units_are_kept():
    # §5: unit is what is written after the number; §6: physical units stay as written
    noise = row("区域环境噪声平均等效声级为54.1分贝，同比下降0.4分贝。", "54.1分贝")
    assert (noise["unit"], noise["base_unit"], noise["measure"]) == ("分贝", "分贝", "level")
    assert noise["dimension"] == "生态环境"
    change = row("区域环境噪声平均等效声级为54.1分贝，同比下降0.4分贝。", "0.4分贝")
    assert change["measure"] == "change_abs" and change["value_base"] == -0.4
    assert row("年平均气温16.8℃。", "16.8℃")["unit"] == "℃"
    assert row("年降水量986.5毫米。", "986.5毫米")["base_unit"] == "毫米"
    accidents = row("全年发生一般以上生产安全事故12起。", "12起")
    assert (accidents["unit"], accidents["measure"]) == ("起", "count")
    assert row("检查企业1500余家次。", "1500余家次")["unit"] == "家次"


def test_days_counted_are_a_count_not_a_duration():
    # §7 count vs other: 优良天数 counts days of good air, an ecological indicator (§10)
    good = row("全年环境空气质量优良天数为298天。", "298天")
    assert (good["measure"], good["is_indicator"], good["dimension"]) == ("count", "yes", "生态环境")
    assert row("连续运行30天。", "30天")["measure"] == "other"


def test_environment_and_government_service_dimensions():
    # §10: waste, noise and soil are 生态环境; government services 社会治理
    assert row("医疗废物安全处置率保持100%。", "100%")["dimension"] == "生态环境"
    assert row("政务服务事项网上可办率达99.2%。", "99.2%")["dimension"] == "社会治理"
