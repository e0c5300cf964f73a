"""The sections of a unit's profile page (notebook ``60-unit-profile``).

:func:`profile_page` gathers what every section reads (the report context, the study's
index of the data year, the Monte Carlo rank intervals); each ``*_section`` returns its
items in reading order — Markdown text (``str``), styled tables and figures — with every
number taken from the table shown beside it and every unit and indicator by its display
name; :func:`show` displays them. Texts are ``p60_*`` keys of
:mod:`analysis.texts_profile`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis import profile
from analysis import profile_figures as figures
from analysis.errors import InputError
from analysis.labels import has_chinese, unit_word
from analysis.report import MISSING, ReportContext, code_names, report_context
from analysis.styled import styled_table


@dataclass(frozen=True, eq=False)
class ProfilePage:
    """What the sections read: the report context (study, year, language, unit), the
    Monte Carlo settings, the data year's index (long scores) and rank intervals."""

    ctx: ReportContext
    n: int
    seed: int
    scores: pd.DataFrame
    intervals: pd.DataFrame
    runs: int
    k: int = 5

    @property
    def unit(self) -> str:
        return str(self.ctx.unit)

    @property
    def name(self) -> str:
        return self.ctx.unit_name

    @property
    def n_units(self) -> int:
        top = self.scores.loc[self.scores["iCode"] == self.ctx.framework.top]
        return int(top["rank"].notna().sum())

    def t(self, key: str, **values: Any) -> str:
        return self.ctx.t(key, **values)


def profile_page(study: str, year: int | None, unit: str | None, lang: str, n: int, seed: int) -> ProfilePage:
    """The page of ``unit`` (default: the study's focus) in report ``year`` of ``study``.

    A study without a focus needs a ``unit`` (:class:`InputError`); a unit without data
    in the data year gets a page that says so (``ctx.present`` is False, no intervals)."""
    if n < 1:
        raise InputError(f"parameter 'n' must be at least 1, got {n}")
    ctx = report_context(study, year, unit, lang)
    if ctx.unit is None:
        raise InputError(f"parameter 'unit': study {ctx.study.name!r} has no focus unit; name the unit to profile")
    cached = profile.study_of(ctx)
    scores = profile.nominal_scores(cached, ctx.data_year)
    intervals, runs = (profile.rank_intervals(cached, ctx.data_year, n, seed) if ctx.present
                       else (pd.DataFrame(columns=["unit", "nominal", "median", "q05", "q95"]), 0))
    return ProfilePage(ctx=ctx, n=n, seed=seed, scores=scores, intervals=intervals, runs=runs)


def show(items: list[Any]) -> None:
    """Display a section's items: text as Markdown (HTML allowed), the rest as it is."""
    from IPython.display import HTML, Markdown, display

    for item in items:
        if isinstance(item, str):
            display(HTML(_markdown_html(item)) if "<sub>" in item else Markdown(item))
        else:
            display(item)


def _markdown_html(text: str) -> str:
    from analysis.report import as_html

    return as_html(text).data


# ---------------------------------------------------------------------------- formatting


def number(value: float, lang: str = "zh") -> str:
    """A value as a reader writes it: ``—`` when missing, thousands separated from 1,000
    on, three significant digits below 1, else at most two decimals (trailing zeros dropped)."""
    if value is None or not np.isfinite(value):
        return MISSING
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if 0 < abs(value) < 1:
        return f"{value:.3g}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def score_text(value: float) -> str:
    """A 0–100 score with one decimal (``—`` when missing)."""
    return MISSING if value is None or not np.isfinite(value) else f"{value:.1f}"


def rank_of(rank: float, of: int) -> str:
    """``"3/21"`` (``—`` without a rank; no spaces, so that a phone does not break it)."""
    return MISSING if rank is None or not np.isfinite(rank) else f"{int(rank)}/{int(of)}"


def ordinal(rank: int, lang: str) -> str:
    """``第 3 位`` / ``3rd``."""
    if lang == "zh":
        return f"第 {rank} 位"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def highlight_rows(table: pd.DataFrame, label: str) -> Any:
    """``table`` as the report shows tables, the row ``label`` (the unit) highlighted."""
    return styled_table(table, label)


def highlight_columns(table: pd.DataFrame, columns: list[str]) -> Any:
    """``table`` as the report shows tables, ``columns`` (the unit's own values) highlighted."""
    return styled_table(table, highlight_columns=columns)


# ---------------------------------------------------------------------------- sections


def heading_section(page: ProfilePage) -> list[Any]:
    """The title and what the page shows (or that the unit has no data that year)."""
    ctx = page.ctx
    items: list[Any] = [page.t("p60_title")]
    if not ctx.present:
        years = ", ".join(map(str, ctx.study.unit_years(page.unit))) or page.t("no_years")
        return [*items, page.t("p60_absent", years=years)]
    return [*items, page.t("p60_intro", n=page.n_units, data_note=ctx.data_note())]


