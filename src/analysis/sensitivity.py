"""Uncertainty and sensitivity analysis: the numerical core (COINr-compatible).

What a run is and how it is evaluated (treatment, normalisation, weights, aggregation) is
the pipeline's business; this module holds the pieces that do not depend on it:

* :func:`saltelli_matrix`, :func:`cut_levels` and :func:`saltelli_design` draw a Sobol'
  design the way COINr's ``SA_sample()`` / ``get_sensitivity()`` do, as N (d + 2) rows in
  COINr's block order ``[A; B; AB_1; ...; AB_d]``; ``sampler="salib"`` draws the base
  matrices from SALib's scrambled Sobol' sequence instead and reorders them into the same
  blocks.
* :func:`sobol_indices` is COINr's ``SA_estimate()``: first order Si (Saltelli 2010), total
  STi (Jansen 1999), bootstrap 5 % / 95 % quantiles.
* :func:`noisy_weights` and :func:`dirichlet_weights` draw Monte Carlo weight sets;
  :func:`arithmetic_scores` aggregates a panel with many weight sets as one matrix product;
  :func:`ranks_min` ranks every run at once; :func:`mean_abs_rank_shift` is COINr's
  sensitivity output and :func:`rank_intervals` its rank statistics.

Everything works on whole NumPy arrays: there is no Python loop over units, draws or runs
(only over chunks of draws in :func:`monte_carlo_ranks` and of bootstrap resamples in
:func:`sobol_indices`, to bound memory). :func:`check_design` validates a given design's
block structure before it is evaluated. Every random draw takes a ``seed`` (an int,
``None`` or a :class:`numpy.random.Generator`).

References
----------
- Saltelli A. et al. (2010). Variance based sensitivity analysis of model output. Design and
  estimator for the total sensitivity index. *Computer Physics Communications* 181, 259-270
  (first order estimator, their Table 2 (b)).
- Jansen M.J.W. (1999). Analysis of variance designs for model output. *Computer Physics
  Communications* 117, 35-43 (total effect estimator).
- Becker W. et al. (2022). COINr: an R package for developing composite indicators.
  *Journal of Open Source Software* 7(78), 4567; R package 1.1.14, functions
  ``SA_sample``, ``SA_estimate``, ``get_noisy_weights``, ``get_sensitivity``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError

SOBOL_COLUMNS = ("factor", "Si", "STi", "Si_q05", "Si_q95", "STi_q05", "STi_q95")
INTERVAL_COLUMNS = ("unit", "nominal", "median", "q05", "q95")
SAMPLERS = ("coinr", "salib")

Seed = int | np.random.Generator | None


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
# Designs


def saltelli_matrix(N: int, d: int, seed: Seed = None) -> np.ndarray:
    """COINr's ``SA_sample(N, d)``: an N (d + 2) x d matrix of uniforms in block order.

    A 2N x 2d matrix of U[0, 1) numbers is drawn; A is its first d columns, B its last d;
    the result stacks ``A, B, AB_1, ..., AB_d`` where AB_i is A with column i taken from B.
    """
    if N < 1 or d < 1:
        raise InputError(f"saltelli_matrix: need N >= 1 and d >= 1, got N={N}, d={d}")
    base = np.random.default_rng(seed).random((N, 2 * d))
    return _stack_blocks(base[:, :d], base[:, d:])


def _stack_blocks(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``[A; B; AB_1; ...; AB_d]`` with AB_i = A except column i, which is B's."""
    n, d = a.shape
    ab = np.broadcast_to(a, (d, n, d)).copy()
    idx = np.arange(d)
    ab[idx, :, idx] = b.T  # block i, every row, column i
    return np.vstack([a, b, ab.reshape(d * n, d)])


def salib_matrix(N: int, d: int, seed: Seed = None) -> np.ndarray:
    """Like :func:`saltelli_matrix`, with A and B from SALib's scrambled Sobol' sequence.

    SALib 1.6 (``SALib.sample.sobol.sample``, ``calc_second_order=False``) interleaves the
    rows as ``A_j, AB_1j, ..., AB_dj, B_j`` for each base point j; they are reordered here
    into COINr's blocks so that :func:`sobol_indices` applies unchanged. The Sobol'
    sequence is balanced only when N is a power of 2 (SALib warns otherwise).
    """
    from SALib.sample import sobol as salib_sobol

    problem = {
        "num_vars": d,
        "names": [f"x{i}" for i in range(d)],
        "bounds": [[0.0, 1.0]] * d,
    }
    rng_seed = seed if not isinstance(seed, np.random.Generator) else seed.integers(2**31)
    raw = salib_sobol.sample(problem, N, calc_second_order=False, seed=rng_seed)
    per_point = raw.reshape(N, d + 2, d)  # [A_j, AB_1j..AB_dj, B_j]
    a = per_point[:, 0, :]
    b = per_point[:, d + 1, :]
    ab = per_point[:, 1 : d + 1, :].transpose(1, 0, 2).reshape(d * N, d)
    return np.vstack([a, b, ab])


