"""The figure pattern (§2, §4): one compiled alternation, one named group per kind of
figure, tried only where a cheap character-class scan marks a possible start.

Alternatives are tried in order at each position, so the structured forms (dates,
ratios, codes, ordinals) come before the bare quantity, and the bare Arabic number is the
last resort that guarantees every digit gets a row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
#: A space typed before a percent sign (增长3.9 %): the sign is still the number's unit (§5).
_PCT_SPACE = "[ \u00a0](?=[%％‰])"

#: Units written after an Arabic number (§5), longest first so that 万人次 beats 万.
ARABIC_UNITS = sorted(
    """个百分点 百分点 % ％ ‰ 平方公里 平方千米 平方米 立方米 公顷 亩 公里 千米 米 厘米
    公斤/公顷 千克/公顷 公斤/亩 千克/亩 元/人 亿元 万元 美元 元 微克/立方米 毫克/立方米 吨标煤 吨 公斤 斤 千克 克 千瓦时 千瓦 兆瓦 度 GWh MWh kWh GW MW kW
    万人次 人次 人 名 个位次 位次 个工作日 工作日 位 户 家 个月 个季度 个 项 座 所 条 件 套 辆 台 次 处 批 期 届 号 部 载 张
    份 篇 场 支 栋 间 床 艘 架 只 头 株 棵 担 例 标箱 周年 周岁 岁 年度 年 天 小时 分钟 秒 倍 字
    大 方面 夺 连冠 类 级 星 A 分贝 ℃ 毫米 毫克/升 家次 件次 起 宗""".split(),
    key=len,
    reverse=True,
)
#: (大 of 大关 is no unit: 突破700亿大关 is 700亿, round 17)
_AR_UNIT = "|".join(re.escape(u) if u != "大" else "大(?!关)" for u in ARABIC_UNITS)
#: A number wrapped between its digits (41⏎285元, §4): only inside a paragraph line (a
#: Chinese character right before it) and with its scale or unit right after the break,
#: so that numbers on lines of their own stay apart.
_WRAPPED_NUM = (
    rf"(?<=[\u4e00-\u9fff]){_D}+[ \t\u3000]*\n[ \t\u3000]*"
    rf"(?={_D}+(?:[.．]{_D}+)?(?:多|余)?(?:{_SCALE}|{_AR_UNIT})){_D}+(?:[.．]{_D}+)?"
)

#: Measure words accepted after a Chinese numeral (§2: counts, durations, frequencies).
CHINESE_UNITS = sorted(
    "个百分点 个月 个 家 项 座 所 户 名 位 次 年 天 届 期 方面 倍 人 条 件 亩 元 公里 场 处 台 套 辆 张 支 株 "
    "棵 篇 艘 架 人次 成 周年".split(),
    key=len,
    reverse=True,
)
_CN_UNIT = "|".join(CHINESE_UNITS)
#: The rest of a list of plenums after one of them (、三中、四中全会).
_PLENUM_LIST = f"(?:[、和与及]{_CN}中)+全会"
#: The same with 次 (十四届七次、八次全体会议, round 11).
_PLENUM_CI_LIST = f"(?:[、和与及]{_CN}次)+(?:全体|全会|会议)"
#: A space typed between a number and its scale (48.2 亿元): still the number's (round 11).
_SCALE_SPACE = "[ \u00a0](?=(?:万亿|千亿|百亿|亿|千万|百万|万|千)(?![年月日]))"

_ALTERNATIVES = [
    # dates (§4, §5): the whole date is one row
    rf"(?P<ymd>{_D}{{4}}(?:-{_D}{{1,2}}-{_D}{{1,2}}|/{_D}{{1,2}}/{_D}{{1,2}}|\.{_D}{{1,2}}\.{_D}{{1,2}}|年{_D}{{1,2}}月{_D}{{1,2}}日))(?![0-9０-９.])",
    rf"(?P<ym_range>{_D}{{4}}年{_D}{{1,2}}月?{_DASH}(?:{_D}{{4}}年)?{_D}{{1,2}}月)",
    rf"(?P<ym>{_D}{{4}}年{_D}{{1,2}}月)(?!{_D})",
    # a year range sharing one 年 (2016-2018年): one date row (round 11); also with 年 on
    # both ends of a dash (2015年-2018年, round 12), not of 至 (2011年至2023年: two years)
    rf"(?P<y_range>{_D}{{4}}(?:[-–—－~～至到]|年[-–—－~～]){_D}{{4}}年)(?!{_D}|度|[0-9]{{1,2}}月)",
    rf"(?P<md_range>{_D}{{1,2}}月{_D}{{1,2}}日?{_DASH}{_D}{{1,2}}日)",
    rf"(?P<md>{_D}{{1,2}}月{_D}{{1,2}}日)",
    rf"(?P<m_range>{_D}{{1,2}}月?[ ]?{_DASH}[ ]?{_D}{{1,2}}月(?:份)?)",
    rf"(?P<month>{_D}{{1,2}}月份?)(?!{_D})",
    # times of day (§5)
    rf"(?P<clock>(?<![0-9.:：﹕]){_D}{{1,2}}[:：﹕][0-5]{_D}(?:[:：﹕][0-5]{_D})?(?![0-9.:：﹕]))",
    rf"(?P<hour>{_D}{{1,2}}时(?:{_D}{{1,2}}分)?)",
    # ratios and multi-part structures (§4)
    # (spaces around the colons: 13.0 : 41.0 : 46.0; never after 图/表, where 图2:2011年
    # is a figure number and a caption's year, round 9)
    rf"(?P<ratio>(?<![表图]){_NUM}(?:[ ]?[:：∶﹕︰][ ]?{_NUM})+)",
    # codes and slogans built with + (2+2+X, 1+4, 1+29)
    rf"(?P<code>{_D}+(?:[+＋](?:{_D}+|[A-Za-z]+))+)",
    # document and index numbers with slashes and hyphens (014000319/2023-00123): one code
    # (and a telephone number with its area code, 0514-86525430: one code, round 18)
    rf"(?P<docno>{_D}+[/／]{_D}+(?:[-－/／]{_D}+)+|0{_D}{{2,3}}[-－]{_D}{{7,8}}(?![0-9０-９]))",
    # a year alone
    # (a figure may follow right after it: 由2015年52092元提高到…, 由2015年14.8:44.3:40.9…)
    rf"(?P<yearword>(?P<year>{_D}{{4}})(?P<year_unit>年度|年)"
    rf"(?!{_D}{{1,2}}(?:月|季|日|号|时)|{_D}(?![0-9.]*[元%:：∶﹕︰万亿])|均|来|以来|间))",
    # ranks, grades and ordinals with 第 (§4)
    # (the fourteen alternatives above start with a digit; see _STRUCTURED_DIGITS)
    rf"(?P<ordinal>第(?P<ord_num>{_D}+|{_CN})(?P<ord_unit>等次|位|名|批|期|届|次|家|个|轮|季度|章|条|款|号|代|大|中全会|站|根)?)",
    rf"(?P<top>前(?P<top_num>{_D}+|{_CN})(?P<top_unit>位|名|强)?)",
    r"(?P<first>首位)",
    # meetings: 十三届五次全会, 二十届三中全会, 十八大, 三中全会
    # (a list of plenums sharing 全会: 十九届二中、三中、四中全会, each its own row, round 9)
    rf"(?P<plenum>(?P<pl_num>{_CN})届(?:{_CN})(?:次全会|中全会|次(?=全体)|中(?={_PLENUM_LIST})"
    rf"|次(?={_PLENUM_CI_LIST})))",
    rf"(?P<congress>(?P<cg_num>{_CN})大(?=召开|即将|胜利|精神|以来|报告|代表|维稳|和|与|及|$|[,，。;；、”」）)]|的))",
    rf"(?P<plenum_short>(?P<ps_num>{_CN})中(?:全会|(?={_PLENUM_LIST})))",
    # census ordinals: 四经普 (the fourth economic census), 七人普, 三农普 (round 11)
    rf"(?P<census>(?P<cs_num>{_CN})(?P<cs_unit>经普|人普|农普))",
    # framework counts: 六大品质, 六方面, 五个方面
    rf"(?P<framework>(?P<fw_num>{_CN})(?P<fw_unit>大(?=品质)|个方面|方面))",
    # streaks, wins, visits
    rf"(?P<streak>连续(?P<st_num>{_CN})(?P<st_unit>个月|年|届|次|季度|天))",
    rf"(?P<wins>(?P<wn_num>{_CN})(?P<wn_unit>夺|连冠|赴))",
    # the time a project took to a milestone: 百日首线试产, 一年全面投产 (round 18)
    r"(?P<milestone>(?P<ms_num>百|[一二两三四五六七八九十]{1,3})(?P<ms_unit>日|天|年|个月)"
    r"(?=(?:首线|首台|全面|即)?(?:试产|投产|达产|建成|竣工|开工|量产|交付)))",
    # Roman-numeral classes (§2)
    r"(?P<roman>(?P<rm_pre>劣)?(?P<rm_num>[ⅠⅡⅢⅣⅤⅥ]|IV|VI|I{1,3}|V)(?P<rm_unit>类))",
    # Arabic quantities with approximation, scale and unit
    rf"(?P<qty>(?P<q_pre>近|上)?(?P<q_num>{_WRAPPED_NUM}|{_NUM})(?P<q_ap1>多|余)?"
    rf"(?:(?:{_BR}|{_SCALE_SPACE})(?P<q_scale>{_SCALE}))?(?P<q_ap2>多|余)?(?:(?:{_BR}|{_PCT_SPACE})(?P<q_unit>{_AR_UNIT}))?)",
    # a percentage in words: 百分之八十, 百分之百
    rf"(?P<pct_word>百分之(?P<pw_num>{_CN}|{_NUM}))",
    # Chinese-numeral quantities: a measure word is required
    rf"(?P<cqty>(?P<c_pre>上|近|数)?(?P<c_num>{_CN})(?P<c_ap1>多|余)?(?P<c_scale>万亿|亿|万)?"
    rf"(?P<c_ap2>多|余)?(?P<c_unit>{_CN_UNIT}))",
    # people counted by a bare scale: 近百万的人口, 人口却不到百万, (round 22)
    r"(?P<bare_scale>(?P<bs_pre>近)?(?P<bs_num>[百千])万(?=的?人口|[,，。;；]))",
]
#: The structured digit forms (dates to years, the first fourteen alternatives) are tried
#: only where the digits are followed by a date, time, ratio or code character.
_STRUCTURED_DIGITS = (
    rf"(?={_D}+[-–—－~～至到/年月:：∶﹕︰+＋时 ]|{_D}+[.．]{_D}+ ?[:：∶﹕︰]|{_D}{{4}}[.．]{_D}{{1,2}}[.．]{_D})"
)
FIGURE_PATTERN = re.compile(
    f"(?:{_STRUCTURED_DIGITS}(?:{'|'.join(_ALTERNATIVES[:14])}))|{'|'.join(_ALTERNATIVES[14:])}"
)
#: FIGURE_PATTERN's alternatives that can start with a digit (the structured forms and the
#: Arabic quantity), in the same order: at a digit, the same match for less work.
_DIGIT_FIGURE_PATTERN = re.compile(
    f"(?:{_STRUCTURED_DIGITS}(?:{'|'.join(_ALTERNATIVES[:14])}))"
    f"|{next(a for a in _ALTERNATIVES if a.startswith('(?P<qty>'))}"
)
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
#: Every character an alternative of FIGURE_PATTERN can start with (see :func:`_scan`).
#: It opens with one character class, which ``re`` scans for in C; the rest drops the
#: common characters that start no figure (一 before a non-counter, 上 outside 上百,
#: 前 and 第 before no numeral, 首 outside 首位, 连 outside 连续, I and V before no 类):
#: each lookahead is what the alternatives starting with that character need next, so
#: the positions dropped are exactly positions where FIGURE_PATTERN cannot match.
_FIGURE_STARTS = re.compile(
    r"[0-9０-９第前首连近上数劣ⅠⅡⅢⅣⅤⅥIV〇零一二两三四五六七八九十百千]"
    r"(?:(?<=[0-9０-９])[0-9０-９]*|(?<=[上数])(?=[十百千万])"
    r"|(?<=近)(?=[0-9０-９百千万一二两三四五六七八九十])"
    r"|(?<=[〇零一二两三四五六七八九十百千])[〇零一二两三四五六七八九十百千]*"
    r"(?=[个家项座所户名位次年天届期方倍人条件亩元万亿大中夺连赴多余成周经农日])"
    r"|(?<=[第前])(?=[0-9０-９〇零一二两三四五六七八九十百千])|(?<=首)(?=位)|(?<=连)(?=续)"
    r"|(?<=劣)(?=[ⅠⅡⅢⅣⅤⅥIV])|(?<=[ⅠⅡⅢⅣⅤⅥIV])(?=[ⅠⅡⅢⅣⅤⅥIV]{0,2}类)|(?<=百)(?=分之))"
)


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
