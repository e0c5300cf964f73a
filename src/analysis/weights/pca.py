"""Weights from principal components: the OECD/JRC Handbook's factor-analysis weights
(varimax-rotated), COINr's first-component loadings, and absolute first-component loadings."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from analysis.errors import InputError
from analysis.weights._common import (
    Array,
    _constant_columns,
    _directions,
    _names,
    _scale_to_one,
    check_matrix,
    column_scale,
)

PCA_VARIANTS = ("handbook", "coinr", "pc1abs")


def _standardise(x: Array, directions: Array) -> Array:
    """Direction applied, centred, unit variance (n − 1); each column is divided by its
    largest absolute value first, so that the variance never overflows (1e160)."""
    z = x * directions / column_scale(x)
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


def varimax_criterion(loadings: Array) -> float:
    """Kaiser's varimax criterion V = Σ_f [Σ_i l_if⁴ − (Σ_i l_if²)² / p] of a loading
    matrix (p criteria × factors); :func:`varimax` maximises it on Kaiser-normalised rows."""
    p = loadings.shape[0]
    return float(((loadings**4).sum(axis=0) - (loadings**2).sum(axis=0) ** 2 / p).sum())


#: how many starting rotations :func:`varimax` tries besides the identity, at most
VARIMAX_RESTARTS = 20
#: the random starts of :func:`varimax`'s first round (the others only when it disagrees)
VARIMAX_FIRST_ROUND = 4
#: two starts reach the same optimum when their criteria differ by less than this share
#: (R's stopping rule leaves them ~1e-5 apart; distinct local optima differ by ~1e-2)
VARIMAX_SAME_OPTIMUM = 1e-4


def varimax(
    loadings: Array,
    normalize: bool = True,
    eps: float = 1e-5,
    max_iterations: int = 1000,
    restarts: int = VARIMAX_RESTARTS,
    tol: float = 1e-10,
) -> Array:
    """Varimax rotation (Kaiser 1958) of a loading matrix (criteria × factors): the
    rotation with the highest varimax criterion found (:func:`varimax_criterion`).

    Maximises V = Σ_f [Σ_i l_if⁴ − (Σ_i l_if²)² / p] over orthogonal rotations T of the
    Kaiser-normalised loadings (each row scaled to unit length, as R's ``stats::varimax``
    with ``normalize = TRUE`` and SPSS; rows scaled back afterwards). V has local optima:
    a single iteration can stop at a lower one than another program (issue 14: on the
    reproducer below one start reaches V = 2.1335, R 2.2502). Therefore:

    1. R's iteration (``stats::varimax``): B = Xᵀ(Z³ − Z·diag(1ᵀZ²)/p) with Z = XT,
       T ← UVᵀ from the SVD B = UDVᵀ, until Σd grows by less than a factor (1 + ``eps``),
       ``eps = 1e-5``, at most ``max_iterations = 1000`` steps — started from the identity
       (R's start) and from up to ``restarts`` random orthogonal rotations (seeded: the
       result is deterministic), all starts of a round iterated together (one batched
       SVD per step). A first round runs the identity and
       :data:`VARIMAX_FIRST_ROUND` random starts; when at least three of them reach the
       best criterion (within a share :data:`VARIMAX_SAME_OPTIMUM`), that optimum is
       taken as found, else the remaining starts run too;
    2. the start that reaches the highest V is kept and polished by Kaiser's (1959)
       planar rotations (each pair of factors turned by
       φ = ¼ atan2(D − 2AB/p, C − (A² − B²)/p), u = x² − y², v = 2xy, A = Σu, B = Σv,
       C = Σ(u² − v²), D = 2Σuv) until no angle exceeds ``tol`` radians (1e-10: V is then exact to
       ~1e-20, the loadings to ~1e-10) — this only
       raises V, to the precision of the optimum rather than R's stopping rule.

    The criterion reached is therefore never below R's from its identity start (tested
    against R's published value on the issue's reproducer and against
    ``factor_analyzer``'s varimax). Columns are defined up to sign and order, as in R.
    """
    p, k = loadings.shape
    if k < 2:
        return loadings.copy()
    sc = np.sqrt((loadings**2).sum(axis=1)) if normalize else np.ones(p)
    sc = np.where(sc > 0, sc, 1.0)
    x = loadings / sc[:, None]
    rng = np.random.default_rng(20_240_614)
    starts = np.stack([np.eye(k)] + [_random_rotation(rng, k) for _ in range(restarts)])
    first = min(len(starts), 1 + VARIMAX_FIRST_ROUND)
    rotated, criteria = _rotate_from(x, starts[:first], eps, max_iterations)
    best = criteria.max()
    if len(starts) > first and (criteria >= best - VARIMAX_SAME_OPTIMUM * abs(best)).sum() < 3:
        more, more_criteria = _rotate_from(x, starts[first:], eps, max_iterations)
        rotated = np.concatenate([rotated, more])
        criteria = np.concatenate([criteria, more_criteria])
    return _planar_sweeps(rotated[int(np.argmax(criteria))], tol) * sc[:, None]


def _rotate_from(x: Array, starts: Array, eps: float, max_iterations: int) -> tuple[Array, Array]:
    """The loadings R's iteration reaches from each start (starts × p × k) and their
    varimax criteria."""
    rotated = x @ _r_varimax(x, starts, eps, max_iterations)
    p = rotated.shape[1]
    criteria = ((rotated**4).sum(axis=1) - (rotated**2).sum(axis=1) ** 2 / p).sum(axis=1)
    return rotated, criteria


def _random_rotation(rng: np.random.Generator, k: int) -> Array:
    """A random orthogonal k × k matrix (QR of a Gaussian matrix, signs fixed)."""
    q, r = np.linalg.qr(rng.standard_normal((k, k)))
    return q * np.sign(np.diag(r))


def _r_varimax(x: Array, rotations: Array, eps: float, max_iterations: int) -> Array:
    """R's ``stats::varimax`` iteration from each of ``rotations`` (s × k × k, or one
    k × k); the rotations it stops at. The starts run together, each frozen once R's
    stopping rule (Σd grew by less than a factor 1 + ``eps``) holds for it."""
    p = x.shape[0]
    t = np.array(rotations, dtype=np.float64)
    single = t.ndim == 2
    t = t[None] if single else t
    d = np.zeros(t.shape[0])
    active = np.ones(t.shape[0], dtype=bool)
    for _ in range(max_iterations):
        z = x @ t[active]
        b = x.T @ (z**3 - z * (z**2).sum(axis=1, keepdims=True) / p)
        u, singular, vt = np.linalg.svd(b)
        t[active] = u @ vt
        d_past, d_new = d[active], singular.sum(axis=1)
        d[active] = d_new
        active[np.flatnonzero(active)[d_new < d_past * (1 + eps)]] = False
        if not active.any():
            break
    return t[0] if single else t


def _planar_sweeps(a: Array, tol: float, max_sweeps: int = 1000) -> Array:
    """Kaiser's planar varimax rotations of ``a`` (a copy), all pairs per sweep (disjoint
    pairs of a round-robin schedule turned together), until no angle exceeds ``tol``."""
    a = a.copy()
    p, k = a.shape
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
    return a


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
