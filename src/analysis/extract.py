"""Extraction: every figure quoted in a report text becomes one traceable row.

The rules are those of the figure annotation guideline, kept in the repo as
``tests/data/extract/GUIDELINE.md`` (cited below as §N); the output columns are :data:`FIGURE_COLUMNS`, one row per figure, with ``text[start:end] == surface``.

Design, for speed (bar: ≥ 5 MB of text per second on one core):

1. one big compiled pattern (:data:`FIGURE_PATTERN`, one named group per kind of figure)
   is tried only at the positions a cheap character-class scan (:data:`_FIGURE_STARTS`,
   run in C) marks as possible starts; each match is turned into rows by the handler of
   its group, looking at a few characters on either side (bounds, names, thresholds);
2. clause and sentence boundaries (:class:`_TextIndex`) and period cues (今年, 上半年,
   十四五以来, 两年净增) are found once per text and looked up by bisection;
3. :func:`_add_context` fills quote, measure, period, subject, dimension, indicator and
   note with a handful of short regular-expression tests per row.

Chinese numerals go through :mod:`analysis.numerals` (cn2an behind an ``lru_cache``).
Every Arabic digit ends up in exactly one row (§2); Chinese numerals only where they
state a quantity, rank, grade, duration or ordinal.

Public API: :data:`FIGURE_COLUMNS`, :func:`extract_text`, :func:`extract_texts`,
:func:`read_sources`, :func:`extract_paths`, :func:`read_figures`,
:func:`figures_for_year`, :func:`score_figures`, :func:`score_annotated_folder`.
"""

from __future__ import annotations

import os
import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.numerals import ROMAN_VALUES, SCALES, arabic_to_number, chinese_to_number

#: The output columns, in order (§1).
FIGURE_COLUMNS = [
    "doc", "start", "end", "surface", "quote", "value", "unit", "value_base", "base_unit",
    "measure", "period", "subject", "dimension", "is_indicator", "note",
]  # fmt: skip

#: The values of ``measure`` (§7) and of ``dimension`` (§10).
MEASURES = ("level", "growth_pct", "change_abs", "share_pct", "ratio", "rank", "count",
            "target", "other")  # fmt: skip
DIMENSIONS = ("经济发展", "开放创新", "生态环境", "城乡融合", "共同富裕", "社会治理", "none")

# --------------------------------------------------------------------------------------
# The pattern (§2, §4). Alternatives are tried in order at each position, so the
# structured forms (dates, ratios, codes, ordinals) come before the bare quantity, and
# the bare Arabic number is the last resort that guarantees every digit gets a row.
# --------------------------------------------------------------------------------------
_D = "[0-9０-９]"
_NUM = rf"(?:{_D}{{1,3}}(?:,{_D}{{3}}(?!{_D}))+|{_D}+)(?:[.．]{_D}+)?"
_CN = "[〇零一二两三四五六七八九十百千]+"
_DASH = "[-–—－~～至到]"
#: A line break inside a figure (§4: "a figure broken by a line break is still one row").
_BR = r"(?:[ \t\u3000]*\n\s*)?"
_SCALE = "万亿|千亿|百亿|亿|千万|百万|万|千"

#: Units written after an Arabic number (§5), longest first so that 万人次 beats 万.
ARABIC_UNITS = sorted(
    """个百分点 百分点 % ％ ‰ 平方公里 平方千米 平方米 立方米 公顷 亩 公里 千米 米 厘米
    元/人 亿元 万元 美元 元 微克/立方米 毫克/立方米 吨标煤 吨 公斤 千克 克 千瓦时 千瓦 兆瓦 度 GWh MWh kWh GW MW kW
    万人次 人次 人 名 个位次 位次 个工作日 工作日 位 户 家 个月 个 项 座 所 条 件 套 辆 台 次 处 批 期 届 号 部 载 张
    份 篇 场 支 栋 间 床 艘 架 只 头 株 棵 例 标箱 周年 周岁 岁 年度 年 天 小时 分钟 秒 倍
    大 方面 夺 连冠 类 级 星 A 分贝 ℃ 毫米 毫克/升 家次 件次 起 宗""".split(),
    key=len,
    reverse=True,
)
_AR_UNIT = "|".join(re.escape(u) for u in ARABIC_UNITS)
#: A number wrapped between its digits (41⏎285元, §4): only inside a paragraph line (a
#: Chinese character right before it) and with its scale or unit right after the break,
#: so that numbers on lines of their own stay apart.
_WRAPPED_NUM = (
    rf"(?<=[\u4e00-\u9fff]){_D}+[ \t\u3000]*\n[ \t\u3000]*"
    rf"(?={_D}+(?:[.．]{_D}+)?(?:多|余)?(?:{_SCALE}|{_AR_UNIT})){_D}+(?:[.．]{_D}+)?"
)

#: Measure words accepted after a Chinese numeral (§2: counts, durations, frequencies).
CHINESE_UNITS = sorted(
    "个月 个 家 项 座 所 户 名 位 次 年 天 届 期 方面 倍 人 条 件 亩 元 公里 场 处 台 套 辆 张 支 株 "
    "棵 篇 艘 架 人次 成 周年".split(),
    key=len,
    reverse=True,
)
_CN_UNIT = "|".join(CHINESE_UNITS)

_ALTERNATIVES = [
    # dates (§4, §5): the whole date is one row
    rf"(?P<ymd>{_D}{{4}}(?:-{_D}{{1,2}}-{_D}{{1,2}}|/{_D}{{1,2}}/{_D}{{1,2}}|\.{_D}{{1,2}}\.{_D}{{1,2}}|年{_D}{{1,2}}月{_D}{{1,2}}日))(?![0-9０-９.])",
    rf"(?P<ym_range>{_D}{{4}}年{_D}{{1,2}}月?{_DASH}(?:{_D}{{4}}年)?{_D}{{1,2}}月)",
    rf"(?P<ym>{_D}{{4}}年{_D}{{1,2}}月)(?!{_D})",
    rf"(?P<md_range>{_D}{{1,2}}月{_D}{{1,2}}日?{_DASH}{_D}{{1,2}}日)",
    rf"(?P<md>{_D}{{1,2}}月{_D}{{1,2}}日)",
    rf"(?P<m_range>{_D}{{1,2}}月?[ ]?{_DASH}[ ]?{_D}{{1,2}}月(?:份)?)",
    rf"(?P<month>{_D}{{1,2}}月份?)(?!{_D})",
    # times of day (§5)
    rf"(?P<clock>(?<![0-9.:：]){_D}{{1,2}}[:：][0-5]{_D}(?![0-9.:：]))",
    rf"(?P<hour>{_D}{{1,2}}时(?:{_D}{{1,2}}分)?)",
    # ratios and multi-part structures (§4)
    rf"(?P<ratio>{_NUM}(?:[:：∶]{_NUM})+)",
    # codes and slogans built with + (2+2+X, 1+4, 1+29)
    rf"(?P<code>{_D}+(?:[+＋](?:{_D}+|[A-Za-z]+))+)",
    # a year alone
    rf"(?P<yearword>(?P<year>{_D}{{4}})(?P<year_unit>年度|年)(?!{_D}|均|来|以来|间))",
    # ranks, grades and ordinals with 第 (§4)
    # (the twelve alternatives above start with a digit; see _STRUCTURED_DIGITS)
    rf"(?P<ordinal>第(?P<ord_num>{_D}+|{_CN})(?P<ord_unit>等次|位|名|批|期|届|次|家|个|轮|季度|章|条|款|号|代|大|中全会|站)?)",
    rf"(?P<top>前(?P<top_num>{_D}+|{_CN})(?P<top_unit>位|名|强)?)",
    r"(?P<first>首位)",
    # meetings: 十三届五次全会, 二十届三中全会, 十八大, 三中全会
    rf"(?P<plenum>(?P<pl_num>{_CN})届(?:{_CN})(?:次全会|中全会|次(?=全体)))",
    rf"(?P<congress>(?P<cg_num>{_CN})大(?=召开|即将|胜利|精神|以来|报告|代表|维稳|$|[,，。;；、”」）)]|的))",
    rf"(?P<plenum_short>(?P<ps_num>{_CN})中全会)",
    # framework counts: 六大品质, 六方面, 五个方面
    rf"(?P<framework>(?P<fw_num>{_CN})(?P<fw_unit>大(?=品质)|个方面|方面))",
    # streaks, wins, visits
    rf"(?P<streak>连续(?P<st_num>{_CN})(?P<st_unit>个月|年|届|次|季度|天))",
    rf"(?P<wins>(?P<wn_num>{_CN})(?P<wn_unit>夺|连冠|赴))",
    # Roman-numeral classes (§2)
    r"(?P<roman>(?P<rm_pre>劣)?(?P<rm_num>[ⅠⅡⅢⅣⅤⅥ]|IV|VI|I{1,3}|V)(?P<rm_unit>类))",
    # Arabic quantities with approximation, scale and unit
    rf"(?P<qty>(?P<q_pre>近|上)?(?P<q_num>{_WRAPPED_NUM}|{_NUM})(?P<q_ap1>多|余)?"
    rf"(?:{_BR}(?P<q_scale>{_SCALE}))?(?P<q_ap2>多|余)?(?:{_BR}(?P<q_unit>{_AR_UNIT}))?)",
    # a percentage in words: 百分之八十, 百分之百
    rf"(?P<pct_word>百分之(?P<pw_num>{_CN}|{_NUM}))",
    # Chinese-numeral quantities: a measure word is required
    rf"(?P<cqty>(?P<c_pre>上|近|数)?(?P<c_num>{_CN})(?P<c_ap1>多|余)?(?P<c_scale>万亿|亿|万)?"
    rf"(?P<c_ap2>多|余)?(?P<c_unit>{_CN_UNIT}))",
]
#: The structured digit forms (dates to years, the first twelve alternatives) are tried
#: only where the digits are followed by a date, time, ratio or code character.
_STRUCTURED_DIGITS = (
    rf"(?={_D}+[-–—－~～至到/年月:：∶+＋时 ]|{_D}+[.．]{_D}+[:：∶]|{_D}{{4}}[.．]{_D}{{1,2}}[.．]{_D})"
)
FIGURE_PATTERN = re.compile(
    f"(?:{_STRUCTURED_DIGITS}(?:{'|'.join(_ALTERNATIVES[:12])}))|{'|'.join(_ALTERNATIVES[12:])}"
)
#: FIGURE_PATTERN's alternatives that can start with a digit (the structured forms and the
#: Arabic quantity), in the same order: at a digit, the same match for less work.
_DIGIT_FIGURE_PATTERN = re.compile(
    f"(?:{_STRUCTURED_DIGITS}(?:{'|'.join(_ALTERNATIVES[:12])}))"
    f"|{next(a for a in _ALTERNATIVES if a.startswith('(?P<qty>'))}"
)
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
#: Every character an alternative of FIGURE_PATTERN can start with (see :func:`_scan`).
#: It opens with one character class, which ``re`` scans for in C; the rest drops the
#: common characters that start no figure (一 before a non-counter, 上 outside 上百).
_FIGURE_STARTS = re.compile(
    r"[0-9０-９第前首连近上数劣ⅠⅡⅢⅣⅤⅥIV〇零一二两三四五六七八九十百千]"
    r"(?:(?<=[0-9０-９])[0-9０-９]*|(?<=[上数])(?=[十百千万])"
    r"|(?<=近)(?=[0-9０-９百千万一二两三四五六七八九十])"
    r"|(?<=[〇零一二两三四五六七八九十百千])[〇零一二两三四五六七八九十百千]*"
    r"(?=[个家项座所户名位次年天届期方倍人条件亩元万亿大中夺连赴多余成周])"
    r"|(?<=[第前首连劣ⅠⅡⅢⅣⅤⅥIV])|(?<=百)(?=分之))"
)

# Context word lists ---------------------------------------------------------------------
#: Verbs and comparisons left outside the surface, kept in the note (§4, §12).
#: Longest first, so that 超过 is found before 超.
_BOUND_WORDS = ("不低于", "不少于", "突破", "超过", "超出", "接近", "至少", "超", "逾", "约")
_BOUND_AFTER = re.compile(r"^[\*”]*(以上|以下|左右|以内|上下(?!游)|之多)")
_BOUND_NOTES = {
    "突破": "lower bound (突破)", "超过": "lower bound (超过)", "超出": "lower bound (超出)",
    "超": "lower bound (超)", "不低于": "lower bound (不低于)", "不少于": "lower bound (不少于)",
    "至少": "lower bound (至少)", "逾": "lower bound (逾)", "以上": "lower bound (以上)",
    "以下": "upper bound (以下)", "以内": "upper bound (以内)", "接近": "approximate (接近)",
    "约": "approximate (约)", "左右": "approximate (左右)", "上下": "approximate (上下)",
}  # fmt: skip
#: Cues of a goal (§7 target).
_TARGET_CUE = re.compile(
    r"确保|力争|冲刺|计划|(?<!完成)(?<!完成年度)目标(?!的)|争创|力求|将|(?<![主重需只])要(?![素点])|巩固|打造|稳居"
)
#: A goal cue opening the sentence (今年，昆山将力争…) covers every figure of it (§7).
_SENTENCE_HEAD_TARGET = re.compile(r"^[^。]{0,12}?(?:将力争|力争|(?<!在)确保|预期目标|主要目标)")
_GROWTH_CUE = re.compile(r"(增长(?!面)|增幅|增速|同比|环比|年均增|提升|上升|提高|下降|减少|回落|降低|增加)[^,，;；。]{0,12}$")
_DECLINE_CUE = re.compile(r"(下降|减少|回落|降低|下滑)[^,，;；。]{0,10}$")
_SHARE_CUE = re.compile(r"占|比重|比例|完整度|占有率|覆盖率|达标率|优良率|合格率|率")
_BASE_YEAR_BEFORE = re.compile(r"(?:比|较|同比|相比|对比)$")
_BASE_YEAR = re.compile(r"(?:比|较|同比|相比|对比)([0-9]{4})年")
#: Nouns after a bare scale (600多万游客) that give the base unit (§6).
_SCALE_NOUN_BASE = (
    ("游客", "人次"), ("人次", "人次"), ("农民", "人"), ("人才", "人"), ("老人", "人"),
    ("居民", "人"), ("人口", "人"), ("群众", "人"), ("职工", "人"), ("学生", "人"),
    ("人", "人"), ("户", "户"), ("元", "元"),
)  # fmt: skip
#: Unit → base unit (§6), after the scale is removed.
_BASE_UNIT = {
    "名": "人", "位": "人", "人": "人", "人次": "人次", "个月": "月", "周岁": "岁", "岁": "岁",
    "周年": "年", "载": "年", "年度": "年", "年": "年", "大": "个", "方面": "个", "夺": "次",
    "连冠": "次", "亿元": "元", "万元": "元", "元": "元", "％": "%", "个百分点": "百分点",
    "倍": "ratio", "次": "次", "赴": "次", "个位次": "rank", "位次": "rank", "个工作日": "工作日",
}  # fmt: skip
_RANK_MOVE_BEFORE = re.compile(r"(?:前移|后移|上升|下降|提升|前进|后退|下滑|跃升|攀升)了?$")
_RHETORICAL_AFTER = re.compile(r"^[”\*]*(?:半径|的距离|距离|范围|产业园|圈|内|以内|之内)")
#: Measure words of discrete things: a count when no 万/亿 is written (§7).
_COUNT_UNITS = frozenset(
    "家 个 项 座 所 户 名 位 条 件 套 辆 台 处 张 份 篇 场 支 栋 间 床 艘 架 只 头 株 棵 例 人 次 "
    "批 期 届 号 部 大 方面 人次 家次 件次 起 宗".split()
)
#: A count of days (优良天数为312天, 重污染天数1天), not a duration.
_DAY_COUNT_BEFORE = re.compile(r"天数(?:为|达|达到|是|有|共|仅)?[\*“”]*$")
_DURATION_UNITS = {"年", "个月", "天", "小时", "分钟", "秒", "周年", "载", "周岁", "岁", "个工作日",
                   "工作日"}
