"""The suite's one ranking rule (analysis.ranking) against SciPy's ``rankdata`` and R's
``rank(-x, ties.method = "min", na.last = "keep")``, plus the callers that use it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import rankdata

from analysis import aggregate, ranking
from analysis import rank as R
from analysis.compare import ranks_from_scores
from analysis.sensitivity import ranks_min

small = st.integers(min_value=0, max_value=4).map(float) | st.just(np.nan)


def _scipy(x: np.ndarray, axis: int) -> np.ndarray:
    return rankdata(-x, method="min", axis=axis, nan_policy="omit").astype(float)


def test_hand_cases():
    # R: rank(-c(3, 1, 3, NA, 2), ties.method = "min", na.last = "keep") = 1 4 1 NA 3
    np.testing.assert_array_equal(ranking.rank([3.0, 1.0, 3.0, np.nan, 2.0]), [1, 4, 1, np.nan, 3])
    np.testing.assert_array_equal(ranking.rank([1.0, 2.0, 3.0], lower_is_better=True), [1, 2, 3])
    np.testing.assert_array_equal(ranking.rank([0.3, 0.1 + 0.2]), [2, 1])
    np.testing.assert_array_equal(ranking.rank([0.3, 0.1 + 0.2], decimals=12), [1, 1])


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(1, 3)), elements=small),
       st.sampled_from([0, 1, 2, -1, -2]))  # fmt: skip
def test_rank_equals_scipy_along_any_axis(x, axis):
    np.testing.assert_array_equal(ranking.rank(x, axis=axis), _scipy(x, axis))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 25), elements=small), st.data())
def test_rank_within_groups_equals_scipy_per_group(s, data):
    groups = np.array(data.draw(st.lists(st.sampled_from("abc"), min_size=len(s), max_size=len(s))))
    lower = np.array(data.draw(st.lists(st.booleans(), min_size=len(s), max_size=len(s))))
    lower = np.isin(groups, groups[lower])  # one flag per group
    got = ranking.rank_within(s, groups, lower)
    for g in np.unique(groups):
        m = groups == g
        expected = rankdata(s[m] if lower[m][0] else -s[m], method="min", nan_policy="omit")
        np.testing.assert_array_equal(got[m], expected)


def test_callers_rank_the_same_way():
    x = np.array([[2.0, 5.0], [2.0, np.nan], [1.0, 7.0]])
    np.testing.assert_array_equal(aggregate.rank_desc(x, axis=0), _scipy(x, 0))
    np.testing.assert_array_equal(ranks_min(x.T), _scipy(x.T, 1))
    assert R.rank_scores(np.array([0.5, 0.9, 0.5, 0.1])).tolist() == [2, 1, 2, 4]
    frame = pd.DataFrame({"method": ["m"] * 3 + ["v"] * 3, "unit": list("abc") * 2,
                          "score": [1.0, 3.0, 3.0, 0.2, 0.1, 0.3]})  # fmt: skip
    ranked = ranks_from_scores(frame, lower_is_better=["v"])
    assert ranked["rank"].tolist() == [3, 1, 1, 2, 1, 3]
