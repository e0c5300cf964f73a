"""Combined weights from two or more weight sets: linear, multiplicative, game theory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from analysis.errors import InputError
from analysis.weights._common import Array, _scale_to_one


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
