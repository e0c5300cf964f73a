"""Extraction errors found by blind round 19 (tests/data/extract/blind19/: the opening of a
district's 2019 statistical annual report, a city's 2016 bulletin in a traditional-script
mirror with romanisation, a city's 2019 bulletin in a traditional mirror, news of a
district's 2017 estimates), one test per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"round 19" entries).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2024-03", one_row=False)


def test_the_plans_of_a_programme_named_by_their_span_are_no_row():
    # 实施三个三年行动计划: a programme's name and its count, like 五个“三年行动计划”
    found = figures("2023年是某县实施三个三年行动计划的关键之年。全年地区生产总值增长6.2%。")
    assert "三个" not in set(found["surface"])
    assert "6.2%" in set(found["surface"])
    # a count of plans with another word after it stays a count
    assert "三个" in set(figures("2023年,某县编制三个专项规划。")["surface"])


def test_the_industries_a_bulletin_lists_counted_are_a_dated_count_without_indicator():
    found = row("2023年,全县规模以上工业增加值增长8.1%。6大工业行业中除建材外均实现增长,"
                "其中机械行业产值增长9.3%。", "6大")
    assert found["measure"] == "count"
    assert found["base_unit"] == "个"
    assert found["period"] == "2023"
    assert found["is_indicator"] == "no"
    # industries that grew, counted, stay indicators (round 14)
    grew = row("2023年,全县有24个行业增加值实现增长。", "24个")
    assert grew["is_indicator"] == "yes"


def test_an_amount_converted_at_an_exchange_rate_is_an_indicator():
    text = "2023年,全县人均地区生产总值98520元,按平均汇率达13890美元。"
    converted = row(text, "13890美元")
    assert converted["is_indicator"] == "yes"
    # the rate itself stays no indicator (round 15)
    rate = row("按2023年美元兑人民币平均汇率1:7.0467计算,全县外贸进出口总额12.3亿美元。",
               "1:7.0467")
    assert rate["is_indicator"] == "no"


# Dimensions (§10) -----------------------------------------------------------------------
def test_a_rank_shared_by_the_indicators_named_after_it_takes_their_dimension():
    text = ("2023年,全县三项指标增速居全市第二,即社会消费品零售总额、一般公共预算收入和存款余额;"
            "三项指标增速居全市第三,即全体居民人均可支配收入、城镇居民人均可支配收入和农村居民人均"
            "可支配收入。")
    assert row(text, "第二")["dimension"] == "经济发展"
    assert row(text, "第三")["dimension"] == "共同富裕"


def test_a_consumer_price_class_of_health_care_is_economic():
    found = row("2023年,居民消费价格上涨0.4%。其中医疗保健类上涨1.1%,衣着类下降0.3%。", "1.1%")
    assert found["dimension"] == "经济发展"
