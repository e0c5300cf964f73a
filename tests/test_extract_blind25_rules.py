"""Extraction errors found by blind round 25 (tests/data/extract/blind25/: a district
bulletin with a second paragraph 不含经开区, a county work report of December at the end of
a term, half-year news and a county bulletin), one test per error kind on sentences of
our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"rounds 23 and 25" entries): a term's review in paragraphs headed 这是…的五年 (§8, §14 ends
of a change over a span), gaps and 多增 as changes (§7), 目标管理考核 as an assessment (§7),
an unbracketed scope clause (§11) and 综合竞争力 as composite (§10).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2021-12-20")


# A December work report: paragraphs headed 这是…的五年 review the term (§8, §14) -------
TERM_TEXT = (
    "各位代表:\n"
    "一、过去五年工作回顾\n"
    "过去五年,是某县发展极不平凡的五年。\n"
    "这是爬坡过坎、砥砺前行,经济实力跃上新台阶的五年。工业总产值从88.6亿元增加到210亿元,"
    "由全省第61位上升到第40位;一般公共预算收入连续跨越10亿元、15亿元台阶;累计完成固定资产投资456亿元。"
    "三次产业结构由12.5∶45.1∶42.4调整为8.2∶48.3∶43.5。\n"
)


def test_start_values_of_a_term_reviewed_are_of_the_year_before_the_term():
    assert row(TERM_TEXT, "88.6亿元")["period"] == "2016"
    assert row(TERM_TEXT, "210亿元")["period"] == "2021"
    assert row(TERM_TEXT, "第61位")["period"] == "2016"
    assert row(TERM_TEXT, "12.5")["period"] == "2016"
    assert row(TERM_TEXT, "8.2")["period"] == "2021"


def test_totals_and_thresholds_crossed_over_a_term_keep_its_span():
    assert row(TERM_TEXT, "456亿元")["period"] == "2017..2021"
    assert row(TERM_TEXT, "10亿元")["period"] == "2017..2021"


def test_multiple_and_gap_in_a_term_reviewed_are_of_its_last_year():
    text = "这是稳中求进、结构优化的五年。全县生产总值是2016年的2.1倍,人均生产总值比全省平均水平高5120元。\n"
    multiple = row(text, "2.1倍")
    gap = row(text, "5120元")
    assert multiple["period"] == "2021" and gap["period"] == "2021"
    assert gap["measure"] == "change_abs"


def test_a_sentence_this_is_the_five_years_needs_to_head_its_paragraph():
    text = "各位代表,我们刚刚走过的是这是…不平凡的五年。\n工业总产值210亿元。\n"
    assert row(text, "210亿元")["period"] == "2021"


# Changes and assessments (§7) ---------------------------------------------------------
def test_more_added_than_last_year_is_a_change():
    found = row("全年城镇新增就业2650人,比上年多增95人。", "95人", "2022-03")
    assert found["measure"] == "change_abs"


def test_target_management_assessment_ranks_are_ranks():
    found = row("2021年,全县目标管理绩效考核位居全市第3位。", "第3位", "2022-01")
    assert found["measure"] == "rank"


# A scope clause without brackets (§11) -------------------------------------------------
def test_figures_after_an_unbracketed_scope_clause_stay_the_countys():
    text = "初步核算,全年全区地区生产总值2000亿元。\n不含高新区计算,全年地区生产总值1520.6亿元,按不变价格计算,增长6.2%。"
    found = row(text, "1520.6亿元", "2022-03")
    assert found["is_indicator"] == "yes"


# 综合竞争力 is composite (§10) ---------------------------------------------------------
def test_comprehensive_competitiveness_ranks_are_composite():
    found = row("2021年,县域综合竞争力跃升至全省第25位。", "第25位", "2022-01")
    assert found["dimension"] == "none"
