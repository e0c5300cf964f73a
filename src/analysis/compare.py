"""Comparing rankings: rank shifts and rank agreement against a nominal method.

Input is a tidy scores table ``method, unit, score`` (plus optional grouping columns such
as ``year``). Ranks are computed from the scores: rank 1 = the highest score, tied units
share the lowest (best) rank of their tie, i.e. ``rank(-score, ties.method = "min")``;
a missing score gives no rank. Methods named in ``lower_is_better`` (command line:
``--lower-is-better METHOD ...``) score better when lower, e.g. VIKOR's Q: for them rank 1
= the lowest score, ``rank(score, ties.method = "min")``.

Every method is compared with the nominal one, within each group, **on the units both of
them rank** (a unit missing from either ranking, or with a missing score, is left out of
that pair, and both rankings are recomputed on the common units so that a missing unit
does not shift everyone below it). ``n`` in the agreement table says how many units were
compared. The nominal method is itself a row (shifts 0, correlations 1), so that tables
and plots have a reference line.

Definitions of the columns of :func:`compare_rankings`'s agreement table, one row per
``[by,] method``:

``n``
    units compared (ranked by both the method and the nominal method).
``spearman``
    Spearman's rho with the tie correction: Pearson's correlation of the two rankings with
    ties given their average rank (``scipy.stats.spearmanr``, R's
    ``cor(method = "spearman")``). Without ties it is ``1 - 6 sum(d^2) / (n (n^2 - 1))``.
``kendall``
    Kendall's tau-b, which corrects for ties in either ranking (``scipy.stats.kendalltau``,
    R's ``cor(method = "kendall")``); tau-a when there are no ties.
``mean_abs_shift``
    mean over units of ``|shift|``, ``shift = rank - nominal_rank`` (a positive shift is a
    move down the ranking). JRC audits' "mean absolute rank shift".
``share_equal_pct``
    percentage of units whose rank is unchanged (``shift == 0``).
``min_shift, q1_shift, median_shift, q3_shift, max_shift``
    distribution of the signed shift; quartiles by linear interpolation (numpy's default,
    R's ``quantile`` type 7).
``mean_abs_shift_top, mean_abs_shift_bottom, share_equal_top_pct, share_equal_bottom_pct``
    the same two statistics over the top and bottom K units of the **nominal** ranking.
    Top K = units with nominal rank <= K (fewer than K units ranked strictly above them);
    bottom K = units with fewer than K units ranked strictly below them. A tie across the
    boundary is kept whole, so a set can exceed K units; when n <= K both sets are all
    units.
``top_overlap``
    number of units in the top K of both rankings (rank <= K and nominal rank <= K): K
    means the same top-K set (in any order), 0 none in common. Counted, not a share.

Correlations are NaN when fewer than 2 units are compared or a ranking is all ties.

:func:`compare_methods` produces such scores itself: it builds the index once per method
combination (weights x normalisation x aggregation, e.g. the built-in spec
``compare-default``) on the same treated data and returns a :class:`MethodComparison`
with the weights, scores and ranks of every aggregate, and the shifts, agreement and
movers of the Index against the nominal combination.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from scipy import stats

from analysis import aggregate as aggregate_mod
from analysis import ahp as ahp_mod
from analysis import index as index_mod
from analysis import normalise as normalise_mod
from analysis import rank as rank_mod
from analysis import ranking
from analysis import weights as weights_mod
from analysis.config import SPECS_DIR
from analysis.errors import InputError
from analysis.files import read_csv
from analysis.framework import Framework

SCORE_COLUMNS = ("method", "unit", "score")
SHIFT_COLUMNS = ("method", "unit", "rank", "nominal_rank", "shift")
AGREEMENT_COLUMNS = (
    "method",
    "n",
    "spearman",
    "kendall",
    "mean_abs_shift",
    "share_equal_pct",
    "min_shift",
    "q1_shift",
    "median_shift",
    "q3_shift",
    "max_shift",
    "mean_abs_shift_top",
    "mean_abs_shift_bottom",
    "share_equal_top_pct",
    "share_equal_bottom_pct",
    "top_overlap",
)
WEIGHT_COLUMNS = ("method", "indicator", "weight")
MOVER_COLUMNS = (
    "method",
    "unit",
    "rank",
    "nominal_rank",
    "shift",
    "indicator",
    "nominal_weight",
    "weight",
    "weight_change",
)


def _by_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _check_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{what}: missing column(s) {', '.join(map(repr, missing))}; "
            f"found {', '.join(map(repr, frame.columns))}"
        )


def _check_scores(scores: pd.DataFrame, by: list[str], what: str = "scores") -> pd.DataFrame:
    """Validate a tidy scores table; return it with a float64 ``score`` column."""
    clash = [c for c in by if c in (*SCORE_COLUMNS, *SHIFT_COLUMNS, "file", "row")]
    if clash:
        raise InputError(f"--by {clash[0]!r}: that name is taken by an output column")
    _check_columns(scores, [*by, *SCORE_COLUMNS], what)
    out = scores.copy()
    numeric = pd.to_numeric(out["score"], errors="coerce")
    bad = numeric.isna() & out["score"].notna()
    if bad.any():
        first = out.loc[bad].iloc[0]
        raise InputError(
            f"{_origin(first, what)}column 'score': {first['score']!r} is not a number"
            f" (unit {first['unit']!r})"
        )
    out["score"] = numeric.astype(np.float64)
    for column in ("method", "unit", *by):
        if out[column].isna().any():
            first = out.loc[out[column].isna()].iloc[0]
            raise InputError(f"{_origin(first, what)}column {column!r} is empty")
    duplicated = out.duplicated([*by, "method", "unit"], keep=False)
    if duplicated.any():
        first = out.loc[duplicated].iloc[0]
        where = "".join(f", {c}={first[c]!r}" for c in by)
        files = ""
        if "file" in out.columns:
            names = out.loc[duplicated & (out["unit"] == first["unit"]), "file"].unique()
            files = f" (in {', '.join(map(str, names))})"
        raise InputError(
            f"{what}: column 'unit': unit {first['unit']!r} appears more than once for method "
            f"{first['method']!r}{where}{files}"
        )
    return out


def _origin(row: pd.Series, what: str) -> str:
    if "file" in row.index and "row" in row.index:
        return f"{row['file']}, row {row['row']}, "
    return f"{what}: "


def _oriented(frame: pd.DataFrame, lower_is_better: Iterable[str]) -> pd.Series:
    """Scores turned so that higher is better: negated for the ``lower_is_better`` methods.

    Each name must be a method of ``frame``; an unknown one is an :class:`InputError`.
    """
    lower = list(dict.fromkeys(lower_is_better or ()))
    if not lower:
        return frame["score"]
    methods = list(pd.unique(frame["method"]))
    unknown = [m for m in lower if m not in methods]
    if unknown:
        raise InputError(
            f"--lower-is-better {unknown[0]!r}: no such method; methods found: "
            + ", ".join(map(repr, methods))
        )
    return frame["score"].where(~frame["method"].isin(lower), -frame["score"])


def ranks_from_scores(
    scores: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    lower_is_better: Iterable[str] = (),
) -> pd.DataFrame:
    """Add a ``rank`` column: 1 = highest score within each ``[by,] method``, ties 'min'.

    ``rank(-score, ties.method = "min")`` as in R/COINr: tied units share the best rank of
    their tie and the next unit skips (1, 2, 2, 4). For methods in ``lower_is_better``
    rank 1 is the lowest score. A missing score gets no rank (NaN; the column is float64
    so that it can hold NaN).
    """
    from analysis.ranking import rank_within

    keys = _by_list(by)
    frame = _check_scores(scores, keys)
    _oriented(frame, lower_is_better)  # checks the method names
    lower = frame["method"].isin(list(lower_is_better or ())).to_numpy()
    groups = frame.groupby([frame[k] for k in [*keys, "method"]], sort=False, dropna=False).ngroup()
    frame["rank"] = rank_within(frame["score"].to_numpy(np.float64), groups.to_numpy(), lower)
    return frame


def compare_rankings(
    scores: pd.DataFrame,
    nominal: str,
    by: str | Sequence[str] | None = None,
    top: int = 10,
    lower_is_better: Iterable[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank shifts and rank agreement of every method against the ``nominal`` one.

    ``scores`` is tidy: ``method, unit, score`` plus the ``by`` column(s). Methods named in
    ``lower_is_better`` (e.g. VIKOR, whose Q is best when lowest) are ranked with rank 1 =
    the lowest score; everything else is unchanged. Returns ``(shifts, agreement)``:

    - shifts: ``[by,] method, unit, rank, nominal_rank, shift`` with
      ``shift = rank - nominal_rank``, both ranks computed on the units the two methods
      have in common (see the module docstring), sorted by group, method (nominal first,
      then in order of appearance), nominal rank and unit;
    - agreement: one row per ``[by,] method`` with ``n, spearman, kendall,
      mean_abs_shift, share_equal_pct, min_shift, q1_shift, median_shift, q3_shift,
      max_shift, mean_abs_shift_top, mean_abs_shift_bottom, share_equal_top_pct,
      share_equal_bottom_pct, top_overlap`` (defined in the module docstring), K = ``top``.

    Errors (:class:`InputError`): a missing column, a score that is not a number, a unit
    listed twice for one method (and group), an unknown nominal method, a group in which
    the nominal method has no scores, ``top < 1``, an unknown ``lower_is_better`` method.
    """
    keys = _by_list(by)
    frame = _check_scores(scores, keys)
    frame["score"] = _oriented(frame, lower_is_better)
    if top < 1:
        raise InputError(f"--top {top}: K must be at least 1")
    methods = list(pd.unique(frame["method"]))
    if nominal not in methods:
        raise InputError(
            f"--nominal {nominal!r}: no such method; methods found: "
            + ", ".join(map(repr, methods))
        )
    order = [nominal] + [m for m in methods if m != nominal]

    nominal_scores = frame.loc[frame["method"] == nominal, [*keys, "unit", "score"]]
    if keys:
        have = set(map(tuple, nominal_scores[keys].drop_duplicates().to_numpy().tolist()))
        groups = frame[keys].drop_duplicates()
        for values in groups.to_numpy().tolist():
            if tuple(values) not in have:
                where = ", ".join(f"{k}={v!r}" for k, v in zip(keys, values, strict=True))
                raise InputError(f"--nominal {nominal!r}: no scores for {where}")

    pairs = frame[[*keys, "method", "unit", "score"]].merge(
        nominal_scores.rename(columns={"score": "nominal_score"}), on=[*keys, "unit"], how="inner"
    )
    pairs = pairs.dropna(subset=["score", "nominal_score"])
    grouped = pairs.groupby([*keys, "method"], sort=False)
    pairs["rank"] = grouped["score"].rank(method="min", ascending=False).astype(np.int64)
    pairs["nominal_rank"] = (
        grouped["nominal_score"].rank(method="min", ascending=False).astype(np.int64)
    )
    # bottom K of the nominal ranking: fewer than K units strictly below
    pairs["_from_bottom"] = grouped["nominal_score"].rank(method="min", ascending=True)
    pairs["shift"] = pairs["rank"] - pairs["nominal_rank"]
    pairs["_order"] = pairs["method"].map({m: i for i, m in enumerate(order)})
    pairs = pairs.sort_values([*keys, "_order", "nominal_rank", "unit"], kind="stable")

    shifts = pairs[[*keys, *SHIFT_COLUMNS]].reset_index(drop=True)
    agreement = _agreement(pairs, keys, top)
    # a method with no unit in common with the nominal one still gets its row (n = 0)
    expected = frame[[*keys, "method"]].drop_duplicates()
    expected["_order"] = expected["method"].map({m: i for i, m in enumerate(order)})
    agreement = expected.merge(agreement, on=[*keys, "method"], how="left")
    agreement["n"] = agreement["n"].fillna(0).astype(np.int64)
    agreement["top_overlap"] = agreement["top_overlap"].fillna(0).astype(np.int64)
    agreement = agreement.sort_values([*keys, "_order"], kind="stable")
    return shifts, agreement[[*keys, *AGREEMENT_COLUMNS]].reset_index(drop=True)


