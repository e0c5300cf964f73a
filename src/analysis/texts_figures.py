"""Texts of the figures sections (headline figures, official rankings, across the years)
and of notebook 10, in Chinese and English, merged into :data:`analysis.report_text.TEXT`.

Placeholders are filled by :meth:`analysis.report.ReportContext.t` (the study's words)
and by the section builders of :mod:`analysis.figures_sections` (numbers counted from
the tables they introduce).
"""

from __future__ import annotations

FIGURES_TEXT: dict[str, dict[str, str]] = {
    # ---- column labels of the figures tables
    "col_period": {"zh": "统计期", "en": "Period"},
    "col_figure": {"zh": "数字", "en": "Figure"},
    "col_subject": {"zh": "指标", "en": "Indicator"},
    "col_quote": {"zh": "原文", "en": "Quote (Chinese source)"},
    "col_source": {"zh": "出处", "en": "Source"},
    "col_report": {"zh": "报告", "en": "Report"},
    "col_publisher": {"zh": "发布者", "en": "Publisher"},
    "col_published": {"zh": "发布时间", "en": "Published"},
    "col_shown": {"zh": "列出的数字", "en": "Figures listed"},
    "col_ranking": {"zh": "排名或考核", "en": "Ranking or assessment"},
    "col_rank": {"zh": "名次或等次", "en": "Place or grade"},
    "col_out_of": {"zh": "参评数", "en": "Out of"},
    "col_measures": {"zh": "衡量什么", "en": "What it measures"},
    "col_why": {"zh": "原因", "en": "Why"},
    "col_measure": {"zh": "测度", "en": "Measure"},
    "col_quality_name": {"zh": "品质", "en": "Quality"},
    "col_count": {"zh": "个数", "en": "Number"},
    # ---- headline section
    "fig_headline_intro": {
        "zh": "{n_reports} 份报告给出{unit} {year} 年的 {n_figures} 个标志性数字，下表按品质列出，每个数字附统计期、原文和出处。",
        "en": "{n_reports} report(s) give {n_figures} headline figures for {unit} in {year}, listed below by quality, "
        "each with its period, the Chinese clause it was quoted from and its report.",
    },
    "fig_headline_none": {
        "zh": "*报告没有给出{unit} {year} 年的标志性数字。*",
        "en": "*The reports give no headline figures for {unit} in {year}.*",
    },
    "fig_left_out": {"zh": "未列入：{items}。", "en": "Left out: {items}."},
    "fig_left_target": {"zh": "目标 {n} 个", "en": "{n} target(s)"},
    "fig_left_part": {"zh": "分项数字 {n} 个（“其中……”，总数已列出）", "en": "{n} sub-count(s) (“of which…”, the total is listed)"},
    "fig_left_repeat": {"zh": "重复引用 {n} 个（保留最新发布的一次）", "en": "{n} repeat(s) of a figure (the latest report's is kept)"},
    "fig_left_ranking": {"zh": "综合排名和考核 {n} 个（见下方“官方排名”）", "en": "{n} overall ranking(s) and assessment(s) (see “Official rankings” below)"},
    "fig_left_other": {"zh": "不属于六大品质的数字 {n} 个（如试点个数）", "en": "{n} figure(s) outside the six qualities (such as counts of pilot schemes)"},
    "fig_sources_caption": {
        "zh": "**数字的出处**（各报告列出的数字之和为 {n_figures}）",
        "en": "**Where the figures come from** (the figures listed per report add up to {n_figures})",
    },
    "fig_quality_heading": {"zh": "### {quality}（{n} 个）", "en": "### {quality} ({n})"},
    "fig_gloss_note": {
        "zh": "",
        "en": "Quotes stay in Chinese as the sources wrote them; the Figure column gives each figure in English "
        "(base units: yuan, people, %).",
    },
    # ---- official rankings
    "fig_h_rankings": {"zh": "### 报告引用的官方排名与考核", "en": "### Official rankings and assessments the reports quote"},
    "fig_rankings_intro": {
        "zh": "报告引用{unit}的 {n} 项官方排名或考核。它们由不同机构按各自的指标评出，衡量的对象和参评范围各不相同，"
        "与本报告指数的位次不能直接比较，只能并列参照。",
        "en": "The reports quote {n} official ranking(s) or assessment(s) of {unit}. Each is made by its own body "
        "on its own indicators and among its own set of places, so none compares directly with this report's "
        "index rank: they stand beside it for reference.",
    },
    "fig_rankings_none": {
        "zh": "*报告没有引用{unit} {year} 年的官方排名或考核。*",
        "en": "*The reports quote no official ranking or assessment of {unit} for {year}.*",
    },
    # ---- across the years
    "fig_years_intro": {
        "zh": "各年报告引用的{unit}数字，共 {n_indicators} 个指标、{n_rows} 行、{n_values} 个数字。每行只放同一统计期的数字："
        "全年数字与 1–11月、上半年等部分时期的数字分行列出，不并列比较；不同事物的数字（如“各类研发机构”与"
        "“先进研发机构”）不合并为一个指标。报告各年引用的指标不同，因此不合成跨年指数。",
        "en": "The figures the reports quote for {unit}: {n_indicators} indicators in {n_rows} rows, {n_values} "
        "figures. A row holds figures of one kind of period only: whole years and parts of a year (Jan–Nov, the "
        "first half) sit in separate rows and are never compared; figures of different things (research "
        "institutes of every kind and advanced research institutes) are never merged into one indicator. The "
        "reports quote different indicators in different years, so no index across years is computed.",
    },
    "fig_coverage_caption": {
        "zh": "**各品质有数字的指标个数（按年份）**",
        "en": "**Indicators with a figure, by quality and year**",
    },
    "fig_values_caption": {
        "zh": "**各年数字（按统计期分行）**",
        "en": "**Figures by year (one row per kind of period)**",
    },
    "fig_years_none": {
        "zh": "*报告中没有可以映射到框架指标的{unit}数字。*",
        "en": "*The reports quote no figure for {unit} that maps to an indicator of the framework.*",
    },
    "fig_set_apart_caption": {
        "zh": "**未列入上表的 {n} 个数字及原因**",
        "en": "**{n} figure(s) not in the table above, and why**",
    },
    "fig_why_other_subject": {
        "zh": "与“{kept}”不是同一事物，不与之并列",
        "en": "not the same thing as “{kept}”, so not set beside it",
    },
    "fig_why_unreadable_value": {"zh": "数值无法读取", "en": "its value cannot be read"},
    "fig_why_unreadable_period": {"zh": "统计期无法确定", "en": "its period cannot be told"},
    "fig_why_other_quality": {
        "zh": "数字表把它归入{was}，框架归入{now}：按框架列出",
        "en": "the figures table files it under {was}, the framework under {now}: listed under the framework's",
    },
    # ---- notebook 10
    "nb10_intro_counts": {
        "zh": "{n_reports} 份报告中统计期截至 {year} 年的{unit}数字共 {n_figures} 个，其中 {n_indicators} 个是指标数字"
        "（可放入县域面板的经济、社会、环境或治理数字；其余是日期、名称、代号等）。每个数字保留出处：报告、字符位置与原文。",
        "en": "The {n_reports} report(s) quote {n_figures} figures for {unit} whose period ends in {year}; "
        "{n_indicators} of them are indicator figures (economic, social, environmental or governance figures a "
        "county panel can hold; the rest are dates, names and codes). Each keeps its provenance: the report, "
        "the character span and the quote.",
    },
    "nb10_col_figures": {"zh": "数字", "en": "Figures"},
    "nb10_col_indicators": {"zh": "指标数字", "en": "Indicator figures"},
    "nb10_chart_axis": {"zh": "指标数字个数", "en": "indicator figures"},
    "nb10_chart_title": {"zh": "{year} 年各品质的指标数字", "en": "Indicator figures of {year} by quality"},
    "nb10_outside": {"zh": "不属于六大品质", "en": "Outside the six qualities"},
    "nb10_h_others": {"zh": "## 其他数字（非指标，{n} 个）", "en": "## Other figures (not indicators, {n})"},
}
