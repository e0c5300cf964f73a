"""What a reader sees in each chart (issue 13, Presentation): words in the page's language,
integer rank axes, no overlapping labels, colour-blind-safe colours, a size that fits the
content; and each chart's alt text says what it shows. Checked on the returned Figure."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.text import Text

from analysis import plots
from analysis.sensitivity import rank_intervals, ranks_min, sobol_indices

UNITS = ["溧阳市", "江阴市", "昆山市", "常熟市", "张家港市"]
UNITS_EN = ["Liyang", "Jiangyin", "Kunshan", "Changshu", "Zhangjiagang"]


def weights(n_indicators: int = 15, n_methods: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    rows = [(f"entropy · min–max + geometric mean {m}", f"第{i}个指标的一个相当长的名称", w)
            for m in range(n_methods)
            for i, w in zip(range(n_indicators), rng.dirichlet(np.ones(n_indicators)), strict=True)]
    return pd.DataFrame(rows, columns=["method", "indicator", "weight"])


def ranks(units=UNITS) -> pd.DataFrame:
    table = {"equal/minmax-amean": [1, 2, 3, 4, 5], "entropy/minmax-amean": [2, 1, 3, 5, 4],
             "critic/minmax-amean": [1, 1, 3, 3, 5]}  # ties at the right end
    return pd.DataFrame([(m, u, r) for m, rs in table.items() for u, r in zip(units, rs, strict=True)],
                        columns=["method", "unit", "rank"])


def intervals(units=UNITS) -> pd.DataFrame:
    scores = np.random.default_rng(0).normal(loc=np.arange(5, 0, -1), size=(200, 5))
    return rank_intervals(ranks_min(scores), [1, 2, 3, 4, 5], units=units)


def sobol() -> pd.DataFrame:
    y = np.random.default_rng(1).random(6 * 40)
    return sobol_indices(y, 40, 4, n_boot=50, seed=2, factors=["weights", "normalisation", "aggregation", "winsorisation"])


def drawn(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of visible, non-empty texts whose drawn boxes overlap (by more than 1 px)."""
    renderer = drawn(fig)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer).expanded(1, 1).padded(-1)) for t in texts]
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if box_a.overlaps(box_b)]


CHARTS = {
    "weights_heatmap": lambda lang: plots.weights_heatmap(weights(), title="权重", lang=lang),
    "weights_heatmap_wide": lambda lang: plots.weights_heatmap(weights(6, 16), lang=lang),
    "rank_agreement_16": lambda lang: plots.rank_agreement(
        pd.concat([ranks().assign(method=lambda t, k=k: t["method"] + f" · min–max + arithmetic mean {k}")
                   for k in range(6)]), lang=lang),
    "rank_bump": lambda lang: plots.rank_bump(ranks(), highlight=["溧阳市"], title="位次", lang=lang),
    "rank_bump_all": lambda lang: plots.rank_bump(ranks(UNITS_EN), lang=lang),
    "rank_uncertainty": lambda lang: plots.rank_uncertainty(intervals(), highlight=["昆山市"], lang=lang),
    "sobol_bars": lambda lang: plots.sobol_bars(sobol(), lang=lang),
    "rank_agreement": lambda lang: plots.rank_agreement(ranks(), lang=lang),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_labels_overlap(name, lang):
    assert overlaps(CHARTS[name](lang)) == []


def test_tied_ranks_get_labels_apart_with_a_leader():
    fig = plots.rank_bump(ranks(), lang="en")
    assert overlaps(fig) == []
    ax = fig.axes[0]
    right = {t.get_text(): t.get_position()[1] for t in ax.texts if t.get_position()[0] > 1.5}
    assert right["溧阳市"] != right["江阴市"]  # both rank 1 under critic
    assert len(ax.lines) > len(UNITS)  # the leaders of the moved labels


@pytest.mark.parametrize("lang, rank, weight", [("zh", "位次", "权重"), ("en", "rank", "weight")])
def test_axis_words_in_the_page_language(lang, rank, weight):
    assert plots.rank_bump(ranks(), lang=lang).axes[0].get_ylabel() == rank
    assert plots.rank_uncertainty(intervals(), lang=lang).axes[0].get_xlabel() == rank
    heatmap = plots.weights_heatmap(weights(3, 2), lang=lang)
    assert heatmap.axes[1].get_ylabel() == weight  # the colour bar
    legend = plots.sobol_bars(sobol(), lang=lang).axes[0].get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == (["一阶效应 Si", "总效应 STi"] if lang == "zh" else ["first order Si", "total STi"])
    fig = plots.rank_uncertainty(intervals(), lang=lang)
    shown = [t.get_text() for t in fig.legends[0].get_texts()]
    assert ("位次中位数" in shown) == (lang == "zh") and ("median rank" in shown) == (lang == "en")


def test_words_can_be_overridden():
    fig = plots.rank_bump(ranks(), lang="en", words={"rank": "position"})
    assert fig.axes[0].get_ylabel() == "position"


def test_rank_axes_have_integer_ticks_only():
    # five units: matplotlib's default locator puts ticks at 0.5, 1.5, 2.5, ... here
    for fig, axis in ((plots.rank_bump(ranks()), "y"), (plots.rank_uncertainty(intervals()), "x")):
        drawn(fig)
        ax = fig.axes[0]
        low, high = sorted(ax.get_ylim() if axis == "y" else ax.get_xlim())
        ticks = [v for v in (ax.get_yticks() if axis == "y" else ax.get_xticks()) if low <= v <= high]
        assert ticks and all(float(v).is_integer() for v in ticks), ticks


def test_colours_come_from_the_safe_palettes():
    safe = {c.lower() for c in plots.OKABE_ITO} | {plots.GREY.lower()}
    bump = plots.rank_bump(ranks(), highlight=["溧阳市"])
    unit_lines = [line for line in bump.axes[0].lines if line.get_marker() == "o"]
    colours = {to_hex(line.get_color()) for line in unit_lines}
    assert colours <= safe and to_hex(plots.OKABE_ITO[0]) in colours
    assert {to_hex(line.get_color()) for line in plots.rank_bump(ranks()).axes[0].lines
            if line.get_marker() == "o"} <= safe
    bars = plots.sobol_bars(sobol()).axes[0].patches
    assert {to_hex(p.get_facecolor()) for p in bars} <= safe
    for fig in (plots.weights_heatmap(weights()), plots.rank_agreement(ranks())):
        assert fig.axes[0].collections[0].cmap.name in plots.SAFE_COLORMAPS
    uncertainty = plots.rank_uncertainty(intervals())
    points = [to_hex(c.get_facecolor()[0]) for c in uncertainty.axes[0].collections if len(c.get_facecolor())]
    assert set(points) <= safe | {to_hex(plots.HIGHLIGHT)}


def test_heatmap_grows_with_its_rows_and_never_squashes_them():
    small, large = plots.weights_heatmap(weights(3, 4)), plots.weights_heatmap(weights(15, 4))
    assert large.get_size_inches()[1] > small.get_size_inches()[1] + 3
    for fig, rows in ((small, 3), (large, 15)):
        drawn(fig)
        height_px = fig.axes[0].get_window_extent().height
        assert height_px >= 0.95 * rows * plots.CELL_HEIGHT * fig.dpi  # 15 rows: ≥ 480 px at 100 dpi
    tall = plots.weights_heatmap(weights(15, 16), annotate=False)
    drawn(tall)
    assert tall.axes[0].get_window_extent().height >= 0.95 * 15 * plots.CELL_HEIGHT * tall.dpi


def test_bump_chart_grows_with_its_ranks():
    five = plots.rank_bump(ranks())
    many = pd.DataFrame([(m, f"U{u}", (u * (k + 1)) % 30 + 1) for k, m in enumerate("abc") for u in range(30)],
                        columns=["method", "unit", "rank"])
    thirty = plots.rank_bump(many)
    assert thirty.get_size_inches()[1] >= 30 * plots.RANK_STEP
    assert thirty.get_size_inches()[1] > five.get_size_inches()[1]
    assert overlaps(thirty) == []


def test_followed_unit_is_marked():
    fig = plots.rank_uncertainty(intervals(), highlight=["昆山市"])
    boxed = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_bbox_patch() is not None]
    assert boxed == ["昆山市"]
    bump = plots.rank_bump(ranks(), highlight=["溧阳市"])
    assert {t.get_text() for t in bump.axes[0].texts if t.get_bbox_patch() is not None} == {"溧阳市"}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.integers(1, 40).map(float), st.just(np.nan)), min_size=1, max_size=40),
       st.floats(0.1, 3.0))