def _agreement(pairs: pd.DataFrame, keys: list[str], top: int) -> pd.DataFrame:
    """One agreement row per ``[by,] method`` (loops over groups, never over units)."""
    rows = []
    for group, part in pairs.groupby([*keys, "method"], sort=False):
        rows.append((*group, *agreement_stats(part, top)))
    columns = [*keys, *AGREEMENT_COLUMNS]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows, columns=columns)


def agreement_stats(pair: pd.DataFrame, top: int = 10) -> tuple:
    """The agreement statistics of one method against the nominal one.

    ``pair`` has columns ``rank, nominal_rank, shift`` (and ``_from_bottom``, the nominal
    rank counted from the bottom with ties 'min'; recomputed when absent) for the common
    units. Returns the values of ``AGREEMENT_COLUMNS[1:]`` in order.
    """
    rank = pair["rank"].to_numpy(np.float64)
    nominal_rank = pair["nominal_rank"].to_numpy(np.float64)
    shift = rank - nominal_rank
    n = shift.size
    if "_from_bottom" in pair.columns:
        from_bottom = pair["_from_bottom"].to_numpy(np.float64)
    else:
        from_bottom = stats.rankdata(-nominal_rank, method="min")
    spearman, kendall = _correlations(rank, nominal_rank)
    is_top = nominal_rank <= top
    is_bottom = from_bottom <= top
    q = np.quantile(shift, [0.0, 0.25, 0.5, 0.75, 1.0]) if n else np.full(5, np.nan)
    return (
        n,
        spearman,
        kendall,
        _mean(np.abs(shift)),
        _pct(shift == 0),
        *q,
        _mean(np.abs(shift[is_top])),
        _mean(np.abs(shift[is_bottom])),
        _pct(shift[is_top] == 0),
        _pct(shift[is_bottom] == 0),
        int(np.sum(is_top & (rank <= top))),
    )


