"""``qci obstacle``: obstacle degree (障碍度) of each indicator and dimension for each unit.

    python -m analysis obstacle MATRIX.csv --criteria CRITERIA.csv --weights WEIGHTS.csv -o OUT.csv

    python -m analysis obstacle --study S --year Y -o OUT.csv

MATRIX and CRITERIA as for ``qci weights`` / ``qci rank`` (CRITERIA may add a
``dimension`` column: dimension rows are then the sums of their indicators' obstacles);
without ``--weights`` the ``weight`` column of CRITERIA is used. With ``--study`` (a
built-in study or a study YAML): the study's panel in the data year of ``--year``
(default the study's last report year) treated and normalised as the study's spec does,
the framework's directions and dimensions (the aggregates under the top), and the
effective weights of the study's index in that year
(:func:`analysis.regional.inputs.study_obstacles`). Writes
``unit,level,code,deviation,obstacle`` (level = indicator | dimension). Formulas in
:mod:`analysis.regional.obstacle`.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import overflow_refused

HELP = "obstacle degree (障碍度) of each indicator and dimension per unit"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._common import add_output_argument, add_table_arguments
    from analysis.commands._mcda_io import CRITERIA_HELP, WEIGHTS_HELP

    parser.add_argument("matrix", metavar="MATRIX.csv", nargs="?",
                        help="first column the unit id, then one numeric column per indicator "
                             "(or give --study)")
    parser.add_argument("--study", metavar="S",
                        help="a built-in study (liyang, prefecture-cities, oecd-bli) or a study "
                             "YAML: its panel, framework, spec and index weights")
    parser.add_argument("--year", type=int, metavar="Y",
                        help="with --study: the year (its data year: the latest panel year not "
                             "after it; default the study's last report year)")
    parser.add_argument("--criteria", metavar="CRITERIA.csv", help=CRITERIA_HELP)
    parser.add_argument("--weights", metavar="WEIGHTS.csv", help=WEIGHTS_HELP)
    add_table_arguments(parser, columns=False)
    add_output_argument(parser)


def read_dimensions(path: str, criteria: list[str]) -> list[str] | None:
    """The ``dimension`` column of CRITERIA.csv in the matrix's order, or None without it."""
    from analysis.errors import InputError, where
    from analysis.files import read_csv

    frame = read_csv(path, what="criteria CSV", dtype=str, keep_default_na=False)
    if "dimension" not in frame.columns:
        return None
    names = [str(v).strip() for v in frame["indicator"]]
    dims = [str(v).strip() for v in frame["dimension"]]
    for i, d in enumerate(dims):
        if not d:
            raise InputError(f"{where(path, i + 1, 'dimension')}empty (indicator {names[i]!r})")
    by_name = dict(zip(names, dims, strict=True))
    return [by_name[c] for c in criteria]


def run_study(args: argparse.Namespace) -> int:
    """``--study S [--year Y]``: the obstacle model of the study's index in one year."""
    from analysis.commands._common import write_result
    from analysis.errors import InputError
    from analysis.regional.inputs import study_obstacles
    from analysis.study import load_study

    given = [name for name, value in (("MATRIX.csv", args.matrix), ("--criteria", args.criteria),
                                      ("--weights", args.weights), ("--sheet", args.sheet)) if value]
    if given:
        raise InputError(f"--study takes the matrix, directions and weights from the study: "
                         f"drop {', '.join(given)}")
    study = load_study(args.study)
    year = args.year if args.year is not None else study.years[-1]
    if year < study.panel_years[0]:
        raise InputError(f"--year {year}: before the study's first panel year {study.panel_years[0]}")
    data_year = study.data_year(year)
    result = study_obstacles(study, year)
    path = write_result(result.table(), args.output, f"study {study.name}")
    note = "" if data_year == year else f" (data of {data_year})"
    print(f"obstacle: study {study.name}, {year}{note}: {len(result.units)} units, "
          f"{len(result.codes)} indicators, {len(result.dimension_codes)} dimensions -> {path}")
    return 0


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from analysis.commands._common import sheet_of, write_result
    from analysis.commands._mcda_io import chosen_weights, read_criteria, read_matrix, table_weights
    from analysis.errors import InputError
    from analysis.regional.obstacle import obstacles

    if args.study:
        return run_study(args)
    if not args.matrix or not args.criteria:
        raise InputError("give MATRIX.csv --criteria CRITERIA.csv, or --study S [--year Y]")
    if args.year is not None:
        raise InputError("--year needs --study (a MATRIX.csv is one period)")
    matrix = read_matrix(args.matrix, sheet=sheet_of(args))
    criteria = list(matrix.columns)
    table = read_criteria(args.criteria, criteria)
    weights = chosen_weights(args.weights, criteria, table_weights(table))
    if weights.sum() <= 0:
        raise InputError(f"{args.criteria}: weights sum to 0")
    result = obstacles(matrix, weights, table["direction"].to_numpy(),
                       read_dimensions(args.criteria, criteria))
    path = write_result(result.table(), args.output, args.matrix)
    dims = len(result.dimension_codes)
    print(f"obstacle: {len(matrix)} units, {len(criteria)} indicators"
          + (f", {dims} dimensions" if dims else "") + f" -> {path}")
    return 0
