"""The figures table as the report notebooks and the renderer read it.

A thin layer over :mod:`analysis.extract`, which owns the table (``read_figures``,
``figures_for_year``: the figures whose period falls in or overlaps the year), plus the
reports' sources table and the few views the notebooks show: :func:`select_figures`,
:func:`figures_per_report` and :func:`figure_years` for the
renderer's default years.
"""

from __future__ import annotations

import os
import re

import pandas as pd

from analysis import config
from analysis.errors import InputError
from analysis.extract import DIMENSIONS, FIGURE_COLUMNS, figures_for_year, read_figures
from analysis.files import read_csv

__all__ = [
    "DIMENSIONS",
    "FIGURE_COLUMNS",
    "figure_years",
    "figures_for_year",
    "figures_per_report",
    "read_figures",
    "readable_quote",
    "select_figures",
    "sources",
]

SOURCE_COLUMNS = ("file", "title", "publisher", "published")


def sources(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The reports' sources table (file, title, publisher, published, unit), read by the
    suite's one reader of sources.csv (:func:`analysis.sources.read_source_table`), which
    also requires ``title`` and ``publisher`` here: the reports cite them."""
    from analysis.sources import read_source_table

    path = path or config.RAW_SOURCES
    listed = read_csv(path, what="sources table", nrows=0).columns
    missing = [c for c in SOURCE_COLUMNS if c not in listed]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(map(repr, missing))}")
    return read_source_table(path)


def figure_years(figures: pd.DataFrame) -> list[int]:
    """The years the reports give figures for, ascending: one annual report each.

    A figure counts for the last year of its period (``2023-01..2023-11`` → 2023,
    ``2021..2024`` → 2024); only indicator figures count (``is_indicator = yes``), so
    that dates and anniversaries (``1949..2024``) add no report years.
    """
    from analysis.sources import period_last_year

    indicators = figures.loc[figures["is_indicator"].astype(str).eq("yes"), "period"]
    return sorted({y for y in indicators.map(period_last_year) if y is not None})


def select_figures(figures: pd.DataFrame, year: int, doc: str | None = None) -> pd.DataFrame:
    """The figures of ``year`` (of one report, ``doc``, if given), in text order.

    A ``doc`` the table does not hold is an :class:`InputError` naming it.
    """
    chosen = figures_for_year(figures, year)
    if doc is not None:
        docs = sorted(figures["doc"].unique())
        if doc not in docs:
            raise InputError(f"doc {doc!r}: not in the figures table (it holds {docs})")
        chosen = chosen[chosen["doc"] == doc]
    return chosen.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


def figures_per_report(figures: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report that holds figures: its title, date, figures and indicators."""
    is_indicator = figures["is_indicator"].astype(str).eq("yes")
    counts = (
        figures.assign(indicator=is_indicator)
        .groupby("doc")
        .agg(figures=("doc", "size"), indicators=("indicator", "sum"))
    )
    info = reports.set_index("file")[["title", "publisher", "published"]]
    return info.join(counts, how="inner").rename_axis("doc").reset_index()


_MARKUP = re.compile(r"\*\*|</?[A-Za-z][^<>]{0,30}>")
_WHITESPACE = re.compile(r"\s+")


def readable_quote(quote: str) -> str:
    """The quote as a reader of the report sees it: markdown bold and HTML tags removed,
    line breaks and runs of spaces made one space between Latin words, none between
    Chinese ones (``**第17位**`` → ``第17位``, ``PM<sub>2.5</sub>`` → ``PM2.5``).

    The figures table keeps the exact quote (``text[start:end]`` provenance); this is only
    for display.
    """
    plain = _MARKUP.sub("", quote)
    return _WHITESPACE.sub(
        lambda m: " " if m.start() > 0 and m.end() < len(plain)
        and plain[m.start() - 1].isascii() and plain[m.end()].isascii() else "",
        plain,
    ).strip()


# ---------------------------------------------------------------------------- headline choice

#: why an indicator figure of the year is not a headline figure (:func:`headline_choice`)
LEFT_OUT = ("target", "part", "repeat", "ranking", "other")


def figures_of_year(figures: pd.DataFrame, year: int) -> pd.DataFrame:
    """The figures whose period ends in ``year`` (:func:`analysis.sources.period_last_year`):
    the figures a report for ``year`` shows (a figure on 2021..2024 belongs to 2024's)."""
    from analysis.sources import period_last_year

    last = figures["period"].map(period_last_year)
    return figures.loc[last.eq(year)].sort_values(["doc", "start"], kind="stable")


def figure_qualities(figures: pd.DataFrame, framework=None) -> pd.Series:
    """Each figure's quality as every report section shows it: the quality of the
    indicator the figures framework maps it to (:func:`analysis.panel.match_figures`),
    else its own ``dimension``: one figure sits under one quality everywhere."""
    from analysis.panel import figures_framework, match_figures

    fw = framework if framework is not None else figures_framework()
    names = dict(zip(fw.table["code"], fw.table["name"].astype(str), strict=True))
    mapped = match_figures(figures, fw)["indicator"].map(fw.parent_of).map(names)
    return mapped.reindex(figures.index).fillna(figures["dimension"].astype(str))


def _is_target(figures: pd.DataFrame) -> pd.Series:
    return figures["measure"].astype(str).eq("target") | figures["subject"].astype(str).str.contains(
        "目标", regex=False
    )


def headline_choice(figures: pd.DataFrame, reports: pd.DataFrame, framework=None) -> pd.DataFrame:
    """The indicator figures of a year, each with its ``quality`` (:func:`figure_qualities`)
    and ``left_out``: empty for a headline figure, else why it is not one (:data:`LEFT_OUT`):

    - ``target``: a target (measure ``target``, or 目标 in the subject);
    - ``part``: a sub-count (note ``subset``, or a subject 其中…) whose total is quoted
      beside it;
    - ``ranking``: a ranking or assessment of the unit as a whole (dimension ``none``,
      measure ``rank``): :func:`official_rankings` lists them;
    - ``other``: outside the six qualities (dimension ``none``: pilot-scheme counts);
    - ``repeat``: the same subject, value and period quoted again; the latest report's
      mention is kept (then the first in text order).
    """
    from analysis.figure_keys import subject_key

    chosen = figures.loc[figures["is_indicator"].astype(str).eq("yes")].copy()
    chosen["quality"] = figure_qualities(chosen, framework) if len(chosen) else pd.Series(dtype=str)
    published = chosen["doc"].map(dict(zip(reports["file"], reports["published"].astype(str), strict=True)))
    note = chosen["note"].fillna("").astype(str) if "note" in chosen.columns else pd.Series("", index=chosen.index)
    outside = ~chosen["quality"].isin(DIMENSIONS[:-1])
    reason = pd.Series("", index=chosen.index, dtype=object)
    reason[outside] = "other"
    reason[outside & chosen["measure"].astype(str).eq("rank")] = "ranking"
    reason[note.str.contains("subset") | chosen["subject"].astype(str).str.startswith("其中")] = "part"
    reason[_is_target(chosen)] = "target"
    key = pd.DataFrame(
        {"s": chosen["subject"].map(subject_key), "v": chosen["value_base"].astype(str),
         "p": chosen["period"].astype(str), "published": published.fillna(""),
         "start": -pd.to_numeric(chosen["start"], errors="coerce")}
    )  # fmt: skip
    order = key.sort_values(["published", "start"], ascending=False, kind="stable")
    repeat = order.duplicated(["s", "v", "p"]).reindex(chosen.index)
    reason[repeat & reason.eq("")] = "repeat"
    return chosen.assign(left_out=reason)


# ---------------------------------------------------------------------------- official rankings

RANKING_COLUMNS = ("ranking", "rank", "out_of", "what_it_measures", "source", "quote")

#: what an official ranking measures, by a pattern of its subject or quote (zh, en), the
#: first that matches (the generic provincial ranking last); the reports do not name who
#: ranks, so neither do these
RANKING_MEANINGS: tuple[tuple[str, str, str], ...] = (
    ("千亿县", "全国地区生产总值超过千亿元的县（市）之间的综合实力排名",
     "overall economic strength among China's counties with a GDP above 100 billion yuan"),
    ("基本现代化", "县级市基本现代化水平的全国百强榜",
     "basic modernisation of county-level cities: a national top-100 index list"),
    ("高质量发展百强县", "县域高质量发展水平的全国百强县榜单",
     "high-quality development of counties: a national top-100 list"),
    ("工业百强县", "县（市）工业实力的全国百强榜", "industrial strength of counties: a national top-100 list"),
    ("高质量发展考[核评]", "上级政府对县（市）高质量发展的年度考核（名次或等次）",
     "the higher government's annual assessment of high-quality development (place or grade)"),
    ("督查激励", "获省政府督查激励的工作项数在全省县（市、区）中的位次",
     "the number of work items praised in provincial government inspections, among the province's counties"),
    ("全省.{0,4}县市|全省县市", "全省县（市）之间的综合实力排名",
     "overall strength among the province's counties and county-level cities"),
)  # fmt: skip

_OUT_OF = re.compile(r"(\d+)个[“\"「]?[^第前，。、“”\"]{0,8}[”\"」]?[^第前，。、]{0,4}(?:第|前)")


def _out_of(quote: str, note: str) -> float:
    """How many places a ranking is among: ``全省40个县市第7位`` → 40, ``全国59个“千亿县”第20位``
    → 59, ``百强`` → 100; NaN when the text does not say."""
    for text in (quote, note):
        found = _OUT_OF.search(text)
        if found:
            return float(found.group(1))
    return 100.0 if "百强" in quote else float("nan")


def official_rankings(
    figures: pd.DataFrame, reports: pd.DataFrame, unit: str | None = None, lang: str = "zh",
    units: dict[str, str] | None = None, glossary: dict[str, str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """The official rankings and assessments of the unit as a whole that the sources quote
    (全省40个县市第7位, 全国千亿县第20位, 百强县第21位), for the report to set beside the
    index's own rank. Columns :data:`RANKING_COLUMNS`, worded in ``lang``:

    - ``ranking``: its name (the figure's subject; in English the study's glossary, else
      what it measures);
    - ``rank``: the place or grade as the report wrote it (第7位, 前十, 第一等次) or in
      English (7th, top 10, first grade);
    - ``out_of``: how many places it ranks (Int64; NA when the text does not say);
    - ``what_it_measures``: :data:`RANKING_MEANINGS` (the figure's subject when unknown;
      in English then "as the quote names it");
    - ``source``: the report's publisher (in English from the glossary) and date;
      ``quote``: :func:`readable_quote`.

    Rows: indicator figures of measure ``rank`` and dimension ``none`` that are not
    targets, of the documents about ``unit`` (``units``: doc → unit, by default
    :func:`analysis.panel.figures_units`; every document when ``unit`` is None); one row
    per ranking and place, the latest report's mention first kept.
    """
    from analysis.figures_display import gloss, subject_name

    chosen = figures.loc[
        figures["is_indicator"].astype(str).eq("yes") & figures["measure"].astype(str).eq("rank")
        & figures["dimension"].astype(str).eq("none") & ~_is_target(figures)
    ]  # fmt: skip
    if unit is not None and len(chosen):
        if units is None:
            from analysis.panel import figures_units

            units = figures_units(sorted(set(chosen["doc"].astype(str))), reports, None, unit)
        chosen = chosen.loc[chosen["doc"].astype(str).map(units).eq(unit)]
    info = reports.set_index("file")
    published = chosen["doc"].map(info["published"].astype(str)).fillna("")
    chosen = chosen.assign(_published=published).sort_values(["_published", "start"], ascending=[False, True])
    chosen = chosen.drop_duplicates(["subject", "value_base"])
    quotes = chosen["quote"].astype(str).map(readable_quote)
    notes = chosen["note"].fillna("").astype(str) if "note" in chosen.columns else quotes.map(lambda _: "")
    meanings = []
    for subject, quote in zip(chosen["subject"].astype(str), quotes, strict=True):
        hit = next((m for m in RANKING_MEANINGS if re.search(m[0], subject + quote)), None)
        if hit:
            meanings.append(hit[1] if lang == "zh" else hit[2])
        else:
            meanings.append(subject if lang == "zh" else "as the quote names it")
    publisher = chosen["doc"].map(info["publisher"].astype(str)).fillna("")
    if lang == "en":
        publisher = publisher.map(lambda p: (glossary or {}).get(p, p))
    source = publisher + ("，" if lang == "zh" else ", ") + chosen["_published"]
    table = pd.DataFrame(
        {
            "ranking": [
                subject_name(s, lang, glossary or {}, m[:1].upper() + m[1:] if lang == "en" else None)
                for s, m in zip(chosen["subject"], meanings, strict=True)
            ],
            "rank": [gloss(s, v, "rank", "rank", lang) for s, v in zip(chosen["surface"], chosen["value_base"], strict=True)],
            "out_of": pd.array([_out_of(q, n) for q, n in zip(quotes, notes, strict=True)], dtype="Float64").astype("Int64"),
            "what_it_measures": meanings,
            "source": source.to_numpy(),
            "quote": quotes.to_numpy(),
        }
    )
    return table[list(RANKING_COLUMNS)].reset_index(drop=True)
