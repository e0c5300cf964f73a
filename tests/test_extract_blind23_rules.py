"""Extraction errors found by blind round 23 (tests/data/extract/blind23/: a county
bulletin, a traditional-script bulletin with romanisation, a work report and half-year
news), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"rounds 23 and 25" entries): a structure changed from 上年同期的 (§8), a rank by a
two-year average (§8) and quoted programme names counted (§2).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2021-03")


# 由上年同期的…调整为… : only the start is last year's (§8) ------------------------------
def test_structure_changed_from_last_year_same_period_ends_in_this_year():
    text = "2020年,全县三次产业结构由上年同期的12.3:40.6:47.1调整为12.9:41.0:46.1。"
    assert row(text, "12.3")["period"] == "2019"
    assert row(text, "12.9")["period"] == "2020"


def test_romanised_change_word_ends_the_cue_of_last_year_in_a_mirror():
    text = "2020年,全縣三次產(chǎn)業(yè)結(jié)構(gòu)由上年同期的12.3:40.6:47.1調(diào)整為(wèi)12.9:41.0:46.1。"
    assert row(text, "12.3")["period"] == "2019"
    assert row(text, "46.1")["period"] == "2020"


# A rank by a two-year average in a half-year text (§8) --------------------------------
def test_rank_by_a_two_year_average_is_held_when_the_figures_are():
    text = "据初步核算,2023年上半年全县实现生产总值98.6亿元,同比增长5.8%;两年平均增长5.1%,两年平均增速居全市第4。"
    assert row(text, "第4", "2023-07-20")["period"] == "2023H1"


# Quoted programme names counted (§2) ----------------------------------------------------
def test_count_of_quoted_programmes_is_a_name():
    found = figures("全县深入实施两个“首位工程”和“五大行动”,经济稳中向好。", "2023-07-20")
    assert "两个" not in set(found["surface"])
