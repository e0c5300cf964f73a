"""``qci compare SCORES.csv [SCORES.csv ...] --nominal METHOD [--by COLUMN] [--top K]
[--lower-is-better METHOD ...] -o OUTDIR``.

Writes OUTDIR/shifts.csv (``[by,]method,unit,rank,nominal_rank,shift``) and
OUTDIR/agreement.csv (one row per ``[by,]method``); the columns are defined in
:mod:`analysis.compare`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands._common import output_path, overflow_refused

HELP = "compare rankings from score files with a nominal method: rank shifts and agreement"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scores",
        nargs="+",
        metavar="SCORES.csv",
        help="unit,score[,method][,BY...]; without a method column the file stem names the method",
    )
    parser.add_argument("--sheet", metavar="SHEET",
                        help="Excel inputs: the sheet of every workbook (name or 0-based position; "
                             "default the first)")
    parser.add_argument("--nominal", required=True, metavar="METHOD", help="the reference method")
    parser.add_argument(
        "--by",
        action="append",
        metavar="COLUMN",
        help="compare within each value of this column (e.g. year); may be repeated",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="K",
        help="size of the top and bottom sets of the nominal ranking (default 10)",
    )
    parser.add_argument(
        "--lower-is-better",
        nargs="+",
        action="extend",
        default=[],
        metavar="METHOD",
        help="methods whose score is better when lower (e.g. VIKOR's Q): rank 1 = lowest score",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=output_path,
        metavar="OUTDIR",
        help="output folder (or a .xlsx workbook with sheets shifts and agreement)",
    )


@overflow_refused
def run(args: argparse.Namespace) -> int:
    # imported here: the parser of every subcommand is built on each call of qci, and
    # analysis.compare pulls in scipy.stats (seconds of start-up for `qci extract`)
    from analysis.commands._common import sheet_of
    from analysis.commands._mcda_io import warnings_to_stderr
    from analysis.compare import compare_rankings, read_scores
    from analysis.files import is_excel, write_csv, write_table

    scores = read_scores(args.scores, by=args.by, sheet=sheet_of(args))
    with warnings_to_stderr("compare"):  # units left out and methods with nothing in common
        shifts, agreement = compare_rankings(
            scores, args.nominal, by=args.by, top=args.top, lower_is_better=args.lower_is_better
        )
    out = Path(args.output)
    if is_excel(out):
        targets = str(write_table({"shifts": shifts, "agreement": agreement}, out))
    else:
        write_csv(shifts, out / "shifts.csv")
        write_csv(agreement, out / "agreement.csv")
        targets = f"{out / 'shifts.csv'}, {out / 'agreement.csv'}"
    print(f"{agreement['method'].nunique()} methods, {len(agreement)} comparisons -> {targets}")
    return 0
