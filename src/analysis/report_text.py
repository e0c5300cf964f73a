"""Every heading and paragraph of the report notebooks, in Chinese and English.

Texts name no place, unit or data source: those come from the study (its title, its
units' display names, what its units and data are called: ``units_label``,
``data_label``, its ``description``), filled in through ``{placeholders}`` by
:func:`analysis.report.text`. Formulas are plain Unicode and HTML (no TeX): the reports
carry no MathJax, so that they stay self-contained.
"""

from __future__ import annotations

PIPELINE_ZH = """\
**流程（规格 `{spec}`，OECD/JRC《综合指数构建手册》2008 与 COINr 的步骤）。**

1. 缺失值：用该指标的均值填补：x<sub>ij</sub> ← (1/n<sub>j</sub>) Σ<sub>k</sub> x<sub>kj</sub>（对有值的 k 求和）。
2. 筛选：保留至少 {threshold}% 指标有值的{units}。
3. 异常值（COINr 规则）：若某指标 |偏度| ≥ {skew} 且峰度 ≥ {kurt}，逐个把最极端的值缩尾到其次的值，\
最多 {winmax} 个，直到满足条件；仍不满足则作对数变换 log(x − min x + 1)。
4. 标准化（最小–最大，方向 d<sub>j</sub> = ±1）：\
y<sub>ij</sub> = 100 · (x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>) / (max<sub>i</sub> x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>)，\
d<sub>j</sub> = −1 时 y<sub>ij</sub> → 100 − y<sub>ij</sub>。
5. 加权算术平均，逐层进行：维度得分 D<sub>iq</sub> = Σ<sub>j∈q</sub> w<sub>j</sub> y<sub>ij</sub> / Σ<sub>j∈q</sub> w<sub>j</sub>，\
指数 I<sub>i</sub> = Σ<sub>q</sub> v<sub>q</sub> D<sub>iq</sub> / Σ<sub>q</sub> v<sub>q</sub>。
6. 排名：得分最高者为第 1 位；并列者取最小（最好）位次。

**权重方法（比较部分，规格 `compare-default`）。** 四种权重（等权、熵权、CRITIC、主成分）× 四种标准化与聚合（最小–最大 [0, 100] + 算术平均；z 分数 + 算术平均；最小–最大 [1, 100] + 几何平均；TOPSIS），共 16 种组合，第一种为基准。权重在框架的每一组内计算（同组之和为 1），底层由处理后的指标得到，上层由子项得分得到。X 为 n 个{units} × m 个指标。

- 等权：w<sub>j</sub> = 1/m。
- 熵权（在最小–最大标准化值 r<sub>ij</sub> 上）：p<sub>ij</sub> = r<sub>ij</sub> / Σ<sub>i</sub> r<sub>ij</sub>，e<sub>j</sub> = −(1/ln n) Σ<sub>i</sub> p<sub>ij</sub> ln p<sub>ij</sub>（0 · ln 0 = 0），w<sub>j</sub> = (1 − e<sub>j</sub>) / Σ<sub>k</sub> (1 − e<sub>k</sub>)。
- CRITIC（Diakoulaki 等 1995）：C<sub>j</sub> = σ<sub>j</sub> Σ<sub>k</sub> (1 − r<sub>jk</sub>)，w<sub>j</sub> = C<sub>j</sub> / Σ<sub>k</sub> C<sub>k</sub>（σ<sub>j</sub> 为标准差，r<sub>jk</sub> 为 Pearson 相关系数）。
- 主成分（《手册》§6.1）：在标准化数据上取特征值大于 1 的主成分，经方差最大旋转，每个指标取其载荷平方最大的因子，按该因子解释的方差加权，再归一化为和为 1。
- 几何平均：D<sub>i</sub> = Π<sub>j</sub> y<sub>ij</sub><sup>w<sub>j</sub></sup>（权重和为 1，要求 y > 0）。
- TOPSIS：向量标准化 z<sub>ij</sub> = x<sub>ij</sub> / √(Σ<sub>i</sub> x<sub>ij</sub><sup>2</sup>)，加权后到理想解与负理想解的距离 d<sub>i</sub><sup>+</sup>、d<sub>i</sub><sup>−</sup>，得分 d<sub>i</sub><sup>−</sup> / (d<sub>i</sub><sup>+</sup> + d<sub>i</sub><sup>−</sup>)。

每种方法与基准方法比较：位次变动 s<sub>i</sub> = r<sub>i</sub> − r<sub>i</sub><sup>0</sup>，\
平均绝对位次变动 (1/n) Σ<sub>i</sub> |s<sub>i</sub>|，Spearman ρ（平均位次处理并列）、Kendall τ-b，前 K 名重合数。

**稳健性。** 不确定因素及其备选：权重（基准权重上加 ±25% 均匀噪声，100 组）、标准化（最小–最大 [1, 100] 或 z 分数 100 + 10z）、\
聚合（算术或几何平均）、缩尾上限（1–5 个点）。按 Saltelli 设计抽取 N (d + 2) = {runs} 次运行，基础样本取自加扰的 Sobol' 准随机序列（SALib，种子 {seed}）；\
同一年份的各页报告共用这一次分析。\
每次运行的输出为 COINr 的平均绝对位次变动 y = (1/n) Σ<sub>i</sub> |r<sub>i</sub> − r<sub>i</sub><sup>0</sup>|。\
一阶指数（Saltelli 2010）S<sub>i</sub> = (1/N) Σ f(B) (f(A<sub>B</sub><sup>(i)</sup>) − f(A)) / V(y)，\
总效应指数（Jansen 1999）S<sub>Ti</sub> = (1/2N) Σ (f(A) − f(A<sub>B</sub><sup>(i)</sup>))<sup>2</sup> / V(y)；\
区间为 bootstrap 的 5% 与 95% 分位；估计误差会使指数略小于 0 或大于 1，显示时截断到 [0, 1]。\
位次区间为各次运行中该{unit_word}位次的 5%–95% 分位（线性插值），向外取整为整数位次。"""

