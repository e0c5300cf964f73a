"""Uncertainty and sensitivity analysis of an index's ranking (COINr-compatible).

:func:`run_sensitivity` (command line: ``qci sensitivity``) evaluates a design of runs,
each a variant of the nominal pipeline (:func:`analysis.index.build_index` with the spec),
and decomposes the variance of COINr's output, the mean absolute shift of the top
aggregate's ranks from the nominal ranks, into first order and total Sobol indices.

Uncertain factors
-----------------
A factor is one column of the design; each is a list of alternatives (a distribution of
weights is represented, as in COINr, by a list of weight sets drawn from it):

==========  ==========================================================================
kind        alternatives (design values, or a list in the spec)
==========  ==========================================================================
winmax      the Treat step's winsorisation limit (COINr's ``winmax``): 1, 2, ...
treat       a whole treat entry: ``coinr(3)``, ``none``, ``{method: winsorise, upper: 0.95}``
impute      an impute entry: ``group_mean(EurAsia_group)``, ``mean``, ``median``, ``none``
normalise   a normalise entry: ``n_minmax(1,100)``, ``n_zscore(10,2)``, ``rank``, or a mapping
aggregate   the aggregation at every level: ``a_amean``, ``a_gmean``, ``hmean``,
            ``gmean(shift=1)``, or a list with one method per level (bottom first)
weights     a weight set (one weight per framework code, replacing every level's): set ids
            of COINr's ``set,iCode,Level,Weight`` table, a list of ``{code: weight}``
            overrides, or draws ``{noise: 0.25 | {level: f}, sets: 100}`` (COINr's
            ``get_noisy_weights``) / ``{dirichlet: {concentration: 10}, sets: 100}``
exclude     codes whose weight is set to 0: ``none``, ``Goods``, ``Flights+Ship``. Every step
            before aggregation works column by column, so this equals removing them from
            the framework (weights renormalise over the children left)
==========  ==========================================================================

Method names are the pipeline's (:mod:`analysis.index` registries) or COINr's ``n_*`` /
``a_*`` / ``i_*`` aliases; ``name(a, b)`` fills parameters in signature order (COINr's
``n_minmax(l, u)``, ``n_zscore(m, s)``) and ``name(k=v)`` by name. Anything else is an
:class:`InputError` naming the design column, row and value.

In a spec (YAML), a ``sensitivity:`` section next to the steps (or the same section in a
file of its own, ``--factors``)::

    sensitivity:
      n: 256             # base rows N of a drawn design (--n overrides); N (d + 2) runs
      seed: 1            # design and bootstrap seed (--seed overrides)
      sampler: coinr     # coinr (uniforms cut into levels) or salib (Sobol' sequence)
      n_boot: 100        # bootstrap resamples for the Sobol intervals
      factors:           # name: {kind: alternatives}; names are the design columns
        Winmax:        {winmax: [1, 2, 3, 4, 5]}
        Normalisation: {normalise: ["n_minmax(1,100)", "n_zscore(10,2)"]}
        Weights:       {weights: {noise: {2: 0.25, 3: 0.25}, sets: 100}}
        Aggregation:   {aggregate: [a_amean, a_gmean]}

With ``--design``, the design's columns (all but ``rep``, ``run``, ``block``) are the
factors, in order: a column named like a spec factor takes its alternatives; otherwise its
kind comes from its name (the kinds above, or COINr's ``Winmax``, ``Normalisation``,
``Weights``, ``Aggregation``) and its alternatives from its values, weight-set numbers
referring to ``--weights-sets``. Factors not in a design keep the nominal pipeline's
setting. For Sobol indices the rows must be COINr's blocks ``[A; B; AB_1..AB_d]``
(:func:`check_design`).

A geometric (or harmonic) mean meeting a value <= 0 is an error naming the run and the
indicator (COINr silently returns NaN); ``gmean(shift=s)`` is the documented way round it:
``y = gmean(x + s) - s``.

The engine (:func:`_evaluate_runs`) shares work between runs: data imputed once per
imputation, treated once per (imputation, treatment), normalised once per (imputation,
treatment, normalisation); the runs sharing those and an aggregation are aggregated
together, level by level, as matrix products over an (R, children, parents) stack of
weight matrices, and ranked with one argsort.

The numerical core, independent of the pipeline:

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

import inspect
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import yaml

from analysis.errors import InputError, where
from analysis.files import read_csv

if TYPE_CHECKING:
    from analysis.framework import Framework

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


# --------------------------------------------------------------------------------------
# Uncertain factors: what a run varies
#
# A factor is one column of a design: a name, a kind (which part of the pipeline it
# varies) and its alternatives. Each alternative has a *label* (how it is written in a
# design and in runs.csv) and a *setting* (what the engine uses). Kinds:
#
#   winmax     the treat step's winsorisation limit (COINr's Treat(winmax)); setting: a treat entry
#   treat      a whole treat entry, e.g. coinr(winmax=3) or {method: winsorise, upper: 0.95}
#   impute     a whole impute entry, e.g. group_mean(EurAsia_group), mean, none
#   normalise  a whole normalise entry, e.g. n_minmax(1,100), n_zscore(10,2), {method: rank}
#   aggregate  the aggregation method(s), e.g. a_amean, a_gmean, gmean(shift=1), [amean, gmean]
#   weights    a weight set: one weight per framework code (replaces every level's weights)
#   exclude    codes whose weight is set to 0 ("none", or codes joined by "+")

FACTOR_KINDS = ("impute", "winmax", "treat", "normalise", "aggregate", "weights", "exclude")
_KIND_ALIASES = {
    "winmax": "winmax",
    "winsorisation": "winmax",
    "winsorization": "winmax",
    "treat": "treat",
    "treatment": "treat",
    "impute": "impute",
    "imputation": "impute",
    "normalise": "normalise",
    "normalize": "normalise",
    "normalisation": "normalise",
    "normalization": "normalise",
    "aggregate": "aggregate",
    "aggregation": "aggregate",
    "weights": "weights",
    "weight": "weights",
    "exclude": "exclude",
    "exclusion": "exclude",
}
DESIGN_IGNORED_COLUMNS = ("rep", "run", "block")
VECTOR_AGGREGATIONS = ("amean", "gmean", "hmean")
NO_EXCLUSION = "none"
_CALL = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(?:\((.*)\))?\s*$", re.DOTALL)


@dataclass(frozen=True, eq=False)
class Factor:
    """One uncertain factor: ``name`` (its design column), ``kind`` and its alternatives.

    ``labels[k]`` is how alternative k is written in a design and in runs.csv;
    ``settings[k]`` is what the engine uses: a step entry (``{"method": ..., **params}``)
    for impute / winmax / treat / normalise / aggregate, a weight vector in
    ``framework.codes`` order for weights, a frozenset of codes for exclude.
    """

    name: str
    kind: str
    labels: tuple[Any, ...]
    settings: tuple[Any, ...]

    def describe(self) -> dict[str, Any]:
        """The factor as plain data for spec.yaml: kind and labels."""
        if self.kind == "weights":
            return {"kind": self.kind, "sets": len(self.labels), "table": "weight_sets.csv"}
        return {"kind": self.kind, "alternatives": [_plain(label) for label in self.labels]}


def _plain(value: Any) -> Any:
    """A YAML-safe scalar (NumPy numbers become Python numbers)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def _coerce(raw: str) -> Any:
    """``'1'`` → 1, ``'0.5'`` → 0.5, ``'true'`` → True, ``'"a"'`` → 'a', else the text."""
    text = raw.strip().strip("'\"")
    if text.lower() in {"true", "false"}:
        return text.lower() == "true"
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def _positional(step: str, method: str) -> list[str]:
    """Parameter names that positional arguments of ``method(a, b)`` fill, in order.

    COINr's conventions: ``n_minmax(l, u)``, ``n_zscore(m, s)``, ``group_mean(group)``;
    generally the spec-settable parameters of the step function in signature order.
    """
    from analysis import impute
    from analysis.index import ALIASES, REGISTRIES

    key = ALIASES.get(step, {}).get(method, method)
    if step == "impute" and key in impute.GROUPED:
        return ["group"]
    fn = REGISTRIES[step].get(key)
    if fn is None:
        return []
    supplied = {"x", "d", "direction", "groups", "stack", "g"}
    return [
        name
        for name, par in inspect.signature(fn).parameters.items()
        if name not in supplied and par.kind not in (par.VAR_POSITIONAL, par.VAR_KEYWORD)
    ]


