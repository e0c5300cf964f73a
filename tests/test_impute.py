"""Imputation fills only missing cells: column and group means/medians, last observation carried forward."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import impute

X = np.array([[1.0, np.nan], [3.0, 4.0], [np.nan, 8.0], [10.0, np.nan]])
GROUPS = np.array(["eu", "eu", "as", "as"])


def test_mean_and_median():
    np.testing.assert_allclose(impute.mean(X), [[1, 6], [3, 4], [14 / 3, 8], [10, 6]])
    np.testing.assert_allclose(impute.median(X)[2, 0], 3.0)


def test_group_mean_uses_the_units_group_only():
    out = impute.group_mean(X, GROUPS)
    np.testing.assert_allclose(out, [[1, 4], [3, 4], [10, 8], [10, 8]])
    np.testing.assert_allclose(impute.group_median(X, GROUPS), out)


def test_group_without_observed_value_stays_missing():
    x = np.array([[np.nan], [np.nan], [1.0]])
    out = impute.group_mean(x, np.array(["a", "a", "b"]))
    assert np.isnan(out[:2, 0]).all() and out[2, 0] == 1


def test_all_missing_indicator_stays_missing_without_warning():
    x = np.array([[np.nan, 1.0], [np.nan, 2.0]])
    with np.errstate(all="raise"):
        out = impute.mean(x)
    assert np.isnan(out[:, 0]).all()


def test_latest_carries_the_last_observation_forward():
    stack = np.array([[[1.0]], [[np.nan]], [[3.0]], [[np.nan]]])
    np.testing.assert_array_equal(impute.latest(stack)[:, 0, 0], [1, 1, 3, 3])
    assert np.isnan(impute.latest(np.array([[[np.nan]], [[np.nan]]]))).all()


def test_observed_values_are_never_changed():
    for method in ("mean", "median"):
        out = impute.METHODS[method](X)
        ok = ~np.isnan(X)
        np.testing.assert_array_equal(out[ok], X[ok])


def test_group_imputation_needs_groups():
    with pytest.raises(ValueError, match="group"):
        impute.group_mean(X, None)
