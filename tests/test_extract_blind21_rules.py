"""Extraction errors found by blind round 21 (tests/data/extract/blind21/: a district's
2019 and 2021 bulletins, a romanised traditional-script year review, January news of a
district's year), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"rounds 21, 22" entries): two-part structures after 比例 (§5), 将近 and tenths after digits
(§4, §6), gaps to an average written in % (§7), 首位 in a slogan word (§2) and counts of
firms of a size class after 单体 (§11).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2022")


# A two-part structure after 比例 (§5) -----------------------------------------------------
def test_two_parts_summing_to_100_after_a_structure_word_are_two_shares():
    found = figures("2021年,全县农业与非农就业比例为21.5:78.5。")
    parts = found[found["surface"].isin(["21.5", "78.5"])]
    assert list(parts["value_base"]) == [21.5, 78.5]
    assert set(parts["measure"]) == {"share_pct"} and set(parts["base_unit"]) == {"%"}


def test_a_two_part_ratio_not_summing_to_100_stays_one_ratio():
    found = row("2021年,全县出生人口性别比为106:100。", "106:100")
    assert found["measure"] == "ratio" and found["value_base"] == 1.06
    assert row("2021年,城乡居民收入比例为1.8:1。", "1.8:1")["measure"] == "ratio"


# 将近 and tenths after digits (§4, §6) ----------------------------------------------------
def test_jiang_jin_is_a_bound_word_and_n_cheng_after_digits_is_a_share():
    found = row("2021年,全县服务业增加值占GDP的比重将近7成。", "7成")
    assert found["value_base"] == 70 and found["base_unit"] == "%"
    assert found["measure"] == "share_pct"  # 将近 is no goal cue (将 alone is)
    assert "approximate (将近)" in found["note"]
    assert found["is_indicator"] == "yes"


def test_cheng_opening_a_word_after_digits_is_no_unit():
    found = figures("2021年,全县共有12成员单位参与。")
    assert "12成" not in set(found["surface"])


# A gap to an average written in % (§7) --------------------------------------------------
def test_a_gap_to_the_city_average_in_percent_is_a_change():
    text = "2023年,全区规上工业产值增长12.5%,增速高于全市平均3.2%。"
    found = row(text, "3.2%", "2024-01")
    assert found["measure"] == "change_abs" and found["base_unit"] == "%"
    assert row(text, "12.5%", "2024-01")["measure"] == "growth_pct"


# 首位 inside a slogan word (§2) ------------------------------------------------------------
def test_shou_wei_before_a_noun_is_no_rank():
    found = figures("2023年,全区扛起全市发展的首位担当,经济运行稳中向好。", "2024-02")
    assert "首位" not in set(found["surface"])
    assert row("2023年,全区工业开票增幅居全市首位。", "首位", "2024-02")["measure"] == "rank"


# Firms of a size class counted after 单体 (§11) -----------------------------------------
def test_firms_counted_by_a_single_firm_size_class_are_county_counts():
    text = "2023年,全区规上工业产值增长8%。其中单体产值超20亿元企业15家。"
    found = row(text, "15家", "2024-01")
    assert found["measure"] == "count" and found["is_indicator"] == "yes"
    assert row(text, "20亿元", "2024-01")["measure"] == "other"  # the threshold
    single = row("2023年,某公司新建单体投资5亿元的生产线。", "5亿元", "2024-01")
    assert single["is_indicator"] == "no"
