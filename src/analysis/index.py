"""The composite-index pipeline: data + framework + spec → every step's dataset, scores, ranks.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), the ten-step
checklist (sections 1.3-1.7); COINr's "coin" workflow (``new_coin`` → ``Denominate`` →
``Impute`` → ``Screen`` → ``Treat`` → ``Normalise`` → ``Aggregate``), each step writing
a new named dataset (``Raw``, ``Denominated``, ``Imputed``, ``Screened``, ``Treated``,
``Normalised``, ``Aggregated``) and never overwriting one.

The *spec* (:mod:`analysis.spec`) names each step's method and parameters. Steps
before normalisation (denominate, impute, screen, treat) run on each year's rows;
normalise → weight → aggregate run in :mod:`analysis.engine` over the years of the run
(:func:`build_years`; scopes ``year``, ``pooled``, ``reference_year``), and units are
ranked within each year.

Data: a wide table in COINr's iData layout (``uCode``, optional ``uName``, group columns,
optional ``Time``, denominator columns, one column per indicator), a wide panel (``unit``,
``year``, indicators) or a long panel (:mod:`analysis.panel`). With several ``Time``
values the years asked (``years=``, else the spec's ``year``, else the latest) are built
and ``impute: latest`` fills from earlier years.

For sensitivity analysis, :class:`IndexResult` keeps every dataset as an array
(``result.arrays``); re-running later steps is a matter of calling the step functions:
``treat.coinr(result.arrays["Screened"], winmax=w).x`` →
``normalise.normalise(x, fw.direction, "minmax", l=1, u=100)`` →
``aggregate.aggregate_tree(x, fw, "gmean", weights=W)`` with W an (R, n_codes) array of
weight sets → ``aggregate.rank_desc(...)``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import denominate, engine, impute, ranking, screen, treat
from analysis.engine import call_step
from analysis.errors import InputError, where
from analysis.framework import Framework
from analysis.panel import check_numeric
from analysis.spec import (  # noqa: F401 - the spec API, importable from here as before
    ALIASES,
    DATASETS,
    REGISTRIES,
    SPEC_KEYS,
    STEPS,
    builtin_specs,
    load_spec,
    resolve_spec,
    spec_to_yaml,
)

UNIT_COLUMN = "uCode"
SCORE_COLUMNS = ("unit", "year", "iCode", "score", "rank")
WEIGHT_COLUMNS = ("year", "iCode", "weight")


@dataclass(frozen=True, eq=False)
class IndexResult:
    """Everything a build produced.

    Attributes
    ----------
    framework : the framework used (weights as overridden by the spec)
    spec : the spec as run (defaults filled in)
    datasets : step name (``Raw`` ... ``Aggregated``) → wide DataFrame, index ``uCode``,
        columns indicator codes (``Aggregated`` adds the aggregates)
    arrays : the same as read-only float64 arrays (rows = that dataset's units; a step
        that changes nothing, e.g. a screen keeping every unit, shares its input array)
    units : dict step name → list of unit codes (rows of ``arrays``)
    scores : long table ``uCode, iCode, score, rank`` for every aggregate
    treat_details : one row per indicator (see :mod:`analysis.treat`), index ``iCode``
    treat_points : (n, p) int8, +1 winsorised from the top, -1 from the bottom
    year : the year built (None for data without years)
    weights : within-group weight of every code used by the build (groups sum to 1)

    ``scores`` keeps COINr's ``uCode`` (the report modules read it); the files written
    and :class:`IndexRun` say ``unit``.
    """

    framework: Framework
    spec: dict[str, Any]
    datasets: dict[str, pd.DataFrame]
    arrays: dict[str, np.ndarray]
    units: dict[str, list[str]]
    scores: pd.DataFrame
    treat_details: pd.DataFrame
    treat_points: np.ndarray | None
    year: Any = None
    weights: pd.Series | None = None

    def ranks(self) -> pd.DataFrame:
        """Ranks of every aggregate, wide: index ``uCode``, one column per aggregate."""
        return self.scores.pivot(index="uCode", columns="iCode", values="rank")[
            self.framework.aggregates
        ]

    def aggregated_input(self) -> pd.DataFrame:
        """The dataset the aggregation reads: the last step's before ``Aggregated`` (the
        normalised values, directions applied, when the spec normalises)."""
        step = [k for k in self.datasets if k != "Aggregated"][-1]
        return self.datasets[step]

    def results(self) -> pd.DataFrame:
        """COINr's results table: every aggregate's score, then ``<code>_rank``, best first.

        The layout of COINr's ``results_scores_and_ranks`` (index ``uCode``, sorted by the
        top aggregate's rank).
        """
        aggs = self.framework.aggregates
        wide = self.scores.pivot(index="uCode", columns="iCode", values="score")[aggs]
        ranks = self.ranks().add_suffix("_rank")
        table = wide.join(ranks)
        return table.sort_values([f"{self.framework.top}_rank"], kind="stable")


# ---------------------------------------------------------------------------- data


def check_data(
    data: pd.DataFrame, fw: Framework, source: str | None = None, numbers: bool = True
) -> None:
    """Check an iData table against a framework: unit codes, indicator columns, numbers.

    Errors name the file, row (1-based data row) and column. ``numbers=False`` skips the
    check that indicator cells are numbers (:func:`build_index` does it while reading them).
    """
    if UNIT_COLUMN not in data.columns:
        raise InputError(
            f"{where(source)}no {UNIT_COLUMN!r} column (COINr iData layout: uCode, indicators...)"
        )
    codes = data[UNIT_COLUMN]
    if codes.isna().any():
        raise InputError(
            f"{where(source, int(np.flatnonzero(codes.isna())[0]) + 1, UNIT_COLUMN)}empty unit code"
        )
    key = data[UNIT_COLUMN].astype(str).to_numpy(dtype=object)
    if "Time" in data.columns:
        key = key + "\x00" + data["Time"].astype(str).to_numpy(dtype=object)
    _, first = np.unique(key, return_index=True)
    dup = np.ones(len(key), dtype=bool)
    dup[first] = False
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"{where(source, i + 1, UNIT_COLUMN)}duplicate unit {data[UNIT_COLUMN].iloc[i]!r}"
            + (f" in Time {data['Time'].iloc[i]!r}" if "Time" in data.columns else "")
        )
    missing = [c for c in fw.indicators if c not in data.columns]
    if missing:
        raise InputError(
            f"{where(source)}indicator column(s) {missing} of framework {fw.name!r} not in the data"
        )
    if numbers:
        check_numeric(data, fw.indicators, source)


def _numeric(data: pd.DataFrame, columns: list[str], source: str | None = None) -> np.ndarray:
    """The columns as a float64 (n, len(columns)) array; a cell that is not a number is an
    :class:`InputError` naming its row and column (empty and ``NA`` cells are missing)."""
    positions = data.columns.get_indexer(columns)
    kinds = data.dtypes.to_numpy()[positions]
    if all(isinstance(k, np.dtype) and k.kind in "fiu" for k in kinds):  # the common case, fast
        return data.to_numpy()[:, positions].astype(np.float64)
    out = np.empty((len(data), len(columns)))
    for j, col in enumerate(columns):
        series = data[col]
        kind = series.dtype
        if not (pd.api.types.is_float_dtype(kind) or pd.api.types.is_integer_dtype(kind)):
            check_numeric(data, [col], source)
            series = pd.to_numeric(
                series.astype("string").str.strip().replace({"": None, "NA": None})
            )
        out[:, j] = series.to_numpy(np.float64, na_value=np.nan)
    return out


def _denominators(
    block: np.ndarray, p: int, denoms: list[str | None], used: list[str]
) -> np.ndarray:
    """The (n, p) matrix of each indicator's denominator (1 where none) from ``block``'s extra columns."""
    col = {name: p + k for k, name in enumerate(used)}
    d = np.ones((block.shape[0], p))
    for j, name in enumerate(denoms):
        if name is not None:
            d[:, j] = block[:, col[name]]
    return d


# ---------------------------------------------------------------------------- the build


def _params(entry: dict[str, Any], drop: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return {k: v for k, v in entry.items() if k != "method" and k not in drop}


def _year_rows(
    data: pd.DataFrame, columns: list[str], year: Any, available: list[Any], history: bool
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """Rows of ``year`` and, with ``history`` (impute: latest), the (T, n, columns) stack of
    it and the earlier years."""
    if year is None:
        return data, None
    current = (
        data if len(available) == 1 else data.loc[data["Time"] == year].reset_index(drop=True)
    )
    if not history:
        return current, None
    earlier = [y for y in available if y <= year]
    units = current[UNIT_COLUMN].tolist()
    stack = np.full((len(earlier), len(units), len(columns)), np.nan)
    for t, y in enumerate(earlier):
        rows = data.loc[data["Time"] == y].set_index(UNIT_COLUMN).reindex(units)
        stack[t] = _numeric(rows, columns)
    return current, stack


def _as_year(value: Any, available: list[Any], what: str) -> Any:
    """``value`` as one of the ``available`` years (``"2014"`` matches 2014), or an error."""
    for y in available:
        if value == y or str(value).strip() == str(y):
            return y
    raise InputError(f"{what}: year {value!r} is not in the data's years {available}")


def years_to_build(asked: Any, available: list[Any], what: str = "spec: year") -> list[Any]:
    """The years a run builds: ``None`` → the latest; ``"all"``; one year; or a list of years.

    ``available`` are the data's years (sorted; ``[None]`` for data without years).
    """
    if available == [None]:
        if asked not in (None, "all") and asked != [] and asked != ["all"]:
            raise InputError(f"{what}: the data has no years (no 'Time' or 'year' column)")
        return [None]
    if asked is None:
        return [available[-1]]
    if isinstance(asked, str) and asked.strip().lower() == "all":
        return list(available)
    items = list(asked) if isinstance(asked, list | tuple) else [asked]
    if [str(a).strip().lower() for a in items] == ["all"]:
        return list(available)
    if not items:
        raise InputError(f"{what}: no year given")
    years = sorted({_as_year(a, available, what) for a in items}, key=available.index)
    return years


def _reference_years(spec: Mapping[str, Any]) -> list[Any]:
    refs = []
    for step in ("normalise", "weights"):
        entry = spec.get(step)
        if isinstance(entry, Mapping) and entry.get("reference_year") is not None:
            refs.append(entry["reference_year"])
    return refs


@dataclass(frozen=True, eq=False)
class _Prepared:
    """One year after the steps before normalisation."""

    units: np.ndarray
    arrays: dict[str, np.ndarray]
    unit_lists: dict[str, np.ndarray]
    details: pd.DataFrame
    points: np.ndarray | None


def _prepare_year(
    data: pd.DataFrame,
    stack: np.ndarray | None,
    fw: Framework,
    spec: dict[str, Any],
    denoms: list[str | None],
    used: list[str],
    source: str | None,
) -> _Prepared:
    """Denominate, impute, screen and treat one year's rows (each step optional)."""
    codes = fw.indicators
    p = len(codes)
    units = np.asarray(data[UNIT_COLUMN].astype(str).to_numpy())
    block = _numeric(data, codes + used, source)
    x = block[:, :p]
    arrays: dict[str, np.ndarray] = {"Raw": x}
    unit_lists: dict[str, np.ndarray] = {"Raw": units}
    denominating = bool(denoms)

    def denominated(b: np.ndarray) -> np.ndarray:
        entry = spec["denominate"]
        d = _denominators(b, p, denoms, used)
        return call_step(
            "denominate", denominate.METHODS[entry["method"]], (b[:, :p], d), _params(entry), codes
        )

    if denominating:
        x = denominated(block)
        arrays["Denominated"], unit_lists["Denominated"] = x, units

    if "impute" in spec and spec["impute"]["method"] != "none":
        entry = spec["impute"]
        method = entry["method"]
        if method == "latest":
            if stack is None:
                raise InputError("spec: impute 'latest' needs data with several Time values")
            history = np.stack([denominated(b) if denominating else b[:, :p] for b in stack])
            x = impute.latest(history)[-1]
        elif method in impute.GROUPED:
            group = entry["group"]
            if group not in data.columns:
                raise InputError(f"{where(source)}group column {group!r} (impute) not in the data")
            x = call_step(
                "impute",
                impute.METHODS[method],
                (x, data[group].to_numpy()),
                _params(entry, {"group"}),
                codes,
            )
        else:
            x = call_step("impute", impute.METHODS[method], (x,), _params(entry, {"group"}), codes)
        arrays["Imputed"], unit_lists["Imputed"] = x, units

    if "screen" in spec and spec["screen"]["method"] != "none":
        entry = spec["screen"]
        keep = call_step("screen", screen.METHODS[entry["method"]], (x,), _params(entry), codes)
        if not keep.any():
            raise InputError(f"screen ({entry['method']}): no unit passes; lower the threshold")
        if not keep.all():
            x, units = x[keep], units[keep]
        arrays["Screened"], unit_lists["Screened"] = x, units

    details = pd.DataFrame(index=pd.Index(codes, name="iCode"))
    points = None
    if "treat" in spec and spec["treat"]["method"] != "none":
        entry = spec["treat"]
        res = call_step("treat", treat.METHODS[entry["method"]], (x,), _params(entry), codes)
        x, points = res.x, res.points
        if res.info:
            details = pd.DataFrame(res.info, index=pd.Index(codes, name="iCode"))
        arrays["Treated"], unit_lists["Treated"] = x, units
    return _Prepared(units, arrays, unit_lists, details, points)


