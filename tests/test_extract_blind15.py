"""Blind round 15 (issue 15): the extractor on four texts annotated before it ran on them.

``blind15/`` (tests/data/extract/blind15/SOURCE.md): 高邮's 2024 statistical bulletin
opening (a farm-products table with a `比上年增长(±%)` column, the exchange rate
`1:7.1217`), January 2020 news of 兴化's government work report (`过去的一年,…。预计全年…`),
泰兴's 2018 results in a traditional-script mirror opening after a reporter's byline
(`。ㄓ浾 王國青)2018年,…`), and 靖江's 75-year review laid out one phrase a line
(`从开放之初的329元…年均增长 15.6%`, `从1949年的…增至2023年的…,增长 45倍`). First run
(scored once by the lead): P .986, R 1.000, value_base .993, base_unit .957, unit 1.000,
measure .957, period .716, is_indicator .979, dimension .894. After the fixes (one rule
per error kind, tests/test_extract_blind15_rules.py; four gold corrections in SOURCE.md):
P = R = 1, value_base, base_unit, unit, measure, is_indicator 1.000, period .993,
dimension .993 (left: the title's `4850倍`, which restates no figure below, dated by
publication, and the count of weak villages `197個` read as 共同富裕, gold 城乡融合,
borderline).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND15 = Path(__file__).parent / "data" / "extract" / "blind15"


@pytest.fixture(scope="module")
def blind15() -> dict:
    return score_annotated_folder(BLIND15)


def test_blind15_texts(blind15):
    assert blind15["gold"] == 141
    assert blind15["precision"] >= 0.99 and blind15["recall"] >= 0.99


def test_blind15_columns(blind15):
    columns = blind15["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "is_indicator"):
        assert columns[column] >= 0.99, column
    for column in ("period", "dimension"):
        assert columns[column] >= 0.99, column
