"""Blind round 21 (issue 15): the extractor on four texts annotated before it ran on them.

``blind21/`` (tests/data/extract/blind21/SOURCE.md): 浦口's 2019 bulletin (`比重将近6成`),
梁溪's 2021 bulletin (a two-part structure `二三产比例为13.7:86.3`), 武进's 2023 year
review in a romanised traditional-script mirror (`首位擔(dān)當`, `超出全市平均11.4%`) and
新北's January 2024 news of its year (`单体产值超50亿元企业10家`). First run (scored once
by the lead at d218d20): P .992, R .992, value_base .985, base_unit .985, unit .985,
measure .977, period 1.000, is_indicator .969, dimension .923. After the fixes (one rule
per error kind, tests/test_extract_blind21_rules.py): P = R = 1, value_base, base_unit,
unit, measure, period 1.000, is_indicator .992, dimension .947 (left: the single plot's
`面积300亩`, borderline in the gold, and dimensions of 龙头企业 counts, a growth rate and
a rank shared by four lists).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND21 = Path(__file__).parent / "data" / "extract" / "blind21"


@pytest.fixture(scope="module")
def blind21() -> dict:
    return score_annotated_folder(BLIND21)


def test_blind21_texts(blind21):
    assert blind21["gold"] == 131
    assert blind21["precision"] >= 0.99 and blind21["recall"] >= 0.99


def test_blind21_columns(blind21):
    columns = blind21["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period"):
        assert columns[column] >= 0.99, column
    assert columns["is_indicator"] >= 0.99
    assert columns["dimension"] >= 0.94
