"""Alt text for every matplotlib figure a notebook shows.

:func:`register_alt_text` wraps the kernel's PNG formatter for matplotlib figures so that
each figure displayed (by ``display(fig)``, as a cell's value, or by ``plt.show()`` with
the inline backend) carries ``{"alt": ...}`` in its output metadata
(``output.metadata["image/png"]["alt"]``), which the report template writes as the
``<img alt>``. The text is :func:`alt_text`: the one a chart's owner set with
:func:`set_alt`, else :func:`describe_figure`, derived from the figure itself (chart kind,
title, axis labels, how many series, bars or points, and what is highlighted), in Chinese
when the figure's own labels are Chinese, else in English.

``analysis.fonts.use_cjk_font`` (which every figure factory calls first) registers it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

#: the figure attribute holding an alt text set by :func:`set_alt`
ALT_ATTRIBUTE = "_qci_alt_text"
#: the longest alt text made automatically (characters)
MAX_ALT = 400


def set_alt(fig: Any, text: str) -> Any:
    """Give ``fig`` the alt text ``text`` (what the chart shows, in the report's language);
    returns ``fig``. Overrides the automatic description."""
    setattr(fig, ALT_ATTRIBUTE, " ".join(str(text).split()))
    return fig


def alt_text(fig: Any) -> str:
    """The figure's alt text: the one set by :func:`set_alt`, else :func:`describe_figure`."""
    given = getattr(fig, ALT_ATTRIBUTE, None)
    return given if given else describe_figure(fig)


_WORDS = {
    "zh": {
        "bar": "柱状图", "barh": "条形图", "line": "折线图", "scatter": "散点图",
        "heatmap": "热力图", "map": "地图", "chart": "图表", "empty": "空白图",
        "x": "横轴", "y": "纵轴", "bars": "{n} 根柱", "series": "{n} 条线",
        "points": "{n} 个点", "highlighted": "突出显示", "legend": "图例", "labels": "标注",
        "panels": "{n} 幅子图", "sep": "；", "stop": "。", "colon": "：", "list": "、",
        "cells": "{r} 行 × {c} 列",
    },
    "en": {
        "bar": "Bar chart", "barh": "Horizontal bar chart", "line": "Line chart",
        "scatter": "Scatter plot", "heatmap": "Heatmap", "map": "Map", "chart": "Chart",
        "empty": "Empty figure", "x": "x axis", "y": "y axis", "bars": "{n} bars",
        "series": "{n} lines", "points": "{n} points", "highlighted": "highlighted",
        "legend": "legend", "labels": "labelled", "panels": "{n} panels", "sep": "; ",
        "stop": ". ", "colon": ": ", "list": ", ", "cells": "{r} rows × {c} columns",
    },
}  # fmt: skip


def _texts(fig: Any) -> list[str]:
    """Every text of the figure: titles, axis labels, tick labels, legends, annotations."""
    out = []
    if getattr(fig, "_suptitle", None) is not None:
        out.append(fig._suptitle.get_text())
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        out += [t.get_text() for t in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
    return [t for t in out if t]


def figure_language(fig: Any) -> str:
    """``zh`` when the figure's texts hold Chinese, else ``en``."""
    from analysis.labels import has_chinese

    return "zh" if any(has_chinese(t) for t in _texts(fig)) else "en"


def _clean(text: str) -> str:
    return " ".join(text.replace("$", "").split())


def _bar_description(ax: Any, words: dict[str, str]) -> tuple[str, list[str]]:
    """(kind, details) of an axes holding bars: count and highlighted bars' names."""
    from matplotlib.container import BarContainer

    bars = [b for c in ax.containers if isinstance(c, BarContainer) for b in c]
    horizontal = any(
        isinstance(c, BarContainer) and getattr(c, "orientation", None) == "horizontal"
        for c in ax.containers
    )
    details = [words["bars"].format(n=len(bars))]
    colours = Counter(tuple(round(v, 3) for v in b.get_facecolor()) for b in bars)
    if len(colours) > 1 and len(bars) > 2:
        common = colours.most_common(1)[0][0]
        odd = [b for b in bars if tuple(round(v, 3) for v in b.get_facecolor()) != common]
        if len(odd) <= 3:
            names = _bar_names(ax, odd, horizontal)
            if names:
                details.append(f"{words['highlighted']}{words['colon']}{words['list'].join(names)}")
    return ("barh" if horizontal else "bar"), details


def _bar_names(ax: Any, bars: list[Any], horizontal: bool) -> list[str]:
    """The tick labels at the positions of ``bars`` (their category names)."""
    ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    positions = {round(t.get_position()[1 if horizontal else 0], 3): t.get_text() for t in ticks}
    names = []
    for bar in bars:
        centre = (
            bar.get_y() + bar.get_height() / 2 if horizontal else bar.get_x() + bar.get_width() / 2
        )
        name = positions.get(round(centre, 3))
        if name:
            names.append(name)
    return names


def describe_axes(ax: Any, words: dict[str, str]) -> str:
    """One panel in words: its kind and title, axis labels, counts, highlights, legend."""
    from matplotlib.collections import PatchCollection, PathCollection, QuadMesh
    from matplotlib.container import BarContainer

    details: list[str] = []
    lines = [line for line in ax.lines if len(line.get_xdata()) > 2]
    scatter = [c for c in ax.collections if isinstance(c, PathCollection)]
    if ax.images or any(isinstance(c, QuadMesh) for c in ax.collections):
        kind = "heatmap"
        image = ax.images[0] if ax.images else None
        if image is not None and getattr(image.get_array(), "ndim", 0) == 2:
            rows, cols = image.get_array().shape
            details.append(words["cells"].format(r=rows, c=cols))
    elif any(isinstance(c, BarContainer) for c in ax.containers):
        kind, details = _bar_description(ax, words)
    elif any(isinstance(c, PatchCollection) for c in ax.collections) or len(ax.patches) > 20:
        kind = "map"
    elif lines:
        kind = "line"
        details.append(words["series"].format(n=len(lines)))
        widths = [line.get_linewidth() for line in lines]
        if len(lines) > 2 and widths.count(max(widths)) == 1 and max(widths) > min(widths):
            bold = lines[widths.index(max(widths))].get_label()
            if bold and not bold.startswith("_"):
                details.append(f"{words['highlighted']}{words['colon']}{_clean(bold)}")
    elif scatter:
        kind = "scatter"
        details.append(words["points"].format(n=sum(len(c.get_offsets()) for c in scatter)))
    else:
        kind = "chart"
    title = _clean(ax.get_title())
    head = words[kind] + (f"{words['colon']}{title}" if title else "")
    axes = []
    if kind != "map":
        for axis in ("x", "y"):
            label = _clean(ax.get_xlabel() if axis == "x" else ax.get_ylabel())
            if label:
                axes.append(f"{words[axis]}{words['colon']}{label}")
    legend = ax.get_legend()
    if legend is not None:
        entries = [_clean(t.get_text()) for t in legend.get_texts() if t.get_text()]
        if entries:
            shown = words["list"].join(entries[:6]) + ("…" if len(entries) > 6 else "")
            details.append(f"{words['legend']}{words['colon']}{shown}")
    labels = [_clean(t.get_text()) for t in ax.texts if t.get_text().strip()]
    if labels and kind in ("scatter", "line", "map") and len(labels) <= 5:
        details.append(f"{words['labels']}{words['colon']}{words['list'].join(labels)}")
    return words["sep"].join([head, *axes, *details])


#: more panels than this are described as small multiples (kind once, then the titles)
MANY_PANELS = 4


def _panel_kind(ax: Any, words: dict[str, str]) -> str:
    """The kind of chart of one panel, in words (the head of :func:`describe_axes`)."""
    head = describe_axes(ax, words).split(words["sep"])[0]
    return head.split(words["colon"])[0]


def describe_figure(fig: Any) -> str:
    """What the figure shows, from its content: chart kind, title, axis labels, number of
    series, bars or points, highlighted bars and legend entries, per panel (colour bars
    left out), in the language of the figure's labels; at most :data:`MAX_ALT` characters."""
    words = _WORDS[figure_language(fig)]
    panels = [ax for ax in fig.axes if ax.get_label() != "<colorbar>" and ax.get_visible()]
    parts = [describe_axes(ax, words) for ax in panels if ax.has_data() or ax.get_title()]
    suptitle = _clean(fig._suptitle.get_text()) if getattr(fig, "_suptitle", None) else ""
    if not parts:
        text = words["empty"] + (f"{words['colon']}{suptitle}" if suptitle else "")
    elif len(parts) == 1:
        text = (f"{suptitle}{words['stop']}" if suptitle else "") + parts[0]
    elif len(parts) > MANY_PANELS:  # small multiples: the kind once, then each panel's title
        lead = (suptitle + words["sep"] if suptitle else "") + words["panels"].format(n=len(parts))
        kinds = Counter(_panel_kind(ax, words) for ax in panels if ax.has_data() or ax.get_title())
        titles = [_clean(ax.get_title()) for ax in panels if ax.get_title()]
        text = f"{lead}{words['colon']}{words['list'].join(k for k, _ in kinds.most_common())}"
        if titles:
            text += words["stop"] + words["list"].join(titles)
    else:
        lead = (suptitle + words["sep"] if suptitle else "") + words["panels"].format(n=len(parts))
        text = lead + words["stop"] + words["stop"].join(parts)
    text = text.strip()
    return text if len(text) <= MAX_ALT else text[: MAX_ALT - 1] + "…"


def _png_with_alt(inner: Any) -> Any:
    def png(fig: Any, *args: Any, **kwargs: Any) -> Any:
        data = inner(fig, *args, **kwargs)
        if data is None:
            return None
        metadata: dict[str, Any] = {}
        if isinstance(data, tuple) and len(data) == 2:
            data, metadata = data[0], dict(data[1] or {})
        try:
            metadata["alt"] = alt_text(fig)
        except Exception:  # a description must never stop a figure from showing
            pass
        return data, metadata

    png.qci_alt_text = True  # type: ignore[attr-defined]
    return png


def register_alt_text() -> bool:
    """Make the running IPython kernel's PNG output of matplotlib figures carry alt text.

    Wraps the formatter the inline backend registered for ``Figure`` (once; calling again
    is a no-op). False outside IPython or when no PNG formatter is registered for figures.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters.get("image/png")
    if formatter is None:
        return False
    try:
        current = formatter.lookup_by_type(Figure)
    except KeyError:
        return False
    if getattr(current, "qci_alt_text", False):
        return True
    formatter.for_type(Figure, _png_with_alt(current))
    return True
