"""Treat outliers, one indicator column at a time.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 1.5 /
step 4 (outliers: winsorisation, transformations); COINr's ``Treat()`` with its default
``f1 = "winsorise"`` (``winmax = 5``, ``skew_thresh = 2``, ``kurt_thresh = 3.5``),
``f2 = "log_CT"`` and ``f_pass = "check_SkewKurt"``; the JRC's rule of thumb that a
column needs treatment when |skewness| > 2 and kurtosis > 3.5 (Saisana & Saltelli; JRC
COIN audits).

Statistics, over the n observed values of a column, d = x - mean(x):

- skewness, type 2 (e1071, SAS, SPSS): g1 = sqrt(n) Σd³ / (Σd²)^1.5,
  skew = g1 sqrt(n (n - 1)) / (n - 2)
- excess kurtosis, type 2: r = n Σd⁴ / (Σd²)², kurt = ((n + 1)(r - 3) + 6)(n - 1) / ((n - 2)(n - 3))
- a column *passes* when |skew| < skew_thresh **or** kurt < kurt_thresh.

Methods (``METHODS``):

- ``coinr``: COINr's default. A column that passes is left alone. Otherwise, while it
  fails and fewer than ``winmax`` points are winsorised: if skew >= 0, every position
  holding the maximum is set to the largest value at any other position, else every
  position holding the minimum to the smallest other value; ties count (nwin = points of
  the latest step at each end). If the column then passes it is kept; if not, the
  winsorisation is discarded and the *untreated* column is log-transformed,
  ``log_CT``: log(x - min(x) + 0.01 (max(x) - min(x))), kept whether or not it passes.
  ``fallback = "none"`` keeps the winsorised column instead.
- ``winsorise``: clip each column to its [lower, upper] quantiles (R type 7).
- ``clip``: clip each column to mean ± k sd (sd with n - 1).
- ``none``.

Missing values stay missing and are ignored by the statistics. A column with fewer than
4 observed values or zero variance has no defined kurtosis: it passes (is never treated).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

DETAIL_COLUMNS = ("pass0", "skew0", "kurt0", "nwin", "treatment", "pass1", "skew1", "kurt1")


@dataclass(frozen=True, eq=False)
class TreatResult:
    """Treated values plus what was done.

    ``x``: (n, p) treated array. ``points``: (n, p) int8, +1 where a value was pulled down
    from the top (COINr's ``winhi``), -1 where pulled up from the bottom (``winlo``), 0
    elsewhere. ``info``: per-column arrays; :attr:`details` shows them as a table, one row
    per column (:data:`DETAIL_COLUMNS` where the method fills them; ``treatment`` is
    ``''``, ``'winsorise'``, ``'log_CT'`` or ``'clip'``), built on first access so that
    repeated treatment in a sensitivity analysis costs only the arithmetic.
    """

    x: np.ndarray
    points: np.ndarray | None = None
    info: dict[str, np.ndarray] = field(default_factory=dict)

    @cached_property
    def details(self) -> pd.DataFrame:
        return pd.DataFrame(self.info)


def _moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    ok = ~np.isnan(x)
    n = ok.sum(axis=0).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ok, x, 0.0).sum(axis=0) / n
        d = np.where(ok, x - mean, 0.0)
    d2 = d * d
    return n, (d2).sum(axis=0), (d2 * d).sum(axis=0), (d2 * d2).sum(axis=0)


def skew_kurt(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(type-2 skewness, type-2 excess kurtosis) of each column, NaN ignored.

    Skewness is NaN with fewer than 3 values, kurtosis with fewer than 4; both are NaN
    for a column without variance.
    """
    n, m2, m3, m4 = _moments(x)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        skew = np.sqrt(n) * m3 / m2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * m4 / (m2 * m2)
        kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    varied = m2 > 0
    return np.where((n >= 3) & varied, skew, np.nan), np.where((n >= 4) & varied, kurt, np.nan)


def skewness(x: np.ndarray) -> np.ndarray:
    """Type-2 sample skewness of each column (NaN ignored); NaN if n < 3 or no variance."""
    return skew_kurt(x)[0]


def kurtosis(x: np.ndarray) -> np.ndarray:
    """Type-2 sample excess kurtosis of each column (NaN ignored); NaN if n < 4 or no variance."""
    return skew_kurt(x)[1]


def passes(
    skew: np.ndarray, kurt: np.ndarray, skew_thresh: float = 2.0, kurt_thresh: float = 3.5
) -> np.ndarray:
    """COINr's ``check_SkewKurt``: |skew| < skew_thresh or kurt < kurt_thresh; undefined passes."""
    skew = np.asarray(skew, dtype=np.float64)
    kurt = np.asarray(kurt, dtype=np.float64)
    undefined = np.isnan(skew) | np.isnan(kurt)
    with np.errstate(invalid="ignore"):
        return undefined | (np.abs(skew) < skew_thresh) | (kurt < kurt_thresh)


def _col_stats(v: np.ndarray) -> tuple[float, float]:
    """(skew, kurt) of a 1-D array without NaN; the same formulas as :func:`skewness`, :func:`kurtosis`."""
    n = v.size
    if n < 4:
        return (float(skewness(v)[0]) if n else np.nan), np.nan
    d = v - v.sum() / n
    d2 = d * d
    m2 = d2.sum()
    if not m2 > 0:
        return np.nan, np.nan
    m3 = (d2 * d).sum()
    m4 = (d2 * d2).sum()
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        skew = np.sqrt(n) * m3 / m2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * m4 / (m2 * m2)
        kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return float(skew), float(kurt)


def _passes1(skew: float, kurt: float, skew_thresh: float, kurt_thresh: float) -> bool:
    if np.isnan(skew) or np.isnan(kurt):
        return True
    return abs(skew) < skew_thresh or kurt < kurt_thresh


def log_ct(x: np.ndarray) -> np.ndarray:
    """COINr's ``log_CT`` of each column: log(x - min + 0.01 (max - min)), NaN ignored."""
    x = np.asarray(x, dtype=np.float64)
    lo = np.nanmin(x, axis=0)
    hi = np.nanmax(x, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))


