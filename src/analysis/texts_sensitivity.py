"""The words of the sensitivity page (notebook 40) and of the sensitivity tables and figures
(:mod:`analysis.sensitivity.display`) that every report page shows, in Chinese and English.

Merged into :data:`analysis.report_text.TEXT` (``TEXT.update(SENSITIVITY_TEXT)``); the
keys start with ``nb40_``. Placeholders in braces are the study's words
(:meth:`analysis.report.ReportContext.words`) and the values the page passes.
"""

from __future__ import annotations

SENSITIVITY_TEXT: dict[str, dict[str, str]] = {
    "nb40_title": {
        "zh": "# 排名的不确定性与敏感性 · {title}",
        "en": "# Uncertainty and sensitivity of the ranking · {title}",
    },
    "nb40_intro": {
        "zh": "{units}的排名在多大程度上取决于构建指数时的选择？本页让四个不确定因素同时变化——权重、标准化方法、"
        "聚合方法和异常值缩尾上限——每次运行都重建指数并重新排名，然后回答两个问题：每个{unit_word}的位次可能落在"
        "什么范围（位次区间）；位次的变动主要来自哪个选择（Sobol 敏感性指数）。{data_note}",
        "en": "How much does the ranking of the {units} depend on the choices made to build the index? This page "
        "varies four uncertain factors together — the weights, the normalisation, the aggregation and the outlier "
        "winsorisation limit — rebuilding and re-ranking the index in every run, and answers two questions: within "
        "what range each {unit_word}'s rank may fall (its rank interval), and which choice moves the ranks most "
        "(the Sobol sensitivity indices). {data_note}",
    },
    "nb40_design": {
        "zh": "数据：{data_year} 年，{n} 个{units}，{n_ind} 个指标。设计：准随机（Sobol' 序列）Saltelli 设计，"
        "N = {n_base}，共 N (d + 2) = {runs:,} 次运行，种子 {seed}；本年度所有报告页使用同一 N 和种子，位次区间处处相同。",
        "en": "Data: {data_year}, {n} {units}, {n_ind} indicators. Design: a quasi-random (Sobol' sequence) Saltelli "
        "design, N = {n_base}, N (d + 2) = {runs:,} runs, seed {seed}; every report page of this year uses the same N "
        "and seed, so a rank interval reads the same everywhere.",
    },
    "nb40_key": {
        "zh": "**要点。** {unit}在基准排名中位列第 {nominal} 位；在 {runs:,} 次运行中，其 90% 的位次落在第 {low}–{high} 位"
        "（中位数第 {median:g} 位）。{verdict}",
        "en": "**In short.** {unit}'s nominal rank is {nominal}; over the {runs:,} runs, 90 % of its ranks lie "
        "between {low} and {high} (median {median:g}). {verdict}",
    },
    "nb40_key_no_unit": {
        "zh": "**要点。** {n} 个{units}位次区间宽度的中位数为 {median_width:.0f} 位。{verdict}",
        "en": "**In short.** The median width of the {n} {units}' rank intervals is {median_width:.0f} ranks. "
        "{verdict}",
    },
    "nb40_converged": {
        "zh": "N = {n} 时 Sobol 指数已收敛：总效应指数的 90% bootstrap 区间最宽为 {widest:.2f}（{factor}），"
        "与 N = {n_half} 相比各指数变动不超过 {change:.2f}。",
        "en": "At N = {n} the Sobol indices have converged: the widest 90 % bootstrap interval of a total index is "
        "{widest:.2f} ({factor}), and no index moved by more than {change:.2f} from N = {n_half}.",
    },
    "nb40_not_converged": {
        "zh": "**N = {n} 时 Sobol 指数尚未收敛**（总效应指数的 90% 区间最宽为 {widest:.2f}，{factor}；"
        "与 N = {n_half} 相比最大变动 {change:.2f}；标准为区间宽度 ≤ {ci_width:.2f} 且变动 ≤ {tolerance:.2f}）。"
        "本页不把这些指数作为结论发布；请用 N = {n_next}（预计最宽区间可缩至 {ci_width:.2f} 的样本量）重新生成。",
        "en": "**At N = {n} the Sobol indices have not converged** (widest 90 % interval of a total index "
        "{widest:.2f}, {factor}; largest change from N = {n_half}: {change:.2f}; the criteria are a width of at most "
        "{ci_width:.2f} and a change of at most {tolerance:.2f}). This page does not publish them as results: "
        "render it again with N = {n_next} (the N at which the widest interval should shrink to {ci_width:.2f}).",
    },
    "nb40_h_factors": {"zh": "## 不确定因素", "en": "## The uncertain factors"},
    "nb40_factors": {
        "zh": "基准流程为研究规格的流程；每个因素在下列备选中取值。每次运行的输出为各{unit_word}位次相对基准排名的"
        "平均绝对变动（COINr 的做法），Sobol 指数分解的就是它的方差。",
        "en": "The nominal pipeline is the study's spec; each factor takes one of the alternatives below. A run's "
        "output is the mean absolute shift of the {unit_word} ranks from the nominal ranking (as in COINr); the "
        "Sobol indices split its variance.",
    },
    "nb40_col_factor": {"zh": "因素", "en": "factor"},
    "nb40_col_varies": {"zh": "变化内容", "en": "what varies"},
    "nb40_col_alternatives": {"zh": "备选数", "en": "alternatives"},
    "nb40_factor_Weights": {"zh": "权重", "en": "weights"},
    "nb40_factor_Normalisation": {"zh": "标准化", "en": "normalisation"},
    "nb40_factor_Aggregation": {"zh": "聚合", "en": "aggregation"},
    "nb40_factor_Winmax": {"zh": "缩尾上限", "en": "winsorisation limit"},
    "nb40_varies_Weights": {
        "zh": "每个权重乘以 (1 + u)，u 在 ±25% 内均匀分布，共 {count} 组",
        "en": "every weight times (1 + u), u uniform within ±25 %, {count} sets",
    },
    "nb40_varies_Normalisation": {
        "zh": "最小–最大 [1, 100]，或 z 分数 100 + 10z",
        "en": "min–max to [1, 100], or z-scores 100 + 10z",
    },
    "nb40_varies_Aggregation": {
        "zh": "加权算术平均，或加权几何平均",
        "en": "weighted arithmetic mean, or weighted geometric mean",
    },
    "nb40_varies_Winmax": {
        "zh": "异常值处理最多缩尾的点数：1–5",
        "en": "the most points the outlier treatment winsorises: 1–5",
    },
    "nb40_h_intervals": {"zh": "## 位次区间", "en": "## Rank intervals"},
    "nb40_intervals": {
        "zh": "每个{unit_word}：基准位次、各次运行位次的中位数，以及 90% 区间——各次运行位次的 5%–95% 分位，"
        "向外取整到整数位次。区间窄说明位次不取决于方法选择。",
        "en": "For every {unit_word}: its nominal rank, the median of its ranks over the runs, and the 90 % "
        "interval — the 5th to 95th percentile of its ranks, rounded outwards to whole ranks. A narrow interval "
        "means its place does not hinge on the choices.",
    },
    "nb40_intervals_title": {
        "zh": "{data_year} 年位次的 90% 区间（菱形：基准位次；圆点：中位数）",
        "en": "90 % rank intervals, {data_year} (diamond: nominal rank; dot: median)",
    },
    "nb40_intervals_some": {
        "zh": "图中显示 {shown} 个{units}（前列、末尾及所关注的{unit_word}）；表中为全部 {n} 个。",
        "en": "The chart shows {shown} of the {units} (the top, the bottom and the {unit_word} followed); the table "
        "lists all {n}.",
    },
    "nb40_intervals_some_no_unit": {
        "zh": "图中显示 {shown} 个{units}（前列与末尾）；表中为全部 {n} 个。",
        "en": "The chart shows {shown} of the {units} (the top and the bottom); the table lists all {n}.",
    },
    "nb40_rank_axis": {"zh": "位次", "en": "rank"},
    "nb40_legend_interval": {"zh": "90% 区间", "en": "90 % interval"},
    "nb40_legend_median": {"zh": "中位数", "en": "median"},
    "nb40_legend_nominal": {"zh": "基准位次", "en": "nominal rank"},
    "nb40_col_nominal": {"zh": "基准位次", "en": "nominal rank"},
    "nb40_col_median": {"zh": "中位数", "en": "median"},
    "nb40_col_interval": {"zh": "90% 区间", "en": "90 % interval"},
    "nb40_col_width": {"zh": "区间宽度", "en": "width"},
    "nb40_h_sobol": {
        "zh": "## 位次变动来自哪里：Sobol 指数",
        "en": "## Where the rank shifts come from: Sobol indices",
    },
    "nb40_sobol": {
        "zh": "一阶指数 S<sub>i</sub>（Saltelli 等 2010 的估计量）是某因素单独解释的输出方差份额；总效应指数 "
        "S<sub>Ti</sub>（Jansen 1999 的估计量）再加上它与其他因素的交互作用。两者均与 COINr 相同。括号内为 bootstrap "
        "90% 区间。S<sub>Ti</sub> 接近 0 的因素可固定在任一备选上而不影响排名。",
        "en": "The first-order index S<sub>i</sub> (the estimator of Saltelli et al. 2010) is the share of the "
        "output's variance a factor explains alone; the total index S<sub>Ti</sub> (Jansen's 1999 estimator) adds "
        "its interactions with the others — the estimators COINr uses. Brackets hold bootstrap 90 % intervals. A "
        "factor with S<sub>Ti</sub> near 0 can be fixed at any alternative without changing the ranking.",
    },
    "nb40_clipped": {
        "zh": "真实的指数在 0 与 1 之间；有限样本的估计值可能略低于 0 或高于 1，这是估计噪声（Saltelli 等 2010），"
        "表中按 0 或 1 显示，并在最后一列给出原始估计值。",
        "en": "The true indices lie between 0 and 1; a finite-sample estimate can fall slightly below 0 or above 1, "
        "which is estimator noise (Saltelli et al. 2010): the table shows it as 0 or 1 and gives the raw estimate "
        "in its last column.",
    },
    "nb40_col_si": {"zh": "一阶指数", "en": "first-order index"},
    "nb40_col_sti": {"zh": "总效应指数", "en": "total index"},
    "nb40_col_raw": {"zh": "原始估计（一阶；总效应）", "en": "raw estimates (first order; total)"},
    "nb40_inert": {
        "zh": "{factors}对排名无可测影响（S<sub>Ti</sub> 的 95% 分位低于 0.01）。",
        "en": "No measurable effect on the ranking: {factors} (S<sub>Ti</sub> below 0.01 at its 95th percentile).",
    },
    "nb40_sobol_title": {
        "zh": "Sobol 指数，N = {n_base}（误差线：90% 区间）",
        "en": "Sobol indices, N = {n_base} (bars: 90 % intervals)",
    },
    "nb40_index_axis": {"zh": "Sobol 指数", "en": "Sobol index"},
    "nb40_legend_si": {"zh": "一阶指数", "en": "first-order index"},
    "nb40_legend_sti": {"zh": "总效应指数", "en": "total index"},
    "nb40_sobol_withheld": {
        "zh": "由于指数尚未收敛，这里不列出它们；下一节给出各 N 下的估计，仅供判断所需样本量。",
        "en": "As the indices have not converged, they are not listed here; the next section shows the estimates "
        "at each N, as evidence for the N needed only.",
    },
    "nb40_h_convergence": {
        "zh": "## 样本量是否足够：收敛检验",
        "en": "## Is N large enough? Convergence",
    },
    "nb40_convergence": {
        "zh": "同一 Sobol' 序列的前 N/8、N/4、N/2 和 N 个点构成嵌套的设计，因此无需额外运行即可看出估计值随 N 的变化。"
        "判断标准：每个因素总效应指数的 bootstrap 90% 区间宽度不超过 {ci_width:.2f}，且从 N/2 到 N 各指数变动不超过 "
        "{tolerance:.2f}。",
        "en": "The first N/8, N/4, N/2 and N points of one Sobol' sequence form nested designs, so how the "
        "estimates move with N is seen without extra runs. The criteria: every factor's total index has a bootstrap "
        "90 % interval at most {ci_width:.2f} wide, and no index moves by more than {tolerance:.2f} from N/2 to N.",
    },
    "nb40_convergence_title": {
        "zh": "Sobol 指数随 N 的变化（误差线：90% 区间）",
        "en": "Sobol indices as N grows (bars: 90 % intervals)",
    },
    "nb40_n_axis": {"zh": "基础样本量 N", "en": "base sample size N"},
    "nb40_col_n": {"zh": "N", "en": "N"},
    "nb40_col_runs": {"zh": "运行次数", "en": "runs"},
    "nb40_col_widest": {"zh": "总效应指数区间最大宽度", "en": "widest total-index interval"},
    "nb40_col_change": {"zh": "较上一 N 最大变动", "en": "largest change from previous N"},
    "nb40_col_verdict": {"zh": "达到标准", "en": "meets the criteria"},
    "nb40_yes": {"zh": "是", "en": "yes"},
    "nb40_no": {"zh": "否", "en": "no"},
}
