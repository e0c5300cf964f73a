"""Words of the exploration and comparison notebooks (20, 30) that name the study's own units
(``{units}``: cities, countries, 县级市 ...) instead of the generic "unit", and the sentences
that replace a section which has nothing to show (no missing value, no followed unit).

Merged into :data:`analysis.report_text.TEXT` (these keys win over the older ones there).
"""

from __future__ import annotations

EXPLORE_TEXT: dict[str, dict[str, str]] = {
    # ---- 20 explore
    "nb20_distributions_all": {
        "zh": "数据年份原始值的描述统计，然后是每个指标的直方图。偏斜、长尾的指标是异常值处理的对象。",
        "en": "Summary statistics of the raw values of the data year, then one histogram per indicator. "
        "Skewed indicators with long tails are candidates for outlier treatment.",
    },
    "nb20_units_count": {"zh": "{units}数", "en": "{units}"},
    "nb20_no_missing": {
        "zh": "面板各年（{years}）每个指标都没有缺失值：无需填补，缺失数据的表和图从略。",
        "en": "No value is missing in any year of the panel ({years}): nothing is imputed, and the "
        "missing-data table and chart are left out.",
    },
    "nb20_no_missing_year": {
        "zh": "{data_year} 年没有缺失值。",
        "en": "No value is missing in {data_year}.",
    },
    "nb20_missing_title_some": {
        "zh": "{data_year} 年缺失值：有缺值的 {k} 个{units}（共 {n} 个；深色 = 缺失）",
        "en": "Missing values, {data_year}: the {k} {units} with a gap, of {n} (dark = missing)",
    },
    "nb20_missing_title_most": {
        "zh": "{data_year} 年缺失值：缺值最多的 {shown} 个{units}（有缺值的共 {k} 个，全部 {n} 个；深色 = 缺失）",
        "en": "Missing values, {data_year}: the {shown} {units} with most gaps ({k} of {n} have one; "
        "dark = missing)",
    },
    "nb20_missing_one": {
        "zh": "{data_year} 年只有“{indicator}”有缺值：{n} 个{units}中的 {k} 个（{names}）。",
        "en": "In {data_year} only {indicator} has gaps: {k} of the {n} {units} ({names}).",
    },
    "nb20_single_dimensions": {
        "zh": "{k} 个维度只有一个指标：维度就是该指标，相关系数恒为 1、不能说明一致性，故留空（—）；这些维度的权重全落在一个指标上。",
        "en": "{k} dimension(s) hold a single indicator: the dimension is that indicator, so its correlation is 1 by "
        "construction and says nothing about coherence; it is left empty (—). Such a dimension's whole weight rests "
        "on one indicator.",
    },
    "nb20_treated_intro": {
        "zh": "被缩尾的点（{units}和指标；缩回方向）：",
        "en": "The winsorised points ({units} and indicators; which way each was moved):",
    },
    # ---- 30 compare
    "nb30_ranks": {
        "zh": "每种组合下各{units}的指数位次，按基准位次排序；{unit}所在行突出显示。",
        "en": "Index ranks of the {units} under every combination, ordered by the nominal rank; {unit}'s row "
        "is highlighted.",
    },
    "nb30_ranks_all": {
        "zh": "每种组合下各{units}的指数位次，按基准位次排序。",
        "en": "Index ranks of the {units} under every combination, ordered by the nominal rank.",
    },
    "nb30_bump_best": {
        "zh": "（第一种方法下前 {k} 位的{units}，共 {n} 个）",
        "en": " (the best {k} of {n} {units} on the first method)",
    },
    "nb30_bump_around": {
        "zh": "（第一种方法下位次最接近{unit}的 {k} 个{units}，共 {n} 个）",
        "en": " (the {k} {units} nearest {unit} on the first method, of {n})",
    },
    "nb30_agreement": {
        "zh": "每种组合与基准组合比较：斯皮尔曼（Spearman）与肯德尔（Kendall）秩相关、平均绝对位次变动、保持位次的{units}比例、"
        "前 K 名重合数。经验上斯皮尔曼相关高于 0.9、平均变动小于一位时，结论不取决于方法。",
        "en": "Each combination against the nominal one: Spearman and Kendall correlations, the mean absolute rank "
        "shift, the share of {units} keeping their rank, the top-K overlap. As a rule of thumb, Spearman above 0.9 "
        "and a mean shift below one place mean the conclusions do not hang on the method.",
    },
    "nb30_movers": {
        "zh": "每种组合下位次变动最大的（至多 3 个）{units}，以及该组合下有效权重变化最大的指标：变化以占指数的百分点计"
        "（该组合的有效权重 − 基准有效权重）。“权重不变”表示该组合只换了标准化或聚合方法。",
        "en": "The {units} whose rank moves most under each combination (up to three), with the indicators whose "
        "effective weight changes most under it, in percentage points of the index (the combination's effective "
        "weight − the nominal one). \"Same weights\": the combination changes only the normalisation or the "
        "aggregation.",
    },
    "nb30_dimensions": {"zh": "维度", "en": "dimensions"},
}