PIPELINE_EN = """\
**Pipeline (spec `{spec}`, after the OECD/JRC *Handbook on Constructing Composite Indicators*, 2008, and COINr).**

1. Missing values: the indicator's mean, x<sub>ij</sub> ← (1/n<sub>j</sub>) Σ<sub>k</sub> x<sub>kj</sub> (over the k with a value).
2. Screening: keep the {units} with at least {threshold}% of indicators present.
3. Outliers (COINr's rule): while an indicator has |skewness| ≥ {skew} and kurtosis ≥ {kurt}, winsorise \
its most extreme value to the next one, at most {winmax} points; if that does not suffice, log-transform \
instead, log(x − min x + 1).
4. Normalisation (min–max, direction d<sub>j</sub> = ±1): \
y<sub>ij</sub> = 100 · (x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>) / (max<sub>i</sub> x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>), \
and y<sub>ij</sub> → 100 − y<sub>ij</sub> where d<sub>j</sub> = −1.
5. Weighted arithmetic mean, level by level: dimension score D<sub>iq</sub> = Σ<sub>j∈q</sub> w<sub>j</sub> y<sub>ij</sub> / Σ<sub>j∈q</sub> w<sub>j</sub>, \
index I<sub>i</sub> = Σ<sub>q</sub> v<sub>q</sub> D<sub>iq</sub> / Σ<sub>q</sub> v<sub>q</sub>.
6. Ranking: the highest score ranks 1st; ties share the lowest (best) rank.

**Weighting methods (comparison section, spec `compare-default`).** Four weightings (equal, entropy, CRITIC, PCA) × four normalisation + aggregation pipelines (min–max [0, 100] + arithmetic mean; z-scores + arithmetic mean; min–max [1, 100] + geometric mean; TOPSIS): 16 combinations, the first one nominal. Weights are computed within every group of the framework (siblings sum to 1): the bottom level from the treated indicators, higher levels from the children's scores. X has n {units} × m indicators.

- Equal: w<sub>j</sub> = 1/m.
- Entropy (on min–max normalised values r<sub>ij</sub>): p<sub>ij</sub> = r<sub>ij</sub> / Σ<sub>i</sub> r<sub>ij</sub>, e<sub>j</sub> = −(1/ln n) Σ<sub>i</sub> p<sub>ij</sub> ln p<sub>ij</sub> (0 · ln 0 = 0), w<sub>j</sub> = (1 − e<sub>j</sub>) / Σ<sub>k</sub> (1 − e<sub>k</sub>).
- CRITIC (Diakoulaki et al. 1995): C<sub>j</sub> = σ<sub>j</sub> Σ<sub>k</sub> (1 − r<sub>jk</sub>), w<sub>j</sub> = C<sub>j</sub> / Σ<sub>k</sub> C<sub>k</sub> (σ<sub>j</sub> the standard deviation, r<sub>jk</sub> Pearson's correlation).
- PCA (Handbook §6.1): on standardised data, the components with eigenvalue above 1, varimax-rotated; each indicator takes its squared loading on the factor where it loads most, weighted by that factor's explained variance, scaled to sum to 1.
- Geometric mean: D<sub>i</sub> = Π<sub>j</sub> y<sub>ij</sub><sup>w<sub>j</sub></sup> (weights summing to 1; needs y > 0).
- TOPSIS: vector normalisation z<sub>ij</sub> = x<sub>ij</sub> / √(Σ<sub>i</sub> x<sub>ij</sub><sup>2</sup>), weighted; the distances d<sub>i</sub><sup>+</sup>, d<sub>i</sub><sup>−</sup> to the ideal and anti-ideal; score d<sub>i</sub><sup>−</sup> / (d<sub>i</sub><sup>+</sup> + d<sub>i</sub><sup>−</sup>).

Each method is compared with the nominal one: rank shift s<sub>i</sub> = r<sub>i</sub> − r<sub>i</sub><sup>0</sup>, \
mean absolute shift (1/n) Σ<sub>i</sub> |s<sub>i</sub>|, Spearman's ρ (ties at their average rank), Kendall's τ-b, \
and the overlap of the top K.

**Robustness.** Uncertain factors and their alternatives: weights (±25 % uniform noise around the nominal \
weights, 100 sets), normalisation (min–max to [1, 100] or z-scores 100 + 10z), aggregation (arithmetic or \
geometric mean), winsorisation limit (1–5 points). A Saltelli design draws N (d + 2) = {runs} runs from a scrambled \
Sobol' quasi-random sequence (SALib, seed {seed}); every page of a report year shares this one analysis. \
Each run's output is COINr's mean absolute rank shift y = (1/n) Σ<sub>i</sub> |r<sub>i</sub> − r<sub>i</sub><sup>0</sup>|. \
First-order index (Saltelli 2010) S<sub>i</sub> = (1/N) Σ f(B) (f(A<sub>B</sub><sup>(i)</sup>) − f(A)) / V(y); \
total index (Jansen 1999) S<sub>Ti</sub> = (1/2N) Σ (f(A) − f(A<sub>B</sub><sup>(i)</sup>))<sup>2</sup> / V(y); \
intervals are bootstrap 5th and 95th percentiles; estimation noise can put an index slightly below 0 or above 1, \
shown clipped to [0, 1]. A {unit_word}'s rank interval is the 5th–95th percentile (linear interpolation) of its \
rank over the runs, rounded outwards to whole ranks."""


