"""A profile of one unit (notebook ``60-unit-profile``): its rank and rank interval, its
dimensions against the medians, its strongest and weakest indicators, its obstacle
degrees, its change since the previous data year and where it sits on the map.

Pure functions on tidy tables (tested on hand cases) and, for the notebook, study-level
helpers that are cached per process: a batch of unit pages (``qci render --units all``)
runs on warm kernels whose imported modules survive from one page to the next, so the
index, the Monte Carlo rank intervals, the obstacle model and the boundaries of a year are
computed once per worker and year, not once per unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError

if TYPE_CHECKING:
    from analysis.framework import Framework
    from analysis.regional.obstacle import Obstacle
    from analysis.study import Study


# ---------------------------------------------------------------------------- pure tables


def wide_scores(scores: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """``scores`` (long ``unit`` or ``uCode``, ``iCode``, ``score``, ``rank``) as units × codes."""
    column = "unit" if "unit" in scores.columns else "uCode"
    return scores.pivot(index=column, columns="iCode", values=value)


def dimensions(framework: Framework) -> list[str]:
    """The dimensions: the aggregates directly under the top, in framework order."""
    return [c for c in framework.children(framework.top) if c in framework.aggregates]


def quality_comparison(
    scores: pd.DataFrame, framework: Framework, unit: str,
    groups: Mapping[str, str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Each dimension of ``unit`` against the median of every unit and of its group.

    Rows: the dimensions in framework order, index ``code``; columns ``score, rank, of``
    (units scored), ``peer_median`` (median score of all units scored) and, with
    ``groups`` (unit → group), ``group, group_n, group_median`` (the units of ``unit``'s
    group that have a score, ``unit`` included; NaN and 0 when it has no group).
    """
    score = wide_scores(scores)
    rank = wide_scores(scores, "rank")
    if unit not in score.index:
        raise InputError(f"unit {unit!r} has no score (units: {', '.join(map(str, score.index[:8]))} …)")
    codes = dimensions(framework)
    table = pd.DataFrame(
        {
            "score": score.loc[unit, codes].astype(float),
            "rank": rank.loc[unit, codes].astype(float),
            "of": score[codes].notna().sum().astype(int),
            "peer_median": score[codes].median(),
        }
    )
    if groups is not None:
        group = groups.get(unit)
        members = [u for u in score.index if group is not None and groups.get(u) == group]
        part = score.loc[members, codes]
        table["group"] = group
        table["group_n"] = part.notna().sum().astype(int) if members else 0
        table["group_median"] = part.median() if members else np.nan
    table.index.name = "code"
    return table


def indicator_ranks(values: pd.DataFrame, direction: pd.Series) -> pd.DataFrame:
    """Rank of every unit on every indicator: 1 = best in the indicator's ``direction``
    (+1 higher is better, −1 lower is better), ties take the best rank, a missing value
    has none (R's ``rank(-d * x, ties.method = "min", na.last = "keep")``).

    ``values``: units × indicators (raw values); returns the same shape (float, NaN where
    the value is missing).
    """
    from analysis.ranking import rank

    signed = values.to_numpy(dtype=np.float64) * direction.reindex(values.columns).to_numpy(np.float64)
    return pd.DataFrame(rank(signed, axis=0), index=values.index, columns=values.columns)


