"""``qci weights``: criteria weights from a decision matrix (or a pairwise matrix for AHP).

    python -m analysis weights MATRIX.csv --method M [--criteria CRITERIA.csv]
        [--pairwise PAIRWISE.csv] [--option KEY=VALUE ...] -o WEIGHTS.csv

    python -m analysis weights PANEL --method M (--criteria CRITERIA.csv | --meta FRAMEWORK)
        (--year Y | --pooled) [--spec SPEC] [--option KEY=VALUE ...] -o WEIGHTS.csv

Writes ``indicator,weight`` in MATRIX's column order (a panel: the framework's indicator
order), summing to 1; ``-o WEIGHTS.xlsx`` writes a workbook. A panel's decision matrix is
one year's rows (``--year``) or every year's rows stacked (``--pooled``, the panel entropy
of Chinese studies), raw, or with ``--spec`` treated and normalised as that index spec
does (directions then applied, so every criterion is a benefit). With AHP (alone or
inside a combination) it also writes ``lambda_max``, ``CI`` and ``CR`` to WEIGHTS.json
beside the output. Options of a set inside a combination are written ``SET.OPTION``, e.g.
``--method linear --option sets=ahp,entropy --option alpha=0.5,0.5
--option entropy.variant=sum``.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import overflow_refused

HELP = (
    "criteria weights: equal, entropy, critic, cv, std, pca, gini, reciprocal_gini, expert, "
    "ahp, linear, multiplicative, game_theory"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from analysis.commands._mcda_io import add_matrix_arguments

    add_matrix_arguments(parser, "equal, entropy, critic, cv, std, pca, gini, reciprocal_gini, "
                         "expert, ahp, linear, multiplicative or game_theory",
                         "e.g. variant=sum, correlation=spearman, priorities=geometric, "
                         "ri=alonso-lamata, sets=entropy,critic", "WEIGHTS.csv|.xlsx",
                         criteria_default="; default: every criterion a benefit")
    parser.add_argument("--pairwise", metavar="PAIRWISE.csv",
                        help="AHP pairwise comparisons: square, first column the row labels, "
                             "header the same labels")


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    import pandas as pd

    from analysis import ahp as ahp_module
    from analysis import weights as W
    from analysis.cli import parse_options
    from analysis.commands._common import sheet_of
    from analysis.commands._mcda_io import (
        located_in,
        panel_input,
        panel_mode,
        read_criteria,
        read_matrix,
        warnings_to_stderr,
        write_output,
    )
    from analysis.errors import InputError
    from analysis.files import write_json

    method = W.resolve_method(args.method)
    options = parse_options(args.option)
    options = W.parse_list_options(options)
    sets = [s for s in options.get("sets", []) if isinstance(s, str)]
    used = {method, *sets}
    if method in W.COMBINATIONS and not sets:
        raise InputError(f"--method {method}: give the weight sets, e.g. --option sets=entropy,critic")
    if method not in W.COMBINATIONS and "sets" in options:
        raise InputError(f"--option sets: only for linear, multiplicative or game_theory, not {method}")

    need_values = not used <= W.NO_DATA_METHODS | W.COMBINATIONS
    directions = None
    expert_weights = None
    if panel_mode(args):
        matrix, directions, expert_weights = panel_input(args)
        criteria = list(matrix.columns)
    else:
        if args.matrix is None:
            raise InputError("give MATRIX.csv, or a panel (or --study STUDY) with --year Y or --pooled")
        matrix = read_matrix(args.matrix, need_values=need_values, sheet=sheet_of(args))
        criteria = list(matrix.columns)
    if args.criteria and not panel_mode(args):
        table = read_criteria(args.criteria, criteria)
        directions = table["direction"].to_numpy()
        if table["weight"].notna().all():
            expert_weights = table["weight"].to_numpy()
    if "expert" in used and expert_weights is None:
        raise InputError("--method expert needs --criteria CRITERIA.csv with a complete 'weight' column")

    pairwise = None
    if args.pairwise:
        if "ahp" not in used:
            raise InputError(f"--pairwise is only used by the ahp method, not {args.method}")
        pairwise = ahp_module.read_pairwise(args.pairwise)
        missing = [c for c in criteria if c not in pairwise.index]
        extra = [c for c in pairwise.index if c not in criteria]
        if missing or extra:
            raise InputError(
                f"{args.pairwise}: labels do not match the matrix criteria: "
                f"missing {missing}, not in the matrix {extra}"
            )
    elif "ahp" in used:
        raise InputError("--method ahp needs --pairwise PAIRWISE.csv")

    def inject(key: str, value: object) -> None:
        if value is None:
            return
        if method == key.split(".")[0]:
            options.setdefault(key.split(".")[1], value)
        elif key.split(".")[0] in sets:
            options.setdefault(key, value)

    inject("expert.weights", expert_weights)
    inject("ahp.pairwise", pairwise)

    frame = matrix if need_values else pd.DataFrame(columns=criteria, dtype=float)
    with warnings_to_stderr("weights"):
        with located_in(args.matrix or args.study):
            w = W.compute_weights(frame, method, directions, criteria, **options)
        summary = None
        if pairwise is not None:
            ahp_options = {k: options[k] for k in ("priorities", "ri") if k in options}
            if method != "ahp":
                ahp_options = {k.split(".", 1)[1]: v for k, v in options.items()
                               if k.startswith("ahp.") and k != "ahp.pairwise"}
            summary = ahp_module.analyse(pairwise, warn=False, **ahp_options).summary()

    out = pd.DataFrame({"indicator": criteria, "weight": w.to_numpy()})
    path = write_output(out, args.output)
    if summary is not None:
        summary["weights_method"] = method
        write_json(summary, Path(path).with_suffix(".json"))
    settings = {**_defaults(W, method), **options}
    shown = ", ".join(
        f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}"
        for k, v in settings.items()
        if k not in ("pairwise", "weights") and not k.endswith((".pairwise", ".weights"))
    )
    print(f"weights: {method}{f' ({shown})' if shown else ''}, {len(criteria)} criteria -> {path}")
    return 0


def _defaults(module: object, method: str) -> dict[str, object]:
    """The default options of a weighting method, to say what a run used."""
    import inspect

    params = inspect.signature(module.METHODS[method]).parameters.values()  # type: ignore[attr-defined]
    return {
        p.name: p.default
        for p in params
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default not in (None, ())
    }
