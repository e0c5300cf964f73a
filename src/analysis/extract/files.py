"""Files: reading texts (UTF-8, else GB18030) from files and folders, extracting them
with their publication dates, and reading a figures CSV back with its dtypes.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.extract.columns import _COLUMN_DTYPES, FIGURE_COLUMNS, _to_frame
from analysis.extract.pipeline import _extract_rows
from analysis.sources import lookup_source, period_years


def _read_text(path: Path) -> tuple[str, str]:
    """The decoded text and a note: UTF-8, else GB18030 (noted), else an InputError."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "decoded as GB18030 (file is not UTF-8)"
        except UnicodeDecodeError:
            raise InputError(
                f"{path}: neither UTF-8 nor GB18030 text ({utf8_error.reason} at byte "
                f"{utf8_error.start})"
            ) from utf8_error


#: The files a folder given to :func:`extract_paths` contributes: plain text, markdown and
#: HTML (reports are published in all three; markup inside numbers is handled, §4) ...
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
#: ... except a folder's own documentation (README.md, LICENSE.txt, SOURCE.md): files
#: named explicitly are always read.
FOLDER_DOCUMENTATION = re.compile(
    r"(?i)^(?:readme|licen[cs]e|copying|changelog|changes|contributing|source|notice)(?:[._-]|$)"
)


def _text_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(
                p for p in path.iterdir()
                if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                and not FOLDER_DOCUMENTATION.match(p.name)
            ))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def extract_paths(
    paths: Iterable[str | os.PathLike[str]], sources: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """Extract every file given, and every text, markdown or HTML file (:data:`TEXT_SUFFIXES`)
    inside the folders given but their documentation (:data:`FOLDER_DOCUMENTATION`); rows
    sorted by doc, start.

    A file missing from ``sources`` (or with an empty date) gets empty relative periods
    and a warning naming it (§8).
    """
    rows: list[dict] = []
    for path in _text_files(paths):
        text, decode_note = _read_text(path)
        listed, published = (False, None) if sources is None else lookup_source(sources, path.name)
        if not published:
            if sources is None:
                reason = "has no publication date (no sources file given)"
            elif listed:
                reason = "has an empty publication date in the sources file"
            else:
                reason = "is not in the sources file"
            warnings.warn(
                f"{path.name} {reason}: relative periods (今年, 上半年, 年底) left empty",
                stacklevel=2,
            )
        file_rows = _extract_rows(text, path.name, published)
        if decode_note:
            for row in file_rows:
                row["note"] = "; ".join(x for x in (row["note"], decode_note) if x)
        rows.extend(file_rows)
    result = _to_frame(rows)
    return result.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


def read_figures(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a figures CSV with its dtypes: start/end int, value/value_base float, text as str.

    Empty text cells become ``""`` (not NaN), so that comparisons are plain string ones.
    """
    from analysis.files import read_csv

    text_columns = [c for c in FIGURE_COLUMNS if _COLUMN_DTYPES[c] == "str"]
    frame = read_csv(path, required=FIGURE_COLUMNS, what="figures file",
                     dtype={c: str for c in text_columns}, keep_default_na=False,
                     na_values={"value": [""], "value_base": [""]})
    for column in ("start", "end"):
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("int64")
    for column in ("value", "value_base"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame[FIGURE_COLUMNS]


def figures_for_year(figures: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows whose period falls in or overlaps ``year`` (``2021..2024`` overlaps 2023)."""

    def overlaps(period: str) -> bool:
        years = period_years(period)
        if years is None:
            return False
        first, last = years
        return first <= year <= (9999 if last is None else last)

    mask = figures["period"].map(overlaps).astype(bool)
    return figures.loc[mask].reset_index(drop=True)
