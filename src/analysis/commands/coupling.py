"""``qci coupling``: coupling coordination of subsystems for every unit and year.

    python -m analysis coupling SCORES.csv --systems CODE,CODE[,...]
        [--model classic | wang2021] [--weights CODE=W,...] [--max 100] [--study S] -o OUT.csv

Writes ``unit,year,C,T,D,level,level_name`` (formulas in :mod:`analysis.regional.coupling`).
``--study S``: ``--systems`` defaults to the study framework's dimensions (the aggregates
under the top), and without SCORES.csv the scores are the study's index over every panel
year.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import overflow_refused
from analysis.regional import STUDY_HELP

HELP = "coupling coordination (耦合协调度) of subsystem scores per unit and year"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._common import SCORES_HELP, add_output_argument, add_table_arguments

    parser.add_argument("scores", metavar="SCORES.csv", nargs="?", help=SCORES_HELP)
    parser.add_argument("--systems", metavar="CODE,CODE[,...]",
                        help="the iCodes of the subsystems (at least two; default with --study: "
                             "the framework's dimensions)")
    parser.add_argument("--study", metavar="S", help=STUDY_HELP)
    parser.add_argument("--model", default="classic", metavar="M",
                        help="classic (default) or wang2021 (王淑佳 et al. 2021)")
    parser.add_argument("--weights", metavar="CODE=W,...",
                        help="weights α of the coordination index T (default equal; rescaled to sum 1)")
    parser.add_argument("--max", type=float, default=100.0, metavar="MAX",
                        help="the scores' upper bound: U = score / MAX (default 100)")
    add_table_arguments(parser, columns=False)
    add_output_argument(parser)


def parse_weights(text: str | None) -> dict[str, float] | None:
    """``"A=0.4,B=0.6"`` → ``{"A": 0.4, "B": 0.6}``; an :class:`InputError` on a bad pair."""
    from analysis.cli import parse_options
    from analysis.errors import InputError

    if not text:
        return None
    pairs = [p for p in text.split(",") if p.strip()]
    options = parse_options(pairs, parameter="--weights")
    weights = {}
    for key, value in options.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise InputError(f"--weights {key}={value}: a weight must be a number ≥ 0")
        weights[key] = float(value)
    return weights


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from analysis.commands._common import method_of, sheet_of, write_result
    from analysis.commands._mcda_io import call_with_location
    from analysis.errors import InputError
    from analysis.regional.coupling import MODELS, coupling_table
    from analysis.regional.inputs import scores_source, systems_of

    model = method_of(args, MODELS, option="model")
    scores, source, study = scores_source(args.scores, args.study, sheet_of(args))
    if args.systems:
        systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    elif study is not None:
        systems = systems_of(study.framework)
    else:
        raise InputError("give --systems CODE,CODE[,...] (or --study S for its dimensions)")
    table = call_with_location(coupling_table, f"{source}: ", scores, systems, model,
                               parse_weights(args.weights), args.max)
    path = write_result(table, args.output, source)
    print(f"coupling: {model}, {len(systems)} systems, {len(table)} unit-years -> {path}")
    return 0