def rank_section(page: ProfilePage) -> list[Any]:
    """Rank and score out of N with the 90 % Monte Carlo rank interval; the nearest units
    (table and chart), the unit highlighted."""
    ctx, fw = page.ctx, page.ctx.framework
    top = page.scores.loc[page.scores["iCode"] == fw.top].set_index("uCode")
    near = profile.neighbours(page.intervals, page.unit)
    near = near.assign(score=near["unit"].map(top["score"]), name=near["unit"].map(lambda u: ctx.names.get(u, u)))
    own = near.loc[near["unit"] == page.unit].iloc[0]
    rank, q05, q95 = int(own["nominal"]), int(round(own["q05"])), int(round(own["q95"]))
    items: list[Any] = [page.t("p60_h_rank"), page.t(
        "p60_rank", score=float(own["score"]), rank_text=ordinal(rank, ctx.lang), n=page.n_units,
        runs=page.runs, n_base=page.n, seed=page.seed, q05=q05, q95=q95, median=number(float(own["median"])),
    )]  # fmt: skip
    if q05 == q95:
        items.append(page.t("p60_rank_point"))
    table = pd.DataFrame(
        {
            page.t("p60_col_rank"): near["nominal"].astype(int).to_numpy(),
            page.t("p60_col_score"): [score_text(s) for s in near["score"]],
            page.t("p60_col_interval"): [f"{round(a)}–{round(b)}" for a, b in zip(near["q05"], near["q95"], strict=True)],
        },
        index=pd.Index(near["name"].to_numpy(), name=ctx.t("col_unit")),
    )
    items += [page.t("p60_neighbours_caption"), highlight_rows(table, page.name)]
    labels = {"axis": page.t("p60_rank_axis"), "interval": page.t("p60_interval"), "nominal": page.t("p60_nominal")}
    items.append(figures.rank_intervals(near, page.name, labels, page.t("p60_interval_title")))
    return items


def qualities_table(page: ProfilePage) -> pd.DataFrame:
    """:func:`profile.quality_comparison` of the page's unit with display names."""
    return profile.quality_comparison(page.scores, page.ctx.framework, page.unit, page.ctx.groups)


def qualities_section(page: ProfilePage) -> list[Any]:
    """Each dimension: the unit's score and rank, the median of all units and of its group."""
    ctx = page.ctx
    table = qualities_table(page)
    names = code_names(ctx.framework, ctx.lang)
    has_group = "group" in table.columns and table["group_n"].gt(0).any()
    above = int((table["score"] > table["peer_median"]).sum())
    items: list[Any] = [page.t("p60_h_qualities")]
    if has_group:
        group = str(table["group"].iloc[0])
        above_group = int((table["score"] > table["group_median"]).sum())
        items.append(page.t("p60_qualities_groups", group=group, group_n=int(table["group_n"].max()),
                            n_dims=len(table), above=above, above_group=above_group))
    else:
        group = ""
        items.append(page.t("p60_qualities_nogroups", n_dims=len(table), above=above))
    shown = pd.DataFrame(
        {
            page.name: [score_text(s) for s in table["score"]],
            page.t("p60_col_rank"): [rank_of(r, o) for r, o in zip(table["rank"], table["of"], strict=True)],
            page.t("p60_col_peer_median"): [score_text(s) for s in table["peer_median"]],
        },
        index=pd.Index([names[c] for c in table.index], name=page.t("p60_col_dimension")),
    )
    if has_group:
        shown[page.t("p60_col_group_median")] = [score_text(s) for s in table["group_median"]]
    items += [page.t("p60_qualities_caption"), highlight_columns(shown, [page.name, page.t("p60_col_rank")])]
    labels = {"unit": page.name, "peer": page.t("p60_peer_median"), "axis": page.t("p60_score_axis"),
              "group": page.t("p60_group_median", group=group)}
    items.append(figures.quality_dots(
        list(shown.index), table["score"].to_numpy(float), table["peer_median"].to_numpy(float),
        table["group_median"].to_numpy(float) if has_group else None, labels, page.t("p60_qualities_title"),
    ))  # fmt: skip
    return items


def raw_values(page: ProfilePage) -> tuple[pd.DataFrame, pd.Series]:
    """The data year's raw values (units × indicators) and the indicators' directions."""
    fw = page.ctx.framework
    data = page.ctx.data
    values = data.pivot_table(index="unit", columns="indicator", values="value", aggfunc="first")
    values = values.reindex(columns=fw.indicators).astype(np.float64)
    values.index = values.index.astype(str)
    direction = pd.Series(np.asarray(fw.direction, dtype=np.float64), index=fw.indicators)
    return values, direction


