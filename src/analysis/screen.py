"""Screen units by data availability.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 1.4
(units with too little data are dropped rather than imputed); COINr's ``Screen()``
(``unit_screen = "byNA"``, ``"byzeros"``, ``"byNAandzeros"``; ``dat_thresh``,
``nonzero_thresh``).

With p indicators, unit i is kept when

- ``by_na``: (number of observed x_ij) / p >= threshold
- ``by_zeros``: (number of x_ij that are not zero, missing counting as not zero) / p
  >= nonzero_threshold
- ``by_na_and_zeros``: both.
- ``none``: every unit is kept.

Every function returns a boolean mask of the units kept; the pipeline drops the others.
COINr's defaults are threshold 0.66 and nonzero_threshold 0.05; ``coinr-default`` uses
0.9.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def none(x: np.ndarray) -> np.ndarray:
    """Keep every unit."""
    return np.ones(np.shape(x)[0], dtype=bool)


def by_na(x: np.ndarray, threshold: float = 0.66) -> np.ndarray:
    """Keep units whose share of observed indicators is at least ``threshold``."""
    x = np.asarray(x, dtype=np.float64)
    return (~np.isnan(x)).mean(axis=1) >= threshold


def by_zeros(x: np.ndarray, nonzero_threshold: float = 0.05) -> np.ndarray:
    """Keep units whose share of non-zero indicators is at least ``nonzero_threshold``."""
    x = np.asarray(x, dtype=np.float64)
    return (x != 0).mean(axis=1) >= nonzero_threshold


def by_na_and_zeros(
    x: np.ndarray, threshold: float = 0.66, nonzero_threshold: float = 0.05
) -> np.ndarray:
    """Keep units that pass both :func:`by_na` and :func:`by_zeros`."""
    return by_na(x, threshold) & by_zeros(x, nonzero_threshold)


METHODS: dict[str, Callable[..., np.ndarray]] = {
    "none": none,
    "by_na": by_na,
    "by_zeros": by_zeros,
    "by_na_and_zeros": by_na_and_zeros,
}
