"""Objective weights from the spread of the data: equal, entropy, CRITIC, coefficient of
variation, standard deviation, Gini and reciprocal Gini. One pure function each (see the
package docstring of :mod:`analysis.weights` for the common behaviour)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from analysis.errors import InputError
from analysis.weights._common import (
    Array,
    _constant_columns,
    _directions,
    _is_constant,
    _names,
    _scale_to_one,
    _spread,
    _warn_constant,
    check_matrix,
    minmax_benefit,
)


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
    Differences from peers: pymcdm 1.4 (the test extras' version) refuses a matrix with a
    zero or negative value (``ValueError``: its sum normalisation requires positive
    values), where this function uses ``0 · ln 0 = 0``; its code below that check, which
    pymcdm ≤ 1.2 reached, sets ``e_j = 0`` for a column containing a zero (so that column
    got the largest weight). On positive data the two agree.
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
    if x.shape[1] < 2:
        raise InputError(
            "critic: needs at least two criteria (it weighs each by its contrast and its "
            f"conflict with the others; one criterion, {labels[0]!r}, has nothing to conflict with)"
        )
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