def parse_call(step: str, text: str) -> dict[str, Any]:
    """A step entry from COINr-style text: ``"n_minmax(1,100)"`` → ``{method: n_minmax, l: 1, u: 100}``.

    Arguments are positional (in the order of :func:`_positional`) or ``name=value``;
    ``"a_gmean"`` without parentheses is just the method. Raises :class:`InputError`
    for text that is not ``name`` or ``name(args)``.
    """
    match = _CALL.match(str(text))
    if not match:
        raise InputError(f"{text!r} is not a method name or a call such as name(1, 100)")
    method, args = match.group(1), match.group(2)
    from analysis.index import ALIASES, REGISTRIES

    if ALIASES.get(step, {}).get(method, method) not in REGISTRIES[step]:
        aliases = sorted(ALIASES.get(step, {}))
        raise InputError(
            f"unknown {step} method {method!r}; choose from {sorted(REGISTRIES[step])}"
            + (f" or COINr's {', '.join(aliases)}" if aliases else "")
        )
    entry: dict[str, Any] = {"method": method}
    if args is None or not args.strip():
        return entry
    names = _positional(step, method)
    for i, arg in enumerate(a for a in args.split(",")):
        key, sep, value = arg.partition("=")
        if sep:
            entry[key.strip()] = _coerce(value)
        elif i < len(names):
            entry[names[i]] = _coerce(arg)
        else:
            raise InputError(
                f"{text!r}: {method} takes at most {len(names)} positional argument(s) "
                f"({', '.join(names) or 'none'})"
            )
    return entry


def _resolve_entry(step: str, entry: Any) -> dict[str, Any]:
    """Validate one step entry with the pipeline's own rules and fill its defaults."""
    from analysis.index import resolve_spec

    if isinstance(entry, str):
        entry = parse_call(step, entry)
    resolved = resolve_spec({step: entry}, source="alternative")
    return resolved[step]


def _entry_label(entry: Any) -> Any:
    """The label of a spec-given alternative: text as given, a mapping as ``method(k=v, ...)``."""
    if isinstance(entry, str | int | float):
        return entry
    if isinstance(entry, list):
        return "[" + ", ".join(str(e) for e in entry) + "]"
    params = ", ".join(f"{k}={v}" for k, v in entry.items() if k != "method")
    method = entry.get("method")
    method = "[" + ", ".join(method) + "]" if isinstance(method, list) else method
    return f"{method}({params})" if params else str(method)


def _step_setting(kind: str, value: Any, base: Mapping[str, Any], fw: Framework) -> dict[str, Any]:
    """The setting of one alternative of a pipeline-step factor (validated, defaults filled)."""
    if kind == "winmax":
        try:
            winmax = float(value)
        except (TypeError, ValueError):
            raise InputError(f"{value!r} is not a winsorisation limit (a whole number)") from None
        if not (winmax.is_integer() and winmax >= 0):
            raise InputError(f"{value!r} is not a winsorisation limit (a whole number >= 0)")
        treat = base.get("treat") or {"method": "coinr"}
        if treat["method"] != "coinr":
            raise InputError(
                f"winmax varies COINr's treatment, but the spec treats with {treat['method']!r}"
            )
        return _resolve_entry("treat", {**treat, "winmax": int(winmax)})
    if kind == "impute":
        entry = parse_call("impute", value) if isinstance(value, str) else dict(value)
        from analysis import impute

        key = _resolve_entry("impute", {"method": entry["method"], "group": "_"})["method"]
        if key in impute.GROUPED and "group" not in entry:
            base_group = (base.get("impute") or {}).get("group")
            if base_group is None:
                raise InputError(f"{value!r} needs a group column, e.g. {key}(EurAsia_group)")
            entry["group"] = base_group
        return _resolve_entry("impute", entry)
    step = "normalise" if kind == "normalise" else kind
    setting = _resolve_entry(step, value)
    if kind == "aggregate":
        methods = setting["method"] if isinstance(setting["method"], list) else [setting["method"]]
        slow = [m for m in methods if m not in VECTOR_AGGREGATIONS]
        if slow:
            raise InputError(
                f"{value!r}: aggregation {slow[0]!r} is not evaluated over many weight sets at "
                f"once; the sensitivity engine takes {', '.join(VECTOR_AGGREGATIONS)}"
            )
        if len(methods) > 1 and len(methods) != fw.n_levels - 1:
            raise InputError(
                f"{value!r}: {len(methods)} methods for {fw.n_levels - 1} aggregation levels"
            )
        if setting.get("shift") and any(m == "amean" for m in methods):
            raise InputError(f"{value!r}: a shift applies to gmean and hmean, not amean")
    return setting


