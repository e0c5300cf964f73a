"""Blind round 19 (issue 15): the extractor on four texts annotated before it ran on them.

``blind19/`` (tests/data/extract/blind19/SOURCE.md): the opening of 武进's 2019 statistical
annual report (`实施五个三年行动计划`, `7大工业行业中…均实现增长`), 宿迁's 2016 bulletin in a
traditional-script mirror with romanisation (per-capita GDP `按平均匯率達7275美元`, growth
ranks shared by several indicators), 镇江's 2019 bulletin in a traditional mirror (the CPI
classes) and 武进 news of its 2017 estimates. First run (scored once by the lead at
d218d20): P .992, R 1.000, value_base 1.000, base_unit 1.000, measure 1.000, period .992,
is_indicator .992, dimension .960. After the fixes (one rule per error kind,
tests/test_extract_blind19_rules.py; one gold correction, the shared rank `前三` →
经济发展 by §14 round 16): P = R = 1 and every scored column 1.000.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND19 = Path(__file__).parent / "data" / "extract" / "blind19"


@pytest.fixture(scope="module")
def blind19() -> dict:
    return score_annotated_folder(BLIND19)


def test_blind19_texts(blind19):
    assert blind19["gold"] == 126
    assert blind19["precision"] >= 0.99 and blind19["recall"] >= 0.99


def test_blind19_columns(blind19):
    columns = blind19["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period",
                   "is_indicator", "dimension"):
        assert columns[column] >= 0.99, column
