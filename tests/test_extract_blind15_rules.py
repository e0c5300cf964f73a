"""Extraction errors found by blind round 15 (tests/data/extract/blind15/: a county bulletin
opening with a table, January news of a county work report, a traditional-script news item
opening after a reporter's byline, an anniversary review laid out one phrase a line), one
test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 15" entries): the opening year after a byline and 全年 after 过去的一年 (§8), 开放之初
as 1978 (§8), signed-rate table columns (§5, §6), back-references and milestones (§2), the
exchange rate and 仅 before an amount (§11), and dimensions (§10).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2022-01")


# The opening year after a reporter's byline (§8, §14) ----------------------------------
def test_a_year_right_after_a_byline_opens_the_text():
    body = "2021年,某县经济社会发展取得新成绩。地区生产总值增长6.5%,总量达520亿元。"
    for byline in ("本报讯(记者 张明)", "（记者 李华）", "。ㄓ浾 李華)", "南京1月3日电(记者 张明)"):
        for surface in ("6.5%", "520亿元"):
            assert row(byline + body, surface, "2022-01-15")["period"] == "2021", byline


def test_a_byline_does_not_make_an_old_year_the_opening_year():
    text = "本报讯(记者 张明)2015年,某县被列为试点。地区生产总值总量达520亿元。"
    assert row(text, "520亿元", "2022-01-15")["period"] == "2022"
    dated = "(2022年1月)2021年,某县被列为试点。地区生产总值总量达520亿元。"
    assert row(dated, "520亿元", "2022-06-15")["period"] == "2022"


# 全年 after 过去的一年 in the same paragraph (§8, §14) -----------------------------------
REVIEW_TEXT = (
    "县长说,过去的一年,全县上下坚持稳中求进,较好完成了各项目标任务。"
    "预计全年实现地区生产总值500亿元,增长6%;一般公共预算收入30.2亿元。"
)


def test_quan_nian_after_guo_qu_de_yi_nian_in_january_is_the_year_reviewed():
    for surface in ("500亿元", "6%", "30.2亿元"):
        found = row(REVIEW_TEXT, surface, "2021-01")
        assert found["period"] == "2020", surface
        assert found["measure"] != "target", surface


def test_guo_qu_de_yi_nian_in_december_is_the_year_ending():
    assert row(REVIEW_TEXT, "500亿元", "2021-12")["period"] == "2021"


# 开放之初 is 1978; an average from it spans the years after (§8, §14) ---------------------
def test_kai_fang_zhi_chu_is_1978_and_an_average_from_it_spans_the_years_after():
    text = "改革开放以来,全县人均GDP稳步提升,从改革开放之初的300元到2023年的120000元,年均增长14.2%。"
    assert row(text, "300元", "2024")["period"] == "1978"
    assert row(text, "120000元", "2024")["period"] == "2023"
    average = row(text, "14.2%", "2024")
    assert average["period"] == "1979..2023"
    assert average["measure"] == "growth_pct"


# A table column headed 比上年增长(±%) (§5, §6, §14) ---------------------------------------
def test_a_signed_rate_column_gives_growth_in_percent():
    text = (
        "2023年,某县农业生产平稳。\n"
        "产品名称 | 单位 | 产量 | 比上年增长(±%) |\n"
        "稻谷 | 吨 | 50000 | 3.5 |\n"
        "生猪出栏量 | 万头 | 12.4 | -1.2 |\n"
    )
    grain = row(text, "3.5", "2024")
    assert (grain["measure"], grain["base_unit"], grain["value_base"]) == ("growth_pct", "%", 3.5)
    pigs = row(text, "-1.2", "2024")
    assert (pigs["measure"], pigs["base_unit"], pigs["value_base"]) == ("growth_pct", "%", -1.2)
    assert row(text, "12.4", "2024")["value_base"] == 124000


# Back-references to a list and milestones (§2, §14) ------------------------------------
def test_a_count_after_deng_of_the_items_just_listed_is_no_row():
    text = "报告分为2021年工作回顾、2022年工作安排、加强政府自身建设等三个部分。"
    assert "三个" not in set(figures(text)["surface"])
    more = figures("新建学校、医院等三十个项目。")
    assert set(more["surface"]) == {"三十个"}


def test_a_step_of_a_size_class_is_no_row():
    text = "2021年,全县地区生产总值迈上千亿台阶,总量达1020亿元。"
    assert set(figures(text)["surface"]) == {"2021年", "1020亿元"}
    stated = row("全县地区生产总值迈上500亿台阶。", "500亿")
    assert stated["value_base"] == 50000000000
    assert row("全县新增工业机器人300台,阶段目标完成。", "300台")["base_unit"] == "台"


# The exchange rate and 仅 before an amount (§11, §14) ----------------------------------
def test_the_exchange_rate_is_no_indicator_but_the_amount_converted_is():
    text = "全县人均地区生产总值105000元,按全年美元兑人民币平均汇率1:6.9计算,人均地区生产总值15217美元。"
    rate = row(text, "1:6.9", "2023")
    assert (rate["is_indicator"], rate["dimension"]) == ("no", "none")
    dollars = row(text, "15217美元", "2023")
    assert dollars["is_indicator"] == "yes"


def test_jin_before_an_amount_stresses_the_level_before_a_count_the_few():
    amount = row("1978年,全县人均GDP仅200元。", "200元", "2024")
    assert (amount["is_indicator"], amount["dimension"]) == ("yes", "经济发展")
    assert row("全省仅3个县入选。", "3个", "2024")["is_indicator"] == "no"


# Dimensions (§10, §14) --------------------------------------------------------------
def test_farm_modernisation_after_a_rural_programme_is_economic():
    text = "新改建高标准农田5.2万亩,新增高效节水灌溉面积0.5万亩,主要农作物耕种收机械化水平达90.1%。"
    assert row(text, "5.2万亩", "2023")["dimension"] == "城乡融合"
    for surface in ("0.5万亩", "90.1%"):
        assert row(text, surface, "2023")["dimension"] == "经济发展", surface


def test_poverty_relief_and_new_entrepreneurs_are_common_prosperity():
    text = "2021年,累计脱贫1200户、3100人。新增创业2.1万人。"
    for surface in ("1200户", "3100人", "2.1万人"):
        assert row(text, surface)["dimension"] == "共同富裕", surface


def test_road_length_is_urban_rural():
    text = "全县公路总里程从1978年的50公里增至2023年的1550公里,增长30倍。"
    for surface in ("50公里", "1550公里", "30倍"):
        assert row(text, surface, "2024")["dimension"] == "城乡融合", surface
    assert row(text, "30倍", "2024")["period"] == "2023"


def test_short_lines_under_a_caption_take_its_dimension():
    text = "人民生活显著改善\n全县农村居民人均纯收入\n1957年仅50元\n1978年为180元\n2010年为9800元\n"
    for surface in ("50元", "180元", "9800元"):
        found = row(text, surface, "2024")
        assert (found["dimension"], found["is_indicator"]) == ("共同富裕", "yes"), surface


# A title in two short lines restating a multiple below (§8, §14) -----------------------
def test_a_multiple_in_a_second_title_line_restates_the_one_below():
    text = (
        "全县工业总产值增长900倍\n"
        "公路里程增长30倍\n"
        "县统计局近日发布一组数据。\n"
        "全县公路总里程从1978年的50公里增至2023年的1550公里,增长30倍。\n"
    )
    found = figures(text, "2024")
    title, body = found[found["surface"] == "30倍"].to_dict("records")
    assert title["start"] < body["start"]
    assert title["period"] == body["period"] == "2023"
    assert title["dimension"] == body["dimension"] == "城乡融合"
