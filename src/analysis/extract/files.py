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
from analysis.extract.pipeline import _extract_rows, without_cycle_collection
from analysis.sources import lookup_source, period_years, read_source_table, source_key, text_unit


def _read_text(path: Path) -> tuple[str, str]:
    """The decoded text and a note: UTF-8, else GB18030 (noted), else an InputError."""
    from analysis.files import record_input

    data = path.read_bytes()
    record_input(path)
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


def _text_files(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """The texts to read and their document names, each file once.

    A document is named by its path relative to the common folder of all the texts
    (issue 14: ``a/x.txt`` and ``b/x.txt`` are two documents; a single folder's texts keep
    their bare names). A file given twice, or reached both through its folder and by
    name, or through a symbolic link, is read once (identity: the resolved path).
    """
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
        elif path.is_symlink():
            raise InputError(f"{path}: a symbolic link that leads nowhere (broken or a loop)")
        else:
            raise InputError(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path.absolute())
    chosen = list(unique.values())
    if not chosen:
        return []
    root = Path(os.path.commonpath([p.parent for p in chosen]))
    return [(p, p.relative_to(root).as_posix()) for p in chosen]


def extract_paths(
    paths: Iterable[str | os.PathLike[str]], sources: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """Extract every file given, and every text, markdown or HTML file (:data:`TEXT_SUFFIXES`)
    inside the folders given but their documentation (:data:`FOLDER_DOCUMENTATION`); rows
    sorted by doc, start.

    ``doc`` is the text's path relative to the common folder of all texts (its bare name
    when they share one folder); a file given twice is read once. ``sources`` is looked up
    by that path, else by the file name (:func:`analysis.sources.lookup_source`). A file
    missing from ``sources`` (or with an empty date) gets empty relative periods and a
    warning naming it (§8).
    """
    rows: list[dict] = []
    with without_cycle_collection():  # many rows, no cycles: see the pipeline
        for path, doc in _text_files(paths):
            text, decode_note = _read_text(path)
            listed, published = (False, None) if sources is None else lookup_source(sources, doc)
            if not published:
                if sources is None:
                    reason = "has no publication date (no sources file given)"
                elif listed:
                    reason = "has an empty publication date in the sources file"
                else:
                    reason = "is not in the sources file"
                warnings.warn(
                    f"{doc} {reason}: relative periods (今年, 上半年, 年底) left empty",
                    stacklevel=2,
                )
            file_rows = _extract_rows(text, doc, published)
            if decode_note:
                for row in file_rows:
                    row["note"] = "; ".join(x for x in (row["note"], decode_note) if x)
            rows.extend(file_rows)
    result = _to_frame(rows)
    return result.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


#: The columns of :func:`document_units`.
UNIT_COLUMNS = ["doc", "unit", "unit_from"]


def document_units(
    paths: Iterable[str | os.PathLike[str]],
    sources: str | os.PathLike[str] | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The unit each text reports on (issue 15): columns :data:`UNIT_COLUMNS`.

    ``doc`` names the texts as :func:`extract_paths` does; ``unit`` is the sources row's
    ``unit`` when it has one (``unit_from`` = ``sources``), else the unit its ``title``
    names (``title``: ``2022年丹阳市国民经济和社会发展统计公报`` → 丹阳市), else the unit the
    text's first lines name (``text``); ``""`` (``unit_from`` ``""``) when none does.
    ``sources`` is a sources CSV (:func:`analysis.sources.read_source_table`) or its table.
    """
    table = None
    if sources is not None:
        table = sources if isinstance(sources, pd.DataFrame) else read_source_table(sources)
    by_file = {} if table is None else {
        source_key(f): (str(u or ""), str(t or "")) for f, u, t in zip(
            table["file"], table.get("unit", ""), table.get("title", ""), strict=True)
    }
    records = []
    for path, doc in _text_files(paths):
        key = doc if doc in by_file else next(
            (k for k in by_file if Path(k).name == Path(doc).name), None)
        unit, title = by_file.get(key, ("", "")) if key is not None else ("", "")
        text = _read_text(path)[0] if not unit.strip() else ""
        found = text_unit(text, unit, title)
        source = "sources" if unit.strip() else (
            "title" if found and found == text_unit("", "", title) else "text" if found else "")
        records.append((doc, found, source))
    return pd.DataFrame.from_records(records, columns=UNIT_COLUMNS).astype("str")


def read_figures(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a figures CSV with its dtypes: start/end int, value/value_base float, text as str.

    Empty text cells become ``""`` (not NaN), so that comparisons are plain string ones;
    cells escaped by :func:`write_figures` are read back as they were (the shared reader
    removes the ``'`` prefix, :func:`analysis.files.restore_formulas`).
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


def write_figures(figures: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a figures table atomically: a CSV, or an Excel workbook for ``.xlsx``.

    Formula injection (issue 14) is handled by the shared writer
    (:func:`analysis.files.neutralise_formulas`): a text cell taken from a report that
    starts with ``=``, ``+``, ``-`` or ``@`` (and is not a plain number) is prefixed with
    ``'`` in a CSV and stored as a text cell in a workbook; :func:`read_figures` (through
    :func:`analysis.files.read_csv`) removes the prefix. The numbers (start, end, value,
    value_base) are written as numbers, a negative value included. Values are written with
    15 significant digits, so that float64 values read back equal.
    """
    from analysis.files import is_excel, write_csv, write_table

    safe = figures.copy()
    for column in safe.columns:
        if _COLUMN_DTYPES.get(column) == "str":
            safe[column] = safe[column].fillna("").astype(str)
    if is_excel(path):
        return write_table({"figures": safe}, path)
    return write_csv(safe, path, float_format="%.15g")