def strengths_weaknesses(
    values: pd.DataFrame, direction: pd.Series, unit: str, k: int = 5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``unit``'s ``k`` strongest and ``k`` weakest indicators by rank among the units.

    Each indicator the unit has a value for is placed by its relative rank ``rank / of``
    (``of`` = units with a value): strengths are the best, best first; weaknesses the
    worst, worst first (ties: framework order). The two never share an indicator: with m
    indicators, at most ⌈m/2⌉ strengths and ⌊m/2⌋ weaknesses. Columns ``code, value,
    rank, of, direction``.
    """
    if unit not in values.index:
        raise InputError(f"unit {unit!r} has no indicator values")
    ranks = indicator_ranks(values, direction)
    table = pd.DataFrame(
        {
            "code": values.columns,
            "value": values.loc[unit].to_numpy(np.float64),
            "rank": ranks.loc[unit].to_numpy(),
            "of": values.notna().sum().to_numpy(),
            "direction": direction.reindex(values.columns).to_numpy(np.float64),
        }
    ).dropna(subset=["rank"])
    table["rank"] = table["rank"].astype(int)
    relative = (table["rank"] / table["of"]).to_numpy()
    order = np.argsort(relative, kind="stable")
    m = len(order)
    strong = order[: min(k, (m + 1) // 2)]
    rest = order[len(strong) :]
    weak = rest[np.argsort(-relative[rest], kind="stable")][: min(k, m // 2)]
    columns = ["code", "value", "rank", "of", "direction"]
    return (table.iloc[strong][columns].reset_index(drop=True),
            table.iloc[weak][columns].reset_index(drop=True))  # fmt: skip


def unit_obstacles(obstacle: Obstacle, unit: str, k: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``unit``'s ``k`` largest indicator obstacle degrees (``code, obstacle``, largest
    first, ties: framework order) and every dimension's (``code, obstacle``, in framework
    order), from :func:`analysis.regional.obstacle.obstacles`."""
    units = list(map(str, obstacle.units))
    if unit not in units:
        raise InputError(f"unit {unit!r} is not in the obstacle model")
    row = units.index(unit)
    values = obstacle.obstacle[row]
    order = np.argsort(-values, kind="stable")[: min(k, len(values))]
    top = pd.DataFrame({"code": np.asarray(obstacle.codes, dtype=object)[order],
                        "obstacle": values[order]})
    dims = pd.DataFrame({"code": obstacle.dimension_codes,
                         "obstacle": obstacle.dimension_obstacle[row] if obstacle.dimension_codes else []})
    return top, dims


def rank_change(
    before: pd.DataFrame, after: pd.DataFrame, framework: Framework, unit: str
) -> pd.DataFrame:
    """``unit``'s rank and score on every aggregate in two builds (``before``, ``after``:
    long scores), index ``code`` (top first, then the dimensions): ``rank_before,
    rank_after, rank_change`` (before − after: positive = moved up), ``score_before,
    score_after, score_change`` (after − before), ``of`` (units ranked after).

    Like for like only when both builds rank the same units (:func:`like_for_like`).
    """
    old, new = wide_scores(before), wide_scores(after)
    old_rank, new_rank = wide_scores(before, "rank"), wide_scores(after, "rank")
    for name, table in (("before", old), ("after", new)):
        if unit not in table.index:
            raise InputError(f"unit {unit!r} has no score in the {name} build")
    codes = [framework.top, *dimensions(framework)]
    out = pd.DataFrame(
        {
            "rank_before": old_rank.loc[unit, codes].astype(float),
            "rank_after": new_rank.loc[unit, codes].astype(float),
            "score_before": old.loc[unit, codes].astype(float),
            "score_after": new.loc[unit, codes].astype(float),
            "of": new[codes].notna().sum().astype(int),
        }
    )
    out.insert(2, "rank_change", out["rank_before"] - out["rank_after"])
    out.insert(5, "score_change", out["score_after"] - out["score_before"])
    out.index.name = "code"
    return out


def common_units(panel: pd.DataFrame, year_a: int, year_b: int) -> list[str]:
    """Units with at least one value in both years of a long panel (``unit, year, value``)."""
    known = panel.loc[panel["value"].notna()]
    a = set(known.loc[known["year"] == year_a, "unit"].astype(str))
    b = set(known.loc[known["year"] == year_b, "unit"].astype(str))
    return sorted(a & b)


def like_for_like(
    panel: pd.DataFrame, framework: Framework, spec: Mapping[str, Any], before: int, after: int
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The index built separately for ``before`` and ``after`` on the units present in both
    years only (:func:`common_units`): ``(scores before, scores after, units)``. Each year is
    normalised and ranked among the same units, so a rank change is not a change of peers."""
    from analysis.index import build_index

    units = common_units(panel, before, after)
    if not units:
        raise InputError(f"no unit has data in both {before} and {after}")
    rows = panel.loc[panel["unit"].astype(str).isin(units)]
    old = build_index(rows, framework, {**spec, "year": before}).scores
    new = build_index(rows, framework, {**spec, "year": after}).scores
    return old, new, units


def neighbours(intervals: pd.DataFrame, unit: str, width: int = 3) -> pd.DataFrame:
    """The rows of ``intervals`` (``unit, nominal, median, q05, q95``) ranked within
    ``width`` places of ``unit``'s nominal rank (at least ``2 width + 1`` rows when there
    are that many units), in nominal rank order."""
    table = intervals.sort_values(["nominal", "unit"], kind="stable").reset_index(drop=True)
    found = np.flatnonzero(table["unit"].astype(str).to_numpy() == unit)
    if not len(found):
        raise InputError(f"unit {unit!r} has no rank interval")
    at = int(found[0])
    size = min(2 * width + 1, len(table))
    start = min(max(at - width, 0), len(table) - size)
    return table.iloc[start : start + size].reset_index(drop=True)


def previous_data_year(panel_years: list[int], data_year: int) -> int | None:
    """The panel year before ``data_year`` (None for the first)."""
    earlier = [y for y in panel_years if y < data_year]
    return earlier[-1] if earlier else None


# ---------------------------------------------------------------------------- study level (cached)


@lru_cache(maxsize=8)
def _study(name: str) -> Study:
    from analysis.study import load_study

    return load_study(name)


def study_of(ctx: Any) -> Study:
    """The context's study, the same object for every page of a worker (cached by path)."""
    return _study(str(ctx.study.path))


@lru_cache(maxsize=16)
def _nominal(path: str, data_year: int) -> pd.DataFrame:
    from analysis.index import build_index

    study = _study(path)
    return build_index(study.panel, study.framework, {**study.spec, "year": data_year}).scores


def nominal_scores(study: Study, data_year: int) -> pd.DataFrame:
    """The study's index of ``data_year`` (long ``uCode, iCode, score, rank``), built once."""
    return _nominal(str(study.path), int(data_year))


@lru_cache(maxsize=16)
def _intervals(path: str, data_year: int, n: int, seed: int) -> tuple[pd.DataFrame, int]:
    from analysis import annual, sensitivity

    study = _study(path)
    data = study.panel.loc[study.panel["year"] == data_year].reset_index(drop=True)
    spec = {**study.spec, "year": data_year}
    shared = sensitivity.report_sensitivity(data, study.framework, spec, n=n, seed=seed)
    return annual.whole_rank_intervals(shared), shared.runs


def rank_intervals(study: Study, data_year: int, n: int, seed: int) -> tuple[pd.DataFrame, int]:
    """Every unit's Monte Carlo rank interval in ``data_year``: ``(ranks, runs)`` with
    ``ranks`` = ``unit, nominal, median, q05, q95``, the interval in whole ranks as every
    page prints it (:func:`analysis.annual.whole_rank_intervals`) from the analysis the
    year's pages share (:func:`analysis.sensitivity.report_sensitivity`: the reports'
    factors on a Sobol' design of ``n`` base rows, ``seed``). Computed once per process
    for a year, ``n`` and ``seed`` and shared by every unit's page."""
    ranks, runs = _intervals(str(study.path), int(data_year), int(n), int(seed))
    return ranks.copy(), runs


@lru_cache(maxsize=16)
def _obstacles(path: str, data_year: int) -> Obstacle:
    from analysis.regional.inputs import study_obstacles

    return study_obstacles(_study(path), data_year)


def study_obstacle_model(study: Study, data_year: int) -> Obstacle:
    """The obstacle model of ``data_year`` (:func:`analysis.regional.inputs.study_obstacles`), built once."""
    return _obstacles(str(study.path), int(data_year))


@lru_cache(maxsize=16)
def _like_for_like(path: str, before: int, after: int) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    study = _study(path)
    return like_for_like(study.panel, study.framework, study.spec, before, after)


def study_like_for_like(study: Study, before: int, after: int) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """:func:`like_for_like` on the study's panel, built once per pair of years."""
    return _like_for_like(str(study.path), int(before), int(after))


@lru_cache(maxsize=4)
def _places(path: str) -> tuple[pd.DataFrame, Any]:
    from analysis.regional.boundaries import load_boundaries
    from analysis.regional.inputs import match_study_units

    matched, _ = match_study_units(_study(path))
    if matched.empty:
        return matched, None
    shapes = load_boundaries(list(matched["adcode"]))
    unit_of = dict(zip(matched["adcode"], matched["unit"], strict=True))
    shapes = shapes.loc[shapes["adcode"].isin(unit_of)].reset_index(drop=True)
    shapes.insert(0, "unit", shapes["adcode"].map(unit_of).to_numpy())
    # a locator map of 6.5 inches: drawn at 1/2000 of the extent (under a pixel) the
    # boundaries keep their shape with a small share of their points (prefecture cities:
    # 1.46 million points), so that a page per unit draws its map quickly
    x0, y0, x1, y1 = shapes.total_bounds
    shapes["geometry"] = shapes.geometry.simplify(max(x1 - x0, y1 - y0) / 2000, preserve_topology=True)
    return matched, shapes


def unit_shapes(study: Study) -> Any:
    """The boundaries of the study's units that match one (GeoDataFrame with ``unit``,
    ``adcode``, ``geometry``), read and simplified once (a locator map's precision); None
    when the study has no map (e.g. countries)."""
    return _places(str(study.path))[1]