def _normalise_entry(spec: Mapping[str, Any], fw: Framework) -> dict[str, Any] | None:
    """The spec's normalise step ready for the engine (None when there is none)."""
    if "normalise" not in spec or spec["normalise"]["method"] == "none":
        return None
    return engine.framework_values(spec["normalise"], fw)


@dataclass(frozen=True, eq=False)
class IndexRun:
    """A build over one or more years (:func:`build_years`).

    Attributes
    ----------
    framework, spec : as run (``spec["year"]`` records the years built)
    years : the years built, in order (``[None]`` for data without years)
    results : year → :class:`IndexResult` of that year (its datasets, ranks within the year)
    scores : long ``unit, year, iCode, score, rank`` (ranks within each year), years in order
    weights : long ``year, iCode, weight``: each indicator's effective weight in the top
        aggregate, per year
    """

    framework: Framework
    spec: dict[str, Any]
    years: list[Any]
    results: dict[Any, IndexResult]
    scores: pd.DataFrame
    weights: pd.DataFrame


def build_years(
    data: pd.DataFrame,
    framework: Framework,
    spec: str | os.PathLike[str] | Mapping[str, Any] = "coinr-default",
    years: Any = None,
    source: str | None = None,
) -> IndexRun:
    """Build the index for every year asked, ranking within each year.

    ``years``: None (the spec's ``year``, else the latest), ``"all"``, a year or a list of
    years. Steps before normalisation run on each year's rows; normalisation, weights and
    aggregation run in :mod:`analysis.engine` over the scopes the spec names (a reference
    year outside ``years`` is prepared as well, but not reported). ``data`` is COINr iData,
    a wide panel (``unit, year, <indicators>``) or a long panel (``unit, year, indicator,
    value``).
    """
    spec = load_spec(spec)
    if {"unit", "indicator", "value"} <= set(data.columns) and UNIT_COLUMN not in data.columns:
        from analysis.panel import to_idata, validate_panel

        data = to_idata(validate_panel(data, framework, source), framework)
    if "unit" in data.columns and UNIT_COLUMN not in data.columns:  # a wide panel
        renames = {"unit": UNIT_COLUMN}
        if "year" in data.columns and "Time" not in data.columns:
            renames["year"] = "Time"
        data = data.rename(columns=renames)
    if "weights" in spec and "method" not in spec["weights"]:
        framework = framework.with_weights(spec["weights"])
    fw = framework
    has_time = "Time" in data.columns and data["Time"].notna().any()
    if data.empty:
        raise InputError(f"{where(source)}no rows: the data has a header only")
    check_data(data, fw, source, numbers=has_time and data["Time"].nunique() > 1)
    codes = fw.indicators
    denominating = "denominate" in spec and spec["denominate"]["method"] != "none"
    denoms = fw.table["denominator"].iloc[: len(codes)].tolist() if denominating else []
    used = sorted({name for name in denoms if name is not None})
    absent = [name for name in used if name not in data.columns]
    if absent:
        raise InputError(f"{where(source)}denominator column(s) {absent} not in the data")
    if has_time:
        check_numeric(data, used, source)
        available = sorted(data["Time"].dropna().unique().tolist())
    else:
        available = [None]
    wanted = years_to_build(
        spec.get("year") if years is None else years,
        available,
        "spec: year" if years is None else "years",
    )
    extra = []
    for ref in _reference_years(spec):
        y = _as_year(ref, available, "spec: reference_year") if available != [None] else None
        if y is None:
            raise InputError("spec: reference_year needs data with years")
        if y not in wanted and y not in extra:
            extra.append(y)
    spec["year"] = wanted[0] if len(wanted) == 1 else list(wanted)
    if wanted == [None]:
        spec.pop("year")
    for step in ("normalise", "weights"):
        entry = spec.get(step)
        if isinstance(entry, dict) and entry.get("reference_year") is not None:
            entry["reference_year"] = _as_year(
                entry["reference_year"], available, "spec: reference_year"
            )
    if "aggregate" not in spec:
        raise InputError("spec: no 'aggregate' step; an index needs one")
    run_years = wanted + extra
    prepared = []
    for y in run_years:
        history = spec.get("impute", {}).get("method") == "latest"
        rows, stack = _year_rows(data, codes + used, y, available, history)
        if y is not None and rows.empty:
            raise InputError(f"{where(source)}no rows for year {y}")
        try:
            prepared.append(_prepare_year(rows, stack, fw, spec, denoms, used, source))
        except InputError as err:
            if y is None or len(run_years) == 1:
                raise
            raise InputError(f"year {y}: {err}") from None
    last = {
        y: prep.arrays[list(prep.arrays)[-1]] for y, prep in zip(run_years, prepared, strict=True)
    }
    weights_entry = spec["weights"] if "weights" in spec and "method" in spec["weights"] else None
    normalise_entry = _normalise_entry(spec, fw)
    result = engine.run(
        [last[y] for y in run_years],
        run_years,
        fw,
        normalise_entry,
        spec["aggregate"],
        weights_entry,
        in_run=[y in wanted for y in run_years],
    )
    results: dict[Any, IndexResult] = {}
    score_tables, weight_tables = [], []
    for t, (y, prep) in enumerate(zip(run_years, prepared, strict=True)):
        if y not in wanted:
            continue
        arrays, unit_lists = dict(prep.arrays), dict(prep.unit_lists)
        units = prep.units
        if normalise_entry is not None:
            arrays["Normalised"], unit_lists["Normalised"] = result.normalised[t], units
        scores = result.scores[t]
        arrays["Aggregated"] = np.concatenate([result.normalised[t], scores], axis=1)
        unit_lists["Aggregated"] = units
        ranks = ranking.rank(scores, axis=0)
        year_spec = dict(spec)
        if y is not None:
            year_spec["year"] = y
        table = scores_table(units, fw.aggregates, scores, ranks)
        results[y] = IndexResult(
            framework=fw,
            spec=year_spec,
            datasets=_datasets(arrays, unit_lists, fw),
            arrays=arrays,
            units={k: v.tolist() for k, v in unit_lists.items()},
            scores=table,
            treat_details=prep.details,
            treat_points=prep.points,
            year=y,
            weights=pd.Series(result.weights[t], index=fw.codes, name="weight"),
        )
        score_tables.append(
            table.rename(columns={UNIT_COLUMN: "unit"}).assign(year=y)[list(SCORE_COLUMNS)]
        )
        eff = engine.effective_weights(fw, result.weights[t])[: len(codes)]
        weight_tables.append(pd.DataFrame({"year": y, "iCode": codes, "weight": eff}))
    scores_long = pd.concat(score_tables, ignore_index=True)
    weights_long = pd.concat(weight_tables, ignore_index=True)
    if wanted == [None]:
        scores_long["year"] = pd.array([pd.NA] * len(scores_long), dtype="Int64")
        weights_long["year"] = pd.array([pd.NA] * len(weights_long), dtype="Int64")
    return IndexRun(
        framework=fw,
        spec=spec,
        years=wanted,
        results=results,
        scores=scores_long,
        weights=weights_long,
    )


