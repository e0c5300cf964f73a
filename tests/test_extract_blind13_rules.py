"""Extraction errors found by blind round 13 (tests/data/extract/blind13/: a county
bulletin, January news of a county's industrial year, a traditional-script profile and
goals statement, a county work report), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 13" entries): goals of a year just begun stated after 全年 or 年内 (§7, §8), bounds
ending a list item (§7), streaks counted in 届 (§5, §8) and moral models (§10).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2022-01")


# Goals listed after 全年 in a January text of this year's goals (§7, §8) ---------------
GOALS_TEXT = (
    "2021年,某县经济运行稳中有进。\n"
    "今年全县发展的主要目标是:地区生产总值增长7%。\n"
    "重点做好以下工作:一是壮大工业,全年新开工亿元以上项目45个以上、完成工业投资80亿元以上、"
    "新增规上企业30家以上,推动工业提质增效。"
)


def test_goals_after_this_year_listed_after_quan_nian_are_targets_of_the_year():
    for surface in ("45个", "80亿元", "30家"):
        found = row(GOALS_TEXT, surface)
        assert found["measure"] == "target", surface
        assert found["period"] == "2022", surface
        assert found["is_indicator"] == "yes", surface
        assert found["dimension"] == "经济发展", surface


def test_a_bound_ending_a_list_item_is_no_size_class():
    # 45个以上、完成…: the lower bound of a figure, not a class like 亿元以上、5000万元以上项目
    assert row(GOALS_TEXT, "45个")["measure"] != "other"
    classes = figures("全县有10亿元以上、5亿元以上项目共12个。", "2022-06")
    assert set(classes[classes["surface"].isin(["10亿元", "5亿元"])]["measure"]) == {"other"}


def test_quan_nian_reviewing_last_year_in_january_stays_its_result():
    text = "2021年,某县经济运行稳中有进。全年完成一般公共预算收入52.3亿元。"
    found = row(text, "52.3亿元")
    assert found["measure"] == "level"
    assert found["period"] == "2021"


# 年内 in a January goals text (§7) --------------------------------------------------
def test_nian_nei_in_a_january_text_is_a_goal_of_the_year():
    text = "县长说,要狠抓项目建设,年内工业开票销售突破900亿元。"
    found = row(text, "900亿元")
    assert found["measure"] == "target"
    assert found["period"] == "2022"
    later = row(text, "900亿元", "2022-11")
    assert later["measure"] == "level"


# Streaks counted in 届 (§5, §8) ------------------------------------------------------
def test_a_streak_in_jie_has_its_base_unit_and_the_year_heading_its_sentence():
    text = "2021年,我们获评省级文明县城,连续4届入选“全国绿色小城”。"
    found = row(text, "4届")
    assert found["value_base"] == 4
    assert found["base_unit"] == "届"
    assert found["period"] == "2021"
    assert "streak length" in found["note"]


# Moral models (§10) -----------------------------------------------------------------
def test_moral_models_are_common_prosperity_next_to_civility():
    text = "2021年,全县新增全国道德模范1名、中国好人3名、省好人5名。"
    for surface in ("1名", "3名", "5名"):
        assert row(text, surface)["dimension"] == "共同富裕", surface


# The year reviewed named after the figures of a January news item (§8) ----------------
def test_a_review_year_after_the_figures_dates_its_paragraph():
    text = (
        "某县规上工业产值连年攀升,位居全市第二,预计实现工业开票520亿元……近日,某县晒出"
        "2021年度工业经济成绩单。\n1月8日,某县举行项目集中开工仪式,新开工项目12个。"
    )
    assert row(text, "520亿元")["period"] == "2021"
    assert row(text, "第二")["period"] == "2021"
    assert row(text, "12个")["period"] == "2022"  # the next paragraph: the publication year


# A county total after a park named as the object (§11) --------------------------------
def test_a_county_that_improves_its_parks_keeps_its_totals():
    text = (
        "2021年,某县优化经开区、高新园及5个镇级特色园“125”园区体系,"
        "全年完成一般公共预算收入41.2亿元,连续2年8项工业经济指标位居全市第一。"
    )
    assert row(text, "41.2亿元")["is_indicator"] == "yes"
    assert row(text, "5个")["is_indicator"] == "no"  # the parts of a named park system
    assert row(text, "8项")["is_indicator"] == "no"  # the indicators sharing the rank


# A single park's rank among parks (§11) ----------------------------------------------
def test_a_park_ranked_among_parks_by_its_own_figure_is_no_county_indicator():
    text = "某县高新区工业产值稳步增长,位居全省县级开发区第三,实现工业产值410亿元。"
    assert row(text, "第三", "2022-06")["is_indicator"] == "no"
    assessed = "某县经开区在全省开发区综合考评中位列第三。"
    assert row(assessed, "第三", "2022-06")["is_indicator"] == "yes"


def test_a_streak_after_quan_nian_of_the_year_reviewed_takes_that_year():
    text = "2021年,某县经济稳中有进。\n全年完成一般公共预算收入41.2亿元,连续3年位居全市第一。"
    assert row(text, "3年")["period"] == "2021"
    assert row("某县连续3年位居全市第一。", "3年")["period"] == "2022"  # as published
