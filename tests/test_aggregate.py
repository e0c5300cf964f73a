"""Aggregation up the tree: weights normalised within groups, five methods, zeros handled loudly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis import aggregate
from analysis.errors import InputError
from analysis.framework import framework_from_table


@pytest.fixture(scope="module")
def fw():
    return framework_from_table(
        [
            {"code": "a", "parent": "P", "type": "indicator", "weight": 1},
            {"code": "b", "parent": "P", "type": "indicator", "weight": 3},
            {"code": "c", "parent": "Q", "type": "indicator"},
            {"code": "P", "parent": "Index", "type": "aggregate", "weight": 2},
            {"code": "Q", "parent": "Index", "type": "aggregate", "weight": 1},
            {"code": "Index", "type": "aggregate"},
        ]
    )


X = np.array([[10.0, 20.0, 30.0], [40.0, 80.0, 10.0]])


def test_level_matrices_hold_weights_of_children(fw):
    lev = aggregate.level_matrices(fw)
    np.testing.assert_array_equal(lev[0].matrix, [[1, 0], [3, 0], [0, 1]])
    assert lev[0].children == ["a", "b", "c"] and lev[0].parents == ["P", "Q"]
    np.testing.assert_array_equal(lev[1].matrix, [[2], [1]])


def test_arithmetic_mean_normalises_weights_within_groups(fw):
    out = aggregate.aggregate_tree(X, fw, "amean")
    p = (10 + 3 * 20) / 4
    np.testing.assert_allclose(out[0], [p, 30, (2 * p + 30) / 3])


def test_missing_children_renormalise_weights(fw):
    out = aggregate.aggregate_tree(np.array([[np.nan, 20.0, np.nan]]), fw, "amean")
    np.testing.assert_allclose(out[0], [20, np.nan, 20])


def test_geometric_and_harmonic_means(fw):
    g = aggregate.aggregate_tree(X, fw, "gmean")
    np.testing.assert_allclose(g[0, 0], np.exp((np.log(10) + 3 * np.log(20)) / 4))
    h = aggregate.aggregate_tree(X, fw, "hmean")
    np.testing.assert_allclose(h[0, 0], 4 / (1 / 10 + 3 / 20))


@pytest.mark.parametrize("method", ["gmean", "hmean"])
def test_zeros_are_a_clear_error_or_a_documented_shift(fw, method):
    x = X.copy()
    x[1, 1] = 0.0
    with pytest.raises(InputError, match=rf"level 2 \({method}\): 'b'.*needs values > 0"):
        aggregate.aggregate_tree(x, fw, method)
    shifted = aggregate.aggregate_tree(x, fw, method, shift=1.0)
    assert np.isfinite(shifted).all()
    if method == "gmean":
        np.testing.assert_allclose(shifted[1, 0], np.exp((np.log(41) + 3 * np.log(1)) / 4) - 1)


def test_weighted_median(fw):
    m = aggregate.aggregate_tree(X, fw, "median")
    assert m[0, 0] == 20  # b carries 3/4 of the weight
    equal = aggregate.median(np.array([[1.0, 2.0, 3.0, 10.0]]), np.ones((4, 1)))
    assert equal[0, 0] == 2.5


def test_copeland_counts_pairwise_wins():
    x = np.array([[3.0, 3.0], [2.0, 1.0], [1.0, 2.0]])
    out = aggregate.copeland(x, np.ones((2, 1)))
    np.testing.assert_array_equal(out[:, 0], [2, -1, -1])  # 1 and 2 tie with each other


def test_batched_weight_sets_are_matrix_products(fw):
    sets = np.stack([fw.table["weight"].to_numpy(), np.r_[1, 1, 1, 2, 5, 1]])
    batch = aggregate.aggregate_tree(X, fw, "amean", weights=sets)
    assert batch.shape == (2, 2, 3)
    np.testing.assert_allclose(batch[0], aggregate.aggregate_tree(X, fw, "amean"))
    one = aggregate.aggregate_tree(X, fw, "amean", weights={"b": 1, "Q": 5})
    np.testing.assert_allclose(batch[1], one)


def test_per_level_methods_and_unknown_method(fw):
    out = aggregate.aggregate_tree(X, fw, ["amean", "gmean"])
    p = (10 + 3 * 20) / 4
    np.testing.assert_allclose(out[0, 2], np.exp((2 * np.log(p) + np.log(30)) / 3))
    with pytest.raises(InputError, match="unknown method"):
        aggregate.aggregate_tree(X, fw, "mode")
    with pytest.raises(InputError, match="2 levels"):
        aggregate.aggregate_tree(X, fw, ["amean"])


def test_ranks_take_the_lowest_of_a_tie_and_skip_missing():
    s = np.array([[5.0], [7.0], [5.0], [np.nan], [1.0]])
    r = aggregate.rank_desc(s, axis=0)[:, 0]
    np.testing.assert_array_equal(r[[0, 1, 2, 4]], [2, 1, 2, 4])
    assert np.isnan(r[3])


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, (6, 3), elements=st.floats(0.1, 100)))
def test_means_lie_between_group_min_and_max_and_are_ordered(x):
    fw = framework_from_table(
        [{"code": c, "parent": "Index", "type": "indicator"} for c in "abc"]
        + [{"code": "Index", "type": "aggregate"}]
    )
    a = aggregate.aggregate_tree(x, fw, "amean")[:, 0]
    g = aggregate.aggregate_tree(x, fw, "gmean")[:, 0]
    h = aggregate.aggregate_tree(x, fw, "hmean")[:, 0]
    tol = 1e-9 * x.max()
    assert np.all(x.min(axis=1) - tol <= h) and np.all(h <= g + tol) and np.all(g <= a + tol)
    assert np.all(a <= x.max(axis=1) + tol)


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, (5, 3), elements=st.floats(0.1, 100)),
    arrays(np.float64, 6, elements=st.floats(0.1, 10)),
    st.floats(0.01, 100),
    st.sampled_from(["amean", "gmean", "hmean", "median", "copeland"]),
)
def test_scaling_a_groups_weights_changes_nothing(fw, x, w, c, method):
    """Weights are normalised within each group: multiplying one group's weights by c is a no-op."""
    scaled = w.copy()
    scaled[[0, 1]] *= c  # the children of P
    a = aggregate.aggregate_tree(x, fw, method, weights=w)
    b = aggregate.aggregate_tree(x, fw, method, weights=scaled)
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)
