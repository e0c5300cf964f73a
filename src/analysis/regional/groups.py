"""GROUPS.csv: ``unit,group`` (e.g. 苏南/苏中/苏北, or provinces), one row per unit."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.files import read_csv


def read_groups(path: str | os.PathLike[str]) -> pd.Series:
    """GROUPS.csv as a Series unit → group (text); blank or duplicated units are errors."""
    frame = read_csv(path, required=("unit", "group"), what="groups CSV", dtype=str,
                     keep_default_na=False)
    units = frame["unit"].str.strip()
    labels = frame["group"].str.strip()
    for column, values in (("unit", units), ("group", labels)):
        blank = (values == "").to_numpy()
        if blank.any():
            raise InputError(f"{where(path, int(np.flatnonzero(blank)[0]) + 1, column)}empty")
    dup = units.duplicated().to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(f"{where(path, i + 1, 'unit')}unit {units.iat[i]!r} listed twice")
    return pd.Series(labels.to_numpy(), index=units.to_numpy(), name="group")