def _correlations(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Spearman's rho (average ranks for ties) and Kendall's tau-b; NaN when undefined."""
    if a.size < 2 or np.all(a == a[0]) or np.all(b == b[0]):
        return np.nan, np.nan
    return float(stats.spearmanr(a, b).statistic), float(stats.kendalltau(a, b).statistic)


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if values.size else np.nan


def _pct(flags: np.ndarray) -> float:
    return float(100.0 * flags.mean()) if flags.size else np.nan


def agreement_matrix(
    ranks: pd.DataFrame, method: str = "spearman", lower_is_better: Iterable[str] = ()
) -> pd.DataFrame:
    """Pairwise rank correlation between methods: a methods x methods DataFrame.

    ``ranks`` is tidy ``method, unit, rank`` (or ``score``: ranks are then computed, as in
    :func:`ranks_from_scores`, with ``lower_is_better``). Each pair is compared on the units both rank (pandas'
    pairwise-complete ``corr``); ``method`` is ``"spearman"`` (average ranks for ties) or
    ``"kendall"`` (tau-b). Methods keep their order of appearance.
    """
    if "rank" not in ranks.columns:
        ranks = ranks_from_scores(ranks, lower_is_better=lower_is_better)
    _check_columns(ranks, ["method", "unit", "rank"], "ranks")
    order = list(pd.unique(ranks["method"]))
    wide = ranks.pivot(index="unit", columns="method", values="rank")[order].astype(np.float64)
    matrix = wide.corr(method=method)
    matrix.index.name = None
    matrix.columns.name = None
    return matrix


def weights_table(
    weights: Mapping[str, Mapping[str, float] | pd.Series] | pd.DataFrame,
    normalise: bool = True,
) -> pd.DataFrame:
    """A tidy ``method, indicator, weight`` table from weights in any common shape.

    Accepts a tidy table with those columns, a wide table (indicators as rows, methods as
    columns), or a mapping method -> {indicator: weight}. With ``normalise`` each method's
    weights are divided by their sum, so that methods compare on the same scale (the
    weighted arithmetic mean is unchanged by this). Indicator order is kept.
    """
    if isinstance(weights, pd.DataFrame) and set(WEIGHT_COLUMNS) <= set(weights.columns):
        tidy = weights[list(WEIGHT_COLUMNS)].copy()
    elif isinstance(weights, pd.DataFrame):
        wide = weights.copy()
        wide.index.name = "indicator"
        tidy = wide.reset_index().melt(id_vars="indicator", var_name="method", value_name="weight")
        tidy = tidy[list(WEIGHT_COLUMNS)]
    else:
        tidy = pd.DataFrame(
            [
                (method, indicator, weight)
                for method, values in weights.items()
                for indicator, weight in dict(values).items()
            ],
            columns=list(WEIGHT_COLUMNS),
        )
    tidy["weight"] = pd.to_numeric(tidy["weight"], errors="raise").astype(np.float64)
    if normalise:
        total = tidy.groupby("method", sort=False)["weight"].transform("sum")
        if (total == 0).any():
            bad = tidy.loc[total == 0, "method"].iloc[0]
            raise InputError(f"weights: the weights of method {bad!r} sum to 0")
        tidy["weight"] = tidy["weight"] / total
    return tidy.reset_index(drop=True)


def movers(
    shifts: pd.DataFrame,
    weights: pd.DataFrame,
    n: int = 5,
    n_indicators: int = 3,
    nominal: str | None = None,
) -> pd.DataFrame:
    """The units that move most under each method, and the weight changes behind them.

    For every ``[by,] method`` other than the nominal one, the ``n`` units with the largest
    ``|shift|`` (ties: larger shift first, then unit), each repeated with the
    ``n_indicators`` indicators whose weight changed most between the nominal method and
    this one (``weight_change = weight - nominal_weight``, on weights normalised to sum 1
    per method, largest ``|change|`` first). Returns a tidy table ``[by,] method, unit,
    rank, nominal_rank, shift, indicator, nominal_weight, weight, weight_change``. A
    method without weights (e.g. another aggregation with the same weights) gets one row
    per unit with the indicator columns empty.

    ``nominal`` defaults to the method whose shifts are all 0 and whose rank equals its
    nominal rank (the nominal row of :func:`compare_rankings`).
    """
    _check_columns(shifts, SHIFT_COLUMNS, "shifts")
    keys = [c for c in shifts.columns if c not in SHIFT_COLUMNS]
    tidy = weights_table(weights)
    if nominal is None:
        still = shifts.groupby("method", sort=False)["shift"].apply(lambda s: bool((s == 0).all()))
        candidates = list(still[still].index)
        if not candidates:
            raise InputError("movers: cannot tell the nominal method; pass nominal=")
        nominal = candidates[0]
    base = tidy.loc[tidy["method"] == nominal, ["indicator", "weight"]].rename(
        columns={"weight": "nominal_weight"}
    )
    if base.empty:
        raise InputError(f"movers: no weights for the nominal method {nominal!r}")
    change = tidy.loc[tidy["method"] != nominal].merge(base, on="indicator", how="outer")
    change["method"] = change["method"].fillna("")
    change["weight"] = change["weight"].fillna(0.0)
    change["nominal_weight"] = change["nominal_weight"].fillna(0.0)
    change["weight_change"] = change["weight"] - change["nominal_weight"]
    change["_size"] = change["weight_change"].abs()
    change = (
        change.sort_values(["method", "_size"], ascending=[True, False], kind="stable")
        .groupby("method", sort=False)
        .head(n_indicators)
    )

    moved = shifts.loc[shifts["method"] != nominal].copy()
    moved["_size"] = moved["shift"].abs()
    moved = (
        moved.sort_values(
            [*keys, "method", "_size", "shift", "unit"],
            ascending=[*[True] * len(keys), True, False, False, True],
            kind="stable",
        )
        .groupby([*keys, "method"], sort=False)
        .head(n)
    )
    moved["_unit_order"] = np.arange(len(moved))
    out = moved.drop(columns="_size").merge(
        change[["method", "indicator", "nominal_weight", "weight", "weight_change", "_size"]],
        on="method",
        how="left",
    )
    out = out.sort_values(["_unit_order", "_size"], ascending=[True, False], kind="stable")
    return out[[*keys, *MOVER_COLUMNS]].reset_index(drop=True)


def read_scores(
    paths: Sequence[str | os.PathLike[str]], by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """Read SCORES.csv files into one tidy table ``[by,] method, unit, score, file, row``.

    Each file needs ``unit`` and ``score`` (and the ``by`` columns); its ``method`` column
    names the method, else the file's stem does. Units are read as text (codes such as
    ``010000`` keep their zeros). ``file`` and ``row`` (1-based data row) let errors name
    the place.
    """
    keys = _by_list(by)
    frames = []
    for path in paths:
        frame = read_csv(
            path,
            required=[*keys, "unit", "score"],
            what="scores file",
            dtype={"unit": str, "method": str},
        )
        if "method" not in frame.columns:
            frame["method"] = Path(path).stem
        elif frame["method"].isna().any():
            row = int(np.flatnonzero(frame["method"].isna().to_numpy())[0]) + 1
            raise InputError(f"{path}, row {row}, column 'method': empty method name")
        frame["file"] = str(path)
        frame["row"] = np.arange(1, len(frame) + 1)
        frames.append(frame[[*keys, "method", "unit", "score", "file", "row"]])
    if not frames:
        raise InputError("no scores file given")
    combined = pd.concat(frames, ignore_index=True)
    return _check_scores(combined, keys, what="scores files")


# ---------------------------------------------------------------------------------------
# comparing method combinations: weights x normalisation x aggregation on one panel
# ---------------------------------------------------------------------------------------

COMBINATION_COLUMNS = ("method", "weights", "normalisation", "aggregation")
LEVEL_WEIGHT_COLUMNS = ("method", "code", "level", "weight")
METHOD_SCORE_COLUMNS = ("method", "unit", "iCode", "score", "rank")
COMBINATION_KEYS = frozenset({"name", "weights", "normalisation", "aggregation"})
#: TOPSIS normalises its input itself (Hwang & Yoon 1981: vector; or min-max)
TOPSIS_NORMALISATIONS = ("vector", "minmax")


@dataclass(frozen=True, eq=False)
class MethodComparison:
    """What :func:`compare_methods` produced: tidy tables, one row per method and item.

    Attributes
    ----------
    combinations : ``method, weights, normalisation, aggregation`` (one row per
        combination, nominal first; the last three as text, e.g. ``minmax(l=1, u=100)``)
    weights : ``method, code, level, weight``: every framework code but the top one, its
        level and its weight **within its group** (siblings sum to 1)
    scores : ``method, unit, iCode, score, rank`` for every aggregate, the Index included
        (rank 1 = highest score, ties take the lowest rank)
    shifts, agreement : :func:`compare_rankings` of the Index scores against ``nominal``
    movers : :func:`movers`: the units that move most under each method and the
        indicators whose effective weight (share in the Index) changed most
    effective_weights : ``method, indicator, weight``: each indicator's share in the Index,
        the product of the within-group weights down the tree (COINr's effective weights)
    nominal : the nominal method's name; ``year`` : the data year indexed; ``top`` : the
        code of the Index
    """

    combinations: pd.DataFrame
    weights: pd.DataFrame
    scores: pd.DataFrame
    shifts: pd.DataFrame
    agreement: pd.DataFrame
    movers: pd.DataFrame
    effective_weights: pd.DataFrame
    nominal: str
    year: Any
    top: str

    def ranks(self, code: str | None = None) -> pd.DataFrame:
        """Tidy ``method, unit, score, rank`` of one aggregate (default: the Index)."""
        code = self.top if code is None else code
        part = self.scores.loc[self.scores["iCode"] == code, ["method", "unit", "score", "rank"]]
        if part.empty:
            raise InputError(f"no aggregate {code!r}; aggregates: {sorted(self.scores['iCode'].unique())}")
        return part.reset_index(drop=True)


def _step(value: Any, what: str, name: str) -> dict[str, Any]:
    """A method choice as ``{"method": ..., **options}`` from a name or a mapping."""
    if isinstance(value, str):
        return {"method": value}
    if isinstance(value, Mapping) and isinstance(value.get("method"), str):
        return dict(value)
    raise InputError(f"combination {name!r}: {what} must be a method name or {{method: ..., options}}")


def _label(entry: Mapping[str, Any]) -> str:
    options = ", ".join(f"{k}={v}" for k, v in entry.items() if k != "method" and k != "pairwise")
    if "pairwise" in entry:
        options = ", ".join(filter(None, [options, f"pairwise={sorted(entry['pairwise'])}"]))
    return f"{entry['method']}({options})" if options else str(entry["method"])


def _resolve_combination(raw: Any, position: int) -> dict[str, Any]:
    """Validate one combination; names resolved, so unknown methods fail before any work."""
    if not isinstance(raw, Mapping):
        raise InputError(f"combination {position + 1}: expected a mapping, got {type(raw).__name__}")
    unknown = sorted(set(raw) - COMBINATION_KEYS)
    if unknown:
        raise InputError(
            f"combination {position + 1}: unknown key(s) {unknown}; use {sorted(COMBINATION_KEYS)}"
        )
    missing = [k for k in ("weights", "aggregation") if k not in raw]
    if missing:
        raise InputError(f"combination {position + 1}: missing {', '.join(missing)}")
    w = _step(raw["weights"], "weights", str(raw.get("name", position + 1)))
    a = _step(raw["aggregation"], "aggregation", str(raw.get("name", position + 1)))
    n = _step(raw.get("normalisation", "minmax"), "normalisation", str(raw.get("name", position + 1)))
    try:
        w["method"] = weights_mod.resolve_method(w["method"])
    except InputError as err:
        raise InputError(f"combination {position + 1}: {err}") from None
    a["method"] = aggregate_mod.ALIASES.get(a["method"], a["method"])
    if a["method"] != "topsis" and a["method"] not in aggregate_mod.METHODS:
        raise InputError(
            f"combination {position + 1}: unknown aggregation {raw['aggregation']!r}; "
            f"use one of {sorted([*aggregate_mod.METHODS, 'topsis'])}"
        )
    if a["method"] == "topsis":
        if "normalisation" not in raw:
            n = {"method": "vector"}
        if n["method"] not in TOPSIS_NORMALISATIONS or len(n) > 1:
            raise InputError(
                f"combination {position + 1}: TOPSIS normalises itself: normalisation "
                f"{n['method']!r} is not one of {', '.join(TOPSIS_NORMALISATIONS)}"
            )
        bad = sorted(set(a) - {"method"})
        if bad:
            raise InputError(f"combination {position + 1}: topsis takes no option(s) {bad}")
    else:
        n["method"] = normalise_mod.ALIASES.get(n["method"], n["method"])
        if n["method"] not in normalise_mod.METHODS:
            raise InputError(
                f"combination {position + 1}: unknown normalisation {n['method']!r}; "
                f"use one of {sorted(normalise_mod.METHODS)}"
            )
    if w["method"] == "ahp":
        pairwise = w.get("pairwise")
        if not isinstance(pairwise, Mapping) or not pairwise:
            raise InputError(
                f"combination {position + 1}: ahp weights need pairwise: {{GROUP: PAIRWISE.csv}}"
            )
    name = raw.get("name") or f"{_label(w)}/{_label(n)}/{_label(a)}"
    return {"name": str(name), "weights": w, "normalisation": n, "aggregation": a}


def load_combinations(
    combinations: str | os.PathLike[str] | Sequence[Mapping[str, Any]] = "compare-default",
    pairwise: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The method combinations to compare, validated, in order (the first is the nominal).

    ``combinations`` is a list of mappings ``{name, weights, normalisation, aggregation}``,
    a YAML file or the name of a built-in spec in ``src/analysis/specs/`` (default
    ``compare-default``). A YAML file holds ``combinations:`` (such a list) and/or a grid:
    ``weights:`` (a list of weighting methods) crossed with ``pipelines:`` (a list of
    ``{name, normalisation, aggregation}``), named ``<weights>/<pipeline name>``, weights
    outer. ``pairwise`` (group code → pairwise matrix, a CSV path or DataFrame; see
    :mod:`analysis.ahp`) adds ``ahp`` to the grid's weights: groups without a matrix
    get equal weights. Unknown method names are an :class:`InputError` naming them.
    """
    if isinstance(combinations, str | os.PathLike):
        doc = _read_combinations_yaml(combinations)
        raw: list[Any] = list(doc.get("combinations") or [])
        grid = list(doc.get("weights") or [])
        if pairwise:
            grid.append({"method": "ahp", "pairwise": dict(pairwise)})
        for w in grid:
            wname = w if isinstance(w, str) else w.get("name", w.get("method"))
            for pipe in doc.get("pipelines") or []:
                raw.append(
                    {
                        "name": f"{wname}/{pipe['name']}" if "name" in pipe else None,
                        "weights": w,
                        **{k: v for k, v in pipe.items() if k != "name"},
                    }
                )
    else:
        raw = [dict(c) for c in combinations]
        if pairwise:
            raise InputError("pairwise: give it with a YAML or built-in grid, or inside a combination")
    if not raw:
        raise InputError("no method combinations to compare")
    resolved = [
        _resolve_combination(
            {k: v for k, v in c.items() if v is not None} if isinstance(c, Mapping) else c, i
        )
        for i, c in enumerate(raw)
    ]
    names = [c["name"] for c in resolved]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"combinations: name(s) {twice} used more than once")
    return resolved