#: What may follow a Chinese-numeral count and turns it into a slogan or back-reference (§2).
_CN_FOLLOW_STOP = re.compile(
    r"^\s*(?:一|来|以来|行动|指标|阶段|压力|表率|使命|清单|工程|聚焦|环境|基地|大灶|攻坚|体|"
    r"融合|联动|响应|原则|任务|要求|战略|机制|体系|方针|结合|并举|齐下|管齐|轮驱动|化|级|产业|"
    r"维护|确立|意识|自信|全面|代表|规定|务必|毫不动摇|不愁|保障|服务|开发|元化)"
)
#: 〇一…九 in order (with 零 at 10 → 0), for years written digit by digit (二〇二三年).
_CHINESE_DIGIT_CHARS = "〇一二三四五六七八九零"
_YEAR_BEFORE = re.compile(r"([0-9]{4})年$")
#: What follows a bare magnitude (超千亿元…) that makes it a size-class label (§2).
_SIZE_CLASS_AFTER = re.compile(r"^(?:的(?:县|市|城|企业|项目|产业|园区|镇|村)|级|以上|企业|项目|县|村|城|产业)")
_CN_PRECEDE_STOP = re.compile(r"[“‘「『这那此该其]$")
#: 第N followed by these is a fixed phrase or a tier, not a rank (§2).
_LIST_MARKER_FOLLOW = re.compile(r"^[\s\*]*[,，、:：.．]")
#: What may follow a rank written 第N without a counter (全省第一, 第一的, 第一位次).
_RANK_FOLLOW = re.compile(r"^(?:$|[\s\*,，。;；、!！?？…)）”\"'<]|的|位次|名次|县|(?:和|与|及)第)")
#: 前N followed by these is a period (前三季度), not a rank.
_TOP_FOLLOW_STOP = re.compile(r"^(?:季度|个月|年|期|天|几|列|沿|端|所未|景)")
_DOC_ITEM_BEFORE = re.compile(r"(中央|省委|市委|国务院|省政府|市政府|国家|县委|区委)$")
_ROAD_AFTER = re.compile(r"^(?:省道|国道|县道|高速|号线|路|线|公路)")
_POLLUTANT_BEFORE = re.compile(r"(?:PM|pm|PM<sub>|pm<sub>|O|SO|NO|CO)$")
_LATIN_AFTER = re.compile(r"^[A-Za-z]")
_HOTLINE_AFTER = re.compile(r"^[”\"]?(?:热线|服务热线|平台|专线)")
_NAME_BEFORE = re.compile(r"(?:PM<sub>|[A-Za-z][-_]?)$")
_THRESHOLD_AFTER = re.compile(
    r"^[\*”]*(?:以上|以下|及以上|及以下)(?![,，;；。!！?？\s]|的(?!(?:行政)?村|社区|企业|项目|乡镇|镇|家庭|户)|$)"
)
_FIRM_CUE = re.compile(
    r"(?<!上市)公司|有限|集团|车间|该项目|项目开工|计划投资|综合性旅游项目|占地|下线|产能|宕口|这里|这片|"
    r"单体|生产线|每天"
)
#: A sentence or paragraph about one village or park (在白马镇石头寨村, 位于城东的…产业园):
#: its figures are the place's, not the county's (§11).
_SINGLE_PLACE_LEAD = re.compile(
    r"(?:在|位于)[^,，;；。全各个所每]{0,20}?(?:(?<![农乡])村|社区|产业园|工业园|物流园|园区|公司|基地)"
)
_SINGLE_PLACE_WORDS = ("该村", "我们村", "本村", "该园", "该社区", "该基地")
#: The assessed water sections a share is taken over (15个国省考断面水质优Ⅲ类比例).
_SECTION_POPULATION_AFTER = re.compile(r"^[^,，;；。]{0,8}断面")
_POPULATION_BEFORE = ("在", "在全国", "在全省", "在全市", "在全县", "在全区")
_CONTEXT_COUNT_CUE = re.compile(r"仅|从[^,，;；。]*中|之一|其中之|县[（(]市[)）]")
_BORDERLINE_CUE = re.compile(r"试点|督查激励")

#: Relative and plan-period words that set the period of the figures after them (§8).
_PERIOD_CUE = re.compile(
    r"(?P<half>上半年|下半年)|(?P<q3>前三季度)|(?P<q1>一季度|第一季度)"
    r"|(?P<summer>暑假期间|暑期)|(?P<plan>[“\"]?(?P<plan_name>十[二三四五]五)[”\"]?(?P<plan_kind>以来|期间|时期|末))"
    r"|(?P<net>(?P<net_num>[两二三四五六七八九十]|(?<![0-9])[0-9]{1,2})年(?:来)?(?:净增|累计|共计|新增))"
    r"|(?P<span>过去的?(?P<span_past>[两二三四五六七八九十]{1,3})年|(?P<span_num>[两二三四五六七八九十]{1,3})年(?:来|以来))"
    r"|(?P<this_year>今年|年内|年底|年末|全年|本年度|当年)|(?P<last_year>去年|过去一年|过去的一年|上年)|(?P<next_year>明年)"
)
#: 比上年, 较去年同期: the base of a comparison (§8), not the period of the figure.
_COMPARISON_BEFORE = re.compile(r"(?:比|较|同比|相比|对比|与|高于|低于)$")
_GROWTH_AFTER = re.compile(r"(?:以上|左右)?的?(?:增长|增速|增幅)")
_GROWTH_WORD = re.compile(r"增长(?!面)|同比|增幅")
_ASSESSMENT_WORD = re.compile(r"考评|考核|评价|测评|评估|榜单|排名|排行")
_CHANGE_TO = re.compile(r"[至到]|(?:调整|变|优化|转变)为")
_STATED_YEARS = re.compile(r"([0-9]{4})年(?!度?[0-9])")
_LAST_YEAR_IN_PARAGRAPH = re.compile(r"(?<![比较与])去年(?!同期)")
_NET_CHANGE = re.compile(
    r"(?:净增|增加(?![值到至])|减少(?![到至]))[^,，;；。]{0,4}$|(?:提高|提升|下降|降低)了?$"
)
#: 提高到41.3%, 下降至2%: the level reached, not the change (§7).
_REACHED_TO = re.compile(r"(?:提高|提升|上升|增长|增加|下降|降低|减少|回落)[到至]$")
_SENTENCE_TARGET = re.compile(r"(?<!在)确保|力争|冲刺|到今年年底|(?<!完成)(?<!完成年度)目标(?!的)")
#: 力争/确保 earlier in the sentence covers the figures after it, across ; (§7).
_GOAL_VERB = re.compile(r"(?<![^,，;；:：、。!！?？\n将要并须力])(?:力争|确保(?!了))")  # not 在确保…的同时
#: A goal stated at the head of a sentence covers the list after it (主要预期目标是:…).
#: 计划 opening a clause (…,全年计划实施…, 计划全年新签约…): goals to the end of the sentence.
_PLAN_CLAUSE = re.compile(r"(?:^|(?<=[,，;；:：。!！?？\n]))(?:全年|今年|明年|年内)?计划(?![的内外])")
_HEAD_TARGET = re.compile(r"预期目标|主要目标|目标是|目标任务是|力争到|到20[0-9]{2}年")
_ACHIEVED = re.compile(r"已|实现了|达到了")
_CARRY_OVER = re.compile(r"^[\s\*]*(?:其中|同时|上述|以上|三项|两项|四项|五项)|(?<![人平])均(?![衡等值])")
_CLUSTER_LABEL_AFTER = re.compile(r"^[\*”“\"]*(?:千亿级|五百亿级|百亿级|[^,，;；。]{0,3}亿级)")
_RANK_AFTER = re.compile(r"^[\*”“\"]*[^,，;；。、]{0,6}[“\"]?第")
_SUBJECT_JOINERS = re.compile(r"[、和及]")
_SUBSET_BEFORE = re.compile(r"[(（]其中[^)）]*$")
_COUNTED_SUBJECTS = re.compile(r"([两二三四五六七八九十])(?:项|个|大)")
_CLAUSE_SPLIT = re.compile(r"[,，;；。、]")
_SEMICOLON = re.compile(r"[;；]")
_CUE_HEAD_PREFIX = re.compile(
    r"(?:特别是|到|截至|截止|其中|今年|去年|同时|在|从|自|将|力争|确保|争取|预计|计划|近|溧阳市?|全市|全县|全区|#|★|[0-9０-９]{4}年)*"
)
_PERIOD_CUE_STARTS = re.compile(
    r"[上下前一第暑“\"十两二三四五六七八九0-9今年全本当去过明]"
    r"(?:(?<=[上下])(?=半年|年)|(?<=前)(?=三季度)|(?<=[一第])(?=季度|一季度)|(?<=暑)(?=假|期)"
    r"|(?<=[“\"])(?=十[二三四五]五)|(?<=十)(?=[二三四五]五|年来?(?:净增|累计|共计|新增)|[一二三四五六七八九]?年来|[一二三四五六七八九]?年以来)"
    r"|(?<=[两二三四五六七八九0-9])(?=[0-9]?年来?(?:净增|累计|共计|新增)|十?[一二三四五六七八九]?年来|十?[一二三四五六七八九]?年以来)"
    r"|(?<=今)(?=年)|(?<=年)(?=[内底末])|(?<=[全当去明])(?=年)|(?<=本)(?=年度)"
    r"|(?<=过)(?=去的?[一两二三四五六七八九十]{1,3}年))"
)
#: An attribution opening a sentence before its period (记者从…获悉, 据统计, 报告显示).
_ATTRIBUTION = re.compile(
    r"(?:(?:本报讯|[^,，;；。]{0,12}电)?(?:[(（][^()（）]{0,30}[)）])?"  # 本报讯（记者 …）: the dateline
    r"(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:[上下]午)?[,，]?))?"
    r"(?:(?:记者)?(?:从|据|经)?[^,，;；。]{0,20}?(?:获悉|了解到|悉|显示|表明)[,，:：]?|据(?:了解|统计|悉)[,，:：]?)"
)
_BULLETIN_TITLE = re.compile(r"([0-9]{4})年[^。\n]{0,16}(?:统计公报|国民经济和社会发展统计)")
_PLAN_START = {"十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}

_CLAUSE_PUNCT = re.compile(r"[,，;；。!！?？、…\n]")
#: A clause break: punctuation or a line break, with the spaces and breaks after it.
_PUNCT_BREAK = re.compile(r"[,，;；。!！?？…]")
_SENTENCE_BREAK = re.compile(r"[。!！?？]")
_ENUMERATION_BREAK = re.compile(r"、")
_LINE_BREAK = re.compile(r"\n\s*")
_LINE_END_PUNCT = frozenset("。!！?？;；:：,，、)）”*")
_BRACKETED = re.compile(r"[(（][^()（）]{0,80}[)）]")

#: Character classes looked up for every character of a text at once (see
#: :func:`_char_flags`): a regex character-class scan costs Python's ``re`` some 15-20 ns
#: per CJK character, a numpy table lookup well under 1 ns.
_FLAG_PUNCT, _FLAG_SENTENCE, _FLAG_ENUMERATION = 1, 2, 4
_CHAR_FLAGS = np.zeros(0x110000, dtype=np.uint8)
for _char in ",，;；。!！?？…":  # the characters of _PUNCT_BREAK
    _CHAR_FLAGS[ord(_char)] |= _FLAG_PUNCT
for _char in "。!！?？":  # the characters of _SENTENCE_BREAK
    _CHAR_FLAGS[ord(_char)] |= _FLAG_SENTENCE
_CHAR_FLAGS[ord("、")] |= _FLAG_ENUMERATION  # _ENUMERATION_BREAK
_FLAG_OPEN, _FLAG_CLOSE = 32, 64  # the brackets of _BRACKETED
for _char in "(（":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_OPEN
for _char in ")）":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_CLOSE
#: The first characters of _PERIOD_CUE_STARTS, and the characters one of them must be
#: followed by within :data:`_PERIOD_ANCHOR_REACH` characters (年 of 上半年/2年来净增/
#: 过去的一年, 季 of 前三季度, 暑 of 暑期, 五 of “十四五”).
_FLAG_PERIOD_START, _FLAG_PERIOD_ANCHOR = 8, 16
for _char in "上下前一第暑“\"十两二三四五六七八九0123456789今年全本当去过明":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_PERIOD_START
for _char in "年季暑五":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_PERIOD_ANCHOR
_PERIOD_ANCHOR_REACH = 5  # 过去的一年: 年 is the fifth character


def _inside_brackets(flags: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Whether each of ``positions`` lies inside a match of :data:`_BRACKETED`.

    _BRACKETED is an opening bracket, at most 80 characters that are no bracket, and a
    closing bracket, so a position is inside one exactly when the nearest bracket before
    it opens, the nearest after it closes, and at most 80 characters lie between them.
    """
    brackets = np.flatnonzero(flags & (_FLAG_OPEN | _FLAG_CLOSE))
    after = np.searchsorted(brackets, positions)  # the first bracket after each position
    inside = np.zeros(len(positions), dtype=bool)
    has_both = (after > 0) & (after < len(brackets))
    if not has_both.any():
        return inside
    opening = brackets[after[has_both] - 1]
    closing = brackets[after[has_both]]
    inside[has_both] = ((flags[opening] & _FLAG_OPEN) != 0) & (
        (flags[closing] & _FLAG_CLOSE) != 0) & (closing - opening - 1 <= 80)
    return inside


def _char_flags(text: str) -> np.ndarray:
    """The :data:`_CHAR_FLAGS` of every character of ``text`` (index i = ``text[i]``).

    UTF-32 has one code unit per character, so positions match ``str`` indices;
    ``surrogatepass`` keeps lone surrogates (which no flag covers) from raising.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _CHAR_FLAGS[codes]


_QUOTE_LEAD = frozenset("# \t\u3000\n>★•-…")
_MARKUP = re.compile(r"\*\*|</?[A-Za-z][^<>]{0,30}>|[“”\"]")
#: An HTML tag: the digits inside it (<h1>) are no figures.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
#: HTML block tags end a clause and a sentence, like a line break.
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|tr|td|th|h[1-6]|section|article)\b[^<>]{0,80}>")

# Subject derivation (§9) -----------------------------------------------------------------
_SUBJECT_LEAD = re.compile(
    r"^(?:[\s\*★]|今年|上半年|下半年|全年|年内|到今年年底|年底|其中|同时|此外|特别是|"
    r"[0-9０-９]{4}年|[0-9]{1,2}[-–—至][0-9]{1,2}月|暑假期间|目前|如今|已|已经|"
    r"溧阳市?|全市|我市|全县|我县|全区|我区|本市|共|累计|实现|达到|完成|位列|位居|确保|力争|全力|全面|加快|推动|"
    r"并在|并|在|将|使|让|带动|有|连续[0-9０-９一二三四五六七八九十两]+年|十[二三四五]五(?:以来|期间)?|"
    r"[两二三四五六七八九十0-9]年(?:来)?|是|从|为|对照|依托|冲刺|跃居|巩固|建设|建强|织密|提档|锻造|瞄准|"
    r"打造|努力塑造|塑造|服务和融入|积极融入|融入|合作共建|共建|务实完成|集成政策|这片|这里|每天|"
    r"常年保持在|保持在|保持|全面落实|积极|大力|深入|持续|不断|进一步|新引进|引进)+"
)


def _strip_lead(fragment: str) -> str:
    """``fragment`` without its :data:`_SUBJECT_LEAD` (``_SUBJECT_LEAD.sub("", …)``: the
    pattern is anchored, and a match and a slice cost less than a sub over every position)."""
    lead = _SUBJECT_LEAD.match(fragment)
    return fragment[lead.end():] if lead else fragment


#: Verbs that never belong inside a subject (§9: 实现, 达到, 完成, 跃居, 位列 …).
_SUBJECT_VERBS = re.compile(
    r"跃居|位列|位居|稳居|蝉联|荣获|名列|实现了?|达到|进一步|均将|连续[0-9０-９一二三四五六七八九十两]+年|"
    r"[一二三四五六七八九十两]夺"
)
#: A subject ending in one of these verbs takes the noun counted after the figure
#: (日间照料惠及 2.9万名 老人 → 日间照料惠及老人).
_SUBJECT_VERB_END = ("惠及", "吸引", "带动", "接待", "引进", "集聚", "汇集", "培育", "服务", "覆盖")
#: Rank subjects that only name the aspect (增幅位居常州第二): the amount comes before.
_BARE_ASPECT = ("增幅", "增速", "总量", "数量", "规模", "占比")
_RESPECTIVE_SCOPE = re.compile(r"(全国|全省|全市|常州|全区|全县)的?$")
#: The size of a ranked population inside a rank's subject (全国59个千亿县 → 全国千亿县).
_POPULATION_COUNT = re.compile(r"[0-9０-９]+个")
#: The noun a rank qualifies when the rank comes first (全国县域第一的动力电池产业).
_QUOTED_NAME = re.compile(r"“([^“”]{0,10})$")
_NAME_NOUN_AFTER = re.compile(
    r"^[^,，;；。、等的“”]{0,6}?(?:产业集群体系|产业集群|发展战略|战略|热线|公路|体系|平台|工程|任务|"
    r"项目|行动|计划|模式|品牌|生活圈|服务圈|经济圈|就医圈|圈)"
)
_RANK_OF_NOUN = re.compile(r"^的([^,，;；。、的]{2,10}?)(?=和|与|及|等|[,，;；。、]|$)")
_RANK_SCOPE = re.compile(r"(全省县市区|常州各辖市区|省级高新区|全常州|全国|全省|全市|常州|省市)")
#: Verbs, bounds and place words stripped from the end of a subject (§9).
_SUBJECT_TAIL_WORDS = (
    "实现 达到 达 完成 突破 超过 超 增长 同比 比 较 位居 位列 居 列 获 保持 蝉联 跃居 为 是 有 约 "
    "近 共 累计 净增 增加 提高 下降 减少 均 分别 占 全省 全国 全市 常州 省市 前列 第 连续 成绩 稳居 "
    "已 再获 获得 荣获 入选 集聚了 集聚 汇集了 增至 缩小至 至 的 等 全常州 各辖市区 常州各辖市区 "
    "县市区 全省县市区 省级高新区 县域 全国县域 排名 中排名 中"
).split()

#: _SUBJECT_TAIL, run on the reversed text so that only the stripped tail is scanned.
_SUBJECT_TAIL_REVERSED = re.compile(
    r"(?:[\s\*“”0-9０-９.:：∶]|" + "|".join(sorted((w[::-1] for w in _SUBJECT_TAIL_WORDS), key=len,
                                     reverse=True)) + ")+"
)

#: The dimension dictionary (§10), tried group by group: the first group with a keyword in
#: the clause wins. Early groups hold the phrases that would otherwise be caught by a
#: broader keyword of a later group (工业应税销售收入 is 经济发展, not 收入 → 共同富裕).
_DIMENSION_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("none", ("千亿县", "综合实力", "高质量发展考核", "高质量发展考评", "督查激励", "试点",
              "先进县", "基本现代化", "综合考核", "综合考评", "县域高质量发展综合评价")),
    ("生态环境", ("关停", "取缔", "散乱污", "退圩还湖", "噪声", "声环境", "酸雨", "固体废物",
                  "危险废物", "医疗废物", "土壤", "气温", "降水量", "建设用地安全利用")),
    ("开放创新", ("高新技术", "进出口", "外贸", "外资", "出口", "专利", "研发投入", "R&D")),
    ("社会治理", ("应用场景", "感知设备", "城市运行", "热线", "政务服务")),
    ("经济发展", ("工业百强县", "动力电池产业", "销售收入", "营业收入", "预算收入", "财政收入",
                  "旅游", "游客", "税收收入", "规上工业", "规模以上工业")),
    ("城乡融合", ("户厕", "厕所革命", "重点村")),
    ("共同富裕", ("收入", "就业", "失业", "养老", "老人", "医疗", "卫生", "医院", "医师", "床位",
                  "民生", "为民办实事", "就诊", "长者食堂", "助餐", "老年",
                  "文明城市", "社会保障", "社保", "医保", "教育", "学校", "学位", "托育", "增收",
                  "日间照料", "救助", "低保", "住房保障", "中小学", "幼儿园", "学前")),
    ("城乡融合", ("乡村振兴", "人居环境", "村庄", "农房", "宅基地", "乡村", "田园", "宜居村",
                  "农村", "和美", "城镇化", "农业", "粮食", "高标准农田")),
    ("生态环境", ("PM", "空气", "水质", "水环境", "断面", "湿地", "生态", "污染", "碳排放",
                  "环境质量", "优良天数", "绿化", "绿地", "森林", "Ⅱ类", "Ⅲ类", "能耗", "污水",
                  "垃圾", "微克/立方米", "造林", "林木")),
    ("社会治理", ("数据", "治理", "平安", "安全", "信访", "网格", "指挥", "矛盾", "刑事",
                  "事故", "警情", "调解")),
    ("开放创新", ("高企", "专精特新", "小巨人", "科技型", "研发", "创新", "平台", "人才",
                  "绿色工厂", "绿色园区", "智能制造", "上云", "院士", "博士后", "科创", "基金",
                  "孵化", "研究院", "发明")),
    ("经济发展", ("产值", "生产总值", "GDP", "财政", "工业", "销售", "增加值", "产业",
                  "企业", "投资", "项目", "用地", "营业收入", "出货量", "占有率",
                  "产业链", "百强", "招商", "营收", "税收", "消费", "市场主体")),
)  # fmt: skip

