"""Reading the files of the ``weights`` and ``rank`` commands, with errors naming the cell.

- MATRIX.csv: first column the unit id, then one numeric column per criterion.
- CRITERIA.csv: ``indicator,direction`` (+1 benefit, −1 cost; also ``benefit``/``cost``,
  ``max``/``min``), optional ``weight``; exactly the criteria of MATRIX, any order.
- WEIGHTS.csv: ``indicator,weight``; exactly the criteria of MATRIX, any order.

Panel mode (``--year Y`` or ``--pooled``): the input is a panel (long ``unit, year,
indicator, value``, wide ``unit, year, <indicators>`` or COINr iData) and the criteria are
a framework (:func:`analysis.framework.load_framework`: a criteria CSV ``indicator,direction[,weight]
[,dimension][,name_zh][,name_en]``, a framework YAML, a COINr iMeta or a built-in name);
:func:`panel_matrix` returns the decision matrix of one year or of all years stacked,
raw, or treated and normalised as a spec's index would use them.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.files import read_csv, read_table

if TYPE_CHECKING:  # the framework module is imported when used (CLI start-up time)
    from analysis.framework import Framework
    from analysis.study import Study


def _header(path: Path, sheet: str | int | None = None) -> list[str]:
    """The header line as written (pandas renames a repeated column name ``a`` to ``a.1``)."""
    first = read_table(path, sheet=sheet, header=None, nrows=1, dtype=str, keep_default_na=False)
    return [str(c).strip() for c in first.iloc[0]] if len(first) else []


def _check_unique(path: Path, labels: list[str], what: str) -> None:
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            raise InputError(f"{path}: duplicate {what} {label!r}")
        seen.add(label)


def _direction(value: str, path: Path, row: int) -> float:
    from analysis.framework import DIRECTION_WORDS  # one vocabulary of directions

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


def _weight(value: str, path: Path, row: int) -> float:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"{where(path, row, 'weight')}{value!r} is not a number") from None
    if not np.isfinite(number) or number < 0:
        raise InputError(f"{where(path, row, 'weight')}{value!r}: weights must be ≥ 0")
    return number


def read_matrix(path: str | Path, need_values: bool = True,
                sheet: str | int | None = None) -> pd.DataFrame:
    """The decision matrix: index = unit ids (text), columns = criteria (float64).

    A CSV, or a sheet of an Excel workbook (``sheet``: name or 0-based position, default
    the first). With ``need_values`` every cell must be a finite number (at least one
    row); otherwise (AHP, expert and equal weights) only the criteria names are used.
    """
    p = Path(path)
    frame = read_table(p, what="decision matrix", sheet=sheet, dtype=str, keep_default_na=False)
    if frame.shape[1] < 2:
        raise InputError(f"{p}: expected a unit id column, then one column per criterion")
    _check_unique(p, _header(p, sheet)[1:], "criterion")
    unit_col = frame.columns[0]
    frame = frame.set_index(unit_col)
    frame.index = frame.index.astype(str).str.strip()
    frame.index.name = "unit"
    frame = frame.fillna("")  # an Excel sheet's empty cells
    frame.columns = [str(c) for c in frame.columns]
    if not need_values:
        return frame
    if frame.empty:
        raise InputError(f"{p}: no units (only a header)")
    if "year" in frame.columns or "Time" in frame.columns:
        try:
            _check_unique(p, list(frame.index), f"unit in column {unit_col!r}:")
        except InputError as exc:
            raise InputError(f"{exc} (a panel: add --year Y or --pooled)") from None
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


def write_output(frame: pd.DataFrame, path: str | Path, source: object = "the result") -> Path:
    """A command's table: an Excel workbook for ``.xlsx``, else CSV (15 significant digits);
    refused when a number in it overflowed (:func:`check_finite_result`)."""
    from analysis.commands._common import check_finite_result
    from analysis.files import is_excel, write_csv, write_table

    check_finite_result(frame, source)
    if is_excel(path):
        return write_table(frame, path)
    return write_csv(frame, path, float_format="%.15g")


CRITERIA_HELP = "indicator,direction (+1 benefit, -1 cost) [,weight][,dimension]"
WEIGHTS_HELP = "indicator,weight (as written by qci weights); default: the weight column of CRITERIA.csv"


def add_matrix_arguments(parser: Any, methods: str, options: str, output: str,
                         criteria_default: str = "") -> None:
    """The options of a command on a decision matrix or a panel (``weights``, ``rank``):
    MATRIX.csv|PANEL, ``--method``, ``--criteria``, ``--option``, the panel options
    (:func:`add_panel_arguments`), ``--study`` and ``-o``."""
    parser.add_argument("matrix", metavar="MATRIX.csv|PANEL", nargs="?",
                        help="first column the unit id, then one numeric column per criterion; "
                             "or a panel with --year / --pooled (default with --study: its panel)")
    parser.add_argument("--method", required=True, metavar="M", help=methods)
    parser.add_argument("--criteria", metavar="CRITERIA.csv", help=CRITERIA_HELP + criteria_default)
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help=f"method option, repeatable ({options})")
    add_panel_arguments(parser)
    add_study_argument(parser, "its panel, framework and spec (with --year Y or --pooled)")
    from analysis.commands._common import output_path

    parser.add_argument("-o", "--output", required=True, metavar=output, type=output_path)


def chosen_weights(weights_file: str | None, criteria: list[str],
                   default: np.ndarray | None) -> np.ndarray:
    """The weights of ``--weights WEIGHTS.csv`` (:func:`read_weights`), else ``default``
    (the criteria's complete ``weight`` column, or a framework's weights), else an
    :class:`InputError` asking for one."""
    if weights_file:
        return read_weights(weights_file, criteria).to_numpy()
    if default is not None:
        return default
    raise InputError("give --weights WEIGHTS.csv or a complete 'weight' column in --criteria")


def table_weights(table: pd.DataFrame) -> np.ndarray | None:
    """The ``weight`` column of :func:`read_criteria`'s table when every criterion has one."""
    return table["weight"].to_numpy() if table["weight"].notna().all() else None


