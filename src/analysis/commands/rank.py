"""``qci rank``: score and rank the units of a decision matrix by an MCDA method.

    python -m analysis rank MATRIX.csv --criteria CRITERIA.csv --weights WEIGHTS.csv
        --method M [--option KEY=VALUE ...] -o SCORES.csv

    python -m analysis rank PANEL (--criteria CRITERIA.csv | --meta FRAMEWORK)
        (--year Y | --pooled) [--spec SPEC] [--weights WEIGHTS.csv] --method M -o SCORES.csv

Writes ``unit,score,rank`` in MATRIX's row order (a panel: ``unit,year,score,rank``);
rank 1 = best, tied units share the lowest rank. VIKOR's score is Q (lower is better, so
rank 1 has the lowest Q). A panel's decision matrix is one year's rows (``--year``) or
every year's rows stacked (``--pooled``: unit-years ranked together, comparable across
years), raw or, with ``--spec``, treated and normalised as that index spec does
(directions then applied). Without ``--weights`` the weights are the criteria's
``weight`` column, or a framework's effective indicator weights. ``-o SCORES.xlsx``
writes a workbook.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import overflow_refused

HELP = "rank units by wsm, wpm, topsis, vikor, gra or copeland"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._mcda_io import WEIGHTS_HELP, add_matrix_arguments

    add_matrix_arguments(parser, "wsm, wpm, topsis, vikor, gra or copeland",
                         "normalisation=minmax|sum|max|vector (wsm), normalisation=vector|minmax "
                         "(topsis), v=0.5 (vikor), rho=0.5 (gra)", "SCORES.csv|.xlsx")
    parser.add_argument("--weights", metavar="WEIGHTS.csv", help=WEIGHTS_HELP)


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from analysis import rank as R
    from analysis.cli import parse_options
    from analysis.commands._common import sheet_of
    from analysis.commands._mcda_io import (
        chosen_weights,
        located_in,
        panel_mode,
        read_criteria,
        read_matrix,
        table_weights,
        warnings_to_stderr,
        write_output,
    )
    from analysis.errors import InputError

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
    panel = panel_mode(args)
    if panel:
        matrix, directions, default_weights, keys = _panel_input(args)
        criteria = list(matrix.columns)
    else:
        if not args.criteria:
            raise InputError("give --criteria CRITERIA.csv (indicator,direction[,weight])")
        if args.matrix is None:
            raise InputError("give MATRIX.csv, or a panel (or --study STUDY) with --year Y or --pooled")
        matrix = read_matrix(args.matrix, sheet=sheet_of(args))
        criteria = list(matrix.columns)
        table = read_criteria(args.criteria, criteria)
        directions = table["direction"].to_numpy()
        default_weights = table_weights(table)
    weights = chosen_weights(args.weights, criteria, default_weights)
    with warnings_to_stderr("rank"), located_in(args.matrix or args.study):
        result = R.score_and_rank(matrix, weights, method, directions, **options)
    if panel:
        result = result.drop(columns="unit")
        result.insert(0, "year", keys["year"])
        result.insert(0, "unit", keys["unit"])
    path = write_output(result, args.output)
    print(f"rank: {method}, {len(result)} units, {len(criteria)} criteria -> {path}")
    return 0


def _panel_input(args: argparse.Namespace) -> tuple[object, object, object, dict[str, list]]:
    """A panel's decision matrix (integer rows), its directions (None when normalised with
    directions applied), the framework's effective indicator weights, and each row's unit
    and year."""
    from analysis.commands._mcda_io import panel_input

    matrix, directions, effective = panel_input(args)
    keys = {"unit": matrix.index.get_level_values("unit").tolist(),
            "year": matrix.index.get_level_values("year").tolist()}
    return matrix.reset_index(drop=True), directions, effective, keys
