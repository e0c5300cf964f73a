"""Sobol indices (COINr's ``SA_estimate``) and rank statistics of a set of runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.sensitivity._consts import Seed

if TYPE_CHECKING:
    pass

# --------------------------------------------------------------------------------------
# Sobol indices


def sobol_indices(
    y: Sequence[float] | np.ndarray,
    N: int,
    d: int,
    n_boot: int = 100,
    seed: Seed = None,
    factors: Sequence[str] | None = None,
) -> pd.DataFrame:
    """First order and total Sobol indices from a COINr-ordered design, as COINr computes them.

    ``y`` holds the N (d + 2) outputs in COINr's block order ``[A; B; AB_1; ...; AB_d]``
    (:func:`saltelli_design`). With ``yA``, ``yB``, ``yABi`` the blocks and
    ``V = var(c(yA, yB))`` (sample variance, n - 1 denominator, over the 2N values):

    - first order, Saltelli et al. (2010): ``Si = mean(yB * (yABi - yA)) / V``
    - total, Jansen (1999): ``STi = sum((yA - yABi)^2) / (2 N V)``

    Bootstrap (COINr's ``SA_estimate(Nboot)``): for each factor separately, the N per-row
    terms ``yB * (yABi - yA)`` and ``yA - yABi`` are resampled with replacement ``n_boot``
    times, the estimator recomputed with the same V, and the 5 % and 95 % quantiles
    (linear interpolation, R's type 7) reported. They depend on the random stream and so
    do not equal COINr's; Si and STi are exact. ``n_boot=0`` leaves the quantiles NaN.

    Both estimators can leave [0, 1] on small N (Si can be negative); they are returned as
    estimated, not clipped. A constant output (V = 0) gives NaN indices. A NaN output is an
    :class:`InputError` naming the runs (1-based), since COINr would return NaN for every
    index without saying why.

    Returns a DataFrame with columns ``factor, Si, STi, Si_q05, Si_q95, STi_q05, STi_q95``,
    one row per factor in design order; factors are named ``V1..Vd`` unless ``factors``
    names them.
    """
    yy = np.asarray(y, dtype=np.float64).ravel()
    if N < 2 or d < 1:
        raise InputError(f"sobol_indices: need N >= 2 and d >= 1, got N={N}, d={d}")
    if yy.size != N * (d + 2):
        raise InputError(
            f"sobol_indices: {yy.size} outputs, expected N (d + 2) = {N} x {d + 2} = {N * (d + 2)}"
        )
    if factors is None:
        factors = [f"V{i}" for i in range(1, d + 1)]
    if len(factors) != d:
        raise InputError(f"sobol_indices: {len(factors)} factor names for d = {d} factors")
    bad = np.flatnonzero(~np.isfinite(yy))
    if bad.size:
        runs = ", ".join(str(r) for r in (bad[:10] + 1))
        raise InputError(f"sobol_indices: {bad.size} output(s) are NaN or infinite (runs {runs})")

    y_a = yy[:N]
    y_b = yy[N : 2 * N]
    y_ab = yy[2 * N :].reshape(d, N).T  # column i = block AB_i
    variance = np.var(yy[: 2 * N], ddof=1)

    first_terms = y_b[:, None] * (y_ab - y_a[:, None])  # (N, d)
    total_terms = y_a[:, None] - y_ab  # (N, d)
    with np.errstate(divide="ignore", invalid="ignore"):
        si = _first_order(first_terms, variance)
        sti = _total_order(total_terms, variance, N)

    quantiles = np.full((4, d), np.nan)
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        cols = np.arange(d)
        si_boot = np.empty((n_boot, d))
        sti_boot = np.empty((n_boot, d))
        # resamples in chunks of about 4 million indices, to bound memory for large N
        step = max(1, 4_000_000 // (N * d))
        for start in range(0, n_boot, step):
            stop = min(start + step, n_boot)
            rows = rng.integers(0, N, size=(stop - start, N, d))
            with np.errstate(divide="ignore", invalid="ignore"):
                si_boot[start:stop] = _first_order(first_terms[rows, cols], variance)
                sti_boot[start:stop] = _total_order(total_terms[rows, cols], variance, N)
        quantiles[0:2] = np.quantile(si_boot, [0.05, 0.95], axis=0)
        quantiles[2:4] = np.quantile(sti_boot, [0.05, 0.95], axis=0)

    return pd.DataFrame(
        {
            "factor": list(factors),
            "Si": si,
            "STi": sti,
            "Si_q05": quantiles[0],
            "Si_q95": quantiles[1],
            "STi_q05": quantiles[2],
            "STi_q95": quantiles[3],
        }
    )


def _first_order(terms: np.ndarray, variance: float) -> np.ndarray:
    """Saltelli (2010): mean over rows of ``yB * (yABi - yA)``, over V (axis -2 = rows)."""
    return terms.mean(axis=-2) / variance


def _total_order(terms: np.ndarray, variance: float, N: int) -> np.ndarray:
    """Jansen (1999): sum over rows of ``(yA - yABi)^2``, over 2 N V (axis -2 = rows)."""
    return (terms**2).sum(axis=-2) / (2 * N * variance)


# --------------------------------------------------------------------------------------
# Ranks


def ranks_min(scores: np.ndarray) -> np.ndarray:
    """Rank every row of a runs x units score matrix: 1 = highest, ties take the lowest rank.

    :func:`analysis.ranking.rank` along the last axis (R's ``rank(-score, ties.method =
    "min")``; a NaN score gets no rank). A 1-D input is one run. Returns float64.
    """
    from analysis.ranking import rank

    return rank(scores, axis=-1)


def mean_abs_rank_shift(ranks: np.ndarray, nominal_ranks: np.ndarray) -> np.ndarray:
    """COINr's sensitivity output per run: mean over units of ``|rank - nominal rank|``.

    ``ranks`` is runs x units, ``nominal_ranks`` one rank per unit. Units without a rank
    in a run (NaN) or without a nominal rank are left out of that run's mean (COINr's
    ``na.rm = TRUE``); a run with no ranked unit gives NaN.
    """
    r = _float_array(ranks)
    nominal = np.asarray(nominal_ranks, dtype=np.float64)
    if r.shape[1] != nominal.size:
        raise InputError(
            f"mean_abs_rank_shift: {r.shape[1]} units in the runs, {nominal.size} nominal ranks"
        )
    # in the ranks' own dtype: float32 holds integer ranks and their differences exactly
    shift = r - nominal.astype(r.dtype)
    np.abs(shift, out=shift)
    total = shift.sum(axis=1, dtype=np.float64)
    if not np.isnan(total).any():
        return total / shift.shape[1]
    missing = np.isnan(shift)
    shift[missing] = 0
    count = shift.shape[1] - missing.sum(axis=1)
    total = shift.sum(axis=1, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(count > 0, total / count, np.nan)


def _float_array(values: np.ndarray) -> np.ndarray:
    """A 2-D floating array, keeping float32 (ranks) as is rather than copying to float64."""
    x = np.atleast_2d(np.asarray(values))
    return x if np.issubdtype(x.dtype, np.floating) else x.astype(np.float64)


def column_quantiles(values: np.ndarray, probs: Sequence[float]) -> np.ndarray:
    """Quantiles of each column ignoring NaN, linear interpolation (R type 7, numpy default).

    Vectorised replacement for ``np.nanquantile(values, probs, axis=0)``: one sort, then
    ``x[lo] + (h - lo) (x[lo + 1] - x[lo])`` with ``h = (n - 1) p`` and n the column's
    count of non-NaN values. A column with no value gives NaN. Returns len(probs) x columns.
    """
    x = _float_array(values)
    # sort each column as a contiguous row (much faster than sorting along axis 0);
    # float32 input (e.g. ranks) is sorted as float32 and interpolated in float64
    rows = np.ascontiguousarray(x.T)
    rows.sort(axis=1)  # NaN sorts last
    n = np.full(rows.shape[0], rows.shape[1], dtype=np.int64)
    if rows.shape[1]:
        with_nan = np.isnan(rows[:, -1])  # NaN sorts last: only these rows have any
        n[with_nan] = (~np.isnan(rows[with_nan])).sum(axis=1)
    p = np.asarray(probs, dtype=np.float64)[None, :]
    last = np.maximum(n, 1)[:, None] - 1
    h = last * p
    lo = np.floor(h).astype(np.int64)
    hi = np.minimum(lo + 1, last)
    x_lo = np.take_along_axis(rows, lo, axis=1).astype(np.float64)
    x_hi = np.take_along_axis(rows, hi, axis=1).astype(np.float64)
    out = x_lo + (h - lo) * (x_hi - x_lo)
    out[n == 0, :] = np.nan
    return out.T


def rank_intervals(
    ranks: np.ndarray,
    nominal: np.ndarray | Sequence[float],
    units: Sequence[Any] | None = None,
    probs: tuple[float, float] = (0.05, 0.95),
) -> pd.DataFrame:
    """Per unit: nominal rank, median rank and the 5th / 95th percentile over the runs.

    As COINr's ``get_sensitivity()$RankStats`` (``stats::quantile``, type 7, NaN runs
    skipped). ``ranks`` is runs x units. Returns columns ``unit, nominal, median, q05,
    q95`` in the units' order (``units`` names them, else 0..n-1).
    """
    r = _float_array(ranks)
    nominal = np.asarray(nominal, dtype=np.float64)
    if r.shape[1] != nominal.size:
        raise InputError(
            f"rank_intervals: {r.shape[1]} units in the runs, {nominal.size} nominal ranks"
        )
    if units is None:
        units = range(r.shape[1])
    units = list(units)
    if len(units) != r.shape[1]:
        raise InputError(f"rank_intervals: {len(units)} unit names for {r.shape[1]} units")
    q = column_quantiles(r, [0.5, probs[0], probs[1]])
    return pd.DataFrame(
        {"unit": units, "nominal": nominal, "median": q[0], "q05": q[1], "q95": q[2]}
    )
