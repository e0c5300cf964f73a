"""``qci sensitivity``: uncertainty and Sobol sensitivity analysis of an index's ranking.

``python -m analysis sensitivity --data iData.csv --meta iMeta.csv --spec SPEC
(--design DESIGN.csv [--weights-sets SETS.csv] | --n N --seed S) -o OUTDIR``

Writes OUTDIR/runs.csv (one row per run: factor values, output y, every unit's rank),
ranks.csv (per unit: nominal rank, median, 5th and 95th percentile), sobol.csv
(``factor,Si,STi`` with bootstrap 5 % / 95 % quantiles), design.csv, spec.yaml and, when
weights vary, weight_sets.csv. The factors, the design and the estimators are described in
:mod:`analysis.sensitivity`.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import output_path, overflow_refused
from analysis.errors import InputError

HELP = "uncertainty and Sobol sensitivity of the index ranking (COINr's estimator)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._common import add_index_inputs

    add_index_inputs(parser, "pipeline spec (YAML or built-in name), optionally with a 'sensitivity:' "
                     "section of factors (default: the study's, else coinr-default)",
                     "its panel, framework and spec")
    parser.add_argument(
        "--year",
        type=int,
        metavar="Y",
        help="the year to analyse (default: the spec's year, else the latest)",
    )
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--design",
        metavar="DESIGN.csv",
        help="evaluate this design: one row per run, one column per factor (e.g. COINr's "
        "Winmax, Normalisation, Weights, Aggregation)",
    )
    how.add_argument(
        "--n",
        type=int,
        metavar="N",
        help="draw a Saltelli design with N base rows (N (d + 2) runs)",
    )
    parser.add_argument(
        "--weights-sets",
        metavar="SETS.csv",
        help="weight sets 'set,iCode,Level,Weight' that a design's weights column refers to",
    )
    parser.add_argument(
        "--seed", type=int, metavar="S", help="seed of the drawn design and of the bootstrap"
    )
    parser.add_argument(
        "--factors",
        metavar="FACTORS.yaml",
        help="the factors in a file of their own (replaces the spec's 'sensitivity:' section)",
    )
    parser.add_argument(
        "--sampler",
        choices=("coinr", "salib"),
        help="how --n draws: COINr's uniforms cut into levels (default) or SALib's Sobol' sequence",
    )
    parser.add_argument(
        "--n-boot",
        type=int,
        metavar="B",
        help="bootstrap resamples for the intervals (default 100)",
    )
    parser.add_argument(
        "--uncertainty-only",
        action="store_true",
        help="no Sobol indices: evaluate any design (no Saltelli block structure needed)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on for 10,000 runs or more)",
    )
    parser.add_argument(
        "-o",
        "--outdir",
        required=True,
        type=output_path,
        metavar="OUTDIR",
        help="folder for the outputs (or a .xlsx workbook with them as sheets)",
    )


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from analysis.sensitivity import run_sensitivity, write_sensitivity

    if args.n is not None and args.seed is None:
        raise InputError("--n N draws a design: give its --seed S too, so that it can be redrawn")
    from analysis.commands._common import index_inputs
    from analysis.sensitivity import load_sensitivity_spec

    study, meta, data, _ = index_inputs(args)
    spec = args.spec or (study.spec if study is not None else "coinr-default")
    base, section = load_sensitivity_spec(spec)
    if study is not None and not section and args.factors is None and args.design is None:
        from analysis.sensitivity import DEFAULT_FACTORS  # as notebooks 40 and 90 draw

        section = DEFAULT_FACTORS
    if args.year is not None:
        base = {**base, "year": args.year}
    spec = {**base, **({"sensitivity": section} if section else {})}
    result = run_sensitivity(
        data,
        meta,
        spec,
        design=args.design,
        weight_sets=args.weights_sets,
        n=args.n,
        seed=args.seed,
        factors=args.factors,
        sampler=args.sampler,
        n_boot=args.n_boot,
        sobol=not args.uncertainty_only,
        progress=args.progress,
    )
    written = write_sensitivity(result, args.outdir)
    summary = f"qci sensitivity: {len(result.runs)} runs, {len(result.factors)} factors"
    if result.sobol is not None:
        top = result.sobol.sort_values("STi", ascending=False).iloc[0]
        summary += f"; largest total effect {top['factor']} (STi {top['STi']:.3f})"
    print(f"{summary}; wrote {len(written)} files to {args.outdir}")
    return 0
