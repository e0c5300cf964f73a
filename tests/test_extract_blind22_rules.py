"""Extraction errors found by blind round 22 (tests/data/extract/blind22/: a Zhejiang
county's 2019 bulletin, a county's 2019 work report, 2021 news of a county's projects in a
mirror with page furniture, news of a county's rankings), one test per error kind on
sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"rounds 21, 22" entries): slash fractions (§5), losses (§7), exchange rates (§7 ratio),
betting ads of a mirror's page (§2), quoted goals (§7), lists named by their size (§2),
the year of a month named with 的 and of a ranked list (§8).
"""

from __future__ import annotations

import pandas as pd
import pytest
from extract_helpers import rule_helpers

figures, row = rule_helpers("2022-06")


# A fraction written with a slash (§5) ----------------------------------------------------
def test_a_slash_fraction_after_zhan_is_one_share():
    found = figures("2021年,全县粮食产量占全市的2/5。")
    assert "5" not in set(found["surface"])
    share = row("2021年,全县粮食产量占全市的2/5。", "2/5")
    assert share["value"] == pytest.approx(0.4) and share["value_base"] == pytest.approx(40.0)
    assert share["base_unit"] == "%" and share["measure"] == "share_pct"


def test_a_slash_without_zhan_is_left_alone():
    found = figures("2021年,样本编号12/3。")
    assert "12/3" not in set(found["surface"])


# A loss (§7) ------------------------------------------------------------------------------
def test_people_lost_are_a_negative_change_and_ren_kou_is_no_unit():
    found = row("2022年,全县户籍人口100万,常住人口92万,流失了8万人口。", "8万")
    assert found["unit"] == "万" and found["base_unit"] == "人"
    assert found["measure"] == "change_abs" and found["value_base"] == -80000
    erosion = row("2022年,全县治理水土流失面积12平方公里。", "12平方公里")
    assert erosion["measure"] == "level" and erosion["value_base"] == 12


# An exchange rate written without 1: (§7 ratio, §11) ------------------------------------
def test_an_exchange_rate_is_a_ratio_and_no_indicator():
    text = "2019年,全县出口额50亿元,按美元对人民币的平均汇率6.90折算,为7.25亿美元。"
    found = row(text, "6.90", "2020-03")
    assert found["measure"] == "ratio" and found["base_unit"] == "ratio"
    assert found["is_indicator"] == "no"


# A betting ad in a mirror's page (§2) ----------------------------------------------------
def test_a_number_in_a_betting_ad_is_a_name():
    found = row("188体育手机投注\n\n某县:项目建设加速度\n\n今年以来,某县新开工项目12个。", "188")
    assert found["measure"] == "other" and pd.isna(found["value_base"])
    assert found["period"] == "" and found["is_indicator"] == "no"


# Figures inside a quoted goal (§7) -------------------------------------------------------
def test_figures_inside_a_quotation_closed_by_mu_biao_are_targets():
    text = ("2021年,该县围绕“项目总数全市争第一、工业开票突破900亿元”目标,狠抓落实。"
            "全年工业开票850亿元。")
    for surface in ("第一", "900亿元"):
        assert row(text, surface, "2021-12")["measure"] == "target", surface
    assert row(text, "850亿元", "2021-12")["measure"] == "level"


# A list named by its size (§2) -----------------------------------------------------------
def test_n_qiang_inside_a_title_is_a_list_name():
    found = row("2021年,赛迪发布《全国工业百强县50强》,某县位居第12。", "50强")
    assert found["measure"] == "other" and found["unit"] == "强"
    assert pd.isna(found["value_base"]) and found["is_indicator"] == "no"


# Years of a month and of a ranked list (§8) ----------------------------------------------
def test_a_month_after_a_year_and_de_takes_that_year():
    found = row("在2019年公布的11月,某县入选百强。", "11月")
    assert found["period"] == "2019-11"


def test_a_rank_in_a_list_named_with_its_year_takes_the_list_year():
    text = "在2022年5月,某县入选了《2021年中国工业百强县》榜单,并且位居第35。"
    assert row(text, "第35")["period"] == "2021"


# A condition stated with 低于 before a consequence (§7 threshold) ------------------------
def test_an_amount_as_the_condition_of_a_consequence_is_a_threshold():
    found = row("在苏北,县域GDP低于300亿元,那就意味着落后。", "300亿元")
    assert found["measure"] == "other" and found["period"] == ""
    assert found["is_indicator"] == "no"


# People counted by a bare scale (§5, §6) -------------------------------------------------
def test_people_counted_by_a_bare_scale_next_to_ren_kou():
    near = row("2022年,全县近千万的人口共同奋斗。", "近千万")
    assert near["value_base"] == 10_000_000 and near["base_unit"] == "人"
    below = row("2022年,全县常住人口却不到百万,外出务工多。", "百万")
    assert below["value_base"] == 1_000_000 and below["measure"] == "level"
    assert "百万" not in set(figures("2022年,全县投资过百万,项目多。")["surface"])


# A count per stretch of days (§11) -------------------------------------------------------
def test_a_count_per_stretch_of_days_is_no_indicator():
    text = "2021年1-10月,某县签约亿元以上项目89个,实现平均每5天开工1个亿元项目。"
    assert row(text, "1个", "2021-12")["is_indicator"] == "no"
    assert row(text, "89个", "2021-12")["is_indicator"] == "yes"
