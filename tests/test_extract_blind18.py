"""Blind round 18 (issue 15): the extractor on four texts annotated before it ran on them.

``blind18/`` (tests/data/extract/blind18/SOURCE.md): the opening of 惠山's 2023 bulletin
(farm output by branch), the opening of 东台's government work report of January 2024
(`等3条重点产业链`, `晶澳、天合、智泰3个项目`, `百日`, `一年`), the start of 连云's work
report of February 2023 (`区十六届人大一次会议`, `核电7、8号机组`, single projects'
capacities, `全区` after `千亿园区建设`) and 江都's news of November 2020 on its industry
(`电话:0514-86525430`, `今年1月至9月,…领跑…。` heading its paragraph, `今年前9个月`,
`中国工业百强区…第56位`). First run (scored once by the lead at main d218d20, 113 gold
rows): P .982, R .965, value_base .991, base_unit 1.000, measure .991, period .917,
is_indicator .917, dimension .881. After the fixes (one rule per error kind,
tests/test_extract_blind18_rules.py): P = R = 1, unit, value_base, base_unit, measure,
period, is_indicator and dimension 1.000.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND18 = Path(__file__).parent / "data" / "extract" / "blind18"


@pytest.fixture(scope="module")
def blind18() -> dict:
    return score_annotated_folder(BLIND18)


def test_blind18_texts(blind18):
    assert blind18["gold"] == 113
    assert blind18["precision"] >= 0.99 and blind18["recall"] >= 0.99


def test_blind18_columns(blind18):
    columns = blind18["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period",
                   "is_indicator", "dimension"):
        assert columns[column] >= 0.99, column
