"""What the exploration and comparison notebooks (20, 30) show, decided here so that the
notebooks stay thin: the missing-data section (a table, a chart of the units with gaps, or
one line when nothing is missing), readable small-multiple histograms, and the title of a
bump chart that says which units it shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator, ScalarFormatter

from analysis.plots import _wrap

if TYPE_CHECKING:
    from analysis.report import ReportContext

#: units drawn in the missing-values chart at most (the table and the workbook hold all)
MISSING_CHART_LIMIT = 60


def missing_shares(wide: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    """Per indicator (rows) and year (columns), the percentage of units without a value:
    100 · (number of NaN) / (rows of that year) of a wide ``unit, year, <indicators>`` panel."""
    return wide.groupby("year")[list(indicators)].agg(lambda s: 100 * s.isna().mean()).T


def units_with_gaps(current: pd.DataFrame, limit: int = MISSING_CHART_LIMIT) -> list:
    """The units (index of ``current``, one row per unit, one column per indicator) with at
    least one missing value, most gaps first (ties in the table's order), at most ``limit``."""
    gaps = current.isna().sum(axis=1)
    gaps = gaps[gaps > 0]
    order = np.argsort(-gaps.to_numpy(), kind="stable")
    return list(gaps.index[order][:limit])


def missing_chart_title(ctx: ReportContext, n_gaps: int, n_units: int, shown: int) -> str:
    """The chart's title: which units it draws (all with a gap, or the ``shown`` with most)."""
    if shown < n_gaps:
        return ctx.t("nb20_missing_title_most", shown=shown, k=n_gaps, n=n_units)
    return ctx.t("nb20_missing_title_some", k=n_gaps, n=n_units)


def one_indicator_gaps(ctx: ReportContext, shown: pd.DataFrame, n_units: int) -> str | None:
    """When the units with gaps (rows of ``shown``) miss values of one indicator only (its
    single column), the sentence that names them instead of a one-row chart; else None."""
    if shown.shape[1] != 1:
        return None
    names = ctx.names
    listed = ("、" if ctx.lang == "zh" else ", ").join(str(names.get(u, u)) for u in shown.index)
    return ctx.t("nb20_missing_one", indicator=ctx.indicator_names.get(shown.columns[0], shown.columns[0]),
                 k=len(shown), n=n_units, names=listed)


def coherence_table(aggregated: pd.DataFrame, framework, labels: Mapping[str, str],
                    words: Mapping[str, str]) -> pd.DataFrame:
    """The JRC's first statistical coherence check: each indicator's Spearman correlation
    with its own dimension and with the index (OECD/JRC 2008, *Handbook on constructing
    composite indicators*, step 6), computed on the ``aggregated`` data (one column per
    framework code). A dimension with a single indicator *is* that indicator (r = 1 by
    construction, no evidence of coherence): its cell is left empty (NaN).

    ``words`` gives the headings: ``quality``, ``indicator`` and ``index`` (the top's name).
    """
    rows = []
    for code in framework.indicators:
        parent = framework.parent_of[code]
        alone = len(framework.children(parent)) == 1
        rows.append({
            words["quality"]: labels[parent],
            f"r ({words['quality']})": np.nan if alone else aggregated[code].corr(aggregated[parent], method="spearman"),
            f"r ({words['index']})": aggregated[code].corr(aggregated[framework.top], method="spearman"),
        })  # fmt: skip
    return pd.DataFrame(rows, index=pd.Index([labels[c] for c in framework.indicators], name=words["indicator"]))


def single_indicator_dimensions(framework) -> int:
    """How many dimensions (parents of indicators) hold one indicator only."""
    parents = pd.Series([framework.parent_of[c] for c in framework.indicators])
    return int((parents.value_counts() == 1).sum())


def tidy_small_multiples(axes: Sequence, title_width: int = 34, x_ticks: int = 4) -> None:
    """Small multiples a reader can read: each panel's title wrapped to ``title_width``
    characters (so that neighbours' titles never run into each other), at most ``x_ticks``
    ticks on the x axis (long numbers never collide); then the figure's layout is made
    again so that a wrapped title never sits on the tick labels of the panel above."""
    axes = list(axes)
    for ax in axes:
        title = ax.get_title()
        if title:
            ax.set_title(_wrap(title, title_width), fontsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=x_ticks, min_n_ticks=2))
        if isinstance(ax.xaxis.get_major_formatter(), ScalarFormatter):
            ax.ticklabel_format(axis="x", style="plain", useOffset=False)
        ax.tick_params(axis="x", labelsize=7)
    if axes:
        axes[0].figure.tight_layout()


def wrapped(label: object, width: int = 32) -> str:
    """A long indicator name on lines of at most ``width`` characters (for chart axes)."""
    return _wrap(label, width)


def bump_title(ctx: ReportContext, title: str, shown: int, n_units: int) -> str:
    """``title`` with, when the chart draws fewer units than the comparison ranks, which
    ones: those nearest the followed unit, or the best on the first method
    (:func:`analysis.report.bump_ranks`)."""
    if shown >= n_units:
        return title
    key = "nb30_bump_around" if ctx.present else "nb30_bump_best"
    return title + ctx.t(key, k=shown, n=n_units)


def unit_words(ctx: ReportContext) -> Mapping[str, str]:
    """Chart words naming the study's units (``units``: cities, countries ...)."""
    return {"units": ctx.study.units_label_in(ctx.lang)}
