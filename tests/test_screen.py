"""Screening keeps units with enough data (COINr's byNA / byzeros rules)."""

from __future__ import annotations

import numpy as np

from analysis import screen

X = np.array([[1.0, 2.0, 3.0, 4.0], [1.0, np.nan, np.nan, 4.0], [0.0, 0.0, 0.0, 1.0]])


def test_by_na_keeps_units_at_or_above_the_threshold():
    np.testing.assert_array_equal(screen.by_na(X, threshold=0.5), [True, True, True])
    np.testing.assert_array_equal(screen.by_na(X, threshold=0.75), [True, False, True])


def test_by_zeros_and_both():
    np.testing.assert_array_equal(screen.by_zeros(X, nonzero_threshold=0.5), [True, True, False])
    np.testing.assert_array_equal(screen.by_na_and_zeros(X, 0.75, 0.5), [True, False, False])
    assert screen.none(X).all()