def _datasets(
    arrays: dict[str, np.ndarray], unit_lists: dict[str, np.ndarray], fw: Framework
) -> dict[str, pd.DataFrame]:
    row_index = {
        id(u): pd.Index(u, name=UNIT_COLUMN)
        for u in {id(u): u for u in unit_lists.values()}.values()
    }
    datasets = {}
    for name, arr in arrays.items():
        cols = fw.dataset_index if name == "Aggregated" else fw.indicator_index
        arr.setflags(write=False)  # results are read-only; the DataFrames hold copies
        datasets[name] = pd.DataFrame(arr, index=row_index[id(unit_lists[name])], columns=cols)
    return datasets


def build_index(
    data: pd.DataFrame,
    framework: Framework,
    spec: str | os.PathLike[str] | Mapping[str, Any] = "coinr-default",
    source: str | None = None,
) -> IndexResult:
    """Run the pipeline of ``spec`` on ``data`` with ``framework``, for one year.

    ``data`` is a wide table in COINr's iData layout, or a long panel (``unit, year,
    indicator, value``, see :mod:`analysis.panel`), which is validated and widened first.
    The year is the spec's ``year`` (default: the latest); :func:`build_years` builds
    several. Returns an :class:`IndexResult` with every step's dataset, the scores and
    ranks of every aggregate, and the spec as run. Raises :class:`InputError` on bad input.
    """
    spec = load_spec(spec)
    asked = spec.get("year")
    if isinstance(asked, list) and len(asked) != 1 or (isinstance(asked, str) and asked == "all"):
        raise InputError(
            f"spec: year {asked!r}: build_index builds one year; use build_years "
            "(or qci index --years) for several"
        )
    run = build_years(data, framework, spec, source=source)
    return run.results[run.years[0]]


