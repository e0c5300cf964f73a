"""``qci index``: build a composite index (denominate → ... → aggregate) and write every step.

    python -m analysis index --data PANEL --meta FRAMEWORK --spec SPEC [--years all | Y ...] -o OUTDIR
    python -m analysis index --study STUDY [--years all | Y ...] -o OUTDIR

With ``--study`` the study's panel, framework, spec and years are the defaults of
``--data``, ``--meta``, ``--spec`` and ``--years`` (each may still be given).

Builds each year asked (default: the spec's ``year``, else the latest), ranks within each
year, and writes OUTDIR/scores.csv (``unit,year,iCode,score,rank``), OUTDIR/weights.csv
(``year,iCode,weight``: each indicator's effective weight in the top aggregate),
``data_<Step>.csv`` (``unit,year,codes...``) and ``spec.yaml``, all only once the whole
build has succeeded. ``-o RESULTS.xlsx`` writes one workbook, a sheet per table.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import output_path, overflow_refused

HELP = "build a composite index over years from a panel + framework with a pipeline spec"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._common import add_index_inputs

    add_index_inputs(parser, "pipeline spec: a YAML file or a built-in name (default: the study's, "
                     "else coinr-default)", "its panel, framework, spec and years")
    parser.add_argument(
        "--years",
        nargs="+",
        metavar="Y",
        help="the years to build: 'all' or one or more years (default: the study's years, "
        "else the spec's year, else the latest)",
    )
    parser.add_argument(
        "-o",
        "--outdir",
        required=True,
        type=output_path,
        metavar="OUTDIR",
        help="folder for scores.csv, weights.csv, data_<Step>.csv and spec.yaml "
        "(or a .xlsx workbook with those tables as sheets)",
    )


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from analysis.commands._common import index_inputs
    from analysis.index import build_years, load_spec, write_outputs

    study, framework, data, source = index_inputs(args)
    spec = load_spec(args.spec or (study.spec if study is not None else "coinr-default"))
    years = None
    if args.years:
        years = "all" if [y.lower() for y in args.years] == ["all"] else list(args.years)
    elif study is not None and not args.data and "year" not in spec:
        # a study's report years read the latest panel year up to each (its data years)
        years = sorted({study.data_year(y) for y in study.years}) or "all"
    result = build_years(data, framework, spec, years=years, source=source)
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
