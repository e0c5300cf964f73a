"""``qci disparity``: Gini, Theil (with groups: between + within) or Dagum's decomposition.

    python -m analysis disparity SCORES.csv [--code Index] --method gini | theil | dagum
        [--groups GROUPS.csv] [--study S] -o OUT.csv

Per year, on the scores of ``--code`` (default the top aggregate). Writes
``year,measure,component,group,group2,value,share`` (formulas in
:mod:`analysis.regional.disparity`). ``--study S``: the groups default to the study's
(``unit,group``), and without SCORES.csv the scores are the study's index over every
panel year.
"""

from __future__ import annotations

import argparse

from analysis.regional import STUDY_HELP

HELP = "regional disparity per year: gini, theil (by groups) or the Dagum decomposition"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scores", metavar="SCORES.csv", nargs="?",
                        help="long scores: unit (or uCode), [year,] iCode, score (qci index)")
    parser.add_argument("--code", metavar="CODE",
                        help="the iCode to analyse (default: the only one, or Index)")
    parser.add_argument("--method", required=True, metavar="M", help="gini, theil or dagum")
    parser.add_argument("--groups", metavar="GROUPS.csv",
                        help="unit,group (needed by dagum; theil decomposes by it; "
                             "default with --study: the study's groups)")
    parser.add_argument("--study", metavar="S", help=STUDY_HELP)
    parser.add_argument("-o", "--output", required=True, metavar="OUT.csv",
                        help="output table (.csv, or .xlsx for a workbook)")


def run(args: argparse.Namespace) -> int:
    from analysis.commands._mcda_io import call_with_location
    from analysis.errors import InputError
    from analysis.files import write_table
    from analysis.regional.disparity import METHODS, disparity_table
    from analysis.regional.groups import read_groups
    from analysis.regional.inputs import scores_source, study_groups
    from analysis.regional.scores import one_code, top_code

    method = args.method.strip().lower()
    if method not in METHODS:
        raise InputError(f"--method {args.method!r}: use one of {', '.join(METHODS)}")
    scores, source, study = scores_source(args.scores, args.study)
    groups = read_groups(args.groups) if args.groups else None
    if groups is None and study is not None and study.groups is not None:
        groups = study_groups(study)
    if method == "dagum" and groups is None:
        raise InputError("--method dagum needs --groups GROUPS.csv (unit,group)"
                         + (f"; study {study.name!r} has no groups" if study is not None else ""))
    code = top_code(scores, args.code, source)
    table = call_with_location(disparity_table, f"{source}: ", one_code(scores, code),
                               method, groups)
    path = write_table(table, args.output)
    years = table["year"].nunique(dropna=False)
    print(f"disparity: {method} of {code}, {years} year(s) -> {path}")
    return 0