def _read_combinations_yaml(spec: str | os.PathLike[str]) -> dict[str, Any]:
    path = Path(spec)
    if not (path.suffix.lower() in {".yaml", ".yml"} and path.exists()):
        path = SPECS_DIR / f"{spec}.yaml"
        if not path.exists():
            raise InputError(f"combinations {str(spec)!r}: neither a YAML file nor a built-in spec")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}".splitlines()[0]) from exc
    if not isinstance(doc, Mapping) or not ({"combinations", "pipelines"} & set(doc)):
        raise InputError(f"{path}: a comparison spec has 'combinations' or 'weights' and 'pipelines'")
    return dict(doc)


def _pairwise_frame(value: Any) -> pd.DataFrame:
    return value if isinstance(value, pd.DataFrame) else ahp_mod.read_pairwise(value)


def level_weights(
    values: pd.DataFrame,
    rows: pd.DataFrame,
    entry: Mapping[str, Any],
    use_directions: bool,
) -> pd.Series:
    """Within-group weights of one level's codes (``rows``: their framework rows).

    A group of one child gets weight 1 (no method can weigh a single criterion). Other
    groups: :func:`analysis.weights.weights_by_group` with ``entry``'s method and options
    on ``values`` (units x codes); ``ahp`` takes each group's matrix from
    ``entry["pairwise"]`` and weighs the groups without one equally.
    """
    options = {k: v for k, v in entry.items() if k not in ("method", "pairwise")}
    sizes = rows.groupby("parent")["code"].transform("size")
    out = pd.Series(1.0, index=rows["code"].astype(str).to_numpy(), name="weight")
    several = rows.loc[sizes > 1]
    if several.empty:
        return out
    if entry["method"] == "ahp":
        pairwise = entry["pairwise"]
        for parent, group in several.groupby("parent", sort=False):
            if parent in pairwise:
                w = weights_mod.weights_by_group(
                    values, group, "ahp", pairwise=_pairwise_frame(pairwise[parent])
                )
            else:
                w = weights_mod.weights_by_group(values, group, "equal")
            out.loc[w["code"].to_numpy()] = w["weight"].to_numpy()
        return out
    w = weights_mod.weights_by_group(
        values, several, entry["method"], use_directions=use_directions, **options
    )
    out.loc[w["code"].to_numpy()] = w["weight"].to_numpy()
    return out


