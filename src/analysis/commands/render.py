"""``render``: run the report notebooks for each year into self-contained HTML."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis import config, render
from analysis.cli import parse_options

HELP = "render the report notebooks, one per year, into self-contained HTML under reports/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--years", nargs="+", type=int, default=[], metavar="Y",
        help="years to render, in addition to those the figures table holds figures for",
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
        "-o", "--output", type=Path, default=config.REPORTS_DIR, metavar="DIR",
        help="folder of the reports (default: reports/)",
    )  # fmt: skip
    parser.add_argument(
        "--figures",
        type=Path,
        metavar="CSV",
        help="figures table: sets the default years and the notebooks' figures_path "
        "(default: data/processed/figures.csv)",
    )
    parser.add_argument(
        "-p", "--parameter", action="append", metavar="NAME=VALUE",
        help="a notebook parameter for every report that declares it (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=render.CELL_TIMEOUT, metavar="SECONDS",
        help="fail a report whose cell runs longer (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    parameters = parse_options(args.parameter, "--parameter")
    notebooks = render.find_notebooks(args.notebooks)
    if args.figures is not None:
        parameters.setdefault("figures_path", str(args.figures.resolve()))
    years = set(args.years) | set(render.default_years(args.figures, required=not args.years))
    outcomes = render.render(
        years,
        notebooks,
        out_dir=args.output,
        parameters=parameters,
        workers=args.workers,
        scheduler=args.scheduler,
        progress=not args.no_progress,
        timeout=args.timeout,
    )
    print(render.summary_table(outcomes, args.output))
    print(f"index: {args.output / 'index.html'}")
    failed = [o for o in outcomes if not o.ok]
    if failed:
        print(f"qci render: {len(failed)} report(s) failed", file=sys.stderr)
    return 1 if failed else 0
