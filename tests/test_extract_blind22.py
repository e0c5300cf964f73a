"""Blind round 22 (issue 15): the extractor on four texts annotated before it ran on them.

``blind22/`` (tests/data/extract/blind22/SOURCE.md): 玉环's 2019 bulletin with a table
(`平均汇率6.8985`), 沭阳's 2019 work report, 2021 news of 沭阳's projects in a mirror with a
betting ad at its head (`365体育手机投注`, a quoted goal `“…居首位、…突破1200亿元”目标`) and
news of 启东's rankings (`占到全省的1/3`, `流失了10万人口`, `《…100强》`). First run
(scored once by the lead at d218d20, against the gold as committed): P .981, R .953,
value_base .960, base_unit .990, unit .980, measure .921, period .921, is_indicator .911,
dimension .842. After the fixes (one rule per error kind,
tests/test_extract_blind22_rules.py; two gold corrections in SOURCE.md): P 1.000,
R .990, value_base, base_unit, unit, measure 1.000, period .981, is_indicator .962,
dimension .875 (left: the count `六大…渔港之一` missed, other areas' figures taken as
indicators, the span of `平均每3天落地1个`, population dimensions (a known disagreement)).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND22 = Path(__file__).parent / "data" / "extract" / "blind22"


@pytest.fixture(scope="module")
def blind22() -> dict:
    return score_annotated_folder(BLIND22)


def test_blind22_texts(blind22):
    assert blind22["gold"] == 105
    assert blind22["precision"] >= 0.99 and blind22["recall"] >= 0.99


def test_blind22_columns(blind22):
    columns = blind22["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure"):
        assert columns[column] >= 0.99, column
    assert columns["period"] >= 0.98
    assert columns["is_indicator"] >= 0.96
    assert columns["dimension"] >= 0.87