def scores_table(
    units: np.ndarray, aggregates: list[str], scores: np.ndarray, ranks: np.ndarray
) -> pd.DataFrame:
    """Long ``uCode, iCode, score, rank``: the top aggregate first, then down the tree; by rank.

    ``rank`` is a nullable integer (missing where the score is missing).
    """
    n, m = scores.shape
    cols = np.arange(m)[::-1]
    r = ranks[:, cols]
    # within each aggregate: by rank (missing last), then by unit code
    unit_order = np.argsort(np.asarray(units, dtype=str), kind="stable")
    key = np.where(np.isnan(r), np.inf, r)[unit_order]
    order = unit_order[np.argsort(key, axis=0, kind="stable")]  # (n, m)
    flat_cols = np.repeat(cols, n)
    flat_rows = order.T.reshape(-1)
    rank_values = ranks[flat_rows, flat_cols]
    missing = np.isnan(rank_values)
    return pd.DataFrame(
        {
            "uCode": np.asarray(units, dtype=object)[flat_rows],
            "iCode": np.asarray(aggregates, dtype=object)[flat_cols],
            "score": scores[flat_rows, flat_cols],
            "rank": pd.arrays.IntegerArray(
                np.where(missing, 0, rank_values).astype(np.int64), missing
            ),
        }
    )


