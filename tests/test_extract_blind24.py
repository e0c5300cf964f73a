"""Blind round 24 (issue 15): the extractor on four texts annotated before it ran on them.

``blind24/`` (tests/data/extract/blind24/SOURCE.md): 襄城's 2020 and 内乡's 2019 bulletins
(`居民消费价格总指数为102.9%`, `辖区16个乡镇`), 如皋's 2026 government work report
(`新增40亿元企业1家`) and 2021 news of 如皋's three years under a browser notice
(`360极速模式`). First run (scored once by the lead at 71e1a45): P 1.000, R 1.000,
value_base .991, measure .939, period .974, is_indicator .922, dimension .861. After the
fixes (one rule per error kind, tests/test_extract_blind24_rules.py): P = R = 1,
value_base, measure, period, is_indicator 1.000, dimension .991 (left: the port's
container throughput, 开放创新 vs the gold's 经济发展).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND24 = Path(__file__).parent / "data" / "extract" / "blind24"


@pytest.fixture(scope="module")
def blind24() -> dict:
    return score_annotated_folder(BLIND24)


def test_blind24_texts(blind24):
    assert blind24["gold"] == 115
    assert blind24["precision"] >= 0.99 and blind24["recall"] >= 0.99


def test_blind24_columns(blind24):
    columns = blind24["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period", "is_indicator"):
        assert columns[column] >= 0.99, column
    assert columns["dimension"] >= 0.99
