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

from analysis.commands._common import overflow_refused
from analysis.regional import STUDY_HELP

HELP = "regional disparity per year: gini, theil (by groups) or the Dagum decomposition"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._common import add_scores_arguments

    add_scores_arguments(parser, "gini, theil or dagum", STUDY_HELP)
    parser.add_argument("--groups", metavar="GROUPS.csv",
                        help="unit,group (needed by dagum; theil decomposes by it; "
                             "default with --study: the study's groups)")


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from analysis.commands._common import method_of, scores_of_code, sheet_of, write_result
    from analysis.commands._mcda_io import call_with_location
    from analysis.errors import InputError
    from analysis.regional.disparity import METHODS, disparity_table
    from analysis.regional.groups import read_groups
    from analysis.regional.inputs import study_groups

    method = method_of(args, METHODS)
    data, code, source, study = scores_of_code(args.scores, args.study, args.code, sheet_of(args))
    groups = read_groups(args.groups) if args.groups else None
    if groups is None and study is not None and study.groups is not None:
        groups = study_groups(study)
    if method == "dagum" and groups is None:
        raise InputError("--method dagum needs --groups GROUPS.csv (unit,group)"
                         + (f"; study {study.name!r} has no groups" if study is not None else ""))
    table = call_with_location(disparity_table, f"{source}: ", data, method, groups)
    path = write_result(table, args.output, source)
    years = table["year"].nunique(dropna=False)
    print(f"disparity: {method} of {code}, {years} year(s) -> {path}")
    return 0
