"""``qci convergence``: σ-convergence per year, or one β-convergence regression.

    python -m analysis convergence SCORES.csv [--code Index] --method sigma | beta
        [--fixed-effects] [--study S] -o OUT.csv

sigma writes ``year,n,mean,sd,cv``; beta writes one row ``beta,se,t,p,r2,n,speed,half_life``
(formulas in :mod:`analysis.regional.convergence`). ``--study S`` without SCORES.csv: the
study's index over every panel year.
"""

from __future__ import annotations

import argparse

from analysis.regional import STUDY_HELP

HELP = "σ-convergence per year or β-convergence (pooled or unit fixed effects)"
METHODS = ("sigma", "beta")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scores", metavar="SCORES.csv", nargs="?",
                        help="long scores: unit (or uCode), [year,] iCode, score (qci index)")
    parser.add_argument("--code", metavar="CODE",
                        help="the iCode to analyse (default: the only one, or Index)")
    parser.add_argument("--method", required=True, metavar="M", help="sigma or beta")
    parser.add_argument("--study", metavar="S", help=STUDY_HELP)
    parser.add_argument("--fixed-effects", action="store_true",
                        help="beta with unit fixed effects (within estimator)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.csv",
                        help="output table (.csv, or .xlsx for a workbook)")


def run(args: argparse.Namespace) -> int:
    from analysis.commands._mcda_io import call_with_location
    from analysis.errors import InputError
    from analysis.files import write_table
    from analysis.regional.convergence import beta_convergence, growth_pairs, sigma_table
    from analysis.regional.inputs import scores_source
    from analysis.regional.scores import one_code, top_code

    method = args.method.strip().lower()
    if method not in METHODS:
        raise InputError(f"--method {args.method!r}: use one of {', '.join(METHODS)}")
    if args.fixed_effects and method != "beta":
        raise InputError("--fixed-effects goes with --method beta")
    scores, source, _ = scores_source(args.scores, args.study)
    code = top_code(scores, args.code, source)
    data = one_code(scores, code)
    if method == "sigma":
        table = call_with_location(sigma_table, f"{source}: ", data)
        note = f"{len(table)} year(s)"
    else:
        pairs = call_with_location(growth_pairs, f"{source}: ", data)
        result = call_with_location(beta_convergence, f"{source}: ", pairs,
                                    args.fixed_effects)
        table = result.table()
        note = (f"beta {result.beta:.4g} (p {result.p:.3g}), n {result.n}"
                + (", unit fixed effects" if args.fixed_effects else ""))
    path = write_table(table, args.output)
    print(f"convergence: {method} of {code}, {note} -> {path}")
    return 0
