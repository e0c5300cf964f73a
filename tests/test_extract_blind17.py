"""Blind round 17 (issue 15): the extractor on four texts annotated before it ran on them.

``blind17/`` (tests/data/extract/blind17/SOURCE.md): the opening of 江宁's 2021 statistical
bulletin (market entities in 万户 and 户, farm output by branch), 武进's 2021 bulletin in a
traditional mirror with romanisation, 溧水's 2023 bulletin in a traditional forum copy
(`三年新冠疫情防控轉段后`, births and deaths in ‰, employment), and 天宁's news of January
2018 on its year 2017 (`由第93位跃居至第86位`, `从去年2月份以来`, `突破700亿大关`). First
run (scored once by the lead at main d218d20, 129 gold rows): P .992, R .992, value_base
1.000, base_unit .992, measure .992, period .969, is_indicator .984, dimension .883. After
the fixes (one rule per error kind, tests/test_extract_blind17_rules.py) and one gold
correction (t3 `三年`, a row by GUIDELINE §14 round 14; 130 gold rows): P = R = 1, unit,
value_base, base_unit, measure 1.000, period .992, is_indicator .992, dimension .954
(left: t4 `12亿元` since 去年2月份 up to publication, one area's investment; t1 foreign
firms counted, 外资 → 开放创新; t3 births and deaths, the known population disagreement).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND17 = Path(__file__).parent / "data" / "extract" / "blind17"


@pytest.fixture(scope="module")
def blind17() -> dict:
    return score_annotated_folder(BLIND17)


def test_blind17_texts(blind17):
    assert blind17["gold"] == 130
    assert blind17["precision"] >= 0.99 and blind17["recall"] >= 0.99


def test_blind17_columns(blind17):
    columns = blind17["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period",
                   "is_indicator"):
        assert columns[column] >= 0.99, column
    assert columns["dimension"] >= 0.95
