"""The composite-index pipeline: data + framework + spec → every step's dataset, scores, ranks.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), the ten-step
checklist (sections 1.3-1.7); COINr's "coin" workflow (``new_coin`` → ``Denominate`` →
``Impute`` → ``Screen`` → ``Treat`` → ``Normalise`` → ``Aggregate``), each step writing
a new named dataset (``Raw``, ``Denominated``, ``Imputed``, ``Screened``, ``Treated``,
``Normalised``, ``Aggregated``) and never overwriting one.

A *spec* is plain data (YAML or a dict), one entry per step, each naming a method of that
step's registry and its parameters::

    name: coinr-default
    denominate: {method: divide}                      # by the framework's 'denominator'
    impute:     {method: group_mean, group: EurAsia_group}
    screen:     {method: by_na, threshold: 0.9}
    treat:      {method: coinr, winmax: 5}
    normalise:  {method: minmax, l: 0, u: 100}
    aggregate:  {method: amean}                       # or a list, one per level
    weights:    {Conn: 2}                             # optional overrides of framework weights
    year:       2020                                  # optional: which Time to index

Steps run in this order; their methods (registries ``METHODS`` of each module; COINr's
names such as ``n_minmax``, ``a_gmean``, ``i_mean_grp``, ``byNA`` are accepted too):

==============  ===============================================================
denominate      divide, none
impute          mean, median, group_mean, group_median (``group: COLUMN``), latest, none
screen          by_na, by_zeros, by_na_and_zeros, none
treat           coinr, winsorise, clip, none
normalise       minmax, zscore, rank, percentile, goalposts, dist2targ, dist2max, sum,
                vector, log, none
aggregate       amean, gmean, hmean, median, copeland (required)
==============  ===============================================================

A step left out (or ``method: none``) is skipped and writes no dataset. Unknown steps,
methods and parameters are errors naming them. Built-in specs live in
``src/analysis/specs/*.yaml`` (``coinr-default`` = COINr's ``build_example_coin()``;
``peers-default`` for panels without denominators or groups).

Data: a wide table in COINr's iData layout (``uCode``, optional ``uName``, group columns,
optional ``Time``, denominator columns, one column per indicator), or a long panel
(:mod:`analysis.panel`). With several ``Time`` values the spec's ``year`` (default: the
latest) is indexed and ``impute: latest`` fills from earlier years.

For sensitivity analysis, :class:`IndexResult` keeps every dataset as an array
(``result.arrays``); re-running later steps is a matter of calling the step functions:
``treat.coinr(result.arrays["Screened"], winmax=w).x`` →
``normalise.normalise(x, fw.direction, "minmax", l=1, u=100)`` →
``aggregate.aggregate_tree(x, fw, "gmean", weights=W)`` with W an (R, n_codes) array of
weight sets → ``aggregate.rank_desc(...)``.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from analysis import aggregate, denominate, impute, normalise, screen, treat
from analysis.config import SPECS_DIR
from analysis.errors import InputError, where
from analysis.framework import Framework
from analysis.panel import check_numeric

STEPS = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")
DATASETS = {
    "raw": "Raw",
    "denominate": "Denominated",
    "impute": "Imputed",
    "screen": "Screened",
    "treat": "Treated",
    "normalise": "Normalised",
    "aggregate": "Aggregated",
}
REGISTRIES: dict[str, dict[str, Callable[..., Any]]] = {
    "denominate": denominate.METHODS,
    "impute": impute.METHODS,
    "screen": screen.METHODS,
    "treat": treat.METHODS,
    "normalise": normalise.METHODS,
    "aggregate": aggregate.METHODS,
}
ALIASES: dict[str, dict[str, str]] = {
    "normalise": normalise.ALIASES,
    "aggregate": aggregate.ALIASES,
    "screen": {"byNA": "by_na", "byzeros": "by_zeros", "byNAandzeros": "by_na_and_zeros"},
    "impute": {
        "i_mean": "mean",
        "i_median": "median",
        "i_mean_grp": "group_mean",
        "i_median_grp": "group_median",
    },
}
# parameters the pipeline supplies from the data or framework, never from the spec
_SUPPLIED = {"x", "d", "direction", "groups", "stack", "g"}
# spec parameters the pipeline consumes itself
_PIPELINE_PARAMS = {"impute": {"group"}}
SPEC_KEYS = {"name", "description", "weights", "year", *STEPS}
UNIT_COLUMN = "uCode"


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
    """

    framework: Framework
    spec: dict[str, Any]
    datasets: dict[str, pd.DataFrame]
    arrays: dict[str, np.ndarray]
    units: dict[str, list[str]]
    scores: pd.DataFrame
    treat_details: pd.DataFrame
    treat_points: np.ndarray | None

    def ranks(self) -> pd.DataFrame:
        """Ranks of every aggregate, wide: index ``uCode``, one column per aggregate."""
        return self.scores.pivot(index="uCode", columns="iCode", values="rank")[
            self.framework.aggregates
        ]

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


