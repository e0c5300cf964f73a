"""Blind round 20 (issue 15): the extractor on four texts annotated before it ran on them.

``blind20/`` (tests/data/extract/blind20/SOURCE.md): 仪征's 2024 government work report in a
traditional-script mirror with romanisation (title `工作報告(2024)`), January 2022 news of
虎丘's work report (`过去的五年` after the speaker, levels and shares reached at its end),
news of 邗江's first half of 2019 (a lead of figures `GDP达475亿,增长7.2%,…` before
`……上半年,`, `今年以来` later) and 吴中's 2024 bulletin. First run (scored once by the lead at
d218d20): P 1.000, R 1.000, value_base .991, base_unit .974, measure 1.000, period .836,
is_indicator 1.000, dimension .948. After the fixes (one rule per error kind,
tests/test_extract_blind20_rules.py; one gold correction, the rank shared by two 百强区
lists → 开放创新 by §14 round 16): P = R = 1, value_base, base_unit, unit, measure, period,
is_indicator 1.000, dimension .991 (left: `科创板过会企业4家`, gold 经济发展, read 开放创新).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND20 = Path(__file__).parent / "data" / "extract" / "blind20"


@pytest.fixture(scope="module")
def blind20() -> dict:
    return score_annotated_folder(BLIND20)


def test_blind20_texts(blind20):
    assert blind20["gold"] == 116
    assert blind20["precision"] >= 0.99 and blind20["recall"] >= 0.99


def test_blind20_columns(blind20):
    columns = blind20["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period",
                   "is_indicator"):
        assert columns[column] >= 0.99, column
    assert columns["dimension"] >= 0.98