def cut_levels(x: np.ndarray, n: int) -> np.ndarray:
    """R's ``cut(x, n, labels = FALSE)``, 0-based: which of n equal intervals holds x.

    The range ``min(x)..max(x)`` is split into n equal intervals, right-closed
    ``(b_k, b_k+1]``, with the outer breaks moved out by ``range / 1000`` so that the
    extremes fall inside (R's ``cut.default``). Works column by column on a 2-D array.
    A constant column maps to the middle interval, as R does.
    """
    x = np.asarray(x, dtype=np.float64)
    if n < 1:
        raise InputError(f"cut_levels: need n >= 1 intervals, got {n}")
    lo = x.min(axis=0)
    hi = x.max(axis=0)
    dx = hi - lo
    # R: a constant column gets breaks from lo - |lo|/1000 to hi + |hi|/1000 (1 if 0)
    pad = np.where(dx == 0, np.where(lo != 0, np.abs(lo), 1.0), dx) / 1000
    flat = dx == 0
    start = np.where(flat, lo - pad, lo)
    stop = np.where(flat, hi + pad, hi)
    # R's seq.int(from, to, length.out = n + 1): from + i * ((to - from) / n)
    breaks = start[..., None] + np.multiply.outer((stop - start) / n, np.arange(n + 1.0))
    breaks[..., 0] = lo - pad
    breaks[..., -1] = hi + pad
    # interval k holds b_k < x <= b_{k+1}: count the inner breaks strictly below x
    inner = breaks[..., 1:-1]
    if x.ndim == 1:
        return (x[:, None] > inner[None, :]).sum(axis=-1)
    return (x[:, :, None] > inner[None, :, :]).sum(axis=-1)


def saltelli_design(
    factors: Mapping[str, Sequence[Any]],
    N: int,
    seed: Seed = None,
    sampler: str = "coinr",
) -> pd.DataFrame:
    """A Sobol' design over factors that each take one of a list of alternatives.

    Returns N (d + 2) rows in COINr's order ``[A; B; AB_1; ...; AB_d]``, factor i being the
    i-th key of ``factors``, with columns ``run`` (1-based), ``block`` (``A``, ``B``,
    ``AB_1``...) and one column per factor holding the chosen alternative itself.

    ``sampler="coinr"`` draws as COINr's ``get_sensitivity(SA_type = "SA")``: uniforms from
    :func:`saltelli_matrix`, each column of the whole stacked matrix mapped to its factor's
    n alternatives with R's ``cut(x, n)`` over that column's own min..max
    (:func:`cut_levels`). ``sampler="salib"`` takes the uniforms from SALib's scrambled
    Sobol' sequence (:func:`salib_matrix`, N a power of 2 is best) and maps them with
    ``floor(u * n)``, i.e. equal intervals of [0, 1) rather than of the sample's range;
    the quasi-random points make the indices converge faster than COINr's pseudo-random
    ones. The random streams differ from R's, so neither reproduces COINr's draws: to
    re-evaluate COINr's own design, read it instead.
    """
    names = list(factors)
    if not names:
        raise InputError("saltelli_design: no factors")
    for name, alternatives in factors.items():
        if len(alternatives) < 1:
            raise InputError(f"saltelli_design: factor {name!r} has no alternatives")
    d = len(names)
    if sampler == "coinr":
        u = saltelli_matrix(N, d, seed)
        codes = np.column_stack([cut_levels(u[:, i], len(factors[n])) for i, n in enumerate(names)])
    elif sampler == "salib":
        u = salib_matrix(N, d, seed)
        sizes = np.array([len(factors[n]) for n in names])
        codes = np.minimum(np.floor(u * sizes).astype(np.int64), sizes - 1)
    else:
        raise InputError(f"saltelli_design: sampler {sampler!r}; choose one of {SAMPLERS}")
    blocks = np.repeat(["A", "B"] + [f"AB_{i}" for i in range(1, d + 1)], N)
    design = pd.DataFrame({"run": np.arange(1, N * (d + 2) + 1), "block": blocks})
    for i, name in enumerate(names):
        alternatives = np.empty(len(factors[name]), dtype=object)
        alternatives[:] = list(factors[name])
        values = alternatives[codes[:, i]]
        design[name] = pd.Series(values).infer_objects()
    return design