def _topsis_groups(x: np.ndarray, g: np.ndarray, directions: np.ndarray, norm: str) -> np.ndarray:
    """TOPSIS closeness of every group: columns = parents of the (children x parents) ``g``."""
    out = np.full((x.shape[0], g.shape[1]), np.nan)
    for j in range(g.shape[1]):
        kids = np.flatnonzero(g[:, j])
        out[:, j] = rank_mod.topsis(
            x[:, kids], g[kids, j] / g[kids, j].sum(), directions[kids], normalisation=norm
        )
    return out


def run_combination(
    treated: pd.DataFrame, fw: Framework, combination: Mapping[str, Any]
) -> tuple[pd.DataFrame, pd.Series]:
    """Scores of every aggregate (units x aggregates) and the weights of one combination.

    Level by level, bottom up: (1) the weights of the level's groups, computed from the
    **treated** indicators with the framework's directions at the bottom level and from
    the children's scores (higher is better) above it; (2) the children aggregated into
    their parents with those weights. ``treated`` is units x indicators, no missing values
    where data-driven weights or TOPSIS need them. Returns ``(scores, weights)``, weights
    within groups indexed by code (the top node gets 1).
    """
    wentry, nentry, aentry = (combination[k] for k in ("weights", "normalisation", "aggregation"))
    table = fw.table
    x_raw = treated[fw.indicators].to_numpy(np.float64)
    topsis = aentry["method"] == "topsis"
    if topsis:
        gaps = np.isnan(x_raw)
        if gaps.any():
            i, j = np.argwhere(gaps)[0]
            raise InputError(
                f"topsis: unit {treated.index[i]!r}, indicator {fw.indicators[j]!r} is missing; "
                "impute first (the spec's impute step)"
            )
        current = x_raw
        directions = fw.direction.copy()
    else:
        params = {k: v for k, v in nentry.items() if k != "method"}
        current = normalise_mod.normalise(x_raw, fw.direction, nentry["method"], **params)
        directions = np.ones(len(fw.indicators))
    weights = pd.Series(1.0, index=fw.codes, name="weight")
    basis = treated[fw.indicators]
    outputs = []
    for level in range(1, fw.n_levels):
        rows = table.loc[table["level"] == level]
        weights.loc[rows["code"].to_numpy()] = level_weights(
            basis, rows, wentry, use_directions=level == 1
        ).to_numpy()
        lev = aggregate_mod.level_matrices(fw, weights.to_numpy())[level - 1]
        if topsis:
            current = _topsis_groups(current, lev.matrix, directions, nentry["method"])
            directions = np.ones(current.shape[1])
        else:
            params = {k: v for k, v in aentry.items() if k != "method"}
            try:
                current = aggregate_mod.METHODS[aentry["method"]](current, lev.matrix, **params)
            except InputError as err:
                col = getattr(err, "column", None)
                if col is None:
                    raise
                raise InputError(
                    f"aggregate level {lev.level} ({aentry['method']}): {lev.children[col]!r}: "
                    f"{err.detail}"  # type: ignore[attr-defined]
                ) from None
        outputs.append(current)
        basis = pd.DataFrame(current, index=treated.index, columns=lev.parents)
    scores = pd.DataFrame(np.concatenate(outputs, axis=1), index=treated.index, columns=fw.aggregates)
    return scores, weights


