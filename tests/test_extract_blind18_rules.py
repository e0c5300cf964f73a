"""Extraction errors found by blind round 18 (tests/data/extract/blind18/: a district's 2023
bulletin, a county's government work report of January 2024, a district's work report of
February 2023, a district's news of November 2020 on its industry in January to September),
one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"rounds 17 and 18" entries).
"""

from __future__ import annotations

import pandas as pd
from extract_helpers import rule_helpers

figures, row = rule_helpers("2024-08", one_row=False)


# Rows (§2, §4, §5) ----------------------------------------------------------------------
def test_phone_number_is_one_code_row():
    found = figures("服务热线:0510-83456789 欢迎来电")
    assert found["surface"].tolist() == ["0510-83456789"]
    assert found["value"].isna().all() and found["is_indicator"].tolist() == ["no"]


def test_first_months_are_a_month_range():
    # 今年前8个月: one date row, the months January to August, dating its sentence
    text = "今年前8个月,全县实现工业开票销售320.5亿元,增长6.2%。"
    found = figures(text, "2023-10")
    assert found["surface"].tolist() == ["前8个月", "320.5亿元", "6.2%"]
    assert found["unit"].iloc[0] == "日期" and found["period"].tolist() == ["2023-01..2023-08"] * 3
    # 提前3个月 (ahead of time) is no month range
    ahead = figures("该项目比计划提前3个月建成。", "2023-10")
    assert "日期" not in ahead["unit"].tolist()


def test_ordinal_of_a_session_after_jie():
    # 县十八届人大一次会议: 一 after 届 is the session's ordinal, not the indefinite 一
    found = row("会议认真落实县十八届人大一次会议精神。", "一次")
    assert found["value"] == 1 and found["unit"] == "次" and found["measure"] == "other"
    assert "一次" not in figures("每季度召开一次会议。")["surface"].tolist()


def test_hao_written_once_is_shared():
    # 核电3、4号机组: 号 after the last number names both
    found = row("核电3、4号机组加快建设。", "3")
    assert found["unit"] == "号" and pd.isna(found["value_base"])
    assert found["measure"] == "other" and found["period"] == "" and found["is_indicator"] == "no"


# Periods (§8) ---------------------------------------------------------------------------
MONTH_RANGE_TEXT = (
    "近年来,全县工业稳步发展。今年1月至8月,全县工业经济主要指标继续领跑全市。"
    "工业开票销售已连续4个月实现正增长,累计实现320.5亿元;工业用电增幅列全市首位。\n"
    "1—8月,全县实现农业产值12.5亿元。全县新增家庭农场30家。"
)


def test_month_range_alone_in_its_sentence_heads_the_paragraph():
    # a month range in a sentence of no figure dates the rest of its paragraph, its
    # streaks of months and ranks included
    for surface in ("4个月", "320.5亿元", "首位"):
        assert row(MONTH_RANGE_TEXT, surface, "2023-10")["period"] == "2023-01..2023-08", surface
    # with a figure of its own (1—8月,全县实现…) it dates its sentence only (blind/b3)
    assert row(MONTH_RANGE_TEXT, "12.5亿元", "2023-10")["period"] == "2023-01..2023-08"
    assert row(MONTH_RANGE_TEXT, "30家", "2023-10")["period"] == "2023"


# Indicators (§11) -----------------------------------------------------------------------
def test_district_clause_after_park_building():
    # 园区建设按下“快进键”: the building of parks is the topic; 全区 opens a county clause
    text = "2022年,园区建设按下“快进键”,新开工项目18个,全区完成规模以上工业产值320亿元,增长8.1%。"
    for surface in ("18个", "320亿元", "8.1%"):
        found = row(text, surface, "2023-02")
        assert found["is_indicator"] == "yes" and found["dimension"] == "经济发展", surface


def test_list_just_named_counted_is_context():
    text = "2023年,新能源、新材料、高端装备等3条产业链分别增长12.0%、9.5%、7.1%。"
    assert row(text, "3条", "2024-01")["is_indicator"] == "no"
    assert row(text, "12.0%", "2024-01")["is_indicator"] == "yes"
    named = "2023年,甲公司、乙公司、丙公司3个项目集中开工。"
    assert row(named, "3个", "2024-01")["is_indicator"] == "no"
    # more than the items named, or in Chinese numerals without 等: a count (dev_gold)
    assert row("2023年,新建学校、医院等30个项目。", "30个", "2024-01")["is_indicator"] == "yes"
    assert row("建成天目湖、长荡湖两个国家湿地公园。", "两个")["is_indicator"] == "yes"


def test_capacity_naming_one_project():
    text = "2022年,5万吨高性能纤维项目开工建设,200万千瓦滩涂光伏项目并网。"
    for surface in ("5万吨", "200万千瓦"):
        assert row(text, surface, "2023-02")["is_indicator"] == "no", surface
    # the county's capacity stays an indicator
    assert row("2022年,全县新增光伏装机200万千瓦。", "200万千瓦", "2023-02")["is_indicator"] == "yes"


# Dimensions (§10) -----------------------------------------------------------------------
def test_industrial_top_list_and_awards():
    text = "该区进入中国工业百强区榜单,名列第48位。"
    assert row(text, "第48位", "2023-11")["dimension"] == "经济发展"
    awards = "2023年,全区获得省政府真抓实干成效明显地方3项表彰。"
    assert row(awards, "3项", "2024-01")["dimension"] == "none"


def test_time_to_a_milestone_is_a_duration():
    # 百日首线试产、一年全面投产: the time one project took, durations (no indicator)
    text = "2023年,该项目实现了百日首线试产、一年全面投产。"
    hundred = row(text, "百日", "2024-01")
    assert hundred["value"] == 100 and hundred["unit"] == "日" and hundred["measure"] == "other"
    assert hundred["is_indicator"] == "no" and hundred["period"] == "2023"
    one = row(text, "一年", "2024-01")
    assert one["value"] == 1 and one["unit"] == "年" and one["is_indicator"] == "no"
    # a campaign's name and the indefinite 一 stay no rows
    assert figures("全县开展百日攻坚行动,一年一个样。")["surface"].tolist() == []
