"""Blind round 14 (issue 15): the extractor on four texts annotated before it ran on them.

``blind14/`` (tests/data/extract/blind14/SOURCE.md): 相城's 2017 statistical bulletin as a
PDF copy (`.` as full stop, `19.9 个百 分点`, a page number `2` in mid-sentence), 太仓's 2022
bulletin in a traditional-script mirror with injected romanisation, 吴江's 2024 government
work report copied on a forum under the forum's header (`查看: 66|回复: 0`, `签到天数: 742 天`,
`[LV.9]`, `Rank: 7`, 积分), and 昆山's first-half 2024 industry news (`增长9.1%!…“年中交卷”`,
`“半年报”:上半年,…`, counts of a whole list `30个行业`, `所有8个大类`). First run (scored
once by the lead at a5820de): P 1.000, R 1.000, surface .984, unit .984, value_base .959,
base_unit .934, measure .902, period .877, is_indicator .902, dimension .852. After the
fixes (one rule per error kind, tests/test_extract_blind14_rules.py): P = R = 1 and every
scored column 1.000 (surface, unit, value_base, base_unit, measure, period, is_indicator,
dimension); quote .877, subject .500.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND14 = Path(__file__).parent / "data" / "extract" / "blind14"


@pytest.fixture(scope="module")
def blind14() -> dict:
    return score_annotated_folder(BLIND14)


def test_blind14_texts(blind14):
    assert blind14["gold"] == 122
    assert blind14["precision"] >= 0.99 and blind14["recall"] >= 0.99


def test_blind14_columns(blind14):
    columns = blind14["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period"):
        assert columns[column] >= 0.99, column
    for column in ("is_indicator", "dimension"):
        assert columns[column] >= 0.99, column