def test_spread_labels_keeps_order_and_spacing(values, gap):
    y = np.array(values)
    out = plots.spread_labels(y, gap)
    assert np.array_equal(np.isnan(out), np.isnan(y))
    known = ~np.isnan(y)
    order = np.argsort(y[known], kind="stable")
    placed = out[known][order]
    assert np.all(np.diff(placed) >= gap - 1e-9)
    assert np.all(np.abs(out[known] - y[known]) <= gap * known.sum() + 1e-9)


def test_spread_labels_leaves_spaced_labels_alone():
    y = np.array([1.0, 3.0, 2.0, np.nan, 5.0])
    assert np.array_equal(plots.spread_labels(y, 1.0), y, equal_nan=True)
    # two ties at 1: pushed half a gap each way
    assert np.allclose(plots.spread_labels(np.array([1.0, 1.0]), 1.0), [0.75, 1.75])


def test_alt_texts_say_what_the_chart_shows():
    bump = plots.describe_rank_bump(ranks(), highlight=["常熟市"], lang="zh")
    assert "5 个单位" in bump and "3 种方法" in bump and "常熟市的位次在 3 到 5 之间" in bump
    assert "Kunshan ranks 3 under every method" in plots.describe_rank_bump(
        ranks(UNITS_EN), highlight=["Kunshan"], lang="en")
    table = pd.DataFrame({"method": ["a", "a", "b", "b"], "indicator": ["x", "y", "x", "y"],
                          "weight": [0.5, 0.5, 0.8, 0.2]})
    assert plots.describe_weights_heatmap(table, "en").endswith("The largest weight is x under b (0.80).")
    intervals_table = pd.DataFrame({"unit": ["A", "B"], "nominal": [1, 2], "median": [1, 2],
                                    "q05": [1.0, 1.0], "q95": [2.0, 4.0]})
    text = plots.describe_rank_uncertainty(intervals_table, highlight=["B"], lang="en")
    assert "median width is 2 ranks" in text and "B: nominal rank 2, interval [1, 4]" in text
    sobol_table = pd.DataFrame({"factor": ["w", "n"], "Si": [0.1, 0.5], "STi": [0.2, 0.7]})
    assert "n (STi = 0.70)" in plots.describe_sobol_bars(sobol_table, "en")
    agreement = plots.describe_rank_agreement(ranks(), lang="en")
    assert "3 methods" in agreement and "Spearman" in agreement