# ---------------------------------------------------------------------------- specs


def builtin_specs() -> list[str]:
    return sorted(p.stem for p in SPECS_DIR.glob("*.yaml"))


def load_spec(spec: str | os.PathLike[str] | Mapping[str, Any]) -> dict[str, Any]:
    """A spec from a mapping, a YAML path or a built-in name; validated (see :func:`resolve_spec`)."""
    if isinstance(spec, Mapping):
        return resolve_spec(spec)
    p = Path(spec)
    if not (p.suffix.lower() in {".yaml", ".yml"} and p.exists()):
        p = SPECS_DIR / f"{spec}.yaml"
        if not p.exists():
            raise InputError(
                f"spec {str(spec)!r}: neither a YAML file nor a built-in spec ({', '.join(builtin_specs())})"
            )
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"{p}: not valid YAML: {exc}".splitlines()[0]) from exc
    if not isinstance(doc, Mapping):
        raise InputError(f"{p}: a spec is a mapping of steps")
    return resolve_spec(doc, source=str(p))


@functools.cache
def _signature_params(fn: Callable[..., Any]) -> dict[str, Any]:
    """Spec-settable parameters of a step function and their defaults (None: required)."""
    out = {}
    for name, par in inspect.signature(fn).parameters.items():
        if name in _SUPPLIED or par.kind in (par.VAR_POSITIONAL, par.VAR_KEYWORD):
            continue
        out[name] = None if par.default is inspect.Parameter.empty else par.default
    return out


def resolve_spec(spec: Mapping[str, Any], source: str = "spec") -> dict[str, Any]:
    """Check a spec and fill in every parameter's default, so that it records the run.

    Each step becomes ``{"method": name, **params}``; a plain string is a method name.
    """
    unknown = sorted(set(spec) - SPEC_KEYS)
    if unknown:
        raise InputError(f"{source}: unknown key(s) {unknown}; a spec has {sorted(SPEC_KEYS)}")
    out: dict[str, Any] = {k: spec[k] for k in ("name", "description", "year") if k in spec}
    for step in STEPS:
        raw = spec.get(step)
        if raw is None:
            continue
        entry = {"method": raw} if isinstance(raw, str | list) else dict(raw)
        method = entry.pop("method", None)
        if method is None:
            raise InputError(f"{source}: step {step!r} has no 'method'")
        names = method if isinstance(method, list) else [method]
        if isinstance(method, list) and step != "aggregate":
            raise InputError(f"{source}: step {step!r}: only 'aggregate' takes a list of methods")
        allowed: dict[str, Any] = {}
        resolved = []
        for name in names:
            key = ALIASES.get(step, {}).get(name, name)
            if key not in REGISTRIES[step]:
                raise InputError(
                    f"{source}: step {step!r}: unknown method {name!r}; choose from {sorted(REGISTRIES[step])}"
                )
            resolved.append(key)
            allowed.update(dict(_signature_params(REGISTRIES[step][key])))
        allowed.update(dict.fromkeys(_PIPELINE_PARAMS.get(step, ())))
        bad = sorted(set(entry) - set(allowed))
        if bad:
            raise InputError(
                f"{source}: step {step!r} ({method}): unknown parameter(s) {bad}; it takes {sorted(allowed)}"
            )
        if len(resolved) == 1 and resolved[0] in impute.GROUPED and "group" not in entry:
            raise InputError(
                f"{source}: step 'impute' ({resolved[0]}) needs 'group': the column of unit groups"
            )
        full = {k: v for k, v in allowed.items() if v is not None or k in entry}
        full.update(entry)
        out[step] = {"method": resolved if isinstance(method, list) else resolved[0], **full}
    if "weights" in spec:
        w = spec["weights"]
        if not isinstance(w, Mapping):
            raise InputError(f"{source}: 'weights' must map codes to numbers")
        try:
            out["weights"] = {str(k): float(v) for k, v in w.items()}
        except (TypeError, ValueError):
            raise InputError(f"{source}: 'weights' must map codes to numbers") from None
    return out


