"""Denominate: divide extensive indicators by a size measure (per capita, per GDP, per area).

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 1.3 /
step 4 ("scale effects"); COINr's ``Denominate()`` (``f_denom = "/"``).

Formula, for indicator column j with denominator column d(j)::

    y_ij = x_ij / d_i,d(j) * scale        (y_ij = x_ij where j has no denominator)

A missing x or d gives a missing y (COINr's behaviour). A denominator of zero gives a
missing y too, never inf: division by zero has no meaningful per-unit value.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def divide(x: np.ndarray, d: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """``x / d * scale`` element-wise; a zero or missing ``d`` gives NaN.

    Parameters
    ----------
    x : (n, p) float array
        Indicator values.
    d : (n, p) float array
        Denominator of each cell; use 1.0 in columns that are not denominated. Zero or
        missing denominators give NaN.
    scale : float
        Multiplier applied after dividing (e.g. 1000 for "per thousand"). Default 1,
        as COINr.
    """
    x = np.asarray(x, dtype=np.float64)
    d = np.asarray(d, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = x / np.where(d == 0, np.nan, d)
    return out * scale if scale != 1.0 else out


def none(x: np.ndarray, d: np.ndarray | None = None) -> np.ndarray:
    """No denomination: a float64 copy of ``x``."""
    return np.array(x, dtype=np.float64)


METHODS: dict[str, Callable[..., np.ndarray]] = {"divide": divide, "none": none}
