"""The long scores table the regional analyses read: ``unit, year, iCode, score``.

``qci index`` writes ``uCode, iCode, score, rank`` (one period) or
``unit, year, iCode, score, rank`` (a panel); both are accepted here (the file is read by
the suite's one scores reader, :mod:`analysis.scores_file`). A missing ``year``
column means one period: ``year`` is then empty (NA) in every output row. Every score must
be a finite number, and each (unit, year, iCode) may appear once.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.scores_file import read_scores_file

SCORE_COLUMNS = ("unit", "year", "iCode", "score")


def read_scores(path: str | os.PathLike[str], sheet: str | int | None = None) -> pd.DataFrame:
    """Read a scores file (CSV or an Excel sheet) as the tidy frame ``unit, year, iCode, score``.

    The file is read by :func:`analysis.scores_file.read_scores_file` (``unit`` or COINr's
    ``uCode``, ``iCode`` and ``unit`` text, ``score`` float64, ``year`` a nullable
    integer); without a ``year`` column ``year`` is NA in every row. Each
    (unit, year, iCode) may appear once. Raises :class:`InputError` naming the file, row
    and column of the first bad cell.
    """
    frame = read_scores_file(path, ("unit", "iCode", "score"), sheet=sheet, what="scores CSV")
    missing = np.flatnonzero(np.isnan(frame["score"].to_numpy(np.float64)))
    if missing.size:
        raise InputError(f"{where(path, int(missing[0]) + 1, 'score')}empty (every unit needs a score)")
    if "year" in frame.columns:
        year = frame["year"].array
    else:
        year = pd.array([pd.NA] * len(frame), dtype="Int64")
    out = pd.DataFrame({"unit": frame["unit"], "year": year, "iCode": frame["iCode"],
                        "score": frame["score"].to_numpy(np.float64)})
    dup = out.duplicated(["unit", "year", "iCode"]).to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"{where(path, i + 1)}unit {out['unit'].iat[i]!r}, iCode {out['iCode'].iat[i]!r}"
            + ("" if pd.isna(out['year'].iat[i]) else f", year {out['year'].iat[i]}")
            + " appears twice"
        )
    return out


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
