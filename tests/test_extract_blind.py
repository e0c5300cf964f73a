"""The extractor on four texts annotated blind, before it was ever run on them.

``blind/``: a county government work report published in 2021 (a review of 2020 and of
the 十三五 plan, then the 2021 goals), a district statistical bulletin for 2022 with notes,
a news article on ecology and rural revitalisation with a single-village paragraph, and a
ranking news article with a single-park paragraph and 2025 goals; each hand-annotated by
the guideline (``gold_b*.csv``) before the extractor was run on it.

Thresholds are the levels reached, set slightly below.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.extract import extract_paths, read_figures, read_sources, score_figures

BLIND = Path(__file__).parent / "data" / "extract" / "blind"


@pytest.fixture(scope="module")
def blind() -> dict:
    sources = read_sources(BLIND / "sources.csv")
    texts = sorted(p for p in BLIND.iterdir() if p.name.startswith("b") and p.suffix == ".txt")
    predicted = extract_paths(texts, sources)
    gold = pd.concat([read_figures(p) for p in sorted(BLIND.glob("gold_b*.csv"))],
                     ignore_index=True)
    return score_figures(predicted, gold)


def test_blind_texts(blind):
    assert blind["gold"] == 267
    assert blind["precision"] >= 0.99 and blind["recall"] >= 0.99


def test_blind_columns(blind):
    columns = blind["columns"]
    for column in ("unit", "base_unit", "surface"):
        assert columns[column] >= 0.99, column
    assert columns["value_base"] >= 0.98
    assert columns["measure"] >= 0.92
    assert columns["period"] >= 0.91
    assert columns["is_indicator"] >= 0.95
    assert columns["dimension"] >= 0.89
