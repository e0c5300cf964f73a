"""Every plot builds from its tidy table, renders Chinese labels with the bundled CJK font."""

from __future__ import annotations

import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis import plots
from analysis.errors import InputError
from analysis.fonts import CJK_FONT_FAMILY
from analysis.sensitivity import rank_intervals, ranks_min, sobol_indices

UNITS = ["北京", "上海", "广州", "深圳", "杭州"]
METHODS = ["等权", "熵权法", "CRITIC"]
INDICATORS = ["人均GDP", "城镇化率", "研发投入强度"]


def weights() -> pd.DataFrame:
    rows = [
        (m, i, w)
        for m, ws in zip(METHODS, [[1 / 3] * 3, [0.5, 0.2, 0.3], [0.2, 0.3, 0.5]], strict=True)
        for i, w in zip(INDICATORS, ws, strict=True)
    ]
    return pd.DataFrame(rows, columns=["method", "indicator", "weight"])


def ranks() -> pd.DataFrame:
    table = {"等权": [1, 2, 3, 4, 5], "熵权法": [2, 1, 3, 5, 4], "CRITIC": [1, 3, 2, 4, 5]}
    return pd.DataFrame(
        [(m, u, r) for m, rs in table.items() for u, r in zip(UNITS, rs, strict=True)],
        columns=["method", "unit", "rank"],
    )


def intervals() -> pd.DataFrame:
    scores = np.random.default_rng(0).normal(loc=np.arange(5, 0, -1), size=(200, 5))
    return rank_intervals(ranks_min(scores), [1, 2, 3, 4, 5], units=UNITS)


def sobol() -> pd.DataFrame:
    y = np.random.default_rng(1).random(6 * 40)
    return sobol_indices(y, 40, 4, n_boot=50, seed=2, factors=["权重", "标准化", "聚合", "缩尾"])


CASES = {
    "weights_heatmap": lambda: plots.weights_heatmap(weights(), title="各方法权重"),
    "rank_bump": lambda: plots.rank_bump(ranks(), title="排名变化"),
    "rank_uncertainty": lambda: plots.rank_uncertainty(intervals(), title="排名不确定性"),
    "sobol_bars": lambda: plots.sobol_bars(sobol(), title="敏感性指数"),
    "rank_agreement": lambda: plots.rank_agreement(ranks(), title="排名一致性"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_plot_renders_chinese_without_missing_glyphs(name):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = CASES[name]()
        assert isinstance(fig, Figure)
        fig.savefig(io.BytesIO(), format="png")  # rasterise: glyphs are looked up here
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert not missing, missing
    texts = [t for t in fig.findobj(Text) if any("\u4e00" <= ch <= "\u9fff" for ch in t.get_text())]
    assert texts, "no Chinese label was drawn"
    assert {t.get_fontname() for t in texts} == {CJK_FONT_FAMILY}
    plt.close(fig)
    assert plt.get_fignums() == []


def test_plots_name_a_missing_column():
    with pytest.raises(InputError, match="'weight'"):
        plots.weights_heatmap(weights().drop(columns="weight"))
    with pytest.raises(InputError, match="'q95'"):
        plots.rank_uncertainty(intervals().drop(columns="q95"))
