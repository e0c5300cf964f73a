"""Extraction errors found by blind round 14 (tests/data/extract/blind14/: a district
bulletin copied from a PDF, a traditional-script bulletin mirror, a work report copied on a
forum with the forum's header, news of a county's first-half industry), one test per error
kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 14" entries): a forum's page furniture (§2, §11), a PDF's page numbers and units
split by its spaces (§4, §14 round 12), declines after 比年初 (§6), a span of years before
the year reviewed (§8), a cue after a colon and a rate in a headline (§8), clusters built
(§7) and counts of a whole list (§11).
"""

from __future__ import annotations

import math

from extract_helpers import rule_helpers

figures, row = rule_helpers("2023-05")


# A forum's page furniture (§2, §11) -------------------------------------------------
FORUM_TEXT = (
    "设为首页\n查看: 128|回复: 3\n\n[转载] 某县2022年政府工作报告\n\n"
    "  • 签到天数: 310 天\n\n    [LV.6]常住居民\n\n    2万\n\n    主题\n\n    3万\n\n    帖子\n\n"
    "    21万\n\n    积分\n\n    Rank: 5\n\n    积分\n    214733\n"
    "    发表于 2023-3-2 09:15:40 | 显示全部楼层\n"
    "各位代表:过去一年,全县实现地区生产总值512.3亿元,增长6.1%。\n"
)


def test_forum_counters_are_furniture_without_period_or_indicator():
    expected = {"128": (128, "次"), "3": (3, "次"), "310 天": (310, "天"),
                "2万": (20000, "个"), "3万": (30000, "个"), "21万": (210000, "分"),
                "214733": (214733, "分")}
    for surface, (base, base_unit) in expected.items():
        found = row(FORUM_TEXT, surface)
        assert found["measure"] == "other", surface
        assert found["period"] == "", surface
        assert found["is_indicator"] == "no", surface
        assert found["dimension"] == "none", surface
        assert found["value_base"] == base, surface
        assert found["base_unit"] == base_unit, surface


def test_forum_level_and_badge_numbers_are_names():
    found = figures(FORUM_TEXT)
    for surface in ("6", "5"):
        name = found[found["surface"] == surface].iloc[0]
        assert math.isnan(name["value_base"]), surface
        assert name["measure"] == "other" and name["is_indicator"] == "no", surface


def test_forum_post_date_and_the_report_after_it_keep_their_rules():
    assert row(FORUM_TEXT, "2023-3-2")["period"] == "2023-03-02"
    assert row(FORUM_TEXT, "2022年")["period"] == "2022"
    gdp = row(FORUM_TEXT, "512.3亿元")
    assert gdp["is_indicator"] == "yes" and gdp["measure"] == "level"


def test_a_text_without_a_forum_header_is_left_alone():
    text = "积分制管理覆盖全县。\n全县实现地区生产总值512.3亿元,增长6.1%。\n"
    assert row(text, "512.3亿元")["is_indicator"] == "yes"


# A PDF copy: page numbers and units split by its spaces (§4, §14 round 12) --------------
PDF_TEXT = (
    "2022 年某县国民经济和社会发展统计公报\n\n"
    "一、综合 全县实现地区生产总值 412.5 亿元,比上年增长 6.2%.一般公共预算收入 31.6 亿元,"
    "比上年增长 8.1%.高新技术产业产值占规模以上工业总产值的比重达 48.5%,比上年提高 2.3 个百 分点. "
    "持续优化营商环境,激发各类市场主\n\n3 体活力.全年新增市场主体 2104 户."
)


def test_a_page_number_inside_a_broken_sentence_is_a_label():
    found = row(PDF_TEXT, "3")
    assert found["measure"] == "other"
    assert found["period"] == ""
    assert math.isnan(found["value_base"])
    assert found["is_indicator"] == "no"


def test_a_point_change_whose_unit_a_pdf_space_splits_is_one_row():
    found = row(PDF_TEXT, "2.3 个百 分点", "2023-03")
    assert found["unit"] == "个百分点"
    assert found["base_unit"] == "百分点"
    assert found["measure"] == "change_abs"


# A decline after 比年初, spaced off its number (§6, §7) -------------------------------
def test_a_decline_against_the_start_of_the_year_is_a_negative_change():
    text = PDF_TEXT + "规模以上工业企业每百元营业收入中的成本比年初下降 0.8 元."
    found = row(text, "0.8 元", "2023-03")
    assert found["measure"] == "change_abs"
    assert found["value_base"] == -0.8


