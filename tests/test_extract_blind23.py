"""Blind round 23 (issue 15): the extractor on four texts annotated before it ran on them.

``blind23/`` (tests/data/extract/blind23/SOURCE.md): 张家港's 2023 bulletin (a forum copy),
舒城's 2020 bulletin in traditional script with romanisation (`調(diào)整為(wèi)`), 丹阳's
2017 work report and 缙云's news of the first half of 2023. First run (scored once by the
lead at 71e1a45, against the gold as committed): P .993, R 1.000, value_base 1.000,
measure 1.000, period .971, is_indicator 1.000, dimension .964. After the fixes (one rule
per error kind, tests/test_extract_blind23_rules.py; no gold corrections): P 1.000,
R 1.000, value_base, unit, base_unit, measure, period, is_indicator 1.000, dimension .964
(left: population rows 经济发展 where the gold reads 城乡融合/共同富裕, a pilot count).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND23 = Path(__file__).parent / "data" / "extract" / "blind23"


@pytest.fixture(scope="module")
def blind23() -> dict:
    return score_annotated_folder(BLIND23)


def test_blind23_texts(blind23):
    assert blind23["gold"] == 139
    assert blind23["precision"] >= 0.99 and blind23["recall"] >= 0.99


def test_blind23_columns(blind23):
    columns = blind23["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period", "is_indicator"):
        assert columns[column] >= 0.99, column
    assert columns["dimension"] >= 0.96
