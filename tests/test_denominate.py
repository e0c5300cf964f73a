"""Denomination divides by a size column; missing or zero denominators give missing values."""

from __future__ import annotations

import numpy as np

from analysis import denominate


def test_divide_with_scale_and_missing():
    x = np.array([[10.0, 5.0], [np.nan, 6.0], [4.0, 7.0]])
    d = np.array([[2.0, 1.0], [2.0, 1.0], [0.0, 1.0]])
    out = denominate.divide(x, d, scale=1000)
    np.testing.assert_allclose(out[0], [5000, 5000])
    assert np.isnan(out[1, 0]) and np.isnan(out[2, 0])
    np.testing.assert_array_equal(denominate.none(x)[~np.isnan(x)], x[~np.isnan(x)])
