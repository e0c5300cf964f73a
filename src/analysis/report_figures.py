"""The figures table as the report notebooks and the renderer read it.

A thin layer over :mod:`analysis.extract`, which owns the table (``read_figures``,
``figures_for_year``: the figures whose period falls in or overlaps the year), plus the
reports' sources table and the few views the notebooks show: :func:`select_figures`,
:func:`figures_per_report`, :func:`headline_figures`, and :func:`figure_years` for the
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
    "headline_figures",
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


def headline_figures(figures: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The indicator figures of the six qualities, in framework order, with their source.

    Columns: dimension, subject, surface, value_base, base_unit, measure, period, quote
    (as :func:`readable_quote` shows it), source (title, publisher, date of the report).
    """
    info = reports.set_index("file")
    chosen = figures[
        figures["is_indicator"].astype(str).eq("yes") & figures["dimension"].isin(DIMENSIONS[:-1])
    ]
    source = chosen["doc"].map(
        info["title"] + "（" + info["publisher"] + "，" + info["published"].astype(str) + "）"
    )
    order = chosen["dimension"].map({d: i for i, d in enumerate(DIMENSIONS)})
    table = chosen.assign(
        source=source, _order=order, quote=chosen["quote"].astype(str).map(readable_quote)
    ).sort_values(
        ["_order", "doc", "start"], kind="stable"
    )
    columns = ["dimension", "subject", "surface", "value_base", "base_unit", "measure",
               "period", "quote", "source"]  # fmt: skip
    return table[columns].reset_index(drop=True)
