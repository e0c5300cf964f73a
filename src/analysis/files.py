"""Reading inputs with clear errors, and writing outputs atomically.

Every output of the suite goes through :func:`atomic_path`: the content is written to a
temporary file in the destination folder and renamed into place with ``os.replace``,
which is atomic on POSIX and Windows. A crash therefore leaves either the old file or
the new one, never half a CSV or half an HTML report.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import InputError


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success.

    On an exception the temporary file is removed and ``path`` is left untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str], **to_csv: Any) -> Path:
    """Write a DataFrame as UTF-8 CSV atomically (no index unless asked for)."""
    to_csv.setdefault("index", False)
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, encoding="utf-8", lineterminator="\n", **to_csv)
    return Path(path)


EXCEL_SUFFIXES = (".xlsx",)
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def is_excel(path: str | os.PathLike[str]) -> bool:
    """Whether an output path asks for an Excel workbook (``.xlsx``)."""
    return Path(path).suffix.lower() in EXCEL_SUFFIXES


def sheet_name(name: str) -> str:
    """A valid Excel sheet name: forbidden characters replaced, at most 31 characters."""
    return (str(name).translate(_SHEET_FORBIDDEN) or "table")[:31]


def write_table(
    tables: pd.DataFrame | Mapping[str, pd.DataFrame], path: str | os.PathLike[str]
) -> Path:
    """Write one table (or several) atomically: a CSV, or an Excel workbook for ``.xlsx``.

    A workbook gets one sheet per table (the mapping's keys name the sheets; a single
    table goes to sheet ``table``). Several tables to a CSV path is a :class:`ValueError`:
    the caller writes one CSV per table instead.
    """
    named = {"table": tables} if isinstance(tables, pd.DataFrame) else dict(tables)
    if not is_excel(path):
        if len(named) != 1:
            raise ValueError(f"{path}: {len(named)} tables need an .xlsx workbook or one CSV each")
        return write_csv(next(iter(named.values())), path)
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as book:
            for name, frame in named.items():
                frame.to_excel(book, sheet_name=sheet_name(name), index=False)
    return Path(path)


def write_json(obj: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``obj`` as pretty UTF-8 JSON atomically."""
    return write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, default=float) + "\n")


def read_csv(
    path: str | os.PathLike[str],
    required: Iterable[str] = (),
    what: str = "CSV file",
    **read_csv_kwargs: Any,
) -> pd.DataFrame:
    """Read a CSV file, failing with an :class:`InputError` that names the file.

    ``required`` lists columns that must be present; a missing one is named in the
    error together with the columns that were found.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such {what}")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, expected a {what}")
    try:
        frame = pd.read_csv(p, encoding="utf-8-sig", **read_csv_kwargs)
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except pd.errors.EmptyDataError as exc:
        raise InputError(f"{p}: empty {what} (no header)") from exc
    except pd.errors.ParserError as exc:
        raise InputError(f"{p}: cannot parse as CSV: {exc}".splitlines()[0]) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(
            f"{p}: missing column(s) {', '.join(map(repr, missing))}; "
            f"found {', '.join(map(repr, frame.columns))}"
        )
    return frame
