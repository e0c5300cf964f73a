"""The annual report's new texts (key findings, leaving out, like for like, what changed,
the map), in Chinese and English; merged into :data:`analysis.report_text.TEXT`.

Placeholders are filled by :mod:`analysis.findings` and :mod:`analysis.annual` with
numbers already formatted for the language (no format specs here: the findings test reads
the numbers back out of the sentences).
"""

from __future__ import annotations

ANNUAL_TEXT: dict[str, dict[str, str]] = {
    "h_findings": {"zh": "## 主要发现", "en": "## Key findings"},
    "findings_intro": {
        "zh": "以下每条发现都注明其局限，并链接到下文的依据。",
        "en": "Each finding states its caveat and links to the evidence below.",
    },
    "finding_caveat": {"zh": "注意", "en": "Caveat"},
    "finding_evidence": {"zh": "依据", "en": "evidence"},
    # -- the followed unit
    "f_rank": {
        "zh": "{unit}在 {n} 个{units}中排第 {rank} 位（指数得分 {score}）；蒙特卡洛位次区间为第 {q05}–{q95} 位。",
        "en": "{unit} ranks {rank} of {n} {units} (index score {score}); its Monte Carlo rank interval is {q05}–{q95}.",
    },
    "c_rank": {
        "zh": "{data_note}区间为 {runs} 次运行中位次的 5%–95% 分位（种子 {seed}），只反映附录所列方法选择的不确定性，不反映数据误差。",
        "en": "{data_note}The interval is the 5th–95th percentile of the rank over {runs} runs (seed {seed}); it reflects "
        "the method choices listed in the appendix, not errors in the data.",
    },
    "c_official": {
        "zh": "资料所引的官方排名测度的对象不同：{rankings}。",
        "en": "The official rankings the sources quote measure other things: {rankings}.",
    },
    "official_item": {"zh": "{ranking}第 {rank}/{out_of} 位（{what}）", "en": "{ranking}: {rank} of {out_of} ({what})"},
    "official_item_written": {"zh": "{ranking}{rank}{among}（{what}）", "en": "{ranking}: {rank}{among} ({what})"},
    "official_among": {"zh": "（共 {out_of} 个）", "en": " of {out_of}"},
    "f_strongest": {
        "zh": "相对最强的品质是{quality}（第 {rank}/{n} 位），它由 {k_indicators}测度、占指数权重的 {share}；{without}。",
        "en": "The strongest quality is {quality}, {rank} of {n}, measured by {k_indicators} carrying {share} "
        "of the index; {without}.",
    },
    "f_weakest": {
        "zh": "相对最弱的品质是{quality}（第 {rank}/{n} 位），它由 {k_indicators}测度、占指数权重的 {share}；{without}。",
        "en": "The weakest quality is {quality}, {rank} of {n}, measured by {k_indicators} carrying {share} "
        "of the index; {without}.",
    },
    "without_one": {
        "zh": "去掉「{indicator}」后，{unit}的总位次由第 {before} 位变为第 {after} 位",
        "en": "without \"{indicator}\" {unit}'s overall rank goes from {before} to {after}",
    },
    "without_quality": {
        "zh": "去掉「{indicator}」后，该品质位次为第 {q_after} 位、总位次为第 {after} 位",
        "en": "without \"{indicator}\" the quality ranks {q_after} and the index {after}",
    },
    "without_range": {
        "zh": "去掉其中任一个指标，该品质位次在第 {lo}–{hi} 位之间，总位次在第 {index_lo}–{index_hi} 位之间",
        "en": "without any one of them the quality ranks {lo}–{hi} and the index {index_lo}–{index_hi}",
    },
    "c_single": {
        "zh": "这一判断只依赖一个指标（「{indicator}」）。",
        "en": "This rests on a single indicator (\"{indicator}\").",
    },
    "c_single_proxy": {
        "zh": "这一判断只依赖一个指标，且框架说明它只是弱代理（「{indicator}」）。",
        "en": 'This rests on a single indicator, which the framework calls a weak proxy (\"{indicator}\").',
    },
    "c_proxy": {
        "zh": "框架说明「{indicator}」只是弱代理指标。",
        "en": "The framework calls \"{indicator}\" a weak proxy.",
    },
    "c_contested": {
        "zh": "框架说明「{indicator}」作为品质信号有争议。",
        "en": "The framework calls \"{indicator}\" contested as a quality signal.",
    },
    "c_note": {"zh": "框架说明：{note}", "en": "The framework notes: {note}"},
    "c_negative": {
        "zh": "「{indicator}」与本品质得分负相关（Spearman ρ = {rho}）。",
        "en": "\"{indicator}\" correlates negatively with its own quality (Spearman ρ = {rho}).",
    },
    "c_quality_ok": {
        "zh": "各指标与本品质得分均正相关，框架对它们没有特别说明。",
        "en": "Every indicator correlates positively with the quality, and the framework flags none of them.",
    },
    "f_change_same": {
        "zh": "{year} 年报告与 {previous} 年报告读的是同一份数据（{data_year} 年），位次与得分没有变化；"
        "与 {earlier} 年相比，在两年都有的 {n_common} 个{units}中，{unit}由第 {rank_before} 位变为第 {rank_after} 位。",
        "en": "The {year} report reads the same data as the {previous} report ({data_year}): rank and score are "
        "unchanged. Against {earlier}, on the {n_common} {units} present in both years, {unit} moved from "
        "{rank_before} to {rank_after}.",
    },
    "f_change": {
        "zh": "与 {earlier} 年相比，在两年都有的 {n_common} 个{units}中，{unit}由第 {rank_before} 位变为第 {rank_after} 位，"
        "得分由 {score_before} 变为 {score_after}。",
        "en": "Against {earlier}, on the {n_common} {units} present in both years, {unit} moved from {rank_before} "
        "to {rank_after}, its score from {score_before} to {score_after}.",
    },
    "f_change_absent": {
        "zh": "{unit}在 {earlier} 年或 {later} 年没有数据，无法作同口径比较；两年都有的{units}共 {n_common} 个。",
        "en": "{unit} has no data in {earlier} or {later}, so no like-for-like comparison is possible; "
        "{n_common} {units} are present in both years.",
    },
    "c_change": {
        "zh": "各年报告自己的排名对象不同（{earlier} 年 {n_before} 个、{later} 年 {n_after} 个；{n_left} 个只在前一年，"
        "{n_joined} 个只在后一年），不能直接比较；得分是相对于当年参评单位的最小–最大值。",
        "en": "Each year's own ranking covers a different set ({n_before} in {earlier}, {n_after} in {later}; "
        "{n_left} only in the earlier year, {n_joined} only in the later), so those ranks do not compare; scores "
        "are min–max relative to the year's units.",
    },
    "c_change_same_set": {
        "zh": "两年的排名对象相同（各 {n_before} 个）；得分是相对于当年参评单位的最小–最大值，跨年比较看位次。",
        "en": "Both years rank the same {n_before} units; scores are min–max relative to the year's units, so "
        "compare ranks across years.",
    },
    "c_runs": {
        "zh": "区间为 {runs} 次运行中位次的 5%–95% 分位（种子 {seed}）；宽区间说明该单位的位次取决于方法选择。",
        "en": "Intervals are the 5th–95th percentile of the rank over {runs} runs (seed {seed}); a wide one means "
        "the unit's rank depends on the method choices.",
    },
    "f_methods": {
        "zh": "在 {k} 种权重与聚合方法下，{unit}的位次在第 {lo}–{hi} 位之间（基准方法第 {nominal_rank} 位）。",
        "en": "Under {k} weighting and aggregation methods, {unit} ranks between {lo} and {hi} "
        "({nominal_rank} under the nominal method).",
    },
    "c_methods": {
        "zh": "与基准差别最大的是 {far}（平均位次变动 {shift}）；这些方法没有对错之分，区间说明结论对方法的依赖。",
        "en": "The method furthest from the nominal one is {far} (mean rank shift {shift}); none of them is right "
        "or wrong: the range shows how much the conclusion depends on the method.",
    },
    # -- the ranking as a whole (no followed unit, or one without data)
    "f_top": {
        "zh": "{n} 个{units}中，{first}排第一（得分 {first_score}，蒙特卡洛位次区间第 {q05}–{q95} 位），{last}排最后（得分 {last_score}）。",
        "en": "Of {n} {units}, {first} ranks first (score {first_score}; Monte Carlo rank interval {q05}–{q95}) and "
        "{last} last (score {last_score}).",
    },
    "f_robust_all": {
        "zh": "同时改变方法选择时，{units}位次区间宽度的中位数为 {median_width} 位，最宽的是{widest}（第 {w_q05}–{w_q95} 位）。",
        "en": "When the method choices vary together, the median width of the {units}' rank intervals is "
        "{median_width} places; the widest is {widest}'s ({w_q05}–{w_q95}).",
    },
    "f_leave_out_all": {
        "zh": "逐一去掉 {k} 个指标中的每一个，排名变动最大的是去掉「{code}」：{units}的位次平均变动 {shift} 位。",
        "en": "Leaving out each of the {k} indicators in turn, the ranking moves most without \"{code}\": "
        "the {units} move {shift} places on average.",
    },
    "c_leave_out_all": {
        "zh": "去掉一个指标后，其余权重在所在组内重新归一化，只重算聚合。",
        "en": "Without an indicator, the remaining weights are renormalised within their group; only the "
        "aggregation is re-run.",
    },
    "f_change_all": {
        "zh": "与 {earlier} 年相比，在两年都有的 {n_common} 个{units}中，两年位次的 Spearman ρ 为 {rho}；上升最多的是{riser}（第 {riser_before} → {riser_after} 位）。",
        "en": "Against {earlier}, on the {n_common} {units} present in both years, the two rankings have "
        "Spearman ρ = {rho}; {riser} rose most ({riser_before} → {riser_after}).",
    },
    "f_methods_all": {
        "zh": "{k} 种权重与聚合方法中，与基准排名最不一致的是 {far}（Spearman ρ = {rho}，平均位次变动 {shift}）。",
        "en": "Of {k} weighting and aggregation methods, {far} agrees least with the nominal ranking "
        "(Spearman ρ = {rho}, mean rank shift {shift}).",
    },
    "c_methods_all": {
        "zh": "这些方法没有对错之分，差异说明排名对方法的依赖。",
        "en": "None of them is right or wrong: the differences show how much the ranking depends on the method.",
    },
    "c_none": {"zh": "—", "en": "—"},
    # -- sections
    "h_leave_out": {"zh": "### 逐一去掉指标与品质", "en": "### Leaving out each indicator and each quality"},
    "leave_out_intro": {
        "zh": "按《综合指数构建手册》（OECD/JRC 2008）第 7 节与 COINr 的 `remove_elements`，每次去掉一个指标或一个品质，"
        "其余权重在组内重新归一化后重算指数。",
        "en": "After the OECD/JRC Handbook (2008) §7 and COINr's `remove_elements`, the index is rebuilt leaving "
        "out one indicator or one quality at a time, the remaining weights renormalised within their group.",
    },
    "leave_out_unit": {
        "zh": "{unit}的基准位次为第 {nominal} 位；逐一去掉后位次在第 {lo}–{hi} 位之间（最差：去掉「{hi_name}」）。",
        "en": "{unit} ranks {nominal} nominally; leaving out one element at a time its rank stays within "
        "{lo}–{hi} (worst: without \"{hi_name}\").",
    },
    "leave_out_caption": {
        "zh": "每次去掉的对象、{unit}的位次及其变动（正数表示名次下降）和全部单位的平均绝对位次变动：",
        "en": "What is left out, {unit}'s rank and its shift (+ is a fall), and the mean absolute rank shift of all units:",
    },
    "leave_out_caption_all": {
        "zh": "每次去掉的对象与全部单位的平均绝对位次变动：",
        "en": "What is left out, and the mean absolute rank shift of all units:",
    },
    "h_changes": {"zh": "## 与上一期报告相比", "en": "## What changed since the previous report"},
    "changes_first": {
        "zh": "这是本研究的第一份年度报告，没有上一期可比。",
        "en": "This is the study's first annual report: there is no previous one to compare with.",
    },
    "changes_same": {
        "zh": "{previous} 年报告与本报告读的是同一份数据（{data_year} 年）：对标、方法和稳健性各部分的结果与上一期相同。",
        "en": "The {previous} report read the same data ({data_year}): the peer, method and robustness sections "
        "give the same results as last year's.",
    },
    "changes_data": {
        "zh": "上一期（{previous} 年）报告读 {previous_data_year} 年数据，本报告读 {data_year} 年数据。",
        "en": "The previous report ({previous}) read {previous_data_year} data; this one reads {data_year} data.",
    },
    "fold_summary": {
        "zh": "再次展开本节（与上一期报告相同）",
        "en": "Show this section again (as in the previous report)",
    },
    "unchanged_section": {
        "zh": "*本节的计算结果与 {previous} 年报告相同（两期读的是同一份数据：{data_year} 年），已折叠在下方。*",
        "en": "*The results of this section are the same as in the {previous} report (both read the {data_year} data); they are folded below.*",
    },
    "h_like": {"zh": "### 同口径比较：{earlier} 年与 {later} 年", "en": "### Like for like: {earlier} and {later}"},
    "like_intro": {
        "zh": "两年都有的{units}共 {n_common} 个；指数在这些{units}上按同一流程重算，位次和得分才可比。"
        "只在 {earlier} 年的：{left}。只在 {later} 年的：{joined}。",
        "en": "{n_common} {units} are present in both years; the index is rebuilt on them with the same "
        "pipeline, so that ranks and scores compare. Only in {earlier}: {left}. Only in {later}: {joined}.",
    },
    "like_unit": {
        "zh": "在这 {n_common} 个{units}中，{unit}由第 {rank_before} 位变为第 {rank_after} 位"
        "（各年自己的排名：{earlier} 年第 {own_before}/{n_before} 位，{later} 年第 {own_after}/{n_after} 位）。",
        "en": "On these {n_common} {units}, {unit} moved from {rank_before} to {rank_after} (each year's own "
        "ranking: {own_before} of {n_before} in {earlier}, {own_after} of {n_after} in {later}).",
    },
    "like_caption": {
        "zh": "两年都有的{units}的位次（同口径重算），上升最多的在前：",
        "en": "Ranks of the {units} present in both years (rebuilt like for like), largest rises first:",
    },
    "none_listed": {"zh": "无", "en": "none"},
    "new_figures": {
        "zh": "资料在 {year} 年发布的报告中引用了 {n_now} 个指标数字（{previous} 年发布的报告中为 {n_before} 个），"
        "其中 {n_new} 项内容上一年没有引用，例如：{examples}。",
        "en": "The reports published in {year} quote {n_now} indicator figures ({n_before} in those published in "
        "{previous}); subjects not quoted the year before: {n_new} (e.g. {examples}).",
    },
    "new_figures_count": {
        "zh": "资料在 {year} 年发布的报告中引用了 {n_now} 个指标数字（{previous} 年发布的报告中为 {n_before} 个），"
        "其中 {n_new} 项内容上一年没有引用。",
        "en": "The reports published in {year} quote {n_now} indicator figures ({n_before} in those published in "
        "{previous}); subjects not quoted the year before: {n_new}.",
    },
    "new_figures_first": {
        "zh": "资料在 {year} 年发布的报告中引用了 {n_now} 个指标数字；此前没有报告。",
        "en": "The reports published in {year} quote {n_now} indicator figures; there are no earlier reports.",
    },
    "h_map": {"zh": "### {units}分布图", "en": "### Map of the {units}"},
    "map_title": {"zh": "指数得分（{data_year} 年）", "en": "Index score ({data_year})"},
    "map_marked": {"zh": "{unit}以粗框标出。", "en": "{unit} is outlined in bold."},
    "map_none": {
        "zh": "本研究的{units}没有可用的边界数据，因此不绘制地图。",
        "en": "There are no boundaries for this study's {units}, so no map is drawn.",
    },
    "map_score": {"zh": "指数得分", "en": "index score"},
}
