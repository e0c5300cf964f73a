"""Reading inputs with clear errors, and writing outputs atomically and safely.

Every output of the suite goes through :func:`atomic_path`: the content is written to a
temporary file in the destination folder and renamed into place with ``os.replace``,
which is atomic on POSIX and Windows. A crash therefore leaves either the old file or
the new one, never half a CSV or half an HTML report. The writer also refuses targets it
must not replace (issue 14):

- a path that exists and is not a regular file (a folder, a symbolic link, a FIFO, a
  device or a socket) is refused with an :class:`InputError`, never renamed over;
- a path that is an input of the same run (a file read by :func:`read_csv`,
  :func:`read_table` or recorded with :func:`record_input` inside :func:`run_inputs`;
  the command line opens one such scope per command) is refused;
- an existing file keeps its permission bits; a new file gets ``0o666`` less the umask
  (as ``open`` would give it), not a fixed mode;
- the temporary file is removed on every exit from the ``with`` block, an exception,
  ``KeyboardInterrupt`` and ``SystemExit`` included (the command line turns SIGTERM into
  ``SystemExit``, so that these ``finally`` blocks run on ``kill`` too);
- an operating-system error (read-only folder, full disk, a parent that is a file) is an
  :class:`InputError` naming the path, so the command line prints one line, exit 2.

Text cells of CSV and Excel outputs are written so that a spreadsheet does not run them
as formulas: see :func:`neutralise_formulas`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError, where

#: resolved paths of the files read in the current :func:`run_inputs` scope, or None
#: outside any scope (library use: nothing is recorded, nothing refused for it)
_RUN_INPUTS: set[Path] | None = None


@contextlib.contextmanager
def run_inputs() -> Iterator[set[Path]]:
    """A scope in which every file read through this module is an input of the run.

    Inside it, :func:`read_csv`, :func:`read_table` and :func:`record_input` add the
    resolved path of each file read to a set, and :func:`atomic_path` (every writer)
    refuses to write onto a path in that set: ``qci weights M.csv -o M.csv`` fails with
    one line instead of replacing the data by its weights. :func:`analysis.cli.main`
    opens one scope per command; scopes do not nest (an inner one starts empty and the
    outer one is restored after it).
    """
    global _RUN_INPUTS
    outer, _RUN_INPUTS = _RUN_INPUTS, set()
    try:
        yield _RUN_INPUTS
    finally:
        _RUN_INPUTS = outer


def record_input(path: str | os.PathLike[str]) -> None:
    """Note ``path`` as an input of the current run (no-op outside :func:`run_inputs`)."""
    if _RUN_INPUTS is not None:
        with contextlib.suppress(OSError, RuntimeError):
            _RUN_INPUTS.add(Path(path).resolve())


def current_umask() -> int:
    """The process umask (Linux: read from /proc without changing it; else set and reset)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_KINDS = (
    (stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def output_mode(target: Path) -> int:
    """The permission bits the output ``target`` gets, after checking it may be written.

    An existing regular file keeps its mode; a new file gets ``0o666 & ~umask``. A target
    that exists and is not a regular file, or is an input of the current run, is an
    :class:`InputError`.
    """
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror})") from exc
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise InputError(f"{target}: exists and is {kind}; give the path of a regular file")
    if _RUN_INPUTS is not None and target.resolve() in _RUN_INPUTS:
        raise InputError(f"{target}: is an input of this run; write the output elsewhere")
    if info is not None:
        return stat.S_IMODE(info.st_mode)
    return 0o666 & ~current_umask()


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success.

    The target is checked first (:func:`output_mode`: a regular file or nothing, not an
    input of the run). On any exit without success — an exception, ``KeyboardInterrupt``,
    ``SystemExit`` — the temporary file is removed and ``path`` is left untouched.
    Operating-system errors are an :class:`InputError` naming ``path``.
    """
    target = Path(path)
    mode = output_mode(target)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        tmp = Path(tmp_name)
        os.close(fd)
        yield tmp
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(f"{target}: cannot write ({reason})") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
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


#: A text cell a spreadsheet (Excel, LibreOffice, Sheets) would run as a formula: one that
#: starts with ``=``, ``+``, ``-`` or ``@``, or with a tab or carriage return (stripped
#: first by some) — OWASP "CSV injection" — or with ``'`` itself (so that the escape below
#: is reversible).
FORMULA_START = re.compile(r"^[=+\-@\t\r']")
#: ... except a plain number (``-1.6``, ``+3``, ``-2e5``): a spreadsheet reads it as that
#: number, not as a formula, and our readers read it as a number.
PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
#: the prefix that makes a spreadsheet show a cell as text
TEXT_PREFIX = "'"


def _text_columns(frame: pd.DataFrame) -> list[Any]:
    return [c for c, kind in frame.dtypes.items()
            if pd.api.types.is_object_dtype(kind) or pd.api.types.is_string_dtype(kind)]


def _is_formula_like(cell: object) -> bool:
    return isinstance(cell, str) and bool(FORMULA_START.match(cell)) and not PLAIN_NUMBER.match(cell)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell a spreadsheet would run as a formula made text.

    Only text columns (object or string dtype) and only their ``str`` cells change: a cell
    that matches :data:`FORMULA_START` and is not a :data:`PLAIN_NUMBER` gets a leading
    ``'`` (``=SUM(A1)`` → ``'=SUM(A1)``, ``-1.6‰`` → ``'-1.6‰``, ``'x`` → ``''x``); numbers
    (numeric columns, and ``-1.6`` as text) are written unchanged.
    :func:`read_csv` removes exactly one leading ``'`` from text cells, so every cell reads
    back as it was.
    """
    columns = _text_columns(frame)
    if not columns:
        return frame
    safe = frame.copy()
    for col in columns:
        series = safe[col]
        risky = series.map(_is_formula_like).astype(bool)
        if risky.any():
            safe[col] = series.where(~risky, TEXT_PREFIX + series[risky].astype(str))
    return safe


def restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`neutralise_formulas`, in place: one leading ``'`` removed from
    each ``str`` cell of the text columns that starts with it."""
    for col in _text_columns(frame):
        series = frame[col]
        escaped = series.map(lambda v: isinstance(v, str) and v.startswith(TEXT_PREFIX))
        escaped = escaped.astype(bool)
        if escaped.any():
            frame[col] = series.where(~escaped, series[escaped].astype(str).str[1:])
    return frame


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str], **to_csv: Any) -> Path:
    """Write a DataFrame as UTF-8 CSV atomically (no index unless asked for); text cells
    that a spreadsheet would run as formulas are written as text
    (:func:`neutralise_formulas`)."""
    to_csv.setdefault("index", False)
    safe = neutralise_formulas(frame)
    with atomic_path(path) as tmp:
        safe.to_csv(tmp, encoding="utf-8", lineterminator="\n", **to_csv)
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
    the caller writes one CSV per table instead. Text cells follow the same rule in both
    (:func:`neutralise_formulas`: ``'`` before a formula-like text, which
    :func:`read_table` removes), and in a workbook every text cell is also stored as a
    text cell, never as a formula (openpyxl would store ``=...`` as one).
    """
    named = {"table": tables} if isinstance(tables, pd.DataFrame) else dict(tables)
    if not is_excel(path):
        if len(named) != 1:
            raise ValueError(f"{path}: {len(named)} tables need an .xlsx workbook or one CSV each")
        return write_csv(next(iter(named.values())), path)
    # built in memory, then written in one go: a workbook's zip file written straight to
    # a full disk failed once on close and again, printed, when collected
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as book:
        for name, frame in named.items():
            neutralise_formulas(frame).to_excel(book, sheet_name=sheet_name(name), index=False)
            _formulas_as_text(book.sheets[sheet_name(name)])
    return write_bytes(path, buffer.getvalue())


def _formulas_as_text(sheet: Any) -> None:
    """Every cell openpyxl took for a formula (a text starting with ``=``) stored as text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


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
    reads as numbers must hold finite numbers only (:func:`check_finite`). A text cell
    that starts with ``'`` loses that one character (:func:`restore_formulas`, the inverse
    of what :func:`write_csv` writes; a spreadsheet also reads ``'x`` as the text ``x``).
    The file is recorded as an input of the run (:func:`run_inputs`).
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
    return _checked(restore_formulas(frame), p, required, what)


def read_yaml(path: str | os.PathLike[str], what: str = "YAML file") -> Any:
    """The one reader of the suite's YAML files (specs, frameworks, studies, factors).

    Safe loading only (no tag ever runs code), with libyaml's C loader when installed.
    A missing file, text that is not UTF-8 and YAML that does not parse are each one
    :class:`InputError` line naming the file; the caller checks the document's shape.
    """
    import yaml

    p = _existing(path, what)  # also records it as an input of the run
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise InputError(f"{p}: not valid YAML: {exc}".splitlines()[0]) from exc


def read_table(
    path: str | os.PathLike[str],
    required: Iterable[str] = (),
    what: str = "table",
    sheet: str | int | None = None,
    **read_kwargs: Any,
) -> pd.DataFrame:
    """Read a CSV (see :func:`read_csv`) or an Excel sheet (``sheet``: name or 0-based
    position, default the first), with the same checks and errors (and the same removal
    of one leading ``'`` from text cells, :func:`restore_formulas`)."""
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
    return _checked(restore_formulas(frame), p, required, what)


def _existing(path: str | os.PathLike[str], what: str) -> Path:
    """``path`` if it is a regular file (through symbolic links), else an InputError that
    says what it is: missing, a broken link or a link loop, a folder, or a FIFO or device
    (never opened: reading a FIFO would wait forever). Recorded as an input of the run."""
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise InputError(f"{p}: a symbolic link that leads nowhere (broken); expected a {what}") from None
        raise InputError(f"{p}: no such {what}") from None
    except OSError as exc:  # ELOOP: a symbolic link loop; EACCES ...
        raise InputError(f"{p}: cannot read ({exc.strerror}); expected a {what}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{p}: is a folder, expected a {what}")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise InputError(f"{p}: is {kind}, expected a {what} (a regular file)")
    record_input(p)
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
