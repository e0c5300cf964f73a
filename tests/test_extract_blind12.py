"""Blind round 12 (issue 15): the extractor on four texts annotated before it ran on them.

``blind12/`` (tests/data/extract/blind12/SOURCE.md): 宿城's 2019 statistical bulletin in a
traditional-script mirror (a note `注:2015年-2018年GDP總量…`, CPI categories), 海门's 2020
government work report (streaks, one project's size, 全面小康实现程度, five 百强县 lists
sharing one rank), a 2022 海安 news item (policies named by item counts, innovation
counts) and 洪泽's report on the 2021 plan copied from a PDF (spaces inside figures:
`22. 1 亿元`, `34168 元`, `2022 年 1 月 11 日`). First run (scored once by the lead): P .888,
R .936, value_base .981, base_unit .961, unit .942, measure .932, period .971,
is_indicator .951, dimension .864. After the fixes (one rule per error kind,
tests/test_extract_blind12_rules.py): P = R = 1 and every scored column 1.000.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND12 = Path(__file__).parent / "data" / "extract" / "blind12"


@pytest.fixture(scope="module")
def blind12() -> dict:
    return score_annotated_folder(BLIND12)


def test_blind12_texts(blind12):
    assert blind12["gold"] == 110
    assert blind12["precision"] >= 0.99 and blind12["recall"] >= 0.99


def test_blind12_columns(blind12):
    columns = blind12["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period",
                   "is_indicator", "dimension"):
        assert columns[column] >= 0.99, column
