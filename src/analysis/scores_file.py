"""The one reader of a scores file: a CSV or an Excel sheet of ``unit, score`` rows.

``qci index`` writes ``uCode, iCode, score, rank`` (one period) or
``unit, year, iCode, score, rank`` (a panel); ``qci compare`` also reads one file per
method (``unit, score``) or a file with a ``method`` column. Whatever the command, a
scores file is read here, once, with the same checks: the columns it needs are present,
it has rows, text keys (``unit``, ``iCode``, ``method``) are not blank, every ``score``
is a finite number or blank (missing) and every ``year`` a whole number. Each refusal is one
:class:`~analysis.errors.InputError` line naming file, row and column.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.files import check_finite, read_table

TEXT_KEYS = ("unit", "iCode", "method")  # read as text: codes such as 010000 keep their zeros


def read_scores_file(
    path: str | os.PathLike[str],
    required: tuple[str, ...] = ("unit", "score"),
    sheet: str | int | None = None,
    what: str = "scores file",
) -> pd.DataFrame:
    """Read one scores file as a frame of its columns plus ``row`` (1-based data row).

    COINr's ``uCode`` is renamed ``unit``. Every cell is read as text and stripped; then
    ``score`` becomes float64 (NaN where blank) and ``year`` (when present) a nullable ``Int64``; other
    columns stay text. ``required`` lists the columns that must be present (``unit``
    stands for ``unit`` or ``uCode``). ``sheet`` picks an Excel sheet (name or 0-based
    position; default the first).
    """
    frame = read_table(path, what=what, sheet=sheet, dtype=str, keep_default_na=False)
    frame = frame.fillna("")  # an Excel sheet's empty cells
    if "unit" not in frame.columns and "uCode" in frame.columns:
        frame = frame.rename(columns={"uCode": "unit"})
    missing = [("'unit' (or 'uCode')" if c == "unit" else repr(c))
               for c in required if c not in frame.columns]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(map(repr, frame.columns))}"
        )
    if frame.empty:
        raise InputError(f"{path}: no scores (the file has a header only)")
    for column in frame.columns:
        frame[column] = frame[column].astype(str).str.strip()
    for column in TEXT_KEYS:
        if column in frame.columns:
            refuse_blank(frame[column], path, column)
    if "score" in frame.columns:
        frame["score"] = finite_numbers(frame["score"], path, "score")
    if "year" in frame.columns:
        frame["year"] = whole_years(frame["year"], path)
    frame["row"] = np.arange(1, len(frame) + 1)
    return frame


def finite_numbers(text: pd.Series, path: object, column: str, blank_ok: bool = True) -> np.ndarray:
    """The column as float64 through the suite's one check of numbers read
    (:func:`analysis.files.check_finite`: text that is not a number and ±inf are refused);
    a blank cell is NaN, or refused when not ``blank_ok``."""
    check_finite(text.to_frame(column), [column], path)
    stripped = text.astype(str).str.strip()
    blank = stripped.isin(["", "NA"]).to_numpy()
    if blank.any() and not blank_ok:
        raise InputError(f"{where(path, int(np.flatnonzero(blank)[0]) + 1, column)}empty")
    return pd.to_numeric(stripped.where(~blank, None), errors="coerce").to_numpy(dtype=np.float64)


def whole_years(text: pd.Series, path: object) -> pd.arrays.IntegerArray:
    """``year`` as a nullable Int64 array; a blank, non-numeric or fractional cell is an error."""
    years = finite_numbers(text, path, "year", blank_ok=False)
    fractional = years != np.round(years)
    if fractional.any():
        i = int(np.flatnonzero(fractional)[0])
        raise InputError(f"{where(path, i + 1, 'year')}{text.iat[i]!r} is not a year")
    return pd.array(years.astype(np.int64), dtype="Int64")


def refuse_blank(values: pd.Series, path: object, column: str) -> None:
    """An :class:`InputError` naming the first blank cell of a text column."""
    blank = (values == "").to_numpy()
    if blank.any():
        raise InputError(f"{where(path, int(np.flatnonzero(blank)[0]) + 1, column)}empty")
