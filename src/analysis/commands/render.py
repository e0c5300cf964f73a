"""``render``: run the report notebooks of a study, per year (and per unit), into HTML."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from analysis import config, render
from analysis.cli import EXIT_BAD_INPUT, parse_options
from analysis.commands._common import output_folder
from analysis.render.jobs import default_unit_notebooks

HELP = "render a study's report notebooks, one per year (and unit), into self-contained HTML"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--study", default="liyang", metavar="S",
        help="built-in study name or study YAML file (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--years", nargs="+", type=int, default=[], metavar="Y",
        help="years to render, exactly these (default: the study's years, or with --figures "
        "the years the figures table holds figures for)",
    )  # fmt: skip
    parser.add_argument(
        "--units", nargs="+", metavar="U",
        help="also one report per unit and year ('all': every unit with data that year), into "
        "<year>/units/<unit>.html: the unit profile (60-unit-profile), or with --notebooks "
        "every named notebook that takes a unit",
    )  # fmt: skip
    parser.add_argument(
        "--notebooks",
        nargs="+",
        metavar="NB",
        help="notebooks to run for each year: path, name or number prefix "
        "(default: 90-annual-report, then every notebook in notebooks/ that takes a year); "
        "the first is each year's index.html",
    )
    parser.add_argument(
        "--workers", type=int, default=min(4, os.cpu_count() or 1), metavar="K",
        help="worker processes on this machine, each with one warm kernel (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="run on the workers of an existing Dask cluster instead, e.g. tcp://host:8786",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--output", type=output_folder, default=config.REPORTS_DIR, metavar="DIR",
        help="folder of the reports (default: reports/)",
    )  # fmt: skip
    parser.add_argument(
        "--figures",
        type=Path,
        metavar="CSV",
        help="figures table: sets the default years and, for the notebooks that take it, "
        "figures_path (default: the study's)",
    )
    parser.add_argument(
        "-p", "--parameter", action="append", metavar="NAME=VALUE",
        help="a notebook parameter for every report that declares it (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=seconds, default=render.CELL_TIMEOUT, metavar="SECONDS",
        help="fail a report whose cell runs longer (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def seconds(text: str) -> float:
    """A ``--timeout``: a finite number of seconds greater than 0 (else a usage error, exit 2)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds greater than 0")
    return value


def run(args: argparse.Namespace) -> int:
    from analysis.errors import InputError
    from analysis.study import load_study

    parameters = parse_options(args.parameter, "--parameter")
    options = {"study": "--study", "year": "--years", "unit": "--units"}
    for name, option in options.items():
        if name in parameters:
            raise InputError(f"--parameter {name}: use {option} instead")
    study = load_study(args.study)
    notebooks = render.find_notebooks(args.notebooks)
    # a study file by its absolute path: the notebooks run in notebooks/, not here
    named = study.path.parent == config.STUDIES_DIR and args.study == study.name
    implicit: dict[str, object] = {"study": args.study if named else str(study.path)}
    if args.figures is not None:
        implicit["figures_path"] = str(args.figures.resolve())
    if args.years:
        years = sorted(set(args.years))
    elif args.figures is not None:
        years = render.default_years(args.figures)
    else:
        years = study.years
    too_early = [y for y in years if y < study.panel_years[0]]
    if too_early:
        raise InputError(
            f"--years {too_early[0]}: before the first year of study {study.name!r} "
            f"({study.panel_years[0]})"
        )
    units = None
    unit_notebooks = None
    if args.units:
        if args.units == ["all"]:
            units = {y: study.units(y) for y in years}
        else:
            unknown = [u for u in args.units if u not in study.units()]
            if unknown:
                raise InputError(f"--units {unknown[0]!r}: not a unit of study {study.name!r}")
            units = {y: list(args.units) for y in years}
        if not args.notebooks:
            unit_notebooks = default_unit_notebooks()
    outcomes = render.render(
        years,
        notebooks,
        out_dir=args.output,
        parameters=parameters,
        workers=args.workers,
        scheduler=args.scheduler,
        progress=not args.no_progress,
        timeout=args.timeout,
        implicit=implicit,
        units=units,
        unit_notebooks=unit_notebooks,
        study=study,
    )
    print(render.summary_table(outcomes, args.output))
    print(f"index: {args.output / 'index.html'}")
    failed = [o for o in outcomes if not o.ok]
    if failed:
        print(f"qci render: {len(failed)} report(s) failed", file=sys.stderr)
    return exit_status(failed)


def exit_status(failed: list[render.ReportOutcome]) -> int:
    """0 when every report rendered; 2 (bad input) when every failed report stopped in
    its notebook on an ``InputError`` (a parameter the notebook refuses, bad data); else 1
    (a notebook error, a kernel or worker that died, files that could not be written)."""
    from analysis.render.batch import WRITE_FAILED

    if not failed:
        return 0
    bad_input = all(
        ": InputError: " in (o.error or "") and not (o.error or "").startswith(WRITE_FAILED)
        for o in failed
    )
    return EXIT_BAD_INPUT if bad_input else 1