@contextmanager
def located_in(source: object) -> Iterator[None]:
    """Prefix ``source`` to an InputError raised inside that names only a row, a column
    or the decision matrix (a method's errors do not know the file)."""
    try:
        yield
    except InputError as exc:
        located = str(exc).startswith(("row ", "column ", "decision matrix"))
        raise InputError(f"{source}: {exc}" if located else str(exc)) from None


# ---------------------------------------------------------------------------- panels


def add_panel_arguments(parser: Any) -> None:
    """``--year``, ``--pooled``, ``--meta`` and ``--spec`` of the panel mode, and the
    table options (``--sheet`` for an Excel matrix or panel; ``--unit-column`` and
    ``--year-column`` for a panel)."""
    from analysis.commands._common import add_table_arguments
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--year", metavar="Y",
                      help="panel input: the decision matrix is this year's rows")
    when.add_argument("--pooled", action="store_true",
                      help="panel input: every year's rows stacked (unit-years as alternatives)")
    parser.add_argument("--meta", metavar="FRAMEWORK",
                        help="panel input: the framework (YAML, iMeta or built-in name) "
                             "instead of --criteria")
    parser.add_argument("--spec", metavar="SPEC",
                        help="panel input: treat and normalise as this index spec does "
                             "(default: the raw values)")
    add_table_arguments(parser)


def add_study_argument(parser: Any, role: str) -> None:
    """``--study STUDY``: a study's panel, framework and spec as the command's defaults."""
    parser.add_argument("--study", metavar="STUDY",
                        help=f"a study (built-in name or study YAML): {role}")


def study_of(args: Any) -> Study | None:
    """The study named by ``--study`` (loaded and checked), or None."""
    if not getattr(args, "study", None):
        return None
    from analysis.study import load_study

    return load_study(args.study)


def panel_mode(args: Any) -> bool:
    """Whether a command was given a panel (``--year`` or ``--pooled``)."""
    if args.year is None and not args.pooled:
        if getattr(args, "study", None):
            raise InputError("--study gives a panel: add --year Y or --pooled")
        if args.spec or args.meta:
            raise InputError("--spec and --meta need a panel: add --year Y or --pooled")
        if args.unit_column or args.year_column:
            raise InputError("--unit-column and --year-column name a panel's columns: add --year Y "
                             "or --pooled (a MATRIX's first column is its unit id)")
        return False
    return True


