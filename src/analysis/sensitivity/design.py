"""Designs of runs: Saltelli / SALib base matrices cut into levels in COINr's block order, their
checks, and Monte Carlo weight draws with their scores and ranks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.sensitivity._consts import SAMPLERS, Seed
from analysis.sensitivity.estimators import ranks_min

if TYPE_CHECKING:
    pass

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


#: the most runs a drawn design may have: beyond, the design and each run's ranks no
#: longer fit in memory on an ordinary machine (N = 10^8 asked for a 6.7 GiB array)
MAX_RUNS = 2_000_000


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
    if N < 1 or N * (d + 2) > MAX_RUNS:
        raise InputError(
            f"--n {N}: a Saltelli design of N (d + 2) = {N * (d + 2):,} runs over {d} factors; "
            f"give 1 ≤ N ≤ {MAX_RUNS // (d + 2):,} (at most {MAX_RUNS:,} runs; the Sobol indices "
            "settle long before)"
        )
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
