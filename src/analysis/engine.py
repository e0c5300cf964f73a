"""One engine: normalise → weight → aggregate over a scope of years.

The index (:mod:`analysis.index`) runs its per-year steps (denominate, impute, screen,
treat) and hands this engine one block of treated values per year. The engine then

1. **normalises** every block (:mod:`analysis.normalise`). The column statistics come
   from the normaliser's *scope*:

   - ``year`` (default): each year's own rows (a cross-section per year);
   - ``pooled``: all years of the run stacked (the min and max of min-max over every
     year; any method: normalise the stacked rows, then split them again);
   - ``reference_year``: the rows of one year (``reference_year: Y``), whose statistics
     then serve every year (``minmax`` and ``mp_goalposts`` only: they take reference rows).

2. **weighs** the children of every aggregation group, bottom level first, from the
   *normalised* values (direction already applied) at the bottom and from the aggregate
   scores of the level below higher up, by any data-driven method of
   :mod:`analysis.weights` (equal, entropy, critic, cv, std, pca, gini,
   reciprocal_gini, ...). Its scope: ``year`` (a weight vector per year), ``pooled``
   (one vector from all years' rows stacked: the "panel entropy" 面板熵值法 of Chinese
   studies), ``reference_year`` (one vector from one year's rows). Without a weighting
   method the framework's weights are used. A group of one child gets weight 1; rows
   with a missing child are left out of that group's weighting.

3. **aggregates** level by level (:func:`analysis.aggregate.aggregate_level`), with an
   optional dispersion penalty.

Every function is pure: arrays in, arrays out; one list entry per year block. Users:
:func:`analysis.index.build_years` (every spec), the method comparison
(:func:`analysis.compare.run_combination`: its own ``weigher`` and TOPSIS ``aggregator``
hooks, weights from the treated values) and the sensitivity analysis's normalisations
(:mod:`analysis.sensitivity.run`; its many weight sets go through
:func:`analysis.aggregate.aggregate_tree` at once). A block only present as a reference
year (not in the run) is not pooled: pooled statistics are those of the run's years.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from analysis import aggregate, normalise
from analysis import weights as weights_mod
from analysis.errors import InputError
from analysis.framework import Framework

SCOPES = ("year", "pooled", "reference_year")
#: keys of a spec step the engine consumes itself (never passed to the method)
SCOPE_KEYS = ("scope", "reference_year")
#: weighting methods that cannot run inside the engine (they need no data, or other input)
NOT_DATA_DRIVEN = frozenset({"expert", "ahp"})


@dataclass(frozen=True, eq=False)
class EngineResult:
    """What the engine produced, one list entry per year block (in the order given).

    normalised : (n_t, p) normalised indicators
    scores : (n_t, n_aggregates) scores, columns in ``fw.aggregates`` order
    weights : (n_codes,) within-group weights used (each group sums to 1), ``fw.codes`` order
    """

    normalised: list[np.ndarray]
    scores: list[np.ndarray]
    weights: list[np.ndarray]


# ---------------------------------------------------------------------------- helpers


def call_step(
    step: str,
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    params: Mapping[str, Any],
    codes: Sequence[str],
) -> Any:
    """Call a step function; an error about column j is renamed by ``codes[j]``."""
    try:
        return fn(*args, **params)
    except InputError as err:
        col = getattr(err, "column", None)
        if col is None:
            raise
        raise InputError(f"{step}: indicator {codes[col]!r}: {err.detail}") from None  # type: ignore[attr-defined]
    except (ValueError, TypeError) as err:
        raise InputError(f"{step}: {err}") from None


def check_scope(step: str, entry: Mapping[str, Any], years: Sequence[Any] | None = None) -> str:
    """The scope of a step entry, checked: ``reference_year`` needs a year (and vice versa)."""
    scope = entry.get("scope") or ("reference_year" if "reference_year" in entry else "year")
    if scope not in SCOPES:
        raise InputError(f"{step}: scope {scope!r}: choose from {list(SCOPES)}")
    ref = entry.get("reference_year")
    if scope == "reference_year" and ref is None:
        raise InputError(f"{step}: scope 'reference_year' needs 'reference_year: YEAR'")
    if ref is not None and scope != "reference_year":
        raise InputError(f"{step}: 'reference_year' is given but the scope is {scope!r}")
    if years is not None and ref is not None and ref not in years:
        raise InputError(
            f"{step}: reference_year {ref!r} is not a year of the data {list(years)}"
        )
    return scope


def _reference_index(years: Sequence[Any], year: Any) -> int:
    return list(years).index(year)


def _stack(blocks: Sequence[np.ndarray], use: Sequence[bool]) -> np.ndarray:
    chosen = [b for b, keep in zip(blocks, use, strict=True) if keep]
    return np.concatenate(chosen, axis=0) if chosen else blocks[0][:0]


def _takes_reference(fn: Callable[..., Any]) -> bool:
    return "reference" in inspect.signature(fn).parameters


# ---------------------------------------------------------------------------- normalise


def framework_values(entry: Mapping[str, Any], fw: Framework) -> dict[str, Any]:
    """A normalise entry with the framework's values filled in: ``dist2targ`` without a
    ``target`` takes the framework's ``target`` column; ``lower`` / ``upper`` / ``target``
    given as a mapping code → value become one value per indicator (all required)."""
    out = dict(entry)
    if out["method"] == "dist2targ" and out.get("target") is None:
        out["target"] = fw.table["target"].to_numpy(np.float64)[: len(fw.indicators)]
    for key in ("lower", "upper", "target"):
        value = out.get(key)
        if isinstance(value, Mapping):
            missing = [c for c in fw.indicators if c not in value]
            if missing:
                raise InputError(f"spec: normalise {key}: no value for indicator(s) {missing}")
            out[key] = np.array([float(value[c]) for c in fw.indicators])
    return out



def normalise_blocks(
    blocks: Sequence[np.ndarray],
    years: Sequence[Any],
    direction: np.ndarray,
    entry: Mapping[str, Any],
    codes: Sequence[str],
    in_run: Sequence[bool] | None = None,
) -> list[np.ndarray]:
    """Normalise every block by ``entry`` (``method``, its parameters, ``scope``).

    ``in_run`` marks the blocks of the run (pooled statistics use only those; a block
    present only as a reference year is not pooled). See the module docstring for scopes.
    """
    in_run = [True] * len(blocks) if in_run is None else list(in_run)
    method = normalise.ALIASES.get(entry["method"], entry["method"])
    if method not in normalise.METHODS:
        raise InputError(
            f"normalise: unknown method {entry['method']!r}; choose from {sorted(normalise.METHODS)}"
        )
    fn = normalise.METHODS[method]
    params = {k: v for k, v in entry.items() if k != "method" and k not in SCOPE_KEYS}
    scope = check_scope("spec: normalise", entry, years)
    if method == "none":
        return [np.array(b, dtype=np.float64) for b in blocks]
    if _takes_reference(fn):
        if scope == "year":
            reference = [None] * len(blocks)
        elif scope == "pooled":
            reference = [_stack(blocks, in_run)] * len(blocks)
        else:
            reference = [blocks[_reference_index(years, entry["reference_year"])]] * len(blocks)
        return [
            call_step("normalise", fn, (b, direction), {**params, "reference": r}, codes)
            for b, r in zip(blocks, reference, strict=True)
        ]
    if scope == "reference_year":
        raise InputError(
            f"spec: normalise {method}: scope 'reference_year' is available for minmax and "
            "goalposts (mp_goalposts); use scope year or pooled"
        )
    if scope == "year":
        return [call_step("normalise", fn, (b, direction), params, codes) for b in blocks]
    pooled = call_step("normalise", fn, (_stack(blocks, in_run), direction), params, codes)
    out, start = [], 0
    for b, keep in zip(blocks, in_run, strict=True):
        if keep:
            out.append(pooled[start : start + len(b)])
            start += len(b)
        else:  # outside the run: normalised alone (only a reference for other steps)
            out.append(call_step("normalise", fn, (b, direction), params, codes))
    return out


# ---------------------------------------------------------------------------- weights


def group_weights(
    values: np.ndarray,
    cols: np.ndarray,
    n_groups: int,
    children: Sequence[str],
    parents: Sequence[str],
    method: str,
    options: Mapping[str, Any],
) -> np.ndarray:
    """Within-group weights of one level's children from ``values`` (rows × children).

    ``cols[k]`` is child k's group. Each group's children are weighed by
    :func:`analysis.weights.compute_weights` (directions +1: the values are normalised
    with directions applied) on the rows where none of them is missing.
    """
    out = np.ones(len(children))
    for j in range(n_groups):
        kids = np.flatnonzero(cols == j)
        if kids.size < 2:
            continue
        sub = values[:, kids]
        sub = sub[~np.isnan(sub).any(axis=1)]
        try:
            w = weights_mod.compute_weights(sub, method, None, [children[k] for k in kids], **options)
        except InputError as exc:
            raise InputError(f"weights ({method}), group {parents[j]!r}: {exc}") from None
        out[kids] = w.to_numpy()
    return out


def weights_entry_options(entry: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The method (canonical name) and options of a spec's ``weights: {method: ...}``."""
    method = weights_mod.resolve_method(str(entry["method"]))
    if method in NOT_DATA_DRIVEN:
        raise InputError(
            f"spec: weights method {method!r} needs no data: give the framework's weights "
            "(or 'weights: {CODE: w}' overrides) instead"
        )
    options = {k: v for k, v in entry.items() if k != "method" and k not in SCOPE_KEYS}
    return method, options


