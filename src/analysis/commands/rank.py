"""``qci rank``: score and rank the units of a decision matrix by an MCDA method.

    python -m analysis rank MATRIX.csv --criteria CRITERIA.csv --weights WEIGHTS.csv
        --method M [--option KEY=VALUE ...] -o SCORES.csv

Writes ``unit,score,rank`` in MATRIX's row order; rank 1 = best, tied units share the
lowest rank. VIKOR's score is Q (lower is better, so rank 1 has the lowest Q).
"""

from __future__ import annotations

import argparse

HELP = "rank units by wsm, wpm, topsis, vikor, gra or copeland"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("matrix", metavar="MATRIX.csv",
                        help="first column the unit id, then one numeric column per criterion")
    parser.add_argument("--criteria", required=True, metavar="CRITERIA.csv",
                        help="indicator,direction (+1 benefit, -1 cost) [,weight]")
    parser.add_argument("--weights", metavar="WEIGHTS.csv",
                        help="indicator,weight (as written by qci weights); "
                             "default: the weight column of CRITERIA.csv")
    parser.add_argument("--method", required=True, metavar="M",
                        help="wsm, wpm, topsis, vikor, gra or copeland")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="method option, repeatable: normalisation=minmax|sum|max|vector "
                             "(wsm), normalisation=vector|minmax (topsis), v=0.5 (vikor), "
                             "rho=0.5 (gra)")
    parser.add_argument("-o", "--output", required=True, metavar="SCORES.csv")


def run(args: argparse.Namespace) -> int:
    from analysis import rank as R
    from analysis.cli import parse_options
    from analysis.commands._mcda_io import (
        read_criteria,
        read_matrix,
        read_weights,
        warnings_to_stderr,
    )
    from analysis.errors import InputError
    from analysis.files import write_csv

    method = args.method.strip().lower()
    if method not in R.METHODS:
        raise InputError(f"--method {args.method!r}: use one of {', '.join(R.METHODS)}")
    options = parse_options(args.option)
    accepted = R.method_options(method)
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise InputError(
            f"--option {', '.join(unknown)}: not an option of {method}; "
            f"accepted: {', '.join(accepted) or 'none'}"
        )
    matrix = read_matrix(args.matrix)
    criteria = list(matrix.columns)
    table = read_criteria(args.criteria, criteria)
    if args.weights:
        weights = read_weights(args.weights, criteria).to_numpy()
    elif table["weight"].notna().all():
        weights = table["weight"].to_numpy()
    else:
        raise InputError("give --weights WEIGHTS.csv or a complete 'weight' column in --criteria")
    with warnings_to_stderr("rank"):
        try:
            result = R.score_and_rank(matrix, weights, method, table["direction"].to_numpy(),
                                      **options)
        except InputError as exc:
            located = str(exc).startswith(("row ", "column ", "decision matrix"))
            raise InputError(f"{args.matrix}: {exc}" if located else str(exc)) from None
    path = write_csv(result, args.output, float_format="%.15g")
    print(f"rank: {method}, {len(result)} units, {len(criteria)} criteria -> {path}")
    return 0
