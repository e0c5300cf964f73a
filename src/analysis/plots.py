"""Figures for comparing weighting schemes and for the uncertainty analysis.

Each function takes a tidy table with fixed column names, draws one figure with
seaborn/matplotlib and returns the :class:`~matplotlib.figure.Figure` (the caller saves or
closes it). Every function first calls :func:`analysis.fonts.use_cjk_font`, so Chinese unit,
indicator and method names render with the bundled Noto Sans CJK SC. Labels default to
English; pass ``title=`` / axis labels in Chinese as needed.

=============================  ==============================================================
function                       table
=============================  ==============================================================
:func:`weights_heatmap`        ``method, indicator, weight``
:func:`rank_bump`              ``method, unit, rank``
:func:`rank_uncertainty`       ``unit, nominal, median, q05, q95`` (:func:`sensitivity.rank_intervals`)
:func:`sobol_bars`             ``factor, Si, STi[, Si_q05, Si_q95, STi_q05, STi_q95]``
:func:`rank_agreement`         ``method, unit, rank`` (or ``score``)
=============================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.compare import agreement_matrix
from analysis.errors import InputError
from analysis.fonts import use_cjk_font


def _require(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(
            f"{what}: missing column(s) {', '.join(map(repr, missing))}; "
            f"found {', '.join(map(repr, table.columns))}"
        )


def _figure(width: float, height: float) -> tuple[Figure, object]:
    """A new figure not registered with pyplot (nothing to leak in a long session)."""
    use_cjk_font()
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def weights_heatmap(
    weights: pd.DataFrame,
    title: str | None = None,
    annotate: bool | None = None,
    cmap: str = "YlGnBu",
) -> Figure:
    """Heatmap of weights, methods as rows and indicators as columns (order of appearance).

    ``weights`` is tidy ``method, indicator, weight``; values are shown as given (normalise
    first with :func:`analysis.compare.weights_table` to compare methods on one scale).
    Cells are annotated when the grid is small (at most 12 x 20) unless ``annotate`` says.
    """
    import seaborn as sns

    _require(weights, ["method", "indicator", "weight"], "weights")
    methods = list(pd.unique(weights["method"]))
    indicators = list(pd.unique(weights["indicator"]))
    wide = weights.pivot(index="method", columns="indicator", values="weight")
    wide = wide.loc[methods, indicators].astype(np.float64)
    if annotate is None:
        annotate = len(methods) <= 12 and len(indicators) <= 20
    wide.columns = [_wrap(c) for c in wide.columns]  # long names: a few short lines each
    label_height = 0.1 * max((len(line) for c in wide.columns for line in c.split("\n")), default=0)
    fig, ax = _figure(
        max(4.0, 0.55 * len(indicators) + 2.5), max(2.5, 0.45 * len(methods) + 1.5 + label_height)
    )
    sns.heatmap(
        wide,
        ax=ax,
        cmap=cmap,
        annot=annotate,
        fmt=".2f",
        linewidths=0.5,
        cbar_kws={"label": "weight"},
    )
    ax.set_xlabel("indicator")
    ax.set_ylabel("method")
    ax.tick_params(axis="x", labelrotation=90)
    ax.tick_params(axis="y", labelrotation=0)
    if title:
        ax.set_title(title)
    return fig


def rank_bump(
    ranks: pd.DataFrame,
    methods: Sequence[str] | None = None,
    highlight: Sequence[str] | None = None,
    title: str | None = None,
) -> Figure:
    """Bump chart: each unit's rank across methods (x), rank 1 at the top.

    ``ranks`` is tidy ``method, unit, rank``; ``methods`` fixes the order along x (default:
    order of appearance). Units are labelled at both ends; ``highlight`` draws the named
    units in colour and the others in grey (default: all in colour).
    """
    _require(ranks, ["method", "unit", "rank"], "ranks")
    methods = list(methods) if methods is not None else list(pd.unique(ranks["method"]))
    wide = ranks.pivot(index="unit", columns="method", values="rank")[methods].astype(np.float64)
    wide = wide.sort_values(methods[0])
    n_units = len(wide)
    fig, ax = _figure(max(5.0, 1.3 * len(methods) + 3.0), max(3.5, 0.28 * n_units + 1.5))
    x = np.arange(len(methods))
    colours = _palette(n_units)
    highlighted = set(highlight) if highlight is not None else None
    for colour, (unit, row) in zip(colours, wide.iterrows(), strict=True):
        focus = highlighted is None or unit in highlighted
        ax.plot(
            x,
            row.to_numpy(),
            marker="o",
            lw=2 if focus else 1,
            color=colour if focus else "0.8",
            zorder=3 if focus else 2,
        )
        first, last = row.iloc[0], row.iloc[-1]
        if not np.isnan(first):
            ax.text(x[0] - 0.08, first, str(unit), ha="right", va="center", fontsize=8)
        if not np.isnan(last):
            ax.text(x[-1] + 0.08, last, str(unit), ha="left", va="center", fontsize=8)
    ax.set_xticks(x, methods)
    ax.set_xlim(-0.9, len(methods) - 0.1)
    top_rank = np.nanmax(wide.to_numpy()) if n_units else 1
    ax.set_ylim(top_rank + 0.5, 0.5)
    ax.set_ylabel("rank")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    return fig


def _wrap(label: object, width: int = 24) -> str:
    """A long label as lines of at most ``width`` characters (a Chinese label is left whole
    when it has no spaces to break at and is at most ``width`` characters)."""
    import textwrap

    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def _palette(n: int) -> list:
    import seaborn as sns

    return sns.color_palette("husl", max(n, 1))[:n]


def rank_uncertainty(
    intervals: pd.DataFrame,
    order_by: str = "nominal",
    title: str | None = None,
) -> Figure:
    """Rank uncertainty per unit: the 5-95 % interval, the median and the nominal rank.

    ``intervals`` is ``unit, nominal, median, q05, q95`` (see
    :func:`analysis.sensitivity.rank_intervals`). Units run down the y axis, sorted by
    ``order_by`` (``"nominal"`` or ``"median"``), best at the top, as COINr's
    ``plot_uncertainty``/``plotSARanks``.
    """
    _require(intervals, ["unit", "nominal", "median", "q05", "q95"], "rank intervals")
    if order_by not in ("nominal", "median"):
        raise InputError(f"rank_uncertainty: order_by {order_by!r}; use 'nominal' or 'median'")
    table = intervals.sort_values([order_by, "unit"], kind="stable").reset_index(drop=True)
    y = np.arange(len(table))
    fig, ax = _figure(6.5, max(3.0, 0.25 * len(table) + 1.2))
    ax.hlines(y, table["q05"], table["q95"], color="0.7", lw=3, label="5-95%")
    ax.scatter(table["median"], y, color="#e67f83", s=45, zorder=3, label="median")
    ax.scatter(table["nominal"], y, color="#1f5f8b", marker="D", s=14, zorder=4, label="nominal")
    ax.set_yticks(y, table["unit"].astype(str))
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlabel("rank")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    return fig


def sobol_bars(sobol: pd.DataFrame, title: str | None = None) -> Figure:
    """Grouped bars of first order (Si) and total (STi) Sobol indices per factor.

    ``sobol`` is ``factor, Si, STi`` and, when present, the bootstrap quantiles
    ``Si_q05, Si_q95, STi_q05, STi_q95`` drawn as error bars. STi - Si is the share of
    variance due to interactions. Values are drawn as estimated (small negative Si included).
    """
    _require(sobol, ["factor", "Si", "STi"], "sobol indices")
    fig, ax = _figure(max(4.5, 1.1 * len(sobol) + 2.0), 3.8)
    x = np.arange(len(sobol))
    width = 0.38
    for offset, index, colour in ((-width / 2, "Si", "#4c72b0"), (width / 2, "STi", "#dd8452")):
        values = sobol[index].to_numpy(np.float64)
        low, high = f"{index}_q05", f"{index}_q95"
        err = None
        if low in sobol.columns and high in sobol.columns:
            lo = sobol[low].to_numpy(np.float64)
            hi = sobol[high].to_numpy(np.float64)
            err = np.vstack([np.clip(values - lo, 0, None), np.clip(hi - values, 0, None)])
            err = np.nan_to_num(err)
        ax.bar(x + offset, values, width, yerr=err, capsize=3, color=colour, label=index)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(x, sobol["factor"].astype(str))
    ax.set_ylabel("sensitivity index")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    return fig


def rank_agreement(
    ranks: pd.DataFrame,
    method: str = "spearman",
    title: str | None = None,
) -> Figure:
    """Matrix of rank correlations between methods (Spearman by default, or Kendall tau-b).

    ``ranks`` is tidy ``method, unit, rank`` (or ``score``); see
    :func:`analysis.compare.agreement_matrix` for the correlation on common units.
    """
    import seaborn as sns

    matrix = agreement_matrix(ranks, method=method)
    size = max(3.5, 0.7 * len(matrix) + 2.0)
    fig, ax = _figure(size + 0.8, size)
    low = min(0.0, float(np.nanmin(matrix.to_numpy()))) if matrix.size else 0.0
    sns.heatmap(
        matrix,
        ax=ax,
        vmin=low,
        vmax=1.0,
        cmap="RdYlGn",
        annot=len(matrix) <= 15,
        fmt=".2f",
        square=True,
        linewidths=0.5,
        cbar_kws={"label": method},
    )
    ax.tick_params(axis="x", labelrotation=45)
    ax.tick_params(axis="y", labelrotation=0)
    if title:
        ax.set_title(title)
    return fig
