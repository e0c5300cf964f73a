"""The long scores table the regional analyses read: ``unit, year, iCode, score``.

``qci index`` writes ``uCode, iCode, score, rank`` (one period) or
``unit, year, iCode, score, rank`` (a panel); both are accepted here. A missing ``year``
column means one period: ``year`` is then empty (NA) in every output row. Every score must
be a finite number, and each (unit, year, iCode) may appear once.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.files import read_csv

SCORE_COLUMNS = ("unit", "year", "iCode", "score")


def read_scores(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a scores CSV as the tidy frame ``unit, year, iCode, score``.

    ``unit`` (or COINr's ``uCode``) and ``iCode`` are text, ``year`` a nullable integer
    (all NA without a ``year`` column), ``score`` float64. Raises :class:`InputError`
    naming the file, row and column of the first bad cell.
    """
    frame = read_csv(path, what="scores CSV", dtype=str, keep_default_na=False)
    unit_col = "unit" if "unit" in frame.columns else "uCode" if "uCode" in frame.columns else None
    missing = [c for c in ("iCode", "score") if c not in frame.columns]
    if unit_col is None or missing:
        need = (["unit (or uCode)"] if unit_col is None else []) + missing
        raise InputError(
            f"{path}: missing column(s) {', '.join(need)}; found {', '.join(frame.columns)}"
        )
    if frame.empty:
        raise InputError(f"{path}: no rows (only a header)")
    units = frame[unit_col].str.strip()
    codes = frame["iCode"].str.strip()
    for column, values in ((unit_col, units), ("iCode", codes)):
        blank = (values == "").to_numpy()
        if blank.any():
            raise InputError(f"{where(path, int(np.flatnonzero(blank)[0]) + 1, column)}empty")
    score = _numbers(frame["score"], path, "score")
    if "year" in frame.columns:
        years = _numbers(frame["year"], path, "year")
        fractional = years != np.round(years)
        if fractional.any():
            i = int(np.flatnonzero(fractional)[0])
            raise InputError(f"{where(path, i + 1, 'year')}{frame['year'].iat[i]!r} is not a year")
        year = pd.array(years.astype(np.int64), dtype="Int64")
    else:
        year = pd.array([pd.NA] * len(frame), dtype="Int64")
    out = pd.DataFrame({"unit": units, "year": year, "iCode": codes, "score": score})
    dup = out.duplicated(["unit", "year", "iCode"]).to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"{where(path, i + 1)}unit {units.iat[i]!r}, iCode {codes.iat[i]!r}"
            + ("" if pd.isna(out['year'].iat[i]) else f", year {out['year'].iat[i]}")
            + " appears twice"
        )
    return out


def _numbers(text: pd.Series, path: object, column: str) -> np.ndarray:
    """The column as float64; the first blank, non-numeric or non-finite cell is an error."""
    stripped = text.astype(str).str.strip()
    numbers = pd.to_numeric(stripped.where(stripped != "", None), errors="coerce")
    values = numbers.to_numpy(dtype=np.float64)
    bad = ~np.isfinite(values)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(f"{where(path, i + 1, column)}{text.iat[i]!r} is not a finite number")
    return values


def top_code(scores: pd.DataFrame, code: str | None = None, source: object = "scores") -> str:
    """The iCode to analyse: ``code`` if given (it must be present), else the top aggregate.

    Without ``code``: the only iCode, or ``Index`` (COINr's and the suite's top node) when
    present; otherwise an :class:`InputError` asking for ``--code``.
    """
    present = list(dict.fromkeys(scores["iCode"]))
    if code is not None:
        if code not in present:
            raise InputError(f"--code {code!r}: not an iCode of {source}; found {', '.join(present)}")
        return code
    if len(present) == 1:
        return present[0]
    if "Index" in present:
        return "Index"
    raise InputError(f"{source}: several iCodes and none named 'Index': give --code (one of "
                     f"{', '.join(present[:10])}{', ...' if len(present) > 10 else ''})")


def one_code(scores: pd.DataFrame, code: str) -> pd.DataFrame:
    """Rows of one iCode: ``unit, year, score``."""
    return scores.loc[scores["iCode"] == code, ["unit", "year", "score"]].reset_index(drop=True)