def check_design(design: pd.DataFrame, factors: Sequence[str], source: str = "design") -> int:
    """Check that a design is in COINr's block order and return its N.

    ``design`` has one row per run in order and a column per factor (others are ignored);
    with d = len(factors) it must have N (d + 2) rows, and row j of block AB_i must equal
    row j of A in every factor but factor i, which must equal row j of B (the README of
    COINr's ASEM design). Anything else is an :class:`InputError` naming the first row
    (1-based, as in the file) and factor that break the structure, since Sobol estimates
    from a mis-ordered design are silently wrong.
    """
    names = list(factors)
    missing = [f for f in names if f not in design.columns]
    if missing:
        raise InputError(
            f"{source}: missing factor column(s) {', '.join(map(repr, missing))}; "
            f"found {', '.join(map(repr, design.columns))}"
        )
    d = len(names)
    rows = len(design)
    if d == 0 or rows == 0 or rows % (d + 2):
        raise InputError(
            f"{source}: {rows} runs is not N (d + 2) for d = {d} factors ({', '.join(names)})"
        )
    N = rows // (d + 2)
    values = design[names].astype(str).to_numpy()  # compare as text: mixed types, no NaN trap
    a, b = values[:N], values[N : 2 * N]
    ab = values[2 * N :].reshape(d, N, d)
    expected = np.broadcast_to(a, (d, N, d)).copy()
    idx = np.arange(d)
    expected[idx, :, idx] = b.T
    bad = np.argwhere(ab != expected)
    if bad.size:
        block, row, column = bad[0]
        run = (2 + block) * N + row + 1
        raise InputError(
            f"{source}, row {run}, column {names[column]!r}: block AB_{block + 1} (rows "
            f"{(2 + block) * N + 1}-{(3 + block) * N}) must equal A except in "
            f"{names[block]!r}, which comes from B (COINr's order [A; B; AB_1..AB_{d}], N = {N})"
        )
    return N


# --------------------------------------------------------------------------------------
# Monte Carlo weights and aggregation


def noisy_weights(
    nominal: Sequence[float] | np.ndarray,
    n_draws: int,
    noise: float | Sequence[float] | np.ndarray = 0.25,
    seed: Seed = None,
) -> np.ndarray:
    """COINr's ``get_noisy_weights()``: each weight times (1 + u), u ~ U[-f, f].

    ``noise`` is the factor f, one for all weights or one per weight (0 keeps a weight at
    its nominal value, as for the levels COINr leaves out of ``noise_specs``). Draws are
    independent per weight and set. Returns an array of shape ``(n_draws, n_weights)``;
    the weights are not rescaled (aggregation divides by their sum).
    """
    w = np.asarray(nominal, dtype=np.float64)
    f = np.broadcast_to(np.asarray(noise, dtype=np.float64), w.shape)
    if w.ndim != 1:
        raise InputError("noisy_weights: nominal weights must be one vector")
    if np.any(f < 0) or np.any(f > 1):
        raise InputError("noisy_weights: the noise factor must lie in [0, 1]")
    u = np.random.default_rng(seed).uniform(-1.0, 1.0, size=(n_draws, w.size))
    return w * (1.0 + u * f)


def dirichlet_weights(
    nominal: Sequence[float] | np.ndarray,
    n_draws: int,
    concentration: float = 1.0,
    seed: Seed = None,
) -> np.ndarray:
    """Weight sets from a Dirichlet distribution centred on the nominal weights.

    With p = nominal / sum(nominal) and k weights, draws follow
    ``Dirichlet(alpha = concentration * k * p)`` and are scaled back to the nominal total,
    so that every set sums to ``sum(nominal)`` and their mean is the nominal vector. With
    equal nominal weights, ``concentration=1`` is the uniform distribution on the simplex;
    larger values concentrate the draws around the nominal weights (the variance of a
    share is p (1 - p) / (concentration * k + 1)). Zero nominal weights stay zero.
    Returns an array of shape ``(n_draws, n_weights)``.
    """
    w = np.asarray(nominal, dtype=np.float64)
    if w.ndim != 1 or np.any(w < 0) or not np.isfinite(w).all() or w.sum() <= 0:
        raise InputError("dirichlet_weights: nominal weights must be finite, >= 0, not all 0")
    if concentration <= 0:
        raise InputError(f"dirichlet_weights: concentration must be > 0, got {concentration}")
    total = w.sum()
    p = w / total
    alpha = concentration * w.size * p
    draws = np.zeros((n_draws, w.size))
    positive = alpha > 0
    # Dirichlet as normalised gammas (numpy's dirichlet rejects alpha = 0)
    gammas = np.random.default_rng(seed).standard_gamma(
        alpha[positive], size=(n_draws, positive.sum())
    )
    draws[:, positive] = gammas / gammas.sum(axis=1, keepdims=True)
    return draws * total


