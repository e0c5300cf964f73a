"""Blind round 26 (issue 15): the extractor on four texts annotated before it ran on them.

``blind26/`` (tests/data/extract/blind26/SOURCE.md): 嘉鱼's 2019 bulletin, 临颍's 2024
government work report, 泰兴's 2009 year in traditional script (`分別削減3013噸和1498噸`,
`累計動遷4430戶、53.8萬平方米`) and an unnamed 宜春 county's 2022 bulletin with no
publication date, opening with its year (`2022年是…`). First run (scored once by the lead at
71e1a45): P 1.000, R 1.000, value_base .982, measure .965, period .850, is_indicator .982,
dimension .956. After the fixes (one rule per error kind,
tests/test_extract_blind26_rules.py): P = R = 1, value_base, measure, period 1.000,
is_indicator .991, dimension .982 (left: the financing platform's `51.5亿元` taken as one
firm's; the dimension of `乡村振兴等13项亮点工作`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND26 = Path(__file__).parent / "data" / "extract" / "blind26"


@pytest.fixture(scope="module")
def blind26() -> dict:
    with pytest.warns(UserWarning, match="empty publication date"):
        return score_annotated_folder(BLIND26)  # cc4's page gives no date


def test_blind26_texts(blind26):
    assert blind26["gold"] == 113
    assert blind26["precision"] >= 0.99 and blind26["recall"] >= 0.99


def test_blind26_columns(blind26):
    columns = blind26["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period"):
        assert columns[column] >= 0.99, column
    assert columns["is_indicator"] >= 0.99
    assert columns["dimension"] >= 0.98
