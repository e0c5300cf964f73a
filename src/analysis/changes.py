"""Like for like across years, and what changed since the previous report.

A rank "13th of 26 in 2010, 6th of 21 in 2020" compares two different sets of units: the
units that left (or joined) move everyone else's rank, and min–max normalisation depends
on the set. :func:`compare_years` rebuilds the index of both data years on the units
present in both (the same spec, the same framework: every step, normalisation included,
sees the same units), so that ranks and scores compare like with like, and says how many
units are common and which left or joined.

:func:`previous_report` finds the report before ``year`` in the study's report years and
the data year behind each (census panels repeat a data year: then nothing in the data
changed and the report says so in one line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.errors import InputError
from analysis.study import Study


@dataclass(frozen=True, eq=False)
class YearComparison:
    """Two data years compared on their common units.

    ``ranks``: tidy ``unit, year, score, rank`` of the index rebuilt on the ``common`` units
    in each year; ``own``: the same for each year's own index on all its units (what the
    year's report shows). ``left``: units of the earlier year only; ``joined``: of the later
    year only.
    """

    earlier: int
    later: int
    common: list[str]
    left: list[str]
    joined: list[str]
    ranks: pd.DataFrame
    own: pd.DataFrame


def _top_scores(study: Study, year: int, units: Sequence[str] | None = None) -> pd.DataFrame:
    from analysis.index import build_index

    panel = study.panel if units is None else study.panel.loc[study.panel["unit"].isin(units)]
    scores = build_index(panel, study.framework, {**study.spec, "year": year}).scores
    top = scores.loc[scores["iCode"] == study.framework.top, ["uCode", "score", "rank"]]
    return top.rename(columns={"uCode": "unit"}).assign(year=year)[["unit", "year", "score", "rank"]]


def compare_years(study: Study, earlier: int, later: int) -> YearComparison:
    """The index of data years ``earlier`` and ``later`` rebuilt on the units both years rank
    (units that pass the screen in each year's own build)."""
    if earlier not in study.panel_years or later not in study.panel_years:
        raise InputError(
            f"compare_years: {earlier} and {later} must be panel years of {study.name!r} "
            f"({', '.join(map(str, study.panel_years))})"
        )
    own = pd.concat([_top_scores(study, earlier), _top_scores(study, later)], ignore_index=True)
    before = set(own.loc[own["year"] == earlier, "unit"])
    after = set(own.loc[own["year"] == later, "unit"])
    common = sorted(before & after)
    if len(common) < 2:
        raise InputError(f"compare_years: {earlier} and {later} share {len(common)} unit(s)")
    ranks = pd.concat(
        [_top_scores(study, earlier, common), _top_scores(study, later, common)], ignore_index=True
    )
    return YearComparison(
        earlier=earlier, later=later, common=common, left=sorted(before - after),
        joined=sorted(after - before), ranks=ranks, own=own,
    )  # fmt: skip


def unit_change(comparison: YearComparison, unit: str) -> dict[str, Any]:
    """One unit across the two years: on the common units (``rank_before, rank_after,
    score_before, score_after, n_common``) and in each year's own ranking (``own_before,
    n_before, own_after, n_after``; None where the unit is absent)."""

    def pick(table: pd.DataFrame, year: int, column: str) -> Any:
        row = table.loc[(table["year"] == year) & (table["unit"] == unit), column]
        return None if row.empty or pd.isna(row.iloc[0]) else row.iloc[0]

    c = comparison
    own_n = c.own.groupby("year")["rank"].count()
    out: dict[str, Any] = {
        "earlier": c.earlier,
        "later": c.later,
        "n_common": len(c.common),
        "n_before": int(own_n.get(c.earlier, 0)),
        "n_after": int(own_n.get(c.later, 0)),
        "n_left": len(c.left),
        "n_joined": len(c.joined),
    }
    for key, table, year, column in (
        ("rank_before", c.ranks, c.earlier, "rank"), ("rank_after", c.ranks, c.later, "rank"),
        ("score_before", c.ranks, c.earlier, "score"), ("score_after", c.ranks, c.later, "score"),
        ("own_before", c.own, c.earlier, "rank"), ("own_after", c.own, c.later, "rank"),
    ):  # fmt: skip
        value = pick(table, year, column)
        out[key] = None if value is None else (int(value) if column == "rank" else float(value))
    return out


def movers(comparison: YearComparison, k: int = 3) -> pd.DataFrame:
    """Every common unit's rank in both years and its change (``unit, rank_before,
    rank_after, change``; change = before − after, positive is a rise), largest rises
    first; with ``spearman`` (Spearman's ρ of the two rankings) in ``attrs``."""
    wide = comparison.ranks.pivot(index="unit", columns="year", values="rank")
    table = pd.DataFrame(
        {
            "unit": wide.index,
            "rank_before": wide[comparison.earlier].to_numpy(),
            "rank_after": wide[comparison.later].to_numpy(),
        }
    )
    table["change"] = table["rank_before"] - table["rank_after"]
    table = table.sort_values(["change", "rank_after"], ascending=[False, True], kind="stable")
    rho = float(pd.Series(table["rank_before"]).corr(pd.Series(table["rank_after"]), method="spearman"))
    table = table.reset_index(drop=True)
    table.attrs["spearman"] = rho
    return table


def previous_report(study: Study, year: int) -> dict[str, Any] | None:
    """The report before ``year`` among the study's report years and the data years
    behind both: ``previous, data_year, previous_data_year, same_data`` (None for the
    first report). When both read the same data year, ``earlier_data_year`` is the last
    panel year before it (None if there is none): the like-for-like comparison to show
    instead."""
    years = sorted(int(y) for y in study.years)
    before = [y for y in years if y < year]
    if not before:
        return None
    previous = before[-1]
    data, previous_data = study.data_year(year), study.data_year(previous)
    earlier = [y for y in study.panel_years if y < data]
    return {
        "year": year,
        "previous": previous,
        "data_year": data,
        "previous_data_year": previous_data,
        "same_data": data == previous_data,
        "earlier_data_year": earlier[-1] if earlier else None,
    }


def compared_data_years(study: Study, year: int) -> tuple[int, int] | None:
    """The two data years the "since the previous report" comparison uses: the previous
    report's data year and this one's; when they are the same (a census read twice), the
    last panel year before it; None when there is no earlier data year."""
    info = previous_report(study, year)
    data = study.data_year(year)
    if info is not None and not info["same_data"]:
        return info["previous_data_year"], data
    earlier = [y for y in study.panel_years if y < data]
    return (earlier[-1], data) if earlier else None
