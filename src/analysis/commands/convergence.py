"""``qci convergence``: σ-convergence per year, or one β-convergence regression.

    python -m analysis convergence SCORES.csv [--code Index] --method sigma | beta
        [--fixed-effects] -o OUT.csv

sigma writes ``year,n,mean,sd,cv``; beta writes one row ``beta,se,t,p,r2,n,speed,half_life``
(formulas in :mod:`analysis.regional.convergence`).
"""

from __future__ import annotations

import argparse

HELP = "σ-convergence per year or β-convergence (pooled or unit fixed effects)"
METHODS = ("sigma", "beta")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scores", metavar="SCORES.csv",
                        help="long scores: unit (or uCode), [year,] iCode, score (qci index)")
    parser.add_argument("--code", metavar="CODE",
                        help="the iCode to analyse (default: the only one, or Index)")
    parser.add_argument("--method", required=True, metavar="M", help="sigma or beta")
    parser.add_argument("--fixed-effects", action="store_true",
                        help="beta with unit fixed effects (within estimator)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.csv",
                        help="output table (.csv, or .xlsx for a workbook)")


def run(args: argparse.Namespace) -> int:
    from analysis.commands._mcda_io import call_with_location
    from analysis.errors import InputError
    from analysis.files import write_table
    from analysis.regional.convergence import beta_convergence, growth_pairs, sigma_table
    from analysis.regional.scores import one_code, read_scores, top_code

    method = args.method.strip().lower()
    if method not in METHODS:
        raise InputError(f"--method {args.method!r}: use one of {', '.join(METHODS)}")
    if args.fixed_effects and method != "beta":
        raise InputError("--fixed-effects goes with --method beta")
    scores = read_scores(args.scores)
    code = top_code(scores, args.code, args.scores)
    data = one_code(scores, code)
    if method == "sigma":
        table = call_with_location(sigma_table, f"{args.scores}: ", data)
        note = f"{len(table)} year(s)"
    else:
        pairs = call_with_location(growth_pairs, f"{args.scores}: ", data)
        result = call_with_location(beta_convergence, f"{args.scores}: ", pairs,
                                    args.fixed_effects)
        table = result.table()
        note = (f"beta {result.beta:.4g} (p {result.p:.3g}), n {result.n}"
                + (", unit fixed effects" if args.fixed_effects else ""))
    path = write_table(table, args.output)
    print(f"convergence: {method} of {code}, {note} -> {path}")
    return 0
