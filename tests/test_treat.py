"""Outlier treatment: COINr's winsorise-then-log_CT rule, type-2 moments, plain winsorise/clip."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from analysis import treat
from analysis.framework import framework_from_imeta
from analysis.index import build_index, read_idata


@pytest.fixture(scope="module")
def screened(test_data):
    folder = test_data / "coinr-asem" / "inputs"
    fw = framework_from_imeta(folder / "ASEM_iMeta.csv")
    res = build_index(read_idata(folder / "ASEM_iData.csv"), fw, "coinr-default")
    return res.arrays["Screened"]


def test_type2_moments_equal_scipys_bias_corrected():
    rng = np.random.default_rng(1)
    x = rng.lognormal(size=(40, 3))
    np.testing.assert_allclose(treat.skewness(x), stats.skew(x, bias=False), rtol=1e-12)
    np.testing.assert_allclose(treat.kurtosis(x), stats.kurtosis(x, bias=False), rtol=1e-12)


def test_moments_ignore_missing_values():
    x = np.array([[1.0], [2.0], [np.nan], [10.0], [3.0]])
    np.testing.assert_allclose(treat.skewness(x), stats.skew([1, 2, 10, 3], bias=False))


def test_winmax_limits_give_coinrs_log_ct_counts(screened):
    """Sensitivity-design README: with winmax 1, 2, 3, 11, 8 and 1 indicators fall back to log_CT."""
    counts = [
        (treat.coinr(screened, winmax=w).details["treatment"] == "log_CT").sum()
        for w in (1, 2, 3, 4, 5)
    ]
    assert counts == [11, 8, 1, 0, 0]


def test_log_ct_is_applied_to_the_untreated_column(screened):
    res = treat.coinr(screened, winmax=1)
    j = int(np.flatnonzero(res.details["treatment"] == "log_CT")[0])
    col = screened[:, j]
    expected = np.log(col - col.min() + 0.01 * (col.max() - col.min()))
    np.testing.assert_allclose(res.x[:, j], expected, rtol=0, atol=0)


def test_ties_count_as_winsorised_points():
    x = np.r_[np.zeros(30), np.arange(1, 11), [100.0, 100.0]][:, None]
    _, top, bottom, nwin = treat.winsorise_column(x[:, 0], winmax=5)
    assert nwin == top.sum() and bottom.sum() == 0 and nwin >= 2


def test_a_column_that_passes_is_untouched():
    x = np.random.default_rng(0).normal(size=(50, 2))
    res = treat.coinr(x)
    np.testing.assert_array_equal(res.x, x)
    assert (res.details["treatment"] == "").all()


def test_constant_and_tiny_columns_pass():
    x = np.column_stack([np.full(10, 3.0), np.r_[1.0, 2.0, np.full(8, np.nan)]])
    res = treat.coinr(x)
    assert res.details["pass0"].all()
    np.testing.assert_array_equal(res.x, x)


def test_quantile_winsorise_and_sd_clip():
    x = np.arange(101, dtype=float)[:, None]
    res = treat.winsorise(x, 0.05, 0.95)
    assert res.x.min() == 5 and res.x.max() == 95 and res.details["nwin"].iloc[0] == 10
    y = np.r_[np.zeros(20), 1000.0][:, None]
    clipped = treat.clip(y, k=2)
    assert clipped.x.max() < 1000 and clipped.points[-1, 0] == 1


def test_bad_parameters_are_errors():
    with pytest.raises(ValueError, match="lower < upper"):
        treat.winsorise(np.ones((3, 1)), 0.9, 0.1)
    with pytest.raises(ValueError, match="fallback"):
        treat.coinr(np.ones((3, 1)), fallback="sqrt")


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (25, 2), elements=st.floats(-1e3, 1e3)), st.integers(1, 5))
def test_winsorising_keeps_values_within_the_original_range(x, winmax):
    res = treat.coinr(x, winmax=winmax, fallback="none")
    assert (res.x.min(axis=0) >= x.min(axis=0)).all() and (res.x.max(axis=0) <= x.max(axis=0)).all()
    assert np.all(
        np.abs(res.points).sum(axis=0) <= np.nan_to_num(res.details["nwin"].to_numpy(), nan=0)
    )


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, (20, 4), elements=st.floats(-1e3, 1e3) | st.just(np.nan)), st.integers(0, 6)
)
def test_vectorised_winsorising_equals_the_column_by_column_rule(x, winmax):
    v, top, bottom, nwin = treat.winsorise_columns(x, winmax)
    for j in range(x.shape[1]):
        ok = ~np.isnan(x[:, j])
        vj, tj, bj, kj = treat.winsorise_column(x[ok, j], winmax)
        np.testing.assert_array_equal(v[ok, j], vj)
        np.testing.assert_array_equal(top[ok, j], tj)
        np.testing.assert_array_equal(bottom[ok, j], bj)
        assert nwin[j] == kj


def test_messy_prefecture_panel_waste_rates_are_treated(test_data):
    """Real yearbook errors (北海 2011: waste treatment rate 362 %; 娄底 2011: population 11,098 万) are caught."""
    from analysis.panel import read_panel

    panel = read_panel(
        test_data.parents[1]
        / "data"
        / "raw"
        / "panels"
        / "cn-prefecture-city-2004-2012"
        / "prefecture_city_panel_2004_2012.csv",
        unit_column="city",
    )
    wide = panel.loc[panel["year"] == 2011].pivot(index="unit", columns="indicator", values="value")
    cols = ["garbage_harmless_treatment_pct", "population_yearend_10k"]
    x = wide[cols].to_numpy()
    res = treat.coinr(x, winmax=5)
    assert not res.details["pass0"].any()
    assert (res.x.max(axis=0) < x.max(axis=0)).all()
    assert (
        res.points[wide.index.get_loc("北海市"), 0] == 1
        and res.points[wide.index.get_loc("娄底市"), 1] == 1
    )
    clipped = treat.winsorise(x, 0.01, 0.99)
    assert (clipped.x.max(axis=0) < x.max(axis=0)).all()