#: every heading and paragraph of the report notebooks, in both languages
TEXT: dict[str, dict[str, str]] = {
    "intro": {
        "zh": "本报告以 {n_ind} 个指标、{n_dims} 个维度把 {n} 个{units}合成一个综合指数（{data_label} {data_year} 年），"
        "{follow}检验排名对权重方法的依赖和稳健性。附录列出全部公式与选择。",
        "en": "This report combines {n_ind} indicators in {n_dims} dimensions into a composite index of {n} {units} "
        "({data_label} {data_year}), {follow}and asks how much the ranking depends on the weighting method and how "
        "robust it is. The appendix states every formula and choice.",
    },
    "intro_follow": {"zh": "重点关注{unit}，", "en": "follows {unit}, "},
    "intro_figures": {
        "zh": "开头汇总 {year} 年公开报告中引用的{unit}数字，每个数字附原文与出处。",
        "en": "It opens with the figures that the {year} public reports quote for {unit}, each with its quote and "
        "source.",
    },
    "data_year_note": {
        "zh": "数据年份为 **{data_year} 年**（{data_label}），不是报告年份 {year}：这是 {year} 年及以前最新的数据。",
        "en": "The data year is **{data_year}** ({data_label}), not the report year {year}: the latest data up to "
        "{year}.",
    },
    "h_headline": {
        "zh": "## {year} 年各维度的标志性数字",
        "en": "## Headline figures of {year} by dimension",
    },
    "h_peers": {
        "zh": "## {unit}在 {n} 个{units}中的位置（{data_year} 年）",
        "en": "## {unit} among {n} {units} ({data_year})",
    },
    "h_ranking": {
        "zh": "## {n} 个{units}的排名（{data_year} 年）",
        "en": "## The ranking of {n} {units} ({data_year})",
    },
    "peers_intro": {
        "zh": "指数由 {n_ind} 个指标经 `{spec}` 流程合成（附录）。{data_note}{data_year} 年{unit}在 {n} 个{units}中"
        "指数得分 {score:.1f}，{rank}；相对最强的维度是{best}（{best_rank}），相对最弱的是{worst}（{worst_rank}）。",
        "en": "The index combines {n_ind} indicators through the `{spec}` pipeline (appendix). {data_note}In "
        "{data_year} {unit} scores {score:.1f} on the index among {n} {units}, {rank}; its relatively strongest "
        "dimension is {best} ({best_rank}), its weakest {worst} ({worst_rank}).",
    },
    "ranking_intro": {
        "zh": "指数由 {n_ind} 个指标经 `{spec}` 流程合成（附录）。{data_note}第一名是{first}（{first_score:.1f} 分），"
        "最后一名是{last}（{last_score:.1f} 分）。",
        "en": "The index combines {n_ind} indicators through the `{spec}` pipeline (appendix). {data_note}First is "
        "{first} ({first_score:.1f}), last {last} ({last_score:.1f}).",
    },
    "unit_absent": {
        "zh": "*{unit}在 {data_year} 年的数据中没有记录（它有数据的年份：{years}），因此本节只列出其余{units}。*",
        "en": "*{unit} has no data for {data_year} (years with data: {years}), so this section shows the other "
        "{units} only.*",
    },
    "no_years": {"zh": "无", "en": "none"},
    "profile_caption": {
        "zh": "**{unit}的指数与各维度得分（0–100）、位次，以及中位数与最高分**",
        "en": "**{unit}'s index and dimension scores (0–100), ranks, and the median and best**",
    },
    "peers_caption": {
        "zh": "**全部{units}：得分（位次）**",
        "en": "**Every one of the {units}: score (rank)**",
    },
    "profile_plot_title": {
        "zh": "{unit}与中位数（{data_year} 年）",
        "en": "{unit} and the median ({data_year})",
    },
    "profile_plot_alt": {
        "zh": "条形图：{unit}的指数与各维度得分，并标出全部{units}的中位数与最高分",
        "en": "Bar chart: {unit}'s index and dimension scores, with the median and best of all {units}",
    },
    "score_axis": {"zh": "得分（0–100）", "en": "score (0–100)"},
    "peer_median": {"zh": "中位数", "en": "median"},
    "peer_best": {"zh": "最高分", "en": "best"},
    "ranks_over_years_caption": {
        "zh": "**{unit}在各数据年份的位次（同一框架与流程，每年单独标准化）**",
        "en": "**{unit}'s ranks in every data year (same framework and pipeline, normalised within each year)**",
    },
    "h_years": {"zh": "## 报告覆盖的各年份", "en": "## Across the years the reports cover"},
    "h_methods": {
        "zh": "## 权重方法如何改变排名",
        "en": "## How the weighting method changes the picture",
    },
    "methods_intro": {
        "zh": "同一数据（{data_year} 年）用四种权重方法 × 四种标准化与聚合方式合成指数，每种组合与基准"
        "（等权、最小–最大、算术平均）比较（附录）。",
        "en": "The same data ({data_year}) combined with four weighting methods × four normalisation and "
        "aggregation pipelines, each combination compared with the nominal one (equal weights, min–max, "
        "arithmetic mean; appendix).",
    },
    "methods_summary": {
        "zh": "在 {k} 种组合下，{unit}的指数位次在第 {lo} 至第 {hi} 位之间（基准 {nominal} 为第 {nominal_rank} 位）；"
        "与基准排名差别最大的是 {far}（平均绝对位次变动 {shift:.2f}，Spearman ρ = {rho:.2f}）。",
        "en": "Over the {k} combinations {unit}'s index rank runs from {lo} to {hi} (nominal {nominal}: "
        "{nominal_rank}); the combination furthest from the nominal ranking is {far} (mean absolute rank shift "
        "{shift:.2f}, Spearman ρ = {rho:.2f}).",
    },
    "methods_ranks_caption": {
        "zh": "**{unit}在各方法下的位次**",
        "en": "**{unit}'s ranks under each method**",
    },
    "agreement_caption": {
        "zh": "**与基准方法的一致性**",
        "en": "**Agreement with the nominal method**",
    },
    "weights_plot_title": {
        "zh": "各方法下指标在指数中的有效权重",
        "en": "Effective weight of each indicator in the index, by method",
    },
    "bump_plot_title": {
        "zh": "指数位次：每次只改变权重或标准化与聚合",
        "en": "Index ranks, changing the weights or the normalisation and aggregation alone",
    },
    "h_robust": {"zh": "## 排名有多稳健", "en": "## How robust the ranking is"},
    "robust_intro": {
        "zh": "同时扰动权重、标准化方法、聚合方法和缩尾上限，运行 {runs} 次（Saltelli 设计，基础样本取自 Sobol 准随机序列，种子 {seed}）。"
        "{n} 个{units}位次区间宽度的中位数为 {median_width:.1f}。",
        "en": "Weights, normalisation, aggregation and the winsorisation limit are varied together over {runs} "
        "runs (a Saltelli design on a Sobol' quasi-random sequence, seed {seed}). The median width of the {n} {units}' 90 % rank intervals is "
        "{median_width:.1f}.",
    },
    "robust_unit": {
        "zh": "{unit}的基准位次为第 {nominal} 位，各次运行的中位数 {median:.0f}，90% 区间 [{q05:.0f}, {q95:.0f}]。",
        "en": "{unit}'s nominal rank is {nominal}; over the runs its median rank is {median:.0f} and its 90 % "
        "interval [{q05:.0f}, {q95:.0f}].",
    },
    "sobol_intro": {
        "zh": "Sobol 指数把位次变动（平均绝对位次变动）的方差分解到各因素：S<sub>i</sub> 为单独作用，S<sub>Ti</sub> 含交互作用。",
        "en": "Sobol indices split the variance of the rank shift (mean absolute rank shift) between the factors: "
        "S<sub>i</sub> alone, S<sub>Ti</sub> with interactions.",
    },
    "uncertainty_plot_title": {
        "zh": "位次的 90% 区间（点：基准位次）",
        "en": "90 % rank intervals (dot: nominal rank)",
    },
    "sobol_plot_title": {"zh": "Sobol 敏感性指数", "en": "Sobol sensitivity indices"},
    "h_appendix": {"zh": "## 附录：方法", "en": "## Appendix: methods"},
    "appendix_data": {
        "zh": "**数据。** {description}本报告读取 {data_year} 年的数据：{n_units} 个{units}，{n_ind} 个指标"
        "（框架 `{framework}`）。",
        "en": "**Data.** {description}This report reads {data_year}: {n_units} {units}, {n_ind} indicators "
        "(framework `{framework}`).",
    },
    "appendix_pipeline": {"zh": PIPELINE_ZH, "en": PIPELINE_EN},
    "appendix_limits": {
        "zh": "**局限。** 指标是所研究问题的代理，排名只在这组{units}和这组指标之内成立；数据只到 {last_year} 年。",
        "en": "**Limits.** The indicators are proxies for what is studied, and a rank holds only within these "
        "{units} and these indicators; the data stop at {last_year}.",
    },
    "unit_word": {"zh": "单位", "en": "unit"},
    "col_unit": {"zh": "名称", "en": "name"},
    "col_quality": {"zh": "维度", "en": "dimension"},
    "col_group": {"zh": "区域", "en": "group"},
    "col_indicator": {"zh": "指标", "en": "indicator"},
    "col_unit_of": {"zh": "单位", "en": "unit"},
    "col_in_framework": {"zh": "框架中的指标数", "en": "in the framework"},
    "col_method": {"zh": "方法", "en": "method"},
}