# 上年 after a PDF space stays the base of a comparison (§8) ---------------------------
def test_shang_nian_after_a_space_is_no_period():
    text = PDF_TEXT + "其中税收收入 25.2 亿元,比 上年增长 9.4%."
    assert row(text, "9.4%", "2023-03")["period"] == "2022"


# A span of years before the year reviewed (§8) -------------------------------------
def test_years_of_an_epidemic_before_the_year_reviewed_span_the_years_before_it():
    text = "2023年,是三年疫情防控转段后经济恢复发展的一年。"
    assert row(text, "三年", "2024-01")["period"] == "2020..2022"


def test_a_duration_without_after_keeps_its_year():
    text = "2023年,全县用三年时间建成科创园。"
    assert ".." not in row(text, "三年", "2024-01")["period"]


# A cue after a colon heads what follows; a headline rate restates the rate below (§8) ---
H1_TEXT = (
    "增长7.4%!某县工业经济交出“半年报”\n"
    "坚定信心!全县工业经济交出一份亮眼的“半年报”:上半年,全县完成规上工业总产值812.6亿元,"
    "同比增长7.4%,发展态势良好。\n"
)


def test_a_period_word_after_a_colon_heads_its_sentence():
    for surface in ("812.6亿元", "7.4%"):
        found = figures(H1_TEXT, "2024-07")
        assert set(found[found["surface"] == surface]["period"]) == {"2024H1"}, surface


def test_a_headline_rate_takes_the_period_of_the_rate_it_restates():
    found = figures(H1_TEXT, "2024-07")
    headline = found.iloc[0]
    assert headline["surface"] == "7.4%" and headline["start"] == 2
    assert headline["period"] == "2024H1"
    assert headline["subject"] == found.iloc[-1]["subject"]


# Clusters built, not planned (§7) ---------------------------------------------------
def test_a_cluster_already_built_is_no_target():
    text = "全县产业基础雄厚,打造了新材料和高端装备2个千亿级产业集群。"
    found = row(text, "2个", "2024")
    assert found["measure"] == "count"
    assert found["is_indicator"] == "no"
    assert row("全县将打造2个千亿级产业集群。", "2个", "2024")["measure"] == "target"


# Counts of a whole list or classification (§11) --------------------------------------
def test_counts_of_the_classes_a_county_has_or_covers_are_no_indicators():
    text = ("全县产业基础雄厚,拥有工业领域28个行业,覆盖先进制造业所有6个大类,"
            "覆盖电机、电控、电池等5大核心部件40多个种类。")
    for surface in ("28个", "6个", "5大", "40多个"):
        found = row(text, surface, "2024")
        assert found["is_indicator"] == "no", surface
        assert found["measure"] == "count", surface
        assert found["period"] == "2024", surface


def test_counts_of_sectors_that_grew_and_of_places_covered_stay_indicators():
    assert row("全县有24个行业增加值实现增长。", "24个", "2024")["is_indicator"] == "yes"
    assert row("医保服务圈覆盖全部17个乡镇。", "17个", "2024")["is_indicator"] == "yes"


# A PDF copy's full stop and spending on public services (§3, §10) ----------------------
def test_a_dot_after_a_word_ends_the_sentence_of_a_pdf_copy():
    text = ("2022 年某县统计公报\n\n全县第三产业增加值 210.4 亿元,比去年同期提高 0.6 个百分点. "
            "全年实现高新技术产业产值 301.2 亿元.")
    found = row(text, "0.6 个百分点", "2023-03")
    assert found["quote"] == "比去年同期提高 0.6 个百分点"
    assert found["dimension"] == "经济发展"
    assert row(text, "301.2 亿元", "2023-03")["dimension"] == "开放创新"


def test_spending_on_public_services_is_common_prosperity():
    text = "全年一般公共预算支出 67.9 亿元.其中城乡公共服务支出 51.2 亿元,比上年增长 8.4%."
    for surface in ("51.2 亿元", "8.4%"):
        assert row(text, surface, "2023-03")["dimension"] == "共同富裕", surface
    assert row(text, "67.9 亿元", "2023-03")["dimension"] == "经济发展"


def test_a_news_item_naming_where_it_was_published_has_no_forum_header():
    text = ("某县推行积分制管理,全县建成示范村12个。\n"
            "该文发表于2024年5月10日的县报。全县实现地区生产总值512.3亿元。\n")
    assert row(text, "12个", "2024")["is_indicator"] == "yes"