def spec_to_yaml(spec: Mapping[str, Any]) -> str:
    """The spec as YAML text (the ``spec.yaml`` written next to the outputs)."""
    return yaml.safe_dump(dict(spec), allow_unicode=True, sort_keys=False)


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


def _select_year(
    data: pd.DataFrame, columns: list[str], spec: dict[str, Any]
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """Rows of the indexed year, and (for impute: latest) the (T, n, columns) history stack."""
    if "Time" not in data.columns or data["Time"].nunique() <= 1:
        return data, None
    years = sorted(data["Time"].dropna().unique())
    year = spec.get("year", years[-1])
    if year not in years:
        raise InputError(f"spec: year {year!r} not in the data's Time values {years}")
    spec["year"] = int(year) if isinstance(year, int | np.integer) else year
    current = data.loc[data["Time"] == year].reset_index(drop=True)
    earlier = [y for y in years if y <= year]
    units = current[UNIT_COLUMN].tolist()
    stack = np.full((len(earlier), len(units), len(columns)), np.nan)
    for t, y in enumerate(earlier):
        rows = data.loc[data["Time"] == y].set_index(UNIT_COLUMN).reindex(units)
        stack[t] = _numeric(rows, columns)
    return current, stack


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


def _call(
    step: str,
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    params: dict[str, Any],
    codes: list[str],
) -> Any:
    try:
        return fn(*args, **params)
    except InputError as err:
        col = getattr(err, "column", None)
        if col is None:
            raise
        raise InputError(f"{step}: indicator {codes[col]!r}: {err.detail}") from None  # type: ignore[attr-defined]
    except (ValueError, TypeError) as err:
        raise InputError(f"{step}: {err}") from None


def _params(entry: dict[str, Any], drop: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return {k: v for k, v in entry.items() if k != "method" and k not in drop}


def _per_indicator(value: Any, fw: Framework, what: str) -> Any:
    if isinstance(value, Mapping):
        missing = [c for c in fw.indicators if c not in value]
        if missing:
            raise InputError(f"spec: normalise {what}: no value for indicator(s) {missing}")
        return np.array([float(value[c]) for c in fw.indicators])
    return value


def build_index(
    data: pd.DataFrame,
    framework: Framework,
    spec: str | os.PathLike[str] | Mapping[str, Any] = "coinr-default",
    source: str | None = None,
) -> IndexResult:
    """Run the pipeline of ``spec`` on ``data`` with ``framework``.

    ``data`` is a wide table in COINr's iData layout, or a long panel (``unit, year,
    indicator, value``, see :mod:`analysis.panel`), which is validated and widened first.
    Returns an :class:`IndexResult` with every step's dataset, the scores and ranks of
    every aggregate, and the spec as run. Raises :class:`InputError` on bad input.
    """
    spec = load_spec(spec)
    if {"unit", "indicator", "value"} <= set(data.columns) and UNIT_COLUMN not in data.columns:
        from analysis.panel import to_idata, validate_panel

        data = to_idata(validate_panel(data, framework, source), framework)
    if "weights" in spec:
        framework = framework.with_weights(spec["weights"])
    fw = framework
    several_years = "Time" in data.columns and data["Time"].nunique() > 1
    check_data(data, fw, source, numbers=several_years)
    codes = fw.indicators
    p = len(codes)
    denominating = "denominate" in spec and spec["denominate"]["method"] != "none"
    denoms = fw.table["denominator"].iloc[:p].tolist() if denominating else []
    used = sorted({name for name in denoms if name is not None})
    absent = [name for name in used if name not in data.columns]
    if absent:
        raise InputError(f"{where(source)}denominator column(s) {absent} not in the data")
    if several_years:
        check_numeric(data, used, source)
    data, stack = _select_year(data, codes + used, spec)
    units = np.asarray(data[UNIT_COLUMN].astype(str).to_numpy())
    block = _numeric(data, codes + used, source)
    x = block[:, :p]
    arrays: dict[str, np.ndarray] = {"Raw": x}
    unit_lists: dict[str, np.ndarray] = {"Raw": units}

    def denominated(b: np.ndarray) -> np.ndarray:
        entry = spec["denominate"]
        d = _denominators(b, p, denoms, used)
        return _call(
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
            x = _call(
                "impute",
                impute.METHODS[method],
                (x, data[group].to_numpy()),
                _params(entry, {"group"}),
                codes,
            )
        else:
            x = _call("impute", impute.METHODS[method], (x,), _params(entry, {"group"}), codes)
        arrays["Imputed"], unit_lists["Imputed"] = x, units

    if "screen" in spec and spec["screen"]["method"] != "none":
        entry = spec["screen"]
        keep = _call("screen", screen.METHODS[entry["method"]], (x,), _params(entry), codes)
        if not keep.any():
            raise InputError(f"screen ({entry['method']}): no unit passes; lower the threshold")
        if not keep.all():
            x, units = x[keep], units[keep]
        arrays["Screened"], unit_lists["Screened"] = x, units

    details = pd.DataFrame(index=pd.Index(codes, name="iCode"))
    points = None
    if "treat" in spec and spec["treat"]["method"] != "none":
        entry = spec["treat"]
        res = _call("treat", treat.METHODS[entry["method"]], (x,), _params(entry), codes)
        x, points = res.x, res.points
        if res.info:
            details = pd.DataFrame(res.info, index=pd.Index(codes, name="iCode"))
        arrays["Treated"], unit_lists["Treated"] = x, units

    if "normalise" in spec and spec["normalise"]["method"] != "none":
        entry = spec["normalise"]
        params = _params(entry)
        if entry["method"] == "dist2targ" and params.get("target") is None:
            params["target"] = fw.table.loc[fw.table["type"] == "indicator", "target"].to_numpy(
                np.float64
            )
        for key in ("lower", "upper", "target"):
            if key in params:
                params[key] = _per_indicator(params[key], fw, key)
        x = _call("normalise", normalise.METHODS[entry["method"]], (x, fw.direction), params, codes)
        arrays["Normalised"], unit_lists["Normalised"] = x, units

    aggregates = fw.aggregates
    scores = np.full((len(units), len(aggregates)), np.nan)
    if "aggregate" in spec:
        entry = spec["aggregate"]
        scores = aggregate.aggregate_tree(x, fw, entry["method"], **_params(entry))
        arrays["Aggregated"], unit_lists["Aggregated"] = np.concatenate([x, scores], axis=1), units
    else:
        raise InputError("spec: no 'aggregate' step; an index needs one")

    ranks = aggregate.rank_desc(scores, axis=0)
    datasets = {}
    columns = fw.indicator_index
    all_columns = fw.dataset_index
    row_index = {
        id(u): pd.Index(u, name=UNIT_COLUMN)
        for u in {id(u): u for u in unit_lists.values()}.values()
    }
    for name, arr in arrays.items():
        cols = all_columns if name == "Aggregated" else columns
        arr.setflags(write=False)  # results are read-only; the DataFrames hold copies
        datasets[name] = pd.DataFrame(arr, index=row_index[id(unit_lists[name])], columns=cols)
    return IndexResult(
        framework=fw,
        spec=spec,
        datasets=datasets,
        arrays=arrays,
        units={k: v.tolist() for k, v in unit_lists.items()},
        scores=scores_table(units, aggregates, scores, ranks),
        treat_details=details,
        treat_points=points,
    )


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


def load_data(path: str | os.PathLike[str], framework: Framework) -> pd.DataFrame:
    """Data for :func:`build_index` from a file: COINr iData, a wide panel or a long panel.

    A CSV with ``indicator`` and ``value`` columns is a long panel (validated against the
    framework, see :func:`analysis.panel.read_panel`); one with ``unit`` (and ``year``)
    columns is a wide panel; otherwise the file is COINr iData (``uCode``, ``Time``).
    Excel files (.xlsx) are read as panels.
    """
    from analysis.panel import read_panel, to_idata

    p = Path(path)
    if p.suffix.lower() in {".xlsx", ".xls"}:
        return to_idata(read_panel(p, framework), framework)
    head = pd.read_csv(p, nrows=0, encoding="utf-8-sig").columns if p.is_file() else []
    columns = {str(c).strip() for c in head}
    if {"indicator", "value"} <= columns or ("unit" in columns and UNIT_COLUMN not in columns):
        return to_idata(read_panel(p, framework), framework)
    return read_idata(p)


def write_outputs(result: IndexResult, outdir: str | os.PathLike[str]) -> list[Path]:
    """Write ``scores.csv``, ``data_<Step>.csv`` (wide, uCode × iCode) and ``spec.yaml``."""
    from analysis.files import write_csv, write_text

    out = Path(outdir)
    written = [write_csv(result.scores, out / "scores.csv")]
    for name, frame in result.datasets.items():
        written.append(write_csv(frame.reset_index(), out / f"data_{name}.csv"))
    written.append(write_text(out / "spec.yaml", spec_to_yaml(result.spec)))
    return written