def winsorise_column(
    v: np.ndarray, winmax: int = 5, skew_thresh: float = 2.0, kurt_thresh: float = 3.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """COINr's iterative winsorisation of one column of observed values (no NaN).

    Returns the winsorised copy, the boolean masks of the latest top and bottom steps
    and ``nwin`` (their total size).
    """
    v = np.array(v, dtype=np.float64)
    top = np.zeros(v.size, dtype=bool)
    bottom = np.zeros(v.size, dtype=bool)
    nwin = 0
    while nwin < winmax:
        skew, kurt = _col_stats(v)
        if _passes1(skew, kurt, skew_thresh, kurt_thresh):
            break
        if skew >= 0:
            top = v == v.max()
            if top.all():
                break
            v[top] = v[~top].max()
        else:
            bottom = v == v.min()
            if bottom.all():
                break
            v[bottom] = v[~bottom].min()
        nwin = int(top.sum() + bottom.sum())
    return v, top, bottom, nwin


def winsorise_columns(
    x: np.ndarray, winmax: int = 5, skew_thresh: float = 2.0, kurt_thresh: float = 3.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`winsorise_column` on every column at once (NaN ignored), one step per pass.

    Returns the winsorised copy, the (n, k) masks of the latest top and bottom steps, and
    ``nwin`` per column. A column whose observed values are all equal cannot be
    winsorised further and stops.
    """
    v = np.array(x, dtype=np.float64)
    n, k = v.shape
    top = np.zeros((n, k), dtype=bool)
    bottom = np.zeros((n, k), dtype=bool)
    nwin = np.zeros(k, dtype=np.int64)
    stuck = np.zeros(k, dtype=bool)
    for _ in range(max(int(winmax), 0) + 1):
        skew, kurt = skew_kurt(v)
        active = ~passes(skew, kurt, skew_thresh, kurt_thresh) & (nwin < winmax) & ~stuck
        if not active.any():
            break
        up = active & (skew >= 0)
        down = active & (skew < 0)
        for mask, side, pick, other in (
            (up, top, np.nanmax, -np.inf),
            (down, bottom, np.nanmin, np.inf),
        ):
            if not mask.any():
                continue
            sub = v[:, mask]
            extreme = pick(sub, axis=0)
            at = sub == extreme
            rest = pick(np.where(at, other, sub), axis=0)
            flat = ~np.isfinite(rest)
            stuck[np.flatnonzero(mask)[flat]] = True
            at[:, flat] = False
            sub[at] = np.broadcast_to(rest, sub.shape)[at]
            v[:, mask] = sub
            cols = np.flatnonzero(mask)[~flat]
            side[:, cols] = at[:, ~flat]
        nwin = top.sum(axis=0) + bottom.sum(axis=0)
    return v, top, bottom, nwin


def coinr(
    x: np.ndarray,
    winmax: int = 5,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    fallback: str = "log_CT",
) -> TreatResult:
    """COINr's default treatment (winsorise up to ``winmax`` points, else ``log_CT``).

    See the module docstring for the algorithm. ``fallback`` is ``"log_CT"`` (COINr) or
    ``"none"`` (keep the winsorised column even if it still fails).
    """
    if fallback not in {"log_CT", "none"}:
        raise ValueError(f"treat: fallback {fallback!r} is not 'log_CT' or 'none'")
    x = np.array(x, dtype=np.float64)
    n, p = x.shape
    skew0, kurt0 = skew_kurt(x)
    pass0 = passes(skew0, kurt0, skew_thresh, kurt_thresh)
    skew1 = np.full(p, np.nan)
    kurt1 = np.full(p, np.nan)
    pass1 = np.full(p, np.nan, dtype=object)
    nwin = np.full(p, np.nan)
    treatment = np.full(p, "", dtype=object)
    points = np.zeros((n, p), dtype=np.int8)
    cols = np.flatnonzero(~pass0)
    if cols.size:
        v, top, bottom, k = winsorise_columns(x[:, cols], winmax, skew_thresh, kurt_thresh)
        s1, k1 = skew_kurt(v)
        keep = passes(s1, k1, skew_thresh, kurt_thresh) | (fallback == "none")
        win, log = cols[keep], cols[~keep]
        x[:, win] = v[:, keep]
        points[:, win] = top[:, keep].astype(np.int8) - bottom[:, keep].astype(np.int8)
        if log.size:
            x[:, log] = log_ct(x[:, log])
            s1[~keep], k1[~keep] = skew_kurt(x[:, log])
        nwin[cols] = k
        treatment[win], treatment[log] = "winsorise", "log_CT"
        skew1[cols], kurt1[cols] = s1, k1
        pass1[cols] = passes(s1, k1, skew_thresh, kurt_thresh).tolist()
    info = {
        "pass0": pass0,
        "skew0": skew0,
        "kurt0": kurt0,
        "nwin": nwin,
        "treatment": treatment,
        "pass1": pass1,
        "skew1": skew1,
        "kurt1": kurt1,
    }
    return TreatResult(x=x, points=points, info=info)


def winsorise(x: np.ndarray, lower: float = 0.05, upper: float = 0.95) -> TreatResult:
    """Clip each column to its ``lower`` and ``upper`` quantiles (linear interpolation)."""
    if not 0 <= lower < upper <= 1:
        raise ValueError(f"treat: need 0 <= lower < upper <= 1, got lower={lower}, upper={upper}")
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        lo = _nanquantile(x, lower)
        hi = _nanquantile(x, upper)
    return _clip_result(x, lo, hi, "winsorise")


def clip(x: np.ndarray, k: float = 3.0) -> TreatResult:
    """Clip each column to mean ± ``k`` standard deviations (n - 1 denominator)."""
    if not k > 0:
        raise ValueError(f"treat: k must be > 0, got {k}")
    x = np.asarray(x, dtype=np.float64)
    mu = _nan_reduce(np.nanmean, x)
    sd = _nan_reduce(lambda a, axis: np.nanstd(a, axis=axis, ddof=1), x)
    return _clip_result(x, mu - k * sd, mu + k * sd, "clip")


def none(x: np.ndarray) -> TreatResult:
    """No treatment."""
    return TreatResult(x=np.array(x, dtype=np.float64))


def _nan_reduce(f: Callable[..., np.ndarray], x: np.ndarray) -> np.ndarray:
    out = np.full(x.shape[1], np.nan)
    has = (~np.isnan(x)).sum(axis=0) >= 2
    if has.any():
        out[has] = f(x[:, has], axis=0)
    return out


def _nanquantile(x: np.ndarray, q: float) -> np.ndarray:
    return _nan_reduce(lambda a, axis: np.nanquantile(a, q, axis=axis), x)


def _clip_result(x: np.ndarray, lo: np.ndarray, hi: np.ndarray, name: str) -> TreatResult:
    lo = np.where(np.isnan(lo), -np.inf, lo)
    hi = np.where(np.isnan(hi), np.inf, hi)
    out = np.clip(x, lo, hi)
    points = np.where(x > hi, 1, np.where(x < lo, -1, 0)).astype(np.int8)
    n_points = np.abs(points).sum(axis=0)
    info = {"nwin": n_points.astype(np.float64), "treatment": np.where(n_points > 0, name, "")}
    return TreatResult(x=out, points=points, info=info)


METHODS: dict[str, Callable[..., TreatResult]] = {
    "coinr": coinr,
    "winsorise": winsorise,
    "clip": clip,
    "none": none,
}
