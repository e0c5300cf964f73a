"""Figures of the regional analyses: kernel densities by year and choropleth maps.

Each function returns a :class:`~matplotlib.figure.Figure` (not registered with pyplot;
the caller saves or closes it) and first calls :func:`analysis.fonts.use_cjk_font`, so
Chinese unit names, titles and legend labels render with the bundled Noto Sans CJK SC.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.errors import InputError
from analysis.fonts import use_cjk_font

LISA_COLOURS = {"HH": "#d7191c", "LL": "#2c7bb6", "HL": "#fdae61", "LH": "#abd9e9",
                "ns": "#eeeeee"}
MISSING_COLOUR = "#d9d9d9"


def density_plot(density: pd.DataFrame, title: str | None = None,
                 xlabel: str = "score", ylabel: str = "density") -> Figure:
    """One kernel-density curve per year from ``year, x, density``
    (:func:`analysis.regional.density.density_by_year`)."""
    missing = [c for c in ("year", "x", "density") if c not in density.columns]
    if missing:
        raise InputError(f"density_plot: missing column(s) {', '.join(missing)}")
    use_cjk_font()
    fig = Figure(figsize=(7, 4.2), layout="constrained")
    ax = fig.add_subplot()
    years = list(dict.fromkeys(density["year"]))
    cmap = mpl.colormaps["viridis"]
    for k, year in enumerate(years):
        part = density.loc[density["year"].isna() if pd.isna(year) else density["year"].eq(year)]
        label = "all" if pd.isna(year) else str(year)
        ax.plot(part["x"], part["density"], color=cmap(k / max(len(years) - 1, 1)), label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(frameon=False, fontsize=8)
    return fig


def choropleth(boundaries, values: pd.Series, title: str | None = None,
               cmap: str = "YlOrRd", label: str | None = None,
               colours: dict[str, str] | None = None, missing_label: str = "no data") -> Figure:
    """A choropleth of ``values`` (a Series indexed by adcode) on ``boundaries`` (a
    GeoDataFrame with ``adcode`` and ``geometry``, :func:`~analysis.regional.boundaries.load_boundaries`).

    Numeric values: a continuous colour scale with a colour bar. Text values (e.g. LISA
    clusters or coupling levels): one colour per category (``colours`` or a qualitative
    palette) with a legend. Units without a value are drawn grey and counted in the legend.
    """
    if "adcode" not in boundaries.columns:
        raise InputError("choropleth: the boundaries need an 'adcode' column")
    use_cjk_font()
    fig = Figure(figsize=(7, 6), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    data = boundaries.assign(value=boundaries["adcode"].astype(str).map(
        values.rename(index=str)))
    absent = data["value"].isna()
    if absent.any():
        data.loc[absent].plot(ax=ax, color=MISSING_COLOUR, edgecolor="white", linewidth=0.2)
    shown = data.loc[~absent]
    handles = []
    if len(shown) and pd.api.types.is_numeric_dtype(shown["value"]):
        shown.plot(ax=ax, column="value", cmap=cmap, edgecolor="white", linewidth=0.2,
                   legend=True, legend_kwds={"label": label or "", "shrink": 0.6})
    elif len(shown):
        categories = list(dict.fromkeys(shown["value"].astype(str)))
        palette = mpl.colormaps["tab10"]
        chosen = {c: (colours or {}).get(c, palette(k % 10)) for k, c in enumerate(categories)}
        shown.plot(ax=ax, color=shown["value"].astype(str).map(chosen).tolist(),
                   edgecolor="white", linewidth=0.2)
        handles = [Patch(facecolor=chosen[c], label=c) for c in categories]
    if absent.any():
        handles.append(Patch(facecolor=MISSING_COLOUR, label=f"{missing_label} ({int(absent.sum())})"))
    if handles:
        ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8,
                  title=label if not pd.api.types.is_numeric_dtype(shown["value"]) else None)
    if title:
        ax.set_title(title)
    return fig


def lisa_map(boundaries, lisa: pd.DataFrame, title: str | None = None,
             missing_label: str = "no data", colours: dict[str, str] | None = None,
             label: str = "LISA") -> Figure:
    """Choropleth of LISA clusters (HH, LL, HL, LH, ns) from a ``unit, cluster`` table whose
    units are the boundaries' adcodes; ``colours`` maps the cluster names the table holds
    (default the codes, :data:`LISA_COLOURS`), so that a report can name them in its
    language; ``label`` is the legend's title."""
    clusters = pd.Series(lisa["cluster"].to_numpy(), index=lisa["unit"].astype(str))
    return choropleth(boundaries, clusters, title=title, colours=colours or LISA_COLOURS,
                      label=label, missing_label=missing_label)

