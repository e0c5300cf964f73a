"""Kernel density by year: scipy's gaussian_kde as oracle, Silverman's rule by hand, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.errors import InputError
from analysis.regional.density import bandwidth, density_by_year, gaussian_kde


def _scores(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "unit": np.tile(np.arange(60), 2),
        "year": pd.array(np.repeat([2010, 2020], 60), dtype="Int64"),
        "score": np.r_[rng.normal(50, 10, 60), rng.gamma(4, 5, 60)],
    })


def test_normal_rule_matches_scipy_gaussian_kde():
    from scipy.stats import gaussian_kde as scipy_kde

    scores = _scores()
    table = density_by_year(scores, rule="normal", points=101)
    for year, part in table.groupby("year"):
        y = scores.loc[scores["year"] == year, "score"].to_numpy()
        oracle = scipy_kde(y, bw_method="silverman")
        np.testing.assert_allclose(part["density"], oracle(part["x"].to_numpy()), rtol=1e-10)


def test_silverman_rule_by_hand():
    # y = 1..10: s = 3.02765, IQR = 7.75 − 3.25 = 4.5 → 4.5/1.349 = 3.33580;
    # h = 0.9 · 3.02765 · 10^(−1/5) = 1.71929
    y = np.arange(1, 11, dtype=float)
    assert bandwidth(y, "silverman") == pytest.approx(0.9 * np.std(y, ddof=1) * 10 ** -0.2)
    assert bandwidth(y, "silverman") == pytest.approx(1.71929, abs=5e-5)
    assert bandwidth(y, 0.5) == 0.5


def test_density_integrates_to_one_and_table_shape():
    table = density_by_year(_scores(), points=400)
    assert list(table.columns) == ["year", "x", "density", "bandwidth"]
    for _, part in table.groupby("year"):
        assert np.trapezoid(part["density"], part["x"]) == pytest.approx(1.0, abs=2e-3)


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.integers(3, 30), elements=st.floats(0, 100), unique=True),
       st.floats(0.1, 100))
def test_scaling_equivariance(y, factor):
    # f_{cy}(c x) = f_y(x) / c for every bandwidth rule proportional to scale
    grid = np.linspace(y.min() - 1, y.max() + 1, 17)
    for rule in ("silverman", "normal"):
        h = bandwidth(y, rule)
        scaled = gaussian_kde(y * factor, grid * factor, bandwidth(y * factor, rule))
        np.testing.assert_allclose(scaled * factor, gaussian_kde(y, grid, h), rtol=1e-7,
                                   atol=1e-12)


def test_bad_input():
    with pytest.raises(InputError):
        bandwidth(np.array([1.0, 1.0]), "silverman")
    with pytest.raises(InputError):
        bandwidth(np.arange(5.0), "wide")
