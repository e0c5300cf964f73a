"""What several commands share: their table options, the method check, and the writing of
a result (refused when a number in it overflowed).

Nothing heavy is imported at module level: every command's parser is built on each call
of ``qci``.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from analysis.errors import InputError

if TYPE_CHECKING:
    import os
    from pathlib import Path

    import pandas as pd

SCORES_HELP = "long scores: unit (or uCode), [year,] iCode, score (qci index); CSV or Excel (--sheet)"
CODE_HELP = "the iCode to analyse (default: the only one, or Index)"
OUTPUT_HELP = "output table (.csv, or .xlsx for a workbook)"


def add_table_arguments(parser: argparse.ArgumentParser, columns: bool = True) -> None:
    """``--sheet`` (and, with ``columns``, ``--unit-column`` / ``--year-column``) for a
    command that reads a panel or table that may be an Excel workbook; read them back
    with :func:`table_options`."""
    parser.add_argument("--sheet", metavar="SHEET",
                        help="Excel input: the sheet (name or 0-based position; default the first)")
    if columns:
        parser.add_argument("--unit-column", metavar="COLUMN",
                            help="the data's unit column when it is not 'unit' (or uCode), e.g. city")
        parser.add_argument("--year-column", metavar="COLUMN",
                            help="the data's year column when it is not 'year' (or Time)")


def sheet_of(args: argparse.Namespace) -> str | int | None:
    """``--sheet`` as :func:`analysis.files.read_table` takes it: digits are a 0-based
    position, anything else a sheet name, absent None."""
    sheet = getattr(args, "sheet", None)
    if sheet is None:
        return None
    return int(sheet) if sheet.strip().isdigit() else sheet


def table_options(args: argparse.Namespace) -> dict[str, Any]:
    """``sheet``, ``unit_column`` and ``year_column`` of :func:`add_table_arguments`, as
    keyword arguments of :func:`analysis.index.load_data`."""
    return {"sheet": sheet_of(args), "unit_column": getattr(args, "unit_column", None),
            "year_column": getattr(args, "year_column", None)}


def refuse_table_options(args: argparse.Namespace, why: str) -> None:
    """An :class:`InputError` when table options were given where they do not apply."""
    given = [flag for flag, dest in (("--sheet", "sheet"), ("--unit-column", "unit_column"),
                                     ("--year-column", "year_column")) if getattr(args, dest, None)]
    if given:
        raise InputError(f"{', '.join(given)}: {why}")


def add_index_inputs(parser: argparse.ArgumentParser, spec_help: str, study_help: str) -> None:
    """What a command that builds an index reads (``index``, ``sensitivity``): ``--data``,
    ``--meta``, ``--spec``, ``--study`` and the table options (:func:`add_table_arguments`);
    read them back with :func:`index_inputs`."""
    parser.add_argument("--data", metavar="PANEL",
                        help="data: a long (unit,year,indicator,value) or wide (unit,year,indicators...) "
                             "panel, CSV or Excel, or COINr iData (uCode, groups, Time, denominators, "
                             "indicators)")
    parser.add_argument("--meta", metavar="FRAMEWORK",
                        help="the framework: a criteria CSV (indicator,direction[,weight][,dimension]), "
                             "a COINr iMeta CSV, a framework YAML file or a built-in framework name")
    parser.add_argument("--spec", metavar="SPEC", help=spec_help)
    parser.add_argument("--study", metavar="STUDY",
                        help=f"a study (built-in name or study YAML): {study_help}")
    add_table_arguments(parser)


def index_inputs(args: argparse.Namespace) -> tuple[Any, Any, Any, str]:
    """``(study or None, framework, data, source label)`` of :func:`add_index_inputs`:
    ``--data`` read with the table options (:func:`analysis.index.load_data`), else the
    study's panel; ``--meta``, else the study's framework."""
    from analysis.commands._mcda_io import study_of
    from analysis.framework import load_framework
    from analysis.index import load_data

    study = study_of(args)
    if study is None and not (args.data and args.meta):
        raise InputError("give --data PANEL and --meta FRAMEWORK, or --study STUDY")
    framework = load_framework(args.meta) if args.meta else study.framework
    if args.data:
        return study, framework, load_data(args.data, framework, **table_options(args)), args.data
    refuse_table_options(args, "the study's panel is read as the study says; give --data PANEL")
    return study, framework, study.panel, f"study {study.name!r}"


def add_scores_arguments(parser: argparse.ArgumentParser, methods: str, study_help: str) -> None:
    """The options of a command on long scores (``disparity``, ``convergence``):
    SCORES.csv, ``--code``, ``--method``, ``--study``, ``--sheet`` and ``-o``."""
    parser.add_argument("scores", metavar="SCORES.csv", nargs="?", help=SCORES_HELP)
    parser.add_argument("--code", metavar="CODE", help=CODE_HELP)
    parser.add_argument("--method", required=True, metavar="M", help=methods)
    parser.add_argument("--study", metavar="S", help=study_help)
    add_table_arguments(parser, columns=False)
    add_output_argument(parser)


def output_path(text: str) -> str:
    """The argparse type of every ``-o``: a path that is not empty (``-o ""`` would write
    into the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty; give the path to write")
    return text


def output_folder(text: str) -> Path:
    """:func:`output_path` as a :class:`~pathlib.Path` (``qci render -o DIR``)."""
    from pathlib import Path

    return Path(output_path(text))


def add_output_argument(parser: argparse.ArgumentParser, metavar: str = "OUT.csv") -> None:
    """``-o/--output``: one table, CSV or an .xlsx workbook."""
    parser.add_argument("-o", "--output", required=True, metavar=metavar, help=OUTPUT_HELP,
                        type=output_path)


def method_of(args: argparse.Namespace, methods: Sequence[str], option: str = "method") -> str:
    """``--method`` (or another option) lower-cased, or an :class:`InputError` naming the
    accepted values."""
    given = str(getattr(args, option))
    method = given.strip().lower()
    if method not in methods:
        raise InputError(f"--{option} {given!r}: use one of {', '.join(methods)}")
    return method


def check_finite_result(table: pd.DataFrame, source: object) -> pd.DataFrame:
    """``table`` when every number in it is finite or missing; an :class:`InputError`
    naming the first ±inf (row, column) otherwise.

    A number read is finite (:func:`analysis.files.check_finite`), but one computed from
    finite numbers can still overflow float64 (a variance of values near 1e300): the
    command stops with one line instead of writing ``inf``.
    """
    import numpy as np
    import pandas as pd

    for column in table.columns:
        series = table[column]
        if not pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
            continue
        values = series.to_numpy(np.float64, na_value=np.nan)
        infinite = np.flatnonzero(np.isinf(values))
        if infinite.size:
            raise InputError(
                f"{source}: the result overflows float64 (row {int(infinite[0]) + 1}, column "
                f"{column!r}): the input's numbers span too many orders of magnitude; rescale them"
            )
    return table


def write_result(table: pd.DataFrame, path: str | os.PathLike[str], source: object) -> Any:
    """Write a command's table (:func:`analysis.files.write_table`: CSV or an .xlsx
    workbook) after :func:`check_finite_result`; the path written."""
    from analysis.files import write_table

    return write_table(check_finite_result(table, source), path)


def scores_of_code(scores_path: str | None, study_name: str | None,
                   code: str | None, sheet: str | int | None = None) -> tuple[pd.DataFrame, str, str, Any]:
    """The scores a command on one iCode analyses: ``(unit, year, score rows, the iCode,
    source label, study or None)`` from SCORES.csv or ``--study``
    (:func:`analysis.regional.inputs.scores_source`; ``sheet`` for an Excel workbook) and
    ``--code`` (default the top)."""
    from analysis.regional.inputs import scores_source
    from analysis.regional.scores import one_code, top_code

    scores, source, study = scores_source(scores_path, study_name, sheet)
    chosen = top_code(scores, code, source)
    return one_code(scores, chosen), chosen, source, study


def overflow_refused(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A command's ``run`` in which a floating-point overflow is an :class:`InputError`
    (one line, exit 2) instead of a silent ``inf`` or ``NaN`` in the result.

    Every number read is finite (:func:`analysis.files.check_finite`), but arithmetic on
    finite numbers near the float64 limit can still overflow (the variance of values near
    1e300, a Gini sum of values near 1.8e308); NumPy would warn and go on with ``inf``,
    or ``NaN`` after ``inf − inf``. Inside, NumPy raises on overflow (``np.errstate``), and
    the error names what to do.
    """

    @functools.wraps(run)
    def guarded(args: argparse.Namespace) -> int:
        import numpy as np

        try:
            with np.errstate(over="raise"):
                return run(args)
        except FloatingPointError as exc:
            raise InputError(
                f"a computation overflowed float64 ({exc}): the input's numbers span too many "
                "orders of magnitude; rescale them (e.g. to thousands or millions)"
            ) from None

    return guarded
