"""Blind round 10 (issue 15): the extractor on four texts annotated before it ran on them.

``blind10/`` (tests/data/extract/blind10/SOURCE.md): two county government work reports
(沛县 2021: the 十三五 review with multiples of 2015, 年均增长, 由2015年…提高到…, a structure
由2015年a:b:c调整为2020年d:e:f; 濉溪 2023, Anhui: 2022 estimates and 百强县 ranks), a
district's first-half 2022 news article (高淳, with one firm's paragraph) and a district's
2024 work report in a traditional-script mirror with romanisation and lost characters
(金坛: `百?gòu)?qiáng)第33名`). First run: P 1.000, R 1.000, value_base 1.000, base_unit
.989, unit .989, measure 1.000, period .779, is_indicator .947, dimension .874. Period was
the failure (a year right before a figure read as a duration, the base year of 由…到 and of
是2015年的1.4倍 dating the whole clause, 年均增长 and 新增 over the years after a base year
dated by one year, a rank under 五年来 dated by the span, 上半年 after the county's name
not heading its sentence), then a firm's sentence without 公司 in the figure's clause,
composite and topical 百强 lists, 全口径财政总收入 and farm modernisation dimensions, 斤,
and a lost character `?` ending a clause. After the fixes: P = R = 1, every scored column
1.000 but period .958 (left as judgement calls: 二等奖1项 in the 十三五 review dated 2020
for 2016..2020, the duration 三年 of 三年新冠疫情防控 in a 2023 sentence, a firm's undated
market share under a 上半年 subheading).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND10 = Path(__file__).parent / "data" / "extract" / "blind10"


@pytest.fixture(scope="module")
def blind10() -> dict:
    return score_annotated_folder(BLIND10)


def test_blind10_texts(blind10):
    assert blind10["gold"] == 95
    assert blind10["precision"] >= 0.99 and blind10["recall"] >= 0.99


def test_blind10_columns(blind10):
    columns = blind10["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "is_indicator",
                   "dimension"):
        assert columns[column] >= 0.99, column
    assert columns["period"] >= 0.95
