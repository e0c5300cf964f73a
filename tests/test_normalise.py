"""Normalisation methods: formulas, directions, constant columns and domains."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis import normalise
from analysis.errors import InputError

X = np.array([[1.0, 10.0], [2.0, 20.0], [4.0, np.nan], [5.0, 40.0]])
D = np.array([1.0, -1.0])


def test_minmax_any_range_and_direction():
    out = normalise.minmax(X, D, l=1, u=100)
    np.testing.assert_allclose(out[:, 0], [1, 1 + 99 / 4, 1 + 3 * 99 / 4, 100])
    np.testing.assert_allclose(out[[0, 1, 3], 1], [100, 1 + 99 * 2 / 3, 1])
    assert np.isnan(out[2, 1])


def test_zscore_uses_n_minus_1():
    out = normalise.zscore(X, D, m=10, s=2)
    col = X[:, 0]
    np.testing.assert_allclose(out[:, 0], (col - col.mean()) / col.std(ddof=1) * 2 + 10)
    assert np.nanmean(out[:, 1]) == pytest.approx(10)


def test_rank_and_percentile_ties_take_the_lowest_rank():
    x = np.array([[3.0], [1.0], [3.0], [2.0]])
    np.testing.assert_array_equal(normalise.rank(x)[:, 0], [3, 1, 3, 2])
    np.testing.assert_allclose(normalise.percentile(x)[:, 0], [2 / 3, 0, 2 / 3, 1 / 3])
    np.testing.assert_array_equal(normalise.rank(x, np.array([-1.0]))[:, 0], [1, 4, 1, 3])


def test_goalposts_flip_and_truncate():
    x = np.array([[-5.0], [0.0], [5.0], [15.0]])
    np.testing.assert_allclose(
        normalise.goalposts(x, None, 0, 10, scale=100)[:, 0], [0, 0, 50, 100]
    )
    np.testing.assert_allclose(
        normalise.goalposts(x, np.array([-1.0]), 0, 10)[:, 0], [1, 1, 0.5, 0]
    )
    with pytest.raises(InputError, match="column 0"):
        normalise.goalposts(x, None, 10, 0)


def test_distance_to_target_and_to_best():
    x = np.array([[0.0, 0.0], [5.0, 5.0], [10.0, 10.0]])
    out = normalise.dist2targ(x, np.array([1.0, -1.0]), target=np.array([5.0, 5.0]), cap=True)
    np.testing.assert_allclose(out, [[0, 1], [1, 1], [1, 0]])
    np.testing.assert_allclose(
        normalise.dist2max(x, np.array([1.0, -1.0])), [[0, 1], [0.5, 0.5], [1, 0]]
    )
    with pytest.raises(InputError, match="target"):
        normalise.dist2targ(x)


def test_sum_vector_and_log():
    x = np.array([[1.0, 1.0], [3.0, 3.0]])
    np.testing.assert_allclose(normalise.sum_(x, D), [[0.25, 0.75], [0.75, 0.25]])
    np.testing.assert_allclose(normalise.vector(x)[:, 0], np.array([1, 3]) / np.sqrt(10))
    np.testing.assert_allclose(normalise.log(x, D), [[0, 0], [np.log(3), -np.log(3)]])
    with pytest.raises(InputError, match="column 1: log"):
        normalise.log(np.array([[1.0, 0.0]]))
    with pytest.raises(InputError, match="column 0: sum"):
        normalise.sum_(np.array([[-1.0], [1.0]]))


@pytest.mark.parametrize(
    ("method", "value"),
    [
        ("minmax", 50.0),
        ("zscore", 0.0),
        ("rank", 1.0),
        ("percentile", 0.0),
        ("dist2max", 1.0),
        ("sum", 1 / 3),
        ("vector", 1 / np.sqrt(3)),
    ],
)
def test_constant_column_gives_the_documented_value(method, value):
    out = normalise.normalise(np.full((3, 1), 7.0), None, method)
    np.testing.assert_allclose(out, value)
    assert np.isfinite(out).all()


def test_single_unit_is_finite():
    for method in ("minmax", "zscore", "rank", "percentile", "dist2max", "sum", "vector"):
        assert np.isfinite(normalise.normalise(np.array([[3.0, 4.0]]), None, method)).all(), method


def test_unknown_method_lists_choices():
    with pytest.raises(InputError, match="choose from"):
        normalise.normalise(X, D, "softmax")


columns = arrays(np.float64, (12, 3), elements=st.floats(-1e6, 1e6, allow_subnormal=False))


@settings(max_examples=60, deadline=None)
@given(columns, st.floats(-100, 100), st.floats(0.5, 100))
def test_minmax_output_is_within_l_u(x, l, width):  # noqa: E741
    out = normalise.minmax(x, None, l=l, u=l + width)
    assert np.all(out >= l - 1e-9 * width) and np.all(out <= l + width + 1e-9 * width)


@settings(max_examples=60, deadline=None)
@given(columns)
def test_flipping_direction_reverses_the_order(x):
    assume(np.all(np.ptp(x, axis=0) > 1e-6))
    for method in ("minmax", "zscore", "rank", "dist2max"):
        up = normalise.normalise(x, np.ones(3), method)
        down = normalise.normalise(x, -np.ones(3), method)
        i, j = np.triu_indices(12, 1)
        strict = x[i] < x[j]
        assert np.all((up[i] <= up[j])[strict]) and np.all((down[i] >= down[j])[strict]), method
