"""Blind round 16 (issue 15): the extractor on four texts annotated before it ran on them.

``blind16/`` (tests/data/extract/blind16/SOURCE.md): the opening of a Yancheng district's
2018 statistical bulletin (大丰; population with age groups `0-17岁`), news of 大丰's first
half of 2019 and its place in the 2019 list of 百强区 (`列82位,比2018年进2位`), the end of
the review of 灌南's government work report of February 2023 (no year stated), and 金湖's
analysis of its first half of 2023 (`二季度当季…`, `较一季度提升…个百分点`, numbered sector
paragraphs). First run (scored once by the lead at main a5820de): P 1.000, R 1.000,
unit .985, value_base .985, base_unit .969, measure .969, period .649, dimension .779,
is_indicator .969. After the fixes (one rule per error kind,
tests/test_extract_blind16_rules.py): P = R = 1, unit, value_base, base_unit, measure,
period and is_indicator 1.000, dimension .870 (left: 17 population rows of s1, 户籍人口
and its parts, births, deaths and rates, which the gold gives 共同富裕; GUIDELINE §14 round
11 leaves population to the words around it, the earlier golds disagree).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND16 = Path(__file__).parent / "data" / "extract" / "blind16"


@pytest.fixture(scope="module")
def blind16() -> dict:
    return score_annotated_folder(BLIND16)


def test_blind16_texts(blind16):
    assert blind16["gold"] == 131
    assert blind16["precision"] >= 0.99 and blind16["recall"] >= 0.99


def test_blind16_columns(blind16):
    columns = blind16["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period",
                   "is_indicator"):
        assert columns[column] >= 0.99, column
    assert columns["dimension"] >= 0.86
