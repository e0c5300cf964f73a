"""Extraction errors found by blind round 10 (tests/data/extract/blind10/: county work
reports and a half-year news article), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included:
periods of five-year reviews (§8), single firms (§11), composite rankings and farm
modernisation (§10), units (§5) and characters a traditional-script mirror lost (§14).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2022-01-10")


# Periods (§8, §14) -----------------------------------------------------------------
def test_a_year_right_before_a_figure_is_a_year_and_a_structure_keeps_both_years():
    text = "三产结构由2016年9.1:47.5:43.4调整为2021年7.6:45.2:47.2,增长方式持续优化。"
    found = figures(text)
    years = found[found["measure"] == "other"]
    assert years["surface"].tolist() == ["2016年", "2021年"]
    assert years["period"].tolist() == ["2016", "2021"]
    shares = found[found["measure"] == "share_pct"]
    assert shares["value"].tolist() == [9.1, 47.5, 43.4, 7.6, 45.2, 47.2]
    assert shares["period"].tolist() == ["2016"] * 3 + ["2021"] * 3


def test_the_start_of_a_change_from_a_stated_year_is_that_years_only():
    text = "2021年,全县城镇居民人均可支配收入由2016年31250元提高到45380元,年均增长7.7%。"
    assert row(text, "2016年")["period"] == "2016"
    assert row(text, "31250元")["period"] == "2016"
    assert row(text, "45380元")["period"] == "2021"


def test_a_multiple_of_a_base_year_is_of_the_figures_year():
    text = "2021年完成一般公共预算收入36.2亿元,是2016年的1.6倍,年均增长9.8%。"
    multiple = row(text, "1.6倍")
    assert (multiple["measure"], multiple["period"]) == ("ratio", "2021")
    assert row(text, "2016年")["period"] == "2016"


def test_an_average_or_an_addition_after_a_base_year_spans_the_years_after_it():
    text = ("2021年实现地区生产总值560亿元,是2016年的1.5倍,年均增长7.1%;"
            "全口径税收收入42亿元,年均增长6.5%;全县规上工业企业新增236家,总数达到610家。")
    assert row(text, "7.1%")["period"] == "2017..2021"
    assert row(text, "6.5%")["period"] == "2017..2021"
    assert row(text, "236家")["period"] == "2017..2021"
    assert row(text, "610家")["period"] == "2021"
    # against a base with 比 the change stays the figure's year (blind/gold_b1)
    assert row("到2021年末,规上企业达到610家,比2016年净增120家。", "120家")["period"] == "2021"


def test_a_rank_reached_over_five_years_is_held_at_their_end():
    # a work report of January 2022: 五年来 is 2017..2021, the rank is held in 2021
    text = "各位代表:\n五年来,全国综合竞争力百强县排名跃居第38位,县域经济稳步向前。"
    rank = row(text, "第38位")
    assert (rank["measure"], rank["period"]) == ("rank", "2021")


def test_a_period_after_the_county_name_heads_the_sentence():
    text = "日前,溧水区上半年经济“成绩单”出炉,全区实现地区生产总值达560.5亿元,同比增长3.1%。"
    assert row(text, "560.5亿元", "2022-08-02")["period"] == "2022H1"
    assert row(text, "3.1%", "2022-08-02")["period"] == "2022H1"


# Single firms (§11) ----------------------------------------------------------------
def test_a_sentence_about_one_firm_holds_no_county_figures():
    text = ("江苏恒达科技是全国领先的新材料企业,国内市场占有率达35%。"
            "公司负责人介绍,上半年公司加大研发投入,实现产值12.6亿元,同比增长41.5%。"
            "全县规上工业总产值增长8.2%。")
    for surface in ("35%", "12.6亿元", "41.5%"):
        assert row(text, surface)["is_indicator"] == "no", surface
        assert row(text, surface)["dimension"] == "none", surface
    assert row(text, "8.2%")["is_indicator"] == "yes"


# Dimensions (§10) ------------------------------------------------------------------
def test_composite_and_topical_county_lists():
    text = "全国县域经济基本竞争力百强县跃居第52位,全国科技创新百强县列第61位。"
    assert row(text, "第52位")["dimension"] == "none"
    assert row(text, "第61位")["dimension"] == "开放创新"
    assert row("位列全国市辖区高质量发展百强区第28名。", "第28名")["dimension"] == "none"


def test_overall_fiscal_revenue_and_farm_modernisation_are_economic():
    text = "实现全口径财政总收入88.6亿元;高效设施农业面积达到21.3万亩,农机化综合作业水平达到90.5%。"
    for surface in ("88.6亿元", "21.3万亩", "90.5%"):
        assert row(text, surface)["dimension"] == "经济发展", surface


# Units (§5, §6) --------------------------------------------------------------------
def test_jin_is_a_unit_of_weight():
    found = row("粮食总产量连续三年稳定在9.5亿斤以上。", "9.5亿斤")
    assert (found["unit"], found["value_base"], found["base_unit"]) == ("亿斤", 9.5e8, "斤")


# Script (§14) ----------------------------------------------------------------------
def test_a_character_lost_by_a_mirror_ends_no_clause():
    text = "位列2023全國(guó)市轄區(qū)高質(zhì)量發(fā)展百?gòu)?qiáng)第33名。"
    rank = row(text, "第33名", "2024")
    assert (rank["measure"], rank["dimension"]) == ("rank", "none")
    assert text[rank["start"] : rank["end"]] == "第33名"
