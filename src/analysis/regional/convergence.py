"""σ- and β-convergence of a score across units (收敛分析).

- σ-convergence: per year the dispersion of the units' scores, ``n, mean, sd, cv`` with
  sd the sample standard deviation (ddof 1) and cv = sd / mean; a falling σ or cv over the
  years is σ-convergence (Barro & Sala-i-Martin 1992, J. Political Economy 100: 223–251).
- β-convergence (absolute / unconditional): OLS of the annualised growth
  g_{i,t} = ln(y_{i,t+Δ} / y_{i,t}) / Δ on ln y_{i,t} over every pair of adjacent panel
  years that a unit has both of (Δ the gap in years),
  ``g = α + β ln y + ε``; β < 0 is convergence. With unit fixed effects (conditional
  β-convergence, Islam 1995, QJE 110: 1127–1170) the within estimator: g and ln y demeaned
  by unit, no intercept, residual df = n − G − 1 (G units in the regression), R² the
  within R². p-values two-sided from Student's t with the residual df. Speed
  λ = −ln(1 + β) per year and half-life ln 2 / λ, defined for −1 < β < 0.

With two years and Δ the whole span this is convergEU's ``beta_conv(all_within = FALSE,
useTau = TRUE)`` (the vignette's example is a test); statsmodels OLS, with unit dummies for
the fixed effects, is the oracle of the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import InputError


def sigma_table(scores: pd.DataFrame) -> pd.DataFrame:
    """``year, n, mean, sd, cv`` of ``scores`` (``unit, year, score``) per year."""
    grouped = scores.groupby("year", dropna=False, sort=True)["score"]
    table = pd.DataFrame({"n": grouped.size(), "mean": grouped.mean(),
                          "sd": grouped.std(ddof=1)}).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        table["cv"] = table["sd"] / table["mean"]
    table["year"] = pd.array(table["year"], dtype="Int64")
    return table[["year", "n", "mean", "sd", "cv"]]


def growth_pairs(scores: pd.DataFrame) -> pd.DataFrame:
    """``unit, year, next_year, log_level, growth`` for every adjacent pair of panel years
    a unit has both of: log_level = ln y_t, growth = ln(y_{t+Δ}/y_t)/Δ."""
    if scores["year"].isna().any():
        raise InputError("β-convergence needs a year column (a panel of at least two years)")
    wide = scores.pivot(index="unit", columns="year", values="score").sort_index(axis=1)
    years = np.asarray(wide.columns, dtype=np.float64)
    if years.size < 2:
        raise InputError(f"β-convergence needs at least two years; found {years.size}")
    values = wide.to_numpy(dtype=np.float64)
    used = ~np.isnan(values[:, :-1]) & ~np.isnan(values[:, 1:])
    start, end = values[:, :-1][used], values[:, 1:][used]
    if (start <= 0).any() or (end <= 0).any():
        raise InputError("β-convergence takes logs: every score must be positive")
    gap = np.broadcast_to(np.diff(years), used.shape)[used]
    rows, cols = np.nonzero(used)
    return pd.DataFrame({
        "unit": wide.index.to_numpy()[rows],
        "year": years[:-1][cols].astype(np.int64),
        "next_year": years[1:][cols].astype(np.int64),
        "log_level": np.log(start),
        "growth": np.log(end / start) / gap,
    })


@dataclass(frozen=True)
class BetaConvergence:
    """A β-convergence regression: ``beta`` (slope on ln y) with ``se``, ``t``, ``p``;
    ``intercept`` (+ ``intercept_se``; NaN with fixed effects), ``r2`` (within R² with fixed
    effects), ``adj_r2``, ``n`` observations, ``n_units``, ``df_resid``, ``fixed_effects``,
    ``speed`` = −ln(1 + β) and ``half_life`` = ln 2 / speed (NaN unless −1 < β < 0).
    Build with :func:`beta_convergence`."""

    beta: float
    se: float
    t: float
    p: float
    intercept: float
    intercept_se: float
    r2: float
    adj_r2: float
    n: int
    n_units: int
    df_resid: int
    fixed_effects: bool

    def _terms(self, const: float, slope: float) -> pd.Series:
        if self.fixed_effects:
            return pd.Series({"log_level": slope})
        return pd.Series({"const": const, "log_level": slope})

    @property
    def params(self) -> pd.Series:
        """Coefficients by term (statsmodels' name): ``const`` (pooled only), ``log_level``."""
        return self._terms(self.intercept, self.beta)

    @property
    def bse(self) -> pd.Series:
        """Standard errors by term."""
        return self._terms(self.intercept_se, self.se)

    @property
    def tvalues(self) -> pd.Series:
        return self.params / self.bse

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided p-values from Student's t with ``df_resid``."""
        t = self.tvalues
        return pd.Series(2 * stats.t.sf(np.abs(t.to_numpy()), self.df_resid), index=t.index)

    @property
    def speed(self) -> float:
        return float(-np.log1p(self.beta)) if -1 < self.beta < 0 else np.nan

    @property
    def half_life(self) -> float:
        return float(np.log(2) / self.speed) if -1 < self.beta < 0 else np.nan

    def table(self) -> pd.DataFrame:
        """The one-row table of ``qci convergence --method beta``:
        ``beta,se,t,p,r2,n,speed,half_life``."""
        return pd.DataFrame([{"beta": self.beta, "se": self.se, "t": self.t, "p": self.p,
                              "r2": self.r2, "n": self.n, "speed": self.speed,
                              "half_life": self.half_life}])

    def summary(self) -> pd.DataFrame:
        """The regression table: ``term, coef, se, t, p`` (intercept and ln y) followed by
        rows ``r2, adj_r2, n, n_units, df_resid, speed, half_life`` in ``coef``."""
        rows = [{"term": term, "coef": self.params[term], "se": self.bse[term],
                 "t": self.tvalues[term], "p": self.pvalues[term]} for term in self.params.index]
        for name in ("r2", "adj_r2", "n", "n_units", "df_resid", "speed", "half_life"):
            rows.append({"term": name, "coef": float(getattr(self, name))})
        return pd.DataFrame(rows, columns=["term", "coef", "se", "t", "p"])


def beta_convergence(pairs: pd.DataFrame, fixed_effects: bool = False) -> BetaConvergence:
    """OLS of ``growth`` on ``log_level`` (table of :func:`growth_pairs`), pooled with an
    intercept or with unit fixed effects (within estimator)."""
    x = pairs["log_level"].to_numpy(dtype=np.float64)
    g = pairs["growth"].to_numpy(dtype=np.float64)
    n = x.size
    codes, units = pd.factorize(pairs["unit"])
    n_units = len(units)
    if fixed_effects:
        counts = np.bincount(codes).astype(float)
        xd = x - (np.bincount(codes, weights=x) / counts)[codes]
        gd = g - (np.bincount(codes, weights=g) / counts)[codes]
        df = n - n_units - 1
    else:
        xd, gd = x - x.mean(), g - g.mean()
        df = n - 2
    sxx = float(xd @ xd)
    if df < 1 or sxx <= 0:
        raise InputError(f"β-convergence: too few observations or no variation in ln y "
                         f"({n} growth observations, {n_units} units"
                         + (", fixed effects" if fixed_effects else "") + ")")
    beta = float(xd @ gd) / sxx
    resid = gd - beta * xd
    ssr = float(resid @ resid)
    sst = float(gd @ gd)
    s2 = ssr / df
    se = float(np.sqrt(s2 / sxx))
    t = beta / se if se > 0 else np.copysign(np.inf, beta)
    p = float(2 * stats.t.sf(abs(t), df))
    r2 = 1 - ssr / sst if sst > 0 else np.nan
    adj = 1 - (1 - r2) * (n - (n_units if fixed_effects else 1)) / df if sst > 0 else np.nan
    if fixed_effects:
        intercept = intercept_se = np.nan
    else:
        intercept = float(g.mean() - beta * x.mean())
        intercept_se = float(np.sqrt(s2 * (1 / n + x.mean() ** 2 / sxx)))
    return BetaConvergence(beta=beta, se=se, t=float(t), p=p, intercept=intercept,
                           intercept_se=intercept_se, r2=float(r2), adj_r2=float(adj), n=n,
                           n_units=n_units, df_resid=df, fixed_effects=fixed_effects)
