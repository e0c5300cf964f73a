"""Weighting methods: objective, subjective and combined, one pure function each.

Modules: :mod:`~analysis.weights.objective` (equal, entropy, CRITIC, CV, std, Gini,
reciprocal Gini), :mod:`~analysis.weights.pca`, :mod:`~analysis.weights.subjective`
(expert, AHP), :mod:`~analysis.weights.combined` (linear, multiplicative, game theory);
this module holds the registry and the entry points. Every public name is importable
from ``analysis.weights``.

Every method takes a decision matrix ``x`` (units × criteria, float64), the criteria
``directions`` (+1 benefit, −1 cost; default all +1) and the criteria ``names`` (used in
error messages), plus keyword-only options, and returns float64 weights ``w ≥ 0`` with
``Σ w = 1`` in column order. The one exception is ``pca(variant="coinr")``, whose weights
may be negative (with a warning), as in COINr.

:data:`METHODS` maps method names to functions and :func:`compute_weights` is the single
entry point used by specs and the command line; it validates the matrix, the directions
and the option names (an unknown option is an :class:`~analysis.errors.InputError`
naming it). :func:`weights_by_group` applies a method within every group of a framework.

Common behaviour, unless a method's docstring says otherwise:

- NaN or ±inf anywhere: InputError naming the column and row.
- Fewer than 2 units: InputError (equal, expert and AHP weights need no data rows).
- A constant column carries no information: it gets weight 0 and a ``UserWarning`` naming
  it; if every column is constant the method cannot weight and raises InputError.
- Zeros and negatives: fine for methods that min-max normalise first; methods that need
  ratio-scale data (entropy ``variant=sum``, coefficient of variation) raise InputError
  naming the column.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.weights._common import (  # noqa: F401 - part of the package's API
    Array,
    _directions,
    _names,
    check_matrix,
    minmax_benefit,
)
from analysis.weights.combined import game_theory, linear, multiplicative
from analysis.weights.objective import (  # noqa: F401
    CORRELATIONS,
    ENTROPY_VARIANTS,
    STD_NORMALISATIONS,
    coefficient_of_variation,
    critic,
    entropy,
    equal,
    gini,
    gini_coefficients,
    reciprocal_gini,
    standard_deviation,
)
from analysis.weights.pca import (  # noqa: F401
    PCA_VARIANTS,
    pca,
    pca_handbook_details,
    pca_loadings,
    varimax,
)
from analysis.weights.subjective import ahp, expert

METHODS: dict[str, Callable[..., Array]] = {
    "equal": equal,
    "entropy": entropy,
    "critic": critic,
    "cv": coefficient_of_variation,
    "std": standard_deviation,
    "pca": pca,
    "gini": gini,
    "reciprocal_gini": reciprocal_gini,
    "expert": expert,
    "ahp": ahp,
    "linear": linear,
    "multiplicative": multiplicative,
    "game_theory": game_theory,
}

#: Methods that need no data rows (one row naming the criteria is enough).
NO_DATA_METHODS = frozenset({"equal", "expert", "ahp"})
COMBINATIONS = frozenset({"linear", "multiplicative", "game_theory"})

ALIASES = {
    "coefficient_of_variation": "cv",
    "variation": "cv",
    "standard_deviation": "std",
    "game-theory": "game_theory",
    "gametheory": "game_theory",
    "game": "game_theory",
    "reci": "reciprocal_gini",
    "reciprocal-gini": "reciprocal_gini",
}


def method_options(method: str) -> list[str]:
    """The option names a method accepts (its keyword-only parameters)."""
    params = inspect.signature(METHODS[method]).parameters.values()
    return [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]


def resolve_method(method: str) -> str:
    """Canonical method name; InputError listing the known ones otherwise."""
    name = ALIASES.get(method, method)
    if name not in METHODS:
        raise InputError(f"unknown weighting method {method!r}; use one of {', '.join(METHODS)}")
    return name


def compute_weights(
    matrix: pd.DataFrame | Array,
    method: str,
    directions: Sequence[float] | Array | Mapping[str, float] | None = None,
    names: Sequence[str] | None = None,
    **options: Any,
) -> pd.Series:
    """Weights of the criteria (the columns of ``matrix``) by ``method``, as a Series.

    ``matrix`` is a DataFrame of criteria (names from its columns) or an array with
    ``names``. ``directions`` is a sequence in column order or a mapping name → ±1.
    Options are the method's keyword-only parameters; an unknown one is an InputError
    naming it and listing the accepted ones. For combinations, ``sets`` may hold method
    names (computed here with the same data and directions, e.g. ``["entropy", "critic"]``)
    or weight vectors.
    """
    name = resolve_method(method)
    if isinstance(matrix, pd.DataFrame):
        names = [str(c) for c in matrix.columns]
        values = matrix.to_numpy(dtype=float)
    else:
        values = np.asarray(matrix, dtype=float)
        if values.ndim == 1:
            values = values[None, :]
    m = values.shape[1]
    labels = _names(names, m)
    if len(labels) != m:
        raise InputError(f"{len(labels)} names for {m} criteria")
    if isinstance(directions, Mapping):
        missing = [c for c in labels if c not in directions]
        if missing:
            raise InputError(f"no direction for {', '.join(map(repr, missing))}")
        directions = [directions[c] for c in labels]
    options = parse_list_options(options)
    accepted = method_options(name)
    set_names = [s for s in options.get("sets", ()) if isinstance(s, str)]
    own = {k: v for k, v in options.items() if "." not in k}
    nested = {k: v for k, v in options.items() if "." in k}
    unknown = sorted(set(own) - set(accepted))
    unknown += sorted(k for k in nested if k.split(".", 1)[0] not in set_names)
    if unknown:
        raise InputError(
            f"{name}: unknown option(s) {', '.join(map(repr, unknown))}; "
            f"accepted: {', '.join(accepted) or 'none'}"
            + ("; options of a combined set are written SET.OPTION" if name in COMBINATIONS else "")
        )
    if name in COMBINATIONS:
        own["sets"] = [
            compute_weights(values, s, directions, labels, **_sub_options(s, nested)).to_numpy()
            if isinstance(s, str)
            else s
            for s in own.get("sets", ())
        ]
    w = np.asarray(METHODS[name](values, directions, labels, **own), dtype=float)
    return pd.Series(w, index=labels, name="weight")


def parse_list_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """``sets="entropy,critic"`` and ``alpha="0.3,0.7"`` (command-line forms) as lists."""
    out = dict(options)
    if isinstance(out.get("sets"), str):
        out["sets"] = [resolve_method(s.strip()) for s in out["sets"].split(",") if s.strip()]
    elif "sets" in out:
        out["sets"] = [resolve_method(s) if isinstance(s, str) else s for s in out["sets"]]
    if isinstance(out.get("alpha"), str):
        try:
            out["alpha"] = [float(a) for a in out["alpha"].split(",")]
        except ValueError:
            raise InputError(f"alpha={out['alpha']!r}: expected numbers separated by commas") from None
    elif isinstance(out.get("alpha"), int | float):
        raise InputError("alpha: give one coefficient per set, separated by commas")
    return out


def _sub_options(method: str, nested: Mapping[str, Any]) -> dict[str, Any]:
    """Options of one set inside a combination, written ``METHOD.OPTION``."""
    prefix = f"{method}."
    return {k[len(prefix):]: v for k, v in nested.items() if k.startswith(prefix)}


FRAMEWORK_COLUMNS = ("code", "parent", "level", "direction", "weight", "type")


def weights_by_group(
    data: pd.DataFrame,
    framework: pd.DataFrame,
    method: str,
    missing: str = "error",
    use_directions: bool = True,
    **options: Any,
) -> pd.DataFrame:
    """Weights within every group (children of one parent) at every level of a framework.

    ``framework`` has columns ``code, parent, level, direction, weight, type`` (``type``
    is ``indicator`` or ``aggregate``; the root has no parent). ``data`` is a wide table,
    one row per unit, with a column for every child whose group is weighted from data
    (indicators, and aggregate scores for higher levels, as COINr's ``dset_Aggregated``).
    ``expert`` weights come from the framework's ``weight`` column. Rows with a missing
    value in a group are an InputError (``missing="error"``) or dropped from that group
    (``missing="drop"``, as COINr's PCA does). The framework's ``direction`` is applied
    to the data (raw values); pass ``use_directions=False`` when ``data`` is already
    normalised with directions applied (as COINr's ``dset_Normalised``).

    Returns ``code, parent, level, weight`` with the weights of each group summing to 1,
    in framework order.
    """
    name = resolve_method(method)
    absent = [c for c in FRAMEWORK_COLUMNS if c not in framework.columns]
    if absent:
        raise InputError(f"framework table: missing column(s) {', '.join(map(repr, absent))}")
    if missing not in ("error", "drop"):
        raise InputError(f"missing={missing!r}: use 'error' or 'drop'")
    fw = framework.reset_index(drop=True)
    has_parent = fw["parent"].notna() & (fw["parent"].astype(str).str.strip() != "")
    out = []
    for parent in pd.unique(fw.loc[has_parent, "parent"]):
        group = fw[has_parent & (fw["parent"] == parent)]
        codes = [str(c) for c in group["code"]]
        dirs = (
            group["direction"].fillna(1).to_numpy(dtype=float)
            if use_directions
            else np.ones(len(codes))
        )
        opts = dict(options)
        if name == "expert":
            opts.setdefault("weights", group["weight"].to_numpy(dtype=float))
        if name in NO_DATA_METHODS:
            matrix = pd.DataFrame(np.zeros((1, len(codes))), columns=codes)
        else:
            lacking = [c for c in codes if c not in data.columns]
            if lacking:
                raise InputError(
                    f"group {parent!r}: no data column for {', '.join(map(repr, lacking))}"
                )
            matrix = data[codes].apply(pd.to_numeric, errors="coerce").astype(float)
            if missing == "drop":
                matrix = matrix.dropna()
            elif matrix.isna().any().any():
                col = matrix.columns[matrix.isna().any()][0]
                raise InputError(
                    f"group {parent!r}, column {col!r}: missing values (use missing='drop')"
                )
        try:
            w = compute_weights(matrix, name, dirs, **opts)
        except InputError as exc:
            raise InputError(f"group {parent!r}: {exc}") from None
        out.append(
            pd.DataFrame(
                {
                    "code": codes,
                    "parent": parent,
                    "level": group["level"].to_numpy(),
                    "weight": w.to_numpy(),
                }
            )
        )
    if not out:
        raise InputError("framework table: no rows with a parent, nothing to weight")
    return pd.concat(out, ignore_index=True)
