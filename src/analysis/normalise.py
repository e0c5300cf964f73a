"""Normalise indicators onto a common scale, respecting each indicator's direction.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 1.5 /
step 5 and table 3 (ranking, standardisation, min-max, distance to a reference,
categorical scales, ...); COINr's ``Normalise()`` and its ``n_*`` functions.

Every function maps an (n units, p indicators) float array and a direction vector
(p,), +1 or -1, to an (n, p) array. Unless said otherwise the column is first multiplied
by its direction (COINr's convention), so that higher output is always better. Missing
values stay missing and are ignored by the column statistics.

================  ===========================================================  ===========================
method            formula (y = direction · x, over a column's observed values)  constant column gives
================  ===========================================================  ===========================
``minmax``        (y - min y) / (max y - min y) · (u - l) + l                   (l + u) / 2
``zscore``        (y - mean y) / sd y · s + m    (sd with n - 1)                m
``rank``          rank of y, ties take the lowest rank (1 = lowest y)           1
``percentile``    (rank(y) - 1) / (n - 1)        (COINr ``n_prank``)            0 (0.5 if n = 1)
``goalposts``     (x - lower) / (upper - lower) · scale, direction -1:          (as the formula)
                  (x - upper) / (lower - upper) · scale; clipped to [0, scale]
                  when ``trunc`` (COINr ``n_goalposts``)
``mp_goalposts``  Mazziotta-Pareto goalposts from reference rows: inf, sup,    (l + u) / 2
                  ref = min, max, mean; Δ = (sup - inf) / 2; gp = ref ± Δ;
                  z = (x - gp_min) / (gp_max - gp_min) · (u - l) + l;
                  direction -1: l + u - z (giniCI ``normalize(goalpost)``)
``dist2targ``     +1: (x - min x) / (target - min x);                           1
                  -1: (max x - x) / (max x - target); capped at 1 when ``cap``
                  (COINr ``n_dist2targ``; the target comes from the framework)
``dist2max``      1 - (max y - y) / (max y - min y)  (COINr ``n_dist2max``:     1
                  distance to the best unit)
``sum``           z / Σ z, z = x, or z = min x + max x - x for direction -1     1 / n
                  (reflection keeps the range); needs x >= 0
``vector``        z / sqrt(Σ z²), z as for ``sum``; needs x >= 0                1 / sqrt(n)
``log``           direction · ln(x); needs x > 0                                direction · ln(x)
``none``          x                                                             x
================  ===========================================================  ===========================

A constant column carries no information; rather than 0/0 = NaN (COINr) it gets the
value in the last column, so that scores stay finite and ranks are decided by the
other indicators. Inputs outside a method's domain (negative values for ``sum``,
``vector``; non-positive for ``log``) raise an :class:`~analysis.errors.InputError`
naming the column.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.stats import rankdata

from analysis.errors import InputError


def column_error(j: int, message: str) -> InputError:
    """An :class:`InputError` about column ``j``; the pipeline renames it by indicator code."""
    err = InputError(f"column {j}: {message}")
    err.column = int(j)  # type: ignore[attr-defined]
    err.detail = message  # type: ignore[attr-defined]
    return err


def _prep(x: np.ndarray, direction: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError(
            f"normalise: expected a 2-D (units, indicators) array, got shape {x.shape}"
        )
    d = np.ones(x.shape[1]) if direction is None else np.asarray(direction, dtype=np.float64)
    return x, d


def _range(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    has = ~np.all(np.isnan(y), axis=0)
    lo = np.full(y.shape[1], np.nan)
    hi = np.full(y.shape[1], np.nan)
    lo[has] = np.nanmin(y[:, has], axis=0)
    hi[has] = np.nanmax(y[:, has], axis=0)
    return lo, hi


def _reference(reference: np.ndarray | None, x: np.ndarray) -> np.ndarray:
    """The rows column statistics come from: ``reference`` if given, else ``x`` itself."""
    if reference is None:
        return x
    ref = np.asarray(reference, dtype=np.float64)
    if ref.ndim != 2 or ref.shape[1] != x.shape[1]:
        raise ValueError(
            f"normalise: reference rows of shape {ref.shape} for data of shape {x.shape}"
        )
    return ref


def minmax(
    x: np.ndarray,
    direction: np.ndarray | None = None,
    l: float = 0.0,  # noqa: E741 - COINr's l_u = c(l, u)
    u: float = 100.0,
    reference: np.ndarray | None = None,
) -> np.ndarray:
    """Min-max to [l, u] (COINr ``n_minmax``, ``l_u = c(l, u)``); constant column → (l + u) / 2.

    ``reference``: rows whose minimum and maximum are used (e.g. all years of a run,
    or a reference year's rows: giniCI ``normalize(method = "min-max", ref.time = ...)``);
    default ``x`` itself. Values outside the reference range fall outside [l, u].
    """
    x, d = _prep(x, direction)
    y = x * d
    lo, hi = _range(_reference(reference, x) * d)
    span = hi - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (y - lo) / span * (u - l) + l
    flat = span == 0
    if flat.any():
        out[:, flat] = np.where(np.isnan(y[:, flat]), np.nan, (l + u) / 2)
    return out


def _nanstd1(y: np.ndarray, ddof: int = 1) -> tuple[np.ndarray, np.ndarray]:
    ok = ~np.isnan(y)
    n = ok.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ok, y, 0.0).sum(axis=0) / n
        dev = np.where(ok, y - mean, 0.0)
        sd = np.sqrt((dev * dev).sum(axis=0) / (n - ddof))
    return mean, sd


def zscore(
    x: np.ndarray, direction: np.ndarray | None = None, m: float = 0.0, s: float = 1.0
) -> np.ndarray:
    """Standardise to mean ``m`` and sd ``s`` (COINr ``n_zscore``, ``m_sd = c(m, s)``); constant → m."""
    x, d = _prep(x, direction)
    y = x * d
    mean, sd = _nanstd1(y)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (y - mean) / sd * s + m
    flat = ~(sd > 0)
    if flat.any():
        out[:, flat] = np.where(np.isnan(y[:, flat]), np.nan, m)
    return out


def mpi(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Mazziotta–Pareto standardisation: ``z = 100 + 10 · (y − mean y) / S``, S the
    population sd (divisor n); a constant column → 100.

    The normalisation of the MPI (De Muro, Mazziotta & Pareto 2011, Social Indicators
    Research 104: 1-18); aggregate with ``mpi`` (:func:`analysis.aggregate.mpi`). Differs
    from ``zscore`` with m = 100, s = 10 only in the sd's divisor (n, not n − 1).
    """
    x, d = _prep(x, direction)
    y = x * d
    mean, sd = _nanstd1(y, ddof=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (y - mean) / sd * 10.0 + 100.0
    flat = ~(sd > 0)
    if flat.any():
        out[:, flat] = np.where(np.isnan(y[:, flat]), np.nan, 100.0)
    return out


def rank(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Rank within each column, 1 = lowest (direction-adjusted) value, ties take the lowest rank.

    COINr ``n_rank`` (R ``rank(ties.method = "min")``); missing stays missing.
    """
    x, d = _prep(x, direction)
    return rankdata(x * d, method="min", axis=0, nan_policy="omit").astype(np.float64)


def percentile(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Percentile rank in [0, 1]: (rank - 1) / (n - 1) (COINr ``n_prank``); n = 1 gives 0.5."""
    r = rank(x, direction)
    n = (~np.isnan(r)).sum(axis=0).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (r - 1) / (n - 1)
    single = n == 1
    if single.any():
        out[:, single] = np.where(np.isnan(r[:, single]), np.nan, 0.5)
    return out


def goalposts(
    x: np.ndarray,
    direction: np.ndarray | None = None,
    lower: float | np.ndarray = 0.0,
    upper: float | np.ndarray = 1.0,
    scale: float = 1.0,
    trunc: bool = True,
) -> np.ndarray:
    """Fraction of the way from the worst goalpost to the best one (COINr ``n_goalposts``).

    ``lower`` and ``upper`` are scalars or one value per column; for direction -1 the
    goalposts are flipped. With ``trunc`` values beyond the posts are clipped to [0, scale].
    """
    x, d = _prep(x, direction)
    lo = np.broadcast_to(np.asarray(lower, dtype=np.float64), (x.shape[1],))
    hi = np.broadcast_to(np.asarray(upper, dtype=np.float64), (x.shape[1],))
    bad = np.flatnonzero(~(hi > lo))
    if bad.size:
        raise column_error(
            int(bad[0]), f"goalposts need lower < upper, got {lo[bad[0]]} and {hi[bad[0]]}"
        )
    start = np.where(d > 0, lo, hi)
    end = np.where(d > 0, hi, lo)
    out = (x - start) / (end - start)
    if trunc:
        out = np.clip(out, 0.0, 1.0)
    return out * scale


def mp_goalposts(
    x: np.ndarray,
    direction: np.ndarray | None = None,
    l: float = 70.0,  # noqa: E741 - giniCI's gp.range = c(a, b)
    u: float = 130.0,
    reference: np.ndarray | None = None,
) -> np.ndarray:
    """Goalposts around a reference mean (Mazziotta & Pareto 2016; giniCI ``normalize``).

    Over the ``reference`` rows (default ``x``; a reference year's rows keep every year
    on the same goalposts): inf, sup, ref = column min, max and mean; Δ = (sup − inf)/2;
    gp_min = ref − Δ, gp_max = ref + Δ;
    ``z = (x − gp_min) / (gp_max − gp_min) · (u − l) + l`` and, for direction −1, the
    mirror ``z' = l + u − z``. The reference mean maps to (l + u)/2; values may leave
    [l, u]. Source: Mazziotta, M. & Pareto, A. (2016), Social Indicators Research 127,
    983-1003; giniCI vignette §2.2 eq. (3)-(6). A column constant over the reference rows
    (Δ = 0) gets (l + u)/2 where giniCI stops.
    """
    x, d = _prep(x, direction)
    if not u > l:
        raise InputError(f"normalise mp_goalposts: needs l < u, got l={l}, u={u}")
    ref_rows = _reference(reference, x)
    inf, sup = _range(ref_rows)
    ok = ~np.isnan(ref_rows)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = np.where(ok, ref_rows, 0.0).sum(axis=0) / ok.sum(axis=0)
    delta = (sup - inf) / 2
    low = centre - delta
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (x - low) / (2 * delta) * (u - l) + l
    flat = delta == 0
    if flat.any():
        z[:, flat] = np.where(np.isnan(x[:, flat]), np.nan, (l + u) / 2)
    return np.where(d > 0, z, l + u - z)


def dist2targ(
    x: np.ndarray,
    direction: np.ndarray | None = None,
    target: float | np.ndarray | None = None,
    cap: bool = False,
) -> np.ndarray:
    """Distance to target (COINr ``n_dist2targ``): 1 at the target, 0 at the worst unit.

    ``target`` is a scalar or one value per column (the pipeline passes the framework's
    ``target`` column). A column whose worst value equals the target gives 1.
    """
    x, d = _prep(x, direction)
    if target is None:
        raise InputError(
            "normalise dist2targ: needs a target (framework column 'target' or parameter)"
        )
    t = np.broadcast_to(np.asarray(target, dtype=np.float64), (x.shape[1],))
    missing = np.flatnonzero(np.isnan(t))
    if missing.size:
        raise column_error(int(missing[0]), "no target for dist2targ")
    lo, hi = _range(x)
    num = np.where(d > 0, x - lo, hi - x)
    den = np.where(d > 0, t - lo, hi - t)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = num / den
    flat = den == 0
    if flat.any():
        out[:, flat] = np.where(np.isnan(x[:, flat]), np.nan, 1.0)
    if cap:
        out = np.minimum(out, 1.0)
    return out


def dist2max(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Distance to the best unit: 1 - (max y - y) / (max y - min y) (COINr ``n_dist2max``); constant → 1."""
    x, d = _prep(x, direction)
    y = x * d
    lo, hi = _range(y)
    span = hi - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 1 - (hi - y) / span
    flat = span == 0
    if flat.any():
        out[:, flat] = np.where(np.isnan(y[:, flat]), np.nan, 1.0)
    return out


def _reflect(x: np.ndarray, d: np.ndarray, what: str) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        neg = np.flatnonzero(np.any(x < 0, axis=0))
    if neg.size:
        raise column_error(int(neg[0]), f"{what} normalisation needs values >= 0")
    lo, hi = _range(x)
    return np.where(d > 0, x, lo + hi - x)


def sum_(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Share of the column total, z / Σz (cost columns reflected first); all-zero → 1 / n."""
    x, d = _prep(x, direction)
    z = _reflect(x, d, "sum")
    total = np.nansum(z, axis=0)
    n = (~np.isnan(z)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = z / total
    flat = total == 0
    if flat.any():
        out[:, flat] = np.where(np.isnan(z[:, flat]), np.nan, 1.0 / np.maximum(n[flat], 1))
    return out


def vector(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Vector normalisation z / ‖z‖₂ (cost columns reflected first); all-zero → 1 / sqrt(n)."""
    x, d = _prep(x, direction)
    z = _reflect(x, d, "vector")
    norm = np.sqrt(np.nansum(z * z, axis=0))
    n = (~np.isnan(z)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = z / norm
    flat = norm == 0
    if flat.any():
        out[:, flat] = np.where(np.isnan(z[:, flat]), np.nan, 1.0 / np.sqrt(np.maximum(n[flat], 1)))
    return out


def log(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """direction · ln(x); values must be > 0."""
    x, d = _prep(x, direction)
    with np.errstate(invalid="ignore"):
        bad = np.flatnonzero(np.any(x <= 0, axis=0))
    if bad.size:
        raise column_error(int(bad[0]), "log normalisation needs values > 0")
    return np.log(x) * d


def none(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """No normalisation (direction ignored)."""
    return np.array(x, dtype=np.float64)


METHODS: dict[str, Callable[..., np.ndarray]] = {
    "minmax": minmax,
    "zscore": zscore,
    "mpi": mpi,
    "rank": rank,
    "percentile": percentile,
    "goalposts": goalposts,
    "mp_goalposts": mp_goalposts,
    "dist2targ": dist2targ,
    "dist2max": dist2max,
    "sum": sum_,
    "vector": vector,
    "log": log,
    "none": none,
}
ALIASES = {
    "n_minmax": "minmax",
    "n_zscore": "zscore",
    "n_rank": "rank",
    "n_prank": "percentile",
    "n_goalposts": "goalposts",
    "n_dist2targ": "dist2targ",
    "distance_to_target": "dist2targ",
    "n_dist2max": "dist2max",
    "distance_to_best": "dist2max",
}


def normalise(
    x: np.ndarray, direction: np.ndarray | None = None, method: str = "minmax", **params: float
) -> np.ndarray:
    """Apply ``METHODS[method]`` (aliases: COINr's ``n_*`` names) with ``params``."""
    name = ALIASES.get(method, method)
    if name not in METHODS:
        raise InputError(f"normalise: unknown method {method!r}; choose from {sorted(METHODS)}")
    return METHODS[name](x, direction, **params)