def read_idata(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a COINr iData CSV (``NA`` and empty cells are missing); see :func:`check_data`."""
    from analysis.files import read_csv

    return read_csv(
        path, required=(UNIT_COLUMN,), what="iData CSV", keep_default_na=False, na_values=["", "NA"]
    )


def load_data(
    path: str | os.PathLike[str],
    framework: Framework,
    sheet: str | int | None = None,
    unit_column: str | None = None,
    year_column: str | None = None,
) -> pd.DataFrame:
    """Data for :func:`build_index` from a file: COINr iData, a wide panel or a long panel.

    A CSV with ``indicator`` and ``value`` columns is a long panel (validated against the
    framework, see :func:`analysis.panel.read_panel`); one with ``unit`` (and ``year``)
    columns, or with the ``unit_column`` named, is a wide panel; otherwise the file is
    COINr iData (``uCode``, ``Time``). Excel files (.xlsx) are read as panels, from
    ``sheet`` (name or 0-based position; default the first).
    """
    from analysis.files import read_table
    from analysis.panel import read_panel, to_idata

    p = Path(path)
    as_panel = {"sheet": sheet, "unit_column": unit_column, "year_column": year_column}
    if p.suffix.lower() in {".xlsx", ".xls"} or unit_column or year_column:
        return to_idata(read_panel(p, framework, **as_panel), framework)
    head = read_table(p, what="data file", nrows=0).columns  # encodings, delimiters, errors
    columns = {str(c).strip() for c in head}
    if {"indicator", "value"} <= columns or ("unit" in columns and UNIT_COLUMN not in columns):
        return to_idata(read_panel(p, framework), framework)
    return read_idata(p)


def run_tables(run: IndexRun) -> dict[str, pd.DataFrame]:
    """The files of a run, name → table: ``scores``, ``weights``, ``data_<Step>`` (wide,
    ``unit, year, codes...``, the years stacked)."""
    tables = {"scores": run.scores, "weights": run.weights}
    steps: dict[str, list[pd.DataFrame]] = {}
    for y, res in run.results.items():
        for name, frame in res.datasets.items():
            wide = frame.reset_index().rename(columns={UNIT_COLUMN: "unit"})
            wide.insert(1, "year", y)
            steps.setdefault(name, []).append(wide)
    for name, frames in steps.items():
        tables[f"data_{name}"] = pd.concat(frames, ignore_index=True)
    return tables


def write_outputs(result: IndexRun | IndexResult, outdir: str | os.PathLike[str]) -> list[Path]:
    """Write ``scores.csv``, ``weights.csv``, ``data_<Step>.csv`` and ``spec.yaml`` to ``outdir``.

    ``outdir`` ending in ``.xlsx`` is one workbook instead, a sheet per table (``spec``
    holds the spec's YAML, one line per row). Otherwise everything is written into a
    temporary folder beside ``outdir`` first; only when every
    file is complete are they moved into ``outdir`` (each move an atomic rename), and the
    ``data_<Step>.csv`` files of an earlier run that this run does not write are removed.
    A run that fails therefore never leaves a new ``scores.csv`` beside older files.
    """
    import shutil
    import tempfile

    from analysis.files import (
        current_umask,
        is_excel,
        output_mode,
        write_csv,
        write_table,
        write_text,
    )

    if isinstance(result, IndexResult):  # one year: as a run of that year
        result = _run_of(result)
    out = Path(outdir)
    if is_excel(out):
        spec_lines = spec_to_yaml(result.spec).splitlines()
        return [write_table({**run_tables(result), "spec": pd.DataFrame({"spec": spec_lines})}, out)]
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    os.chmod(tmp, 0o777 & ~current_umask())  # mkdtemp's 0700 would become the output folder's mode
    try:
        names = []
        for name, table in run_tables(result).items():
            write_csv(table, tmp / f"{name}.csv")
            names.append(f"{name}.csv")
        write_text(tmp / "spec.yaml", spec_to_yaml(result.spec))
        names.append("spec.yaml")
        if not out.exists():
            os.replace(tmp, out)
        else:
            # the writer's rules for every file replaced (a regular file or nothing, not an
            # input of the run, its mode kept), all checked before the first move
            modes = {name: output_mode(out / name) for name in names}
            for stale in out.glob("data_*.csv"):
                if stale.name not in names:
                    stale.unlink()
            for name in names:
                os.chmod(tmp / name, modes[name])
                os.replace(tmp / name, out / name)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return [out / name for name in names]


def _run_of(result: IndexResult) -> IndexRun:
    """A one-year :class:`IndexRun` from an :class:`IndexResult` (for :func:`write_outputs`)."""
    y = result.year
    scores = result.scores.rename(columns={UNIT_COLUMN: "unit"}).assign(year=y)
    fw = result.framework
    w = result.weights.to_numpy() if result.weights is not None else fw.table["weight"].to_numpy()
    eff = engine.effective_weights(fw, w)[: len(fw.indicators)]
    return IndexRun(
        framework=fw,
        spec=result.spec,
        years=[y],
        results={y: result},
        scores=scores[list(SCORE_COLUMNS)],
        weights=pd.DataFrame({"year": y, "iCode": fw.indicators, "weight": eff}),
    )
