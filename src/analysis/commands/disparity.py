"""``qci disparity``: Gini, Theil (with groups: between + within) or Dagum's decomposition.

    python -m analysis disparity SCORES.csv [--code Index] --method gini | theil | dagum
        [--groups GROUPS.csv] -o OUT.csv

Per year, on the scores of ``--code`` (default the top aggregate). Writes
``year,measure,component,group,group2,value,share`` (formulas in
:mod:`analysis.regional.disparity`).
"""

from __future__ import annotations

import argparse

HELP = "regional disparity per year: gini, theil (by groups) or the Dagum decomposition"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scores", metavar="SCORES.csv",
                        help="long scores: unit (or uCode), [year,] iCode, score (qci index)")
    parser.add_argument("--code", metavar="CODE",
                        help="the iCode to analyse (default: the only one, or Index)")
    parser.add_argument("--method", required=True, metavar="M", help="gini, theil or dagum")
    parser.add_argument("--groups", metavar="GROUPS.csv",
                        help="unit,group (needed by dagum; theil decomposes by it)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.csv",
                        help="output table (.csv, or .xlsx for a workbook)")


def run(args: argparse.Namespace) -> int:
    from analysis.commands._mcda_io import call_with_location
    from analysis.errors import InputError
    from analysis.files import write_table
    from analysis.regional.disparity import METHODS, disparity_table
    from analysis.regional.groups import read_groups
    from analysis.regional.scores import one_code, read_scores, top_code

    method = args.method.strip().lower()
    if method not in METHODS:
        raise InputError(f"--method {args.method!r}: use one of {', '.join(METHODS)}")
    if method == "dagum" and not args.groups:
        raise InputError("--method dagum needs --groups GROUPS.csv (unit,group)")
    scores = read_scores(args.scores)
    code = top_code(scores, args.code, args.scores)
    groups = read_groups(args.groups) if args.groups else None
    table = call_with_location(disparity_table, f"{args.scores}: ", one_code(scores, code),
                               method, groups)
    path = write_table(table, args.output)
    years = table["year"].nunique(dropna=False)
    print(f"disparity: {method} of {code}, {years} year(s) -> {path}")
    return 0
