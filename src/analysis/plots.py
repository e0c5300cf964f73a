"""Figures for comparing weighting schemes and for the uncertainty analysis.

Each function takes a tidy table with fixed column names, draws one figure with
seaborn/matplotlib and returns the :class:`~matplotlib.figure.Figure` (the caller saves or
closes it). Every function first calls :func:`analysis.fonts.use_cjk_font`, so Chinese unit,
indicator and method names render with the bundled Noto Sans CJK SC.

Words: axis labels and legend entries come from :mod:`analysis.texts_plots` in the
report's language (``lang="zh"`` or ``"en"``; any word can be overridden with ``words=``);
titles are the caller's. Presentation rules every chart keeps (and ``tests/test_plots.py``
checks on the returned Figure): rank axes carry integer ticks only, no two labels overlap,
colours come from the Okabe–Ito palette (Okabe & Ito 2008, *Color Universal Design*) or
the perceptually uniform viridis / cividis maps (no red–green scale), and a figure grows
with its rows and columns instead of squashing them. Each chart has a ``describe_*``
function giving its alt text: one sentence saying what the chart shows.

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

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.compare import agreement_matrix
from analysis.display import set_alt
from analysis.errors import InputError
from analysis.fonts import use_cjk_font
from analysis.texts_plots import plot_words

#: Okabe & Ito's colour-blind-safe palette, in the order lines take it (yellow last: it
#: reads poorly on white)
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000",
             "#F0E442")  # fmt: skip
#: the grey of context lines and intervals (not a hue: safe for every reader)
GREY = "#BBBBBB"
#: colour maps a chart may use: perceptually uniform and readable with colour-vision
#: deficiencies (viridis, cividis), or diverging without red–green (PuOr)
SAFE_COLORMAPS = ("viridis", "cividis", "PuOr", "Greys")
#: the background of the followed unit's row (as the tables highlight it)
HIGHLIGHT = "#ffe08a"
#: inches per heatmap cell (rows, columns) and per bump-chart rank
CELL_HEIGHT, CELL_WIDTH, RANK_STEP = 0.34, 0.75, 0.3


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


def _fit_axes(fig: Figure, ax, width: float, height: float, rounds: int = 3) -> None:
    """Resize ``fig`` so that ``ax``'s drawing area is ``width`` × ``height`` inches
    whatever room its labels, title and colour bar take (constrained layout)."""
    for _ in range(rounds):
        fig.draw_without_rendering()
        box = ax.get_position()
        fig_w, fig_h = fig.get_size_inches()
        ax_w, ax_h = box.width * fig_w, box.height * fig_h
        if abs(ax_w - width) < 0.05 and abs(ax_h - height) < 0.05:
            return
        fig.set_size_inches(max(fig_w + width - ax_w, 2.0), max(fig_h + height - ax_h, 1.5))


def _wrap(label: object, width: int = 24) -> str:
    """A long label as lines of at most ``width`` characters, broken at spaces and after
    ``/`` (a Chinese label without either stays whole)."""
    text = str(label)
    tokens = [t for part in text.split(" ") for t in _split_after(part, "/")]
    lines: list[str] = []
    for token in tokens:
        glue = "" if not lines or lines[-1].endswith("/") else " "
        if lines and len(lines[-1]) + len(glue) + len(token) <= width:
            lines[-1] += glue + token
        else:
            lines.append(token)
    return "\n".join(lines) or text


def _split_after(text: str, mark: str) -> list[str]:
    parts = text.split(mark)
    return [p + mark for p in parts[:-1]] + [parts[-1]] if len(parts) > 1 else [text]


# ---------------------------------------------------------------------------- weights


def weights_heatmap(
    weights: pd.DataFrame,
    title: str | None = None,
    annotate: bool | None = None,
    cmap: str = "viridis",
    lang: str = "zh",
    words: Mapping[str, str] | None = None,
) -> Figure:
    """Heatmap of weights: indicators as rows (their names read across), methods as
    columns, both in order of appearance.

    ``weights`` is tidy ``method, indicator, weight``; values are shown as given (normalise
    first with :func:`analysis.compare.weights_table` to compare methods on one scale).
    Cells are annotated when the grid is small (at most 20 x 12) unless ``annotate`` says.
    Every cell is :data:`CELL_HEIGHT` × :data:`CELL_WIDTH` inches: the figure grows with
    the grid and its labels.
    """
    import seaborn as sns

    _require(weights, ["method", "indicator", "weight"], "weights")
    said = plot_words(lang, words)
    methods = list(pd.unique(weights["method"]))
    indicators = list(pd.unique(weights["indicator"]))
    wide = weights.pivot(index="indicator", columns="method", values="weight")
    wide = wide.loc[indicators, methods].astype(np.float64)
    if annotate is None:
        annotate = len(methods) <= 12 and len(indicators) <= 20
    wide.index = [_wrap(i, 30) for i in wide.index]
    wide.columns = [str(m) for m in wide.columns]  # upright under its column: one line each
    cell_width = CELL_WIDTH if annotate else 0.45
    fig, ax = _figure(cell_width * len(methods) + 4.0, CELL_HEIGHT * len(indicators) + 2.0)
    sns.heatmap(wide, ax=ax, cmap=cmap, annot=annotate, fmt=".2f", linewidths=0.5,
                annot_kws={"fontsize": 8}, cbar_kws={"label": said["weight"], "shrink": 0.8})
    ax.set_xlabel(said["method"])
    ax.set_ylabel(said["indicator"])
    ax.tick_params(axis="x", labelrotation=90, labelsize=9)
    ax.tick_params(axis="y", labelrotation=0, labelsize=9)
    if title:
        ax.set_title(title)
    _fit_axes(fig, ax, cell_width * len(methods), CELL_HEIGHT * len(indicators))
    return set_alt(fig, describe_weights_heatmap(weights, lang, words))


def describe_weights_heatmap(weights: pd.DataFrame, lang: str = "zh",
                             words: Mapping[str, str] | None = None) -> str:
    """Alt text of :func:`weights_heatmap`: how many indicators (``words['indicators']``:
    what the rows are) and methods, and the largest weight with its indicator and method."""
    _require(weights, ["method", "indicator", "weight"], "weights")
    said = plot_words(lang, words)
    known = weights.dropna(subset=["weight"])
    top = known.loc[known["weight"].astype(np.float64).idxmax()] if len(known) else None
    return said["alt_weights"].format(
        n_methods=weights["method"].nunique(), n_indicators=weights["indicator"].nunique(),
        indicators=said["indicators"],
        method="—" if top is None else top["method"],
        indicator="—" if top is None else top["indicator"],
        weight="—" if top is None else f"{float(top['weight']):.2f}",
    )


# ---------------------------------------------------------------------------- ranks


def rank_bump(
    ranks: pd.DataFrame,
    methods: Sequence[str] | None = None,
    highlight: Sequence[str] | None = None,
    title: str | None = None,
    lang: str = "zh",
    words: Mapping[str, str] | None = None,
) -> Figure:
    """Bump chart: each unit's rank across methods (x), rank 1 at the top.

    ``ranks`` is tidy ``method, unit, rank``; ``methods`` fixes the order along x (default:
    order of appearance). Units are labelled at both ends, the labels of tied ranks pushed
    apart (:func:`spread_labels`) with a thin leader to their line; ``highlight`` draws the
    named units in Okabe–Ito colours with their names on a highlight, the others in grey (default: all in colour).
    The rank axis has integer ticks; the figure is :data:`RANK_STEP` inches tall per unit
    (per rank while the ranks span at most twice the units).
    """
    _require(ranks, ["method", "unit", "rank"], "ranks")
    said = plot_words(lang, words)
    methods = list(methods) if methods is not None else list(pd.unique(ranks["method"]))
    wide = ranks.pivot(index="unit", columns="method", values="rank")[methods].astype(np.float64)
    wide = wide.sort_values(methods[0])
    n_units = len(wide)
    top_rank = float(np.nanmax(wide.to_numpy())) if n_units else 1.0
    # a rank step per unit (more, up to two, when ranks spread beyond the units shown)
    rows = max(n_units, min(top_rank, 2 * n_units))
    fig, ax = _figure(max(5.0, 1.4 * len(methods) + 3.5), max(3.0, RANK_STEP * rows + 1.6))
    x = np.arange(len(methods))
    highlighted = set(highlight) if highlight is not None else None
    colours = _line_colours(list(wide.index), highlighted)
    for unit, row in wide.iterrows():
        focus = highlighted is None or unit in highlighted
        ax.plot(x, row.to_numpy(), marker="o", lw=2.4 if focus else 1, ms=5 if focus else 3,
                color=colours[unit], zorder=3 if focus else 2)
    ax.set_xticks(x, [_wrap(m, 14) for m in methods])
    ax.set_xlim(-0.6, len(methods) - 0.4)
    ax.set_ylim(top_rank + 0.5, 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_ylabel(said["rank"])
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    fig.draw_without_rendering()
    points_per_rank = ax.get_window_extent().height / (top_rank) * 72 / fig.dpi
    gap = 9.5 / max(points_per_rank, 1e-9)  # an 8-point label with a little air, in ranks
    for column, side in ((0, "left"), (len(methods) - 1, "right")):
        _end_labels(ax, wide.iloc[:, column], x[column], side, gap, colours, highlighted)
    low = min(ax.get_ylim()[1], *(t.get_position()[1] - gap / 2 for t in ax.texts))
    high = max(ax.get_ylim()[0], *(t.get_position()[1] + gap / 2 for t in ax.texts))
    ax.set_ylim(high, low)
    return set_alt(fig, describe_rank_bump(ranks, methods, highlight, lang, words))


def _line_colours(units: list[str], highlighted: set[str] | None) -> dict[str, str]:
    """Unit → colour: Okabe–Ito in turn for the highlighted units (every unit without a
    highlight), grey for the rest."""
    coloured = [u for u in units if highlighted is None or u in highlighted]
    colour_of = {u: OKABE_ITO[k % len(OKABE_ITO)] for k, u in enumerate(coloured)}
    return {u: colour_of.get(u, GREY) for u in units}


def spread_labels(positions: np.ndarray, gap: float) -> np.ndarray:
    """Label positions at least ``gap`` apart, each as near its own position as the order
    allows: y'_i = max(y_i, y'_(i-1) + gap) over the positions sorted ascending (a
    cumulative maximum, y'_i = i·gap + max_(j≤i)(y_j − j·gap)), then the block shifted back
    by half its mean displacement so that it spreads both ways. Order is kept; NaN stays
    NaN."""
    values = np.asarray(positions, dtype=np.float64)
    out = np.full_like(values, np.nan)
    known = np.flatnonzero(~np.isnan(values))
    if not len(known):
        return out
    order = known[np.argsort(values[known], kind="stable")]
    y = values[order]
    steps = np.arange(len(y)) * gap
    pushed = steps + np.maximum.accumulate(y - steps)
    shift = (pushed - y).mean() / 2
    pushed = pushed - shift
    # a shift may not break the spacing, only move the block: re-push from the new first
    pushed = steps + np.maximum.accumulate(pushed - steps)
    out[order] = pushed
    return out


def _end_labels(ax, ranks: pd.Series, x: float, side: str, gap: float,
                colours: Mapping[str, str], highlighted: set[str] | None) -> None:
    """Unit names beside one end of the bump chart, spread apart where ranks tie."""
    placed = spread_labels(ranks.to_numpy(np.float64), gap)
    offset = -0.12 if side == "left" else 0.12
    for unit, rank, y in zip(ranks.index, ranks.to_numpy(np.float64), placed, strict=True):
        if np.isnan(rank):
            continue
        focus = highlighted is not None and unit in highlighted
        box = {"facecolor": HIGHLIGHT, "edgecolor": "none", "pad": 1.0} if focus else None
        ax.text(x + offset, y, str(unit), ha="right" if side == "left" else "left",
                va="center", fontsize=8, color=colours[unit] if focus else "0.15", bbox=box)
        if abs(y - rank) > 1e-9:
            ax.plot([x, x + offset * 0.8], [rank, y], color="0.6", lw=0.6, zorder=1)


def describe_rank_bump(ranks: pd.DataFrame, methods: Sequence[str] | None = None,
                       highlight: Sequence[str] | None = None, lang: str = "zh",
                       words: Mapping[str, str] | None = None) -> str:
    """Alt text of :func:`rank_bump`: how many units (``words['units']``: what they are)
    and methods, and the range of ranks of each highlighted unit."""
    _require(ranks, ["method", "unit", "rank"], "ranks")
    said = plot_words(lang, words)
    methods = list(methods) if methods is not None else list(pd.unique(ranks["method"]))
    focus = []
    for unit in highlight or []:
        mine = ranks.loc[(ranks["unit"] == unit) & ranks["method"].isin(methods), "rank"].dropna()
        if len(mine):
            lo, hi = int(mine.min()), int(mine.max())
            key = "alt_bump_focus_same" if lo == hi else "alt_bump_focus"
            focus.append(said[key].format(unit=unit, lo=lo, hi=hi))
    return said["alt_bump"].format(
        n_units=ranks["unit"].nunique(), units=said["units"], n_methods=len(methods),
        methods=said["list_sep"].join(map(str, methods)), focus=" ".join(focus),
    ).strip()


def rank_uncertainty(
    intervals: pd.DataFrame,
    order_by: str = "nominal",
    title: str | None = None,
    highlight: Sequence[str] | None = None,
    lang: str = "zh",
    words: Mapping[str, str] | None = None,
) -> Figure:
    """Rank uncertainty per unit: the 5-95 % interval, the median and the nominal rank.

    ``intervals`` is ``unit, nominal, median, q05, q95`` (see
    :func:`analysis.sensitivity.rank_intervals`). Units run down the y axis, sorted by
    ``order_by`` (``"nominal"`` or ``"median"``), best at the top, as COINr's
    ``plot_uncertainty``/``plotSARanks``; the rows of ``highlight`` are shaded and their
    names set on the highlight colour. The rank axis has integer ticks.
    """
    _require(intervals, ["unit", "nominal", "median", "q05", "q95"], "rank intervals")
    if order_by not in ("nominal", "median"):
        raise InputError(f"rank_uncertainty: order_by {order_by!r}; use 'nominal' or 'median'")
    said = plot_words(lang, words)
    table = intervals.sort_values([order_by, "unit"], kind="stable").reset_index(drop=True)
    y = np.arange(len(table))
    fig, ax = _figure(6.5, max(3.0, 0.25 * len(table) + 1.6))
    marked = set(highlight or [])
    for row in np.flatnonzero(table["unit"].isin(marked).to_numpy()):
        ax.axhspan(row - 0.5, row + 0.5, color=HIGHLIGHT, zorder=0)
    ax.hlines(y, table["q05"], table["q95"], color=GREY, lw=3, label=said["rank_interval"])
    ax.scatter(table["median"], y, color=OKABE_ITO[3], s=45, zorder=3, label=said["median_rank"])
    ax.scatter(table["nominal"], y, color=OKABE_ITO[0], marker="D", s=16, zorder=4,
               label=said["nominal_rank"])
    ax.set_yticks(y, table["unit"].astype(str))
    for label, unit in zip(ax.get_yticklabels(), table["unit"], strict=True):
        if unit in marked:  # the bundled CJK font has no bold: a highlight box instead
            label.set_bbox({"facecolor": HIGHLIGHT, "edgecolor": "none", "pad": 1.0})
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_xlabel(said["rank"])
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=3, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    return set_alt(fig, describe_rank_uncertainty(intervals, highlight, lang))


def describe_rank_uncertainty(intervals: pd.DataFrame, highlight: Sequence[str] | None = None,
                              lang: str = "zh") -> str:
    """Alt text of :func:`rank_uncertainty`: how many units, the median interval width and
    each highlighted unit's nominal rank and interval."""
    _require(intervals, ["unit", "nominal", "median", "q05", "q95"], "rank intervals")
    said = plot_words(lang)
    width = (intervals["q95"] - intervals["q05"]).astype(np.float64).median()
    focus = [
        said["alt_uncertainty_focus"].format(unit=r.unit, nominal=_whole(r.nominal),
                                             q05=_whole(r.q05), q95=_whole(r.q95))
        for r in intervals.loc[intervals["unit"].isin(list(highlight or []))].itertuples()
    ]
    return said["alt_uncertainty"].format(
        n_units=len(intervals), width=_whole(width), focus=" ".join(focus)).strip()


def _whole(value: float) -> str:
    """A rank as written: a whole number without decimals, else one decimal."""
    value = float(value)
    return "—" if np.isnan(value) else (f"{value:.0f}" if value == round(value) else f"{value:.1f}")


# ---------------------------------------------------------------------------- sensitivity


def sobol_bars(
    sobol: pd.DataFrame,
    title: str | None = None,
    lang: str = "zh",
    words: Mapping[str, str] | None = None,
) -> Figure:
    """Grouped bars of first order (Si) and total (STi) Sobol indices per factor.

    ``sobol`` is ``factor, Si, STi`` and, when present, the bootstrap quantiles
    ``Si_q05, Si_q95, STi_q05, STi_q95`` drawn as error bars. STi - Si is the share of
    variance due to interactions. Values are drawn as estimated (small negative Si included).
    """
    _require(sobol, ["factor", "Si", "STi"], "sobol indices")
    said = plot_words(lang, words)
    fig, ax = _figure(max(4.5, 1.3 * len(sobol) + 2.0), 4.0)
    x = np.arange(len(sobol))
    width = 0.38
    bars = ((-width / 2, "Si", OKABE_ITO[0], said["first_order"]),
            (width / 2, "STi", OKABE_ITO[3], said["total_order"]))  # fmt: skip
    for offset, index, colour, label in bars:
        values = sobol[index].to_numpy(np.float64)
        low, high = f"{index}_q05", f"{index}_q95"
        err = None
        if low in sobol.columns and high in sobol.columns:
            lo = sobol[low].to_numpy(np.float64)
            hi = sobol[high].to_numpy(np.float64)
            err = np.vstack([np.clip(values - lo, 0, None), np.clip(hi - values, 0, None)])
            err = np.nan_to_num(err)
        ax.bar(x + offset, values, width, yerr=err, capsize=3, color=colour, label=label)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(x, [_wrap(f, 12) for f in sobol["factor"].astype(str)])
    ax.set_ylabel(said["sensitivity_index"])
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    return set_alt(fig, describe_sobol_bars(sobol, lang))


def describe_sobol_bars(sobol: pd.DataFrame, lang: str = "zh") -> str:
    """Alt text of :func:`sobol_bars`: how many factors, and the one with the largest
    total effect."""
    _require(sobol, ["factor", "Si", "STi"], "sobol indices")
    said = plot_words(lang)
    known = sobol.dropna(subset=["STi"])
    top = known.loc[known["STi"].astype(np.float64).idxmax()] if len(known) else None
    return said["alt_sobol"].format(
        n=len(sobol), factor="—" if top is None else top["factor"],
        sti="—" if top is None else f"{float(top['STi']):.2f}",
    )


def rank_agreement(
    ranks: pd.DataFrame,
    method: str = "spearman",
    title: str | None = None,
    lang: str = "zh",
    words: Mapping[str, str] | None = None,
) -> Figure:
    """Matrix of rank correlations between methods (Spearman by default, or Kendall tau-b),
    on the cividis scale (dark = low agreement, light = high).

    ``ranks`` is tidy ``method, unit, rank`` (or ``score``); see
    :func:`analysis.compare.agreement_matrix` for the correlation on common units.
    """
    import seaborn as sns

    said = plot_words(lang, words)
    matrix = agreement_matrix(ranks, method=method)
    matrix.index = [_wrap(m, 24) for m in matrix.index]
    matrix.columns = [str(m) for m in matrix.columns]  # upright under its column: one line each
    side = max(2.5, 0.6 * len(matrix))
    fig, ax = _figure(side + 3.0, side + 2.0)
    # the scale starts at the lowest correlation (rounded down to 0.1), so that differences
    # among methods that all agree well still show
    low = float(np.floor(10 * np.nanmin(matrix.to_numpy())) / 10) if matrix.size else 0.0
    low = min(low, 0.9)
    sns.heatmap(matrix, ax=ax, vmin=low, vmax=1.0, cmap="cividis", annot=len(matrix) <= 16,
                fmt=".2f", annot_kws={"fontsize": 7}, square=True, linewidths=0.5,
                cbar_kws={"label": said.get(method, method), "shrink": 0.8})
    ax.tick_params(axis="x", labelrotation=90, labelsize=8)
    ax.tick_params(axis="y", labelrotation=0, labelsize=8)
    if title:
        ax.set_title(title)
    _fit_axes(fig, ax, side, side)
    return set_alt(fig, describe_rank_agreement(ranks, method, lang))


def describe_rank_agreement(ranks: pd.DataFrame, method: str = "spearman",
                            lang: str = "zh") -> str:
    """Alt text of :func:`rank_agreement`: how many methods, and the least agreeing pair."""
    said = plot_words(lang)
    matrix = agreement_matrix(ranks, method=method).to_numpy(np.float64)
    names = list(agreement_matrix(ranks, method=method).index)
    upper = np.where(np.triu(np.ones_like(matrix, dtype=bool), k=1), matrix, np.nan)
    if np.isnan(upper).all():
        low, pair = "—", "—"
    else:
        i, j = np.unravel_index(np.nanargmin(upper), upper.shape)
        low, pair = f"{upper[i, j]:.2f}", f"{names[i]} – {names[j]}"
    return said["alt_agreement"].format(n=len(names), measure=said.get(method, method),
                                        low=low, pair=pair)
