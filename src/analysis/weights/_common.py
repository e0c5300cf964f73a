"""Helpers shared by the weighting methods: checks, constant columns, scaling, min-max."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from analysis.errors import InputError

Array = np.ndarray


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
    """Boolean mask of columns whose values are all equal, to 1e-12 relative:
    ``max − min ≤ 1e-12 · max|x|`` (scale-aware, issue 14: a column of values near 1e-12
    that vary among themselves is not constant; a column of zeros is)."""
    span = x.max(axis=0) - x.min(axis=0)
    return span <= 1e-12 * np.abs(x).max(axis=0)


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
    """Column means and standard deviations (n − 1 divisor), in three passes.

    Each column is first divided by its largest absolute value (then the results
    multiplied back), so that squaring never overflows (values near 1e160, issue 14) nor
    underflows (near 1e-160)."""
    scale = column_scale(x)
    y = x / scale
    mean = y.mean(axis=0)
    centred = y - mean
    sd = np.sqrt(np.einsum("ij,ij->j", centred, centred) / max(len(x) - 1, 1))
    return mean * scale, sd * scale


def column_scale(x: Array) -> Array:
    """Each column's largest absolute value (1 for a column of zeros): the divisor that
    brings a column into [−1, 1] before anything is squared."""
    scale = np.abs(x).max(axis=0)
    return np.where(scale > 0, scale, 1.0)


def _is_constant(sd: Array, mean: Array) -> Array:
    return (sd == 0) | (sd <= 1e-12 * np.abs(mean))
