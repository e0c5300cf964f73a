"""σ/β-convergence: convergEU's vignette example, statsmodels as the OLS oracle (pooled
and with unit dummies), properties, the command."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.errors import InputError
from analysis.regional.convergence import beta_convergence, growth_pairs, sigma_table

# convergEU (R, CRAN 0.7.x), vignette "Convergence monitoring" (measuring-convergence),
# §2.1 Beta-convergence and §2.2 Sigma-convergence: the toy table testTB (time × countries).
CONVERGEU_TB = pd.DataFrame({
    "time": [2000, 2001, 2002, 2003, 2004, 2005],
    "countryA": [0.8, 1.2, 0.9, 1.3, 1.2, 1.2],
    "countryB": [2.7, 3.2, 2.9, 2.9, 3.1, 3.0],
    "countryC": [3.9, 4.2, 4.1, 4.0, 4.1, 4.0],
})
# beta_conv(testTB, time_0 = 2002, time_t = 2004, all_within = FALSE) prints
# beta1 = -0.09475194, std.error 0.000345, statistic -275., p.value 0.00232,
# adj.r.squared 0.9999735 (intercept 0.134, se 0.000353).
# sigma_conv(testTB) prints per year stdDev (population sd, divisor n) and CV = stdDev/mean:
CONVERGEU_SIGMA = pd.DataFrame({
    "time": [2000, 2001, 2002, 2003, 2004, 2005],
    "stdDev": [1.28, 1.25, 1.32, 1.11, 1.20, 1.16],
    "CV": [0.517, 0.435, 0.501, 0.406, 0.430, 0.424],
    "mean": [2.47, 2.87, 2.63, 2.73, 2.8, 2.73],
})


def _long(tb: pd.DataFrame, years=None) -> pd.DataFrame:
    long = tb.melt(id_vars="time", var_name="unit", value_name="score").rename(
        columns={"time": "year"})
    if years is not None:
        long = long.loc[long["year"].isin(years)]
    long["year"] = pd.array(long["year"], dtype="Int64")
    return long[["unit", "year", "score"]].reset_index(drop=True)


def test_beta_reproduces_convergeu_vignette():
    result = beta_convergence(growth_pairs(_long(CONVERGEU_TB, [2002, 2004])))
    assert result.beta == pytest.approx(-0.09475194, abs=5e-9)
    assert result.se == pytest.approx(0.000345, abs=5e-7)
    assert result.t == pytest.approx(-275, abs=0.5)
    assert result.p == pytest.approx(0.00232, abs=5e-6)
    assert result.adj_r2 == pytest.approx(0.9999735, abs=5e-8)
    assert result.intercept == pytest.approx(0.134, abs=5e-4)
    assert result.intercept_se == pytest.approx(0.000353, abs=5e-7)
    assert result.n == 3


def test_sigma_reproduces_convergeu_vignette():
    table = sigma_table(_long(CONVERGEU_TB))
    n = table["n"].to_numpy()
    population_sd = table["sd"] * np.sqrt((n - 1) / n)
    np.testing.assert_allclose(population_sd, CONVERGEU_SIGMA["stdDev"], atol=5e-3)
    np.testing.assert_allclose(table["cv"] * np.sqrt((n - 1) / n), CONVERGEU_SIGMA["CV"],
                               atol=5e-4)
    np.testing.assert_allclose(table["mean"], CONVERGEU_SIGMA["mean"], atol=5e-3)
    assert list(table.columns) == ["year", "n", "mean", "sd", "cv"]


def _panel(seed: int, n_units: int = 12, years=(2010, 2011, 2012, 2014, 2015)) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    base = rng.lognormal(3, 0.5, n_units)
    rows = []
    for unit, level in enumerate(base):
        y = level
        for k, year in enumerate(years):
            if k:
                y = y * np.exp(0.05 - 0.01 * np.log(y) + rng.normal(0, 0.02))
            if rng.random() < 0.85 or k == 0:  # gaps: some unit-years missing
                rows.append({"unit": f"u{unit:02d}", "year": year, "score": y})
    frame = pd.DataFrame(rows)
    frame["year"] = pd.array(frame["year"], dtype="Int64")
    return frame


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_statsmodels_oracle_pooled_and_fixed_effects(seed):
    import statsmodels.api as sm

    pairs = growth_pairs(_panel(seed))
    pooled = beta_convergence(pairs)
    ols = sm.OLS(pairs["growth"], sm.add_constant(pairs["log_level"])).fit()
    assert pooled.beta == pytest.approx(ols.params["log_level"], rel=1e-10)
    assert pooled.se == pytest.approx(ols.bse["log_level"], rel=1e-9)
    assert pooled.p == pytest.approx(ols.pvalues["log_level"], rel=1e-8)
    assert pooled.r2 == pytest.approx(ols.rsquared, rel=1e-10)
    assert pooled.adj_r2 == pytest.approx(ols.rsquared_adj, rel=1e-10)
    assert pooled.intercept_se == pytest.approx(ols.bse["const"], rel=1e-9)
    pd.testing.assert_series_equal(pooled.params, ols.params, rtol=1e-9, check_names=False)
    pd.testing.assert_series_equal(pooled.pvalues, ols.pvalues, rtol=1e-7, check_names=False)

    fe = beta_convergence(pairs, fixed_effects=True)
    dummies = pd.get_dummies(pairs["unit"], dtype=float)
    lsdv = sm.OLS(pairs["growth"], pd.concat([pairs[["log_level"]], dummies], axis=1)).fit()
    assert fe.beta == pytest.approx(lsdv.params["log_level"], rel=1e-9)
    assert fe.se == pytest.approx(lsdv.bse["log_level"], rel=1e-8)
    assert fe.p == pytest.approx(lsdv.pvalues["log_level"], rel=1e-7)
    assert fe.df_resid == int(lsdv.df_resid)
    # within R²: the R² of the demeaned regression
    demeaned = pairs.groupby("unit")[["growth", "log_level"]].transform(lambda c: c - c.mean())
    within = sm.OLS(demeaned["growth"], demeaned["log_level"]).fit()
    assert fe.r2 == pytest.approx(within.rsquared, rel=1e-9)


def test_gap_years_are_annualised():
    scores = pd.DataFrame({"unit": ["a", "a", "b", "b", "c", "c"],
                           "year": pd.array([2010, 2020] * 3, dtype="Int64"),
                           "score": [1.0, np.e, 2.0, 2.0, 4.0, 4.0]})
    pairs = growth_pairs(scores)
    assert pairs.loc[pairs["unit"] == "a", "growth"].item() == pytest.approx(0.1)
    assert pairs["year"].tolist() == [2010] * 3 and pairs["next_year"].tolist() == [2020] * 3


def test_speed_and_half_life():
    result = beta_convergence(growth_pairs(_long(CONVERGEU_TB, [2002, 2004])))
    assert result.speed == pytest.approx(-np.log(1 - 0.09475194), rel=1e-6)
    assert result.half_life == pytest.approx(np.log(2) / result.speed)
    summary = result.summary()
    assert summary["term"].tolist()[:2] == ["const", "log_level"]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.01, 1000))
def test_beta_and_cv_invariant_to_scaling(seed, factor):
    panel = _panel(seed, n_units=6)
    scaled = panel.assign(score=panel["score"] * factor)
    for fe in (False, True):
        try:
            a = beta_convergence(growth_pairs(panel), fe)
        except InputError:
            continue
        b = beta_convergence(growth_pairs(scaled), fe)
        assert b.beta == pytest.approx(a.beta, rel=1e-7, abs=1e-10)
        assert b.r2 == pytest.approx(a.r2, rel=1e-7, abs=1e-10)
    np.testing.assert_allclose(sigma_table(scaled)["cv"], sigma_table(panel)["cv"], rtol=1e-10)


def test_beta_needs_years_and_positive_scores():
    one = pd.DataFrame({"unit": ["a"], "year": pd.array([pd.NA], dtype="Int64"),
                        "score": [1.0]})
    with pytest.raises(InputError, match="year"):
        growth_pairs(one)
    bad = _long(CONVERGEU_TB).assign(score=lambda f: f["score"] - 1)
    with pytest.raises(InputError, match="positive"):
        growth_pairs(bad)


def _scores_csv(tmp_path):
    long = _long(CONVERGEU_TB).assign(iCode="Index")
    path = tmp_path / "scores.csv"
    long.to_csv(path, index=False)
    return path


def test_command_sigma_and_beta(tmp_path):
    path = _scores_csv(tmp_path)
    out = tmp_path / "sigma.csv"
    assert main(["convergence", str(path), "--method", "sigma", "-o", str(out)]) == 0
    assert list(pd.read_csv(out).columns) == ["year", "n", "mean", "sd", "cv"]
    out = tmp_path / "beta.csv"
    assert main(["convergence", str(path), "--method", "beta", "--fixed-effects",
                 "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["beta", "se", "t", "p", "r2", "n", "speed", "half_life"]
    assert len(table) == 1 and table["n"].item() == 15


@pytest.mark.parametrize("extra", [["--method", "gamma"], ["--method", "sigma",
                                                           "--fixed-effects"]])
def test_command_bad_input(tmp_path, capsys, extra):
    path = _scores_csv(tmp_path)
    assert main(["convergence", str(path), *extra, "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err
