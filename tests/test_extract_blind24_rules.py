"""Extraction errors found by blind round 24 (tests/data/extract/blind24/: 襄城's 2020 and
内乡's 2019 bulletins, 如皋's 2026 work report, 2021 news of 如皋's three years), one test
per error kind on sentences of our own.

The rules are GUIDELINE.md's (tests/data/extract/GUIDELINE.md), section 14 included (its
"Rounds 24 and 26" entries): price indices written with % (§7), firms counted by a size class
(§7, §11), a browser's name (§2), a county's administrative units (§11) and the dimensions
of vital rates, urban area and smart factories (§10).
"""

from __future__ import annotations

import pandas as pd
from extract_helpers import rule_helpers

figures, row = rule_helpers("2021-03")


def test_price_index_written_with_percent_is_a_level():
    text = "2020年,某县全年居民消费价格指数为102.5%,其中服务价格指数为101.8%,物价总水平上涨2.5%。"
    for surface, value in (("102.5%", 102.5), ("101.8%", 101.8)):
        found = row(text, surface)
        assert found["measure"] == "level" and found["value_base"] == value
        assert found["base_unit"] == "%" and found["period"] == "2020"
    assert row(text, "2.5%")["measure"] == "growth_pct"  # a change of the index stays growth


def test_money_size_class_before_a_count_of_firms_is_a_threshold():
    text = "2020年,某县新增10亿元企业3家、5亿元项目12个,规上工业企业净增40家。"
    for surface in ("10亿元", "5亿元"):
        found = row(text, surface)
        assert found["measure"] == "other" and found["period"] == ""
        assert found["is_indicator"] == "no"
    for surface in ("3家", "12个"):
        found = row(text, surface)
        assert found["measure"] == "count" and found["is_indicator"] == "yes"


def test_number_in_a_browser_name_is_no_figure():
    found = row("提示:请使用360浏览器或火狐浏览器打开本页。2020年全县生产总值增长3%。", "360")
    assert found["measure"] == "other" and pd.isna(found["value_base"])
    assert found["period"] == "" and found["is_indicator"] == "no"


def test_counts_of_administrative_units_are_context():
    text = "2020年末,某县辖区14个乡镇(街道)。其中:9个镇、4个乡,301个村委会,12个居委会。全年新建社区服务中心5个。"
    for surface in ("14个", "9个", "4个", "301个", "12个"):
        found = row(text, surface)
        assert found["measure"] == "count" and found["is_indicator"] == "no", surface
        assert found["dimension"] == "none", surface
    found = figures(text)
    built = found[found["quote"].str.contains("服务中心")]
    assert built["is_indicator"].tolist() == ["yes"]  # facilities built stay indicators


def test_vital_rates_urban_area_and_smart_factories_have_their_dimensions():
    text = ("2020年末,某县城区面积25平方公里。全年人口出生率8.1‰,死亡率6.9‰,"
            "人口自然增长率1.2‰。入选省级智能工厂6家。")
    assert row(text, "25平方公里")["dimension"] == "城乡融合"
    for surface in ("8.1‰", "6.9‰", "1.2‰"):
        assert row(text, surface)["dimension"] == "共同富裕", surface
    assert row(text, "6家")["dimension"] == "开放创新"
