"""Weighting methods: objective, subjective and combined, one pure function each.

Every method takes a decision matrix ``x`` (units × criteria, float64), the criteria
``directions`` (+1 benefit, −1 cost; default all +1) and the criteria ``names`` (used in
error messages), plus keyword-only options, and returns float64 weights ``w ≥ 0`` with
``Σ w = 1`` in column order. The one exception is ``pca(variant="coinr")``, whose weights
may be negative (with a warning), as in COINr.

:data:`METHODS` maps method names to functions and :func:`compute_weights` is the single
entry point used by specs and the command line; it validates the matrix, the directions
and the option names (an unknown option is an :class:`~analysis.errors.InputError`
naming it). :func:`weights_by_group` applies a method within every group of a framework.

Common behaviour, unless a method's docstring says otherwise:

- NaN or ±inf anywhere: InputError naming the column and row.
- Fewer than 2 units: InputError (equal, expert and AHP weights need no data rows).
- A constant column carries no information: it gets weight 0 and a ``UserWarning`` naming
  it; if every column is constant the method cannot weight and raises InputError.
- Zeros and negatives: fine for methods that min-max normalise first; methods that need
  ratio-scale data (entropy ``variant=sum``, coefficient of variation) raise InputError
  naming the column.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis import ahp as _ahp
from analysis.errors import InputError

Array = np.ndarray

# ---------------------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------------------


def _names(names: Sequence[str] | None, m: int) -> list[str]:
    return [str(n) for n in names] if names is not None else [f"c{j + 1}" for j in range(m)]


def _directions(directions: Sequence[float] | Array | None, m: int, names: list[str]) -> Array:
    if directions is None:
        return np.ones(m)
    d = np.asarray(directions, dtype=float).reshape(-1)
    if d.size != m:
        raise InputError(f"directions: {d.size} given for {m} criteria")
    bad = [names[j] for j in range(m) if d[j] not in (1.0, -1.0)]
    if bad:
        raise InputError(f"direction of {', '.join(map(repr, bad))} must be +1 or -1")
    return d


def check_matrix(
    x: Any, names: Sequence[str] | None = None, min_units: int = 2, finite: bool = True
) -> Array:
    """Return ``x`` as a finite float64 2-D array, or raise InputError naming the fault.

    ``finite=False`` skips the scan for NaN/inf, for callers that detect them from their
    own column reductions (NaN and inf propagate into sums) and then call again.
    """
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 2:
        raise InputError(f"decision matrix must be 2-D (units × criteria), got {arr.ndim}-D")
    n, m = arr.shape
    labels = _names(names, m)
    if m == 0:
        raise InputError("decision matrix has no criteria")
    if n < min_units:
        raise InputError(
            f"decision matrix has {n} unit(s); this method needs at least {min_units}"
        )
    if not finite:
        return arr
    ok = np.isfinite(arr)
    if not ok.all():
        i, j = np.argwhere(~ok)[0]
        raise InputError(
            f"row {i + 1}, column {labels[j]!r}: value {arr[i, j]} is missing or infinite; "
            "impute or drop it first"
        )
    return arr


def _constant_columns(x: Array) -> Array:
    """Boolean mask of columns whose values are all equal (to 1e-12 relative)."""
    span = x.max(axis=0) - x.min(axis=0)
    scale = np.maximum(np.abs(x).max(axis=0), 1.0)
    return span <= 1e-12 * scale


def _warn_constant(mask: Array, names: list[str], method: str) -> None:
    if mask.all():
        raise InputError(
            f"{method}: every criterion is constant over the units "
            f"({', '.join(map(repr, names))}); nothing to weight"
        )
    if mask.any():
        cols = ", ".join(repr(names[j]) for j in np.flatnonzero(mask))
        warnings.warn(
            f"{method}: constant column(s) {cols} carry no information and get weight 0",
            UserWarning,
            stacklevel=3,
        )


def _scale_to_one(v: Array, method: str) -> Array:
    total = v.sum()
    if not np.isfinite(total) or total <= 0:
        raise InputError(f"{method}: weights cannot be scaled to sum 1 (sum = {total})")
    return v / total


def minmax_benefit(
    x: Array, directions: Array, lo: Array | None = None, hi: Array | None = None
) -> Array:
    """Min-max to [0, 1] with direction first: benefit ``(x − min)/(max − min)``, cost
    ``(max − x)/(max − min)``; a constant column becomes 0. ``lo``/``hi`` may be passed
    when the column minima and maxima are already known."""
    lo = x.min(axis=0) if lo is None else lo
    hi = x.max(axis=0) if hi is None else hi
    span = hi - lo
    scale = np.divide(directions, span, out=np.zeros_like(span), where=span > 0)
    r = x - np.where(directions > 0, lo, hi)
    r *= scale
    return r


def _spread(x: Array) -> tuple[Array, Array]:
    """Column means and standard deviations (n − 1 divisor), in three passes."""
    mean = x.mean(axis=0)
    centred = x - mean
    return mean, np.sqrt(np.einsum("ij,ij->j", centred, centred) / max(len(x) - 1, 1))


def _is_constant(sd: Array, mean: Array) -> Array:
    return (sd == 0) | (sd <= 1e-12 * np.abs(mean))


# ---------------------------------------------------------------------------------------
# objective methods
# ---------------------------------------------------------------------------------------


def equal(x: Any, directions: Any = None, names: Sequence[str] | None = None) -> Array:
    """Equal weights ``w_j = 1/m``. Needs no data rows; ignores directions and values."""
    m = np.asarray(x, dtype=float).reshape(-1, np.shape(x)[-1]).shape[1]
    return np.full(m, 1.0 / m)


ENTROPY_VARIANTS = ("minmax", "sum")


def entropy(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    variant: str = "minmax",
    shift: float = 0.0,
) -> Array:
    """Entropy weights (熵权法): criteria whose values are more unequal weigh more.

    With n units and the normalised value ``r_ij``:

    (1) ``p_ij = (r_ij + shift) / Σ_i (r_ij + shift)``
    (2) ``e_j = −(1 / ln n) Σ_i p_ij ln p_ij`` with ``0 · ln 0 = 0``
    (3) ``d_j = 1 − e_j``  (degree of diversification)
    (4) ``w_j = d_j / Σ_k d_k``

    Source: Shannon (1948); Zeleny (1982), *Multiple Criteria Decision Making*,
    McGraw-Hill, ch. 7; Hwang & Yoon (1981), *Multiple Attribute Decision Making*,
    Springer, §4.1.2.3 (p. 53-54). The min-max form is the one of Chinese textbooks,
    e.g. 郭显光 (1998) 改进的熵值法及其在经济效益评价中的应用, 系统工程理论与实践 18(12).

    Variants (``variant=``):

    - ``minmax`` (default): ``r_ij`` = min-max to [0, 1] with direction first (benefit
      ``(x − min)/(max − min)``, cost ``(max − x)/(max − min)``). Each column has a zero
      (its worst unit), handled by ``0 · ln 0 = 0``. Invariant to units and to shifts of
      the raw data.
    - ``sum``: ``r_ij = x_ij`` raw (Hwang & Yoon; scikit-criteria's ``entropy_weights``
      and pymcdm's ``entropy_weights``); directions are not used (dispersion does not
      depend on them). Needs ``x + shift ≥ 0``: a negative value is an InputError naming
      the column. Invariant to units (scaling), not to shifts.

    ``shift`` (default 0): added to every normalised value before (1); the translation
    some authors use to avoid ``ln 0`` (e.g. 0.0001 or 1). With ``shift > 0`` the
    ``0 · ln 0`` convention is never needed.

    Zeros: ``0 · ln 0 = 0``. A column whose ``r`` sum to 0 (constant in ``minmax``, all
    zeros in ``sum``), or that is constant, gets weight 0 with a warning. NaN: InputError.
    Differences from peers: pymcdm sets ``e_j = 0`` for any column containing a zero
    (so such a column gets the largest weight), where this function uses ``0 · ln 0 = 0``.
    """
    x = check_matrix(x, names)
    n, m = x.shape
    labels = _names(names, m)
    d = _directions(directions, m, labels)
    try:
        shift = float(shift)
    except (TypeError, ValueError):
        raise InputError(f"entropy shift={shift!r}: expected a number") from None
    if not np.isfinite(shift) or shift < 0:
        raise InputError(f"entropy shift={shift}: must be a number ≥ 0")
    lo, hi = x.min(axis=0), x.max(axis=0)
    constant = (hi - lo) <= 1e-12 * np.maximum(np.maximum(np.abs(lo), np.abs(hi)), 1e-300)
    if variant == "minmax":
        r = minmax_benefit(x, d, lo, hi)
    elif variant == "sum":
        negative = lo + shift < 0
        if negative.any():
            j = int(np.flatnonzero(negative)[0])
            raise InputError(
                f"entropy variant=sum: column {labels[j]!r} has negative values; "
                "use variant=minmax (the default) or a shift"
            )
        r = x
    else:
        raise InputError(f"entropy variant={variant!r}: use one of {', '.join(ENTROPY_VARIANTS)}")
    r = r + shift if shift else r
    totals = r.sum(axis=0)
    dead = constant | (totals <= 0)
    _warn_constant(dead, labels, "entropy")
    safe = np.where(totals > 0, totals, 1.0)
    # 0 · ln 0 = 0: ln of a zero is replaced by ln(tiny), finite, and multiplied by 0
    if variant == "minmax" and shift <= 1:
        # r ∈ [0, 1 + shift]: Σ p ln p = Σ r ln r / S − ln S, without forming p (1)
        rlogr = np.einsum("ij,ij->j", r, np.log(np.maximum(r, np.finfo(float).tiny)))
        plogp = rlogr / safe - np.log(safe)
    else:
        p = r * (1.0 / safe)  # (1)
        plogp = np.einsum("ij,ij->j", p, np.log(np.maximum(p, np.finfo(float).tiny)))
    e = -plogp / np.log(n)  # (2)
    div = np.clip(1.0 - e, 0.0, None)  # (3)
    div[dead] = 0.0
    return _scale_to_one(div, "entropy")  # (4)


CORRELATIONS = ("pearson", "spearman")


def _rank_columns(x: Array) -> Array:
    from scipy.stats import rankdata

    return rankdata(x, axis=0, method="average")


def _corr(x: Array, live: Array) -> Array:
    """Pearson correlation of the columns; rows/columns of constant columns are 0."""
    m = x.shape[1]
    c = np.zeros((m, m))
    xl = x[:, live]
    z = xl - xl.mean(axis=0)
    z /= np.sqrt((z * z).sum(axis=0))
    c[np.ix_(live, live)] = z.T @ z
    np.fill_diagonal(c, 1.0)
    return np.clip(c, -1.0, 1.0)


def critic(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    correlation: str = "pearson",
) -> Array:
    """CRITIC weights (CRiteria Importance Through Intercriteria Correlation).

    (eq. 2-3) ``r_ij`` = min-max to [0, 1] with direction first (cost: ``(max − x)/(max − min)``)
    (eq. 4)  ``ρ_jk`` = correlation of columns j and k of ``r``
    (eq. 5)  ``C_j = σ_j Σ_k (1 − ρ_jk)``, ``σ_j`` the standard deviation of ``r_·j``
    (eq. 6)  ``w_j = C_j / Σ_k C_k``

    Source: Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995). Determining objective
    weights in multiple criteria problems: the CRITIC method. Computers & Operations
    Research 22(7), 763-770.

    ``correlation=pearson`` (default, as in the paper) or ``spearman`` (Pearson on ranks,
    ties averaged). Cost criteria are honoured: flipping a criterion's direction flips the
    sign of its correlations, so it changes the weights. The choice of ``σ`` (n or n − 1
    divisor) cancels in (eq. 6). Invariant to units and shifts of the raw data.

    Zeros and negatives: fine. Constant column: ``σ = 0`` so weight 0 (with a warning), its
    correlations taken as 0. Criteria all perfectly correlated (every ``C_j = 0``):
    InputError. NaN: InputError.
    Differences from peers: pymcdm's ``critic_weights`` ignores cost criteria (min-max
    treats every column as benefit); scikit-criteria's ``CRITIC`` honours them and agrees.
    """
    x = check_matrix(x, names)
    m = x.shape[1]
    labels = _names(names, m)
    d = _directions(directions, m, labels)
    if correlation not in CORRELATIONS:
        raise InputError(f"critic correlation={correlation!r}: use one of {', '.join(CORRELATIONS)}")
    constant = _constant_columns(x)
    _warn_constant(constant, labels, "critic")
    r = minmax_benefit(x, d)  # (2-3)
    live = ~constant
    rho = _corr(_rank_columns(r) if correlation == "spearman" else r, live)  # (4)
    sigma = r.std(axis=0, ddof=1)
    c = sigma * (1.0 - rho).sum(axis=0)  # (5)
    c[constant] = 0.0
    if c.sum() <= 1e-12 * max(sigma.sum(), 1e-300):
        raise InputError(
            "critic: the criteria are perfectly correlated with each other "
            f"({', '.join(map(repr, labels))}); CRITIC cannot tell them apart"
        )
    return _scale_to_one(c, "critic")  # (6)


def coefficient_of_variation(
    x: Any, directions: Any = None, names: Sequence[str] | None = None
) -> Array:
    """Coefficient-of-variation weights (变异系数法).

    ``v_j = s_j / x̄_j`` (s with n − 1 divisor; the divisor cancels), ``w_j = v_j / Σ_k v_k``.

    Source: e.g. 俞立平 & 潘云涛 (2009); Zardari et al. (2015), *Weighting Methods and their
    Effects on Multi-Criteria Decision Making Model Outcomes*, Springer, §3.2.
    Computed on the raw values, which must be ratio-scale: a negative value or a zero
    mean is an InputError naming the column. Directions are not used (dispersion does
    not depend on them). Invariant to units (scaling), not to shifts. Constant column:
    weight 0 with a warning. NaN: InputError.
    """
    x = check_matrix(x, names)
    m = x.shape[1]
    labels = _names(names, m)
    _directions(directions, m, labels)
    neg = (x < 0).any(axis=0)
    if neg.any():
        j = int(np.flatnonzero(neg)[0])
        raise InputError(
            f"coefficient of variation: column {labels[j]!r} has negative values; it needs "
            "ratio-scale data (use std or entropy instead)"
        )
    mean, sd = _spread(x)
    zero = mean <= 0
    if zero.any():
        j = int(np.flatnonzero(zero)[0])
        raise InputError(f"coefficient of variation: column {labels[j]!r} has mean 0")
    constant = _is_constant(sd, mean)
    _warn_constant(constant, labels, "cv")
    v = sd / mean
    v[constant] = 0.0
    return _scale_to_one(v, "cv")


STD_NORMALISATIONS = ("minmax", "none")


def standard_deviation(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    normalisation: str = "minmax",
) -> Array:
    """Standard-deviation weights (标准离差法).

    ``w_j = σ_j / Σ_k σ_k`` with ``σ_j`` the standard deviation of column j of:

    - ``normalisation=minmax`` (default): the data min-max normalised to [0, 1] (direction
      does not matter for σ), so the weights do not depend on units;
    - ``normalisation=none``: the raw data (pymcdm's and scikit-criteria's
      ``std_weights``), which depends on each criterion's unit.

    Source: Diakoulaki et al. (1995), §2 (σ as the contrast intensity of a criterion);
    Wang & Luo (2010), Math. Comput. Modelling 51, 1-12. Zeros and negatives: fine.
    Constant column: weight 0 with a warning. NaN: InputError.
    """
    x = check_matrix(x, names, finite=False)
    m = x.shape[1]
    labels = _names(names, m)
    _directions(directions, m, labels)  # validated; σ does not depend on them
    if normalisation not in STD_NORMALISATIONS:
        raise InputError(
            f"std normalisation={normalisation!r}: use one of {', '.join(STD_NORMALISATIONS)}"
        )
    mean, sd = _spread(x)
    if not np.isfinite(sd).all():
        check_matrix(x, labels)  # raises, naming the cell
    constant = _is_constant(sd, mean)
    _warn_constant(constant, labels, "std")
    if normalisation == "minmax":
        # σ of (x − min)/(max − min) is σ(x)/(max − min): no need to build the matrix
        sd = np.divide(sd, np.ptp(x, axis=0), out=np.zeros_like(sd), where=~constant)
    sd[constant] = 0.0
    return _scale_to_one(sd, "std")


def gini_coefficients(x: Any, names: Sequence[str] | None = None) -> Array:
    """Gini coefficient of every column (units in rows), population form.

    ``G = Σ_i Σ_k |x_i − x_k| / (2 n² x̄) = 2 Σ_i i·x_(i) / (n Σ x) − (n + 1)/n`` with
    ``x_(1) ≤ … ≤ x_(n)`` (Gini 1914; e.g. Ceriani & Verme 2012, J. Econ. Inequality 10,
    421-443, eq. 1). R's ``DescTools::Gini`` (used by giniCI) multiplies by n/(n − 1) by
    default; that factor is the same for every column, so weights proportional to G or
    1/G do not depend on it. Needs values ≥ 0 and a positive column sum (InputError
    naming the column otherwise); NaN: InputError.
    """
    x = check_matrix(x, names)
    n, m = x.shape
    labels = _names(names, m)
    negative = (x < 0).any(axis=0)
    if negative.any():
        j = int(np.flatnonzero(negative)[0])
        raise InputError(
            f"gini: column {labels[j]!r} has negative values; the Gini coefficient needs "
            "values ≥ 0 (normalise to a non-negative range first)"
        )
    totals = x.sum(axis=0)
    if (totals <= 0).any():
        j = int(np.flatnonzero(totals <= 0)[0])
        raise InputError(f"gini: column {labels[j]!r} sums to 0")
    ordered = np.sort(x, axis=0)
    i = np.arange(1, n + 1, dtype=np.float64)
    g = 2.0 * (i @ ordered) / (n * totals) - (n + 1.0) / n
    return np.clip(g, 0.0, None)


def gini(x: Any, directions: Any = None, names: Sequence[str] | None = None) -> Array:
    """Gini weights ``w_j = G_j / Σ_k G_k``: more unequal criteria weigh more.

    ``G_j`` from :func:`gini_coefficients` on the values as given (e.g. normalised
    indicators; directions are not used: inequality does not depend on them).
    Source: Ciommi, Gigliarano, Emili, Taralli & Chelli (2017), Ecological Indicators 76,
    281-296; giniCI vignette §3.1 eq. (7). A constant column (G = 0) gets weight 0 with
    a warning, as in giniCI.
    """
    x = check_matrix(x, names)
    m = x.shape[1]
    labels = _names(names, m)
    _directions(directions, m, labels)
    g = gini_coefficients(x, labels)
    constant = g <= 1e-15
    _warn_constant(constant, labels, "gini")
    g[constant] = 0.0
    return _scale_to_one(g, "gini")


def reciprocal_gini(
    x: Any, directions: Any = None, names: Sequence[str] | None = None
) -> Array:
    """Reciprocal Gini weights ``w_j = (1/G_j) / Σ_k (1/G_k)``: more equal criteria weigh more.

    Source: Ciommi et al. (2017); giniCI vignette §3.1 eq. (8). A constant column
    (G = 0) makes the weights undefined: InputError naming it (giniCI stops too).
    """
    x = check_matrix(x, names)
    m = x.shape[1]
    labels = _names(names, m)
    _directions(directions, m, labels)
    g = gini_coefficients(x, labels)
    zero = np.flatnonzero(g <= 1e-15)
    if zero.size:
        raise InputError(
            f"reciprocal_gini: column {labels[zero[0]]!r} has Gini coefficient 0 "
            "(constant); its reciprocal weight is undefined"
        )
    return _scale_to_one(1.0 / g, "reciprocal_gini")


# --- PCA ---------------------------------------------------------------------------------

PCA_VARIANTS = ("handbook", "coinr", "pc1abs")


def _standardise(x: Array, directions: Array) -> Array:
    z = x * directions
    z = z - z.mean(axis=0)
    return z / z.std(axis=0, ddof=1)


def _pca_input(x: Any, directions: Any, names: Sequence[str] | None) -> Array:
    """The matrix PCA works on: direction applied, centred, unit variance (n − 1).

    A constant column cannot be standardised: an InputError names it.
    """
    x = check_matrix(x, names, min_units=3)
    m = x.shape[1]
    labels = _names(names, m)
    d = _directions(directions, m, labels)
    constant = _constant_columns(x)
    if constant.any():
        raise InputError(
            "pca: constant column(s) "
            f"{', '.join(repr(labels[j]) for j in np.flatnonzero(constant))} cannot be "
            "standardised; drop them first"
        )
    return _standardise(x, d)


def pca_loadings(x: Any, directions: Any = None, names: Sequence[str] | None = None) -> Array:
    """First-component loadings as R's ``prcomp(scale. = TRUE)$rotation[, 1]`` (COINr).

    Columns are multiplied by their direction, centred and scaled to unit variance
    (n − 1 divisor); the loadings are the first right singular vector (unit length). The
    sign of a singular vector is arbitrary; it is fixed here so that the sum of the
    loadings is positive (R's LAPACK may return the opposite sign; the weights COINr
    derives are used relative to their sum, so the sign does not change a composite).
    """
    z = _pca_input(x, directions, names)
    _, _, vt = np.linalg.svd(z, full_matrices=False)
    v = vt[0]
    return v if v.sum() >= 0 else -v


def varimax(
    loadings: Array, normalize: bool = True, tol: float = 1e-12, max_sweeps: int = 1000
) -> Array:
    """Varimax rotation (Kaiser 1958) of a loading matrix (criteria × factors).

    Maximises Σ_f [Σ_i l_if⁴ − (Σ_i l_if²)² / p] by Kaiser's (1959) planar rotations: each
    pair of factors (x, y) is turned by φ = ¼ atan2(D − 2AB/p, C − (A² − B²)/p), with
    u = x² − y², v = 2xy, A = Σu, B = Σv, C = Σ(u² − v²), D = 2Σuv, sweeping over all pairs
    (disjoint pairs of a round-robin schedule are turned together) until no angle exceeds
    ``tol`` radians or ``max_sweeps`` is reached. Kaiser row normalisation first (as R's
    ``stats::varimax`` and SPSS) unless ``normalize=False``. The optimum is the one R's
    SVD iteration converges to; planar sweeps converge in a few passes where that
    iteration can need thousands of steps.
    """
    p, k = loadings.shape
    if k < 2:
        return loadings.copy()
    sc = np.sqrt((loadings**2).sum(axis=1)) if normalize else np.ones(p)
    sc = np.where(sc > 0, sc, 1.0)
    a = loadings / sc[:, None]
    rounds = _round_robin(k)
    for _ in range(max_sweeps):
        largest = 0.0
        for f, g in rounds:  # disjoint pairs, rotated together
            x, y = a[:, f], a[:, g]
            u, v = x * x - y * y, 2 * x * y
            big_a, big_b = u.sum(axis=0), v.sum(axis=0)
            big_c, big_d = (u * u - v * v).sum(axis=0), 2 * (u * v).sum(axis=0)
            phi = 0.25 * np.arctan2(big_d - 2 * big_a * big_b / p,
                                    big_c - (big_a**2 - big_b**2) / p)
            c, s = np.cos(phi), np.sin(phi)
            a[:, f], a[:, g] = c * x + s * y, c * y - s * x
            largest = max(largest, float(np.abs(phi).max()))
        if largest <= tol:
            break
    return a * sc[:, None]


def _round_robin(k: int) -> list[tuple[Array, Array]]:
    """The k − 1 rounds (k even; a dummy is added when odd) of a round-robin tournament:
    each round pairs every factor with another, so each sweep visits every pair once."""
    players = list(range(k)) + ([-1] if k % 2 else [])
    half = len(players) // 2
    rounds = []
    for _ in range(len(players) - 1):
        pairs = [(players[i], players[-1 - i]) for i in range(half)]
        pairs = [(f, g) if f < g else (g, f) for f, g in pairs if f >= 0 and g >= 0]
        rounds.append((np.array([f for f, _ in pairs]), np.array([g for _, g in pairs])))
        players = [players[0], players[-1], *players[1:-1]]
    return rounds


def pca_handbook_details(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    min_eigenvalue: float = 1.0,
    min_share: float | None = None,
) -> dict[str, Any]:
    """The intermediate tables of the OECD/JRC Handbook's factor-analysis weights.

    Returns the eigenvalues, the rotated loadings, the squared loadings scaled to unity
    sum per factor, each factor's explained variance and share, the factor each
    criterion is assigned to, and the weights (see :func:`pca`).
    """
    z = _pca_input(x, directions, names)
    m = z.shape[1]
    corr = (z.T @ z) / (z.shape[0] - 1)
    values, vectors = np.linalg.eigh(corr)
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    try:
        min_eigenvalue = float(min_eigenvalue)
    except (TypeError, ValueError):
        raise InputError(f"pca min_eigenvalue={min_eigenvalue!r}: expected a number") from None
    k = int((values > min_eigenvalue + 1e-9).sum())  # knife-edge ties count as ≤
    if min_share is not None:
        try:
            share = float(min_share)
        except (TypeError, ValueError):
            raise InputError(f"pca min_share={min_share!r}: expected a number") from None
        k = max(k, int((values / m > share + 1e-12).sum()))
    k = max(1, k)
    loadings = vectors[:, :k] * np.sqrt(np.clip(values[:k], 0.0, None))
    rotated = varimax(loadings)
    sq = rotated**2
    explained = sq.sum(axis=0)  # variance explained by each rotated factor
    scaled = sq / explained  # squared loadings scaled to unity sum (per factor)
    share = explained / explained.sum()
    assigned = np.argmax(scaled, axis=1)
    raw = scaled[np.arange(m), assigned] * share[assigned]
    return {
        "eigenvalues": values,
        "n_factors": k,
        "loadings": rotated,
        "scaled_squared_loadings": scaled,
        "explained_variance": explained,
        "explained_share": share,
        "factor": assigned,
        "weights": raw / raw.sum(),
    }


def pca(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    variant: str = "handbook",
    min_eigenvalue: float = 1.0,
    min_share: float | None = None,
) -> Array:
    """Weights from principal components; say which ``variant`` a report uses.

    All variants first multiply each column by its direction, centre it and scale it to
    unit variance (so they are invariant to units and shifts).

    - ``handbook`` (default): OECD/JRC (2008), *Handbook on Constructing Composite
      Indicators*, §6.1 (p. 89-91) and Step 6 / Tables 17-18. Principal-component
      factors of the correlation matrix with eigenvalue > ``min_eigenvalue`` (1, Kaiser's
      criterion; at least one factor is kept) — or, with ``min_share=0.1``, also those
      explaining more than 10 % of the variance each, the Handbook's further rule, by
      which its TAI example keeps a 4th factor of eigenvalue 0.9 (Tables 16-17) —
      varimax-rotated; squared rotated loadings
      scaled to unity sum within each factor; each criterion is assigned to the factor on
      which its scaled squared loading is largest and weighted by that value times the
      factor's share of the explained variance (``Expl.Var / Expl.Tot``); weights scaled
      to sum 1. Non-negative by construction. On the Handbook's own TAI data (Appendix
      Table A.2, ``min_share=0.1``) this reproduces Tables 16-17 and the weights of
      Tables 18 and 22 (which differ from each other by up to 0.01) within 0.015; the
      residual differences come from the Appendix printing the log indicators to 2
      decimals.
    - ``coinr``: COINr's ``get_PCA()`` weights (Becker et al. 2022, JOSS 7(78), 4567):
      the loadings of the first component, not squared. Returned divided by their sum
      (COINr uses weights relative to their group's sum, so composites are unchanged),
      which makes the arbitrary sign of the component irrelevant; a criterion loading
      against the others gets a **negative** weight, with a ``UserWarning``.
    - ``pc1abs``: absolute first-component loadings scaled to sum 1 (a common simple form).

    Needs ≥ 3 units; a constant column cannot be standardised (InputError naming it);
    NaN: InputError. A single criterion gets weight 1.
    """
    x = check_matrix(x, names, min_units=3)
    m = x.shape[1]
    labels = _names(names, m)
    if variant not in PCA_VARIANTS:
        raise InputError(f"pca variant={variant!r}: use one of {', '.join(PCA_VARIANTS)}")
    if m == 1:
        return np.ones(1)
    if variant == "handbook":
        return pca_handbook_details(
            x, directions, labels, min_eigenvalue=min_eigenvalue, min_share=min_share
        )["weights"]
    v = pca_loadings(x, directions, labels)
    if variant == "pc1abs":
        return _scale_to_one(np.abs(v), "pca")
    if abs(v.sum()) < 1e-12:
        raise InputError("pca variant=coinr: first-component loadings sum to 0; use pc1abs")
    w = v / v.sum()
    if (w < 0).any():
        warnings.warn(
            "pca variant=coinr: negative weight(s) for "
            f"{', '.join(repr(labels[j]) for j in np.flatnonzero(w < 0))} "
            "(they load against the first component)",
            UserWarning,
            stacklevel=2,
        )
    return w


# ---------------------------------------------------------------------------------------
# subjective methods
# ---------------------------------------------------------------------------------------


def expert(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    weights: Sequence[float] | Array | Mapping[str, float] | None = None,
) -> Array:
    """Expert (given) weights, e.g. the framework's ``weight`` column, scaled to sum 1.

    ``weights`` is a sequence in column order or a mapping name → weight covering every
    criterion. Negative, missing or all-zero weights: InputError. Needs no data rows.
    """
    m = np.shape(x)[-1]
    labels = _names(names, m)
    if weights is None:
        raise InputError("expert: no weights given (a 'weight' column in the criteria file)")
    if isinstance(weights, Mapping):
        missing = [c for c in labels if c not in weights]
        if missing:
            raise InputError(f"expert: no weight for {', '.join(map(repr, missing))}")
        w = np.array([float(weights[c]) for c in labels])
    else:
        w = np.asarray(weights, dtype=float).reshape(-1)
        if w.size != m:
            raise InputError(f"expert: {w.size} weights given for {m} criteria")
    bad = [labels[j] for j in range(m) if not np.isfinite(w[j]) or w[j] < 0]
    if bad:
        raise InputError(f"expert: weight of {', '.join(map(repr, bad))} is missing or negative")
    return _scale_to_one(w, "expert")


def ahp(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    pairwise: pd.DataFrame | None = None,
    priorities: str = "eigenvector",
    ri: str = "saaty",
) -> Array:
    """AHP priorities from a labelled pairwise matrix, in the matrix's column order.

    See :mod:`analysis.ahp` for the formulas (eigenvector or geometric-mean priorities,
    λmax, CI, CR with a named random-index table, a warning when CR > 0.1). The pairwise
    labels must be exactly the criteria names. Needs no data rows.
    """
    m = np.shape(x)[-1]
    labels = _names(names, m)
    if pairwise is None:
        raise InputError("ahp: no pairwise comparison matrix given (--pairwise PAIRWISE.csv)")
    result = _ahp.analyse(pairwise, priorities=priorities, ri=ri)
    missing = [c for c in labels if c not in result.labels]
    extra = [c for c in result.labels if c not in labels]
    if missing or extra:
        raise InputError(
            f"ahp: pairwise labels do not match the criteria: missing {missing}, extra {extra}"
        )
    lookup = dict(zip(result.labels, result.weights, strict=True))
    return np.array([lookup[c] for c in labels])


# ---------------------------------------------------------------------------------------
# combined methods
# ---------------------------------------------------------------------------------------


def _stack(sets: Sequence[Any], m: int) -> Array:
    if len(sets) < 2:
        raise InputError(f"combination needs at least two weight sets, got {len(sets)}")
    w = np.array([np.asarray(s, dtype=float).reshape(-1) for s in sets])
    if w.shape[1] != m:
        raise InputError(f"combination: weight sets have {w.shape[1]} entries for {m} criteria")
    if not np.isfinite(w).all() or (w < 0).any():
        raise InputError("combination: weight sets must be finite and non-negative")
    return w / w.sum(axis=1, keepdims=True)


def _alpha(alpha: Sequence[float] | None, k: int) -> Array:
    if alpha is None:
        return np.full(k, 1.0 / k)
    a = np.asarray(alpha, dtype=float).reshape(-1)
    if a.size != k or (a < 0).any() or a.sum() <= 0:
        raise InputError(f"alpha: expected {k} non-negative coefficients, got {list(a)}")
    return a / a.sum()


def linear(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    sets: Sequence[Any] = (),
    alpha: Sequence[float] | None = None,
) -> Array:
    """Linear (additive) combination ``w_j = Σ_k α_k w_kj`` of two or more weight sets.

    ``alpha`` defaults to equal coefficients and is scaled to sum 1 (e.g. the common
    subjective/objective split α = 0.5). Source: e.g. Ma, Fan & Huang (1999), EJOR 112,
    397-404.
    """
    w = _stack(sets, np.shape(x)[-1])
    return _scale_to_one(_alpha(alpha, len(w)) @ w, "linear")


def multiplicative(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    sets: Sequence[Any] = (),
    alpha: Sequence[float] | None = None,
) -> Array:
    """Multiplicative combination (乘法合成归一法) ``w_j = Π_k w_kj^α_k / Σ_i Π_k w_ki^α_k``.

    With ``alpha`` omitted every exponent is 1 (the usual form). A criterion with weight
    0 in any set gets 0. Source: e.g. 郭亚军 (2007), 综合评价理论、方法及应用, 科学出版社, §4.
    """
    w = _stack(sets, np.shape(x)[-1])
    a = np.ones(len(w)) if alpha is None else _alpha(alpha, len(w)) * len(w)
    return _scale_to_one(np.prod(w ** a[:, None], axis=0), "multiplicative")


def game_theory(
    x: Any,
    directions: Any = None,
    names: Sequence[str] | None = None,
    *,
    sets: Sequence[Any] = (),
) -> Array:
    """Game-theory combination (博弈论组合赋权) of L ≥ 2 weight sets ``u_1 … u_L``.

    Seek ``w = Σ_k α_k u_k`` minimising ``Σ_l ‖w − u_l‖²``, whose first-order conditions
    are the linear system

    (1) ``Σ_k α_k u_l·u_k = u_l·u_l``,  l = 1 … L

    then (2) ``α*_k = |α_k| / Σ |α|`` and (3) ``w = Σ_k α*_k u_k``. A singular system
    (e.g. two identical sets) is solved by least squares (minimum norm).
    Source: 王妍 et al. / 刘艳春 — the standard form is in e.g. Lai, Li et al. (2015),
    "Combination weighting based on game theory", and 陈华友 (2004)
    组合预测方法有效性理论及其应用, 科学出版社.
    """
    u = _stack(sets, np.shape(x)[-1])
    gram = u @ u.T
    alpha, *_ = np.linalg.lstsq(gram, np.diag(gram), rcond=None)  # (1)
    a = np.abs(alpha)
    if a.sum() <= 0:
        a = np.ones(len(u))
    a = a / a.sum()  # (2)
    return _scale_to_one(a @ u, "game_theory")  # (3)


# ---------------------------------------------------------------------------------------
# registry and entry points
# ---------------------------------------------------------------------------------------

METHODS: dict[str, Callable[..., Array]] = {
    "equal": equal,
    "entropy": entropy,
    "critic": critic,
    "cv": coefficient_of_variation,
    "std": standard_deviation,
    "pca": pca,
    "gini": gini,
    "reciprocal_gini": reciprocal_gini,
    "expert": expert,
    "ahp": ahp,
    "linear": linear,
    "multiplicative": multiplicative,
    "game_theory": game_theory,
}

#: Methods that need no data rows (one row naming the criteria is enough).
NO_DATA_METHODS = frozenset({"equal", "expert", "ahp"})
COMBINATIONS = frozenset({"linear", "multiplicative", "game_theory"})

ALIASES = {
    "coefficient_of_variation": "cv",
    "variation": "cv",
    "standard_deviation": "std",
    "game-theory": "game_theory",
    "gametheory": "game_theory",
    "game": "game_theory",
    "reci": "reciprocal_gini",
    "reciprocal-gini": "reciprocal_gini",
}


def method_options(method: str) -> list[str]:
    """The option names a method accepts (its keyword-only parameters)."""
    params = inspect.signature(METHODS[method]).parameters.values()
    return [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]


def resolve_method(method: str) -> str:
    """Canonical method name; InputError listing the known ones otherwise."""
    name = ALIASES.get(method, method)
    if name not in METHODS:
        raise InputError(f"unknown weighting method {method!r}; use one of {', '.join(METHODS)}")
    return name


def compute_weights(
    matrix: pd.DataFrame | Array,
    method: str,
    directions: Sequence[float] | Array | Mapping[str, float] | None = None,
    names: Sequence[str] | None = None,
    **options: Any,
) -> pd.Series:
    """Weights of the criteria (the columns of ``matrix``) by ``method``, as a Series.

    ``matrix`` is a DataFrame of criteria (names from its columns) or an array with
    ``names``. ``directions`` is a sequence in column order or a mapping name → ±1.
    Options are the method's keyword-only parameters; an unknown one is an InputError
    naming it and listing the accepted ones. For combinations, ``sets`` may hold method
    names (computed here with the same data and directions, e.g. ``["entropy", "critic"]``)
    or weight vectors.
    """
    name = resolve_method(method)
    if isinstance(matrix, pd.DataFrame):
        names = [str(c) for c in matrix.columns]
        values = matrix.to_numpy(dtype=float)
    else:
        values = np.asarray(matrix, dtype=float)
        if values.ndim == 1:
            values = values[None, :]
    m = values.shape[1]
    labels = _names(names, m)
    if len(labels) != m:
        raise InputError(f"{len(labels)} names for {m} criteria")
    if isinstance(directions, Mapping):
        missing = [c for c in labels if c not in directions]
        if missing:
            raise InputError(f"no direction for {', '.join(map(repr, missing))}")
        directions = [directions[c] for c in labels]
    options = parse_list_options(options)
    accepted = method_options(name)
    set_names = [s for s in options.get("sets", ()) if isinstance(s, str)]
    own = {k: v for k, v in options.items() if "." not in k}
    nested = {k: v for k, v in options.items() if "." in k}
    unknown = sorted(set(own) - set(accepted))
    unknown += sorted(k for k in nested if k.split(".", 1)[0] not in set_names)
    if unknown:
        raise InputError(
            f"{name}: unknown option(s) {', '.join(map(repr, unknown))}; "
            f"accepted: {', '.join(accepted) or 'none'}"
            + ("; options of a combined set are written SET.OPTION" if name in COMBINATIONS else "")
        )
    if name in COMBINATIONS:
        own["sets"] = [
            compute_weights(values, s, directions, labels, **_sub_options(s, nested)).to_numpy()
            if isinstance(s, str)
            else s
            for s in own.get("sets", ())
        ]
    w = np.asarray(METHODS[name](values, directions, labels, **own), dtype=float)
    return pd.Series(w, index=labels, name="weight")


def parse_list_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """``sets="entropy,critic"`` and ``alpha="0.3,0.7"`` (command-line forms) as lists."""
    out = dict(options)
    if isinstance(out.get("sets"), str):
        out["sets"] = [resolve_method(s.strip()) for s in out["sets"].split(",") if s.strip()]
    elif "sets" in out:
        out["sets"] = [resolve_method(s) if isinstance(s, str) else s for s in out["sets"]]
    if isinstance(out.get("alpha"), str):
        try:
            out["alpha"] = [float(a) for a in out["alpha"].split(",")]
        except ValueError:
            raise InputError(f"alpha={out['alpha']!r}: expected numbers separated by commas") from None
    elif isinstance(out.get("alpha"), int | float):
        raise InputError("alpha: give one coefficient per set, separated by commas")
    return out


def _sub_options(method: str, nested: Mapping[str, Any]) -> dict[str, Any]:
    """Options of one set inside a combination, written ``METHOD.OPTION``."""
    prefix = f"{method}."
    return {k[len(prefix):]: v for k, v in nested.items() if k.startswith(prefix)}


FRAMEWORK_COLUMNS = ("code", "parent", "level", "direction", "weight", "type")


def weights_by_group(
    data: pd.DataFrame,
    framework: pd.DataFrame,
    method: str,
    missing: str = "error",
    use_directions: bool = True,
    **options: Any,
) -> pd.DataFrame:
    """Weights within every group (children of one parent) at every level of a framework.

    ``framework`` has columns ``code, parent, level, direction, weight, type`` (``type``
    is ``indicator`` or ``aggregate``; the root has no parent). ``data`` is a wide table,
    one row per unit, with a column for every child whose group is weighted from data
    (indicators, and aggregate scores for higher levels, as COINr's ``dset_Aggregated``).
    ``expert`` weights come from the framework's ``weight`` column. Rows with a missing
    value in a group are an InputError (``missing="error"``) or dropped from that group
    (``missing="drop"``, as COINr's PCA does). The framework's ``direction`` is applied
    to the data (raw values); pass ``use_directions=False`` when ``data`` is already
    normalised with directions applied (as COINr's ``dset_Normalised``).

    Returns ``code, parent, level, weight`` with the weights of each group summing to 1,
    in framework order.
    """
    name = resolve_method(method)
    absent = [c for c in FRAMEWORK_COLUMNS if c not in framework.columns]
    if absent:
        raise InputError(f"framework table: missing column(s) {', '.join(map(repr, absent))}")
    if missing not in ("error", "drop"):
        raise InputError(f"missing={missing!r}: use 'error' or 'drop'")
    fw = framework.reset_index(drop=True)
    has_parent = fw["parent"].notna() & (fw["parent"].astype(str).str.strip() != "")
    out = []
    for parent in pd.unique(fw.loc[has_parent, "parent"]):
        group = fw[has_parent & (fw["parent"] == parent)]
        codes = [str(c) for c in group["code"]]
        dirs = (
            group["direction"].fillna(1).to_numpy(dtype=float)
            if use_directions
            else np.ones(len(codes))
        )
        opts = dict(options)
        if name == "expert":
            opts.setdefault("weights", group["weight"].to_numpy(dtype=float))
        if name in NO_DATA_METHODS:
            matrix = pd.DataFrame(np.zeros((1, len(codes))), columns=codes)
        else:
            lacking = [c for c in codes if c not in data.columns]
            if lacking:
                raise InputError(
                    f"group {parent!r}: no data column for {', '.join(map(repr, lacking))}"
                )
            matrix = data[codes].apply(pd.to_numeric, errors="coerce").astype(float)
            if missing == "drop":
                matrix = matrix.dropna()
            elif matrix.isna().any().any():
                col = matrix.columns[matrix.isna().any()][0]
                raise InputError(
                    f"group {parent!r}, column {col!r}: missing values (use missing='drop')"
                )
        try:
            w = compute_weights(matrix, name, dirs, **opts)
        except InputError as exc:
            raise InputError(f"group {parent!r}: {exc}") from None
        out.append(
            pd.DataFrame(
                {
                    "code": codes,
                    "parent": parent,
                    "level": group["level"].to_numpy(),
                    "weight": w.to_numpy(),
                }
            )
        )
    if not out:
        raise InputError("framework table: no rows with a parent, nothing to weight")
    return pd.concat(out, ignore_index=True)