def _in_order(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """``table`` with its methods in the order of ``names`` (stable within a method)."""
    key = table["method"].map({n: i for i, n in enumerate(names)})
    return table.iloc[np.argsort(key.to_numpy(), kind="stable")].reset_index(drop=True)


def effective_weights_of(weights: pd.Series, fw: Framework) -> pd.Series:
    """Each indicator's share in the top node: product of within-group weights up the tree."""
    out = {}
    for code in fw.indicators:
        value, node = 1.0, code
        while fw.parent_of[node] is not None:
            value *= float(weights[node])
            node = fw.parent_of[node]
        out[code] = value
    return pd.Series(out, name="weight")


def compare_methods(
    data: pd.DataFrame,
    framework: Framework,
    combinations: str | os.PathLike[str] | Sequence[Mapping[str, Any]] | None = None,
    *,
    nominal: str | None = None,
    spec: str | os.PathLike[str] | Mapping[str, Any] = "peers-default",
    top: int = 10,
    year: Any = None,
) -> MethodComparison:
    """Build one index per method combination on the same data and compare the rankings.

    Parameters
    ----------
    data : a long panel (``unit, year, indicator, value``) or COINr iData, as accepted by
        :func:`analysis.index.build_index`.
    framework : the framework (its directions and tree; its weights are replaced).
    combinations : a list of ``{name, weights, normalisation, aggregation}`` (each a
        method name or ``{method: ..., **options}``), a YAML file or a built-in name
        (default ``compare-default``); see :func:`load_combinations`.
    nominal : the combination every other is compared with (default: the first).
    spec : the index spec whose data steps (impute, screen, treat) give the **treated**
        data shared by all combinations; its normalise, aggregate and weights are ignored.
    top : K of the top-K statistics of :func:`compare_rankings`.
    year : the data year to index (default: the spec's, else the latest).

    Method
    ------
    1. ``build_index(data, framework, spec)`` once; the treated dataset (after imputation,
       screening and outlier treatment) is the input of every combination.
    2. Each combination: weights per group at every level of the framework, bottom up
       (:func:`analysis.weights.weights_by_group`, :func:`level_weights`):

       - bottom level: from the treated indicators, with the framework's directions,
         each method normalising as its literature prescribes: entropy on min-max
         normalised values ``r_ij`` with ``p_ij = r_ij / Σ_i r_ij`` (郭显光 1998),
         CRITIC on min-max normalised values (Diakoulaki et al. 1995, eq. 2-3), PCA on
         standardised values (OECD/JRC Handbook 2008, §6.1). These weights therefore do
         not depend on the combination's normalisation;
       - higher levels: from the children's scores under the same combination (as
         COINr's PCA weights from the aggregated dataset);
       - equal, expert and AHP weights need no data; a group of one child weighs 1.

       The normalised indicators are aggregated level by level with those weights:
       ``amean`` ``y = Σ w x``, ``gmean`` ``y = Π x^w`` (needs positive values: normalise
       to [1, 100] or pass ``shift``), ``hmean``, ``median``, ``copeland`` (see
       :mod:`analysis.aggregate`). ``topsis`` replaces normalisation and aggregation: each
       aggregate is the TOPSIS closeness ``C = S⁻ / (S⁺ + S⁻)`` of its children (Hwang &
       Yoon 1981, §3.2.5) with vector (default) or min-max normalisation, the treated
       indicators with their directions at the bottom, the children's closeness above.
    3. Index scores are compared with the nominal ones (:func:`compare_rankings`), and
       the movers explained by the change in effective weights (:func:`movers`).

    Errors (:class:`InputError`): unknown method names (naming them), duplicate
    combination names, an unknown nominal, a geometric mean meeting values <= 0, missing
    values where a data-driven method needs data.
    """
    combos = load_combinations("compare-default" if combinations is None else combinations)
    names = [c["name"] for c in combos]
    nominal = names[0] if nominal is None else nominal
    if nominal not in names:
        raise InputError(f"nominal {nominal!r}: no such combination; combinations: {names}")
    base_spec = dict(index_mod.load_spec(spec))
    if year is not None:
        base_spec["year"] = year
    result = index_mod.build_index(data, framework, base_spec)
    fw = result.framework
    step = next(s for s in ("Treated", "Screened", "Imputed", "Denominated", "Raw") if s in result.datasets)
    treated = result.datasets[step]

    score_frames, weight_frames, effective = [], [], []
    for combo in combos:
        try:
            scores, weights = run_combination(treated, fw, combo)
        except InputError as err:
            raise InputError(f"combination {combo['name']!r}: {err}") from None
        ranks = ranking.rank(scores.to_numpy(), axis=0)
        long = scores.stack().rename("score").reset_index()
        long.columns = ["unit", "iCode", "score"]
        long["rank"] = pd.DataFrame(ranks, index=scores.index, columns=scores.columns).stack().to_numpy()
        long.insert(0, "method", combo["name"])
        score_frames.append(long)
        codes = [c for c in fw.codes if c != fw.top]
        weight_frames.append(
            pd.DataFrame(
                {
                    "method": combo["name"],
                    "code": codes,
                    "level": [fw.level_of[c] for c in codes],
                    "weight": weights.loc[codes].to_numpy(np.float64),
                }
            )
        )
        eff = effective_weights_of(weights, fw)
        effective.append(
            pd.DataFrame({"method": combo["name"], "indicator": eff.index, "weight": eff.to_numpy()})
        )

    scores_all = pd.concat(score_frames, ignore_index=True)
    # combinations in their order; the Index first, then down the tree (as scores_table)
    aggregates = [fw.top, *reversed(fw.aggregates[:-1])]
    scores_all = (
        scores_all.assign(
            _m=scores_all["method"].map({n: i for i, n in enumerate(names)}),
            _a=scores_all["iCode"].map({c: i for i, c in enumerate(aggregates)}),
        )
        .sort_values(["_m", "_a", "rank", "unit"], kind="stable")
        .drop(columns=["_m", "_a"])
        .reset_index(drop=True)
    )
    scores_all["rank"] = scores_all["rank"].astype("Int64")
    index_scores = scores_all.loc[scores_all["iCode"] == fw.top, ["method", "unit", "score"]]
    shifts, agreement = compare_rankings(index_scores, nominal=nominal, top=top)
    eff_all = pd.concat(effective, ignore_index=True)
    table = pd.DataFrame(
        [
            (c["name"], _label(c["weights"]), _label(c["normalisation"]), _label(c["aggregation"]))
            for c in combos
        ],
        columns=list(COMBINATION_COLUMNS),
    )
    return MethodComparison(
        combinations=table,
        weights=pd.concat(weight_frames, ignore_index=True),
        scores=scores_all,
        shifts=shifts,
        agreement=agreement,
        movers=_in_order(movers(shifts, eff_all, nominal=nominal), names),
        effective_weights=eff_all,
        nominal=nominal,
        year=result.spec.get("year"),
        top=fw.top,
    )
