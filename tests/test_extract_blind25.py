"""Blind round 25 (issue 15): the extractor on four texts annotated before it ran on them.

``blind25/`` (tests/data/extract/blind25/SOURCE.md): 武进's 2023 bulletin with a second
paragraph 不含经开区, 全椒's work report of December 2021 reviewing its five-year term
(paragraphs `这是…的五年`), 岱山's news of the first half of 2025 and 旌德's 2021 bulletin.
First run (scored once by the lead at 71e1a45, against the gold as committed): P 1.000,
R .991, value_base 1.000, measure .973, period .911, is_indicator .982, dimension .964.
After the fixes (one rule per error kind, tests/test_extract_blind25_rules.py; no gold
corrections): P 1.000, R .991, value_base, unit, base_unit, measure, period, is_indicator
1.000, dimension .991 (left: the rank `入围全省十强` missed, bb3's `数字经济…增加值`
dimension).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND25 = Path(__file__).parent / "data" / "extract" / "blind25"


@pytest.fixture(scope="module")
def blind25() -> dict:
    return score_annotated_folder(BLIND25)


def test_blind25_texts(blind25):
    assert blind25["gold"] == 113
    assert blind25["precision"] >= 0.99 and blind25["recall"] >= 0.99


def test_blind25_columns(blind25):
    columns = blind25["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period", "is_indicator"):
        assert columns[column] >= 0.99, column
    assert columns["dimension"] >= 0.99