#: a level's weights: ``weigher(values, level)`` → one weight per child of ``level``'s
#: groups (``values``: rows × children, the children of ``fw.codes_at(level - 1)``)
Weigher = Callable[[np.ndarray, int], np.ndarray]
#: a level's aggregation: ``aggregator(values, lev)`` → rows × parents
Aggregator = Callable[[np.ndarray, aggregate.Level], np.ndarray]


def method_weigher(fw: Framework, weights_entry: Mapping[str, Any]) -> Weigher:
    """The weigher of a spec's ``weights: {method: M, ...}``: :func:`group_weights` per level."""
    method, options = weights_entry_options(weights_entry)
    structure = {lev[0]: lev for lev in aggregate.level_structure(fw)}

    def weigher(values: np.ndarray, level: int) -> np.ndarray:
        _, children, parents, _rows, cols = structure[level]
        return group_weights(values, cols, len(parents), children, parents, method, options)

    return weigher


def spec_aggregator(fw: Framework, aggregate_entry: Mapping[str, Any]) -> Aggregator:
    """The aggregator of a spec's ``aggregate`` step: method (one, or one per level),
    ``penalty`` and the method's parameters, through :func:`analysis.aggregate.aggregate_level`."""
    methods = aggregate_entry["method"]
    n_levels = len(aggregate.level_structure(fw))
    per_level = [methods] * n_levels if isinstance(methods, str) else list(methods)
    if len(per_level) != n_levels:
        raise InputError(f"aggregate: {len(per_level)} methods given for {n_levels} levels")
    params = {k: v for k, v in aggregate_entry.items() if k not in ("method", "penalty")}
    penalty = aggregate_entry.get("penalty") or "none"

    def aggregator(values: np.ndarray, lev: aggregate.Level) -> np.ndarray:
        return aggregate.aggregate_level(values, lev, per_level[lev.level - 2], penalty, **params)

    return aggregator


