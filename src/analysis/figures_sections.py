"""The figures sections of the annual report, built in one call each and already
localised: :func:`headline_section` (headline figures of the year by quality, what was
left out, the official rankings) and :func:`years_section` (the figures across the years,
like with like). Each returns a list of parts — Markdown strings and tables — that
:func:`show` displays; every number in their prose is counted from the tables they show.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import report_figures as rf
from analysis.figures_display import (
    MEASURE_NAMES,
    MISSING,
    gloss,
    period_label,
    subject_name,
    subjects_glossary,
)
from analysis.styled import styled_table
from analysis.texts_figures import FIGURES_TEXT

Part = Any  # a Markdown string or a table (DataFrame)


def show(parts: list[Part]) -> None:
    """Display a section: strings as Markdown, tables without a row-number index (a
    table whose index names its rows, such as coverage's qualities, keeps it)."""
    from IPython.display import HTML, Markdown, display

    for part in parts:
        if isinstance(part, str):
            display(Markdown(part))
        elif isinstance(part, pd.DataFrame):
            display(HTML(styled(part).to_html()))  # as HTML: no Styler repr with an address
        else:
            display(part)


def styled(table: pd.DataFrame) -> Any:
    """A table as a reader scans it (:func:`analysis.styled.styled_table`), its quotes
    from the sources marked as Chinese."""
    return styled_table(table, quotes=[c for c in table.columns if c in _QUOTE_LABELS])


#: the quote column's heading in each language (texts_figures ``col_quote``)
_QUOTE_LABELS = frozenset(FIGURES_TEXT["col_quote"].values())


def official_table(ctx: Any, figures_path: str | None = None, sources_path: str | None = None) -> pd.DataFrame:
    """The official rankings of ``ctx.year`` that the followed unit's reports quote, as a
    table (:data:`analysis.report_figures.RANKING_COLUMNS`) for the key findings to set
    beside the index's own rank; the same rows :func:`rankings_section` shows."""
    figures, reports = _inputs(ctx, figures_path, sources_path)
    glossary, _ = _names(ctx)
    year_figures = _of_unit(rf.figures_of_year(figures, ctx.year), reports, ctx)
    return rf.official_rankings(year_figures, reports, None, ctx.lang, glossary=glossary)


def rankings_section(ctx: Any, figures_path: str | None = None, sources_path: str | None = None) -> list[Part]:
    """The official rankings of ``ctx.year`` alone (:func:`rankings_part`), for a report
    that sets them beside the index's own rank instead of in the headline section."""
    figures, reports = _inputs(ctx, figures_path, sources_path)
    return rankings_part(ctx, _of_unit(rf.figures_of_year(figures, ctx.year), reports, ctx), reports)


def _inputs(ctx: Any, figures_path: str | None, sources_path: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        rf.read_figures(figures_path or ctx.study.figures),
        rf.sources(sources_path or ctx.study.sources),
    )


def _source_label(reports: pd.DataFrame, lang: str, glossary: dict[str, str]) -> dict[str, str]:
    """doc → publisher，date / publisher, date (the sources table beside gives the title);
    in English the publisher's name from the study's glossary when it has one."""
    sep = "，" if lang == "zh" else ", "
    return {
        str(f): f"{_english(p, lang, glossary)}{sep}{d}"
        for f, p, d in zip(reports["file"], reports["publisher"], reports["published"], strict=True)
    }


def _english(text: object, lang: str, glossary: dict[str, str]) -> str:
    """``text`` in English from the glossary on an English page, else as written."""
    return glossary.get(str(text), str(text)) if lang == "en" else str(text)


def _names(ctx: Any) -> tuple[dict[str, str], dict[str, str]]:
    """(the study's subject glossary, figures-framework indicator → English name)."""
    from analysis.panel import figures_framework
    from analysis.report import code_names

    return subjects_glossary(ctx.study.path, ctx.study.name), code_names(figures_framework(), "en")


def _default_unit(ctx: Any) -> str:
    """The unit of a report that names none: the study's focus (the reports of
    data/raw/reports are all Liyang's), else the followed unit."""
    return str(ctx.study.focus or ctx.unit or "")


def _of_unit(figures: pd.DataFrame, reports: pd.DataFrame, ctx: Any) -> pd.DataFrame:
    """The figures of the reports about the followed unit (:func:`analysis.panel.figures_units`;
    a report naming no unit is about the study's focus): another unit's report shows none."""
    from analysis.panel import figures_units

    units = figures_units(sorted(set(figures["doc"].astype(str))), reports, None, _default_unit(ctx))
    return figures.loc[figures["doc"].astype(str).map(units).eq(ctx.unit)]


def headline_table(chosen: pd.DataFrame, reports: pd.DataFrame, ctx: Any) -> pd.DataFrame:
    """The headline figures (rows of :func:`analysis.report_figures.headline_choice` kept),
    in the report's language: quality, indicator, figure, period, quote, source."""
    from analysis.panel import figures_framework, match_figures

    glossary, indicator_en = _names(ctx)
    mapped = match_figures(chosen, figures_framework())["indicator"].reindex(chosen.index)
    lang = ctx.lang
    sources = _source_label(reports, lang, glossary)
    order = chosen["quality"].map({d: i for i, d in enumerate(rf.DIMENSIONS)})
    chosen = chosen.assign(_order=order).sort_values(["_order", "doc", "start"], kind="stable")
    mapped = mapped.reindex(chosen.index)
    return pd.DataFrame(
        {
            "quality": chosen["quality"].to_numpy(),
            "subject": [subject_name(s, lang, glossary, indicator_en.get(c) if isinstance(c, str) else None)
                        for s, c in zip(chosen["subject"], mapped, strict=True)],
            "figure": [gloss(s, v, u, m, lang) for s, v, u, m in zip(
                chosen["surface"], chosen["value_base"], chosen["base_unit"], chosen["measure"], strict=True)],
            "period": [period_label(p, lang) for p in chosen["period"]],
            "quote": chosen["quote"].astype(str).map(rf.readable_quote).to_numpy(),
            "source": chosen["doc"].astype(str).map(sources).fillna(MISSING).to_numpy(),
            "doc": chosen["doc"].to_numpy(),
        }
    )  # fmt: skip


def _columns(ctx: Any, keys: dict[str, str]) -> dict[str, str]:
    return {column: ctx.t(key) for column, key in keys.items()}


def headline_section(
    ctx: Any, figures_path: str | None = None, sources_path: str | None = None,
    rankings: bool = True,
) -> list[Part]:  # fmt: skip
    """The headline figures of ``ctx.year`` (figures whose period ends in the year) by
    quality, for the followed unit, with what was left out and why (targets, sub-counts,
    repeats, overall rankings, figures outside the six qualities) and, with ``rankings``,
    the official rankings the reports quote (:func:`analysis.report_figures.official_rankings`).

    The intro's numbers (reports, figures) are counted from the tables shown: the sources
    table lists, per report, how many of the listed figures it gives; they add up to the
    figure count of the intro.
    """
    from analysis.report import quality_name

    figures, reports = _inputs(ctx, figures_path, sources_path)
    year_figures = _of_unit(rf.figures_of_year(figures, ctx.year), reports, ctx)
    choice = rf.headline_choice(year_figures, reports)
    kept = choice.loc[choice["left_out"].eq("")]
    table = headline_table(kept, reports, ctx)
    parts: list[Part] = [ctx.t("h_headline")]
    if table.empty:
        parts.append(ctx.t("fig_headline_none"))
    else:
        parts.append(ctx.t("fig_headline_intro", n_reports=table["doc"].nunique(), n_figures=len(table)))
        left = choice["left_out"].value_counts()
        items = [ctx.t(f"fig_left_{k}", n=int(left[k])) for k in rf.LEFT_OUT if left.get(k, 0)]
        if items:
            parts.append(ctx.t("fig_left_out", items=("、" if ctx.lang == "zh" else "; ").join(items)))
        if ctx.t("fig_gloss_note"):
            parts.append(ctx.t("fig_gloss_note"))
        parts.append(ctx.t("fig_sources_caption", n_figures=len(table)))
        parts.append(sources_table(table, reports, ctx))
        columns = _columns(ctx, {"subject": "col_subject", "figure": "col_figure", "period": "col_period",
                                 "quote": "col_quote", "source": "col_source"})  # fmt: skip
        for quality, rows in table.groupby("quality", sort=False):
            parts.append(ctx.t("fig_quality_heading", quality=quality_name(quality, ctx.lang), n=len(rows)))
            parts.append(rows[list(columns)].rename(columns=columns).reset_index(drop=True))
    if rankings:
        parts += rankings_part(ctx, year_figures, reports)
    return parts


def sources_table(table: pd.DataFrame, reports: pd.DataFrame, ctx: Any) -> pd.DataFrame:
    """Per report with a listed figure: title, publisher, date and how many of the listed
    figures it gives (the counts add up to the rows of ``table``)."""
    counts = table["doc"].value_counts()
    info = reports.set_index("file").loc[[d for d in reports["file"] if d in counts.index]]
    glossary, _ = _names(ctx)
    shown = pd.DataFrame(
        {
            "title": [_english(t, ctx.lang, glossary) for t in info["title"]],
            "publisher": [_english(p, ctx.lang, glossary) for p in info["publisher"]],
            "published": info["published"].astype(str).to_numpy(),
            "shown": [int(counts[d]) for d in info.index],
        }
    )
    columns = _columns(ctx, {"title": "col_report", "publisher": "col_publisher",
                             "published": "col_published", "shown": "col_shown"})  # fmt: skip
    return shown.rename(columns=columns)


def rankings_part(ctx: Any, year_figures: pd.DataFrame, reports: pd.DataFrame) -> list[Part]:
    """The official rankings among ``year_figures`` (the followed unit's), with an intro counting them."""
    glossary, _ = _names(ctx)
    ranks = rf.official_rankings(year_figures, reports, None, ctx.lang, glossary=glossary)  # of the unit already
    parts: list[Part] = [ctx.t("fig_h_rankings")]
    if ranks.empty:
        return [*parts, ctx.t("fig_rankings_none")]
    columns = _columns(ctx, {"ranking": "col_ranking", "rank": "col_rank", "out_of": "col_out_of",
                             "what_it_measures": "col_measures", "source": "col_source",
                             "quote": "col_quote"})  # fmt: skip
    shown = ranks.assign(out_of=[MISSING if pd.isna(v) else str(int(v)) for v in ranks["out_of"]])
    return [*parts, ctx.t("fig_rankings_intro", n=len(ranks)), shown.rename(columns=columns)]


def years_section(ctx: Any, figures_path: str | None = None, sources_path: str | None = None) -> list[Part]:
    """The figures quoted for the followed unit in every year up to ``ctx.year``, like with like: one row
    per indicator and kind of period (a whole year, or the same months of each year),
    cells as a reader of the language writes them, the coverage per quality and year, and
    every indicator figure left out with why (another subject, an unreadable value or
    period) — nothing vanishes without a word. The intro's counts come from the table."""
    from analysis import report
    from analysis.panel import figures_framework, panel_from_figures

    figures, reports = _inputs(ctx, figures_path, sources_path)
    fw = figures_framework()
    built = panel_from_figures(figures, fw, reports, unit=_default_unit(ctx))
    series = built.series.loc[built.series["unit"].eq(ctx.unit) & built.series["year"].le(ctx.year)]
    parts: list[Part] = [ctx.t("h_years")]
    if series.empty:
        return [*parts, ctx.t("fig_years_none")]
    values = report.across_years(series, fw, ctx.lang)
    years = [c for c in values.columns if isinstance(c, int)]
    n_values = int(values[years].notna().to_numpy().sum())
    parts.append(ctx.t("fig_years_intro", n_indicators=series["indicator"].nunique(), n_rows=len(values),
                       n_values=n_values))  # fmt: skip
    parts.append(ctx.t("fig_coverage_caption"))
    parts.append(report.coverage(series, fw, ctx.lang))
    parts.append(ctx.t("fig_values_caption"))
    parts.append(report.with_gaps_shown(values.rename(columns={y: str(y) for y in years})))
    apart = built.warnings.loc[
        built.warnings["unit"].eq(ctx.unit) & built.warnings["reason"].ne("other_quality")
        & built.warnings["year"].fillna(ctx.year).le(ctx.year)
    ]  # fmt: skip
    if len(apart):
        parts.append(ctx.t("fig_set_apart_caption", n=len(apart)))
        parts.append(set_apart_table(apart, figures, ctx))
    return parts


def set_apart_table(apart: pd.DataFrame, figures: pd.DataFrame, ctx: Any) -> pd.DataFrame:
    """The indicator figures left out of the across-years table: subject, figure, period,
    quote and why, in the report's language."""
    glossary, _ = _names(ctx)
    lang = ctx.lang
    spans = figures.set_index(["doc", "start"])
    found = [spans.loc[(d, s)] if (d, s) in spans.index else None
             for d, s in zip(apart["doc"], apart["start"].astype(int), strict=True)]  # fmt: skip
    why = []
    for reason, detail in zip(apart["reason"], apart["detail"].astype(str), strict=True):
        kept = detail.split(" = ", 1)[-1]
        if lang == "en":
            kept = "、".join(glossary.get(k, k) for k in kept.split("、"))
        why.append(ctx.t(f"fig_why_{reason}", kept=kept))
    table = pd.DataFrame(
        {
            "subject": [subject_name(s, lang, glossary) for s in apart["subject"]],
            "figure": [MISSING if f is None else gloss(f["surface"], f["value_base"], f["base_unit"], f["measure"], lang)
                       for f in found],
            "period": [period_label(p, lang) for p in apart["period"]],
            "quote": apart["quote"].astype(str).map(rf.readable_quote).to_numpy(),
            "why": why,
        }
    )  # fmt: skip
    columns = _columns(ctx, {"subject": "col_subject", "figure": "col_figure", "period": "col_period",
                             "quote": "col_quote", "why": "col_why"})  # fmt: skip
    return table.rename(columns=columns)


# ---------------------------------------------------------------------------- notebook 10


def cleaned_sections(
    ctx: Any, figures: pd.DataFrame, reports: pd.DataFrame, doc: str | None = None
) -> list[Part]:
    """Notebook 10's body for ``ctx.year``: the figures whose period ends in the year (of
    one report, ``doc``), per report, by quality and measure, then every indicator figure
    by quality and the other figures, in the report's language. The intro's counts come
    from the per-report table, whose rows add up to them."""
    from analysis.report import quality_name

    year_figures = rf.figures_of_year(figures, ctx.year)
    if doc is not None:
        rf.select_figures(figures, ctx.year, doc)  # an InputError naming a doc the table lacks
        year_figures = year_figures.loc[year_figures["doc"].eq(doc)]
    if year_figures.empty:
        return [ctx.t("nb10_no_year")]
    lang = ctx.lang
    indicator = year_figures["is_indicator"].astype(str).eq("yes")
    per_report = rf.figures_per_report(year_figures, reports)
    glossary, _ = _names(ctx)
    per_report = per_report.assign(
        title=[_english(t, lang, glossary) for t in per_report["title"]],
        publisher=[_english(p, lang, glossary) for p in per_report["publisher"]],
    )
    parts: list[Part] = [
        ctx.t("nb10_intro_counts", n_reports=len(per_report), n_figures=int(per_report["figures"].sum()),
              n_indicators=int(per_report["indicators"].sum())),  # fmt: skip
        ctx.t("nb10_h_reports"),
        per_report[["title", "publisher", "published", "figures", "indicators"]].rename(
            columns=_columns(ctx, {"title": "col_report", "publisher": "col_publisher",
                                   "published": "col_published", "figures": "nb10_col_figures",
                                   "indicators": "nb10_col_indicators"})  # fmt: skip
        ),
        ctx.t("nb10_h_quality"),
        by_quality_and_measure(year_figures.loc[indicator], ctx),
        quality_chart(year_figures.loc[indicator], ctx),
        ctx.t("nb10_h_every"),
    ]
    chosen = year_figures.loc[indicator].assign(quality=lambda f: rf.figure_qualities(f))
    table = headline_table(chosen, reports, ctx).assign(
        measure=[_measure(m, lang) for m in chosen.assign(
            _o=chosen["quality"].map({d: i for i, d in enumerate(rf.DIMENSIONS)})
        ).sort_values(["_o", "doc", "start"], kind="stable")["measure"]]
    )  # fmt: skip
    columns = _columns(ctx, {"subject": "col_subject", "figure": "col_figure", "measure": "col_measure",
                             "period": "col_period", "quote": "col_quote", "source": "col_source"})  # fmt: skip
    for quality, rows in table.groupby("quality", sort=False):
        name = quality_name(quality, lang) if quality in rf.DIMENSIONS[:-1] else ctx.t("nb10_outside")
        parts.append(ctx.t("fig_quality_heading", quality=name, n=len(rows)))
        parts.append(rows[list(columns)].rename(columns=columns).reset_index(drop=True))
    others = year_figures.loc[~indicator]
    if len(others):
        parts.append(ctx.t("nb10_h_others", n=len(others)))
        shown = pd.DataFrame(
            {
                "figure": [gloss(s, v, u, m, lang) if lang == "en" else s for s, v, u, m in zip(
                    others["surface"], others["value_base"], others["base_unit"], others["measure"], strict=True)],
                "period": [period_label(p, lang) for p in others["period"]],
                "quote": others["quote"].astype(str).map(rf.readable_quote).to_numpy(),
            }
        )  # fmt: skip
        parts.append(shown.rename(columns=_columns(ctx, {"figure": "col_figure", "period": "col_period",
                                                           "quote": "col_quote"})))  # fmt: skip
    return parts


def _measure(code: object, lang: str) -> str:
    from analysis.figures_display import measure_name

    return measure_name(code, lang)


def by_quality_and_measure(indicators: pd.DataFrame, ctx: Any) -> pd.DataFrame:
    """Indicator figures per quality (rows, the six in order, then those outside them) and
    measure (columns, named), with totals."""
    from analysis.report import quality_name

    lang = ctx.lang
    quality = rf.figure_qualities(indicators) if len(indicators) else pd.Series(dtype=str)
    table = pd.crosstab(
        quality.map(lambda q: quality_name(q, lang) if q != "none" else ctx.t("nb10_outside")),
        indicators["measure"].map(lambda m: _measure(m, lang)),
        margins=True, margins_name=ctx.t("nb10_total"),
    )  # fmt: skip
    order = [quality_name(d, lang) for d in rf.DIMENSIONS[:-1]] + [ctx.t("nb10_outside"), ctx.t("nb10_total")]
    measures = [_measure(m, lang) for m in MEASURE_NAMES] + [ctx.t("nb10_total")]
    table = table.reindex([r for r in order if r in table.index])
    table = table[[m for m in measures if m in table.columns] + [m for m in table.columns if m not in measures]]
    table.index.name = ctx.t("col_quality_name")
    table.columns.name = None
    return table


def quality_chart(indicators: pd.DataFrame, ctx: Any) -> Any:
    """A bar chart of the indicator figures per quality (the six, then those outside
    them), labelled in the report's language; a matplotlib Figure, closed so that it is
    shown once (by :func:`show`)."""
    import matplotlib.pyplot as plt

    from analysis.report import quality_name

    quality = rf.figure_qualities(indicators) if len(indicators) else pd.Series(dtype=str)
    counts = quality.value_counts().reindex(rf.DIMENSIONS, fill_value=0)
    labels = [quality_name(d, ctx.lang) if d != "none" else ctx.t("nb10_outside") for d in counts.index]
    fig, ax = plt.subplots(figsize=(7, 3.2), layout="constrained")
    ax.barh(labels[::-1], counts.to_numpy()[::-1], color="#4c72b0")
    ax.set_xlabel(ctx.t("nb10_chart_axis"))
    ax.set_title(ctx.t("nb10_chart_title"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    plt.close(fig)
    return fig
