"""Extraction errors found by blind round 26 (tests/data/extract/blind26/: 嘉鱼's 2019
bulletin, 临颍's 2024 work report, 泰兴's 2009 year in traditional script, an unnamed 宜春
county's 2022 bulletin with no publication date), one test per error kind on sentences of
our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"Rounds 24 and 26" entries): a text of unknown date opening with its year (§8), reductions
written with 削减 (§6, §7), an area listed after a count (§7) and relocation (§10).
"""

from __future__ import annotations

from extract_helpers import rule_helpers

figures, row = rule_helpers("2021-03")


OPENING_TEXT = (
    "2021年是“十四五”开局之年。一年来,全县上下攻坚克难。\n"
    "全年实现地区生产总值1843211万元,同比增长7.5%。人均生产总值为61234元。"
)


def test_text_of_unknown_date_opening_with_its_year_dates_its_year_figures():
    for surface in ("1843211万元", "7.5%", "61234元"):
        assert row(OPENING_TEXT, surface, None)["period"] == "2021", surface


def test_text_of_unknown_date_without_an_opening_year_leaves_periods_empty():
    text = "一年来,全县上下攻坚克难。\n全年实现地区生产总值1843211万元,同比增长7.5%。"
    assert row(text, "1843211万元", None)["period"] == ""
    # a relative word still needs the publication date
    assert row("2021年是开局之年。今年以来,全县新增企业35家。", "35家", None)["period"] == ""


def test_reductions_by_xuejian_are_negative_changes():
    text = "2020年,全县化学需氧量和氨氮排放量分别削减1250吨和86吨,二氧化硫排放量为3200吨。"
    for surface, base in (("1250吨", -1250.0), ("86吨", -86.0)):
        found = row(text, surface)
        assert found["measure"] == "change_abs" and found["value_base"] == base, surface
    assert row(text, "3200吨")["measure"] == "level"


def test_area_listed_after_a_count_of_households_stays_a_level():
    text = "2020年,全县累计拆迁2150户、31.6万平方米,动迁安置房竣工1200套。"
    assert row(text, "2150户")["measure"] == "count"
    found = row(text, "31.6万平方米")
    assert found["measure"] == "level" and found["value_base"] == 316000.0


def test_relocation_is_urban_rural_integration():
    text = "2020年,全县累计动迁3120户、42.5万平方米。"
    for surface in ("3120户", "42.5万平方米"):
        assert row(text, surface)["dimension"] == "城乡融合", surface


def test_meetings_hosted_by_the_county_are_like_visits():
    text = "2023年,全县成功承办12次省级以上观摩会在我县召开,新建项目120个,全年接待游客35万人次。"
    found = row(text, "12次", "2024-02")
    assert found["measure"] == "other" and found["is_indicator"] == "no"
    assert row(text, "120个", "2024-02")["is_indicator"] == "yes"
