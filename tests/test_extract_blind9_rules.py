"""Extraction errors found in blind round 9 (Jiangsu bulletin openings), one test per
kind of error, each on a sentence of our own (GUIDELINE.md §14, round 9)."""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2023-03")


# Periods (§8, §14): a bulletin's byline and dateline before its opening year ----------
def test_a_bulletin_with_a_byline_reviews_its_opening_year_whenever_published():
    text = ("某县统计局 国家统计局某县调查队\n(2022年6月)\n2021年,全县经济稳中有进。\n"
            "一、农业\n全年粮食总产量达52.3万吨,增长1.2%。\n")
    assert row(text, "52.3万吨", "2022-06")["period"] == "2021"
    assert row(text, "1.2%", "2022-06")["period"] == "2021"


def test_a_traditional_script_byline_with_romanisation_counts_too():
    text = ("某縣統(tǒng)計局 國家統(tǒng)計局某縣調(diào)查隊\n(2022年6月)\n"
            "2021年,全縣經(jīng)濟穩(wěn)中有進。\n全年糧食總產(chǎn)量達52.3萬噸。\n")
    assert row(text, "52.3萬噸", "2022-06")["period"] == "2021"


def test_news_opening_with_last_year_published_late_keeps_the_publication_year():
    # no byline: the spring-only rule of §14 is unchanged
    text = "2022年,全市上下奋力拼搏。\n全年新增市场主体1.2万户。\n"
    assert row(text, "1.2万户", "2023-09")["period"] == "2023"


# Units (§5, §6): a yield in a compound per-area unit ------------------------------------
def test_a_yield_per_area_keeps_its_compound_unit():
    found = row("全年水稻单产612.5公斤/亩,增长0.8%。", "612.5公斤/亩")
    assert (found["unit"], found["base_unit"], found["value_base"]) == ("公斤/亩", "公斤/亩", 612.5)
    assert found["measure"] == "level" and found["is_indicator"] == "yes"


# Tables (§5, §14): a spaced 单 位 column under a caption line with |s ------------------
def test_a_spaced_unit_column_under_a_caption_line_gives_the_unit():
    text = ("表3:主要畜产品产量 | ||\n品 名 | 单 位 | 2022年 |\n"
            "肉 类 | 万吨 | 5.6 |\n禽 蛋 | 吨 | 8120 |\n")
    meat = row(text, "5.6")
    assert (meat["value_base"], meat["base_unit"], meat["unit"]) == (56000, "吨", "")
    eggs = row(text, "8120")
    assert (eggs["value_base"], eggs["base_unit"]) == (8120, "吨")
    assert row(text, "3")["is_indicator"] == "no"


# Structures (§4, §14): spaces around the colons ------------------------------------------
def test_a_structure_with_spaced_colons_is_three_shares():
    found = figures("全区三次产业结构调整为8.5 : 45.0 : 46.5。")
    assert found["surface"].tolist() == ["8.5", "45.0", "46.5"]
    assert set(found["measure"]) == {"share_pct"} and set(found["base_unit"]) == {"%"}


# Labels (§14): a figure number before a colon is no ratio --------------------------------
def test_a_figure_number_before_a_colon_and_a_year_is_a_label():
    found = figures("图3:2015年至2022年地区生产总值及增长速度\n")
    assert found["surface"].tolist() == ["3", "2015年", "2022年"]
    assert found["is_indicator"].tolist() == ["no", "no", "no"]
    assert found["value"].tolist() == [3, 2015, 2022]


def test_a_ratio_still_needs_no_caption_word():
    found = row("城乡居民收入之比为1.85 : 1。", "1.85 : 1")
    assert found["measure"] == "ratio" and found["value_base"] == 1.85


# Ordinals (§2, §4): plenums listed with 、 sharing one 全会 --------------------------------
def test_plenums_listed_with_a_pause_mark_are_one_row_each():
    found = figures("深入贯彻党的十八大和十八届三中、四中、五中全会精神。")
    assert found["surface"].tolist() == ["十八大", "十八届三中", "四中", "五中全会"]
    assert found["value"].tolist() == [18, 18, 4, 5]
    assert found["unit"].tolist() == ["大", "届", "中", "中"]
    assert set(found["is_indicator"]) == {"no"}
