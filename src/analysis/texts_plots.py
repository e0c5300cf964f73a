"""The words of the report's charts (:mod:`analysis.plots`) in Chinese and English.

Axis labels, legend entries and the alt-text sentences of :func:`analysis.plots.describe_*`
live here, one entry per word, ``{key: {"zh": ..., "en": ...}}``, so that a chart on a
Chinese page speaks Chinese and one on an English page English. :func:`plot_words` gives a
language's words; a caller may override any of them (``words={...}``).
"""

from __future__ import annotations

from collections.abc import Mapping

PLOT_TEXT: dict[str, dict[str, str]] = {
    # axes and legends
    "weight": {"zh": "权重", "en": "weight"},
    "indicator": {"zh": "指标", "en": "indicator"},
    "method": {"zh": "方法", "en": "method"},
    "rank": {"zh": "位次", "en": "rank"},
    "rank_interval": {"zh": "5%–95% 位次区间", "en": "5–95 % rank interval"},
    "median_rank": {"zh": "位次中位数", "en": "median rank"},
    "nominal_rank": {"zh": "基准位次", "en": "nominal rank"},
    "first_order": {"zh": "一阶效应 Si", "en": "first order Si"},
    "total_order": {"zh": "总效应 STi", "en": "total STi"},
    "sensitivity_index": {"zh": "敏感性指数", "en": "sensitivity index"},
    "spearman": {"zh": "Spearman 秩相关系数", "en": "Spearman rank correlation"},
    "kendall": {"zh": "Kendall τ", "en": "Kendall's tau"},
    "other_units": {"zh": "其他单位", "en": "other units"},
    "indicators": {"zh": "指标", "en": "indicators"},
    "units": {"zh": "单位", "en": "units"},
    "list_sep": {"zh": "、", "en": ", "},
    # alt texts (analysis.plots.describe_*)
    "alt_weights": {
        "zh": "热力图：{n_methods} 种方法下 {n_indicators} 个{indicators}的权重（颜色越亮权重越大）。"
              "最大的权重是{method}方法下的“{indicator}”（{weight}）。",
        "en": "Heatmap of the weights of {n_indicators} {indicators} under {n_methods} methods "
              "(brighter is heavier). The largest weight is {indicator} under {method} ({weight}).",
    },
    "alt_bump": {
        "zh": "折线图：{n_units} 个{units}在 {n_methods} 种方法（{methods}）下的位次，第 1 位在上。{focus}",
        "en": "Line chart of the ranks of {n_units} {units} under {n_methods} methods ({methods}), "
              "rank 1 at the top. {focus}",
    },
    "alt_bump_focus": {
        "zh": "{unit}的位次在 {lo} 到 {hi} 之间。",
        "en": "{unit} ranks between {lo} and {hi}.",
    },
    "alt_bump_focus_same": {"zh": "{unit}在每种方法下都是第 {lo} 位。",
                            "en": "{unit} ranks {lo} under every method."},
    "alt_uncertainty": {
        "zh": "区间图：{n_units} 个单位的 5%–95% 位次区间、位次中位数和基准位次；"
              "区间宽度的中位数为 {width} 位。{focus}",
        "en": "Interval chart of the 5–95 % rank intervals, median ranks and nominal ranks of "
              "{n_units} units; the median width is {width} ranks. {focus}",
    },
    "alt_uncertainty_focus": {
        "zh": "{unit}的基准位次为第 {nominal} 位，区间为 [{q05}, {q95}]。",
        "en": "{unit}: nominal rank {nominal}, interval [{q05}, {q95}].",
    },
    "alt_sobol": {
        "zh": "柱状图：{n} 个不确定因素的一阶和总效应 Sobol 指数。总效应最大的是“{factor}”（STi = {sti}）。",
        "en": "Bar chart of the first-order and total Sobol indices of {n} uncertain factors. "
              "The largest total effect is {factor} (STi = {sti}).",
    },
    "alt_agreement": {
        "zh": "热力图：{n} 种方法两两之间的{measure}；最低为 {low}（{pair}）。",
        "en": "Heatmap of the {measure} between each pair of {n} methods; the lowest is {low} "
              "({pair}).",
    },
}


def plot_words(lang: str, words: Mapping[str, str] | None = None) -> dict[str, str]:
    """The charts' words in ``lang`` (``zh`` or ``en``), with ``words`` overriding any."""
    if lang not in ("zh", "en"):
        from analysis.errors import InputError

        raise InputError(f"chart language must be 'zh' or 'en', got {lang!r}")
    return {**{key: both[lang] for key, both in PLOT_TEXT.items()}, **(words or {})}
