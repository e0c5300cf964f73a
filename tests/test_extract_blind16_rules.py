"""Extraction errors found by blind round 16 (tests/data/extract/blind16/: the opening of a
district's 2018 bulletin, news of a district's first half of 2019 and its place in a list
of 百强区, the end of the review of a county's 2023 government work report, a county's
analysis of its first half of 2023), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 16" entries).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2024-08", one_row=False)


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


# Measures and units (§5-§7) ------------------------------------------------------------
def test_a_place_in_a_list_without_di_is_a_rank_and_its_move_a_change_of_rank():
    text = "报告发布2023年度全国综合实力百强区榜单,某区列57位,比2022年进3位。"
    place = row(text, "57位", "2023-11")
    assert (place["measure"], place["value_base"], place["base_unit"]) == ("rank", 57, "rank")
    assert place["dimension"] == "none"  # a composite list (§10)
    move = row(text, "3位", "2023-11")
    assert (move["measure"], move["value_base"], move["base_unit"]) == ("change_abs", 3, "rank")
    down = row("某县排名42位,较上年退5位。", "5位", "2023-11")
    assert (down["measure"], down["value_base"], down["base_unit"]) == ("change_abs", -5, "rank")
    # people counted with 位 stay people: 引进3位院士, 安排82位专家
    for text, surface in (("全县引进3位院士。", "3位"), ("全县安排82位专家下乡。", "82位")):
        found = row(text, surface, "2023-11")
        assert (found["measure"], found["base_unit"]) == ("count", "人"), surface


def test_the_gap_of_a_result_to_its_goal_is_a_change_not_a_goal():
    text = "上半年,全县GDP增速高出市定目标1.0个百分点,超出县人代会目标0.5个百分点。"
    for surface in ("1.0个百分点", "0.5个百分点"):
        found = row(text, surface)
        assert (found["measure"], found["base_unit"]) == ("change_abs", "百分点"), surface
        assert found["period"] == "2024H1", surface
    # a goal stated as a goal stays one
    assert row("全年GDP增速目标为6.5%。", "6.5%")["measure"] == "target"


def test_the_lower_bound_of_an_age_group_takes_the_unit_after_the_upper():
    text = "年末全区户籍人口71.09万人,其中0-17岁人口8.36万人,18-59周岁人口43.38万人。"
    for surface, unit in (("0", "岁"), ("18", "周岁")):
        found = row(text, surface, "2019")
        assert (found["unit"], found["value_base"], found["base_unit"]) == (
            unit, float(surface), "岁"), surface
        assert (found["measure"], found["period"], found["is_indicator"]) == ("other", "", "no")


# is_indicator and dimension (§10, §11) --------------------------------------------------
def test_the_size_of_a_list_of_indicators_or_tasks_is_no_indicator():
    text = ("市反馈10项主要经济指标有:规上工业增加值、工业用电量、农村居民人均可支配收入等3项指标"
            "位居全市前三。系统推进安全生产32项重点任务、86个攻坚事项,排查整改隐患1234项。")
    for surface in ("10项", "3项", "32项", "86个"):
        found = row(text, surface)
        assert (found["is_indicator"], found["dimension"]) == ("no", "none"), surface
    assert row(text, "1234项")["is_indicator"] == "yes"
    assert row(text, "前三")["is_indicator"] == "yes"


def test_dimensions_of_fire_services_pollution_control_risks_and_motions():
    text = ("全县5个片区消防站点建成投勤。中央环保督察信访件办理满意率100%。实施治污工程518个。"
            "成功化解28个“问题楼盘”。办理人大代表议案、建议189件,政协提案211件。")
    expected = {"5个": "社会治理", "100%": "生态环境", "518个": "生态环境", "28个": "社会治理",
                "189件": "社会治理", "211件": "社会治理"}
    for surface, dimension in expected.items():
        assert row(text, surface)["dimension"] == dimension, surface


def test_a_rank_shared_by_several_subjects_takes_the_dimension_of_most():
    text = "规上工业增加值、工业开票销售、工业用电量、农村居民人均可支配收入等4项指标位居全市前二。"
    assert row(text, "前二")["dimension"] == "经济发展"
    # no majority: the words nearest the rank decide, as before
    text = "规上工业增加值、农村居民人均可支配收入均位居全市第一。"
    assert row(text, "第一")["dimension"] == figures(
        "农村居民人均可支配收入位居全市第一。").iloc[0]["dimension"]


def test_the_change_of_a_population_stock_stated_with_urbanisation_shares_its_dimension():
    text = "年末全区常住人口70.01万人,比上年减少0.2万人。人口城镇化率61.79%。"
    stock, change = row(text, "70.01万人", "2019"), row(text, "0.2万人", "2019")
    assert stock["dimension"] == change["dimension"] == "城乡融合"
    assert change["value_base"] == -2000


def test_rank_moves_goal_gaps_and_task_counts_do_not_reach_too_far():
    # 比上年多引进3位院士: people brought in, not a move in a ranking
    found = row("全县比上年多引进3位院士。", "3位", "2023-11")
    assert (found["measure"], found["base_unit"]) == ("count", "人")
    # a goal of beating the goal stays a goal (力争)
    assert row("全年力争GDP增速高于全市目标1个百分点。", "1个百分点")["measure"] == "target"
    # towns that finished their tasks, and service items, are counted, not a list's size
    assert row("全县3个乡镇完成任务。", "3个")["is_indicator"] == "yes"
    assert row("全县1200个政务服务事项实现网上可办。", "1200个")["is_indicator"] == "yes"
