"""MCDA rankings: a score per unit from a decision matrix, weights and directions.

Every method is a pure vectorised NumPy function ``f(x, w, directions, **options)`` on a
float64 matrix ``x`` (units × criteria), weights ``w`` (≥ 0, scaled here to sum 1) and
directions (+1 benefit, −1 cost), returning a float64 score per unit. :data:`METHODS`
is the registry; :data:`LOWER_IS_BETTER` names the methods whose best score is the
lowest (VIKOR's Q). :func:`rank_scores` turns scores into ranks (1 = best, ties take the
lowest rank, as ``rank(ties.method = "min")``) and :func:`score_and_rank` is the entry
point used by the command line.

The normalisations used by MCDA methods live here (:data:`NORMALISATIONS`), each making
every criterion "larger is better":

============  ==============================  ===================================
name          benefit                         cost
============  ==============================  ===================================
``minmax``    (x − min) / (max − min)         (max − x) / (max − min)
``max``       x / max                         min / x
``sum``       x / Σx                          (1/x) / Σ(1/x)
``vector``    x / √Σx²                        1 − x / √Σx²
============  ==============================  ===================================

A constant column is 1 under ``minmax`` (it does not separate the units; pymcdm does
the same). ``max`` and ``sum`` need positive values for cost criteria and non-negative
ones otherwise (InputError naming the column); ``sum`` and ``vector`` need a non-zero
column. NaN anywhere: InputError naming the column and row.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from analysis.errors import InputError
from analysis.weights import check_matrix

Array = np.ndarray

# ---------------------------------------------------------------------------------------
# normalisations
# ---------------------------------------------------------------------------------------


def as_number(value: Any, option: str) -> float:
    """``value`` as a float, or an InputError naming the option."""
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(f"{option}={value!r}: expected a number") from None


def _column_error(names: Sequence[str] | None, j: int, message: str) -> InputError:
    label = names[j] if names is not None else f"c{j + 1}"
    return InputError(f"column {label!r}: {message}")


def norm_minmax(x: Array, d: Array, names: Sequence[str] | None = None) -> Array:
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    r = np.where(d > 0, x - lo, hi - x) / safe
    r[:, span <= 0] = 1.0
    return r


def norm_max(x: Array, d: Array, names: Sequence[str] | None = None) -> Array:
    _require_positive(x, d, names, "max")
    hi, lo = x.max(axis=0), x.min(axis=0)
    with np.errstate(divide="ignore"):
        return np.where(d > 0, x / np.where(hi > 0, hi, 1.0), lo / x)


def norm_sum(x: Array, d: Array, names: Sequence[str] | None = None) -> Array:
    _require_positive(x, d, names, "sum")
    with np.errstate(divide="ignore"):
        v = np.where(d > 0, x, 1.0 / x)
    return v / v.sum(axis=0)


def unit_columns(x: Array, names: Sequence[str] | None = None) -> Array:
    """``x_ij / sqrt(Σ_i x_ij²)``: each column scaled to unit length.

    The column is first divided by its largest absolute value (the ratio is unchanged), so
    that nothing is squared beyond [−1, 1]: values near 1e160 do not overflow, near 1e-160
    do not underflow. An all-zero column is an :class:`InputError` naming it.
    """
    scale = np.abs(x).max(axis=0)
    zero = ~(scale > 0)
    if zero.any():
        raise _column_error(names, int(np.flatnonzero(zero)[0]), "all zero, cannot normalise")
    y = x / scale
    return y / np.sqrt((y * y).sum(axis=0))


def norm_vector(x: Array, d: Array, names: Sequence[str] | None = None) -> Array:
    r = unit_columns(x, names)
    return np.where(d > 0, r, 1.0 - r)


def _require_positive(x: Array, d: Array, names: Sequence[str] | None, name: str) -> None:
    bad = np.where(d > 0, (x < 0).any(axis=0) | (x.max(axis=0) <= 0), (x <= 0).any(axis=0))
    if bad.any():
        j = int(np.flatnonzero(bad)[0])
        need = "positive values (cost criterion)" if d[j] < 0 else "non-negative, not all zero"
        raise _column_error(names, j, f"normalisation={name} needs {need}; use minmax")


NORMALISATIONS: dict[str, Callable[..., Array]] = {
    "minmax": norm_minmax,
    "max": norm_max,
    "sum": norm_sum,
    "vector": norm_vector,
}


def normalise(x: Array, d: Array, name: str, names: Sequence[str] | None = None) -> Array:
    """Apply a named MCDA normalisation (see the module docstring)."""
    if name not in NORMALISATIONS:
        raise InputError(f"normalisation={name!r}: use one of {', '.join(NORMALISATIONS)}")
    return NORMALISATIONS[name](x, d, names)


# ---------------------------------------------------------------------------------------
# methods
# ---------------------------------------------------------------------------------------


def wsm(x: Array, w: Array, d: Array, names: Sequence[str] | None = None, *,
        normalisation: str = "minmax") -> Array:
    """Weighted sum model (simple additive weighting, SAW).

    ``S_i = Σ_j w_j r_ij`` with ``r`` a named normalisation (default ``minmax``).
    Source: Fishburn (1967), *Additive Utilities with Incomplete Product Sets*, Operations
    Research 15; Hwang & Yoon (1981), §3.2.1 (SAW). Higher is better. Agrees with
    pymcdm's ``WSM`` given the same normalisation function (for ``max`` cost criteria,
    pymcdm uses ``1 − x/max`` where this uses Hwang & Yoon's ``min/x``).
    """
    return normalise(x, d, normalisation, names) @ w


def wpm(x: Array, w: Array, d: Array, names: Sequence[str] | None = None, *,
        normalisation: str = "max") -> Array:
    """Weighted product model.

    ``P_i = Π_j r_ij^{w_j}`` with ``r`` = ``max`` (default: x/max, cost min/x, so the
    score is 1 for a unit best on every criterion) or ``sum`` normalisation. Both give the
    ranking of Bridgman's (1922) ratio form ``Π_j (x_aj / x_bj)^{±w_j}``.
    Source: Miller & Starr (1969), *Executive Decisions and Operations Research*;
    Triantaphyllou (2000), *Multi-criteria Decision Making Methods*, §2.2.
    Needs positive values (zeros and negatives: InputError naming the column). pymcdm's
    ``WPM`` (default ``sum_normalization``) agrees exactly with ``normalisation=sum``.
    Higher is better. Computed as ``exp(Σ w ln r)``.
    """
    if normalisation not in ("max", "sum"):
        raise InputError(f"wpm normalisation={normalisation!r}: use max or sum")
    bad = (x <= 0).any(axis=0)
    if bad.any():
        raise _column_error(names, int(np.flatnonzero(bad)[0]),
                            "wpm needs positive values (zero or negative found)")
    r = normalise(x, d, normalisation, names)
    return np.exp(np.log(r) @ w)


def topsis_details(x: Array, w: Array, d: Array, names: Sequence[str] | None = None, *,
                   normalisation: str = "vector") -> dict[str, Array]:
    """TOPSIS's weighted matrix ``V``, ideals ``A+``/``A-``, distances ``S+``/``S-`` and
    closeness ``C`` (see :func:`topsis`)."""
    if normalisation == "vector":
        v = unit_columns(x, names) * w  # (1-2)
        best = np.where(d > 0, v.max(axis=0), v.min(axis=0))  # (3)
        worst = np.where(d > 0, v.min(axis=0), v.max(axis=0))
    elif normalisation == "minmax":
        v = norm_minmax(x, d) * w
        best, worst = v.max(axis=0), v.min(axis=0)
    else:
        raise InputError(f"topsis normalisation={normalisation!r}: use vector or minmax")
    s_plus = np.sqrt(((v - best) ** 2).sum(axis=1))  # (4)
    s_minus = np.sqrt(((v - worst) ** 2).sum(axis=1))
    total = s_plus + s_minus
    c = np.divide(s_minus, total, out=np.full_like(total, 0.5), where=total > 0)  # (5)
    return {"V": v, "A+": best, "A-": worst, "S+": s_plus, "S-": s_minus, "C": c}


def topsis(x: Array, w: Array, d: Array, names: Sequence[str] | None = None, *,
           normalisation: str = "vector") -> Array:
    """TOPSIS: relative closeness to the ideal solution.

    (1) ``r_ij = x_ij / √Σ_i x_ij²`` (``vector``, default) or min-max with direction first
        (``minmax``)
    (2) ``v_ij = w_j r_ij``
    (3) ``A⁺_j`` = best ``v_·j`` (max for a benefit, min for a cost criterion), ``A⁻_j`` worst
    (4) ``S⁺_i = ‖v_i − A⁺‖₂``, ``S⁻_i = ‖v_i − A⁻‖₂``
    (5) ``C_i = S⁻_i / (S⁺_i + S⁻_i)``, higher is better.

    Source: Hwang, C.-L. & Yoon, K. (1981). *Multiple Attribute Decision Making*, Springer,
    §3.2.5 (p. 128-134). With ``vector``, the cost criteria are not transformed; the
    ideal takes their minimum, as in the book. A unit at both ideal and anti-ideal
    (every column constant) gets 0.5. Agrees with pymcdm's ``TOPSIS`` given the same
    normalisation (pymcdm defaults to min-max) and with scikit-criteria's ``TOPSIS``
    after ``VectorScaler``.
    """
    return topsis_details(x, w, d, names, normalisation=normalisation)["C"]


def vikor_details(x: Array, w: Array, d: Array, names: Sequence[str] | None = None, *,
                  v: float = 0.5) -> dict[str, Array]:
    """VIKOR's S, R and Q (see :func:`vikor`)."""
    v = as_number(v, "vikor v")
    if not 0.0 <= v <= 1.0:
        raise InputError(f"vikor v={v}: must be between 0 and 1")
    best = np.where(d > 0, x.max(axis=0), x.min(axis=0))  # f*_j
    worst = np.where(d > 0, x.min(axis=0), x.max(axis=0))  # f-_j
    span = best - worst
    safe = np.where(span != 0, span, 1.0)
    regret = w * (best - x) / safe
    regret[:, span == 0] = 0.0
    s = regret.sum(axis=1)  # (1)
    r = regret.max(axis=1)  # (2)

    def _scaled(a: Array) -> Array:
        # S and R lie in [0, Σw] = [0, 1]: a spread of rounding size (1e-12) is no spread,
        # so that rescaling a criterion cannot turn equal S (or R) into 0 and 1
        lo, hi = a.min(), a.max()
        return (a - lo) / (hi - lo) if hi - lo > 1e-12 else np.zeros_like(a)

    q = v * _scaled(s) + (1 - v) * _scaled(r)  # (3)
    return {"S": s, "R": r, "Q": q}