def weigh_and_aggregate(
    blocks: Sequence[np.ndarray],
    years: Sequence[Any],
    fw: Framework,
    aggregate_entry: Mapping[str, Any] | None,
    weights_entry: Mapping[str, Any] | None = None,
    base_weights: np.ndarray | None = None,
    in_run: Sequence[bool] | None = None,
    *,
    weigher: Weigher | None = None,
    aggregator: Aggregator | None = None,
    weights_basis: Sequence[np.ndarray] | None = None,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Scores of every aggregate per block, and the weight vector each block used.

    Level by level, bottom first: the level's group weights (framework weights
    ``base_weights``; or ``weights_entry``'s method, or a custom ``weigher``, over the
    entry's scope), then each block's children aggregated with them (the spec's
    ``aggregate_entry``, or a custom ``aggregator``). The bottom level's weights come
    from ``weights_basis`` when given (e.g. the treated values, as the method
    comparison weighs), else from ``blocks``. Returns ``(scores, weights)``, one entry
    per block; weights within each group sum to 1.
    """
    in_run = [True] * len(blocks) if in_run is None else list(in_run)
    base = aggregate.weight_vector(fw, base_weights)
    weights = [base.copy() for _ in blocks]
    if aggregator is None:
        if aggregate_entry is None:
            raise InputError("spec: no 'aggregate' step; an index needs one")
        aggregator = spec_aggregator(fw, aggregate_entry)
    scope = "year"
    if weights_entry is not None:
        scope = check_scope("spec: weights", weights_entry, years)
        weigher = weigher or method_weigher(fw, weights_entry)
    current = [np.asarray(b, dtype=np.float64) for b in blocks]
    basis = current if weights_basis is None else [np.asarray(b, np.float64) for b in weights_basis]
    outputs: list[list[np.ndarray]] = [[] for _ in blocks]
    for level, children, parents, rows, cols in aggregate.level_structure(fw):
        if weigher is not None:
            if scope == "year":
                for t, values in enumerate(basis):
                    weights[t][rows] = weigher(values, level)
            else:
                source = (
                    _stack(basis, in_run)
                    if scope == "pooled"
                    else basis[_reference_index(years, weights_entry["reference_year"])]  # type: ignore[index]
                )
                shared = weigher(source, level)
                for w in weights:
                    w[rows] = shared
        member = np.zeros((len(children), len(parents)))
        member[np.arange(len(children)), cols] = 1.0
        nxt = []
        for t, values in enumerate(current):
            g = np.zeros((len(children), len(parents)))
            g[np.arange(len(children)), cols] = weights[t][rows]
            out = aggregator(values, aggregate.Level(level, children, parents, g, member))
            outputs[t].append(out)
            nxt.append(out)
        current = basis = nxt
    scores = [np.concatenate(o, axis=1) for o in outputs]
    return scores, [group_shares(fw, w) for w in weights]


def group_shares(fw: Framework, w: np.ndarray) -> np.ndarray:
    """Weights scaled to sum 1 within each group (the top node gets 1; a zero group stays 0)."""
    out = np.ones(len(fw.codes))
    for _level, _children, parents, rows, cols in aggregate.level_structure(fw):
        totals = np.bincount(cols, weights=w[rows], minlength=len(parents))
        with np.errstate(invalid="ignore", divide="ignore"):
            out[rows] = np.where(totals[cols] > 0, w[rows] / totals[cols], 0.0)
    return out


def effective_weights(fw: Framework, w: np.ndarray) -> np.ndarray:
    """Each code's weight in the top node: the product of within-group shares up the tree.

    ``w`` in ``fw.codes`` order (any scale within groups); COINr's ``get_eff_weights``.
    Returns (n_codes,), the top node 1.
    """
    share = group_shares(fw, np.asarray(w, dtype=np.float64))
    position = {c: i for i, c in enumerate(fw.codes)}
    eff = np.ones(len(fw.codes))
    for _level, _children, parents, rows, cols in reversed(aggregate.level_structure(fw)):
        parent_pos = np.array([position[p] for p in parents])
        eff[rows] = eff[parent_pos[cols]] * share[rows]
    return eff


# ---------------------------------------------------------------------------- the engine


def run(
    blocks: Sequence[np.ndarray],
    years: Sequence[Any],
    fw: Framework,
    normalise_entry: Mapping[str, Any] | None,
    aggregate_entry: Mapping[str, Any] | None,
    weights_entry: Mapping[str, Any] | None = None,
    base_weights: np.ndarray | None = None,
    in_run: Sequence[bool] | None = None,
    *,
    weigher: Weigher | None = None,
    aggregator: Aggregator | None = None,
    weights_from_treated: bool = False,
) -> EngineResult:
    """Normalise, weigh and aggregate every year block (see the module docstring).

    ``blocks``: (n_t, p) treated indicators per year, columns ``fw.indicators``;
    ``years``: the block's years (distinct); ``normalise_entry`` None skips normalising.
    ``weigher`` / ``aggregator`` replace the spec's methods (see
    :func:`weigh_and_aggregate`); ``weights_from_treated`` weighs the bottom level from
    the treated blocks instead of the normalised ones.
    """
    if len(blocks) != len(years) or len(set(years)) != len(years):
        raise InputError("engine: one block per distinct year")
    if normalise_entry is not None and normalise_entry["method"] != "none":
        normalised = normalise_blocks(
            blocks, years, fw.direction, normalise_entry, fw.indicators, in_run
        )
    else:
        normalised = [np.asarray(b, dtype=np.float64) for b in blocks]
    scores, weights = weigh_and_aggregate(
        normalised,
        years,
        fw,
        aggregate_entry,
        weights_entry,
        base_weights,
        in_run,
        weigher=weigher,
        aggregator=aggregator,
        weights_basis=blocks if weights_from_treated else None,
    )
    return EngineResult(normalised=normalised, scores=scores, weights=weights)
