"""``qci obstacle``: obstacle degree (障碍度) of each indicator and dimension for each unit.

    python -m analysis obstacle MATRIX.csv --criteria CRITERIA.csv --weights WEIGHTS.csv -o OUT.csv

MATRIX and CRITERIA as for ``qci weights`` / ``qci rank`` (CRITERIA may add a
``dimension`` column: dimension rows are then the sums of their indicators' obstacles);
without ``--weights`` the ``weight`` column of CRITERIA is used. Writes
``unit,level,code,deviation,obstacle`` (level = indicator | dimension). Formulas in
:mod:`analysis.regional.obstacle`. (The ``--study``/panel + ``--year`` form waits for the
study model.)
"""

from __future__ import annotations

import argparse

HELP = "obstacle degree (障碍度) of each indicator and dimension per unit"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("matrix", metavar="MATRIX.csv",
                        help="first column the unit id, then one numeric column per indicator")
    parser.add_argument("--criteria", required=True, metavar="CRITERIA.csv",
                        help="indicator,direction (+1 benefit, -1 cost) [,weight] [,dimension]")
    parser.add_argument("--weights", metavar="WEIGHTS.csv",
                        help="indicator,weight (as written by qci weights); "
                             "default: the weight column of CRITERIA.csv")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.csv",
                        help="output table (.csv, or .xlsx for a workbook)")


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


def run(args: argparse.Namespace) -> int:
    from analysis.commands._mcda_io import read_criteria, read_matrix, read_weights
    from analysis.errors import InputError
    from analysis.files import write_table
    from analysis.regional.obstacle import obstacles

    matrix = read_matrix(args.matrix)
    criteria = list(matrix.columns)
    table = read_criteria(args.criteria, criteria)
    if args.weights:
        weights = read_weights(args.weights, criteria).to_numpy()
    elif table["weight"].notna().all():
        weights = table["weight"].to_numpy()
    else:
        raise InputError("give --weights WEIGHTS.csv or a complete 'weight' column in --criteria")
    if weights.sum() <= 0:
        raise InputError(f"{args.criteria}: weights sum to 0")
    result = obstacles(matrix, weights, table["direction"].to_numpy(),
                       read_dimensions(args.criteria, criteria))
    path = write_table(result.table(), args.output)
    dims = len(result.dimension_codes)
    print(f"obstacle: {len(matrix)} units, {len(criteria)} indicators"
          + (f", {dims} dimensions" if dims else "") + f" -> {path}")
    return 0