def vikor(x: Array, w: Array, d: Array, names: Sequence[str] | None = None, *,
          v: float = 0.5) -> Array:
    """VIKOR's Q (lower is better; rank 1 has the lowest Q).

    With ``f*_j`` the best and ``f⁻_j`` the worst value of criterion j:

    (1) ``S_i = Σ_j w_j (f*_j − f_ij) / (f*_j − f⁻_j)``  (group utility)
    (2) ``R_i = max_j w_j (f*_j − f_ij) / (f*_j − f⁻_j)``  (individual regret)
    (3) ``Q_i = v (S_i − S*) / (S⁻ − S*) + (1 − v) (R_i − R*) / (R⁻ − R*)``

    with ``S* = min S``, ``S⁻ = max S`` (likewise R) and ``v`` the weight of the strategy
    of the majority of criteria (default 0.5). Source: Opricovic, S. & Tzeng, G.-H.
    (2004). Compromise solution by MCDM methods: a comparative analysis of VIKOR and
    TOPSIS. EJOR 156(2), 445-455, eqs. (3)-(5). The acceptance conditions C1/C2 that pick
    a compromise set are not applied; the ranking is by Q.
    A constant criterion contributes 0 (pymcdm raises); if all S (or all R) are equal
    (within 1e-12, rounding), that term is 0. Invariant to units and shifts. Agrees with pymcdm's ``VIKOR``.
    """
    return vikor_details(x, w, d, names, v=v)["Q"]


