"""Reading the files of the ``weights`` and ``rank`` commands, with errors naming the cell.

- MATRIX.csv: first column the unit id, then one numeric column per criterion.
- CRITERIA.csv: ``indicator,direction`` (+1 benefit, −1 cost; also ``benefit``/``cost``,
  ``max``/``min``), optional ``weight``; exactly the criteria of MATRIX, any order.
- WEIGHTS.csv: ``indicator,weight``; exactly the criteria of MATRIX, any order.
"""

from __future__ import annotations

import csv
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.files import read_csv

DIRECTION_WORDS = {"benefit": 1.0, "max": 1.0, "cost": -1.0, "min": -1.0}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [c.strip() for c in next(csv.reader(fh), [])]


def _check_unique(path: Path, labels: list[str], what: str) -> None:
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            raise InputError(f"{path}: duplicate {what} {label!r}")
        seen.add(label)


def read_matrix(path: str | Path, need_values: bool = True) -> pd.DataFrame:
    """The decision matrix: index = unit ids (text), columns = criteria (float64).

    With ``need_values`` every cell must be a finite number (at least one row); otherwise
    (AHP, expert and equal weights) only the criteria names are used.
    """
    p = Path(path)
    frame = read_csv(p, what="decision matrix CSV", dtype=str, keep_default_na=False)
    if frame.shape[1] < 2:
        raise InputError(f"{p}: expected a unit id column, then one column per criterion")
    _check_unique(p, _header(p)[1:], "criterion")
    unit_col = frame.columns[0]
    frame = frame.set_index(unit_col)
    frame.index = frame.index.astype(str).str.strip()
    frame.index.name = "unit"
    frame.columns = [str(c) for c in frame.columns]
    if not need_values:
        return frame
    if frame.empty:
        raise InputError(f"{p}: no units (only a header)")
    _check_unique(p, list(frame.index), f"unit in column {unit_col!r}:")
    values = np.empty(frame.shape)
    for j, col in enumerate(frame.columns):
        text = frame[col].astype(str).str.strip()
        numbers = pd.to_numeric(text.where(text != "", None), errors="coerce")
        bad = numbers.isna().to_numpy() | ~np.isfinite(numbers.to_numpy(dtype=float))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(
                f"{where(p, i + 1, col)}{frame[col].iat[i]!r} is not a number "
                f"(unit {frame.index[i]!r}); fill or drop missing values first"
            )
        values[:, j] = numbers.to_numpy(dtype=float)
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def _direction(value: str, path: Path, row: int) -> float:
    text = str(value).strip().lower()
    if text in DIRECTION_WORDS:
        return DIRECTION_WORDS[text]
    try:
        number = float(text)
    except ValueError:
        number = np.nan
    if number not in (1.0, -1.0):
        raise InputError(f"{where(path, row, 'direction')}{value!r}: use +1 (benefit) or -1 (cost)")
    return number


def _match(path: Path, listed: list[str], criteria: list[str]) -> None:
    _check_unique(path, listed, "indicator")
    missing = [c for c in criteria if c not in listed]
    extra = [c for c in listed if c not in criteria]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"no row for matrix column(s) {', '.join(map(repr, missing))}")
        if extra:
            parts.append(f"indicator(s) {', '.join(map(repr, extra))} not in the matrix")
        raise InputError(f"{path}: " + "; ".join(parts))


def read_criteria(path: str | Path, criteria: list[str]) -> pd.DataFrame:
    """CRITERIA.csv as a frame indexed by indicator, in the matrix's criteria order, with
    ``direction`` (±1) and ``weight`` (NaN when the column is absent)."""
    p = Path(path)
    frame = read_csv(p, required=("indicator", "direction"), what="criteria CSV", dtype=str,
                     keep_default_na=False)
    names = [str(v).strip() for v in frame["indicator"]]
    _match(p, names, criteria)
    out = pd.DataFrame(index=pd.Index(names, name="indicator"))
    out["direction"] = [_direction(v, p, i + 1) for i, v in enumerate(frame["direction"])]
    if "weight" in frame.columns:
        out["weight"] = [_weight(v, p, i + 1) for i, v in enumerate(frame["weight"])]
    else:
        out["weight"] = np.nan
    return out.loc[criteria]


def _weight(value: str, path: Path, row: int) -> float:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"{where(path, row, 'weight')}{value!r} is not a number") from None
    if not np.isfinite(number) or number < 0:
        raise InputError(f"{where(path, row, 'weight')}{value!r}: weights must be ≥ 0")
    return number


def read_weights(path: str | Path, criteria: list[str]) -> pd.Series:
    """WEIGHTS.csv (``indicator,weight``) as a Series in the matrix's criteria order."""
    p = Path(path)
    frame = read_csv(p, required=("indicator", "weight"), what="weights CSV", dtype=str,
                     keep_default_na=False)
    names = [str(v).strip() for v in frame["indicator"]]
    _match(p, names, criteria)
    w = pd.Series([_weight(v, p, i + 1) for i, v in enumerate(frame["weight"])], index=names)
    if w.sum() <= 0:
        raise InputError(f"{p}: weights sum to 0")
    return w.loc[criteria]


@contextmanager
def warnings_to_stderr(command: str) -> Iterator[None]:
    """Print each warning raised inside as one line ``qci COMMAND: warning: ...``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for w in caught:
        print(f"qci {command}: warning: {w.message}", file=sys.stderr)


def call_with_location(func: Callable[..., Any], prefix: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``func``; prefix any InputError from it with ``prefix`` (e.g. the file name)."""
    try:
        return func(*args, **kwargs)
    except InputError as exc:
        raise InputError(f"{prefix}{exc}") from None
