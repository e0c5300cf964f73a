"""Impute missing indicator values.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 1.4 /
step 3 (single imputation: unconditional mean/median, group ("cold deck") substitution,
last observation carried forward); COINr's ``Impute()`` with ``i_mean``, ``i_median``,
``i_mean_grp``, ``i_median_grp``.

Every method fills only missing cells (NaN) and leaves observed values untouched:

- ``mean`` / ``median``: x_ij := mean / median over the units i' with x_i'j observed.
- ``group_mean`` / ``group_median``: the same within the unit's group (e.g. Europe/Asia);
  a cell whose group has no observed value for that indicator stays missing.
- ``latest``: x_ij(t) := x_ij(s), s < t the latest earlier year with a value
  (last observation carried forward), on a (years, units, indicators) stack.
- ``none``: no imputation.

An indicator with no observed value at all stays missing: there is nothing to impute
from, and the Screen step or the aggregation (which renormalises weights over the
children present) then deals with it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def none(x: np.ndarray) -> np.ndarray:
    """No imputation: a float64 copy of ``x``."""
    return np.array(x, dtype=np.float64)


def _fill(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    x = np.array(x, dtype=np.float64)
    miss = np.isnan(x)
    x[miss] = np.broadcast_to(values, x.shape)[miss]
    return x


def _all_nan_safe(reducer: Callable[..., np.ndarray], x: np.ndarray) -> np.ndarray:
    """Column reduction that returns NaN (silently) for all-missing columns."""
    out = np.full(x.shape[1], np.nan)
    has = ~np.all(np.isnan(x), axis=0)
    if has.any():
        out[has] = reducer(x[:, has], axis=0)
    return out


def mean(x: np.ndarray) -> np.ndarray:
    """Fill each column's missing cells with the column mean of its observed values."""
    x = np.asarray(x, dtype=np.float64)
    return _fill(x, _all_nan_safe(np.nanmean, x)[None, :])


def median(x: np.ndarray) -> np.ndarray:
    """Fill each column's missing cells with the column median of its observed values."""
    x = np.asarray(x, dtype=np.float64)
    return _fill(x, _all_nan_safe(np.nanmedian, x)[None, :])


def _group_fill(
    x: np.ndarray, groups: np.ndarray, reducer: Callable[..., np.ndarray]
) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if groups is None:
        raise ValueError("group imputation needs a group for every unit")
    codes, _ = pd.factorize(np.asarray(groups), use_na_sentinel=True)
    fill = np.full_like(x, np.nan)
    for g in range(codes.max() + 1):
        rows = codes == g
        fill[rows] = _all_nan_safe(reducer, x[rows])[None, :]
    return _fill(x, fill)


def group_mean(x: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Fill missing cells with the mean of the observed values in the unit's group.

    COINr ``i_mean_grp``. Units whose group is missing get no imputation.
    """
    return _group_fill(x, groups, np.nanmean)


def group_median(x: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Fill missing cells with the median of the observed values in the unit's group."""
    return _group_fill(x, groups, np.nanmedian)


def latest(stack: np.ndarray) -> np.ndarray:
    """Last observation carried forward along axis 0 (years, oldest first).

    Parameters
    ----------
    stack : (T, n, p) float array
        The panel as years × units × indicators.

    Returns
    -------
    (T, n, p) array where every missing cell holds the value of the latest earlier year
    that has one (still NaN if no earlier year has).
    """
    stack = np.array(stack, dtype=np.float64)
    t_index = np.where(~np.isnan(stack), np.arange(stack.shape[0])[:, None, None], 0)
    last = np.maximum.accumulate(t_index, axis=0)
    out = np.take_along_axis(stack, last, axis=0)
    return out


METHODS: dict[str, Callable[..., np.ndarray]] = {
    "none": none,
    "mean": mean,
    "median": median,
    "group_mean": group_mean,
    "group_median": group_median,
    "latest": latest,
}
GROUPED = frozenset({"group_mean", "group_median"})