def _exclude_setting(value: Any, fw: Framework) -> frozenset[str]:
    """Codes an exclusion alternative drops: ``none`` / empty → nothing; ``A+B`` → {A, B}."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return frozenset()
    items = value if isinstance(value, list | tuple) else re.split(r"[+;,\s]+", str(value))
    codes = frozenset(str(c) for c in items if str(c) and str(c).lower() != NO_EXCLUSION)
    unknown = sorted(codes - set(fw.codes[:-1]))
    if unknown:
        raise InputError(
            f"{value!r}: {', '.join(map(repr, unknown))} is not an indicator or aggregate below "
            f"the top of framework {fw.name!r}"
        )
    return codes


def _setting(kind: str, value: Any, base: Mapping[str, Any], fw: Framework) -> Any:
    if kind == "exclude":
        return _exclude_setting(value, fw)
    return _step_setting(kind, value, base, fw)


def _kind_of(name: str, source: str) -> str:
    kind = _KIND_ALIASES.get(str(name).strip().lower())
    if kind is None:
        raise InputError(
            f"{source}, column {name!r}: not a known factor; name a column after its kind "
            f"({', '.join(FACTOR_KINDS)}, or COINr's Winmax, Normalisation, Weights, "
            "Aggregation) or define it in the spec's 'sensitivity: factors:'"
        )
    return kind


# --------------------------------------------------------------------------------------
# Weight sets


WEIGHT_SET_COLUMNS = ("set", "iCode", "Level", "Weight")


def read_weight_sets(
    sets: pd.DataFrame | str | os.PathLike[str], fw: Framework, source: str | None = None
) -> tuple[list[Any], np.ndarray]:
    """Weight sets from COINr's long table ``set, iCode, Level, Weight``.

    Returns the set labels (in order of first appearance) and an (S, n_codes) array of
    weights in ``fw.codes`` order. Every set must give a weight to every code of the
    framework (indicators and aggregates) except the top node, whose weight is never used
    (the framework's is kept when absent). Errors (:class:`InputError`, naming the file,
    row and column): a missing column, an unknown code, a ``Level`` that disagrees with
    the framework, a weight that is not a number >= 0, a code given twice in one set, a set
    that does not cover the framework.
    """
    if not isinstance(sets, pd.DataFrame):
        source = source or str(sets)
        sets = read_csv(
            sets,
            required=("set", "iCode", "Weight"),
            what="weight sets CSV",
            keep_default_na=False,
            na_values=["", "NA"],
        )
    source = source or "weight sets"
    missing = [c for c in ("set", "iCode", "Weight") if c not in sets.columns]
    if missing:
        raise InputError(f"{source}: missing column(s) {missing}; found {list(sets.columns)}")
    codes = sets["iCode"].astype(str).to_numpy(dtype=object)
    columns = pd.Index(fw.codes).get_indexer(codes)
    unknown = np.flatnonzero(columns < 0)
    if unknown.size:
        row = int(unknown[0])
        raise InputError(
            f"{where(source, row + 1, 'iCode')}{codes[row]!r} is not a code of framework {fw.name!r}"
        )
    weight = pd.to_numeric(sets["Weight"], errors="coerce").to_numpy(np.float64)
    bad = np.flatnonzero(~(np.isfinite(weight) & (weight >= 0)))
    if bad.size:
        row = int(bad[0])
        raise InputError(
            f"{where(source, row + 1, 'Weight')}{sets['Weight'].iloc[row]!r} is not a weight "
            "(a number >= 0)"
        )
    if "Level" in sets.columns:
        level = pd.to_numeric(sets["Level"], errors="coerce").to_numpy(np.float64)
        expected = fw.table["level"].to_numpy(np.float64)[columns]
        wrong = np.flatnonzero(level != expected)
        if wrong.size:
            row = int(wrong[0])
            raise InputError(
                f"{where(source, row + 1, 'Level')}{codes[row]!r} is at level "
                f"{int(expected[row])} of the framework, not {sets['Level'].iloc[row]!r}"
            )
    keys = sets["set"].astype(str).to_numpy(dtype=object)
    set_keys, rows = _first_seen(keys)
    cell = rows * len(fw.codes) + columns
    _, first = np.unique(cell, return_index=True)
    if first.size < cell.size:
        seen = np.zeros(cell.size, dtype=bool)
        seen[first] = True
        row = int(np.flatnonzero(~seen)[0])
        raise InputError(
            f"{where(source, row + 1, 'iCode')}{codes[row]!r} appears twice in set {keys[row]!r}"
        )
    labels_raw = sets["set"].to_numpy(dtype=object)[_first_seen(keys, positions=True)]
    matrix = np.full((len(set_keys), len(fw.codes)), np.nan)
    matrix[:, len(fw.codes) - 1] = fw.weights[fw.top]  # the top node is the last code
    matrix[rows, columns] = weight
    holes = np.argwhere(np.isnan(matrix))
    if holes.size:
        s = int(holes[0, 0])
        missed = [fw.codes[j] for j in np.flatnonzero(np.isnan(matrix[s]))]
        shown = ", ".join(map(repr, missed[:8])) + (" ..." if len(missed) > 8 else "")
        raise InputError(
            f"{source}: weight set {set_keys[s]!r} does not cover framework {fw.name!r}: no "
            f"weight for {len(missed)} code(s) {shown}; a set needs every indicator and aggregate"
        )
    return [_plain(v) for v in labels_raw], matrix


def _first_seen(keys: np.ndarray, positions: bool = False) -> Any:
    """Distinct keys in order of first appearance and each key's number (or, with
    ``positions``, the position of each distinct key's first appearance)."""
    distinct, first, inverse = np.unique(keys.astype(str), return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    if positions:
        return first[order]
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return distinct[order].tolist(), rank[inverse.ravel()]


def weight_sets_table(labels: Sequence[Any], matrix: np.ndarray, fw: Framework) -> pd.DataFrame:
    """The long ``set, iCode, Level, Weight`` table of weight sets (as COINr writes them)."""
    n_sets, n_codes = matrix.shape
    return pd.DataFrame(
        {
            "set": np.repeat(np.asarray(labels, dtype=object), n_codes),
            "iCode": np.tile(np.asarray(fw.codes, dtype=object), n_sets),
            "Level": np.tile([fw.level_of[c] for c in fw.codes], n_sets),
            "Weight": matrix.ravel(),
        }
    )


def draw_weight_sets(
    fw: Framework, nominal: np.ndarray, spec: Mapping[str, Any], seed: Seed = None
) -> np.ndarray:
    """Weight sets drawn around the nominal weights, as a spec's ``weights:`` factor asks.

    ``spec`` has ``sets`` (how many, default 100) and one of

    - ``noise``: COINr's ``get_noisy_weights()``: each weight times (1 + u), u ~ U[-f, f];
      f is one number for every level below the top, or a mapping level → f (COINr's
      ASEM example: ``{2: 0.25, 3: 0.25}``); levels not named keep their weights.
    - ``dirichlet``: the weights of each group of siblings drawn from a Dirichlet
      distribution centred on their nominal shares (:func:`dirichlet_weights`), with
      ``concentration`` (default 10) and ``levels`` (default every level below the top).

    Returns an (sets, n_codes) array in ``fw.codes`` order.
    """
    n_sets = int(spec.get("sets", 100))
    if n_sets < 1:
        raise InputError(f"weights: sets must be >= 1, got {n_sets}")
    levels = np.array([fw.level_of[c] for c in fw.codes])
    below_top = list(range(1, fw.n_levels))
    rng = np.random.default_rng(seed)
    if "noise" in spec:
        noise = spec["noise"]
        per_level = (
            {int(k): float(v) for k, v in noise.items()}
            if isinstance(noise, Mapping)
            else dict.fromkeys(below_top, float(noise))
        )
        f = np.array([per_level.get(int(lv), 0.0) for lv in levels])
        return noisy_weights(nominal, n_sets, noise=f, seed=rng)
    if "dirichlet" in spec:
        options = spec["dirichlet"] if isinstance(spec["dirichlet"], Mapping) else {}
        concentration = float(
            options.get("concentration", spec["dirichlet"] if not options else 10.0)
        )
        wanted = [int(v) for v in options.get("levels", below_top)]
        out = np.broadcast_to(nominal, (n_sets, nominal.size)).copy()
        for parent in fw.aggregates:
            kids = [fw.codes.index(c) for c in fw.children(parent)]
            if fw.level_of[parent] - 1 in wanted and len(kids) > 1:
                out[:, kids] = dirichlet_weights(nominal[kids], n_sets, concentration, seed=rng)
        return out
    raise InputError("weights factor: give 'noise', 'dirichlet', 'file' or a list of weight sets")


# --------------------------------------------------------------------------------------
# Specs with a sensitivity section


def load_sensitivity_spec(
    spec: str | os.PathLike[str] | Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a spec into the pipeline spec (validated) and its ``sensitivity:`` section.

    ``spec`` is a mapping, a YAML file or a built-in spec name, as for
    :func:`analysis.index.load_spec`; the pipeline never sees the ``sensitivity`` key.
    """
    from analysis.config import SPECS_DIR
    from analysis.index import load_spec

    if isinstance(spec, Mapping):
        doc = dict(spec)
    else:
        path = Path(spec)
        if not (path.suffix.lower() in {".yaml", ".yml"} and path.exists()):
            path = SPECS_DIR / f"{spec}.yaml"
        if not path.exists():
            return load_spec(spec), {}  # load_spec names the choices
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except yaml.YAMLError as exc:
            raise InputError(f"{path}: not valid YAML: {exc}".splitlines()[0]) from exc
        if not isinstance(doc, Mapping):
            raise InputError(f"{path}: a spec is a mapping of steps")
        doc = dict(doc)
    section = doc.pop("sensitivity", None) or {}
    if not isinstance(section, Mapping):
        raise InputError("spec: 'sensitivity' must be a mapping (factors, n, seed, ...)")
    return load_spec(doc), dict(section)


SENSITIVITY_KEYS = ("factors", "n", "seed", "sampler", "n_boot")


def load_factors_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A separate factors spec: YAML with a ``sensitivity:`` section, or the section itself."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such factors file")
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"{p}: not valid YAML: {exc}".splitlines()[0]) from exc
    if isinstance(doc, Mapping) and "sensitivity" in doc:
        doc = doc["sensitivity"]
    if not isinstance(doc, Mapping):
        raise InputError(f"{p}: expected a mapping with 'factors'")
    return dict(doc)


def factors_from_spec(
    section: Mapping[str, Any],
    fw: Framework,
    base: Mapping[str, Any],
    nominal_weights: np.ndarray,
    weight_sets: tuple[list[Any], np.ndarray] | None = None,
    seed: Seed = None,
) -> list[Factor]:
    """The factors of a spec's ``sensitivity:`` section, in order (see the module docs).

    ``factors`` maps each factor's name to ``{kind: alternatives}``, e.g.
    ``Winmax: {winmax: [1, 2, 3, 4, 5]}`` or ``Weights: {weights: {noise: 0.25, sets: 100}}``.
    A weights factor is a list of weight-override mappings, ``{file: SETS.csv}``,
    ``{noise: ...}`` / ``{dirichlet: ...}`` draws (:func:`draw_weight_sets`, seeded by the
    factor's own ``seed`` or else ``seed``; the drawn sets are written to weight_sets.csv),
    or ``{}`` for the sets of the ``--weights-sets`` file.
    """
    unknown = sorted(set(section) - set(SENSITIVITY_KEYS))
    if unknown:
        raise InputError(
            f"spec: sensitivity: unknown key(s) {unknown}; it takes {list(SENSITIVITY_KEYS)}"
        )
    entries = section.get("factors") or {}
    if not isinstance(entries, Mapping):
        raise InputError("spec: sensitivity: 'factors' maps factor names to {kind: alternatives}")
    factors = []
    for name, body in entries.items():
        where_ = f"spec: sensitivity: factor {name!r}"
        if not (isinstance(body, Mapping) and len(body) == 1):
            raise InputError(f"{where_}: expected one {{kind: alternatives}}, kinds {FACTOR_KINDS}")
        ((kind_raw, alternatives),) = body.items()
        kind = _KIND_ALIASES.get(str(kind_raw).lower())
        if kind is None:
            raise InputError(f"{where_}: unknown kind {kind_raw!r}; choose from {FACTOR_KINDS}")
        if kind == "weights":
            labels, matrix = _weights_alternatives(
                alternatives, fw, nominal_weights, weight_sets, seed, where_
            )
            factors.append(Factor(str(name), kind, tuple(labels), tuple(matrix)))
            continue
        if not isinstance(alternatives, list) or not alternatives:
            raise InputError(f"{where_}: {kind} alternatives must be a non-empty list")
        settings = []
        for value in alternatives:
            try:
                settings.append(_setting(kind, value, base, fw))
            except InputError as err:
                raise InputError(f"{where_}: {err}") from None
        labels = [
            _entry_label(v) if kind != "exclude" else _exclusion_label(v) for v in alternatives
        ]
        factors.append(Factor(str(name), kind, tuple(labels), tuple(settings)))
    kinds = [f.kind for f in factors]
    _check_kinds(kinds, [f.name for f in factors], "spec: sensitivity")
    return factors


def _exclusion_label(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "+".join(map(str, value)) or NO_EXCLUSION
    return str(value) if value not in (None, "") else NO_EXCLUSION


def _check_kinds(kinds: Sequence[str], names: Sequence[str], source: str) -> None:
    """At most one factor per kind, and winmax and treat (both the treat step) not together."""
    stages = ["treat" if k == "winmax" else k for k in kinds]
    for stage in set(stages):
        twins = [n for n, s in zip(names, stages, strict=True) if s == stage]
        if len(twins) > 1:
            raise InputError(
                f"{source}: factors {', '.join(map(repr, twins))} both vary the {stage} step; "
                "merge them into one factor"
            )


def _weights_alternatives(
    spec: Any,
    fw: Framework,
    nominal: np.ndarray,
    given: tuple[list[Any], np.ndarray] | None,
    seed: Seed,
    source: str,
) -> tuple[list[Any], np.ndarray]:
    from analysis.aggregate import weight_vector

    if isinstance(spec, list):
        if not spec:
            raise InputError(f"{source}: an empty list of weight sets")
        try:
            matrix = np.stack([weight_vector(fw, dict(w)) for w in spec])
        except (InputError, TypeError, ValueError) as err:
            raise InputError(f"{source}: {err}") from None
        return list(range(1, len(spec) + 1)), matrix
    spec = dict(spec or {})
    if "file" in spec:
        return read_weight_sets(spec["file"], fw)
    if "noise" in spec or "dirichlet" in spec:
        matrix = draw_weight_sets(fw, nominal, spec, seed=spec.get("seed", seed))
        return list(range(1, len(matrix) + 1)), matrix
    if given is not None:
        return given
    raise InputError(
        f"{source}: give weight sets: a list, {{file: SETS.csv}}, {{noise: ...}}, "
        "{dirichlet: ...}, or --weights-sets"
    )


def factors_for_design(
    design: pd.DataFrame,
    declared: Sequence[Factor],
    fw: Framework,
    base: Mapping[str, Any],
    weight_sets: tuple[list[Any], np.ndarray] | None,
    source: str = "design",
) -> tuple[list[Factor], np.ndarray]:
    """The factors of a given design and each run's alternative of each factor.

    Factor columns are every column but ``rep``, ``run`` and ``block``, in order. A column
    named like a factor of the spec takes that factor's alternatives (a value not among
    them is parsed as a new alternative, except weight sets); otherwise its kind comes from
    its name (:data:`FACTOR_KINDS`, or COINr's ``Winmax``, ``Normalisation``, ``Weights``,
    ``Aggregation``) and its alternatives from its values. Weight-set values name sets of
    ``weight_sets`` (``--weights-sets``) or of the spec's weights factor.

    Returns the factors (in column order) and an (runs, factors) int array of alternative
    indices. Errors name the column, the first row (1-based, as in the file) and the value.
    """
    by_name = {f.name: f for f in declared}
    columns = [c for c in design.columns if str(c).strip().lower() not in DESIGN_IGNORED_COLUMNS]
    if not columns or len(design) == 0:
        raise InputError(f"{source}: no runs or no factor columns")
    factors: list[Factor] = []
    codes = np.empty((len(design), len(columns)), dtype=np.int64)
    for j, column in enumerate(columns):
        declared_factor = by_name.get(str(column))
        kind = declared_factor.kind if declared_factor else _kind_of(column, source)
        values = design[column]
        if values.isna().any() and kind != "exclude":
            row = int(np.flatnonzero(values.isna().to_numpy())[0])
            raise InputError(f"{where(source, row + 1, column)}empty value")
        if declared_factor is not None:
            labels, settings = list(declared_factor.labels), list(declared_factor.settings)
        elif kind == "weights":
            if weight_sets is None:
                raise InputError(
                    f"{source}, column {column!r}: names weight sets; pass them "
                    "(--weights-sets SETS.csv, or a weights factor in the spec)"
                )
            labels, settings = list(weight_sets[0]), list(weight_sets[1])
        else:
            labels, settings = [], []
        inverse, distinct_values = pd.factorize(values, use_na_sentinel=False)
        distinct = [str(_plain(v)).strip() for v in distinct_values]
        label_keys = [str(lab).strip() for lab in labels]
        mapping = np.empty(len(distinct), dtype=np.int64)
        for k, key in enumerate(distinct):
            if key in label_keys:
                mapping[k] = label_keys.index(key)
                continue
            row = int(np.flatnonzero(inverse == k)[0])
            value = _plain(values.iloc[row])
            if kind == "weights":
                raise InputError(
                    f"{where(source, row + 1, column)}weight set {value!r} is not among the "
                    f"{len(labels)} sets given ({_preview(labels)})"
                )
            try:
                setting = _setting(kind, value, base, fw)
            except InputError as err:
                raise InputError(
                    f"{where(source, row + 1, column)}{_kind_word(kind)} {err}"
                ) from None
            labels.append(value)
            label_keys.append(key)
            settings.append(setting)
            mapping[k] = len(labels) - 1
        codes[:, j] = mapping[inverse]
        factors.append(Factor(str(column), kind, tuple(labels), tuple(settings)))
    _check_kinds([f.kind for f in factors], [f.name for f in factors], source)
    return factors, codes


def _kind_word(kind: str) -> str:
    return {
        "winmax": "winsorisation limit",
        "treat": "treatment",
        "impute": "imputation",
        "normalise": "normalisation",
        "aggregate": "aggregation",
        "exclude": "exclusion",
    }[kind]


def _preview(labels: Sequence[Any]) -> str:
    shown = ", ".join(map(str, labels[:5]))
    return shown + (", ..." if len(labels) > 5 else "")


# --------------------------------------------------------------------------------------
# The engine: evaluate every run of a design, sharing work between runs


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """Everything a sensitivity analysis produced.

    Attributes
    ----------
    runs : one row per run: ``run``, ``block`` (``A``, ``B``, ``AB_i``; empty for a design
        without that structure), one column per factor (its label), ``y`` (the mean absolute
        shift of the top aggregate's ranks from the nominal ranks), then one column per unit
        holding its rank in that run
    ranks : per unit: ``unit, nominal, median, q05, q95`` of its rank over the runs
    sobol : ``factor, Si, STi, Si_q05, Si_q95, STi_q05, STi_q95`` (None without a
        Saltelli-structured design)
    design : the design as run: ``run``, ``block`` and the factor columns
    factors : the factors, in design column order
    spec : the pipeline spec as run, with a ``sensitivity`` section recording the factors
    nominal : the nominal build's scores and ranks of the top aggregate, index ``uCode``
    weight_sets : the long ``set, iCode, Level, Weight`` table of the weights factor, or None
    """

    runs: pd.DataFrame
    ranks: pd.DataFrame
    sobol: pd.DataFrame | None
    design: pd.DataFrame
    factors: list[Factor]
    spec: dict[str, Any]
    nominal: pd.DataFrame
    weight_sets: pd.DataFrame | None

    @property
    def y(self) -> np.ndarray:
        """The output of every run (mean absolute rank shift)."""
        return self.runs["y"].to_numpy(np.float64)


@dataclass(frozen=True, eq=False)
class _Context:
    """What every run shares: the framework, the base spec and the pre-treatment data."""

    data: pd.DataFrame
    fw: Framework
    spec: dict[str, Any]
    units: list[str]
    pretreat: np.ndarray  # (n, p): the base pipeline's data just before Treat
    weights: np.ndarray  # (n_codes,): the base weights
    source: str | None


def _pretreat(result: Any) -> tuple[np.ndarray, list[str]]:
    """The last dataset before Treat of an :class:`~analysis.index.IndexResult`, and its units."""
    for name in ("Screened", "Imputed", "Denominated", "Raw"):
        if name in result.arrays:
            return result.arrays[name], result.units[name]
    raise InputError("index build: no dataset before Treat")  # unreachable: Raw always exists


def _imputed_data(ctx: _Context, entry: Mapping[str, Any], label: Any) -> np.ndarray:
    """The pre-treatment data with another imputation (denominate → impute → screen rerun)."""
    from analysis.index import build_index

    spec = {k: v for k, v in ctx.spec.items() if k not in ("treat", "normalise", "weights")}
    spec["impute"] = dict(entry)
    spec["aggregate"] = {"method": "amean"}
    x, units = _pretreat(build_index(ctx.data, ctx.fw, spec, source=ctx.source))
    if units != ctx.units:
        raise InputError(
            f"imputation {label!r}: the screen step keeps other units than the nominal build "
            f"({len(units)} vs {len(ctx.units)}); ranks would not compare"
        )
    return x


def _treated(x: np.ndarray, entry: Mapping[str, Any] | None, label: Any) -> np.ndarray:
    from analysis import treat

    if entry is None or entry["method"] == "none":
        return x
    params = {k: v for k, v in entry.items() if k != "method"}
    try:
        return treat.METHODS[entry["method"]](x, **params).x
    except (ValueError, TypeError) as err:
        raise InputError(f"treatment {label!r}: {err}") from None


def _normalised(
    x: np.ndarray, entry: Mapping[str, Any] | None, fw: Framework, label: Any
) -> np.ndarray:
    from analysis import normalise

    if entry is None or entry["method"] == "none":
        return x
    params = {k: v for k, v in entry.items() if k != "method"}
    if entry["method"] == "dist2targ" and params.get("target") is None:
        params["target"] = fw.table["target"].to_numpy(np.float64)[: len(fw.indicators)]
    for key in ("lower", "upper", "target"):
        if isinstance(params.get(key), Mapping):
            params[key] = np.array([float(params[key][c]) for c in fw.indicators])
    try:
        return normalise.normalise(x, fw.direction, entry["method"], **params)
    except InputError as err:
        col = getattr(err, "column", None)
        detail = getattr(err, "detail", str(err))
        at = f"indicator {fw.indicators[col]!r}: " if col is not None else ""
        raise InputError(f"normalisation {label!r}: {at}{detail}") from None
    except (ValueError, TypeError) as err:
        raise InputError(f"normalisation {label!r}: {err}") from None


def _aggregate_runs(
    x: np.ndarray,
    fw: Framework,
    entry: Mapping[str, Any],
    weights: np.ndarray,
    context: str,
    units: Sequence[str],
) -> np.ndarray:
    """Top-aggregate scores of R runs sharing the normalised data ``x`` (n, p).

    ``weights`` is (R, n_codes). Level by level, every run at once: with the weight matrix
    G_r (children × parents) of run r, ``amean`` is ``(x @ G_r) / (present @ G_r)`` and
    ``gmean`` ``exp((ln x @ G_r) / (present @ G_r))`` (:func:`analysis.aggregate.aggregate_tree`
    on an (R, c, m) stack of G), so weights are normalised over the children present.
    A geometric (or harmonic) mean meeting a value <= 0 with a positive weight is an
    :class:`InputError` naming the run, indicator and unit (COINr returns NaN there)
    unless the aggregation has a ``shift`` > 0 (y = f(x + shift) - shift).
    Returns (R, n).
    """
    from analysis import aggregate

    methods = entry["method"]
    first = methods[0] if isinstance(methods, list) else methods
    params = {k: v for k, v in entry.items() if k != "method"}
    shift = float(params.get("shift") or 0.0)
    if first in ("gmean", "hmean") and not shift > 0:
        with np.errstate(invalid="ignore"):
            bad_cols = np.flatnonzero((x <= 0).any(axis=0))
        if bad_cols.size:
            used = weights[:, bad_cols] > 0  # (R, bad)
            if not used.any():  # only excluded (weight 0) columns: leave them out as missing
                x = np.where(x <= 0, np.nan, x)
            else:
                r, k = np.argwhere(used)[0]
                col = int(bad_cols[k])
                unit = int(np.flatnonzero(x[:, col] <= 0)[0])
                raise _RunError(
                    int(r),
                    f"{context}: the {'geometric' if first == 'gmean' else 'harmonic'} mean "
                    f"meets {x[unit, col]:g} (indicator {fw.indicators[col]!r}, unit "
                    f"{units[unit]!r}); it needs values > 0 (COINr returns NaN). Normalise "
                    "to a range above 0, e.g. n_minmax(1,100), or give the aggregation a "
                    "shift, e.g. gmean(shift=1)",
                )
    if shift == 0.0:
        params.pop("shift", None)
    levels = _level_matrices(fw, weights)
    try:
        scores = aggregate.aggregate_tree(x, fw, methods, levels=levels, **params)
    except InputError as err:
        raise _RunError(-1, f"{context}: {err}") from None
    return scores[..., -1]


def _level_matrices(fw: Framework, weights: np.ndarray) -> list[Any]:
    """:func:`analysis.aggregate.level_matrices` for an (R, n_codes) stack of weight sets.

    The same matrices (G[r, k, j] = weight of child k in run r if k belongs to parent j),
    built with the framework's index arrays computed once
    (:func:`analysis.aggregate.level_structure`), without re-validating every weight set.
    """
    from analysis.aggregate import Level, level_structure

    out = []
    for level, children, parents, rows, cols in level_structure(fw):
        g = np.zeros((weights.shape[0], rows.size, len(parents)))
        g[:, np.arange(rows.size), cols] = weights[:, rows]
        out.append(Level(level=level, children=children, parents=parents, matrix=g))
    return out


class _RunError(Exception):
    """An error in a group of runs: ``index`` is the run's position within the group
    (-1: the group as a whole)."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


def _chunk_size(n_units: int, width: int, budget: int = 8_000_000) -> int:
    """Runs per chunk so that an (R, n, width) float array stays near ``budget`` elements."""
    return max(1, budget // max(1, n_units * width))


def _evaluate_runs(
    ctx: _Context,
    factors: Sequence[Factor],
    codes: np.ndarray,
    progress: bool | None = None,
) -> np.ndarray:
    """Ranks of the top aggregate in every run: an (R, n) float32 array (NaN = no rank).

    Runs that share factor levels share work: the data is imputed once per imputation,
    treated once per distinct (imputation, treatment), normalised once per distinct
    (imputation, treatment, normalisation); the runs that share those and the aggregation
    method are aggregated together, their weights (weight set x exclusion mask) stacked as
    one (R, n_codes) array, level by level as matrix products (:func:`_aggregate_runs`),
    in chunks that bound memory, and ranked with one argsort (:func:`ranks_min`).
    There is no Python loop over units, draws or runs. ``progress`` shows a tqdm bar over
    the chunks (None: only for 10,000 runs or more).
    """
    n_runs = codes.shape[0]
    column = {f.kind: j for j, f in enumerate(factors)}

    def pick(kind: str) -> np.ndarray:
        return codes[:, column[kind]] if kind in column else np.full(n_runs, -1)

    treat_kind = "winmax" if "winmax" in column else "treat"
    stage = np.column_stack(
        [pick("impute"), pick(treat_kind), pick("normalise"), pick("aggregate")]
    )
    weights = np.broadcast_to(ctx.weights, (n_runs, ctx.weights.size))
    if "weights" in column:
        sets = np.stack(factors[column["weights"]].settings)
        weights = sets[codes[:, column["weights"]]]
    if "exclude" in column:
        factor = factors[column["exclude"]]
        index = {c: i for i, c in enumerate(ctx.fw.codes)}
        masks = np.ones((len(factor.settings), len(ctx.fw.codes)))
        for k, dropped in enumerate(factor.settings):
            masks[k, [index[c] for c in dropped]] = 0.0
        weights = weights * masks[codes[:, column["exclude"]]]

    def setting(kind: str, k: int) -> tuple[Any, Any]:
        if k < 0:
            base = {"winmax": "treat"}.get(kind, kind)
            return ctx.spec.get(base), "nominal"
        f = factors[column[kind]]
        return f.settings[k], f.labels[k]

    groups, inverse = np.unique(stage, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(groups.shape[0] + 1))
    width = max(len(ctx.fw.indicators), len(ctx.fw.aggregates))
    step = _chunk_size(len(ctx.units), width)
    chunks = [
        (g, order[s : min(s + step, bounds[g + 1])])
        for g in range(groups.shape[0])
        for s in range(bounds[g], bounds[g + 1], step)
    ]
    if progress is None:
        progress = n_runs >= 10_000
    if progress:
        from tqdm.auto import tqdm

        chunks = tqdm(chunks, desc="sensitivity runs", unit="chunk", disable=None)

    imputed: dict[int, np.ndarray] = {}
    treated: dict[tuple[int, int], np.ndarray] = {}
    normalised: dict[tuple[int, int, int], np.ndarray] = {}
    ranks = np.empty((n_runs, len(ctx.units)), dtype=np.float32)
    for g, rows in chunks:
        i_imp, i_treat, i_norm, i_agg = (int(v) for v in groups[g])
        key = (i_imp, i_treat, i_norm)
        if key not in normalised:
            if i_imp not in imputed:
                entry, label = setting("impute", i_imp)
                imputed[i_imp] = ctx.pretreat if i_imp < 0 else _imputed_data(ctx, entry, label)
            if (i_imp, i_treat) not in treated:
                entry, label = setting(treat_kind, i_treat)
                treated[(i_imp, i_treat)] = _treated(imputed[i_imp], entry, label)
            entry, label = setting("normalise", i_norm)
            normalised[key] = _normalised(treated[(i_imp, i_treat)], entry, ctx.fw, label)
        entry, label = setting("aggregate", i_agg)
        context = _group_context(factors, column, groups[g], treat_kind)
        try:
            scores = _aggregate_runs(
                normalised[key], ctx.fw, entry, weights[rows], context, ctx.units
            )
        except _RunError as err:
            if err.index < 0:
                where_ = f"run {int(rows.min()) + 1} (and the other runs with these settings)"
            else:
                where_ = f"run {int(rows[err.index]) + 1}"
            raise InputError(f"{where_}: {err.message}") from None
        ranks[rows] = ranks_min(scores)
    return ranks


def _group_context(
    factors: Sequence[Factor], column: Mapping[str, int], levels: np.ndarray, treat_kind: str
) -> str:
    """``Normalisation 'n_minmax(0,100)', Aggregation 'a_gmean'``: the design values of a group."""
    parts = []
    for kind, k in zip(("impute", treat_kind, "normalise", "aggregate"), levels, strict=True):
        if kind in column and k >= 0:
            f = factors[column[kind]]
            parts.append(f"column {f.name!r} = {f.labels[int(k)]!r}")
    return ", ".join(parts) or "nominal pipeline"


def run_sensitivity(
    data: pd.DataFrame | str | os.PathLike[str],
    meta: Framework | pd.DataFrame | str | os.PathLike[str],
    spec: str | os.PathLike[str] | Mapping[str, Any] = "coinr-default",
    design: pd.DataFrame | str | os.PathLike[str] | None = None,
    weight_sets: pd.DataFrame | str | os.PathLike[str] | None = None,
    n: int | None = None,
    seed: int | None = None,
    *,
    factors: Mapping[str, Any] | str | os.PathLike[str] | None = None,
    sampler: str | None = None,
    n_boot: int | None = None,
    sobol: bool = True,
    progress: bool | None = None,
) -> SensitivityResult:
    """Uncertainty and Sobol sensitivity analysis of an index's ranking (COINr's estimator).

    The nominal build is ``spec`` on ``data`` with ``meta`` (:func:`analysis.index.build_index`);
    each run changes it as its design row says (imputation, treatment or winsorisation
    limit, normalisation, aggregation, weight set, excluded codes; see :class:`Factor`).
    A run's output is COINr's ``y = mean over units of |rank - nominal rank|`` of the top
    aggregate (the Index). With a Saltelli design ``[A; B; AB_1..AB_d]``, Si (Saltelli 2010)
    and STi (Jansen 1999) with bootstrap 5 % / 95 % quantiles (:func:`sobol_indices`).

    Parameters
    ----------
    data : iData table or CSV path; meta : framework, iMeta table, or anything
        :func:`analysis.framework.load_framework` takes.
    spec : pipeline spec (mapping, YAML path, built-in name), optionally with a
        ``sensitivity:`` section (``factors``, ``n``, ``seed``, ``sampler``, ``n_boot``).
    design : a given design (table or CSV): one row per run, one column per factor;
        ``rep``, ``run`` and ``block`` columns are ignored. Otherwise a design is drawn:
        ``n`` base rows (N; N (d + 2) runs) with ``seed``, by :func:`saltelli_design`
        (``sampler`` ``coinr`` or ``salib``) over the spec's factors.
    weight_sets : COINr's long ``set, iCode, Level, Weight`` table (or CSV) that a design's
        weights column, or a spec's weights factor without sets of its own, refers to.
    factors : a ``sensitivity:`` section given separately (mapping or YAML file); it
        replaces the spec's.
    n_boot : bootstrap resamples for the Sobol quantiles (default 100); their seed is
        ``seed`` (0 when None).
    sobol : estimate Sobol indices; a design without the Saltelli block structure is then
        an error (pass False for uncertainty only).
    progress : tqdm bar over chunks of runs (None: for 10,000 runs or more).
    """
    from analysis.aggregate import weight_vector
    from analysis.framework import Framework as _Framework
    from analysis.framework import framework_from_imeta, load_framework
    from analysis.index import build_index, read_idata

    source = None
    if not isinstance(data, pd.DataFrame):
        source = str(data)
        data = read_idata(data)
    if isinstance(meta, _Framework):
        fw = meta
    elif isinstance(meta, pd.DataFrame):
        fw = framework_from_imeta(meta)
    else:
        fw = load_framework(meta)
    base, section = load_sensitivity_spec(spec)
    if factors is not None:
        section = dict(factors) if isinstance(factors, Mapping) else load_factors_file(factors)
    if "weights" in base:
        fw = fw.with_weights(base["weights"])
    nominal_build = build_index(data, fw, base, source=source)
    pretreat, units = _pretreat(nominal_build)
    top_scores = nominal_build.arrays["Aggregated"][:, len(fw.indicators) + len(fw.aggregates) - 1]
    nominal_ranks = ranks_min(top_scores)
    nominal_weights = weight_vector(fw)
    ctx = _Context(data, fw, base, list(units), pretreat, nominal_weights, source)

    seed = section.get("seed") if seed is None else seed
    n = section.get("n") if n is None else n
    sampler = sampler or section.get("sampler", "coinr")
    n_boot = int(section.get("n_boot", 100) if n_boot is None else n_boot)
    given_sets = None
    if weight_sets is not None:
        given_sets = read_weight_sets(weight_sets, fw)
    declared = factors_from_spec(section, fw, base, nominal_weights, given_sets, seed=seed)

    if design is not None:
        design_source = "design"
        if not isinstance(design, pd.DataFrame):
            design_source = str(design)
            design = read_csv(
                design, what="design CSV", keep_default_na=False, na_values=["", "NA"]
            )
        used, codes = factors_for_design(design, declared, fw, base, given_sets, design_source)
        table = design[[f.name for f in used]].reset_index(drop=True)
        table.insert(0, "run", np.arange(1, len(table) + 1))
    else:
        design_source = "design"
        if not declared:
            raise InputError(
                "no factors to draw a design from: add a 'sensitivity: factors:' section to the "
                "spec (or --factors FILE), or pass --design"
            )
        if n is None:
            raise InputError("drawing a design needs its size: --n N (base rows; N (d + 2) runs)")
        if int(n) < 2:
            raise InputError(f"--n {n}: need N >= 2 base rows")
        used = list(declared)
        table = saltelli_design({f.name: list(f.labels) for f in used}, int(n), seed, sampler)
        codes = np.column_stack(
            [
                pd.Index([str(v) for v in f.labels]).get_indexer(table[f.name].astype(str))
                for f in used
            ]
        )
        table = table.drop(columns="block")

    n_runs = len(table)
    N = None
    if sobol:
        try:
            N = check_design(table, [f.name for f in used], source=design_source)
        except InputError as err:
            raise InputError(
                f"{err}; for uncertainty without Sobol indices, --uncertainty-only"
            ) from None
    d = len(used)
    blocks = (
        np.repeat(["A", "B"] + [f"AB_{i}" for i in range(1, d + 1)], N)
        if N is not None
        else np.full(n_runs, "", dtype=object)
    )
    table.insert(1, "block", blocks)

    try:
        ranks = _evaluate_runs(ctx, used, codes, progress=progress)
    except InputError as err:
        raise InputError(f"{design_source}, {err}") from None
    y = mean_abs_rank_shift(ranks, nominal_ranks)
    sobol_table = None
    if N is not None:
        try:
            sobol_table = sobol_indices(
                y,
                N,
                d,
                n_boot=n_boot,
                seed=0 if seed is None else seed,
                factors=[f.name for f in used],
            )
        except InputError as err:
            raise InputError(f"{design_source}: {err}") from None

    runs = _runs_table(table, y, ranks, units)
    intervals = rank_intervals(ranks, nominal_ranks, units=units)
    intervals["nominal"] = intervals["nominal"].astype("Int64")
    weights_factor = next((f for f in used if f.kind == "weights"), None)
    sets_table = (
        weight_sets_table(list(weights_factor.labels), np.stack(weights_factor.settings), fw)
        if weights_factor is not None
        else None
    )
    record = dict(base)
    record["sensitivity"] = {
        "output": "mean absolute shift of the top aggregate's ranks from the nominal ranks",
        "design": design_source if design is not None else f"saltelli ({sampler}), N = {n}",
        "runs": int(n_runs),
        "seed": seed,
        "n_boot": n_boot,
        "factors": {f.name: f.describe() for f in used},
    }
    nominal = pd.DataFrame(
        {"score": top_scores, "rank": nominal_ranks}, index=pd.Index(units, name="uCode")
    )
    return SensitivityResult(
        runs=runs,
        ranks=intervals,
        sobol=sobol_table,
        design=table,
        factors=used,
        spec=record,
        nominal=nominal,
        weight_sets=sets_table,
    )


def _runs_table(
    design: pd.DataFrame, y: np.ndarray, ranks: np.ndarray, units: Sequence[str]
) -> pd.DataFrame:
    """``run, block, <factors>, y, <one rank column per unit>`` (ranks as nullable integers)."""
    clash = sorted(set(units) & {*design.columns, "y"})
    if clash:
        raise InputError(
            f"unit code(s) {clash} clash with a column of runs.csv; rename the factor or unit"
        )
    rank_columns = pd.DataFrame(ranks, columns=list(units))
    rank_columns = rank_columns.astype("Int64" if np.isnan(ranks).any() else np.int64)
    out = design.reset_index(drop=True).copy()
    out["y"] = y
    return pd.concat([out, rank_columns], axis=1)


def write_sensitivity(result: SensitivityResult, outdir: str | os.PathLike[str]) -> list[Path]:
    """Write runs.csv, ranks.csv, sobol.csv (when estimated), design.csv, spec.yaml and
    weight_sets.csv (when a weights factor ran) into ``outdir``, each atomically."""
    from analysis.files import write_csv, write_text

    out = Path(outdir)
    written = [
        write_csv(result.runs, out / "runs.csv"),
        write_csv(result.ranks, out / "ranks.csv"),
    ]
    if result.sobol is not None:
        written.append(write_csv(result.sobol, out / "sobol.csv"))
    written.append(write_csv(result.design, out / "design.csv"))
    if result.weight_sets is not None:
        written.append(write_csv(result.weight_sets, out / "weight_sets.csv"))
    text = yaml.safe_dump(_yaml_safe(result.spec), allow_unicode=True, sort_keys=False)
    written.append(write_text(out / "spec.yaml", text))
    return written


def _yaml_safe(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _yaml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_yaml_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_yaml_safe(v) for v in value.tolist()]
    return _plain(value)