def panel_input(args: Any) -> tuple[pd.DataFrame, np.ndarray | None, np.ndarray]:
    """The decision matrix of a command's panel (index ``unit, year``), its directions
    (None when normalised with directions applied) and the framework's effective
    indicator weights.

    The panel is the MATRIX argument, else the study's; the framework ``--criteria`` or
    ``--meta``, else the study's; the spec ``--spec``, else the study's (a study's
    values are weighed as its index uses them), else none (the raw values).
    """
    from analysis import engine
    from analysis.commands._common import table_options
    from analysis.framework import load_framework

    study = study_of(args)
    if args.criteria and args.meta:
        raise InputError("give the criteria once: --criteria CRITERIA.csv or --meta FRAMEWORK")
    if args.criteria or args.meta:
        framework = load_framework(args.criteria or args.meta)
    elif study is not None:
        framework = study.framework
    else:
        raise InputError("a panel needs its criteria: give --criteria CRITERIA.csv or --meta FRAMEWORK")
    if args.matrix is None and study is None:
        raise InputError("give a panel file or --study STUDY")
    data = args.matrix if args.matrix is not None else study.panel  # type: ignore[union-attr]
    spec = args.spec or (study.spec if study is not None else None)
    source = args.matrix or f"study {study.name!r}"  # type: ignore[union-attr]
    if args.matrix is None:
        from analysis.commands._common import refuse_table_options

        refuse_table_options(args, "the study's panel is read as the study says; give a panel file")
    matrix, directed = panel_matrix(data, framework, args.year, args.pooled, spec, source=source,
                                    table_options=table_options(args))
    p = len(framework.indicators)
    effective = engine.effective_weights(framework, framework.table["weight"].to_numpy())[:p]
    return matrix, None if directed else framework.direction.copy(), effective


def panel_matrix(
    path: str | Path | pd.DataFrame,
    framework: Framework,
    year: Any,
    pooled: bool,
    spec: Any,
    source: str | None = None,
    table_options: dict[str, Any] | None = None,
) -> tuple[pd.DataFrame, bool]:
    """The decision matrix of a panel: index (``unit``, ``year``), one year's rows or (``pooled``)
    every year's, columns the framework's indicators. Returns ``(matrix, directed)``:
    ``directed`` is True when the values are normalised with directions applied (a spec
    with a normalise step), so every criterion is then a benefit.

    Without ``spec`` the raw values; with it the dataset the spec's index normalises
    or, with a normalise step, its normalised values (every year built as the spec says,
    e.g. pooled min-max). ``table_options`` (``sheet``, ``unit_column``, ``year_column``)
    go to :func:`analysis.index.load_data`.
    """
    from analysis.index import build_years, load_data, load_spec

    data = path if isinstance(path, pd.DataFrame) else load_data(path, framework, **(table_options or {}))
    source = source or str(path)
    entry = dict(load_spec(spec)) if spec else {}
    entry.setdefault("aggregate", {"method": "amean"})
    entry.pop("weights", None)  # the weights are what the command computes
    entry.pop("year", None)
    run = build_years(data, framework, entry, years="all" if pooled else year, source=source)
    directed = "normalise" in entry and entry["normalise"]["method"] != "none"
    frames = []
    for y, res in run.results.items():
        frame = res.aggregated_input().copy()
        frame.index = pd.MultiIndex.from_arrays(
            [frame.index, [y] * len(frame)], names=["unit", "year"]
        )
        frames.append(frame)
    matrix = pd.concat(frames)
    gaps = np.isnan(matrix.to_numpy())
    if gaps.any():
        i, j = np.argwhere(gaps)[0]
        unit, y = matrix.index[i]
        raise InputError(
            f"{source}: unit {unit!r}, year {y}, indicator {matrix.columns[j]!r} is missing; impute it first "
            "(a --spec with an impute step)"
        )
    return matrix, directed
