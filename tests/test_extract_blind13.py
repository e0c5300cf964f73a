"""Blind round 13 (issue 15): the extractor on five texts annotated before it ran on them.

``blind13/`` (tests/data/extract/blind13/SOURCE.md): 亭湖's 2021 statistical bulletin,
January 2024 news of 沭阳's 2023 industrial year (a park's figures, the year reviewed named
after them: `亮出2023年度工业经济答卷`, a goal after 年内), a 沭阳 profile and 灌南's 2021
goals in traditional-script mirrors (`全年引進落戶超億元項目60個以上、…`), and 泗阳's 2019
government work report (`连续5届`, `中国好人1名`). First run (scored once by the lead):
P 1.000, R 1.000, value_base .990, base_unit .990, unit 1.000, measure .949, period .878,
is_indicator .929, dimension .908. After the fixes (one rule per error kind,
tests/test_extract_blind13_rules.py): P = R = 1, value_base, base_unit, unit, measure
1.000, period .980, is_indicator .990, dimension .990 (left: the park's goal
`考核全市争第一` in the sentence after the park's, and the periods of the park-system
counts `3个`, `4个` before the paragraph's 全年).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND13 = Path(__file__).parent / "data" / "extract" / "blind13"


@pytest.fixture(scope="module")
def blind13() -> dict:
    with pytest.warns(UserWarning, match="empty publication date"):
        return score_annotated_folder(BLIND13)  # p3's page gives no date


def test_blind13_texts(blind13):
    assert blind13["gold"] == 98
    assert blind13["precision"] >= 0.99 and blind13["recall"] >= 0.99


def test_blind13_columns(blind13):
    columns = blind13["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure"):
        assert columns[column] >= 0.99, column
    assert columns["period"] >= 0.97
    for column in ("is_indicator", "dimension"):
        assert columns[column] >= 0.98, column