_DIMENSION_BY_FIRST_CHAR: dict[str, list[tuple[str, int]]] = {}
for _rank, (_dimension_name, _keywords) in enumerate(_DIMENSION_KEYWORDS):
    for _keyword in _keywords:
        _DIMENSION_BY_FIRST_CHAR.setdefault(_keyword[0], []).append((_keyword, _rank))
_DIMENSION_FIRST_CHARS = frozenset(_DIMENSION_BY_FIRST_CHAR)

_COMPOSITE = ("百强县", "百强榜", "千亿县", "综合实力", "高质量发展考核", "高质量发展考评",
              "基本现代化", "综合考核", "综合考评", "县域高质量发展综合评价")  # fmt: skip


# --------------------------------------------------------------------------------------
# Publication dates and periods
# --------------------------------------------------------------------------------------
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _publication_year(published: str | None) -> int | None:
    if not published:
        return None
    match = _PUBLISHED.match(published.strip())
    return int(match.group(1)) if match else None


def _publication_month(published: str | None) -> int | None:
    if not published:
        return None
    match = _PUBLISHED.match(published.strip())
    return int(match.group(2)) if match and match.group(2) else None


def _before_publication(period: str, year: int | None, month: int | None) -> str:
    """A cumulative month range resolved into the future is last year's (§8).

    Statistics for 1-8月 or 前三季度 quoted in a text published in January cannot be of the
    publication year: the months have not happened yet, so they are the previous year's.
    """
    if year is None or month is None:
        return period
    found = _MONTH_RANGE_PERIOD.fullmatch(period)
    if not found or int(found.group(1)) != year or int(found.group(4)) <= month:
        return period
    y = year - 1
    return f"{y}-{found.group(2)}..{y}-{found.group(4):0>2}"


_MONTH_RANGE_PERIOD = re.compile(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})")


def _month_span(year: int | None, first: int, last: int) -> str:
    if year is None:
        return ""
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}..{year}-{last:02d}"


class _TextIndex:
    """Clause and sentence boundaries of one text, found once and looked up by bisection.

    A clause ends at ``,`` ``;`` ``。`` ``!`` ``?`` (half or full width) and at ``、``
    outside brackets (§3). A line break ends a clause unless it breaks a long paragraph
    line in the middle (the texts wrap paragraphs at a fixed width: ``三项⏎⏎指标``).
    """

    __slots__ = ("clause_starts", "clause_ends", "sentence_starts", "sentence_ends")

    def __init__(self, text: str, flags: np.ndarray | None = None) -> None:
        # A break is the position of one character that ends a clause; the next clause
        # starts right after it. Punctuation is found in bulk (in C); 、, line breaks and
        # HTML tags need a closer look (multi-character ones add their first and last).
        # The positions of _PUNCT_BREAK, _SENTENCE_BREAK and _ENUMERATION_BREAK come from
        # one table lookup (numpy) instead of three regex scans; the few other breaks are
        # collected in Python lists and merged, sorted, at the end.
        if flags is None:
            flags = _char_flags(text)
        punctuation = np.flatnonzero(flags & _FLAG_PUNCT)
        sentence_punctuation = np.flatnonzero(flags & _FLAG_SENTENCE)
        enumeration = np.flatnonzero(flags & _FLAG_ENUMERATION)
        if len(enumeration):
            enumeration = enumeration[~_inside_brackets(flags, enumeration)]
        breaks: list[int] = []
        sentence_breaks: list[int] = []
        if "<" in text:
            for tag in _BLOCK_TAG.finditer(text):
                breaks += (tag.start(), tag.end() - 1)
                sentence_breaks += (tag.start(), tag.end() - 1)
        previous_line_start = 0
        for match in _LINE_BREAK.finditer(text):
            start, end = match.span()
            line_start, previous_line_start = previous_line_start, end
            if (text[start - 1 : start] in _DIGIT_CHARS and text[end : end + 1] in _DIGIT_CHARS
                    and start > line_start and not text[line_start:start].strip().isdigit()):
                continue  # 达到41⏎285元: a number wrapped between its digits (§4)
            if start - line_start < 60:  # short even before rstrip: never a wrapped line
                breaks += (start, end - 1)
                sentence_breaks += (start, end - 1)
                continue
            line = text[line_start:start].rstrip("\r \t\u3000")
            if len(line) >= 60 and line[-1] not in _LINE_END_PUNCT:
                next_break = text.find("\n", end)
                if (len(text) if next_break < 0 else next_break) - end >= 20:
                    continue  # a wrapped paragraph line: the clause goes on
            breaks += (start, end - 1)
            sentence_breaks += (start, end - 1)
        clause_breaks = np.sort(np.concatenate(
            (punctuation, enumeration, np.array(breaks, dtype=punctuation.dtype))))
        sentence_ends = np.sort(np.concatenate(
            (sentence_punctuation, np.array(sentence_breaks, dtype=punctuation.dtype))))
        self.clause_starts = [0, *(clause_breaks + 1).tolist()]
        self.clause_ends = [*clause_breaks.tolist(), len(text)]
        self.sentence_starts = [0, *(sentence_ends + 1).tolist()]
        self.sentence_ends = [*sentence_ends.tolist(), len(text)]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``[start, end)``, widened to whole clauses if it crosses one."""
        first = bisect_right(self.clause_starts, start) - 1
        last = bisect_left(self.clause_ends, end)
        return self.clause_starts[first], self.clause_ends[min(last, len(self.clause_ends) - 1)]

    def sentence_index(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position) - 1


# --------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------
def _row(
    start: int,
    end: int,
    value: float | None,
    unit: str,
    value_base: float | None,
    base_unit: str,
    measure: str,
    kind: str,
    period: str = "",
    note: str = "",
) -> dict:
    """A figure before context is added. ``kind`` drives period, indicator and subject."""
    return {
        "start": start, "end": end, "value": value, "unit": unit, "value_base": value_base,
        "base_unit": base_unit, "measure": measure, "kind": kind, "period": period,
        "note": note,
    }  # fmt: skip


def _cn_value(numeral: str) -> float | None:
    return chinese_to_number(numeral)


def _number(numeral: str) -> float | None:
    if numeral[0] in _DIGIT_CHARS:
        if "\n" in numeral:  # 41⏎285: a number wrapped between its digits (§4)
            numeral = "".join(numeral.split())
        return arabic_to_number(numeral)
    return chinese_to_number(numeral)


#: Precompiled forms of patterns the handlers use per match (``re.findall(pattern, …)``
#: would look the compiled pattern up in ``re``'s cache every time).
_DIGIT_RUN = re.compile(r"[0-9０-９]+")
_FOUR_DIGITS = re.compile(r"[0-9０-９]{4}")
_YEAR_QUOTED_BEFORE = re.compile(r"([0-9]{4})年[\s“”]*$")


def _date_ymd(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2022-09-30, 2022年9月30日: a full date; value empty, unit 日期, period the date (§5, §8)."""
    digits = _DIGIT_RUN.findall(match.group("ymd"))
    y, m, d = (int(arabic_to_number(x)) for x in digits[:3])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return _bare_numbers(text, start, end)
    return [_row(start, end, None, "日期", None, "", "other", "date", f"{y}-{m:02d}-{d:02d}")]