def arithmetic_scores(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted arithmetic means of every unit under every weight set, as matrix products.

    ``values`` is units x indicators, ``weights`` is sets x indicators; returns sets x
    units: ``score[s, u] = sum_i w[s, i] x[u, i] / sum_i w[s, i]`` over the indicators
    where ``x[u, i]`` is not NaN (COINr's ``a_amean`` with missing values skipped), i.e.
    ``(W @ X0.T) / (W @ M.T)`` with X0 = X with NaN as 0 and M its non-missing mask. A unit
    with no value, or no positive weight on its values, scores NaN.
    """
    x = np.asarray(values, dtype=np.float64)
    w = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    if x.shape[1] != w.shape[1]:
        raise InputError(
            f"arithmetic_scores: {x.shape[1]} indicators in the values, {w.shape[1]} weights"
        )
    missing = np.isnan(x)
    if not missing.any():
        return (w @ x.T) / w.sum(axis=1, keepdims=True)
    numerator = w @ np.where(missing, 0.0, x).T
    denominator = w @ (~missing).T.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.divide(numerator, denominator, out=numerator)
    scores[denominator == 0] = np.nan
    return scores


# --------------------------------------------------------------------------------------
# Ranks


def ranks_min(scores: np.ndarray) -> np.ndarray:
    """Rank every row of a runs x units score matrix: 1 = highest, ties take the lowest rank.

    Equals ``rankdata(-row, method="min")`` on the non-NaN entries of each row (R's
    ``rank(-score, ties.method = "min")``); a NaN score gets no rank (NaN) and is not
    counted. Ties are exact float equality. One ``argsort`` for the whole matrix: the
    rank at sorted position p is 1 + the first position holding the same score. A 1-D
    input is treated as one run. Returns float64 (NaN needs a float).
    """
    s = np.asarray(scores, dtype=np.float64)
    one_run = s.ndim == 1
    s = np.atleast_2d(s)
    n_runs, n_units = s.shape
    # ties get the first position of their run of equal values, so the sort need not be
    # stable; numpy's default introsort is the fastest (SIMD where available)
    order = np.argsort(-s, axis=1)  # NaN sorts last
    # flat indices into the matrix: cheaper than take_along_axis / put_along_axis
    flat = order + (np.arange(n_runs) * n_units)[:, None]
    sorted_scores = s.ravel()[flat]
    first = np.broadcast_to(np.arange(n_units), s.shape).copy()
    first[:, 1:][sorted_scores[:, 1:] == sorted_scores[:, :-1]] = 0  # 0 = same as before
    np.maximum.accumulate(first, axis=1, out=first)
    sorted_ranks = first.astype(np.float64)
    sorted_ranks += 1
    sorted_ranks[np.isnan(sorted_scores)] = np.nan
    ranks = np.empty(s.shape)
    ranks.ravel()[flat] = sorted_ranks
    return ranks[0] if one_run else ranks


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


def monte_carlo_ranks(
    values: np.ndarray,
    weights: np.ndarray,
    chunk: int = 1000,
    progress: bool = False,
) -> np.ndarray:
    """Ranks of every unit under every weight set: weights -> arithmetic scores -> ranks.

    ``values`` is units x indicators (already normalised), ``weights`` sets x indicators.
    Each chunk of ``chunk`` weight sets is one matrix product (:func:`arithmetic_scores`)
    and one argsort (:func:`ranks_min`), which bounds memory at about chunk x units
    floats. Returns a float32 array sets x units (ranks are exact integers in float32 up to
    2^24 units; NaN = no rank). ``progress`` shows a tqdm bar over the chunks.
    """
    w = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    x = np.asarray(values, dtype=np.float64)
    out = np.empty((w.shape[0], x.shape[0]), dtype=np.float32)
    starts = range(0, w.shape[0], max(int(chunk), 1))
    if progress:
        from tqdm.auto import tqdm

        starts = tqdm(starts, desc="weight sets", unit="chunk")
    for start in starts:
        stop = min(start + chunk, w.shape[0])
        out[start:stop] = ranks_min(arithmetic_scores(x, w[start:stop]))
    return out
