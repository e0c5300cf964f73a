"""Comparing rankings: rank shifts, rank agreement and movers against a nominal method
(see :mod:`analysis.compare` for the definitions)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import InputError
from analysis.scores_file import read_scores_file, refuse_blank

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
        where = "".join(f", {c} {first[c]}" for c in by)
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
    missing = pairs.loc[pairs["score"].isna() & pairs["nominal_score"].notna()]
    for method, rows in missing.groupby("method", sort=False):
        shown = ", ".join(map(str, rows["unit"].head(5))) + (", …" if len(rows) > 5 else "")
        warnings.warn(f"{method}: {len(rows)} unit(s) without a score left out of its comparison "
                      f"({shown})", stacklevel=2)
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
    for row in agreement.loc[agreement["n"] == 0].itertuples():
        where = "".join(f" ({k} {getattr(row, k)})" for k in keys if k.isidentifier())
        warnings.warn(f"{row.method}: no unit in common with the nominal method {nominal!r}"
                      f"{where}: nothing to compare", stacklevel=2)
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


def _method_names(paths: Sequence[str | os.PathLike[str]]) -> dict[str, str]:
    """The method each file names when it has no ``method`` column: its stem, or, when
    several files share a stem (``qci index`` writes every run's ``scores.csv``), its
    folder's name, else its whole path."""
    stems = [Path(p).stem for p in paths]
    folders = [Path(p).resolve().parent.name for p in paths]
    out = {}
    for path, stem, folder in zip(paths, stems, folders, strict=True):
        if stems.count(stem) == 1:
            out[str(path)] = stem
        elif folder and folders.count(folder) == 1:
            out[str(path)] = folder
        else:
            out[str(path)] = str(path)
    return out


def read_scores(
    paths: Sequence[str | os.PathLike[str]],
    by: str | Sequence[str] | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read SCORES files into one tidy table ``[by,] method, unit, score, file, row``.

    Each file (a CSV, or the ``sheet`` of an Excel workbook) is read by the suite's one
    scores reader, :func:`analysis.scores_file.read_scores_file`. Each file needs ``unit``
    (or COINr's ``uCode``) and ``score`` (and the ``by`` columns, none blank); its ``method`` column names the method, else the file's stem does. A file
    with an ``iCode`` column (``qci index``'s scores.csv: ``unit,year,iCode,score,rank``,
    the top aggregate first) contributes its first code's rows, the index, unless ``by``
    names ``iCode``. Units are read as text (codes such as ``010000`` keep their zeros).
    ``file`` and ``row`` (1-based data row) let errors name the place.
    """
    keys = _by_list(by)
    frames = []
    has_year = False
    names = _method_names(paths)
    for path in paths:
        frame = read_scores_file(path, (*keys, "unit", "score"), sheet=sheet)
        has_year = has_year or ("year" in frame.columns and "year" not in keys)
        if "iCode" in frame.columns and "iCode" not in keys:
            frame = frame.loc[frame["iCode"] == frame["iCode"].iloc[0]]
        if "method" not in frame.columns:
            frame["method"] = names[str(path)]
        for key in keys:
            refuse_blank(frame[key], path, key)
            if key != "year":  # a numeric grouping column sorts as numbers, as pandas reads it
                numbers = pd.to_numeric(frame[key], errors="coerce")
                if numbers.notna().all():
                    frame[key] = numbers
        frame["file"] = str(path)
        frames.append(frame[[*keys, "method", "unit", "score", "file", "row"]])
    if not frames:
        raise InputError("no scores file given")
    combined = pd.concat(frames, ignore_index=True)
    try:
        return _check_scores(combined, keys, what="scores files")
    except InputError as err:
        if has_year and "more than once" in str(err):
            raise InputError(f"{err} (several years: add --by year)") from None
        raise