def gra(x: Array, w: Array, d: Array, names: Sequence[str] | None = None, *,
        rho: float = 0.5, normalisation: str = "minmax") -> Array:
    """Grey relational analysis (灰色关联分析): weighted grey relational grade.

    (1) ``r_ij`` = normalised values, larger is better (``minmax`` default, or ``max``)
    (2) reference series ``r_0j = max_i r_ij`` (the ideal unit)
    (3) ``Δ_ij = |r_0j − r_ij|``, ``Δmin = min_ij Δ_ij``, ``Δmax = max_ij Δ_ij``
    (4) ``ξ_ij = (Δmin + ρ Δmax) / (Δ_ij + ρ Δmax)``  (grey relational coefficient)
    (5) ``γ_i = Σ_j w_j ξ_ij``  (grade; Deng's equal-weight mean when w = 1/m)

    Source: Deng, J.-L. (1982). Control problems of grey systems. Systems & Control
    Letters 1(5), 288-294; Deng (1989), Introduction to grey system theory, J. Grey
    System 1(1), 1-24; 刘思峰 et al., 灰色系统理论及其应用 (科学出版社), ch. 3.
    ``rho`` ∈ (0, 1], default 0.5. Higher is better. If every Δ is 0 (all units equal)
    every ξ is 1. Invariant to units and shifts with ``minmax``.
    """
    rho = as_number(rho, "gra rho")
    if not 0.0 < rho <= 1.0:
        raise InputError(f"gra rho={rho}: must be in (0, 1]")
    if normalisation not in ("minmax", "max"):
        raise InputError(f"gra normalisation={normalisation!r}: use minmax or max")
    r = normalise(x, d, normalisation, names)  # (1)
    delta = np.abs(r.max(axis=0) - r)  # (2-3)
    dmin, dmax = delta.min(), delta.max()
    if dmax == 0:
        return np.full(x.shape[0], float(w.sum()))
    xi = (dmin + rho * dmax) / (delta + rho * dmax)  # (4)
    return xi @ w  # (5)


