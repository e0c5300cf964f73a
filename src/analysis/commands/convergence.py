"""``qci convergence``: σ-convergence per year, or one β-convergence regression.

    python -m analysis convergence SCORES.csv [--code Index] --method sigma | beta
        [--fixed-effects] [--study S] -o OUT.csv

sigma writes ``year,n,mean,sd,cv``; beta writes one row ``beta,se,t,p,r2,n,speed,half_life``
(formulas in :mod:`analysis.regional.convergence`). ``--study S`` without SCORES.csv: the
study's index over every panel year.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import overflow_refused
from analysis.regional import STUDY_HELP

HELP = "σ-convergence per year or β-convergence (pooled or unit fixed effects)"
METHODS = ("sigma", "beta")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._common import add_scores_arguments

    add_scores_arguments(parser, "sigma or beta", STUDY_HELP)
    parser.add_argument("--fixed-effects", action="store_true",
                        help="beta with unit fixed effects (within estimator)")


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from analysis.commands._common import method_of, scores_of_code, sheet_of, write_result
    from analysis.commands._mcda_io import call_with_location
    from analysis.errors import InputError
    from analysis.regional.convergence import beta_convergence, growth_pairs, sigma_table

    method = method_of(args, METHODS)
    if args.fixed_effects and method != "beta":
        raise InputError("--fixed-effects goes with --method beta")
    data, code, source, _ = scores_of_code(args.scores, args.study, args.code, sheet_of(args))
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
    path = write_result(table, args.output, source)
    print(f"convergence: {method} of {code}, {note} -> {path}")
    return 0