def _indicator_table(page: ProfilePage, rows: pd.DataFrame) -> Any:
    ctx = page.ctx
    measure = dict(zip(ctx.framework.table["code"], ctx.framework.table["unit"], strict=True))
    table = pd.DataFrame(
        {
            page.name: [number(v) for v in rows["value"]],
            page.t("p60_col_unit_of_measure"): [_measure(measure.get(c), ctx.lang) for c in rows["code"]],
            page.t("p60_col_rank"): [rank_of(r, o) for r, o in zip(rows["rank"], rows["of"], strict=True)],
            page.t("p60_col_direction"): [page.t("p60_higher_better") if d > 0 else page.t("p60_lower_better")
                                          for d in rows["direction"]],
        },
        index=pd.Index([ctx.indicator_names.get(c, c) for c in rows["code"]], name=page.t("p60_col_indicator")),
    )
    return highlight_columns(table, [page.name, page.t("p60_col_rank")])


def _measure(value: Any, lang: str) -> str:
    """A framework's unit of measure as written (zh), or in English (—, never Chinese, when
    :func:`analysis.labels.unit_word` has no English for it)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == "":
        return MISSING
    if lang != "en":
        return str(value)
    english = unit_word(str(value), "en")  # the one table of unit words (analysis.labels)
    return MISSING if has_chinese(english) else english


def indicators_section(page: ProfilePage) -> list[Any]:
    """Top-``k`` strengths and bottom-``k`` weaknesses by indicator rank among the units."""
    values, direction = raw_values(page)
    strong, weak = profile.strengths_weaknesses(values, direction, page.unit, page.k)
    names = page.ctx.indicator_names
    missing = int(values.loc[page.unit].isna().sum())
    lang = page.ctx.lang
    first, last = strong.iloc[0], (weak.iloc[0] if len(weak) else strong.iloc[-1])
    phrase = {"zh": "第 {r}/{o} 位", "en": "{r} of {o}"}[lang]
    items: list[Any] = [page.t("p60_h_indicators"), page.t(
        "p60_indicators_intro", k_strong=len(strong), k_weak=len(weak),
        best=names.get(first["code"], first["code"]), best_rank=phrase.format(r=first["rank"], o=first["of"]),
        worst=names.get(last["code"], last["code"]), worst_rank=phrase.format(r=last["rank"], o=last["of"]),
        missing=page.t("p60_indicators_missing", count=missing) if missing else "",
    )]  # fmt: skip
    items += [page.t("p60_strengths_caption"), _indicator_table(page, strong)]
    if len(weak):
        items += [page.t("p60_weaknesses_caption"), _indicator_table(page, weak)]
    return items


def obstacles_section(page: ProfilePage) -> list[Any]:
    """The unit's largest obstacle degrees (indicators) and every dimension's."""
    ctx = page.ctx
    model = profile.study_obstacle_model(profile.study_of(ctx), ctx.data_year)
    top, dims = profile.unit_obstacles(model, page.unit, page.k)
    names = ctx.indicator_names
    dim_names = code_names(ctx.framework, ctx.lang)
    items: list[Any] = [page.t("p60_h_obstacles")]
    if float(top["obstacle"].sum()) == 0.0:
        return [*items, page.t("p60_obstacles_none")]
    biggest = dims.iloc[int(np.argmax(dims["obstacle"].to_numpy()))] if len(dims) else None
    items.append(page.t(
        "p60_obstacles_intro", first=names.get(top.at[0, "code"], top.at[0, "code"]),
        first_value=float(top.at[0, "obstacle"]), k=len(top), top_share=float(top["obstacle"].sum()),
        dim=dim_names.get(biggest["code"], biggest["code"]) if biggest is not None else MISSING,
        dim_value=float(biggest["obstacle"]) if biggest is not None else float("nan"),
    ))  # fmt: skip
    level = {"indicator": page.t("p60_level_indicator"), "dimension": page.t("p60_level_dimension")}
    rows = [(names.get(c, c), level["indicator"], v) for c, v in zip(top["code"], top["obstacle"], strict=True)]
    rows += [(dim_names.get(c, c), level["dimension"], v) for c, v in zip(dims["code"], dims["obstacle"], strict=True)]
    table = pd.DataFrame(
        {page.t("p60_col_level"): [r[1] for r in rows], page.t("p60_col_obstacle"): [f"{r[2]:.1f}" for r in rows]},
        index=pd.Index([r[0] for r in rows], name=page.t("p60_col_element")),
    )
    items += [page.t("p60_obstacles_caption", k=len(top)), highlight_columns(table, [page.t("p60_col_obstacle")])]
    items.append(figures.obstacle_bars(
        [names.get(c, c) for c in top["code"]], top["obstacle"].to_numpy(float), page.t("p60_obstacle_axis"),
        page.t("p60_obstacles_title", k=len(top)),
    ))  # fmt: skip
    return items


def change_section(page: ProfilePage) -> list[Any]:
    """Rank and score since the previous data year, like for like (the units of both years)."""
    ctx = page.ctx
    study = ctx.study
    items: list[Any] = [page.t("p60_h_change")]
    previous_report = ctx.year - 1
    if previous_report >= study.panel_years[0] and study.data_year(previous_report) == ctx.data_year:
        items.append(page.t("p60_same_data", previous_report=previous_report,
                            previous=profile.previous_data_year(study.panel_years, ctx.data_year) or MISSING))
    previous = profile.previous_data_year(study.panel_years, ctx.data_year)
    if previous is None:
        return [*items, page.t("p60_no_previous")]
    if not study.has_unit(page.unit, previous):
        return [*items, page.t("p60_absent_previous", previous=previous)]
    before, after, common = profile.study_like_for_like(profile.study_of(ctx), previous, ctx.data_year)
    change = profile.rank_change(before, after, ctx.framework, page.unit)
    top = change.iloc[0]
    steps = int(top["rank_change"])
    moved = (page.t("p60_moved_up", steps=steps) if steps > 0 else
             page.t("p60_moved_down", steps=-steps) if steps < 0 else page.t("p60_moved_none"))
    left = len(set(study.units(previous)) | set(study.units(ctx.data_year))) - len(common)
    items.append(page.t(
        "p60_change", previous=previous, common=len(common), rank_before=int(top["rank_before"]),
        rank_after=int(top["rank_after"]), moved=moved, score_before=float(top["score_before"]),
        score_after=float(top["score_after"]), left_out=page.t("p60_left_out", count=left) if left else "",
    ))  # fmt: skip
    names = code_names(ctx.framework, ctx.lang)
    table = pd.DataFrame(
        {
            page.t("p60_col_rank_of", year=previous): change["rank_before"].astype(int).to_numpy(),
            page.t("p60_col_rank_of", year=ctx.data_year): change["rank_after"].astype(int).to_numpy(),
            page.t("p60_col_rank_change"): [
                f"{int(v):+d}".replace("-", "−") if v else "0" for v in change["rank_change"]],
            page.t("p60_col_score_of", year=previous): [score_text(v) for v in change["score_before"]],
            page.t("p60_col_score_of", year=ctx.data_year): [score_text(v) for v in change["score_after"]],
            page.t("p60_col_score_change"): [
                f"{v:+.1f}".replace("-", "−") for v in change["score_change"]],
        },
        index=pd.Index([names[c] for c in change.index], name=page.t("p60_col_aggregate")),
    )
    items += [page.t("p60_change_caption", previous=previous, common=len(common)),
              highlight_columns(table, list(table.columns[:3])), page.t("p60_change_scores")]
    return items


def map_section(page: ProfilePage) -> list[Any]:
    """The unit on a map of the study's units shaded by index score; one line without."""
    ctx = page.ctx
    items: list[Any] = [page.t("p60_h_map")]
    shapes = profile.unit_shapes(profile.study_of(ctx))
    if shapes is None:
        return [*items, page.t("p60_no_map")]
    scored = page.scores.loc[page.scores["iCode"] == ctx.framework.top].set_index("uCode")["score"]
    shapes = shapes.loc[shapes["unit"].isin(scored.index)]
    if page.unit not in set(shapes["unit"]):
        return [*items, page.t("p60_unit_no_map")]
    unmatched = int((~scored.index.isin(shapes["unit"])).sum())
    labels = {"unit": page.name, "score": page.t("p60_legend_score")}
    title = page.t("p60_map_title", others=len(shapes) - 1)
    return [*items, figures.locator_map(shapes, scored, page.unit, labels, title),
            page.t("p60_map_caption", unmatched=page.t("p60_map_unmatched", count=unmatched) if unmatched else "")]


def appendix_section(page: ProfilePage) -> list[Any]:
    """How the page was made, in readable words."""
    return [page.t("p60_h_appendix"), page.t("p60_appendix", runs=page.runs, n_base=page.n, seed=page.seed)]


def sections(page: ProfilePage) -> list[Any]:
    """Every section of the page in reading order (only the heading when the unit has no data)."""
    if not page.ctx.present:
        return heading_section(page)
    return [*heading_section(page), *rank_section(page), *qualities_section(page),
            *indicators_section(page), *obstacles_section(page), *change_section(page),
            *map_section(page), *appendix_section(page)]
