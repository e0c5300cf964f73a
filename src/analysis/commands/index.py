"""``qci index``: build a composite index (denominate → ... → aggregate) and write every step.

    python -m analysis index --data PANEL --meta FRAMEWORK --spec SPEC [--years all | Y ...] -o OUTDIR

Builds each year asked (default: the spec's ``year``, else the latest), ranks within each
year, and writes OUTDIR/scores.csv (``unit,year,iCode,score,rank``), OUTDIR/weights.csv
(``year,iCode,weight``: each indicator's effective weight in the top aggregate),
``data_<Step>.csv`` (``unit,year,codes...``) and ``spec.yaml``, all only once the whole
build has succeeded. ``-o RESULTS.xlsx`` writes one workbook, a sheet per table.
"""

from __future__ import annotations

import argparse

HELP = "build a composite index over years from a panel + framework with a pipeline spec"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        required=True,
        metavar="PANEL",
        help="data: a long (unit,year,indicator,value) or wide (unit,year,indicators...) panel, "
        "CSV or Excel, or COINr iData (uCode, groups, Time, denominators, indicators)",
    )
    parser.add_argument(
        "--meta",
        required=True,
        metavar="FRAMEWORK",
        help="the framework: a criteria CSV (indicator,direction[,weight][,dimension]), a COINr "
        "iMeta CSV, a framework YAML file or a built-in framework name",
    )
    parser.add_argument(
        "--spec",
        default="coinr-default",
        metavar="SPEC",
        help="pipeline spec: a YAML file or a built-in name (default: coinr-default)",
    )
    parser.add_argument(
        "--years",
        nargs="+",
        metavar="Y",
        help="the years to build: 'all' or one or more years (default: the spec's year, "
        "else the latest)",
    )
    parser.add_argument(
        "-o",
        "--outdir",
        required=True,
        metavar="OUTDIR",
        help="folder for scores.csv, weights.csv, data_<Step>.csv and spec.yaml "
        "(or a .xlsx workbook with those tables as sheets)",
    )


def run(args: argparse.Namespace) -> int:
    from analysis.framework import load_framework
    from analysis.index import build_years, load_data, load_spec, write_outputs

    framework = load_framework(args.meta)
    spec = load_spec(args.spec)
    data = load_data(args.data, framework)
    years = None
    if args.years:
        years = "all" if [y.lower() for y in args.years] == ["all"] else list(args.years)
    result = build_years(data, framework, spec, years=years, source=args.data)
    written = write_outputs(result, args.outdir)
    scores = result.scores
    latest = result.years[-1]
    top = scores.loc[scores["iCode"] == framework.top]
    if latest is not None:
        top = top.loc[top["year"] == latest]
    best = ", ".join(f"{u} {s:.2f}" for u, s in zip(top["unit"].head(3), top["score"].head(3), strict=True))
    built = ", ".join(str(y) for y in result.years) if latest is not None else "one cross-section"
    n_units = scores["unit"].nunique()
    print(
        f"qci index: {n_units} units, {len(framework.indicators)} indicators, years {built}; "
        f"top {framework.top}{f' {latest}' if latest is not None else ''}: {best}; "
        f"wrote {len(written)} files to {args.outdir}"
    )
    return 0
