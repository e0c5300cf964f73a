"""Leaving out each indicator and each quality (analysis.leave_out).

Checked against a hand case (numbers worked out below) and against COINr's
``remove_elements`` logic run independently: the index regenerated from scratch with the
element removed from the framework (``Framework.subset``), the remaining weights
renormalised by the aggregation itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import leave_out as lo
from analysis.errors import InputError
from analysis.framework import framework_from_dict
from analysis.index import build_index
from analysis.study import load_study

SPEC = {
    "name": "plain",
    "normalise": {"method": "minmax", "l": 0, "u": 100},
    "aggregate": {"method": "amean"},
}


def _framework():
    return framework_from_dict(
        {
            "name": "hand",
            "aggregates": [
                {"code": "Index"},
                {"code": "A", "parent": "Index"},
                {"code": "B", "parent": "Index"},
            ],
            "indicators": [
                {"code": "i1", "parent": "A", "direction": 1},
                {"code": "i2", "parent": "A", "direction": 1},
                {"code": "i3", "parent": "B", "direction": 1},
            ],
        }
    )


def _data():
    # normalised min–max to [0, 100]: i1 = (0, 50, 100), i2 = (100, 0, 50), i3 = (0, 100, 50)
    return pd.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "i1": [0.0, 1.0, 2.0], "i2": [10.0, 0.0, 5.0],
         "i3": [0.0, 4.0, 2.0]}
    )  # fmt: skip


def test_hand_case():
    # nominal: A = (50, 25, 75), B = (0, 100, 50), Index = (25, 62.5, 62.5)
    # without i1: A = i2 = (100, 0, 50) → Index = (50, 50, 50)
    # without i3: B is empty → Index = A = (50, 25, 75)
    # without A: Index = B = (0, 100, 50)
    result = build_index(_data(), _framework(), SPEC)
    left = lo.leave_out(result)
    wide = left.table.pivot(index="left_out", columns="unit", values="score")
    np.testing.assert_allclose(wide.loc["none"], [25, 62.5, 62.5])
    np.testing.assert_allclose(wide.loc["i1"], [50, 50, 50])
    np.testing.assert_allclose(wide.loc["i3"], [50, 25, 75])
    np.testing.assert_allclose(wide.loc["A"], [0, 100, 50])
    ranks = left.table.pivot(index="left_out", columns="unit", values="rank")
    np.testing.assert_array_equal(ranks.loc["none"], [3, 1, 1])
    np.testing.assert_array_equal(ranks.loc["i1"], [1, 1, 1])
    np.testing.assert_array_equal(ranks.loc["A"], [3, 1, 2])
    # mean |rank − nominal|: without A (0 + 0 + 1) / 3
    shift = left.shift.set_index("left_out")["mean_abs_shift"]
    assert shift["A"] == pytest.approx(1 / 3)
    assert list(left.table.columns) == list(lo.LEAVE_OUT_COLUMNS)
    assert lo.rank_range(left, "u1") == {"nominal": 3, "lo": 1, "hi": 3, "lo_code": "i1",
                                         "hi_code": "i2", "n": 3}  # fmt: skip


def test_matches_remove_elements_on_liyang():
    """COINr's remove_elements regenerates the coin without the element; here the index is
    rebuilt from the raw panel on the framework without it and compared code by code."""
    study = load_study("liyang")
    spec = {**study.spec, "year": 2020}
    result = build_index(study.panel, study.framework, spec)
    left = lo.leave_out(result)
    fw = study.framework
    for code in fw.indicators[7:9] + ["governance", "ecology"]:
        removed = [code] if code in fw.indicators else fw.children(code)
        kept = [c for c in fw.indicators if c not in removed]
        panel = study.panel.loc[study.panel["indicator"].isin(kept)]
        rebuilt = build_index(panel, fw.subset(kept), spec).scores
        rebuilt = rebuilt.loc[rebuilt["iCode"] == fw.top].set_index("uCode")
        mine = left.table.loc[left.table["left_out"] == code].set_index("unit")
        np.testing.assert_allclose(mine["score"], rebuilt.loc[mine.index, "score"], atol=1e-9)
        np.testing.assert_array_equal(mine["rank"], rebuilt.loc[mine.index, "rank"])
    # the case: without the one ecology indicator Liyang is 12th of 21, not 6th
    ranks = lo.unit_ranks(left, "溧阳市").set_index("left_out")["rank"]
    assert ranks["emp_env_public_facilities_pct"] == 12 and ranks["ecology"] == 12


def test_unknown_code_refused():
    result = build_index(_data(), _framework(), SPEC)
    with pytest.raises(InputError, match="nope"):
        lo.leave_out(result, ["nope"])
    with pytest.raises(InputError, match="not in the index"):
        lo.unit_ranks(lo.leave_out(result), "u9")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=9, max_size=9))
def test_properties(values):
    """Leaving out a sibling gives the mean of the others; the nominal rows are the build's."""
    data = pd.DataFrame({"uCode": ["u1", "u2", "u3"], "i1": values[0:3], "i2": values[3:6],
                         "i3": values[6:9]})  # fmt: skip
    result = build_index(data, _framework(), SPEC)
    left = lo.leave_out(result, ["i2", "B"])
    x = result.aggregated_input()
    wide = left.table.pivot(index="left_out", columns="unit", values="score")
    np.testing.assert_allclose(wide.loc["i2"], (x["i1"] + x["i3"]) / 2, atol=1e-9)
    np.testing.assert_allclose(wide.loc["B"], (x["i1"] + x["i2"]) / 2, atol=1e-9)
    top = result.scores.loc[result.scores["iCode"] == "Index"].set_index("uCode")["score"]
    np.testing.assert_allclose(wide.loc["none"], top.loc[wide.columns], atol=1e-9)