def copeland(x: Array, w: Array, d: Array, names: Sequence[str] | None = None) -> Array:
    """Copeland's rule with the criteria as weighted voters.

    Unit a beats unit b when the total weight of the criteria on which a is strictly
    better exceeds that of the criteria on which b is (weighted majority; ties count for
    neither). Score ``c_a = #wins − #losses`` (an integer in [−(n−1), n−1]); higher is
    better. Source: Copeland, A. H. (1951), "A reasonable social welfare function",
    University of Michigan seminar; as an MCDA ranking e.g. Pomerol & Barba-Romero (2000),
    *Multicriterion Decision in Management*, Kluwer, §4.4. Ordinal: invariant to any
    increasing transformation of a criterion. O(n² m) time; rows are processed in blocks.
    """
    n = x.shape[0]
    # dense ranks per criterion (larger is better), as small integers: cheaper to compare
    codes = rankdata(x * d, axis=0, method="dense").astype(np.int32)
    live = np.flatnonzero(w > 0)
    codes, wl = codes[:, live], w[live]
    score = np.zeros(n)
    block = max(1, 4_000_000 // max(n * len(live), 1))
    for start in range(0, n, block):
        rows = codes[start:start + block, None, :]
        margin = (rows > codes[None]).astype(float) @ wl - (rows < codes[None]).astype(float) @ wl
        score[start:start + block] = (margin > 1e-12).sum(axis=1) - (margin < -1e-12).sum(axis=1)
    return score


METHODS: dict[str, Callable[..., Array]] = {
    "wsm": wsm,
    "wpm": wpm,
    "topsis": topsis,
    "vikor": vikor,
    "gra": gra,
    "copeland": copeland,
}

#: Methods whose best unit has the lowest score.
LOWER_IS_BETTER = frozenset({"vikor"})


def method_options(method: str) -> list[str]:
    """The option names a ranking method accepts."""
    params = inspect.signature(METHODS[method]).parameters.values()
    return [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]


def rank_scores(score: Array, lower_is_better: bool = False, decimals: int = 12) -> Array:
    """Ranks 1 = best; tied scores (equal to ``decimals`` places) share the lowest rank."""
    from analysis.ranking import rank

    return rank(score, lower_is_better=lower_is_better, decimals=decimals).astype(int)


def check_weights(w: Any, m: int, names: Sequence[str] | None = None) -> Array:
    """Weights as float64 scaled to sum 1; InputError for NaN, negatives or an all-zero set."""
    arr = np.asarray(w, dtype=float).reshape(-1)
    if arr.size != m:
        raise InputError(f"weights: {arr.size} given for {m} criteria")
    labels = list(names) if names is not None else [f"c{j + 1}" for j in range(m)]
    bad = [labels[j] for j in range(m) if not np.isfinite(arr[j]) or arr[j] < 0]
    if bad:
        raise InputError(f"weight of {', '.join(map(repr, bad))} is missing or negative")
    if arr.sum() <= 0:
        raise InputError("weights sum to 0")
    return arr / arr.sum()


def score_and_rank(
    matrix: pd.DataFrame | Array,
    weights: Sequence[float] | Array | Mapping[str, float],
    method: str,
    directions: Sequence[float] | Array | Mapping[str, float] | None = None,
    names: Sequence[str] | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Scores and ranks of the units (rows of ``matrix``) by ``method``.

    Returns a DataFrame ``unit, score, rank`` in the order of the rows (``unit`` from the
    DataFrame index, or 1..n). Unknown methods or options: InputError naming them.
    """
    if method not in METHODS:
        raise InputError(f"unknown ranking method {method!r}; use one of {', '.join(METHODS)}")
    accepted = method_options(method)
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise InputError(
            f"{method}: unknown option(s) {', '.join(map(repr, unknown))}; "
            f"accepted: {', '.join(accepted) or 'none'}"
        )
    if isinstance(matrix, pd.DataFrame):
        names = [str(c) for c in matrix.columns]
        units = matrix.index.to_numpy()
        values = matrix.to_numpy(dtype=float)
    else:
        values = np.asarray(matrix, dtype=float)
        units = np.arange(1, values.shape[0] + 1)
    x = check_matrix(values, names, min_units=1)
    m = x.shape[1]
    labels = list(names) if names is not None else [f"c{j + 1}" for j in range(m)]
    if isinstance(weights, Mapping):
        weights = [weights[c] for c in labels]
    if isinstance(directions, Mapping):
        directions = [directions[c] for c in labels]
    w = check_weights(weights, m, labels)
    d = np.ones(m) if directions is None else np.asarray(directions, dtype=float).reshape(-1)
    if d.size != m or not np.isin(d, (1.0, -1.0)).all():
        raise InputError("directions must be +1 or -1, one per criterion")
    score = METHODS[method](x, w, d, labels, **options)
    ranks = rank_scores(score, lower_is_better=method in LOWER_IS_BETTER)
    return pd.DataFrame({"unit": units, "score": score, "rank": ranks})
