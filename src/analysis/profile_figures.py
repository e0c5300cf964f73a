"""The charts of the unit profile (:mod:`analysis.profile`): dimensions against the medians,
rank intervals of the nearest units, obstacle degrees and a locator map.

Each returns a :class:`~matplotlib.figure.Figure` not registered with pyplot (nothing leaks
from one page to the next on a warm kernel) and calls :func:`analysis.fonts.use_cjk_font`
first. Colours are Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, *Color
Universal Design*): the profiled unit is always vermillion, medians black and blue.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.fonts import use_cjk_font

UNIT_COLOUR = "#D55E00"  # vermillion
PEER_COLOUR = "#000000"
GROUP_COLOUR = "#0072B2"  # blue
OTHER_COLOUR = "#999999"
MISSING_COLOUR = "#e5e5e5"


def _figure(width: float, height: float) -> tuple[Figure, Any]:
    use_cjk_font()
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def quality_dots(
    names: list[str], score: np.ndarray, peer_median: np.ndarray,
    group_median: np.ndarray | None, labels: dict[str, str], title: str,
) -> Figure:  # fmt: skip
    """A dot chart: one row per dimension (``names``, top to bottom), the unit's ``score``
    (vermillion dot), the median of all units (black bar) and of its group (blue diamond);
    ``labels`` names ``unit``, ``peer``, ``group`` and ``axis``."""
    y = np.arange(len(names))
    fig, ax = _figure(7.0, 0.5 * len(names) + 1.6)
    ax.hlines(y, 0, 100, color="0.92", lw=1, zorder=0)
    ax.scatter(peer_median, y, marker="|", s=320, lw=2.2, color=PEER_COLOUR, zorder=3, label=labels["peer"])
    if group_median is not None and np.isfinite(group_median).any():
        ax.scatter(group_median, y, marker="D", s=42, color=GROUP_COLOUR, zorder=3, label=labels["group"])
    ax.scatter(score, y, s=90, color=UNIT_COLOUR, edgecolor="black", lw=0.6, zorder=4, label=labels["unit"])
    ax.set_yticks(y, names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlim(-2, 102)
    ax.set_xlabel(labels["axis"])
    ax.set_title(title, fontsize=10, wrap=True)
    # below the axis label whatever the number of rows: the constrained layout makes room
    fig.legend(loc="outside lower center", ncol=3, frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def rank_intervals(table: pd.DataFrame, unit_label: str, labels: dict[str, str], title: str) -> Figure:
    """The 90 % rank interval (``q05``–``q95``) and nominal rank of each row of ``table``
    (``name, nominal, q05, q95``, best first); the row named ``unit_label`` in vermillion.
    The rank axis has integer ticks, rank 1 on the left."""
    y = np.arange(len(table))
    is_unit = (table["name"] == unit_label).to_numpy()
    colours = np.where(is_unit, UNIT_COLOUR, OTHER_COLOUR)
    fig, ax = _figure(7.0, 0.38 * len(table) + 1.6)
    ax.hlines(y, table["q05"], table["q95"], colors=colours, lw=5, alpha=0.8, zorder=2)
    ax.scatter(table["nominal"], y, marker="D", s=36, color="black", zorder=3)
    ax.set_yticks(y, table["name"].astype(str))
    for tick, bold in zip(ax.get_yticklabels(), is_unit, strict=True):
        if bold:  # colour only: the bundled CJK font has no bold weight
            tick.set_color(UNIT_COLOUR)
    ax.set_ylim(len(table) - 0.5, -0.5)
    low = float(np.nanmin(table[["q05", "nominal"]].to_numpy()))
    high = float(np.nanmax(table[["q95", "nominal"]].to_numpy()))
    ax.set_xlim(max(0.5, np.floor(low) - 0.5), np.ceil(high) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(labels["axis"])
    ax.set_title(title, fontsize=10, wrap=True)
    handles = [Line2D([], [], color=OTHER_COLOUR, lw=5, label=labels["interval"]),
               Line2D([], [], color="black", marker="D", ls="", label=labels["nominal"])]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def obstacle_bars(names: list[str], values: np.ndarray, axis_label: str, title: str) -> Figure:
    """Horizontal bars of the unit's largest obstacle degrees (``names`` top to bottom, %)."""
    y = np.arange(len(names))
    fig, ax = _figure(7.0, 0.42 * len(names) + 1.3)
    ax.barh(y, values, color=UNIT_COLOUR, height=0.6)
    for yi, v in zip(y, values, strict=True):
        ax.text(v, yi, f" {v:.1f}", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlim(0, float(np.max(values)) * 1.15 if len(values) and np.max(values) > 0 else 1)
    ax.set_xlabel(axis_label)
    ax.set_title(title, fontsize=10, wrap=True)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def locator_map(shapes: Any, scores: pd.Series, unit: str, labels: dict[str, str], title: str) -> Figure:
    """The units' boundaries (``shapes``: ``unit``, ``geometry``) shaded by ``scores``
    (unit → index score; light grey without one) on a colour-blind-safe sequential scale,
    ``unit`` in vermillion with a thick black outline, ringed and named at its centre."""
    import matplotlib as mpl

    fig, ax = _figure(6.5, 5.5)
    ax.set_axis_off()
    value = shapes["unit"].map(scores)
    cmap = mpl.colormaps["Blues"]
    norm = mpl.colors.Normalize(vmin=float(np.nanmin(value)), vmax=float(np.nanmax(value)))
    faces = [MISSING_COLOUR if pd.isna(v) else cmap(0.15 + 0.7 * norm(v)) for v in value]
    others = (shapes["unit"] != unit).to_numpy()
    shapes.loc[others].plot(ax=ax, color=[f for f, o in zip(faces, others, strict=True) if o],
                            edgecolor="white", linewidth=0.3)
    own = shapes.loc[~others]
    own.plot(ax=ax, color=UNIT_COLOUR, edgecolor="black", linewidth=1.6)
    # a ring and the name at the unit's centre, so that a small unit on a large map is found
    centre = own.geometry.union_all().representative_point()
    ax.scatter([centre.x], [centre.y], s=520, facecolors="none", edgecolors=UNIT_COLOUR, linewidths=2.2, zorder=5)
    ax.annotate(labels["unit"], (centre.x, centre.y), xytext=(14, 14), textcoords="offset points", fontsize=10,
                color="black", zorder=6, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": UNIT_COLOUR, "alpha": 0.9})
    bar = mpl.cm.ScalarMappable(norm=norm, cmap=mpl.colors.LinearSegmentedColormap.from_list(
        "shown", [cmap(0.15), cmap(0.85)]))
    fig.colorbar(bar, ax=ax, shrink=0.6, label=labels["score"])
    ax.legend(handles=[Patch(facecolor=UNIT_COLOUR, edgecolor="black", label=labels["unit"])],
              loc="lower left", frameon=False, fontsize=9)
    ax.set_title(title, fontsize=10, wrap=True)
    return fig
