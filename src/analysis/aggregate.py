"""Aggregate up the framework's hierarchy, with weights normalised within each group.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 1.7 /
step 7 and section 6 (linear, geometric and non-compensatory multi-criteria aggregation);
COINr's ``Aggregate()`` with ``a_amean``, ``a_gmean``, ``a_hmean``, ``a_copeland``
(outranking matrix, Munda & Nardo 2009).

A level's aggregation is a weight matrix G (children × parents): G[k, j] is child k's
weight if k belongs to parent j, else 0. Over the children k of parent j that have a
value (weights renormalised over them, as COINr's ``na.rm = TRUE``):

- ``amean``:   y_j = Σ w_k x_k / Σ w_k                  → ``(x @ G) / (present @ G)``
- ``gmean``:   y_j = exp(Σ w_k ln x_k / Σ w_k)
- ``hmean``:   y_j = Σ w_k / Σ (w_k / x_k)
- ``median``:  weighted median: the smallest x_k whose cumulative normalised weight
               (children sorted by value) reaches 1/2; exactly 1/2 averages it with the
               next value, so equal weights give the usual median.
- ``copeland``: outranking matrix per group, O[a, b] = Σ_k w_k [x_ak > x_bk]
               + ½ Σ_k w_k [x_ak = x_bk] (weights summing to 1, a missing value ties);
               score_a = Σ_{b≠a} sign(O[a, b] - ½). Scores are integers in [-(n-1), n-1].

Horizontal-variability penalty (``penalty="dispersion"``, any method): from each
parent's score is subtracted the index of dispersion of its children's values,
V / M with M the unweighted mean and V the unweighted population variance (divisor n)
of the children present: giniCI's ``hv = TRUE`` (Ciommi et al. 2017; De Muro,
Mazziotta & Pareto 2011, Social Indicators Research 104, 1-18). It needs ratio-scale
children (values ≥ 0, M > 0): otherwise an :class:`~analysis.errors.InputError`.
Every child of the group counts, whatever its weight.

``gmean`` and ``hmean`` need positive values. A zero or negative value raises an
:class:`~analysis.errors.InputError` naming the child (COINr silently returns NaN or
-inf), unless ``shift`` > 0 is given: then y = f(x + shift) - shift, the documented
shift (e.g. ``shift: 1`` on a 0-100 scale). A parent whose children are all missing is
missing. ``amean``, ``gmean`` and ``hmean`` broadcast over leading axes: ``x`` of shape (R, n, c)
with G of shape (R, c, m) aggregates R weight sets at once (matrix products).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.framework import Framework
from analysis.normalise import column_error


@dataclass(frozen=True, eq=False)
class Level:
    """One aggregation step: ``children`` (level - 1) → ``parents`` (level) via ``matrix``."""

    level: int
    children: list[str]
    parents: list[str]
    matrix: np.ndarray  # (c, m) or (R, c, m)
    membership: np.ndarray | None = None  # (c, m) 1 where child k belongs to parent j


def weight_vector(
    fw: Framework, weights: Mapping[str, float] | pd.Series | np.ndarray | None = None
) -> np.ndarray:
    """Weights of every code of ``fw`` (in ``fw.codes`` order), shape (n_codes,) or (R, n_codes).

    ``weights`` may be None (the framework's), a mapping / Series code → weight (codes not
    given keep the framework's weight), or an array already in ``fw.codes`` order, 1-D or
    one row per weight set. A weight of 0 drops that child from its group (a group whose
    weights are all 0 gives a missing parent); negative, missing or infinite weights are
    an error naming the code.
    """
    base = fw.table["weight"].to_numpy(np.float64)
    if weights is None:
        return base
    if isinstance(weights, np.ndarray):
        w = np.asarray(weights, dtype=np.float64)
        if w.shape[-1] != base.size:
            raise InputError(
                f"weights: expected {base.size} values (one per framework code), got {w.shape[-1]}"
            )
    else:
        s = pd.Series(weights, dtype=np.float64)
        unknown = sorted(set(s.index) - set(fw.codes))
        if unknown:
            raise InputError(f"weights: unknown code(s) {unknown}")
        w = pd.Series(base, index=fw.codes)
        w.loc[s.index] = s.to_numpy()
        w = w.to_numpy()
    bad = ~(np.isfinite(w) & (w >= 0))
    if bad.any():
        code = fw.codes[int(np.flatnonzero(bad.reshape(-1, base.size).any(axis=0))[0])]
        raise InputError(
            f"weights: code {code!r} has a weight that is negative, missing or infinite"
        )
    return w


def level_matrices(
    fw: Framework, weights: Mapping[str, float] | pd.Series | np.ndarray | None = None
) -> list[Level]:
    """The weight matrix of every aggregation level, bottom (indicators → level 2) first."""
    w = weight_vector(fw, weights)
    levels = []
    for level, children, parents, rows, cols in level_structure(fw):
        g = np.zeros((*w.shape[:-1], len(children), len(parents)))
        g[..., np.arange(len(children)), cols] = w[..., rows]
        member = np.zeros((len(children), len(parents)))
        member[np.arange(len(children)), cols] = 1.0
        levels.append(
            Level(level=level, children=children, parents=parents, matrix=g, membership=member)
        )
    return levels


_STRUCTURE_CACHE: dict[int, tuple[Framework, list[tuple]]] = {}


def level_structure(fw: Framework) -> list[tuple]:
    """Per aggregation level: ``(level, children, parents, rows, cols)``.

    ``rows`` are the children's positions in ``fw.codes`` and ``cols`` their parents'
    positions among ``parents``: the index arrays every weight matrix of the level is
    built from. Cached for the last framework seen, since sensitivity analysis builds
    matrices for the same framework thousands of times.
    """
    cached = _STRUCTURE_CACHE.get(id(fw))
    if cached is not None and cached[0] is fw:
        return cached[1]
    index = {c: i for i, c in enumerate(fw.codes)}
    levels = []
    for level in range(2, fw.n_levels + 1):
        children = fw.codes_at(level - 1)
        parents = fw.codes_at(level)
        pos = {p: j for j, p in enumerate(parents)}
        rows = np.array([index[c] for c in children])
        cols = np.array([pos[fw.parent_of[c]] for c in children])
        levels.append((level, children, parents, rows, cols))
    _STRUCTURE_CACHE.clear()
    _STRUCTURE_CACHE[id(fw)] = (fw, levels)
    return levels


def _present(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ok = ~np.isnan(x)
    return ok, ok.astype(np.float64)


def _check_positive(x: np.ndarray, g: np.ndarray, what: str) -> None:
    used = (g != 0).any(axis=-1)  # children with weight in some group
    with np.errstate(invalid="ignore"):
        bad = (x <= 0) & used[..., None, :]
    if bad.any():
        k = int(np.flatnonzero(bad.reshape(-1, x.shape[-1]).any(axis=0))[0])
        raise column_error(
            k,
            f"{what} needs values > 0, found {np.nanmin(np.where(bad, x, np.nan)):g}; "
            "normalise to a range above zero (e.g. minmax l=1) or pass shift > 0",
        )


def _divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def amean(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Weighted arithmetic mean per group: ``(x @ G) / (present @ G)``."""
    ok, okf = _present(x)
    return _divide(np.where(ok, x, 0.0) @ g, okf @ g)


def gmean(x: np.ndarray, g: np.ndarray, shift: float = 0.0) -> np.ndarray:
    """Weighted geometric mean per group: exp(Σ w ln x / Σ w); zeros/negatives: error or ``shift``."""
    x = x + shift if shift else x
    _check_positive(x, g, "geometric mean")
    ok, okf = _present(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(ok, np.log(np.where(ok, x, 1.0)), 0.0)
    out = np.exp(_divide(logs @ g, okf @ g))
    return out - shift if shift else out


def hmean(x: np.ndarray, g: np.ndarray, shift: float = 0.0) -> np.ndarray:
    """Weighted harmonic mean per group: Σ w / Σ (w / x); zeros/negatives: error or ``shift``."""
    x = x + shift if shift else x
    _check_positive(x, g, "harmonic mean")
    ok, okf = _present(x)
    inv = np.where(ok, 1.0 / np.where(ok, x, 1.0), 0.0)
    out = _divide(okf @ g, inv @ g)
    return out - shift if shift else out


def _groups(g: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    if g.ndim != 2:
        raise InputError("median and copeland aggregation take one weight set at a time")
    return [(np.flatnonzero(g[:, j]), g[np.flatnonzero(g[:, j]), j]) for j in range(g.shape[1])]


def _weighted_median(v: np.ndarray, w: np.ndarray) -> float:
    ok = ~np.isnan(v)
    v, w = v[ok], w[ok]
    if v.size == 0:
        return np.nan
    order = np.argsort(v, kind="stable")
    v, w = v[order], w[order] / w.sum()
    cum = np.cumsum(w)
    k = int(np.searchsorted(cum, 0.5 - 1e-12))
    if abs(cum[k] - 0.5) <= 1e-12 and k + 1 < v.size:
        return float((v[k] + v[k + 1]) / 2)
    return float(v[k])


def median(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Weighted median per group (see the module docstring)."""
    out = np.full((x.shape[0], g.shape[1]), np.nan)
    for j, (kids, w) in enumerate(_groups(g)):
        for i in range(x.shape[0]):
            out[i, j] = _weighted_median(x[i, kids], w)
    return out


def copeland(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Copeland scores per group from the weighted outranking matrix (COINr ``a_copeland``)."""
    n = x.shape[0]
    out = np.zeros((n, g.shape[1]))
    for j, (kids, w) in enumerate(_groups(g)):
        w = w / w.sum()
        outrank = np.zeros((n, n))
        for k, wk in zip(kids, w, strict=True):
            col = x[:, k]
            gt = (col[:, None] > col[None, :]).astype(np.float64)
            eq = (col[:, None] == col[None, :]) | np.isnan(col[:, None]) | np.isnan(col[None, :])
            outrank += wk * (gt + 0.5 * eq)
        s = np.sign(np.round(outrank - 0.5, 12))
        np.fill_diagonal(s, 0.0)
        out[:, j] = s.sum(axis=1)
    return out


METHODS: dict[str, Callable[..., np.ndarray]] = {
    "amean": amean,
    "gmean": gmean,
    "hmean": hmean,
    "median": median,
    "copeland": copeland,
}
ALIASES = {
    "a_amean": "amean",
    "a_gmean": "gmean",
    "a_hmean": "hmean",
    "a_copeland": "copeland",
    "a_median": "median",
}


PENALTIES = ("none", "dispersion")


def dispersion_penalty(x: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Index of dispersion V / M of each parent's children, per unit (see module docstring).

    ``x`` (..., n, c), ``membership`` (c, m) 0/1; returns (..., n, m). Two passes (mean,
    then squared deviations), all matrix products. Negative children or a zero mean:
    :class:`InputError` naming the child.
    """
    ok = ~np.isnan(x)
    with np.errstate(invalid="ignore"):
        negative = ok & (x < 0)
    if negative.any():
        k = int(np.flatnonzero(negative.reshape(-1, x.shape[-1]).any(axis=0))[0])
        raise column_error(k, "the dispersion penalty needs values >= 0 (a ratio scale)")
    values = np.where(ok, x, 0.0)
    count = ok.astype(np.float64) @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (values @ membership) / count
    dev = np.where(ok, x - mean @ membership.T, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = ((dev * dev) @ membership) / count
    if ((mean == 0) & (count > 0)).any():
        j = int(np.flatnonzero(((mean == 0) & (count > 0)).reshape(-1, mean.shape[-1]).any(axis=0))[0])
        k = int(np.flatnonzero(membership[:, j])[0])
        raise column_error(k, "the dispersion penalty divides by the children's mean, which is 0")
    with np.errstate(invalid="ignore", divide="ignore"):
        return variance / mean


def mpi(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Mazziotta–Pareto index of each group: ``M_i − S_i · cv_i = M_i − S_i² / M_i``.

    M_i and S_i are the unweighted mean and population sd of unit i's present children
    in the group (the MPI is equally weighted by design: the weights only tell which
    children belong to which parent). Source: De Muro, Mazziotta & Pareto (2011), Social
    Indicators Research 104: 1-18; Mazziotta & Pareto (2016), SIR 127: 983-1003. Meant for
    children normalised with ``normalise: mpi`` (mean 100, sd 10) or, over years, the
    reference-year goalposts ``mp_goalposts`` (70-130); :mod:`analysis.mpi` has the
    paper's complete-matrix form, which this equals on complete data.
    """
    member = (np.asarray(g) != 0).any(axis=0) if np.ndim(g) == 3 else np.asarray(g) != 0
    member = member.astype(np.float64)
    out = amean(x, member) - dispersion_penalty(x, member)
    if np.ndim(g) == 3 and out.ndim == 2:  # one result per weight set, all equal
        out = np.broadcast_to(out, (np.shape(g)[0], *out.shape)).copy()
    return out


METHODS["mpi"] = mpi  # defined after the penalty it uses


def aggregate_level(
    x: np.ndarray, lev: Level, method: str = "amean", penalty: str = "none", **params: float
) -> np.ndarray:
    """One level's parents from its children ``x`` (..., n, c): the method, minus the penalty."""
    if penalty not in PENALTIES:
        raise InputError(f"aggregate: unknown penalty {penalty!r}; choose from {list(PENALTIES)}")
    try:
        out = _method(method)(x, lev.matrix, **params)
        if penalty == "dispersion":
            member = lev.membership if lev.membership is not None else (lev.matrix != 0) * 1.0
            out = out - dispersion_penalty(x, member)
    except InputError as err:
        col = getattr(err, "column", None)
        if col is None:
            raise
        raise InputError(
            f"aggregate level {lev.level} ({method}): {lev.children[col]!r}: {err.detail}"  # type: ignore[attr-defined]
        ) from None
    return out


def _method(name: str) -> Callable[..., np.ndarray]:
    key = ALIASES.get(name, name)
    if key not in METHODS:
        raise InputError(f"aggregate: unknown method {name!r}; choose from {sorted(METHODS)}")
    return METHODS[key]


def aggregate_tree(
    x: np.ndarray,
    fw: Framework,
    method: str | Sequence[str] = "amean",
    weights: Mapping[str, float] | pd.Series | np.ndarray | None = None,
    levels: list[Level] | None = None,
    penalty: str = "none",
    **params: float,
) -> np.ndarray:
    """Aggregate indicator scores level by level up to the top node.

    Parameters
    ----------
    x : (..., n, p) array
        Normalised indicators, columns in ``fw.indicators`` order.
    fw : Framework
    method : str or one str per aggregation level (bottom first)
        A key of :data:`METHODS` (or COINr's ``a_*`` name).
    weights : see :func:`weight_vector`; a (R, n_codes) array aggregates R weight sets
        at once and returns (R, n, n_aggregates).
    levels : precomputed :func:`level_matrices` (saves rebuilding G in loops).
    penalty : ``none`` or ``dispersion`` (subtract each group's index of dispersion, at
        every level).
    params : passed to the method (``shift`` for gmean / hmean).

    Returns
    -------
    (..., n, n_aggregates) array, columns in ``fw.aggregates`` order.
    """
    levels = levels if levels is not None else level_matrices(fw, weights)
    methods = [method] * len(levels) if isinstance(method, str) else list(method)
    if len(methods) != len(levels):
        raise InputError(f"aggregate: {len(methods)} methods given for {len(levels)} levels")
    current = np.asarray(x, dtype=np.float64)
    outputs = []
    for lev, name in zip(levels, methods, strict=True):
        current = aggregate_level(current, lev, name, penalty, **params)
        outputs.append(current)
    return np.concatenate(outputs, axis=-1)


def rank_desc(scores: np.ndarray, axis: int = -2) -> np.ndarray:
    """Ranks along ``axis``: 1 = highest score, ties take the lowest rank, NaN has no rank.

    R's ``rank(-score, ties.method = "min", na.last = "keep")``; :func:`analysis.ranking.rank`.
    Returns float64 (NaN where the score is missing).
    """
    from analysis.ranking import rank

    return rank(scores, axis=axis)