def _date_ym_range(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2023年1-8月: a month range of a stated year (§5, §8)."""
    digits = [int(arabic_to_number(x)) for x in _DIGIT_RUN.findall(match.group(0))]
    y1, m1 = digits[0], digits[1]
    y2, m2 = (digits[2], digits[3]) if len(digits) == 4 else (y1, digits[2])
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return _bare_numbers(text, start, end)
    return [_row(start, end, None, "日期", None, "", "other", "date",
                 f"{y1}-{m1:02d}..{y2}-{m2:02d}")]


def _date_ym(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2021年6月: a month of a stated year (§5, §8)."""
    digits = [int(arabic_to_number(x)) for x in _DIGIT_RUN.findall(match.group(0))]
    if not 1 <= digits[1] <= 12:
        return _bare_numbers(text, start, end)
    return [_row(start, end, None, "日期", None, "", "other", "date",
                 f"{digits[0]}-{digits[1]:02d}")]


def _date_md(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """12月13日: a day; the year comes from the publication date (§8)."""
    digits = [int(arabic_to_number(x)) for x in _DIGIT_RUN.findall(match.group(0))]
    month, day = digits[0], digits[1]
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return _bare_numbers(text, start, end)
    period = f"{year}-{month:02d}-{day:02d}" if year else ""
    note = "" if year else "publication date unknown: year not resolved"
    return [_row(start, end, None, "日期", None, "", "other", "date", period, note)]


def _date_md_range(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """8月1日-15日: a day range within one month (§8)."""
    digits = [int(arabic_to_number(x)) for x in _DIGIT_RUN.findall(match.group(0))]
    month = digits[0]
    if not 1 <= month <= 12:
        return _bare_numbers(text, start, end)
    period = f"{year}-{month:02d}-{digits[1]:02d}..{year}-{month:02d}-{digits[2]:02d}" if year else ""
    note = "" if year else "publication date unknown: year not resolved"
    return [_row(start, end, None, "日期", None, "", "other", "date", period, note)]


def _date_m_range(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """1—11月, 1-8月: a month range with any dash; the year is stated or published (§4, §8)."""
    digits = [int(arabic_to_number(x)) for x in _DIGIT_RUN.findall(match.group(0))]
    first, last = digits[0], digits[1]
    if not (1 <= first <= last <= 12):
        return _bare_numbers(text, start, end)
    explicit = _YEAR_QUOTED_BEFORE.search(text[max(0, start - 8) : start])
    span_year = int(explicit.group(1)) if explicit else year
    note = "" if span_year else "publication date unknown: year not resolved"
    return [_row(start, end, None, "日期", None, "", "other", "date",
                 _month_span(span_year, first, last), note)]


def _date_month(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """今年8月: one month (§8)."""
    month = int(arabic_to_number(_DIGIT_RUN.match(match.group(0)).group(0)))
    if not 1 <= month <= 12:
        return _bare_numbers(text, start, end)
    explicit = _YEAR_BEFORE.search(text[max(0, start - 5) : start])
    span_year = int(explicit.group(1)) if explicit else year
    note = "" if span_year else "publication date unknown: year not resolved"
    return [_row(start, end, None, "日期", None, "", "other", "date",
                 _month_span(span_year, month, month), note)]


def _time_of_day(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """14:08, 9时: a time of day; value empty, unit 时间, no period (§5)."""
    return [_row(start, end, None, "时间", None, "", "other", "time")]


def _ratio(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """1.75:1 is one row (value 1.75, unit :1); 5.1:52.3:42.6 is one row per part (§4, §5)."""
    parts = list(re.finditer(_NUM, match.group("ratio")))
    values = [arabic_to_number(p.group(0)) for p in parts]
    if len(parts) == 2:
        note = f"ratio {match.group('ratio')}"
        row = _row(start, end, values[0], ":" + parts[1].group(0), values[0] / values[1]
                   if values[1] else values[0], "ratio", "ratio", "ratio", note="")
        if values[1] == 1:
            row["value_base"] = values[0]
        row["note"] = note if values[1] != 1 else ""
        return [row]
    rows = []
    for part, value in zip(parts, values, strict=True):
        s = start + part.start()
        rows.append(_row(s, s + len(part.group(0)), value, "", value, "%", "share_pct", "quantity",
                         note=f"part of the structure {match.group('ratio')}"))
    return rows


def _code(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2+2+X, 1+29: a slogan or code; value empty (§5)."""
    return [_row(start, end, None, "", None, "", "other", "code", note="slogan or code")]


def _year(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2023年, 2023年度: a year alone; value and period the year (§5, §8)."""
    value = float(arabic_to_number(match.group("year")))
    if not 1900 <= value <= 2100:
        return _quantity_from_parts(text, start, end, "", match.group("year"), "", "",
                                    match.group("year_unit"), "")
    unit = match.group("year_unit")
    return [_row(start, end, value, unit, value, "年", "other", "year", str(int(value)))]


def _ordinal(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """第N: a rank (第21位, 全省第一), a grade (第一等次) or an ordinal (第二批, 第一家) (§4, §5).

    Not rows: 第一 opening a list item (``:第一,聚力…``), tiers and fixed phrases
    (第一方阵, 第一书记), and 第N inside a name (省第二中医院, 第四实验小学) (§2).
    """
    numeral, unit = match.group("ord_num"), match.group("ord_unit") or ""
    is_arabic = numeral[0] in _DIGIT_CHARS
    value = _number(numeral)
    after = text[end : end + 6]
    if value is None:
        return _bare_numbers(text, start, end) if is_arabic else []
    if not unit:
        opens_item = _LIST_MARKER_FOLLOW.match(after) and (
            text[max(0, start - 3) : start].replace("*", "").strip()[-1:] in {"", ":", "：", "。",
                                                                              ";", "；", "\n"})
        if opens_item or not _RANK_FOLLOW.match(after):
            if is_arabic:
                return [_row(start, end, value, "", None, "", "other", "label",
                             note="number in a name or list label")]
            return []
    if unit in {"站", "章", "条", "款"} and not is_arabic:
        return []
    if unit in {"位", "名", ""}:
        return [_row(start, end, value, unit, value, "rank", "rank", "rank")]
    if unit == "等次":
        return [_row(start, end, value, "等次", value, "rank", "rank", "rank", note="grade")]
    if unit == "季度" and 1 <= value <= 4:
        explicit = _YEAR_BEFORE.search(text[max(0, start - 5) : start])
        quarter_year = int(explicit.group(1)) if explicit else year
        first = 3 * int(value) - 2
        return [_row(start, end, None, "日期", None, "", "other", "date",
                     f"{quarter_year}-{first:02d}..{quarter_year}-{first + 2:02d}"
                     if quarter_year else "")]
    return [_row(start, end, value, unit, None, "", "other", "ordinal")]


def _top(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """前十, 前5名: a rank (the upper bound of the place); 前三季度 is a period (§5)."""
    numeral, unit = match.group("top_num"), match.group("top_unit") or ""
    is_arabic = numeral[0] in _DIGIT_CHARS
    value = _number(numeral)
    if value is None or _TOP_FOLLOW_STOP.match(text[end : end + 3]) or (
        text[start - 1 : start] in {"以", "之", "此", "提", "从"} and start > 0
    ):  # 以前一到夏天, 提前一年: 前 belongs to a word, not a rank
        return _bare_numbers(text, start, end) if is_arabic else []
    if unit == "强":
        return [_row(start, end, value, unit, value, "rank", "rank", "rank")]
    return [_row(start, end, value, unit, value, "rank", "rank", "rank")]


def _first(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """首位: rank 1, unit 位 (§5); not 放在首位 (first priority)."""
    if text[max(0, start - 1) : start] in {"在", "于", "放", "摆"}:
        return []
    return [_row(start, end, 1.0, "位", 1.0, "rank", "rank", "rank")]


def _plenum(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """十三届五次全会: one compound meeting ordinal, value 13 届 (§4, §5)."""
    value = _cn_value(match.group("pl_num"))
    if value is None:
        return []
    return [_row(start, end, value, "届", None, "", "other", "ordinal", note="compound ordinal")]


def _congress(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """二十大, 十八大: a party-congress ordinal (§5)."""
    value = _cn_value(match.group("cg_num"))
    if value is None or value < 11:
        return []  # 十大… is a name (中国十大社会治理创新奖), not a congress
    return [_row(start, end, value, "大", None, "", "other", "ordinal")]


def _plenum_short(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """三中全会: a plenum ordinal, value 3 中 (§5)."""
    value = _cn_value(match.group("ps_num"))
    if value is None:
        return []
    return [_row(start, end, value, "中", None, "", "other", "ordinal")]


def _framework(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """六大品质, 五个方面: a count of the framework's own parts (§2, §6)."""
    value = _cn_value(match.group("fw_num"))
    if value is None or value < 2:
        return []
    unit = match.group("fw_unit")
    unit = "个" if unit == "个方面" else unit
    return [_row(start, end, value, unit, value, "个", "count", "framework",
                 note="framework structure count")]


def _streak(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """连续三年: a streak; the whole phrase is the surface (§4, §7)."""
    value = _cn_value(match.group("st_num"))
    if value is None:
        return []
    unit = match.group("st_unit")
    return [_row(start, end, value, unit, value, _BASE_UNIT.get(unit, unit), "other", "streak",
                 note="streak length")]


def _wins(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """五夺, 六连冠, 两赴: win and visit counts, base unit 次 (§5, §6)."""
    value = _cn_value(match.group("wn_num"))
    if value is None or value < 2 or text[max(0, start - 1) : start] in {"这", "那", "此"}:
        return []
    unit = match.group("wn_unit")
    if unit == "赴":
        return [_row(start, start + len(match.group("wn_num")), value, "次", value, "次", "other",
                     "visits", note="visit count")]
    return [_row(start, end, value, unit, value, "次", "other", "visits", note="win count")]


def _roman(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """Ⅱ类 is a row when it is the measured value; 劣V类水体, Ⅲ类比例 are labels (§2)."""
    after = text[end : end + 3]
    if match.group("rm_pre") or re.match(r"^(?:比例|占比|断面|及以上|以上|水体)", after):
        return []  # 劣V类水体, 省考断面Ⅲ类比例: a category label inside a subject (§2)
    value = float(ROMAN_VALUES[match.group("rm_num")])
    s = start + (1 if match.group("rm_pre") else 0)
    return [_row(s, end, value, "类", value, "类", "level", "quantity")]


def _bare_numbers(text: str, start: int, end: int) -> list[dict]:
    """Fallback: each Arabic number inside ``text[start:end]`` as a plain 'other' row (§2)."""
    rows = []
    for part in re.finditer(_NUM, text[start:end]):
        s = start + part.start()
        value = arabic_to_number(part.group(0))
        rows.append(_row(s, s + len(part.group(0)), value, "", None, "", "other", "label"))
    return rows


def _qty(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """An Arabic number with its approximation, scale and unit (§4-§7)."""
    if "\n" in match.group(0):
        number_end = match.end("q_num")
        if _line_before(text, start).strip() == "":
            # a section number alone on its line (01⏎⏎强化…): the break ends the figure
            value = arabic_to_number(match.group("q_num"))
            return [_row(start, number_end, value, "", None, "", "other", "label",
                         note="section number")]
    return _quantity_from_parts(
        text, start, end, match.group("q_pre") or "", match.group("q_num"),
        match.group("q_ap1") or match.group("q_ap2") or "", match.group("q_scale") or "",
        match.group("q_unit") or "", "arabic",
    )


def _pct_word(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """百分之八十 → 80 %, a percentage written in words (§5)."""
    value = _number(match.group("pw_num"))
    if value is None:
        return []
    return [_row(start, end, value, "%", value, "%", "share_pct", "percent")]


def _cqty(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """A Chinese-numeral count (两个, 上百家, 三万人); a measure word is required (§2)."""
    numeral = match.group("c_num")
    prefix = match.group("c_pre") or ""
    unit = match.group("c_unit")
    before = text[max(0, start - 1) : start]
    if _CN_PRECEDE_STOP.search(before):
        return []  # “三项表率”, 这两个产业: a slogan or a back-reference (§2)
    if unit == "年" and text[max(0, start - 3) : start].endswith(("过去", "过去的")):
        return []  # 过去五年: a period phrase like 五年来 (§2)
    if numeral[0] in "百千万" and not prefix and not _bound_before(text[max(0, start - 4) : start]):
        return []  # 百家塘村, 千家万户: numeral characters inside words (but 超百亿元 is one)
    if (numeral in {"百", "千", "万"} or match.group("c_scale") and unit == "元") and (
        _SIZE_CLASS_AFTER.match(text[end : end + 3])
    ):
        return []  # GDP超千亿元的县, 超五千亿元的县级市: a size class, not a figure (§2)
    if unit == "年" and len(numeral) == 4 and set(numeral) <= set(_CHINESE_DIGIT_CHARS):
        year_value = float("".join(str(_CHINESE_DIGIT_CHARS.index(c) % 10) for c in numeral))
        return [_row(start, end, year_value, "年", year_value, "年", "other", "year",
                     str(int(year_value)))]  # 二〇二三年 written digit by digit
    scale = match.group("c_scale") or ""
    value = chinese_to_number(numeral)
    if value is None:
        return []
    if value == 1 and not scale and unit not in {"期", "届", "倍"}:
        return []  # indefinite 一: 一个, 一年, 一次 (§2)
    if unit in {"期", "届"}:
        return [_row(start, end, value, unit, None, "", "other", "ordinal")]  # 一期工程
    if _CN_FOLLOW_STOP.match(text[end : end + 4]):
        return []
    if unit == "年" and text[end : end + 1] in {"级", "制"}:
        return []
    if unit == "位" and text[end : end + 1] == "数":
        return []  # 两位数增长: a word, not a quantity
    if unit == "次" and re.match(r"^(?:全会|会议|党代会|代表大会|全体会议)", text[end : end + 4]):
        return [_row(start, end, value, unit, None, "", "other", "ordinal")]
    approx = match.group("c_ap1") or match.group("c_ap2") or ""
    return _quantity_from_parts(text, start, end, prefix, numeral, approx, scale, unit, "chinese",
                                value=value)


def _quantity_from_parts(
    text: str,
    start: int,
    end: int,
    prefix: str,
    numeral: str,
    approx: str,
    scale: str,
    unit: str,
    script: str,
    value: float | None = None,
) -> list[dict]:
    """An amount, count, share or label with its unit (§5-§7); the measure is provisional."""
    if value is None:
        value = _number(numeral)
    if value is None:
        return []
    before = text[max(0, start - 12) : start]
    after = text[end : end + 8]
    notes = []
    if prefix == "近":
        notes.append("approximate (近)")
    elif prefix in {"上", "数"}:
        notes.append(f"approximate ({prefix})")
    if approx:
        notes.append(f"approximate lower bound ({approx})")
    clean_unit = unit.replace("\n", "").strip()
    written_unit = scale + clean_unit
    multiplier = SCALES.get(scale, 1.0)
    # numbers that only name something (§5 "number used as a name or label")
    if script == "arabic" and not scale:
        stripped_before = before.replace("**", "")
        if clean_unit == "年" and not prefix and _POLLUTANT_BEFORE.search(stripped_before):
            # PM2.5年均浓度: 年 opens 年均, the number is part of the pollutant name
            return [_row(start, start + len(numeral), value, "", None, "", "other", "name",
                         note="part of a pollutant name (PM2.5)")]
        if _NAME_BEFORE.search(stripped_before) and not clean_unit:
            if _POLLUTANT_BEFORE.search(stripped_before):
                return [_row(start, end, value, "", None, "", "other", "name",
                             note="part of a pollutant name (PM2.5)")]
            return [_row(start, end, None, "", None, "", "other", "code",
                         note="code or id (e.g. C2, G60)")]
        if clean_unit == "号" or _ROAD_AFTER.match(after) and not clean_unit:
            return [_row(start, end, value, clean_unit, None, "", "other", "name",
                         note="number in a name")]
        if clean_unit == "部":
            return [_row(start, end, value, "部", None, "", "other", "name",
                         note="regulation number")]
        if clean_unit == "条" and _DOC_ITEM_BEFORE.search(before):
            return [_row(start, end, value, "条", None, "", "other", "doc_items",
                         note="document item count")]
        if not clean_unit and not prefix and not approx:
            return _unitless(text, start, end, value, numeral, before, after)
    # the base unit (§6)
    base_unit = _BASE_UNIT.get(clean_unit, clean_unit)
    if not clean_unit and scale:
        base_unit = ""
        for noun, noun_base in _SCALE_NOUN_BASE:
            if after.lstrip("*").startswith(noun):
                base_unit = noun_base
                break
    # 2311.8 × 1e8 without float noise
    value_base = float(f"{value * multiplier:.15g}") if multiplier != 1.0 else value
    if base_unit in {"%", "百分点", "ratio"}:
        value_base = value
    bound = _bound_before(before)
    if bound:
        notes.append(_BOUND_NOTES[bound])
    # 超过500万元的村, 超10亿元项目: a size threshold naming a class, as 10亿元以上项目 (§7)
    threshold = bound in {"超", "超过", "超出", "逾"} and bool(
        _SIZE_CLASS_AFTER.match(after.lstrip("*"))) and not after.lstrip("*").startswith("以上")
    bound_after = _BOUND_AFTER.match(after)
    if bound_after:
        if _THRESHOLD_AFTER.match(after) or clean_unit in {"周岁", "岁"}:
            threshold = True
        else:
            notes.append(_BOUND_NOTES.get(bound_after.group(1), f"bound ({bound_after.group(1)})"))
    kind = "quantity"
    if clean_unit == "成" and script == "chinese":
        # 六成: tenths, a share in percent (§6 percentages stay percent numbers)
        return [_row(start, end, value, "成", value * 10, "%", "share_pct", "percent",
                     note="; ".join(notes))]
    if clean_unit in {"%", "％", "‰"}:
        measure = "share_pct"
        kind = "percent"
    elif clean_unit in {"个百分点", "百分点"}:
        measure, base_unit = "change_abs", "百分点"
    elif clean_unit == "倍":
        measure = "ratio"
    elif clean_unit in {"周岁", "岁"}:
        measure, kind = "other", "threshold"
    elif clean_unit == "天" and _DAY_COUNT_BEFORE.search(before):
        measure = "count"  # 优良天数为312天: days counted, an indicator, not a duration (§7)
    elif clean_unit in _DURATION_UNITS:
        measure, kind = "other", "duration"
    elif clean_unit in {"大", "方面"}:
        measure, kind = "count", "framework"
    elif clean_unit in {"夺", "连冠"}:
        measure, kind = "other", "visits"
    elif clean_unit == "次" and script == "chinese":
        measure, kind = "other", "visits"
    elif clean_unit in {"批", "期", "届"}:
        return [_row(start, end, value, clean_unit, None, "", "other", "ordinal")]
    elif clean_unit in {"A", "级", "星"}:
        return [_row(start, end, value, clean_unit, None, "", "other", "label",
                     note="grade label (4A级, 五星级)")]
    elif scale or clean_unit not in _COUNT_UNITS:
        measure = "level"
    else:
        measure = "count"
    if threshold:
        measure, kind = "other", "threshold"
    if clean_unit in {"公里", "千米", "米"} and (
        before.endswith(("“", "是")) or _RHETORICAL_AFTER.match(after)
        or before.rstrip("*")[-1:] in {"", "\n", "。", ",", "，"}
    ):
        measure, kind = "other", "distance"
        notes.append("rhetorical distance")
    if clean_unit in {"位", "名", "个位次", "位次"} and _RANK_MOVE_BEFORE.search(before):
        # 较上年前移3位: a change of rank, not a count of people (§6 ranks → rank)
        measure, base_unit = "change_abs", "rank"
        if _RANK_MOVE_BEFORE.search(before).group(0).endswith(("后移", "下降", "后退", "下滑")):
            value_base = -value_base
            notes.append("decline")
    if before.endswith("连续") and clean_unit in {"年", "个月", "届", "次", "天"}:
        measure, kind = "other", "streak"
        notes.append("streak length")
    row = _row(start, end, value, written_unit, value_base, base_unit, measure, kind,
               note="; ".join(notes))
    return [row]


def _bound_before(before: str) -> str:
    """The bound or approximation word right before a number (突破800家 → 突破), or ""."""
    stripped = before.rstrip("*“")
    if stripped.endswith(_BOUND_WORDS):
        for word in _BOUND_WORDS:
            if stripped.endswith(word):
                return word
    return ""


def _line_before(text: str, start: int, limit: int = 80) -> str:
    """The text from the start of the line to ``start`` (at most ``limit`` characters back).

    Bounded so that a text without line breaks costs no more than one with them.
    """
    window_start = max(0, start - limit)
    return text[text.rfind("\n", window_start, start) + 1 or window_start : start]


def _line_after(text: str, end: int, limit: int = 80) -> str:
    """The text from ``end`` to the end of the line (at most ``limit`` characters on)."""
    line_end = text.find("\n", end, end + limit)
    return text[end : line_end if line_end >= 0 else min(len(text), end + limit)]


def _unitless(
    text: str, start: int, end: int, value: float, numeral: str, before: str, after: str
) -> list[dict]:
    """A bare Arabic number: a year, a code, a section number or a plain figure (§5)."""
    if _LATIN_AFTER.match(after):
        return [_row(start, end, value, "", None, "", "other", "name",
                     note="number in a name (e.g. 5G)")]
    if (before.endswith(("(", "（")) and after.startswith((")", "）"))) or (
        _line_before(text, start).strip(" \t\u3000*#") == ""
        or before.endswith(("注:", "注：", ";", "；"))  # 注：1.本公报…；2.地区…
        or before.endswith("。") and _line_before(text, start, 300).lstrip(" \t\u3000*").startswith(
            ("注", "说明"))  # 注：1.…计算。2.部分数据…
    ) and after[:1] in {".", "、", "．", ")", "）"}:
        return [_row(start, end, value, "", None, "", "other", "label", note="list label")]
    quoted = before.endswith(("“", "‘", "'", '"', "「")) and after.startswith(("”", "’", "'", '"', "」"))
    if _line_before(text, start).strip() == "" and _line_after(text, end).strip() == "":
        return [_row(start, end, value, "", None, "", "other", "label", note="section number")]
    integer = "." not in numeral and "．" not in numeral
    if integer and 1900 <= value <= 2100 and len(numeral) == 4:
        return [_row(start, end, value, "", value, "年", "other", "year", str(int(value)))]
    if (before.endswith(">") and after.startswith("</t")) or (
        before.rstrip(" \t*").endswith("|") and after.lstrip(" \t*").startswith("|")
    ):
        return [_row(start, end, value, "", value, "", "level", "quantity")]  # a table cell
    if quoted or _HOTLINE_AFTER.match(after) or (integer and len(numeral) >= 4):
        return [_row(start, end, None, "", None, "", "other", "code", note="slogan or code")]
    return [_row(start, end, value, "", value, "", "level", "quantity")]


_HANDLERS = {
    "ymd": _date_ymd, "ym_range": _date_ym_range, "ym": _date_ym, "md_range": _date_md_range,
    "md": _date_md, "m_range": _date_m_range, "month": _date_month, "clock": _time_of_day,
    "hour": _time_of_day, "ratio": _ratio, "code": _code, "yearword": _year, "ordinal": _ordinal,
    "top": _top, "first": _first, "plenum": _plenum, "congress": _congress,
    "plenum_short": _plenum_short, "framework": _framework, "streak": _streak, "wins": _wins,
    "roman": _roman, "qty": _qty, "pct_word": _pct_word, "cqty": _cqty,
}  # fmt: skip


# --------------------------------------------------------------------------------------
# Context: measure, period, subject, dimension, indicator (§7-§12)
# --------------------------------------------------------------------------------------
def _period_cue_matches(text: str, flags: np.ndarray | None = None) -> list[re.Match]:
    """``_scan(_PERIOD_CUE, _PERIOD_CUE_STARTS, text)``, with the candidates narrowed first.

    _PERIOD_CUE_STARTS opens with common characters (digits, 一, 年, 上 …), so ``re``
    runs its lookarounds at about every tenth character. Every cue has 年, 季, 暑 or 五
    within its first :data:`_PERIOD_ANCHOR_REACH` characters, so only positions holding a
    start character with such an anchor close after it are tried, with
    ``_PERIOD_CUE_STARTS.match`` (lookbehinds see the text before the position), which
    gives exactly the positions ``finditer`` gives.
    """
    if flags is None:
        flags = _char_flags(text)
    anchor = (flags & _FLAG_PERIOD_ANCHOR) != 0
    near_anchor = anchor.copy()
    for shift in range(1, _PERIOD_ANCHOR_REACH):
        near_anchor[:-shift] |= anchor[shift:]
    candidates = np.flatnonzero(near_anchor & ((flags & _FLAG_PERIOD_START) != 0)).tolist()
    matches = []
    last_end = 0
    is_start = _PERIOD_CUE_STARTS.match
    match_at = _PERIOD_CUE.match
    for position in candidates:
        if position < last_end or is_start(text, position) is None:
            continue
        match = match_at(text, position)
        if match is not None:
            last_end = match.end()
            matches.append(match)
    return matches


def _period_cues(
    text: str,
    year: int | None,
    headings: _Headings | None = None,
    month: int | None = None,
    flags: np.ndarray | None = None,
) -> list[tuple[int, int, str, str]]:
    """Relative and plan-period words as ``(start, end, period, note)`` (§8).

    ``flags`` are the text's :func:`_char_flags`, when the caller has them already.

    全年, 年末 and 今年 are resolved with the publication year, except in an annual
    statistical bulletin (its title names the year it reports on: ``2023年…统计公报``),
    where they mean that year.
    """
    cues = []
    bulletin = _BULLETIN_TITLE.search(text[:300])
    bulletin_year = int(bulletin.group(1)) if bulletin else None
    for match in _period_cue_matches(text, flags):
        start, end = match.span()
        kind = match.lastgroup
        for name in ("half", "q3", "q1", "summer", "plan", "net", "span", "this_year",
                     "last_year", "next_year"):
            if match.group(name) is not None:
                kind = name
                break
        word = match.group(0)
        if kind in {"last_year", "next_year", "plan"} and _COMPARISON_BEFORE.search(
            text[max(0, start - 3) : start].rstrip("“\"")
        ):
            continue  # 比上年增长, 较“十三五”末: the base of a comparison, not a period (§8)
        explicit = _YEAR_BEFORE.search(text[max(0, start - 5) : start])
        cue_year = int(explicit.group(1)) if explicit else year
        heading_year = headings.at(start)[1] if headings is not None and headings.starts else None
        relative = word in {"今年", "去年", "明年", "过去一年", "过去的一年"} or (
            text[max(0, start - 2) : start] == "今年")
        if heading_year and not explicit and not relative:
            cue_year = heading_year
        resolved = "" if explicit else (
            f"{word} resolved with publication year {year}" if year else
            f"{word}: publication date unknown, period left empty"
        )
        if (not explicit and not heading_year and word in {"全年", "年末", "年底", "当年"}
                and _LAST_YEAR_IN_PARAGRAPH.search(
                    text[max(text.rfind("\n", 0, start), start - 300, 0) : start]) and year):
            cue_year = year - 1  # 去年,…。全年新增…: the year the paragraph is about
            resolved = f"{word}: the 去年 of the paragraph ({cue_year})"
        elif heading_year and not explicit and not relative:
            resolved = f"{word} resolved with the heading year {heading_year}"
        elif (not explicit and year and month is not None and month <= 4
              and word in {"全年", "当年", "年末", "年底"}
              and _last_stated_year(text, start) == year - 1):
            # published in spring, after 二〇二三年,… : 全年 is the year just reported on
            cue_year = year - 1
            resolved = f"{word}: the year {cue_year} the text reports on"
        elif bulletin_year and not explicit and kind in {"this_year", "half", "q3", "q1"}:
            cue_year = bulletin_year
            resolved = f"{word} resolved with the bulletin year {bulletin_year}"
        if kind == "plan":
            first = _PLAN_START[match.group("plan_name")]
            if match.group("plan_kind") == "以来":
                period = f"{first}..{year}" if year else ""
            else:
                period = f"{first}..{first + 4}"
                resolved = ""
            cues.append((start, end, period, resolved))
            continue
        if kind == "net":
            cues.append((start, end, "net:" + match.group("net_num"), ""))
            continue
        if kind == "span":
            # 过去五年, 五年来: the N years up to the year reported on (heading year, else
            # the year a spring text reports on, else the publication year)
            count = int(chinese_to_number(match.group("span_past") or match.group("span_num")) or 0)
            last = cue_year if explicit or heading_year else bulletin_year
            if last is None and year is not None:
                last = year - 1 if (month is not None and month <= 4 and _last_stated_year(
                    text, start) == year - 1) else year
            period = f"{last - count + 1}..{last}" if last and count > 1 else ""
            cues.append((start, end, period, "" if period else resolved))
            continue
        if cue_year is None:
            cues.append((start, end, "", resolved))
            continue
        if kind == "half":
            period = f"{cue_year}H1" if word == "上半年" else f"{cue_year}-07..{cue_year}-12"
        elif kind == "q3":
            period = f"{cue_year}-01..{cue_year}-09"
        elif kind == "q1":
            period = f"{cue_year}-01..{cue_year}-03"
        elif kind == "summer":
            period = f"{cue_year}-07..{cue_year}-08"
        if kind in {"q3", "q1", "summer"} or word == "上半年":
            if not explicit and not relative and not heading_year:
                shifted = _before_publication(
                    period if word != "上半年" else f"{cue_year}-01..{cue_year}-06", year, month
                )
                if shifted[:4] != period[:4]:
                    cue_year -= 1
                    period = period.replace(str(cue_year + 1), str(cue_year))
                    resolved = f"{word}: after the publication date, so the previous year"
        elif kind == "last_year":
            if word == "上年" and not heading_year:  # 2023年…由上年的…: the year before 2023
                stated = _STATED_YEARS.findall(text[max(0, start - 60) : start])
                cue_year = int(stated[-1]) if stated else cue_year
            period = str(cue_year - 1)
        elif kind == "next_year":
            period = str(cue_year + 1)
        else:
            period = str(cue_year)
        cues.append((start, end, period, resolved))
    return cues


_HEADING_TAG = re.compile(r"<h[1-6][^<>]*>([^<>]{1,80})</h[1-6]>")
_HEADING_STOP = re.compile(r"[。；;，,!！?？]")
_HEADING_YEAR = re.compile(r"(?<![0-9])([0-9]{4})年(?!度?[0-9０-９]|以来|来)")
_HEADING_PART = re.compile(
    r"(?P<half>上半年)|(?P<q3>前三季度)|(?P<q1>一季度|第一季度)"
    r"|(?P<months>(?<![0-9])(?P<m1>[0-9]{1,2})[-–—－~～至](?P<m2>[0-9]{1,2})月)"
)
#: A numbered or markdown section heading (三、重点工作, ## 今年工作安排), any wording.
_SECTION_HEADING = re.compile(r"[ \t\u3000]*(?:#{1,6}[ \t]|[一二三四五六七八九十]{1,3}、)[^。；;!！?？]{0,40}$")
_SECTION_FIRST = frozenset("#一二三四五六七八九十")
#: A heading that opens a plan section: its figures are goals (§7 target).
_PLAN_HEADING = re.compile(r"主要目标|预期目标|目标任务|工作安排|重点工作|主要任务|工作打算|工作思路|下一步|下阶段")
_REVIEW_HEADING = re.compile(r"回顾|完成|成效|成绩|总结")


class _Headings:
    """Periods stated by headings (``一、2023年工作回顾``, ``<h1>…上半年经济运行情况</h1>``).

    A heading that states a period sets it for every figure after it (§8: a period stated
    at the head applies until another is stated) until the next heading that states one;
    figures without a period of their own then take it instead of the publication year.
    A heading is a short line (≤ 40 characters without markup) with no sentence
    punctuation, a markdown ``#`` line or an HTML ``<h1>``-``<h6>``.
    """

    __slots__ = ("starts", "periods", "years", "plan_starts", "plan_ends")

    def __init__(self, text: str, year: int | None) -> None:
        found: list[tuple[int, str, int | None]] = []
        candidates: list[tuple[int, str]] = []
        if "<h" in text:
            candidates += [(m.end(), m.group(1)) for m in _HEADING_TAG.finditer(text)]
        position = 0
        # plan sections (二、2021年主要目标和重点工作 … up to the next heading): goals (§7)
        plans: list[tuple[int, int]] = []
        plan_start = -1
        for line in text.split("\n"):
            line_end = position + len(line)
            heading = None
            if len(line) <= 120 and ("年" in line or "月" in line or "季度" in line):
                clean = _MARKUP.sub("", line).strip(" \t\u3000#*>\r")
                if 2 <= len(clean) <= 40 and not _HEADING_STOP.search(clean):
                    candidates.append((line_end, clean))
                    heading = clean
            if heading is None and len(line) <= 60 and line.lstrip(" \t\u3000")[:1] in _SECTION_FIRST and (
                _SECTION_HEADING.match(line)
            ):
                heading = line
            if heading is not None and position > 0:
                if plan_start >= 0:
                    plans.append((plan_start, position))
                    plan_start = -1
                if _PLAN_HEADING.search(heading) and not _REVIEW_HEADING.search(heading):
                    stated = _HEADING_YEAR.search(heading)
                    if stated is None or year is None or int(stated.group(1)) >= year:
                        plan_start = line_end
            position = line_end + 1
        if plan_start >= 0:
            plans.append((plan_start, len(text)))
        self.plan_starts = [p[0] for p in plans]
        self.plan_ends = [p[1] for p in plans]
        for end, heading in sorted(candidates):
            stated = _HEADING_YEAR.search(heading)
            heading_year = int(stated.group(1)) if stated else None
            if heading_year is None and year is not None and "明年" in heading:
                heading_year = year + 1  # 二、关于明年工作: the goals of the next year
            part = _HEADING_PART.search(heading)
            base = heading_year or year
            if part is None:
                period = str(heading_year) if heading_year else ""
            elif base is None:
                period = ""
            elif part.group("half"):
                period = f"{base}H1"
            elif part.group("q3"):
                period = f"{base}-01..{base}-09"
            elif part.group("q1"):
                period = f"{base}-01..{base}-03"
            else:
                first, last = int(part.group("m1")), int(part.group("m2"))
                period = _month_span(base, first, last) if 1 <= first <= last <= 12 else ""
            if period:
                found.append((end, period, heading_year))
        self.starts = [f[0] for f in found]
        self.periods = [f[1] for f in found]
        self.years = [f[2] for f in found]

    def at(self, position: int) -> tuple[str, int | None]:
        """The period and the stated year of the heading governing ``position``."""
        k = bisect_right(self.starts, position) - 1
        return (self.periods[k], self.years[k]) if k >= 0 else ("", None)

    def in_plan(self, position: int) -> bool:
        """Whether ``position`` lies in a plan section (2021年主要目标, 今年工作安排)."""
        k = bisect_right(self.plan_starts, position) - 1
        return k >= 0 and position < self.plan_ends[k]


_ANY_STATED_YEAR = re.compile(r"([0-9]{4}|[〇一二三四五六七八九零]{4})年(?!度?[0-9０-９]|[0-9]{1,2}月)")


def _last_stated_year(text: str, position: int) -> int | None:
    """The last year written out before ``position`` (2023年, 二〇二三年), or None."""
    last = None
    for found in _ANY_STATED_YEAR.finditer(text, 0, position):
        last = found.group(1)
    if last is None:
        return None
    if last[0] in _CHINESE_DIGIT_CHARS:
        return int("".join(str(_CHINESE_DIGIT_CHARS.index(c) % 10) for c in last))
    return int(last)


def _resolve_net(period: str, previous: str) -> str:
    """``两年净增`` after a 2023 figure → ``2021..2023`` (§8)."""
    count_text = period.split(":", 1)[1]
    count = int(count_text) if count_text.isdigit() else int(chinese_to_number(count_text) or 0)
    match = re.match(r"^(\d{4})", previous)
    if not match or not count:
        return ""
    last = int(match.group(1))
    return f"{last - count}..{last}"


#: Kinds of rows that only name, date or order something (fast path in _add_context).
_NAMING_KINDS = frozenset({"date", "year", "time", "ordinal", "code", "name", "label",
                           "doc_items", "framework", "threshold", "distance"})
_NO_PERIOD_KINDS = {"ordinal", "code", "name", "label", "doc_items", "threshold", "framework",
                    "time", "distance"}  # fmt: skip
_NOT_INDICATOR_KINDS = {"date", "year", "time", "ordinal", "code", "name", "label", "doc_items",
                        "threshold", "framework", "streak", "visits", "duration",
                        "distance"}  # fmt: skip


#: What :func:`_clean` removes, in this order (``**`` first: ``*“*`` keeps its ``**``).
_CLEAN_MARKS = ("**", "“", "”", '"', "\n", " ")


def _clean(fragment: str) -> str:
    """The text without markdown/HTML markup, quotation marks, spaces and line breaks."""
    if "<" in fragment:
        fragment = _MARKUP.sub("", fragment)
    # Most fragments hold none of these: an ``in`` test is cheaper than a replace that
    # copies the string (this runs several times per row). Same order as one chain.
    for mark in _CLEAN_MARKS:
        if mark in fragment:
            fragment = fragment.replace(mark, "")
    return fragment


def _subject(
    before: str, after: str, measure: str, kind: str, unit: str = "", shared: str = ""
) -> str:
    """Short Chinese naming what is measured (§9): the noun phrase before the figure.

    ``before`` and ``after`` are the cleaned clause text on either side of the figure.
    Verbs, bounds and scope words are stripped from its end; a rank keeps its scope
    (全省排名), a count ends in 数, a growth rate in 增长, a goal in (目标).
    """
    if measure == "count" and unit in _COUNT_UNITS and not shared:
        counted = _COUNTED_NOUN.match(after)
        noun = counted.group(0).rstrip("的").rsplit("的", 1)[-1] if counted else ""
        if len(noun) >= 2:
            return noun + ("户数" if unit == "户" else "数")  # 177家村卫生室, 近100家…的研发机构
    head = before[-30:]
    for opening, closing in (("(", ")"), ("（", "）")):
        if head.rfind(opening) > head.rfind(closing):
            head = head.rsplit(opening, 1)[1]  # 9家…(其中复核2家): inside the bracket
    head = _strip_lead(head)
    reversed_head = head[::-1]
    stripped = ""
    tail = _SUBJECT_TAIL_REVERSED.match(reversed_head)
    if tail:
        stripped = reversed_head[: tail.end()][::-1]
        head = reversed_head[tail.end() :][::-1]
        if stripped.startswith("占比"):  # 税收占比86.4%: 占比 is the measure, not a verb
            head, stripped = head + "占比", stripped[2:]
    if len(head) < 2:
        following = _CLAUSE_SPLIT.split(after, maxsplit=1)[0]
        noun = _COUNTED_NOUN.match(following)  # 人才加速集聚 → 人才
        head = _strip_lead(noun.group(0) if noun else following)[:16]
    elif measure in {"level", "count"} and (
        head.endswith(_SUBJECT_VERB_END) or _FIRST_DIGIT.search(head)
    ):
        noun = _COUNTED_NOUN.match(_CLAUSE_SPLIT.split(after, maxsplit=1)[0])
        if noun and len(re.split(r"来|到|赴", noun.group(0))[0].rstrip("的和与及")) >= 2:
            word = re.split(r"来|到|赴", noun.group(0))[0].rstrip("的和与及")
            # 汇集28个部门和单位的2.2亿余条数据: another figure inside → the noun after it
            head = head + word if head.endswith(_SUBJECT_VERB_END) else word
    head = shared or head[-24:]
    if not shared:
        head = _SUBJECT_VERBS.sub("", head) or head  # 动力电池产业实现产值 → …产业产值
    if measure in {"rank", "target"} and not shared:
        head = _POPULATION_COUNT.sub("", head) or head
        noun = _RANK_OF_NOUN.match(after) if kind == "rank" else None
        if noun:  # 全国县域第一的动力电池产业: the rank of the noun after it
            head = noun.group(1) + (_RANK_SCOPE.search(head).group(1)
                                    if _RANK_SCOPE.search(head) else "")
            stripped = ""
    if len(head) < 2:
        return ""  # the caller falls back on the clause before
    if measure == "growth_pct" and not head.endswith(("增长", "增幅", "增速")):
        head += "增长"
    elif measure == "rank":
        scope = _RANK_SCOPE.search(stripped)
        head += (scope.group(1) if scope else "") + ("等次" if unit == "等次" else "排名")
    elif measure == "count" and head and not head.endswith("数"):
        head += "户数" if unit == "户" else "数"
    elif measure == "target":
        if kind == "rank":
            scope = _RANK_SCOPE.search(stripped)
            head += (scope.group(1) if scope else "") + ("等次" if unit == "等次" else "排名")
        head += "(目标)"
    return head


_NAMING_SUBJECTS = {"date": "日期", "year": "年份", "time": "时间", "label": "序号",
                    "doc_items": "文件条目数", "framework": "框架维度数", "distance": "距离"}
_ORDINAL_SUBJECTS = {"批": "批次", "期": "期次", "大": "党代会届次", "届": "会议届次",
                     "中": "全会届次", "次": "会议次序", "家": "次序(首家)"}


def _shared_note(text: str, sentence_start: int, start: int) -> tuple[str, str]:
    """``A、B均位居第一``, ``三项指标…均位居第一``: one figure shared by N subjects (§9).

    Returns the note and the subjects as written before 均 (joined by 、).
    """
    segment_start = max(text.rfind(mark, sentence_start, start) for mark in ",，;；") + 1
    segment = _clean(text[max(segment_start, sentence_start) : start])
    subjects = segment.split("均", 1)[0]
    counted = _COUNTED_SUBJECTS.search(segment)
    if counted:
        shared = int(chinese_to_number(counted.group(1)) or 0)
    else:
        shared = len(_SUBJECT_JOINERS.findall(subjects)) + 1
    if shared < 2:
        return "", ""
    return f"shared by {shared} subjects", _strip_lead(subjects)


def _sentence_head_target(text: str, sentence_start: int, cache: dict[int, bool]) -> bool:
    """A goal cue opening the sentence (今年，昆山将力争…), once per sentence."""
    found = cache.get(sentence_start)
    if found is None:
        head = text[sentence_start : sentence_start + 30]
        found = ("力争" in head or "确保" in head or "目标" in head) and (
            _SENTENCE_HEAD_TARGET.match(_clean(head)) is not None
        )
        cache[sentence_start] = found
    return found


def _single_place(text: str, index: _TextIndex, sentence: int, cache: dict[int, bool]) -> bool:
    """Whether the sentence is about one village or park (§11), once per sentence.

    The sentence names it (该村, 我们村), or it or its paragraph opens with the place
    (在白马镇石头寨村, / 位于城东的…产业园,).
    """
    found = cache.get(sentence)
    if found is None:
        start, end = index.sentence_starts[sentence], index.sentence_ends[sentence]
        body = text[start:end]
        found = ("该" in body or "村" in body) and any(word in body for word in _SINGLE_PLACE_WORDS)
        if not found:
            paragraph = text.rfind("\n", 0, start) + 1
            for lead_start in {start, paragraph}:
                if not text[lead_start : lead_start + 4].lstrip("　 \t\n*“").startswith(("在", "位于")):
                    continue
                lead = _clean(text[lead_start : lead_start + 40]).lstrip("　 \t")
                first = _CLAUSE_SPLIT.split(lead, maxsplit=1)[0]
                if ("在" in first[:1] or first.startswith("位于")) and (
                    _SINGLE_PLACE_LEAD.fullmatch(first)
                ):
                    found = True
                    break
        cache[sentence] = found
    return found


#: A clause opening with one park, zone or campus as its subject (宁国经开区实现…, 园区完成…,
#: 地理信息小镇集聚…, 市医院新院区…): its figures are the park's (§11). Not 全县开发区,
#: 各园区, 省级以上开发区 (several parks).
_PARK_SUBJECT = re.compile(
    r"(?:上半年|下半年|今年|全年|年内|截至[^,，;；。]{1,8})?"
    r"[^\s,，;；。、:：全各个家所0-9０-９]{0,12}?(?<!省级以上)(?<!国家级)(?<!省级)(?<!绿色)"
    r"(?:经济技术开发区|经开区|开发区|高新区|产业园|工业园|物流园|园区|小镇|院区)(?![0-9０-９])"
)
#: A clause opening with the county or city as a whole (从全市看, 全市共有…): county figures.
_COUNTY_SUBJECT = re.compile(
    r"(?:上半年|下半年|今年|全年|年内|截至[^,，;；。]{1,8})?从?(?:全市|全县)"
)
_PARK_WORDS = ("开发区", "经开区", "高新区", "园", "小镇", "院区")
#: Verbs or prepositions before the park noun: the park is an object (推进园区更新,
#: 以高新区争创…为引领), not the subject.
_PARK_OBJECT = re.compile(r"推进|建设|打造|加快|推动|深化|创建|争创|更新|入驻|落户|进驻|^[以把对将为向在]")
#: A clause after ; that goes on with the same subject (…；完成进出口总额…).
_SAME_SUBJECT = re.compile(r"(?:完成|实现|新增|新签约|拥有|累计|引进|供应|盘活|新建)")
_SUBJECT_BREAK = re.compile(r"[,，;；:：。!！?？]")


def _park_heads(text: str, start: int, end: int) -> list[tuple[int, bool | None]]:
    """The clauses of ``text[start:end]`` that open with one park (True) or the county
    (False), and the clauses after a ; that start a new subject (None)."""
    heads: list[tuple[int, bool | None]] = []
    position = start
    after_semicolon = False
    for brk in [*_SUBJECT_BREAK.finditer(text, start, end), None]:
        clause_end = brk.start() if brk else end
        clause = _clean(text[position:clause_end]).lstrip("　 \t")
        park = _PARK_SUBJECT.match(clause) if any(word in clause for word in _PARK_WORDS) else None
        if park and not _PARK_OBJECT.search(park.group(0)):
            heads.append((position, True))
        elif "全" in clause and _COUNTY_SUBJECT.match(clause):
            heads.append((position, False))
        elif after_semicolon and not _SAME_SUBJECT.match(clause):
            heads.append((position, None))
        after_semicolon = brk is not None and brk.group(0) in ";；"
        position = clause_end + 1
    return heads


def _single_park(text: str, index: _TextIndex, sentence: int, position: int,
                 cache: dict[int, list[tuple[int, bool | None]]], title_park: bool) -> bool:
    """Whether the figure at ``position`` is one park's (§11): the last clause before it in
    its sentence that names a subject names a park, or none does and the text's title does.
    """
    heads = cache.get(sentence)
    if heads is None:
        start, end = index.sentence_starts[sentence], index.sentence_ends[sentence]
        body = text[start:end]
        # without a park word and outside a park's text, every head leaves the figure
        # the county's: no clause to look at
        heads = _park_heads(text, start, end) if any(
            word in body for word in _PARK_WORDS) or title_park and (
            "全" in body or ";" in body or "；" in body) else []
        cache[sentence] = heads
    decided = title_park
    for head, park in heads:
        if head > position:
            break
        # a new subject after ; ends a park's clauses, not the county's
        decided = (decided and title_park) if park is None else park
    return decided


def _title_names_a_park(text: str) -> bool:
    """Whether the text's title (its first line, or ``<title>``) names one park (§11)."""
    head = text[:400]
    if "<title>" in head:
        head = head[head.index("<title>") + 7 :]
    title = _clean(_HTML_TAG.sub("", head.lstrip().split("\n", 1)[0])).lstrip("# ")
    return any(word in title for word in _PARK_WORDS) and bool(_PARK_SUBJECT.match(title))


def _has_head_target(window: str, year: int | None = None) -> bool:
    """A goal stated at the head of the sentence (cheap ``in`` checks before the regex).

    到2020年末 in a text published after 2020 states what was achieved, not a goal.
    """
    if not ("目标" in window or "到20" in window):
        return False
    for found in _HEAD_TARGET.finditer(window):
        cue = found.group(0)
        if year is None or not cue.startswith("到20") or int(cue[1:5]) >= year:
            return True
    return False


def _naming_subject(row: dict, before: str, text: str | None = None) -> str:
    """The subject of a row that only dates, orders or names something (§9).

    ``before`` is the raw clause text before the figure (cleaned here only when needed).
    """
    kind = row["kind"]
    if kind in _NAMING_SUBJECTS:
        return _NAMING_SUBJECTS[kind]
    if kind == "ordinal":
        return _ORDINAL_SUBJECTS.get(row["unit"], "序次")
    if kind == "threshold":
        return "年龄门槛" if row["unit"] in {"岁", "周岁"} else "门槛"
    quoted = _QUOTED_NAME.search(before)
    if quoted is not None and text is not None:
        # “2+2+X”产业集群, “1号公路”, “12345”热线: the quoted name and the noun after it
        closing = text.find("”", row["end"], row["end"] + 12)
        if closing >= 0:
            inside = _clean(quoted.group(1) + text[row["start"] : closing])
            following = _NAME_NOUN_AFTER.match(_clean(text[closing + 1 : closing + 12]))
            noun = following.group(0) if following else ""
            return f"“{inside}”{noun}(名称)"
    if text is not None and (road := _ROAD_AFTER.match(text[row["end"] : row["end"] + 4])):
        return f"{row['surface']}{road.group(0)}(道路编号)"
    name = _strip_lead(_clean(before)[-12:])
    return f"{name}{row['surface']}(名称)"


def _dimension(context: str) -> str | None:
    """The dimension of an indicator from the reports' own headings (§10); None if no cue.

    The keyword groups of :data:`_DIMENSION_KEYWORDS` are tried in order; the first group
    with a keyword in ``context`` wins.
    """
    best = len(_DIMENSION_KEYWORDS)
    for char in _DIMENSION_FIRST_CHARS.intersection(context):
        for keyword, rank in _DIMENSION_BY_FIRST_CHAR[char]:
            if rank < best and keyword in context:
                best = rank
    return None if best == len(_DIMENSION_KEYWORDS) else _DIMENSION_KEYWORDS[best][0]


def extract_text(text: str, doc: str, published: str | None) -> pd.DataFrame:
    """Every figure of one text as rows of :data:`FIGURE_COLUMNS` (§1-§12).

    ``published`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or None) resolves relative
    periods (今年, 上半年, 年底); when it is None those periods stay empty and the note
    says so (§8) — a year is never guessed.
    """
    return extract_texts([(text, doc, published)])


def extract_texts(items: Iterable[tuple[str, str, str | None]]) -> pd.DataFrame:
    """Like :func:`extract_text` for many ``(text, doc, published)`` at once, one table.

    Building a single DataFrame for all texts keeps the per-text cost low (the speed bar
    is ≥ 5 MB/s on one core).
    """
    rows: list[dict] = []
    for text, doc, published in items:
        rows.extend(_extract_rows(text, doc, published))
    return _to_frame(rows)


def _scan(pattern: re.Pattern, starts: re.Pattern, text: str) -> Iterable[re.Match]:
    """``pattern.finditer(text)``, but only trying positions where ``starts`` matches.

    Python's ``re`` tries every alternative of a big pattern at every position; a single
    character class (the first characters any alternative can start with) is scanned in
    C instead, which makes the whole extraction about ten times faster.
    """
    last_end = 0
    match_at = pattern.match
    for candidate in starts.finditer(text):
        position = candidate.start()
        if position < last_end:
            continue
        match = match_at(text, position)
        if match is not None:
            last_end = match.end()
            yield match


_MINUS = frozenset("-−－")
_MINUS_BEFORE = frozenset(["", " ", "\t", "|", "(", "（", ":", "：", "\n", "\u3000"])
_TABLE_UNIT = re.compile(r"[（(]([^()（）]{1,6})[)）]")
_TABLE_GROWTH = re.compile(r"增长|增速|增幅|同比|比上年")


def _negate(row: dict) -> None:
    row["start"] -= 1
    row["value"] = -row["value"]
    if row["value_base"] is not None:
        row["value_base"] = -row["value_base"]


def _markdown_cell(text: str, start: int) -> tuple[str, str] | None:
    """(row header, column header) of a number in a markdown table row, else None."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if not line.lstrip().startswith("|"):
        return None
    column = text.count("|", line_start, start)
    header = line
    position = line_start
    while position > 0:  # the first line of the table is its header
        previous_start = text.rfind("\n", 0, position - 1) + 1
        previous = text[previous_start : position - 1]
        if not previous.lstrip().startswith("|"):
            break
        header, position = previous, previous_start
    header_cells = header.split("|")
    row_cells = line.split("|")
    column_head = header_cells[column] if column < len(header_cells) else ""
    row_head = row_cells[1] if len(row_cells) > 1 else ""
    return row_head, column_head


_HTML_CELL = re.compile(r"<t[dh]\b[^<>]*>(.*?)</t[dh]>", re.S)
_HTML_CELL_OPEN = re.compile(r"<t[dh]\b")


def _html_cell(text: str, start: int) -> tuple[str, str] | None:
    """(row header, column header) of a number in an HTML ``<td>``, else None.

    The row header is the first cell of its ``<tr>``, the column header the cell in the
    same column of the table's first ``<tr>``; both with their tags removed.
    """
    row_start = text.rfind("<tr", max(0, start - 2000), start)
    if row_start < 0 or text.rfind("</tr>", row_start, start) >= 0:
        return None
    column = len(_HTML_CELL_OPEN.findall(text, row_start, start)) - 1
    row_end = text.find("</tr>", start)
    row_cells = _HTML_CELL.findall(text, row_start, len(text) if row_end < 0 else row_end)
    table_start = text.rfind("<table", max(0, start - 20000), row_start)
    first_row = text.find("<tr", table_start, row_start + 1) if table_start >= 0 else row_start
    first_end = text.find("</tr>", first_row)
    header_cells = _HTML_CELL.findall(text, first_row, len(text) if first_end < 0 else first_end)
    if column < 1 or not row_cells:
        return None
    strip = lambda cell: _HTML_TAG.sub("", cell).strip()  # noqa: E731
    column_head = strip(header_cells[column]) if column < len(header_cells) else ""
    return strip(row_cells[0]), column_head


def _table_units(rows: list[dict], text: str) -> None:
    """Bare numbers in a markdown or HTML table take the unit of their row or column header.

    ``| 规上工业总产值（亿元） | 4321.5 | 8.1 |`` under ``| 指标 | 1-9月 | 同比增长(%) |``:
    4321.5 is 432150000000 元 (level), 8.1 a growth rate in % (§6, §7); a cell under a
    column header 位次 or 排名 is a rank. ``unit`` stays empty (nothing is written after
    the number); the note says where the unit came from.
    """
    markdown, html = "|" in text, "<td" in text
    for row in rows:
        if row["kind"] != "quantity" or row["unit"] or row["value"] is None:
            continue
        start = row["start"]
        cell = None
        if html and text[start - 1 : start] == ">":
            cell = _html_cell(text, start)
        if cell is None and markdown:
            cell = _markdown_cell(text, start)
        if cell is None:
            continue
        row_head, column_head = cell
        if "位次" in column_head or "排名" in column_head or "名次" in column_head:
            row.update(kind="rank", base_unit="rank", value_base=row["value"],
                       fixed_measure="rank")
            row["table_subject"] = _TABLE_UNIT.sub("", row_head).strip(" *") + column_head
            row["note"] = "; ".join(x for x in (row["note"], f"table cell ({column_head})") if x)
            continue
        unit_match = _TABLE_UNIT.search(column_head) or _TABLE_UNIT.search(row_head)
        if unit_match is None:
            continue
        unit = unit_match.group(1).strip()
        subject = _TABLE_UNIT.sub("", row_head).strip(" *")
        if unit in {"%", "％"}:
            growth = _TABLE_GROWTH.search(column_head)
            row.update(kind="percent", base_unit="%", value_base=row["value"],
                       fixed_measure="growth_pct" if growth else "share_pct")
            if growth and subject:
                subject += "增长"
        else:
            scale = next((k for k in sorted(SCALES, key=len, reverse=True)
                          if unit.startswith(k)), "")
            base = _BASE_UNIT.get(unit[len(scale):], unit[len(scale):])
            if not base:
                continue
            multiplier = SCALES.get(scale, 1.0)
            row.update(base_unit=base, value_base=float(f"{row['value'] * multiplier:.15g}"),
                       measure="level")
        row["table_subject"] = subject
        row["note"] = "; ".join(x for x in (row["note"], f"unit {unit} from the table header") if x)


def _extract_rows(text: str, doc: str, published: str | None) -> list[dict]:
    year = _publication_year(published)
    headings = _Headings(text, year)
    raw_rows: list[dict] = []
    # _scan inlined: this loop runs once per candidate character
    last_end = 0
    match_at = FIGURE_PATTERN.match
    match_digit_at = _DIGIT_FIGURE_PATTERN.match
    digits = _DIGIT_CHARS
    handlers = _HANDLERS
    tag_starts: list[int] = []
    tag_ends: list[int] = []
    if "<" in text:  # digits inside HTML tags (<h1>, <td colspan="2">) are markup (§4)
        for tag in _HTML_TAG.finditer(text):
            tag_starts.append(tag.start())
            tag_ends.append(tag.end())
    for candidate in _FIGURE_STARTS.finditer(text):
        position = candidate.start()
        if position < last_end:
            continue
        if tag_starts:
            k = bisect_right(tag_starts, position) - 1
            if k >= 0 and position < tag_ends[k]:
                last_end = tag_ends[k]
                continue
        match = (match_digit_at if text[position] in digits else match_at)(text, position)
        if match is not None:
            previous_end = last_end
            last_end = match.end()
            row_year = year
            if headings.starts and text[max(0, position - 2) : position] != "今年":
                row_year = headings.at(position)[1] or year  # 1–11月 under a 2023年 heading
            found = handlers[match.lastgroup](match, text, position, last_end, row_year)
            if (found and match.lastgroup == "qty" and position - 1 >= previous_end
                    and text[position - 1 : position] in _MINUS
                    and text[max(0, position - 2) : position - 1] in _MINUS_BEFORE
                    and found[0]["start"] == position and found[0]["value"] is not None):
                _negate(found[0])  # | -3.4 |: a negative number as written (§5)
            raw_rows.extend(found)
    if not raw_rows:
        return raw_rows
    if "|" in text or "<td" in text:
        _table_units(raw_rows, text)
    month = _publication_month(published)
    if month is not None:
        for row in raw_rows:
            if row["kind"] == "date" and ".." in row["period"] and not _FOUR_DIGITS.search(
                text[row["start"] : row["end"]]
            ) and text[max(0, row["start"] - 2) : row["start"]] != "今年":
                shifted = _before_publication(row["period"], year, month)
                if shifted != row["period"]:
                    row["period"] = shifted
                    row["note"] = "; ".join(x for x in (
                        row["note"], "months after publication: previous year") if x)
    flags = _char_flags(text)  # once per text, for both
    index = _TextIndex(text, flags)
    cues = _period_cues(text, year, headings, month, flags)
    _add_context(raw_rows, text, doc, year, index, cues, headings)
    return raw_rows


def _add_context(
    rows: list[dict],
    text: str,
    doc: str,
    year: int | None,
    index: _TextIndex,
    cues: list[tuple[int, int, str, str]],
    headings: _Headings | None = None,
) -> None:
    """Fill quote, measure, period, subject, dimension, is_indicator and note in place."""
    # period cues from the figures themselves (years, months, ranges) join the word cues
    row_cues = [(r["start"], r["end"], r["period"], "") for r in rows
                if r["kind"] == "date" and "-" in r["period"] and r["period"].count("-") < 3
                and len(r["period"]) != 10
                or r["kind"] == "year" and not _BASE_YEAR_BEFORE.search(text[max(0, r["start"] - 3) : r["start"]])]
    all_cues = sorted(cues + row_cues)
    all_starts = [c[0] for c in all_cues]
    # How far a cue reaches (§8): heading its sentence (1—11月,… / 今年上半年,…) it covers
    # the whole sentence, ; included; heading a later clause (…,2023年达4333亿元,…) it
    # covers the figures up to the next ; ; inside a clause (入选2023年…, 同比2019年增长)
    # only that clause.
    cue_reach = []
    paragraph_cues: list[tuple[int, int, int]] = []
    for cue_start, _cue_end, cue_period, _note in all_cues:
        cue_clause_start, cue_clause_end = index.clause(cue_start, cue_start)
        prefix = _clean(text[cue_clause_start:cue_start])
        if text[_cue_end : _cue_end + 1] == "的":
            # 由上年的1.75:1缩小至1.72:1: the cue dates only the figure it qualifies
            change = _CHANGE_TO.search(text, _cue_end, cue_clause_end)
            cue_reach.append(change.start() if change else cue_clause_end)
            continue
        if text[_cue_end - 2 : _cue_end] == "年度" and _ASSESSMENT_WORD.search(
            text, _cue_end, cue_clause_end
        ):
            # 在2023年度全省开发区综合考评结果中,…位列第9位: the assessment's year heads
            # the sentence it opens
            cue_reach.append(index.sentence_ends[index.sentence_index(cue_start)])
            continue
        if cue_period.startswith("net:") or _CUE_HEAD_PREFIX.fullmatch(prefix) is None:
            cue_reach.append(cue_clause_end)
            continue
        cue_sentence = index.sentence_index(cue_start)
        sentence_end = index.sentence_ends[cue_sentence]
        lead = _clean(text[index.sentence_starts[cue_sentence] : cue_clause_start])
        if lead == "":
            cue_reach.append(sentence_end)
            paragraph_start = text.rfind("\n", 0, index.sentence_starts[cue_sentence]) + 1
            if _clean(text[paragraph_start : index.sentence_starts[cue_sentence]]) == "" and (
                not cue_period.startswith("net:") and cue_period
            ):
                # 二〇二三年,泰兴实现…。全市…: heading its paragraph, it covers the paragraph
                paragraph_end = text.find("\n", cue_start)
                paragraph_cues.append((cue_start, len(text) if paragraph_end < 0 else paragraph_end,
                                       len(cue_reach) - 1))
        elif ("悉" in lead or "据" in lead or "了解" in lead or "显示" in lead or "表明" in lead) and (
            _ATTRIBUTION.fullmatch(lead)
        ):
            cue_reach.append(sentence_end)  # 记者从…获悉,1—10月,…: the cue heads the sentence
        else:
            semicolon = _SEMICOLON.search(text, cue_start, sentence_end)
            cue_reach.append(semicolon.start() if semicolon else sentence_end)
    paragraph_starts = [c[0] for c in paragraph_cues]
    sentence_period: dict[int, tuple[str, str]] = {}
    head_targets: dict[int, bool] = {}
    single_places: dict[int, bool] = {}
    park_heads: dict[int, list[tuple[int, bool | None]]] = {}
    title_park = _title_names_a_park(text)
    bulletin = _BULLETIN_TITLE.search(text[:300])
    publication = bulletin.group(1) if bulletin else (str(year) if year else "")
    previous_rank_population: dict | None = None
    clause_starts, clause_ends = index.clause_starts, index.clause_ends
    last_clause = len(clause_ends) - 1
    sentence_starts = index.sentence_starts
    for position, row in enumerate(rows):
        start, end = row["start"], row["end"]
        # index.clause(start, end) and index.sentence_index(start), inlined: this loop
        # runs once per row and the method calls cost more than the bisections
        clause_start = clause_starts[bisect_right(clause_starts, start) - 1]
        clause_end = clause_ends[min(bisect_left(clause_ends, end), last_clause)]
        row["doc"] = doc
        row["surface"] = text[start:end]
        while clause_start < start:
            if text[clause_start] in _QUOTE_LEAD:
                clause_start += 1
            elif text[clause_start] == "<" and (tag := _MARKUP.match(text, clause_start)):
                clause_start = tag.end()  # <strong>… opening the clause stays outside
            else:
                break
        row["quote"] = text[clause_start:clause_end]
        before = text[max(clause_start, start - 40) : start]
        sentence = bisect_right(sentence_starts, start) - 1
        kind, measure = row["kind"], row["measure"]
        if kind in _NAMING_KINDS:
            # dates, years, ordinals, codes, names, labels: no measurement to qualify (§11)
            if kind not in {"date", "year"}:
                row["period"] = ""
            row["subject"] = _naming_subject(row, before, text)
            row["is_indicator"], row["dimension"], row["sentence"] = "no", "none", sentence
            continue
        after = text[end : min(clause_end, end + 30)]
        clean_before = _clean(before)
        clean_after = _clean(after)
        sentence_start = sentence_starts[sentence]
        sentence_before = text[max(sentence_start, start - 40) : start]
        notes = [row["note"]] if row["note"] else []
        # measure (§7)
        if "fixed_measure" in row:
            measure = row["fixed_measure"]
        elif kind == "percent":
            growth = _GROWTH_CUE.search(before[-16:])
            if growth and _REACHED_TO.search(before.rstrip("*")[-4:]):
                measure = "share_pct"  # 覆盖率提高到30.2%: the share reached (§7)
            elif _SHARE_CUE.search(before[-8:]) and not growth:
                measure = "share_pct"
            elif growth or _GROWTH_WORD.search(before) or _GROWTH_AFTER.match(clean_after):
                measure = "growth_pct"  # …, 保持30％以上的增长
            else:
                measure = "share_pct"
        elif measure in {"level", "count"} and _NET_CHANGE.search(before[-6:]):
            measure = "change_abs"
        elif measure == "level" and not row["unit"] and before.rstrip("*了").endswith(("缩小", "扩大")):
            # 收入比…比上年缩小0.03: a change of a ratio (§6 ratios → ratio, decline signed)
            measure, row["base_unit"] = "change_abs", "ratio"
            if before.rstrip("*了").endswith("缩小") and row["value_base"] is not None:
                row["value_base"] = -abs(row["value_base"])
                notes.append("decline")
        if measure == "change_abs" and row["unit"] in {"个百分点", "百分点"}:
            row["base_unit"] = "百分点"
        if measure in {"growth_pct", "change_abs"} and _DECLINE_CUE.search(before[-14:]) and (
            row["value_base"] is not None
        ):
            row["value_base"] = -abs(row["value_base"])
            notes.append("decline")
        if kind in {"quantity", "percent", "rank"} and measure != "other":
            # a goal (§7 target): a cue in the clause, a goal heading the sentence, or a
            # 确保/力争 earlier in the sentence (not for growth rates, which state results)
            goal_from = max(sentence_start, start - 120)  # how far back a goal cue reaches
            if not _ACHIEVED.search(before) and (
                _TARGET_CUE.search(before)
                or _has_head_target(text[goal_from:start], year)
                or (measure != "growth_pct" and (_SENTENCE_TARGET.search(sentence_before[-30:]) or (
                    (text.find("力争", goal_from, start) >= 0
                     or text.find("确保", goal_from, start) >= 0)
                    and _GOAL_VERB.search(text, goal_from, start))))
                or _sentence_head_target(text, sentence_start, head_targets)
                or (text.find("计划", goal_from, start) >= 0
                    and _PLAN_CLAUSE.search(text, goal_from, start))
                or (headings is not None and headings.plan_starts and headings.in_plan(start)
                    and not _LAST_YEAR_IN_PARAGRAPH.search(sentence_before))
            ):
                measure = "target"
                notes.append("target")
        row["measure"] = measure
        # base-year growth (§7 growth_pct, §12)
        if measure in {"growth_pct", "change_abs"}:
            base = _BASE_YEAR.search(sentence_before[-30:])
            if base:
                notes.append(f"base is {base.group(1)}")
        # period (§8)
        period = row["period"]
        if kind in {"date", "year"}:
            pass
        elif kind in _NO_PERIOD_KINDS:
            period = ""
        else:
            heading_period, heading_year = (
                headings.at(start) if headings is not None and headings.starts else ("", None)
            )
            cue_index = bisect_right(all_starts, start) - 1
            chosen = None
            while cue_index >= 0 and all_cues[cue_index][0] >= sentence_start:
                cue = all_cues[cue_index]
                if cue[0] == start and cue[2].startswith("net:"):
                    chosen = cue  # 两年净增: the duration spans the same years as the change
                    break
                if cue[1] <= start and start < cue_reach[cue_index]:
                    chosen = cue
                    break
                cue_index -= 1
            if chosen is None and paragraph_cues:
                k = bisect_right(paragraph_starts, start) - 1
                if k >= 0 and start < paragraph_cues[k][1] and kind not in {"streak", "visits"} and not (
                    kind == "rank" and all_cues[paragraph_cues[k][2]][2][4:6] == ".."
                ):  # a rank is held at a time, not over the years of 过去五年
                    cue_index = paragraph_cues[k][2]
                    chosen = all_cues[cue_index]
            if kind == "duration" and row["unit"] == "周年" and year and row["value"]:
                chosen = (0, 0, f"{year - int(row['value'])}..{year}", "anniversary")
            elif kind in {"streak", "visits"}:
                # streaks, wins, visits: as published (§8), or the year a heading states
                chosen = (0, 0, str(heading_year) if heading_year else publication, "")
            if chosen is not None:
                pass
            elif kind == "duration" and (row["unit"] in {"分钟", "小时", "秒"} or "“" in before):
                chosen = (0, 0, "", "")  # rhetorical distances and times have no period
            elif sentence - 1 in sentence_period and _CARRY_OVER.search(
                text[sentence_start:start]
            ):
                chosen = (0, 0, *sentence_period[sentence - 1])
            if chosen is not None:
                period, cue_note = chosen[2], chosen[3]
                if period.startswith("net:"):
                    previous = ""
                    k = cue_index - 1
                    while k >= 0 and not previous:
                        if not all_cues[k][2].startswith("net:"):
                            previous = all_cues[k][2]
                        k -= 1
                    period = _resolve_net(period, previous)
                if cue_note:
                    notes.append(cue_note)
            elif kind == "duration" and row["unit"] in {"周年", "年", "载"} and row["value"]:
                if year and row["value"] >= 10:
                    period = f"{year - int(row['value'])}..{year}"
                else:
                    period = str(heading_year) if heading_year else publication
            elif heading_period and kind == "rank":
                period = str(heading_year) if heading_year else publication
            elif heading_period:
                period = heading_period  # 一、2023年工作回顾: the heading's period (§8)
                if kind not in {"streak", "visits", "duration"}:
                    notes.append("period from the heading")
            elif year:
                period = publication
                if kind not in {"streak", "visits", "duration"}:
                    notes.append("status/stock at publication")
            else:
                notes.append("publication date unknown: period left empty")
            if period:
                sentence_period[sentence] = (period, "")
        row["period"] = period
        # subject, indicator, dimension (§9-§11)
        is_indicator = kind not in _NOT_INDICATOR_KINDS and measure != "other"
        if kind == "quantity" and (measure in {"count", "level", "target"}):
            following = text[end : end + 12]
            if _CLUSTER_LABEL_AFTER.match(following):
                is_indicator = False
                notes.append("cluster-plan label")
            elif _RANK_AFTER.match(following) and (
                row["base_unit"] in {"个", "家"}
            ):
                is_indicator = False
                notes.append("size of the ranked population")
                previous_rank_population = row
            elif clean_before.endswith(_POPULATION_BEFORE) and "中" in clean_after:
                # 在35个工业行业大类中,…; 在全省126家开发区中位列第9位 (§11)
                is_indicator = False
                if "第" in clean_after or "前" in clean_after or "位列" in clean_after:
                    notes.append("size of the ranked population")
                    previous_rank_population = row
                else:
                    notes.append("context count")
            elif _CONTEXT_COUNT_CUE.search(clean_clause := clean_before + clean_after):
                is_indicator = False
                notes.append("context count")
            elif _FIRM_CUE.search(clean_clause) or _single_place(text, index, sentence, single_places):
                is_indicator = False
                notes.append("figure of a single firm, park or project")
            elif row["base_unit"] == "个" and "断面" in after and _SECTION_POPULATION_AFTER.match(
                clean_after
            ):
                is_indicator = False
                notes.append("context count (the sections of the share)")
        if is_indicator and kind in {"quantity", "percent"} and row["base_unit"] != "rank" and (
            _single_park(text, index, sentence, start, park_heads, title_park)
        ):
            is_indicator = False
            notes.append("figure of a single park")
        if kind == "quantity" and _SUBSET_BEFORE.search(before):
            notes.append("subset (其中…)")
        if is_indicator and _BORDERLINE_CUE.search(clean_after):
            notes.append("borderline")
        if kind == "rank" and previous_rank_population is not None and (
            previous_rank_population["end"] >= clause_start
        ):
            notes.append(f"ranked among {_clean(previous_rank_population['quote'])[:30]}")
            previous_rank_population = None
        shared_subjects = ""
        if kind == "rank" and "均" in before:
            shared_note, shared_subjects = _shared_note(text, sentence_start, start)
            notes.append(shared_note)
        subject = _subject(clean_before if len(clean_before) > 1 else "", clean_after, measure,
                           kind, row["unit"], shared_subjects)
        if not subject and clause_start > sentence_start + 1:
            # 2023年达4333亿元: the subject is in the clause before (工业经济总量…)
            previous_start, _ = index.clause(clause_start - 2, clause_start - 2)
            previous = _clean(text[max(previous_start, sentence_start) : clause_start - 1])
            previous = _LEADING_FIGURE.sub("", previous)  # 13项工作获… → 工作获…
            previous = _FIRST_DIGIT.split(previous, maxsplit=1)[0]  # …突破4000亿元 → …突破
            subject = _subject(_PREVIOUS_CLAUSE_TAIL.sub("", previous), "", measure, kind,
                               row["unit"])
        if not subject and measure in {"change_abs", "growth_pct"}:
            # 2023年达4333亿元,两年净增1910亿元: the change of the amount before it
            for previous_row in reversed(rows[max(0, position - 3) : position]):
                if previous_row.get("sentence") == sentence and previous_row["kind"] == "quantity" and (
                    previous_row.get("subject")
                ):
                    subject = previous_row["subject"] + ("增长" if measure == "growth_pct" else "净增")
                    break
        if kind == "rank" and subject.startswith(_BARE_ASPECT):
            # 城乡居民收入增长4.7%,增幅位居常州第二: the aspect of the amount before it
            for previous_row in reversed(rows[max(0, position - 3) : position]):
                if previous_row.get("sentence") == sentence and previous_row.get("subject") and (
                    previous_row["kind"] in {"quantity", "percent"}
                ):
                    base = previous_row["subject"].removesuffix("增长").removesuffix("数")
                    subject = base + subject
                    break
        row["subject"] = row.get("table_subject") or subject
        row["is_indicator"] = "yes" if is_indicator else "no"
        if is_indicator:
            context = row.get("table_subject") or clean_before + clean_after
            dimension = _dimension(context)
            if dimension is None:
                # the nearest earlier clause of the sentence that names a subject
                earlier = _CLAUSE_PUNCT.split(text[max(sentence_start, start - 80) : clause_start])
                for chunk in reversed(earlier):
                    dimension = _dimension(_clean(chunk))
                    if dimension is not None:
                        context = _clean(chunk) + context
                        break
                dimension = dimension or "经济发展"
            if (measure in {"rank", "target"} or row["base_unit"] == "rank") and any(
                c in context for c in _COMPOSITE) and (
                "工业百强" not in context
            ):
                dimension = "none"
            row["dimension"] = dimension
        else:
            row["dimension"] = "none"
        # the notes in order, empty ones and repeats dropped (most rows have at most one)
        if len(notes) <= 1:
            row["note"] = notes[0] if notes else ""
        else:
            row["note"] = "; ".join(dict.fromkeys(n for n in notes if n))
        row["sentence"] = sentence
        if measure == "growth_pct" and _BARE_GROWTH.fullmatch(clean_before):
            _inherit_subject(row, rows, position)
        elif measure == "share_pct" and clean_before.startswith("占") and is_indicator:
            _inherit_share(row, rows, position, clean_before)
        elif measure == "change_abs" and row["base_unit"] == "百分点" and is_indicator and (
            _BARE_CHANGE.fullmatch(clean_before)
        ):
            _inherit_share(row, rows, position, "")
    _pair_respectively(rows, text)


#: The noun counted after a measure word (28个部门和单位…, 177家村卫生室实现…), up to a verb.
_COUNTED_NOUN = re.compile(
    r"[^,，;；。、()（）]{1,14}?(?=实现|获|入选|申报|与|在|参与|落地|相继|齐聚|加速|被|已|达|第|"
    r"共|等|中|完成|开展|合作|通过|建成|纳入|成为|自我|关停|为|[0-9０-９,，;；。、()（）]|$)"
)
_FIRST_DIGIT = re.compile(r"[0-9０-９]")
_LEADING_FIGURE = re.compile(r"^[0-9０-９.,]+[^\u4e00-\u9fff]?[个家项名位条座所户]?")
_PREVIOUS_CLAUSE_TAIL = re.compile(r"(?:再上新台阶|持续增长|稳步提升|加速集聚|不断壮大|显著提升)$")
_BARE_GROWTH = re.compile(r"(?:同比|比上年|较上年)?(?:[0-9]{4}年)?(?:分别)?(?:增长|增幅|增速|提高|下降|减少|回落)(?:了|为|达)?")


def _inherit_subject(row: dict, rows: list[dict], position: int) -> None:
    """``…产值599.3亿元,增长51.7%``: a bare growth rate is the growth of the amount before it."""
    for previous in reversed(rows[max(0, position - 3) : position]):
        if previous["sentence"] != row["sentence"]:
            return
        if previous["measure"] in {"level", "change_abs", "count"} and previous["kind"] == "quantity":
            row["subject"] = previous["subject"] + "增长"
            row["dimension"] = previous["dimension"] if row["is_indicator"] == "yes" else "none"
            return


def _inherit_share(row: dict, rows: list[dict], position: int, share_words: str) -> None:
    """``高新技术产业产值1628.5亿元,占规上工业总产值比重51.6%,提高0.8个百分点``.

    A share written as 占… right after an amount is that amount's share (its subject and
    dimension); a bare change in percentage points after it is the change of that share.
    """
    for previous in reversed(rows[max(0, position - 2) : position]):
        if previous["sentence"] != row["sentence"] or previous["is_indicator"] != "yes":
            return
        if share_words and previous["kind"] == "quantity" and previous["measure"] == "level":
            words = _SHARE_TAIL.sub("", share_words)
            row["subject"] = previous["subject"] + words + ("" if words.endswith(("比重", "比例")) else "比重")
            row["dimension"] = previous["dimension"]
            return
        if not share_words and previous["measure"] == "share_pct":
            row["subject"] = previous["subject"] + "变化"
            row["dimension"] = previous["dimension"]
            return


_SHARE_TAIL = re.compile(r"(?:为|达|达到|是)$")
_BARE_CHANGE = re.compile(r"(?:比上年同期|比上年|较上年|同比)?(?:提高|上升|下降|回落|增加|减少)(?:了)?")


def _pair_respectively(rows: list[dict], text: str) -> None:
    """"Respectively" lists: one row per value, each paired in order with a subject (§9).

    A run is two or more figures of the same kind joined only by 、/和/及 (``增长31.65%、
    73.58%``, ``分别占全省的35%和全国的13.2%``). Later members take the measure and period
    of the first. Subjects come from the words before 分别 split at 、/和, or else from
    the same number of amounts stated just before the run in the same sentence.
    """
    run: list[dict] = []
    run_start = 0
    for position, row in enumerate([*rows, None]):
        if row is not None and run and row["kind"] in {"percent", "quantity"} and (
            run[-1]["kind"] == row["kind"]
            and _RESPECTIVELY_GLUE.fullmatch(text[run[-1]["end"] : row["start"]])
        ):
            run.append(row)
            continue
        if len(run) > 1:
            _pair_run(run, rows, run_start, text)
        run, run_start = ([row] if row is not None else []), position


_RESPECTIVELY_GLUE = re.compile(r"[、和及与\s\*]*(?:占)?(?:全国|全省|全市|常州)?的?")


def _pair_run(run: list[dict], rows: list[dict], position: int, text: str = "") -> None:
    first = run[0]
    subjects: list[str] = []
    parts: list[str] = []
    respectively = text.rfind("分别", max(0, first["start"] - 60), first["start"]) if text else -1
    if respectively >= 0:
        # the subjects named before 分别, from the start of its clause (、 included)
        segment_start = max(text.rfind(c, 0, respectively) for c in ",，;；。\n") + 1
        head = _strip_lead(_clean(text[segment_start:respectively]))
        parts = [p for p in re.split(r"[、和及与]", head) if p]
    else:
        head, found, _ = first["quote"].partition("分别")
        if found:
            parts = [p for p in re.split(r"[、和及与]", _clean(head)) if p]
    if len(parts) == len(run):
        subjects = parts
        if all(len(p) <= 3 for p in parts[:-1]) and len(parts[-1]) > len(parts[0]) + 1:
            # 城镇、农村居民人均可支配收入: the modifiers share the noun of the last part
            suffix = parts[-1][len(parts[0]) :]
            subjects = [p + suffix for p in parts[:-1]] + [parts[-1]]
    if not subjects:
        earlier = [r for r in rows[max(0, position - len(run) - 2) : position]
                   if r["kind"] == "quantity" and r["measure"] in {"level", "count"}
                   and first["start"] - r["end"] < 80 and r.get("sentence") == first.get("sentence")]
        if len(earlier) >= len(run):
            subjects = [r["subject"] for r in earlier[-len(run) :]]
    if not subjects and first["measure"] == "share_pct" and first["subject"]:
        base = re.split(r"分别|占", first["subject"])[0]
        scopes = [_RESPECTIVE_SCOPE.search(text[max(0, m["start"] - 4) : m["start"]]) for m in run]
        if base and all(scopes):
            subjects = [f"{base}占{scope.group(1)}比重" for scope in scopes]
    if not subjects and len(parts) == 1 and len(parts[0]) >= 2:
        subjects = parts * len(run)  # 城乡居民人均可支配收入分别达到…、…: one named subject
    for n, member in enumerate(run):
        if n:
            member["measure"] = first["measure"]
            member["period"] = first["period"] or member["period"]
            if first["value_base"] is not None and member["value_base"] is not None and (
                first["value_base"] < 0
            ):
                member["value_base"] = -abs(member["value_base"])
        note = f"respectively: value {n + 1} of {len(run)}"
        if subjects:
            subject = subjects[n]
            if first["measure"] == "growth_pct" and not subject.endswith("增长"):
                subject += "增长"
            member["subject"] = subject
            note += f", paired with {subjects[n]}"
        kept = [x for x in member["note"].split("; ") if x and not x.startswith("respectively")]
        if n and "base is" in first["note"]:
            kept += [x for x in first["note"].split("; ") if x.startswith("base is")]
        member["note"] = "; ".join(dict.fromkeys([*kept, note]))


_COLUMN_DTYPES = {
    "doc": "str", "start": "int64", "end": "int64", "surface": "str", "quote": "str",
    "value": "float64", "unit": "str", "value_base": "float64", "base_unit": "str",
    "measure": "str", "period": "str", "subject": "str", "dimension": "str",
    "is_indicator": "str", "note": "str",
}  # fmt: skip


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    """The rows as a DataFrame with the dtypes of :data:`_COLUMN_DTYPES`."""
    columns: dict[str, object] = {}
    for column in FIGURE_COLUMNS:
        values = [r[column] for r in rows]
        dtype = _COLUMN_DTYPES[column]
        if dtype == "float64":
            columns[column] = np.array([np.nan if v is None else v for v in values], dtype=dtype)
        elif dtype == "int64":
            columns[column] = np.array(values, dtype=dtype)
        else:
            columns[column] = pd.array(values, dtype=dtype)
    return pd.DataFrame(columns)


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------
def read_sources(path: str | os.PathLike[str]) -> dict[str, str | None]:
    """Read a SOURCES.csv (``file,published``) into ``{file name: published or None}``.

    ``published`` must be ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` or empty; anything else
    is an :class:`InputError` naming the file and the row (rows counted from 1 below the
    header).
    """
    from analysis.files import read_csv

    frame = read_csv(path, required=("file", "published"), what="sources file", dtype=str,
                     keep_default_na=False)
    sources: dict[str, str | None] = {}
    for row_number, (file, published) in enumerate(
        zip(frame["file"], frame["published"], strict=True), 1
    ):
        published = (published or "").strip()
        if published and not _valid_date(published):
            raise InputError(
                f"{path}, row {row_number}, column 'published': {published!r} is not "
                "YYYY, YYYY-MM or YYYY-MM-DD"
            )
        sources[Path(str(file).strip()).name] = published or None
    return sources


def _valid_date(published: str) -> bool:
    match = _PUBLISHED.match(published)
    if not match:
        return False
    month = int(match.group(2)) if match.group(2) else 1
    day = int(match.group(3)) if match.group(3) else 1
    return 1 <= month <= 12 and 1 <= day <= 31


def _read_text(path: Path) -> tuple[str, str]:
    """The decoded text and a note: UTF-8, else GB18030 (noted), else an InputError."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "decoded as GB18030 (file is not UTF-8)"
        except UnicodeDecodeError:
            raise InputError(
                f"{path}: neither UTF-8 nor GB18030 text ({utf8_error.reason} at byte "
                f"{utf8_error.start})"
            ) from utf8_error


#: The files a folder given to :func:`extract_paths` contributes: plain text, markdown and
#: HTML (reports are published in all three; markup inside numbers is handled, §4) ...
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
#: ... except a folder's own documentation (README.md, LICENSE.txt, SOURCE.md): files
#: named explicitly are always read.
FOLDER_DOCUMENTATION = re.compile(
    r"(?i)^(?:readme|licen[cs]e|copying|changelog|changes|contributing|source|notice)(?:[._-]|$)"
)


def _text_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(
                p for p in path.iterdir()
                if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                and not FOLDER_DOCUMENTATION.match(p.name)
            ))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def extract_paths(
    paths: Iterable[str | os.PathLike[str]], sources: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """Extract every file given, and every text, markdown or HTML file (:data:`TEXT_SUFFIXES`)
    inside the folders given but their documentation (:data:`FOLDER_DOCUMENTATION`); rows
    sorted by doc, start.

    A file missing from ``sources`` (or with an empty date) gets empty relative periods
    and a warning naming it (§8).
    """
    rows: list[dict] = []
    for path in _text_files(paths):
        text, decode_note = _read_text(path)
        published = None
        if sources is None or path.name not in sources or not sources[path.name]:
            if sources is None:
                reason = "has no publication date (no sources file given)"
            elif path.name in sources:
                reason = "has an empty publication date in the sources file"
            else:
                reason = "is not in the sources file"
            warnings.warn(
                f"{path.name} {reason}: relative periods (今年, 上半年, 年底) left empty",
                stacklevel=2,
            )
        else:
            published = sources[path.name]
        file_rows = _extract_rows(text, path.name, published)
        if decode_note:
            for row in file_rows:
                row["note"] = "; ".join(x for x in (row["note"], decode_note) if x)
        rows.extend(file_rows)
    result = _to_frame(rows)
    return result.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


def read_figures(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a figures CSV with its dtypes: start/end int, value/value_base float, text as str.

    Empty text cells become ``""`` (not NaN), so that comparisons are plain string ones.
    """
    from analysis.files import read_csv

    text_columns = [c for c in FIGURE_COLUMNS if _COLUMN_DTYPES[c] == "str"]
    frame = read_csv(path, required=FIGURE_COLUMNS, what="figures file",
                     dtype={c: str for c in text_columns}, keep_default_na=False,
                     na_values={"value": [""], "value_base": [""]})
    for column in ("start", "end"):
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("int64")
    for column in ("value", "value_base"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame[FIGURE_COLUMNS]


_PERIOD_YEARS = re.compile(r"^(\d{4})(?:H[12]|(?:-\d{2}){1,2})?(?:\.\.(\d{4})?(?:-\d{2}){0,2})?$")


def figures_for_year(figures: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows whose period falls in or overlaps ``year`` (``2021..2024`` overlaps 2023)."""

    def overlaps(period: str) -> bool:
        match = _PERIOD_YEARS.match(str(period or ""))
        if not match:
            return False
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else (
            9999 if str(period).endswith("..") else first)
        return first <= year <= last

    mask = figures["period"].map(overlaps).astype(bool)
    return figures.loc[mask].reset_index(drop=True)


def _values_equal(a: float, b: float) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if pd.isna(a) or pd.isna(b):
        return False
    return bool(np.isclose(a, b, rtol=1e-9, atol=1e-9))


def score_annotated_folder(
    folder: str | os.PathLike[str], gold: str = "gold_*.csv", sources: str = "sources.csv"
) -> dict:
    """:func:`score_figures` of the texts of ``folder`` against its hand annotations.

    ``gold`` is a glob of annotation files in the figures format inside ``folder``; the
    texts scored are the docs they name, extracted with the publication dates of
    ``folder/sources``.
    """
    folder = Path(folder)
    annotations = sorted(folder.glob(gold))
    if not annotations:
        raise InputError(f"{folder}: no annotation files {gold}")
    expected = pd.concat([read_figures(p) for p in annotations], ignore_index=True)
    texts = [folder / doc for doc in sorted(expected["doc"].unique())]
    predicted = extract_paths(texts, read_sources(folder / sources))
    return score_figures(predicted, expected)


def score_figures(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Precision, recall and F1 of ``predicted`` against ``gold``, then column agreement.

    A predicted row matches a gold row of the same doc when their spans overlap and their
    values are equal (both empty counts as equal); each gold and each predicted row is
    matched at most once (greedy, in order of start). On matched pairs, every other
    column is compared (numbers with a tolerance, text exactly). Returns a dict with
    ``precision``, ``recall``, ``f1``, ``matched``, ``predicted``, ``gold``,
    ``columns`` (column → share of matched pairs that agree) and ``pairs`` (a DataFrame of
    the matched index pairs).
    """
    pairs: list[tuple[int, int]] = []
    gold_by_doc = {doc: g for doc, g in gold.groupby("doc", sort=False)}
    for doc, pred in predicted.groupby("doc", sort=False):
        if doc not in gold_by_doc:
            continue
        g = gold_by_doc[doc]
        used: set[int] = set()
        g_rows = list(zip(g.index, g["start"], g["end"], g["value"], strict=True))
        for p_index, p_start, p_end, p_value in zip(
            pred.index, pred["start"], pred["end"], pred["value"], strict=True
        ):
            for g_index, g_start, g_end, g_value in g_rows:
                if g_index in used or g_start >= p_end or p_start >= g_end:
                    continue
                if _values_equal(p_value, g_value):
                    used.add(g_index)
                    pairs.append((p_index, g_index))
                    break
    matched = len(pairs)
    precision = matched / len(predicted) if len(predicted) else 0.0
    recall = matched / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    columns = {}
    compare = [c for c in FIGURE_COLUMNS if c not in {"doc", "start", "end", "value"}
               and c in predicted.columns and c in gold.columns]
    for column in compare:
        if not pairs:
            columns[column] = float("nan")
            continue
        agree = 0
        for p_index, g_index in pairs:
            a, b = predicted.at[p_index, column], gold.at[g_index, column]
            if column == "value_base":
                agree += _values_equal(a, b)
            else:
                agree += (str(a) if not pd.isna(a) else "") == (str(b) if not pd.isna(b) else "")
        columns[column] = agree / matched
    return {
        "precision": precision, "recall": recall, "f1": f1, "matched": matched,
        "predicted": len(predicted), "gold": len(gold), "columns": columns,
        "pairs": pd.DataFrame(pairs, columns=["predicted", "gold"]),
    }  # fmt: skip
