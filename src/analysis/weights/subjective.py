"""Subjective weights: given (expert) weights and AHP priorities; they need no data rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis import ahp as _ahp
from analysis.errors import InputError
from analysis.weights._common import Array, _names, _scale_to_one


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
