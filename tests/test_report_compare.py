"""movers_summary: one row per method and moving unit, weight changes in one cell."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.report_compare import movers_summary


def movers() -> pd.DataFrame:
    rows = [
        ("entropy", "A", 3, 1, 2, "x", 0.25, 0.30, 0.05),
        ("entropy", "A", 3, 1, 2, "y", 0.25, 0.22, -0.03),
        ("entropy", "B", 1, 3, -2, "x", 0.25, 0.30, 0.05),
        ("entropy", "C", 2, 2, 0, "x", 0.25, 0.30, 0.05),
        ("zscore", "B", 2, 1, 1, None, np.nan, np.nan, np.nan),
    ]
    return pd.DataFrame(rows, columns=["method", "unit", "rank", "nominal_rank", "shift", "indicator",
                                       "nominal_weight", "weight", "weight_change"])


def test_one_row_per_moving_unit_with_named_weight_changes():
    table = movers_summary(movers(), {"x": "GDP", "y": "jobs"}, "en")
    assert table[["method", "unit"]].values.tolist() == [["entropy", "A"], ["entropy", "B"], ["zscore", "B"]]
    assert table.loc[0, "weight_change"] == "GDP +5.0; jobs -3.0"  # percentage points of the index
    assert table.loc[2, "weight_change"] == "same weights"
    assert table["shift"].tolist() == [2, -2, 1]


def test_at_most_per_method_rows():
    assert len(movers_summary(movers(), {}, "zh", per_method=1)) == 2
    assert movers_summary(movers(), {}, "zh").loc[2, "weight_change"] == "权重不变"
