"""Evaluating a design: every run of the pipeline, sharing work between runs; the result and its files."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import yaml

from analysis.errors import InputError
from analysis.files import read_csv
from analysis.sensitivity.design import check_design, saltelli_design
from analysis.sensitivity.estimators import (
    mean_abs_rank_shift,
    rank_intervals,
    ranks_min,
    sobol_indices,
)
from analysis.sensitivity.factors import (
    Factor,
    _plain,
    factors_for_design,
    factors_from_spec,
    load_factors_file,
    load_sensitivity_spec,
    read_weight_sets,
    weight_sets_table,
)

if TYPE_CHECKING:
    from analysis.framework import Framework

# --------------------------------------------------------------------------------------
# The engine: evaluate every run of a design, sharing work between runs


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """Everything a sensitivity analysis produced.

    Attributes
    ----------
    runs : one row per run: ``run``, ``block`` (``A``, ``B``, ``AB_i``; empty for a design
        without that structure), one column per factor (its label), ``y`` (the mean absolute
        shift of the top aggregate's ranks from the nominal ranks), then one column per unit
        holding its rank in that run
    ranks : per unit: ``unit, nominal, median, q05, q95`` of its rank over the runs
    sobol : ``factor, Si, STi, Si_q05, Si_q95, STi_q05, STi_q95`` (None without a
        Saltelli-structured design)
    design : the design as run: ``run``, ``block`` and the factor columns
    factors : the factors, in design column order
    spec : the pipeline spec as run, with a ``sensitivity`` section recording the factors
    nominal : the nominal build's scores and ranks of the top aggregate, index ``uCode``
    weight_sets : the long ``set, iCode, Level, Weight`` table of the weights factor, or None
    """

    runs: pd.DataFrame
    ranks: pd.DataFrame
    sobol: pd.DataFrame | None
    design: pd.DataFrame
    factors: list[Factor]
    spec: dict[str, Any]
    nominal: pd.DataFrame
    weight_sets: pd.DataFrame | None

    @property
    def y(self) -> np.ndarray:
        """The output of every run (mean absolute rank shift)."""
        return self.runs["y"].to_numpy(np.float64)


@dataclass(frozen=True, eq=False)
class _Context:
    """What every run shares: the framework, the base spec and the pre-treatment data."""

    data: pd.DataFrame
    fw: Framework
    spec: dict[str, Any]
    units: list[str]
    pretreat: np.ndarray  # (n, p): the base pipeline's data just before Treat
    weights: np.ndarray  # (n_codes,): the base weights (the nominal build's, within-group shares)
    source: str | None
    weights_entry: Mapping[str, Any] | None = None  # the spec's weights: {method: ...}, if any


def _pretreat(result: Any) -> tuple[np.ndarray, list[str]]:
    """The last dataset before Treat of an :class:`~analysis.index.IndexResult`, and its units."""
    for name in ("Screened", "Imputed", "Denominated", "Raw"):
        if name in result.arrays:
            return result.arrays[name], result.units[name]
    raise InputError("index build: no dataset before Treat")  # unreachable: Raw always exists


def _imputed_data(ctx: _Context, entry: Mapping[str, Any], label: Any) -> np.ndarray:
    """The pre-treatment data with another imputation (denominate → impute → screen rerun)."""
    from analysis.index import build_index

    spec = {k: v for k, v in ctx.spec.items() if k not in ("treat", "normalise", "weights")}
    spec["impute"] = dict(entry)
    spec["aggregate"] = {"method": "amean"}
    x, units = _pretreat(build_index(ctx.data, ctx.fw, spec, source=ctx.source))
    if units != ctx.units:
        raise InputError(
            f"imputation {label!r}: the screen step keeps other units than the nominal build "
            f"({len(units)} vs {len(ctx.units)}); ranks would not compare"
        )
    return x


def _treated(x: np.ndarray, entry: Mapping[str, Any] | None, label: Any) -> np.ndarray:
    from analysis import treat

    if entry is None or entry["method"] == "none":
        return x
    params = {k: v for k, v in entry.items() if k != "method"}
    try:
        return treat.METHODS[entry["method"]](x, **params).x
    except (ValueError, TypeError) as err:
        raise InputError(f"treatment {label!r}: {err}") from None


def _normalised(
    x: np.ndarray, entry: Mapping[str, Any] | None, fw: Framework, label: Any
) -> np.ndarray:
    """One normalisation alternative through :func:`analysis.engine.normalise_blocks`."""
    from analysis import engine

    if entry is None or entry["method"] == "none":
        return x
    try:
        (out,) = engine.normalise_blocks(
            [x], [None], fw.direction, engine.framework_values(entry, fw), fw.indicators
        )
    except InputError as err:
        detail = str(err).removeprefix("normalise: ")
        raise InputError(f"normalisation {label!r}: {detail}") from None
    return out


def _aggregate_runs(
    x: np.ndarray,
    fw: Framework,
    entry: Mapping[str, Any],
    weights: np.ndarray,
    context: str,
    units: Sequence[str],
) -> np.ndarray:
    """Top-aggregate scores of R runs sharing the normalised data ``x`` (n, p).

    ``weights`` is (R, n_codes). Level by level, every run at once: with the weight matrix
    G_r (children × parents) of run r, ``amean`` is ``(x @ G_r) / (present @ G_r)`` and
    ``gmean`` ``exp((ln x @ G_r) / (present @ G_r))`` (:func:`analysis.aggregate.aggregate_tree`
    on an (R, c, m) stack of G), so weights are normalised over the children present.
    A geometric (or harmonic) mean meeting a value <= 0 with a positive weight is an
    :class:`InputError` naming the run, indicator and unit (COINr returns NaN there)
    unless the aggregation has a ``shift`` > 0 (y = f(x + shift) - shift).
    Returns (R, n).
    """
    from analysis import aggregate

    methods = entry["method"]
    first = methods[0] if isinstance(methods, list) else methods
    params = {k: v for k, v in entry.items() if k != "method"}
    shift = float(params.get("shift") or 0.0)
    if first in ("gmean", "hmean") and not shift > 0:
        with np.errstate(invalid="ignore"):
            bad_cols = np.flatnonzero((x <= 0).any(axis=0))
        if bad_cols.size:
            used = weights[:, bad_cols] > 0  # (R, bad)
            if not used.any():  # only excluded (weight 0) columns: leave them out as missing
                x = np.where(x <= 0, np.nan, x)
            else:
                r, k = np.argwhere(used)[0]
                col = int(bad_cols[k])
                unit = int(np.flatnonzero(x[:, col] <= 0)[0])
                raise _RunError(
                    int(r),
                    f"{context}: the {'geometric' if first == 'gmean' else 'harmonic'} mean "
                    f"meets {x[unit, col]:g} (indicator {fw.indicators[col]!r}, unit "
                    f"{units[unit]!r}); it needs values > 0 (COINr returns NaN). Normalise "
                    "to a range above 0, e.g. n_minmax(1,100), or give the aggregation a "
                    "shift, e.g. gmean(shift=1)",
                )
    if shift == 0.0:
        params.pop("shift", None)
    levels = _level_matrices(fw, weights)
    try:
        scores = aggregate.aggregate_tree(x, fw, methods, levels=levels, **params)
    except InputError as err:
        raise _RunError(-1, f"{context}: {err}") from None
    return scores[..., -1]


def _level_matrices(fw: Framework, weights: np.ndarray) -> list[Any]:
    """:func:`analysis.aggregate.level_matrices` for an (R, n_codes) stack of weight sets.

    The same matrices (G[r, k, j] = weight of child k in run r if k belongs to parent j),
    built with the framework's index arrays computed once
    (:func:`analysis.aggregate.level_structure`), without re-validating every weight set.
    """
    from analysis.aggregate import Level, level_structure

    out = []
    for level, children, parents, rows, cols in level_structure(fw):
        g = np.zeros((weights.shape[0], rows.size, len(parents)))
        g[:, np.arange(rows.size), cols] = weights[:, rows]
        out.append(Level(level=level, children=children, parents=parents, matrix=g))
    return out


class _RunError(Exception):
    """An error in a group of runs: ``index`` is the run's position within the group
    (-1: the group as a whole)."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


def _chunk_size(n_units: int, width: int, budget: int = 8_000_000) -> int:
    """Runs per chunk so that an (R, n, width) float array stays near ``budget`` elements."""
    return max(1, budget // max(1, n_units * width))


def _evaluate_runs(
    ctx: _Context,
    factors: Sequence[Factor],
    codes: np.ndarray,
    progress: bool | None = None,
) -> np.ndarray:
    """Ranks of the top aggregate in every run: an (R, n) float32 array (NaN = no rank).

    Runs that share factor levels share work: the data is imputed once per imputation,
    treated once per distinct (imputation, treatment), normalised once per distinct
    (imputation, treatment, normalisation); the runs that share those and the aggregation
    method are aggregated together, their weights (weight set x exclusion mask) stacked as
    one (R, n_codes) array, level by level as matrix products (:func:`_aggregate_runs`),
    in chunks that bound memory, and ranked with one argsort (:func:`ranks_min`).
    There is no Python loop over units, draws or runs. ``progress`` shows a tqdm bar over
    the chunks (None: only for 10,000 runs or more).
    """
    n_runs = codes.shape[0]
    column = {f.kind: j for j, f in enumerate(factors)}
    n_codes = len(ctx.fw.codes)

    def pick(kind: str) -> np.ndarray:
        return codes[:, column[kind]] if kind in column else np.full(n_runs, -1)

    treat_kind = "winmax" if "winmax" in column else "treat"
    stage = np.column_stack(
        [pick("impute"), pick(treat_kind), pick("normalise"), pick("aggregate")]
    )
    # a run's weights = base × scale: base is the nominal weights, a weight set that replaces
    # them, or (a spec weighing by a method) the method's weights recomputed for the run's
    # treated, normalised and aggregated data; scale holds drawn perturbations relative to
    # the nominal weights (set / nominal) and the exclusion masks
    absolute: np.ndarray | None = None
    scale = np.ones((n_runs, n_codes))
    if "weights" in column:
        factor = factors[column["weights"]]
        sets = np.stack(factor.settings)[codes[:, column["weights"]]]
        if ctx.weights_entry is not None and factor.relative:
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.where(ctx.weights > 0, sets / ctx.weights, 1.0)
        else:
            absolute = sets
    if "exclude" in column:
        factor = factors[column["exclude"]]
        index = {c: i for i, c in enumerate(ctx.fw.codes)}
        masks = np.ones((len(factor.settings), n_codes))
        for k, dropped in enumerate(factor.settings):
            masks[k, [index[c] for c in dropped]] = 0.0
        scale = scale * masks[codes[:, column["exclude"]]]

    def setting(kind: str, k: int) -> tuple[Any, Any]:
        if k < 0:
            base = {"winmax": "treat"}.get(kind, kind)
            return ctx.spec.get(base), "nominal"
        f = factors[column[kind]]
        return f.settings[k], f.labels[k]

    groups, inverse = np.unique(stage, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(groups.shape[0] + 1))
    width = max(len(ctx.fw.indicators), len(ctx.fw.aggregates))
    step = _chunk_size(len(ctx.units), width)
    chunks = [
        (g, order[s : min(s + step, bounds[g + 1])])
        for g in range(groups.shape[0])
        for s in range(bounds[g], bounds[g + 1], step)
    ]
    if progress is None:
        progress = n_runs >= 10_000
    if progress:
        from tqdm.auto import tqdm

        chunks = tqdm(chunks, desc="sensitivity runs", unit="chunk", disable=None)

    imputed: dict[int, np.ndarray] = {}
    treated: dict[tuple[int, int], np.ndarray] = {}
    normalised: dict[tuple[int, int, int], np.ndarray] = {}
    method_weights: dict[int, np.ndarray] = {}
    ranks = np.empty((n_runs, len(ctx.units)), dtype=np.float32)
    for g, rows in chunks:
        i_imp, i_treat, i_norm, i_agg = (int(v) for v in groups[g])
        key = (i_imp, i_treat, i_norm)
        if key not in normalised:
            if i_imp not in imputed:
                entry, label = setting("impute", i_imp)
                imputed[i_imp] = ctx.pretreat if i_imp < 0 else _imputed_data(ctx, entry, label)
            if (i_imp, i_treat) not in treated:
                entry, label = setting(treat_kind, i_treat)
                treated[(i_imp, i_treat)] = _treated(imputed[i_imp], entry, label)
            entry, label = setting("normalise", i_norm)
            normalised[key] = _normalised(treated[(i_imp, i_treat)], entry, ctx.fw, label)
        entry, label = setting("aggregate", i_agg)
        context = _group_context(factors, column, groups[g], treat_kind)
        try:
            if absolute is not None:
                base = absolute[rows]
            elif ctx.weights_entry is not None:
                if g not in method_weights:
                    method_weights[g] = _method_weights(ctx, normalised[key], entry, context)
                base = method_weights[g]
            else:
                base = ctx.weights
            scores = _aggregate_runs(
                normalised[key], ctx.fw, entry, base * scale[rows], context, ctx.units
            )
        except _RunError as err:
            if err.index < 0:
                where_ = f"run {int(rows.min()) + 1} (and the other runs with these settings)"
            else:
                where_ = f"run {int(rows[err.index]) + 1}"
            raise InputError(f"{where_}: {err.message}") from None
        ranks[rows] = ranks_min(scores)
    return ranks


def _method_weights(
    ctx: _Context, x: np.ndarray, aggregate_entry: Mapping[str, Any], context: str
) -> np.ndarray:
    """The spec's weighting method recomputed for one run's normalised data ``x`` (n, p).

    As :func:`analysis.index.build_index` weighs: level by level, within every group of the
    framework, the bottom level from the normalised indicators and each higher level from
    the children's scores aggregated with the run's aggregation and the weights just
    computed (:func:`analysis.engine.weigh_and_aggregate`). Returns the within-group
    weights of every code (n_codes,).
    """
    from analysis import engine

    year = ctx.spec.get("year")
    try:
        _, (weights,) = engine.weigh_and_aggregate(
            [x],
            [year],
            ctx.fw,
            aggregate_entry,
            ctx.weights_entry,
            ctx.fw.table["weight"].to_numpy(),
        )
    except InputError as err:
        raise _RunError(-1, f"{context}: {err}") from None
    return weights


def _group_context(
    factors: Sequence[Factor], column: Mapping[str, int], levels: np.ndarray, treat_kind: str
) -> str:
    """``Normalisation 'n_minmax(0,100)', Aggregation 'a_gmean'``: the design values of a group."""
    parts = []
    for kind, k in zip(("impute", treat_kind, "normalise", "aggregate"), levels, strict=True):
        if kind in column and k >= 0:
            f = factors[column[kind]]
            parts.append(f"column {f.name!r} = {f.labels[int(k)]!r}")
    return ", ".join(parts) or "nominal pipeline"


def run_sensitivity(
    data: pd.DataFrame | str | os.PathLike[str],
    meta: Framework | pd.DataFrame | str | os.PathLike[str],
    spec: str | os.PathLike[str] | Mapping[str, Any] = "coinr-default",
    design: pd.DataFrame | str | os.PathLike[str] | None = None,
    weight_sets: pd.DataFrame | str | os.PathLike[str] | None = None,
    n: int | None = None,
    seed: int | None = None,
    *,
    factors: Mapping[str, Any] | str | os.PathLike[str] | None = None,
    sampler: str | None = None,
    n_boot: int | None = None,
    sobol: bool = True,
    progress: bool | None = None,
) -> SensitivityResult:
    """Uncertainty and Sobol sensitivity analysis of an index's ranking (COINr's estimator).

    The nominal build is ``spec`` on ``data`` with ``meta`` (:func:`analysis.index.build_index`);
    each run changes it as its design row says (imputation, treatment or winsorisation
    limit, normalisation, aggregation, weight set, excluded codes; see :class:`Factor`).
    A run's output is COINr's ``y = mean over units of |rank - nominal rank|`` of the top
    aggregate (the Index). With a Saltelli design ``[A; B; AB_1..AB_d]``, Si (Saltelli 2010)
    and STi (Jansen 1999) with bootstrap 5 % / 95 % quantiles (:func:`sobol_indices`).

    A spec that weighs by a method (``weights: {method: entropy | critic | pca | ...}``)
    has its weights recomputed in every run from that run's treated and normalised data
    (and, at upper levels, from the children's scores under the run's aggregation), as
    :func:`analysis.index.build_index` computes them: a data-driven weighting is a rule,
    not a vector, and the OECD/JRC Handbook (2008, step 7) and Saltelli et al. (2008)
    propagate every modelling choice through the whole chain, so holding entropy weights
    fixed while the normalisation changes would test a pipeline nobody runs. A drawn
    weights factor (``noise``, ``dirichlet``) then perturbs the recomputed weights by its
    draw relative to the nominal build's weights (``set / nominal``); listed or file weight
    sets replace them. The runs analyse one year, so ``scope: pooled`` over several years
    and a ``reference_year`` other than the analysed year are refused.

    Parameters
    ----------
    data : iData table or CSV path; meta : framework, iMeta table, or anything
        :func:`analysis.framework.load_framework` takes.
    spec : pipeline spec (mapping, YAML path, built-in name), optionally with a
        ``sensitivity:`` section (``factors``, ``n``, ``seed``, ``sampler``, ``n_boot``).
    design : a given design (table or CSV): one row per run, one column per factor;
        ``rep``, ``run`` and ``block`` columns are ignored. Otherwise a design is drawn:
        ``n`` base rows (N; N (d + 2) runs) with ``seed``, by :func:`saltelli_design`
        (``sampler`` ``coinr`` or ``salib``) over the spec's factors.
    weight_sets : COINr's long ``set, iCode, Level, Weight`` table (or CSV) that a design's
        weights column, or a spec's weights factor without sets of its own, refers to.
    factors : a ``sensitivity:`` section given separately (mapping or YAML file); it
        replaces the spec's.
    n_boot : bootstrap resamples for the Sobol quantiles (default 100); their seed is
        ``seed`` (0 when None).
    sobol : estimate Sobol indices; a design without the Saltelli block structure is then
        an error (pass False for uncertainty only).
    progress : tqdm bar over chunks of runs (None: for 10,000 runs or more).
    """
    from analysis.aggregate import weight_vector
    from analysis.framework import Framework as _Framework
    from analysis.framework import framework_from_imeta, load_framework
    from analysis.index import build_index, load_data

    if isinstance(meta, _Framework):
        fw = meta
    elif isinstance(meta, pd.DataFrame):
        fw = framework_from_imeta(meta)
    else:
        fw = load_framework(meta)
    source = None
    if not isinstance(data, pd.DataFrame):
        source = str(data)
        data = load_data(data, fw)
    base, section = load_sensitivity_spec(spec)
    if factors is not None:
        section = dict(factors) if isinstance(factors, Mapping) else load_factors_file(factors)
    weights_entry = _method_entry(base)
    if "weights" in base and weights_entry is None:
        fw = fw.with_weights(base["weights"])
    nominal_build = build_index(data, fw, base, source=source)
    pretreat, units = _pretreat(nominal_build)
    top_scores = nominal_build.arrays["Aggregated"][:, len(fw.indicators) + len(fw.aggregates) - 1]
    nominal_ranks = ranks_min(top_scores)
    nominal_weights = weight_vector(fw)
    if weights_entry is not None and nominal_build.weights is not None:
        nominal_weights = nominal_build.weights.reindex(fw.codes).to_numpy(np.float64)
    ctx = _Context(data, fw, base, list(units), pretreat, nominal_weights, source, weights_entry)

    seed = section.get("seed") if seed is None else seed
    n = section.get("n") if n is None else n
    sampler = sampler or section.get("sampler", "coinr")
    n_boot = int(section.get("n_boot", 100) if n_boot is None else n_boot)
    given_sets = None
    if weight_sets is not None:
        given_sets = read_weight_sets(weight_sets, fw)
    declared = factors_from_spec(section, fw, base, nominal_weights, given_sets, seed=seed)

    if design is not None:
        design_source = "design"
        if not isinstance(design, pd.DataFrame):
            design_source = str(design)
            design = read_csv(
                design, what="design CSV", keep_default_na=False, na_values=["", "NA"]
            )
        used, codes = factors_for_design(design, declared, fw, base, given_sets, design_source)
        table = design[[f.name for f in used]].reset_index(drop=True)
        table.insert(0, "run", np.arange(1, len(table) + 1))
    else:
        design_source = "design"
        if not declared:
            raise InputError(
                "no factors to draw a design from: add a 'sensitivity: factors:' section to the "
                "spec (or --factors FILE), or pass --design"
            )
        if n is None:
            raise InputError("drawing a design needs its size: --n N (base rows; N (d + 2) runs)")
        if int(n) < 2:
            raise InputError(f"--n {n}: need N >= 2 base rows")
        used = list(declared)
        table = saltelli_design({f.name: list(f.labels) for f in used}, int(n), seed, sampler)
        codes = np.column_stack(
            [
                pd.Index([str(v) for v in f.labels]).get_indexer(table[f.name].astype(str))
                for f in used
            ]
        )
        table = table.drop(columns="block")

    n_runs = len(table)
    N = None
    if sobol:
        try:
            N = check_design(table, [f.name for f in used], source=design_source)
        except InputError as err:
            raise InputError(
                f"{err}; for uncertainty without Sobol indices, --uncertainty-only"
            ) from None
    d = len(used)
    blocks = (
        np.repeat(["A", "B"] + [f"AB_{i}" for i in range(1, d + 1)], N)
        if N is not None
        else np.full(n_runs, "", dtype=object)
    )
    table.insert(1, "block", blocks)

    try:
        ranks = _evaluate_runs(ctx, used, codes, progress=progress)
    except InputError as err:
        raise InputError(f"{design_source}, {err}") from None
    y = mean_abs_rank_shift(ranks, nominal_ranks)
    sobol_table = None
    if N is not None:
        try:
            sobol_table = sobol_indices(
                y,
                N,
                d,
                n_boot=n_boot,
                seed=0 if seed is None else seed,
                factors=[f.name for f in used],
            )
        except InputError as err:
            raise InputError(f"{design_source}: {err}") from None

    runs = _runs_table(table, y, ranks, units)
    intervals = rank_intervals(ranks, nominal_ranks, units=units)
    intervals["nominal"] = intervals["nominal"].astype("Int64")
    weights_factor = next((f for f in used if f.kind == "weights"), None)
    sets_table = (
        weight_sets_table(list(weights_factor.labels), np.stack(weights_factor.settings), fw)
        if weights_factor is not None
        else None
    )
    record = dict(base)
    record["sensitivity"] = {
        "output": "mean absolute shift of the top aggregate's ranks from the nominal ranks",
        "design": design_source if design is not None else f"saltelli ({sampler}), N = {n}",
        "runs": int(n_runs),
        "seed": seed,
        "n_boot": n_boot,
        "factors": {f.name: f.describe() for f in used},
    }
    nominal = pd.DataFrame(
        {"score": top_scores, "rank": nominal_ranks}, index=pd.Index(units, name="uCode")
    )
    return SensitivityResult(
        runs=runs,
        ranks=intervals,
        sobol=sobol_table,
        design=table,
        factors=used,
        spec=record,
        nominal=nominal,
        weight_sets=sets_table,
    )


def _method_entry(spec: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The spec's ``weights: {method: ...}`` entry (None for framework weights), checked
    for a scope the sensitivity engine can recompute within the year it analyses."""
    entry = spec.get("weights")
    if not isinstance(entry, Mapping) or "method" not in entry:
        return None
    scope = entry.get("scope") or ("reference_year" if "reference_year" in entry else "year")
    years = spec.get("year")
    if scope == "pooled" and isinstance(years, list) and len(years) > 1:
        raise InputError(
            "sensitivity: weights scope 'pooled' over several years; the sensitivity runs "
            "analyse one year: give 'year: Y' (weights are then recomputed within it)"
        )
    if scope == "reference_year" and entry.get("reference_year") != years:
        raise InputError(
            f"sensitivity: weights reference_year {entry.get('reference_year')!r} is not the "
            f"year analysed ({years!r}); the runs recompute the weights from the analysed "
            "year's data: use scope 'year'"
        )
    return entry


def _runs_table(
    design: pd.DataFrame, y: np.ndarray, ranks: np.ndarray, units: Sequence[str]
) -> pd.DataFrame:
    """``run, block, <factors>, y, <one rank column per unit>`` (ranks as nullable integers)."""
    clash = sorted(set(units) & {*design.columns, "y"})
    if clash:
        raise InputError(
            f"unit code(s) {clash} clash with a column of runs.csv; rename the factor or unit"
        )
    rank_columns = pd.DataFrame(ranks, columns=list(units))
    rank_columns = rank_columns.astype("Int64" if np.isnan(ranks).any() else np.int64)
    out = design.reset_index(drop=True).copy()
    out["y"] = y
    return pd.concat([out, rank_columns], axis=1)


def write_sensitivity(result: SensitivityResult, outdir: str | os.PathLike[str]) -> list[Path]:
    """Write runs.csv, ranks.csv, sobol.csv (when estimated), design.csv, spec.yaml and
    weight_sets.csv (when a weights factor ran) into ``outdir``, each atomically; an
    ``outdir`` ending in ``.xlsx`` is one workbook with those tables as sheets (``spec``:
    the YAML, one line per row)."""
    from analysis.files import is_excel, write_csv, write_table, write_text

    out = Path(outdir)
    text = yaml.safe_dump(_yaml_safe(result.spec), allow_unicode=True, sort_keys=False)
    if is_excel(out):
        tables = {"runs": result.runs, "ranks": result.ranks}
        if result.sobol is not None:
            tables["sobol"] = result.sobol
        tables["design"] = result.design
        if result.weight_sets is not None:
            tables["weight_sets"] = result.weight_sets
        tables["spec"] = pd.DataFrame({"spec": text.splitlines()})
        return [write_table(tables, out)]
    written = [
        write_csv(result.runs, out / "runs.csv"),
        write_csv(result.ranks, out / "ranks.csv"),
    ]
    if result.sobol is not None:
        written.append(write_csv(result.sobol, out / "sobol.csv"))
    written.append(write_csv(result.design, out / "design.csv"))
    if result.weight_sets is not None:
        written.append(write_csv(result.weight_sets, out / "weight_sets.csv"))
    written.append(write_text(out / "spec.yaml", text))
    return written


def _yaml_safe(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _yaml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_yaml_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_yaml_safe(v) for v in value.tolist()]
    return _plain(value)