#: the prose of the exploration, comparison, sensitivity and figures notebooks (20, 30, 40, 10)
NOTEBOOK_TEXT: dict[str, dict[str, str]] = {
    # ---- 40 uncertainty and sensitivity: analysis.texts_sensitivity
    # ---- 20 explore
    "nb20_title": {"zh": "# 指标探索 · {title}", "en": "# Exploring the indicators · {title}"},
    "nb20_intro": {
        "zh": "在比较任何赋权方法之前，先了解指数背后的数据：面板覆盖哪些{units}和年份、哪里缺值、每个指标如何分布、"
        "哪些指标同向变化、流程处理了哪些异常值以及如何处理。框架含 {n_dims} 个维度、{n_ind} 个指标；面板年份 {years}，"
        "本页显示 {data_year} 年。{data_note}",
        "en": "Before any weighting method is compared, the data behind the index must be understood: which {units} "
        "and years the panel covers, where values are missing, how each indicator is distributed, which indicators "
        "move together, and which outliers the pipeline treats (and how). The framework has {n_ind} indicators in "
        "{n_dims} dimensions; panel years {years}, shown: {data_year}. {data_note}",
    },
    "nb20_h_panel": {"zh": "## 面板", "en": "## The panel"},
    "nb20_panel": {
        "zh": "各年的{units}数与框架的指标：所属维度、方向（越高越好或越低越好）与计量单位。",
        "en": "The {units} per year and the indicators of the framework: each one's dimension, its direction (higher "
        "or lower is better) and its unit of measurement.",
    },
    "nb20_h_missing": {"zh": "## 缺失数据", "en": "## Missing data"},
    "nb20_missing": {
        "zh": "每个指标每年没有数值的{units}所占百分比。缺失值先按规格的方法填补，缺值过多的{units}被筛除。",
        "en": "Share of {units} without a value, per indicator and year. Missing values are imputed by the spec's "
        "method before anything else, and {units} with too few values are screened out.",
    },
    "nb20_kept": {
        "zh": "缺失值以{method}填补；筛选后保留 {kept} / {total} 个{units}。",
        "en": "Missing values are imputed with {method}; {units} kept by screening: {kept} of {total}.",
    },
    "nb20_missing_title": {"zh": "{data_year} 年缺失值（深色 = 缺失）", "en": "Missing values, {data_year} (dark = missing)"},
    "nb20_h_distributions": {"zh": "## 分布", "en": "## Distributions"},
    "nb20_distributions": {
        "zh": "数据年份原始值的描述统计（最后一列为{unit}的值），然后是每个指标的直方图（橙色竖线：{unit}）。"
        "偏斜、长尾的指标是异常值处理的对象。",
        "en": "Summary statistics of the raw values of the data year (last column: {unit}), then one histogram per "
        "indicator (orange line: {unit}). "
        "Skewed indicators with long tails are candidates for outlier treatment.",
    },
    "nb20_distributions_title": {"zh": "{data_year} 年指标分布", "en": "Indicator distributions, {data_year}"},
    "nb20_h_correlations": {"zh": "## 相关性", "en": "## Correlations"},
    "nb20_correlations": {
        "zh": "指标间的斯皮尔曼（Spearman）秩相关（已统一方向，正相关表示两个指标对谁更好看法一致）。同一维度内的负相关是警示信号："
        "在算术平均中它们互相抵消。第二个表给出每个指标与其所属维度和指数的相关（欧盟联合研究中心 JRC 的第一项统计一致性检查）。",
        "en": "Spearman rank correlations between the indicators (directions applied, so that a positive correlation "
        "means the two agree on which unit is better). Negative correlations within a dimension are a red flag (they "
        "cancel out in an arithmetic mean). The second table gives each indicator's correlation with its own "
        "dimension and with the index, the JRC's first statistical coherence check.",
    },
    "nb20_correlations_title": {
        "zh": "{data_year} 年指标间的秩相关（方向已统一）",
        "en": "Spearman correlations between indicators, {data_year} (directions applied)",
    },
    "nb20_h_outliers": {"zh": "## 异常值及其处理", "en": "## Outliers and their treatment"},
    "nb20_outliers": {
        "zh": "规格的处理规则（与 COINr 的默认规则相同）：|偏度| ≥ 2 且峰度 ≥ 3.5 的指标逐点缩尾（最多 5 个点），仍不满足则取对数。"
        "表中为处理前后的偏度与峰度、缩尾点数与所用处理。",
        "en": "The spec's treatment (COINr's default): an indicator with |skewness| ≥ 2 and kurtosis ≥ 3.5 is "
        "winsorised point by point (up to 5 points), else log-transformed. The table gives skewness and kurtosis "
        "before and after, the number of winsorised points and the treatment applied.",
    },
    "nb20_no_treatment": {"zh": "*该年没有指标需要处理。*", "en": "*No indicator needed treatment in this year.*"},
    "nb20_pulled_down": {"zh": "从高端缩回", "en": "pulled down from the top"},
    "nb20_pulled_up": {"zh": "从低端拉回", "en": "pulled up from the bottom"},
    "nb20_value": {"zh": "数值", "en": "value"},
    "nb20_units_count": {"zh": "单位数", "en": "units"},
    "nb20_raw": {"zh": "原始值", "en": "raw value"},
    "nb20_treated": {"zh": "处理后", "en": "treated value"},
    "nb20_treated_intro": {
        "zh": "被缩尾的点（单位和指标；缩回方向）：",
        "en": "The winsorised points (unit and indicator; which way each was moved):",
    },
    "nb20_treated_title": {"zh": "处理前后（横轴原始值，纵轴处理后）", "en": "Before and after treatment (raw across, treated up)"},
    # ---- 30 compare
    "nb30_title": {"zh": "# 赋权方法比较 · {title}", "en": "# Comparing weighting methods · {title}"},
    "nb30_intro": {
        "zh": "{units}的排名在多大程度上取决于指数的构建方法？本页对同一处理后数据按每种方法组合各建一次指数（权重：等权、熵权、"
        "CRITIC、主成分，给出两两比较矩阵时加 AHP；标准化与聚合：最小–最大 + 算术平均、z 分数 + 算术平均、最小–最大 [1, 100] + "
        "几何平均、TOPSIS），并与基准组合（第一种）比较。数据年份 {data_year}，{n} 个{units}。{data_note}",
        "en": "How much does the ranking of the {units} depend on how the index is built? The index is built once per "
        "method combination on the same treated data (weights: equal, entropy, CRITIC, PCA, and AHP when a pairwise "
        "matrix is given; normalisation and aggregation: min-max + arithmetic mean, z-score + arithmetic mean, "
        "min-max [1, 100] + geometric mean, TOPSIS) and compared with the nominal combination, the first. Data "
        "year {data_year}, {n} {units}. {data_note}",
    },
    "nb30_h_combinations": {"zh": "## 方法组合", "en": "## The combinations"},
    "nb30_h_weights": {"zh": "## 权重", "en": "## Weights"},
    "nb30_weights": {
        "zh": "**各维度内的指标权重。** 熵权、CRITIC 和主成分由处理后的数据计算；只有一个指标的维度把权重 1 全给它。"
        "最后一张热图是每个指标的**有效权重**（沿框架逐层相乘的权重，即它在指数中的份额）。",
        "en": "**Indicator weights within their dimension.** Entropy, CRITIC and PCA compute them from the treated "
        "data; a dimension with a single indicator gives it weight 1. The last heatmap gives each indicator's "
        "**effective weight** (the product of the weights down the tree, its share in the index).",
    },
    "nb30_level1_title": {"zh": "指标在所属维度内的权重", "en": "Indicator weights within their dimension"},
    "nb30_level2_title": {"zh": "各维度在指数中的权重", "en": "Dimension weights in the index"},
    "nb30_effective_title": {"zh": "指标的有效权重（在指数中的份额）", "en": "Effective weights (share of the index)"},
    "nb30_h_ranks": {"zh": "## 得分与排名", "en": "## Scores and ranks"},
    "nb30_ranks": {
        "zh": "每种组合下各{unit_word}的指数位次，按基准位次排序；{unit}所在行突出显示。",
        "en": "Index ranks of every {unit_word} under every combination, ordered by the nominal rank; {unit}'s row "
        "is highlighted.",
    },
    "nb30_ranks_all": {
        "zh": "每种组合下各{unit_word}的指数位次，按基准位次排序。",
        "en": "Index ranks of every {unit_word} under every combination, ordered by the nominal rank.",
    },
    "nb30_by_weights_title": {"zh": "权重方法（同一标准化与聚合）", "en": "Weighting methods (same normalisation and aggregation)"},
    "nb30_by_pipeline_title": {"zh": "标准化与聚合（等权）", "en": "Normalisation and aggregation (equal weights)"},
    "nb30_h_agreement": {"zh": "## 排名一致性", "en": "## Agreement"},
    "nb30_agreement": {
        "zh": "每种组合与基准组合比较：斯皮尔曼（Spearman）与肯德尔（Kendall）秩相关、平均绝对位次变动、保持位次的比例、"
        "前 K 名重合数。经验上斯皮尔曼相关高于 0.9、平均变动小于一位时，结论不取决于方法。",
        "en": "Each combination against the nominal one: Spearman and Kendall correlations, the mean absolute rank "
        "shift, the share of units keeping their rank, the top-K overlap. As a rule of thumb, Spearman above 0.9 and "
        "a mean shift below one place mean the conclusions do not hang on the method.",
    },
    "nb30_agreement_title": {"zh": "斯皮尔曼秩相关（指数排名）", "en": "Spearman rank correlation (index ranks)"},
    "nb30_h_movers": {"zh": "## 谁的排名变化最大", "en": "## Who moves, and why"},
    "nb30_movers": {
        "zh": "每种组合下位次变动最大的（至多 3 个）{unit_word}，以及该组合下有效权重变化最大的指标：变化以占指数的百分点计"
        "（该组合的有效权重 − 基准有效权重）。“权重不变”表示该组合只换了标准化或聚合方法。",
        "en": "The {unit_word}s whose rank moves most under each combination (up to three), with the indicators whose "
        "effective weight changes most under it, in percentage points of the index (the combination's effective "
        "weight − the nominal one). \"Same weights\": the combination changes only the normalisation or the "
        "aggregation.",
    },
    "nb30_h_unit": {"zh": "## {unit}", "en": "## {unit}"},
    "nb30_unit": {
        "zh": "**{unit}**：基准位次 {nominal} / {n}；在 {k} 种组合中位于第 {lo} 至第 {hi} 位（数据年份 {data_year}）。",
        "en": "**{unit}**: nominal rank {nominal} of {n}; between {lo} and {hi} across the {k} combinations (data "
        "year {data_year}).",
    },
    # ---- 10 figures
    "nb10_title": {"zh": "# 报告中的数字：清洗结果 · {title}", "en": "# Figures quoted in the reports, cleaned · {title}"},
    "nb10_intro": {
        "zh": "{year} 年报告中引用的{unit}数字，每个一行，保留出处：报告、字符位置与原文。下面依次是每份报告的数字个数、"
        "按维度和测度的分布，以及每个数字及其原文。",
        "en": "The figures the {year} reports quote for {unit}, one row each with its provenance: the report, the "
        "character span and the quote. Below: how many figures each report holds, how they spread over the "
        "dimensions and kinds of measure, and every figure with its quote.",
    },
    "nb10_none": {
        "zh": "*研究“{title}”没有报告数字表（study 文件的 `figures`），本页无内容。*",
        "en": "*The study “{title}” has no table of figures quoted in reports (the study file's `figures`): nothing to show.*",
    },
    "nb10_other_unit": {
        "zh": "*报告引用的是{focus}的数字，不是{unit}的；本页只对{focus}有内容。*",
        "en": "*The reports quote figures for {focus}, not for {unit}: this page has content for {focus} only.*",
    },
    "nb10_no_year": {"zh": "*{year} 年没有数字。*", "en": "*No figures for {year}.*"},
    "nb10_h_reports": {"zh": "## 每份报告的数字", "en": "## How many figures each report holds"},
    "nb10_reports_axis": {"zh": "数字个数", "en": "figures"},
    "nb10_reports_title": {"zh": "{year} 年各报告引用的数字", "en": "Figures quoted in the {year} reports"},
    "nb10_h_quality": {"zh": "## 指标数字：按品质和测度", "en": "## Indicator figures by quality and measure"},
    "nb10_total": {"zh": "合计", "en": "Total"},
    "nb10_h_every": {"zh": "## 每个指标数字及其原文", "en": "## Every indicator figure with its quote"},
}
TEXT.update(NOTEBOOK_TEXT)

from analysis.texts_sensitivity import SENSITIVITY_TEXT  # noqa: E402

TEXT.update(SENSITIVITY_TEXT)

from analysis.texts_figures import FIGURES_TEXT  # noqa: E402

TEXT.update(FIGURES_TEXT)

from analysis.texts_profile import PROFILE_TEXT  # noqa: E402

TEXT.update(PROFILE_TEXT)

from analysis.texts_annual import ANNUAL_TEXT  # noqa: E402

TEXT.update(ANNUAL_TEXT)

from analysis.texts_explore import EXPLORE_TEXT  # noqa: E402

TEXT.update(EXPLORE_TEXT)
