"""Reading inputs with clear errors, and writing outputs atomically.

Every output of the suite goes through :func:`atomic_path`: the content is written to a
temporary file in the destination folder and renamed into place with ``os.replace``,
which is atomic on POSIX and Windows. A crash therefore leaves either the old file or
the new one, never half a CSV or half an HTML report.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError, where


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


#: encodings tried, in order, for a text table: UTF-8 (a BOM is dropped), then GB18030,
#: the superset of GBK and GB2312 that Chinese spreadsheets save as "CSV (ANSI)"
ENCODINGS = ("utf-8-sig", "gb18030")
#: field delimiters recognised in a CSV header line
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
EXCEL_READ_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def decode_text(data: bytes, source: object = "file") -> tuple[str, str]:
    """``data`` decoded with the first of :data:`ENCODINGS` that decodes it; (text, encoding).

    UTF-8 is tried first: GB18030 decodes almost any byte string, UTF-8 almost never
    decodes GB18030 Chinese by accident. Bytes that neither decodes are an
    :class:`InputError` naming the encodings tried and the first bad byte.
    """
    failures = []
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            failures.append(f"{encoding}: {exc.reason} at byte {exc.start}")
    raise InputError(
        f"{source}: not text in UTF-8 or GBK/GB18030 (tried {'; '.join(failures)}); "
        "save it as UTF-8 CSV"
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV: the one of :data:`DELIMITERS` most frequent in the header
    line outside quotes (a comma when none occurs)."""
    header = text.split("\n", 1)[0]
    outside, quoted = [], False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_csv(
    path: str | os.PathLike[str],
    required: Iterable[str] = (),
    what: str = "CSV file",
    **read_csv_kwargs: Any,
) -> pd.DataFrame:
    """Read a CSV file, failing with an :class:`InputError` that names the file.

    The text may be UTF-8 (with or without a BOM) or GBK/GB18030 (:func:`decode_text`);
    fields may be separated by commas, semicolons or tabs (:func:`sniff_delimiter`, unless
    ``sep`` is given). ``required`` lists columns that must be present; a missing one is
    named in the error together with the columns that were found. Every column pandas
    reads as numbers must hold finite numbers only (:func:`check_finite`).
    """
    p = _existing(path, what)
    text, _ = decode_text(p.read_bytes(), p)
    sep = read_csv_kwargs.pop("sep", None) or sniff_delimiter(text)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, **read_csv_kwargs)
    except pd.errors.EmptyDataError as exc:
        raise InputError(f"{p}: empty {what} (no header)") from exc
    except pd.errors.ParserError as exc:
        name = DELIMITERS.get(sep, repr(sep))
        raise InputError(f"{p}: cannot parse as CSV ({name}-separated): {exc}".splitlines()[0]) from exc
    return _checked(frame, p, required, what)


def read_table(
    path: str | os.PathLike[str],
    required: Iterable[str] = (),
    what: str = "table",
    sheet: str | int | None = None,
    **read_kwargs: Any,
) -> pd.DataFrame:
    """Read a CSV (see :func:`read_csv`) or an Excel sheet (``sheet``: name or 0-based
    position, default the first), with the same checks and errors."""
    p = Path(path)
    if p.suffix.lower() not in EXCEL_READ_SUFFIXES:
        if sheet not in (None, 0):
            raise InputError(f"{p}: sheet {sheet!r} given, but a CSV file has no sheets")
        return read_csv(p, required, what, **read_kwargs)
    p = _existing(p, what)
    try:
        book = pd.ExcelFile(p)
    except Exception as exc:  # a corrupt or mislabelled workbook
        raise InputError(f"{p}: cannot open as an Excel workbook ({exc})".splitlines()[0]) from exc
    with book:
        names = book.sheet_names
        chosen = 0 if sheet is None else sheet
        if isinstance(chosen, int) and not 0 <= chosen < len(names):
            raise InputError(f"{p}: no sheet {chosen} (it has {len(names)}: {names})")
        if isinstance(chosen, str) and chosen not in names:
            raise InputError(f"{p}: no sheet {chosen!r} (it has {names})")
        read_kwargs.pop("keep_default_na", None)
        frame = pd.read_excel(book, sheet_name=chosen, **read_kwargs)
    return _checked(frame, p, required, what)


def _existing(path: str | os.PathLike[str], what: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such {what}")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, expected a {what}")
    return p


def _checked(frame: pd.DataFrame, p: Path, required: Iterable[str], what: str) -> pd.DataFrame:
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(
            f"{p}: missing column(s) {', '.join(map(repr, missing))}; "
            f"found {', '.join(map(repr, frame.columns))}"
        )
    numeric = [c for c, kind in frame.dtypes.items() if pd.api.types.is_float_dtype(kind)]
    check_finite(frame, numeric, p)
    return frame


def check_finite(
    frame: pd.DataFrame, columns: Iterable[str], source: object = None
) -> None:
    """The one check of numbers read from a file: every cell of ``columns`` is a finite
    number or missing.

    Missing cells (NaN, empty, ``NA``) pass; text that is not a number, and ±inf
    (``inf``, ``Infinity``, ``1e999``), are an :class:`InputError` naming the file, the
    row (1-based data row, the header is row 0) and the column.
    """
    for col in columns:
        series = frame[col]
        if pd.api.types.is_bool_dtype(series.dtype):
            continue
        if pd.api.types.is_numeric_dtype(series.dtype):
            values = series.to_numpy(np.float64, na_value=np.nan)
            text = None
        else:
            text = series.astype("string").str.strip()
            blank = (series.isna() | text.isin(["", "NA"]).fillna(True)).to_numpy()
            values = pd.to_numeric(text.where(~blank), errors="coerce").to_numpy(
                np.float64, na_value=np.nan
            )
            bad = np.isnan(values) & ~blank
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise InputError(
                    f"{where(source, i + 1, col)}not a number: {series.iloc[i]!r}"
                )
        infinite = np.isinf(values)
        if infinite.any():
            i = int(np.flatnonzero(infinite)[0])
            shown = series.iloc[i] if text is not None else float(values[i])
            raise InputError(f"{where(source, i + 1, col)}not a finite number: {shown!r}")
