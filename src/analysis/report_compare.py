"""Tables of the method comparison (notebook 30) as a reader wants them.

:func:`movers_summary` turns :func:`analysis.compare.movers` (one row per method, unit and
indicator: 225 rows for 15 methods × 5 units × 3 indicators) into one row per method and
moving unit, with the indicators whose weight changed most written in one cell.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

#: what a method with the nominal weights says in the weights cell
SAME_WEIGHTS = {"zh": "权重不变", "en": "same weights"}
SEPARATOR = {"zh": "；", "en": "; "}


def movers_summary(
    movers: pd.DataFrame, indicator_names: Mapping[str, str], lang: str = "zh", per_method: int = 3
) -> pd.DataFrame:
    """``method, unit, nominal_rank, rank, shift, weight_change`` with one row per method
    and unit that moves (shift ≠ 0), at most ``per_method`` per method (largest |shift|
    first, as :func:`~analysis.compare.movers` orders them). ``weight_change`` lists the
    indicators whose effective weight changed most, by name with the signed change in
    percentage points of the index (``entropy: 人均 GDP +4.2``), or says the weights are
    the nominal ones."""
    moved = movers.loc[movers["shift"].fillna(0).ne(0)].copy()
    changes = moved["weight_change"].astype(np.float64)
    named = moved["indicator"].map(lambda c: indicator_names.get(c, c) if isinstance(c, str) else c)
    moved["cell"] = [
        f"{name} {100 * change:+.1f}" if isinstance(name, str) and np.isfinite(change) and change != 0 else ""
        for name, change in zip(named, changes, strict=True)
    ]
    keys = ["method", "unit"]
    rows = (moved.groupby(keys, sort=False)
            .agg(nominal_rank=("nominal_rank", "first"), rank=("rank", "first"),
                 shift=("shift", "first"),
                 weight_change=("cell", lambda s: SEPARATOR[lang].join(x for x in s if x)))
            .reset_index())
    rows["weight_change"] = rows["weight_change"].replace("", SAME_WEIGHTS[lang])
    rows = rows.groupby("method", sort=False).head(per_method).reset_index(drop=True)
    return rows[["method", "unit", "nominal_rank", "rank", "shift", "weight_change"]]
