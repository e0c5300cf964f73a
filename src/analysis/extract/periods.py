"""Periods (§8): relative and plan-period words (今年, 上半年, 十四五以来, 两年净增) as cues,
how far each cue reaches, and the step that gives every measured row its period.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

import numpy as np

from analysis.extract.numbers import _CHINESE_DIGIT_CHARS, _NO_PERIOD_KINDS
from analysis.extract.rows import _YEAR_BEFORE
from analysis.extract.spans import (
    _FLOW_BEFORE,
    _REACHED_BEFORE,
    _REACHED_MEASURES,
    _REFORM_START,
    _YEAR_SPAN,
    _change_end,
    _structure_change_end,
)
from analysis.extract.textindex import (
    _CHAR_FLAGS,
    _PERIOD_ANCHOR_REACH,
    _char_flags,
    _clean,
    _Headings,
    _TextIndex,
)
from analysis.numerals import chinese_to_number

if TYPE_CHECKING:
    from analysis.extract.context import _Around, _Document


_BASE_YEAR_BEFORE = re.compile(r"(?:比|较|同比|相比|对比)$")
_BASE_YEAR_END = re.compile(r"(?:比|较|同比|相比|对比|与)[0-9]{4}$")
#: 与2020年相比,两年平均增长2.5%: the year is the base of a comparison, no period (§8).
_BASE_YEAR_AFTER = re.compile(r"(?:相比|比较|对比)")
#: 是2015年的1.4倍: the year is the base of a multiple, no period cue (§8).
_MULTIPLE_OF_YEAR = re.compile(r"的(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]+(?:点[一二三四五六七八九零]+)?)倍")

#: Relative and plan-period words that set the period of the figures after them (§8).
_PERIOD_CUE = re.compile(
    r"(?P<half>上半年|下半年)|(?P<q3>前三季度)|(?P<q1>一季度|第一季度)"
    # 二季度当季…, 第三季度: one quarter (not 连续三季度, a streak)
    r"|(?<!连续)(?<!近)(?P<quarter>第?(?P<quarter_num>[二三四])季度)"
    r"|(?P<summer>暑假期间|暑期)|(?P<plan>[“\"]?(?P<plan_name>十[二三四五]五)[”\"]?(?P<plan_kind>以来|期间|时期|末))"
    r"|(?P<net>(?P<net_num>[两二三四五六七八九十]|(?<![0-9])[0-9]{1,2})年(?:来)?(?:净增|累计|共计|新增|平均增长|平均下降|平均增速))"
    r"|(?P<span>过去的?(?P<span_past>[两二三四五六七八九十]{1,3})年|(?P<span_num>[两二三四五六七八九十]{1,3})年(?:来|以来)"
    # 这是…综合实力显著增强的五年。: a paragraph of a term's review (round 25)
    r"|(?<=的)(?P<span_this>[三四五])年(?=[。；;]))"
    r"|(?P<future>(?:未来|今后)的?(?P<future_num>[两二三四五六七八九十]{1,3})年)"
    r"|(?P<this_year>今年|年内|年底|年末|全年|本年度|当年)|(?P<last_year>去年|过去一年|过去的一年|上年)|(?P<next_year>明年)"
)
#: 三年新冠疫情防控转段后, 三年疫情之后: a span of years that ended before the figure's year.
_PAST_SPAN_AFTER = re.compile(r"[^,，;；。0-9年]{2,10}?(?:转段|之|过)?后")
#: 三季度经济形势分析会: a part of a year in a meeting's name, no period cue.
_MEETING_AFTER = re.compile(r"[^,，;；。、]{0,10}?(?:分析会|推进会|调度会|座谈会|例会|工作会)")
#: 比上年, 较去年同期: the base of a comparison (§8), not the period of the figure.
_COMPARISON_BEFORE = re.compile(r"(?:比|较|同比|相比|对比|与|高于|低于)$")
_ASSESSMENT_WORD = re.compile(r"考评|考核|评价|测评|评估|榜单|排名|排行")
_CHANGE_TO = re.compile(r"[至到]|(?:调整|变化|变|优化|转变)为"
                        r"|[調调](?:\([a-zà-ǜ]{1,6}\))?整(?:\([a-zà-ǜ]{1,6}\))?[為为]")  # 調(diào)整為(wèi) (round 23)
_STATED_YEARS = re.compile(r"([0-9]{4})年(?!度?[0-9])")
#: (the lookbehind after the word, so that a search scans for the literal 去 first)
#: 过去的一年,…。预计全年… in a report of January: the year reviewed, as 去年 (round 15).
_LAST_YEAR_IN_PARAGRAPH = re.compile(r"去年(?<![比较与]去年)(?!同期)|过去的?一年")
_CARRY_OVER = re.compile(
    r"^[\s\*]*(?:其中|同时|上述|以上|三项|两项|四项|五项|分产业看|分行业看|分领域看|分门类看|"
    r"分三大门类看|分地区看|分经济类型看|分城乡看|按常住地分|从[^,，;；。]{1,8}看)|(?<![人平])均(?![衡等值])"
)
_SEMICOLON = re.compile(r"[;；]")
#: A speaker opening the paragraph before its period (宋长宝说,过去的五年,…; round 20).
_SPEAKER_LEAD = re.compile(r"[\u4e00-\u9fff]{2,4}(?:说|表示|指出)[,，:：]")
_COMMA_OR_COLON = frozenset(",，:：")
#: A month range as a period (2023-01..2023-07).
_MONTH_RANGE = re.compile(r"\d{4}-\d{2}\.\.\d{4}-\d{2}")
#: A text that opens with its year (2022年，全市…): the year its undated figures are of.
#: A reporter's byline closing right before it (``(记者 王国青)2018年,``, ``南京1月3日电
#: (记者 …)``, or its remains ``。ㄓ浾 王國青)2018年,`` in a mirror) still opens the text
#: with its year (round 15); a dateline with a year (``(2022年5月)``) does not.
_OPENING_YEAR = re.compile(r"(?:^|\n)(?:[^\n年]{0,30}?[)）])?[\s*#>]*([0-9]{4})年(?:[，,、]|是|以来)")
#: "Opens with": at most two non-empty lines (a title, a dateline) before the year (§14).
_OPENING_LINES = 2
_COLON = frozenset(":：")
_CUE_HEAD_PREFIX = re.compile(
    r"(?:特别是|到|截至|截止|其中|今年|去年|同时|在|从|自|将|力争|确保|争取|预计|计划|近|溧阳市?|全市|全县|全区|#|★|[0-9０-９]{4}年"
    # a county or district named before its period (高淳区上半年经济“半年报”出炉,…)
    r"|[\u4e00-\u9fff]{2,3}(?:县|区|市))*"
)
_PERIOD_CUE_STARTS = re.compile(
    r"[上下前一第暑“\"十两二三四五六七八九0-9今年全本当去过明未]"
    r"(?:(?<=[上下])(?=半年|年)|(?<=前)(?=三季度)|(?<=[一第])(?=季度|一季度)|(?<=[二三四])(?=季度)|(?<=第)(?=[二三四]季度)|(?<=暑)(?=假|期)"
    r"|(?<=[“\"])(?=十[二三四五]五)|(?<=十)(?=[二三四五]五|年来?(?:净增|累计|共计|新增|平均增|平均下降)|[一二三四五六七八九]?年来|[一二三四五六七八九]?年以来)"
    r"|(?<=[两二三四五六七八九0-9])(?=[0-9]?年来?(?:净增|累计|共计|新增|平均增|平均下降)|十?[一二三四五六七八九]?年来|十?[一二三四五六七八九]?年以来)"
    r"|(?<=今)(?=年|后的?[两二三四五六七八九十]{1,3}年)|(?<=未)(?=来的?[两二三四五六七八九十]{1,3}年)|(?<=年)(?=[内底末])|(?<=[全当去明])(?=年)|(?<=本)(?=年度)"
    r"|(?<=过)(?=去的?[一两二三四五六七八九十]{1,3}年)|(?<=[三四五])(?=年[。；;]))"
)
#: An attribution opening a sentence before its period (记者从…获悉, 据统计, 报告显示).
#: 初步核算, the bulletins' opening of their GDP sentence, before the year it states.
_ESTIMATE_LEAD = re.compile(r"(?:据|经)?初步(?:核算|统计|测算)[,，:：]?")
_ATTRIBUTION = re.compile(
    r"(?:(?:本报讯|[^,，;；。]{0,12}电)?(?:[(（][^()（）]{0,30}[)）])?"  # 本报讯（记者 …）: the dateline
    r"(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:[上下]午)?[,，]?))?"
    r"(?:(?:记者)?(?:从|据|经)?[^,，;；。]{0,20}?(?:获悉|了解到|悉|显示|表明)[,，:：]?|据(?:了解|统计|悉)[,，:：]?)"
)
#: Status words (目前, 现有): a figure held now, not in the year a paragraph reviews.
_NOW = re.compile(r"目前|现有|当前|截至目前")
#: A listing or award a year-only sentence reports (2022年上榜全国…名单。): an event of
#: that year, no heading of the sentences after it (§14).
_LISTING_EVENT = re.compile(r"上榜|入选|获评|荣获|被评为|被命名|列入|获批")
#: A government work report, or news of one: it reviews the years before its session.
_WORK_REPORT_WORDS = ("政府工作报告", "各位代表")
_BULLETIN_TITLE = re.compile(r"([0-9]{4})年[^。\n]{0,16}(?:统计公报|国民经济和社会发展统计)")
#: A bulletin's byline (铜山区统计局 国家统计局铜山调查队) in its first characters: a
#: bulletin reviews the year it opens with whenever it is published (§14, round 9).
_BUREAU_BYLINE = re.compile(r"统计局|调查队")
_BYLINE_REACH = 120
_PLAN_START = {"十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
#: The first characters of _PERIOD_CUE_STARTS, and the characters one of them must be
#: followed by within :data:`_PERIOD_ANCHOR_REACH` characters (年 of 上半年/2年来净增/
#: 过去的一年, 季 of 前三季度, 暑 of 暑期, 五 of “十四五”).
_FLAG_PERIOD_START, _FLAG_PERIOD_ANCHOR = 8, 16
for _char in "上下前一第暑“\"十两二三四五六七八九0123456789今年全本当去过明未":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_PERIOD_START
for _char in "年季暑五":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_PERIOD_ANCHOR


#: The note of a 全年/年内 cue of the publication year in a text of its first quarter.
_YEAR_BEGUN = "a year just begun: its goal"


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
    opening_year = None
    # any of the words in the first 3000 characters (str.find: no regex scan, no copy)
    work_report = any(text.find(word, 0, 3000) >= 0 for word in _WORK_REPORT_WORDS)
    if bulletin_year is None and year and (
        month is None or month <= 4 or _BUREAU_BYLINE.search(text[:_BYLINE_REACH])
    ):
        # 2022年,全县…: a text opening with its year, published in spring or in a year
        # only, reports on that year: its 全年 and 年末 are that year (§14)
        text_year = report_year(text, year)
        opening_year = int(text_year) if text_year and text_year != str(year) else None
    elif bulletin_year is None and year is None:
        opening_year = _opening_year(text)  # 2022年是…, date unknown: the year it reports on (round 26)
    for match in _period_cue_matches(text, flags):
        start, end = match.span()
        kind = match.lastgroup
        for name in ("half", "q3", "q1", "quarter", "summer", "plan", "net", "span", "future", "this_year",
                     "last_year", "next_year"):
            if match.group(name) is not None:
                kind = name
                break
        word = match.group(0)
        if kind in {"last_year", "next_year", "plan"} and _COMPARISON_BEFORE.search(
            text[max(0, start - 3) : start].rstrip("“\" ")
        ):
            continue  # 比上年增长, 较“十三五”末: the base of a comparison, not a period (§8)
        if kind in {"q1", "quarter", "half", "q3"} and (
                _COMPARISON_BEFORE.search(text, max(0, start - 3), start)
                or _MEETING_AFTER.match(text, end)):
            continue  # 较一季度提升1.9个百分点: the base of the change, not its period; 三季度经济
            # 形势分析会: a meeting's name (round 16)
        if kind == "last_year" and text[start - 1 : start] == "以" and start > 0:
            continue  # 以上年为100: the base of a price index, not a period
        if kind == "this_year" and word in {"年底", "年末"} and _BASE_YEAR_END.search(
            text, max(0, start - 8), start
        ):
            continue  # 较2022年底增长11.36%: the base of a comparison, not a period (§8)
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
                and (last_year := _LAST_YEAR_IN_PARAGRAPH.search(
                    text[max(text.rfind("\n", 0, start), start - 300, 0) : start])) and year
                and (last_year.group(0) == "去年" or month is None or month <= 4)):
            # (过去的一年 is the year before only in a text of spring: in December, this one)
            cue_year = year - 1  # 去年,…。全年新增…: the year the paragraph is about
            resolved = f"{word}: the {last_year.group(0)} of the paragraph ({cue_year})"
        elif heading_year and not explicit and not relative:
            resolved = f"{word} resolved with the heading year {heading_year}"
        elif (not explicit and not relative and year and (month is None or month <= 4)
              and word in {"全年", "当年", "年末", "年底"}
              and _last_stated_year(text, start) == year - 1
              and not _this_year_since_last_year(text, start)):
            # published in spring (or in a year only), after 二〇二三年,… : 全年 is the year
            # just reported on
            cue_year = year - 1
            resolved = f"{word}: the year {cue_year} the text reports on"
        elif bulletin_year and not explicit and kind in {"this_year", "half", "q3", "q1"}:
            cue_year = bulletin_year
            resolved = f"{word} resolved with the bulletin year {bulletin_year}"
        elif opening_year and not explicit and not relative and word in {
                "全年", "年末", "年底", "当年"} and not _this_year_since_last_year(text, start):
            cue_year = opening_year
            resolved = f"{word}: the year {opening_year} the text opens with"
        if (word in {"全年", "年内"} and month is not None and month <= 3 and year
                and resolved.startswith(f"{word} resolved with publication year")
                and (word == "年内" or _this_year_since_last_year(text, start))):
            # 今年…主要目标是:…。…全年引进项目60个以上 in a January text: the year has just
            # begun, so what it states of the whole year (年内 alone, or 全年 after the text
            # turned to 今年) is a goal (§7, round 13)
            resolved = f"{resolved} ({_YEAR_BEGUN})"
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
            if match.group("span_this") is not None:
                # 这是…综合实力显著增强的五年。 heading a paragraph: the paragraph reviews the
                # term's years, as 过去五年 would (round 25); the cue opens the paragraph
                head = text.rfind("\n", 0, start) + 1
                while head < start and text[head] in " \u3000\t":
                    head += 1
                if not text.startswith("这是", head) or "。" in text[head:start]:
                    continue
                start = head
            # 过去五年, 五年来: the N years up to the year reported on (heading year, else
            # the year a spring text reports on, else the publication year)
            count = int(chinese_to_number(match.group("span_past") or match.group("span_num") or match.group("span_this")) or 0)
            last = cue_year if explicit or heading_year else bulletin_year
            if last is None and year is not None:
                # published in spring after the year it reports on; a government work
                # report (of January) reviews whole years, stated or not (§8, §14)
                stated = _last_stated_year(text, start)
                last = year - 1 if (month is not None and month <= 4 and (
                    stated == year - 1 or stated is None and work_report)) else year
            period = f"{last - count + 1}..{last}" if last and count > 1 else ""
            cues.append((start, end, period, "" if period else resolved))
            continue
        if kind == "future":
            # 未来五年, 今后五年: the N years from the publication year (a report of January
            # plans that year and the next four), the goals of a term (§14)
            count = int(chinese_to_number(match.group("future_num")) or 0)
            period = f"{year}..{year + count - 1}" if year and count > 1 else ""
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
        elif kind == "quarter":
            last_month = 3 * "一二三四".index(match.group("quarter_num")) + 3
            period = f"{cue_year}-{last_month - 2:02d}..{cue_year}-{last_month:02d}"
        elif kind == "summer":
            period = f"{cue_year}-07..{cue_year}-08"
        if kind in {"q3", "q1", "quarter", "summer"} or word == "上半年":
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
                last_stated = _last_stated_year(text, start) if not stated else None
                if stated:
                    cue_year = int(stated[-1])
                elif last_stated and year and year - 3 <= last_stated < year:
                    cue_year = last_stated  # 2021年,…。三次产业比例由上年的…: before 2021
            period = str(cue_year - 1)
        elif kind == "next_year":
            period = str(cue_year + 1)
        else:
            period = str(cue_year)
        cues.append((start, end, period, resolved))
    if "之初" in text or "开放初期" in text:
        for found in _REFORM_START_WORDS.finditer(text):
            cues.append((*found.span(), str(_REFORM_START), f"{found.group(0)}: {_REFORM_START}"))
        cues.sort()
    return cues


#: 改革开放之初, 开放之初, 改革开放初期: the words of _REFORM_START, 1978 (round 15).
_REFORM_START_WORDS = re.compile(r"(?:改革)?开放(?:之初|初期)")


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


def _this_year_since_last_year(text: str, position: int) -> bool:
    """今年 (its goals, 今年…主要目标是:) written after the last year stated before
    ``position``: a later 全年 is the publication year's, not the year reviewed (round 13)."""
    this_year = text.rfind("今年", 0, position)
    if this_year < 0:
        return False
    return not any(True for _ in _ANY_STATED_YEAR.finditer(text, this_year, position))


def _resolve_net(period: str, previous: str) -> str:
    """``两年净增`` after a 2023 figure → ``2021..2023`` (§8)."""
    count_text = period.split(":", 1)[1]
    count = int(count_text) if count_text.isdigit() else int(chinese_to_number(count_text) or 0)
    match = re.match(r"^(\d{4})", previous)
    if not match or not count:
        return ""
    last = int(match.group(1))
    return f"{last - count}..{last}"


def _cue_reaches(
    text: str, index: _TextIndex, cues: list[tuple[int, int, str, str]], rows: list[dict]
) -> tuple[list[tuple[int, int, str, str]], list[int], list[tuple[int, int, int, bool]]]:
    """All period cues (words and the rows' own dates and years), how far each reaches,
    and the cues that head a paragraph ``(start, paragraph end, cue number, review)`` (§8).

    ``review`` marks a year stated alone in a sentence of no other figure
    (``2018年涪城全区经济社会发展取得显著成效。``, ``报告指出,2021年,长寿实现了…开局。``):
    the year the rest of its paragraph reviews, streaks and ranks included (§14).

    Heading its sentence (1—11月,… / 今年上半年,…) a cue covers the whole sentence, ;
    included; heading a later clause (…,2023年达4333亿元,…) it covers the figures up to the
    next ; ; inside a clause (入选2023年…, 同比2019年增长) only that clause.
    """
    row_cues = [(r["start"], r["end"], r["period"], "") for r in rows
                if r["kind"] == "date" and "-" in r["period"] and r["period"].count("-") < 3
                and len(r["period"]) != 10
                or r["kind"] == "year" and not _BASE_YEAR_BEFORE.search(text[max(0, r["start"] - 3) : r["start"]])
                and not _BASE_YEAR_AFTER.match(text, r["end"])
                and not _MULTIPLE_OF_YEAR.match(text, r["end"])]
    all_cues = sorted(cues + row_cues)
    cue_reach = []
    paragraph_cues: list[tuple[int, int, int, bool]] = []
    year_rows = {r["start"] for r in rows if r["kind"] == "year"}
    row_starts = [r["start"] for r in rows]
    for cue_start, _cue_end, cue_period, _note in all_cues:
        cue_clause_start, cue_clause_end = index.clause(cue_start, cue_start)
        if text[_cue_end : _cue_end + 1] == "的" or _from_year(text, cue_start, year_rows) or (
                text.startswith("同期的", _cue_end)):  # 由上年同期的…调整为… (round 23)
            # 由上年的1.75:1缩小至1.72:1, 由2015年52092元提高到73182元: the cue dates only
            # the figure it qualifies
            change = _CHANGE_TO.search(text, _cue_end, cue_clause_end)
            cue_reach.append(change.start() if change else cue_clause_end)
            continue
        if cue_start in year_rows and _review_after_figures(
                text, index, cue_start, _cue_end, row_starts, paragraph_cues, len(cue_reach)):
            cue_reach.append(index.sentence_ends[index.sentence_index(cue_start)])
            continue
        if text[_cue_end - 2 : _cue_end] == "年度" and _ASSESSMENT_WORD.search(
            text, _cue_end, cue_clause_end
        ):
            # 在2023年度全省开发区综合考评结果中,…位列第9位: the assessment's year heads
            # the sentence it opens
            cue_reach.append(index.sentence_ends[index.sentence_index(cue_start)])
            continue
        if ".." in cue_period and _MONTH_RANGE.fullmatch(cue_period) and not _COMPARISON_BEFORE.search(
            text[max(0, cue_start - 3) : cue_start]
        ):
            # 1至7月 anywhere in a sentence dates the figures after it to the sentence end
            # (全市1至7月完成…,同比增长…;…), unless another cue comes first (§8)
            cue_reach.append(index.sentence_ends[index.sentence_index(cue_start)])
            _part_year_heads_paragraph(text, index, cue_start, cue_period, row_starts, paragraph_cues,
                                       len(cue_reach) - 1)
            continue
        if cue_start in year_rows and (
                text.endswith("回顾", 0, cue_start) or text.startswith("工作", _cue_end)):
            # 县长在报告中回顾2023年工作时说,…: the year reviewed heads the rest of its
            # sentence and paragraph (§14)
            cue_reach.append(index.sentence_ends[index.sentence_index(cue_start)])
            paragraph_end = text.find("\n", cue_start)
            paragraph_cues.append((cue_start, len(text) if paragraph_end < 0 else paragraph_end,
                                   len(cue_reach) - 1, True))
            continue
        if cue_period.startswith("net:") or _CUE_HEAD_PREFIX.fullmatch(
                _clean(text[cue_clause_start:cue_start])) is None and text[
                    cue_clause_start:cue_start].rstrip(" “\"")[-1:] not in _COLON:
            # (a cue right after a colon heads what follows: 交出…“半年报”:上半年,全市…, round 14)
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
                                       len(cue_reach) - 1, False))
            else:  # …。上半年,全区实现…: a part of a year heading a later sentence (round 16)
                _part_year_heads_paragraph(text, index, cue_start, cue_period, row_starts,
                                           paragraph_cues, len(cue_reach) - 1)
        elif ("悉" in lead or "据" in lead or "了解" in lead or "显示" in lead or "表明" in lead) and (
            _ATTRIBUTION.fullmatch(lead)
        ):
            cue_reach.append(sentence_end)  # 记者从…获悉,1—10月,…: the cue heads the sentence
        elif "初步" in lead and _ESTIMATE_LEAD.fullmatch(lead):
            cue_reach.append(sentence_end)  # 初步核算,2022年,…;与2020年相比,…: heads it too
        elif lead[-1:] in _COMMA_OR_COLON and _SPEAKER_LEAD.fullmatch(lead) and not cue_period.startswith(
                "net:") and cue_start not in year_rows:
            # 宋长宝说,过去的五年,…。…突破1700亿元: the cue heads the speaker's paragraph (round 20;
            # a year there, 报告指出,2021年,…, is the review's year as before)
            cue_reach.append(sentence_end)
            paragraph_start = text.rfind("\n", 0, index.sentence_starts[cue_sentence]) + 1
            if cue_period and _clean(text[paragraph_start : index.sentence_starts[cue_sentence]]) == "":
                paragraph_end = text.find("\n", cue_start)
                paragraph_cues.append((cue_start, len(text) if paragraph_end < 0 else paragraph_end,
                                       len(cue_reach) - 1, False))
        else:
            semicolon = _SEMICOLON.search(text, cue_start, sentence_end)
            cue_reach.append(semicolon.start() if semicolon else sentence_end)
        if cue_start in year_rows and (not paragraph_cues or paragraph_cues[-1][0] != cue_start) and (
            bisect_left(row_starts, sentence_end)
            - bisect_left(row_starts, index.sentence_starts[cue_sentence]) == 1
        ) and _LISTING_EVENT.search(text, _cue_end, sentence_end) is None:
            # 2018年…取得显著成效。区属地区生产总值…: a year alone in its sentence heads the
            # rest of its paragraph (§14); one that dates an event of its own (2022年上榜…名单。)
            # does not (dev_gold: the 3664户 after it are a stock at publication)
            paragraph_end = text.find("\n", cue_start)
            paragraph_cues.append((cue_start, len(text) if paragraph_end < 0 else paragraph_end,
                                   len(cue_reach) - 1, True))
        _year_takes_over(paragraph_cues, all_cues, cue_start, cue_period, lead, year_rows, cue_reach)
    return all_cues, cue_reach, paragraph_cues


def _part_year_heads_paragraph(text: str, index: _TextIndex, cue_start: int, cue_period: str,
                               row_starts: list[int],
                               paragraph_cues: list[tuple[int, int, int, bool]],
                               cue_number: int) -> None:
    """A part of a year (上半年, 二季度, 1-6月) before every figure of its sentence, in the
    middle of a paragraph (``…。上半年,全区实现GDP…。…增幅全市第一。``, ``…提升,二季度当季生猪
    出栏…。禽蛋产量…``), dates the rest of the paragraph until another cue (§8: a period
    stated at the head applies until another is stated; round 16). Adds that cue."""
    if not (cue_period.endswith("H1") or _MONTH_RANGE.fullmatch(cue_period)):
        return
    sentence_number = index.sentence_index(cue_start)
    sentence_start = index.sentence_starts[sentence_number]
    if not ("季度" in text[cue_start : cue_start + 4] or "半年" in text[cue_start : cue_start + 3]) and (
            bisect_left(row_starts, index.sentence_ends[sentence_number])
            - bisect_left(row_starts, sentence_start) != 1):
        # a month range written as a date (1—9月,全区实现…) dates its sentence only
        # (blind/b3); alone in a sentence of no figure (今年1月至9月,…领跑…。) it heads the
        # rest of the paragraph (round 18)
        return
    if bisect_left(row_starts, cue_start) != bisect_left(row_starts, sentence_start):
        return  # a figure before it in its sentence: it dates only what follows there
    if paragraph_cues and paragraph_cues[-1][0] == cue_start:
        return
    paragraph_end = text.find("\n", cue_start)
    cue = (cue_start, len(text) if paragraph_end < 0 else paragraph_end, cue_number, False)
    paragraph_cues.insert(bisect_left(paragraph_cues, cue), cue)


#: 亮出2023年度工业经济答卷, 交出2023年成绩单: the year a text reviews, named after its figures.
_REVIEW_AFTER_YEAR = re.compile(r"[^,，;；。!！?？\n]{0,10}?(?:答卷|成绩单)")


def _review_after_figures(text: str, index: _TextIndex, cue_start: int, cue_end: int,
                          row_starts: list[int], paragraph_cues: list[tuple[int, int, int, bool]],
                          cue_number: int) -> bool:
    """A year naming the review (答卷, 成绩单) after the figures of its sentence
    (``…预计实现工业开票798亿元,……近日,…亮出2023年度工业经济答卷。``): the year of the
    figures before it in its paragraph, ranks included; it heads the paragraph as a review
    cue (§8, §14, round 13). Adds that cue and says whether it did."""
    if not _REVIEW_AFTER_YEAR.match(text, cue_end):
        return False
    paragraph_start = text.rfind("\n", 0, cue_start) + 1
    if bisect_left(row_starts, cue_start) - bisect_left(row_starts, paragraph_start) == 0:
        return False  # no figure before it: the ordinary cue rules apply
    paragraph_end = text.find("\n", cue_start)
    cue = (paragraph_start, len(text) if paragraph_end < 0 else paragraph_end, cue_number, True)
    paragraph_cues.insert(bisect_left(paragraph_cues, cue), cue)
    return True


def _year_takes_over(paragraph_cues: list[tuple[int, int, int, bool]],
                     all_cues: list[tuple[int, int, str, str]], cue_start: int, cue_period: str,
                     lead: str, year_rows: set[int], cue_reach: list[int]) -> None:
    """A year heading a later sentence of a paragraph headed by another cue
    (``2019年7月,…入选…。2019年,…位居…。户籍人口…``) dates the rest of the paragraph in
    its place: the nearest cue wins (§8, round 11)."""
    if lead or cue_start not in year_rows or not paragraph_cues:
        return
    head_start, paragraph_end, head, review = paragraph_cues[-1]
    if head_start < cue_start < paragraph_end and all_cues[head][2] != cue_period:
        paragraph_cues.append((cue_start, paragraph_end, len(cue_reach) - 1, review))


def _from_year(text: str, cue_start: int, year_rows: set[int]) -> bool:
    """A year right after 由/从 (``由2015年52092元提高到…``): the start of a change (§14)."""
    return cue_start in year_rows and text[cue_start - 1 : cue_start] in {"由", "从"}


def report_year(text: str, year: int | None) -> str:
    """The year a text's undated figures are of (§8): the year of a bulletin's title
    (2023年…统计公报), else the year the text opens with (2022年，全市…) when it is at
    most two years before publication, else the publication year; ``""`` when unknown."""
    bulletin = _BULLETIN_TITLE.search(text[:300])
    if bulletin:
        return bulletin.group(1)
    opening = _opening_year(text)
    if opening is not None and year and year - 2 <= opening <= year:
        return str(opening)
    return str(year) if year else ""


def _opening_year(text: str) -> int | None:
    """The year a text opens with (``2022年,全市…``, ``(记者 …)2018年,``) within its first
    :data:`_OPENING_LINES` non-empty lines (§14), else None."""
    opening = _OPENING_YEAR.search(text, 0, 400)
    if opening is None or sum(
        1 for line in text[: opening.start(1)].split("\n")[:-1] if line.strip()
    ) > _OPENING_LINES:
        return None
    return int(opening.group(1))


_WHOLE_AREA = frozenset({"全国", "全省", "全市", "全区"})


def _paragraph_span(document: _Document, start: int) -> str:
    """The span of years (``2017..2021``) a paragraph's cue gives the figure at ``start``, else ``""``."""
    k = bisect_right(document.paragraph_starts, start) - 1
    if k < 0 or start >= document.paragraph_cues[k][1]:
        return ""
    period = document.cues[document.paragraph_cues[k][2]][2]
    return period if _YEAR_SPAN.fullmatch(period) else ""


def _year_heads_sentence(chosen: tuple | None, text: str, sentence_start: int) -> bool:
    """A year opening the sentence (``2018年,我们…,连续5届入选…``), or a 全年 of the year a
    spring text reports on reaching it (``全年完成…,连续3年…位居苏北第一``): a streak or a
    win of that sentence is of that year (§8, round 13)."""
    if chosen is not None and chosen[3].endswith("the text reports on"):
        return True  # …,全年完成…,连续3年…位居第一 in a spring text: the year it reports on
    return chosen is not None and len(chosen[2]) == 4 and chosen[2].isdigit() and (
        sentence_start <= chosen[0] < sentence_start + 4) and text[chosen[0]].isdigit() and not text[
            sentence_start : chosen[0]].strip(" \u3000\n*")


def _decide_period(row: dict, around: _Around, document: _Document) -> None:
    """``period`` (§8): the nearest cue reaching the figure, a paragraph's cue, the
    sentence before (其中, 均), a heading, else the publication year."""
    kind, period = row["kind"], row["period"]
    if kind in {"date", "year"}:
        return
    if kind in _NO_PERIOD_KINDS:
        row["period"] = ""
        return
    start, sentence, sentence_start = around.start, around.sentence, around.sentence_start
    notes, year, headings = around.notes, document.year, document.headings
    all_cues, cue_reach = document.cues, document.cue_reach
    heading_period, heading_year = (
        headings.at(start) if headings is not None and headings.starts else ("", None)
    )
    cue_index = bisect_right(document.cue_starts, start) - 1
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
    paragraph_cues = document.paragraph_cues
    review = False
    if chosen is None and paragraph_cues:
        k = bisect_right(document.paragraph_starts, start) - 1
        if k >= 0 and start < paragraph_cues[k][1] and (
            kind not in {"streak", "visits"} or paragraph_cues[k][3] or row["unit"] == "个月"
            and _MONTH_RANGE.fullmatch(all_cues[paragraph_cues[k][2]][2])) and not (
            kind == "rank" and all_cues[paragraph_cues[k][2]][2][4:6] == ".."
        ):  # a rank is held at a time, not over the years of 过去五年; a streak of months
            # in a paragraph a month range heads (今年1月至9月,…。…连续5个月…) is of that
            # range (round 18)
            review = paragraph_cues[k][3] or kind == "streak"
            head_period = all_cues[paragraph_cues[k][2]][2]
            if (review or head_period.endswith("H1") or head_period[4:5] == "-" and ".." in head_period
                    ) and _NOW.search(around.sentence_before):  # (a part of a year too: round 16)
                review = False  # 2020年是…之年。目前,全县已有…: a stock at publication
            else:
                cue_index = paragraph_cues[k][2]
                chosen = all_cues[cue_index]
    if chosen is not None and (text_period := document.text_period) and chosen[2] == text_period[0][:4] and (
            text_period[0] != chosen[2] and text_period[2] <= start < text_period[3]) and (
            document.text.startswith("今年以来", chosen[0])):
        chosen = (*chosen[:2], *text_period[:2])  # 今年以来 in a half-year text: that half (round 20)
    if kind == "duration" and row["unit"] == "周年" and year and row["value"]:
        # 2021年是…建党100周年: the anniversary falls in the year its sentence states
        now = int(chosen[2][:4]) if chosen is not None and chosen[2][:4].isdigit() else year
        chosen = (0, 0, f"{now - int(row['value'])}..{now}", "anniversary")
    elif kind in {"streak", "visits"} and not review and not _year_heads_sentence(
            chosen, document.text, sentence_start):
        # streaks, wins, visits: as published (§8), or the year a heading states
        chosen = (0, 0, str(heading_year) if heading_year else document.publication, "")
    if chosen is not None:
        pass
    elif kind == "duration" and (row["unit"] in {"分钟", "小时", "秒"} or "“" in around.before):
        chosen = (0, 0, "", "")  # rhetorical distances and times have no period
    elif sentence - 1 in document.sentence_period and _CARRY_OVER.search(
        document.text[sentence_start:start]
    ):
        chosen = (0, 0, *document.sentence_period[sentence - 1])
    if chosen is not None:
        period, cue_note = chosen[2], chosen[3]
        if period.startswith("net:"):
            previous = ""
            k = cue_index - 1
            while k >= 0 and not previous:
                if not all_cues[k][2].startswith("net:"):
                    previous = all_cues[k][2]
                k -= 1
            # 两年平均增长 with no year stated before: the years up to the heading's year or
            # the text's own year (§8, §14)
            previous = previous or (str(heading_year) if heading_year else document.publication)
            # a rank by 两年平均增速 is held when the figures before it are (2023H1; round 23)
            period = previous if kind == "rank" and previous[:4].isdigit() else _resolve_net(period, previous)
        if cue_note:
            notes.append(cue_note)
    elif kind == "duration" and row["unit"] in {"周年", "年", "载"} and row["value"]:
        if year and row["value"] >= 10:
            period = f"{year - int(row['value'])}..{year}"
        else:
            period = str(heading_year) if heading_year else document.publication
    elif heading_period and kind == "rank":
        period = str(heading_year) if heading_year else document.publication
    elif heading_period:
        period = heading_period  # 一、2023年工作回顾: the heading's period (§8)
        if kind not in {"streak", "visits", "duration"}:
            notes.append("period from the heading")
    elif year and (text_period := document.text_period) and text_period[2] <= start < text_period[3] and (
            not _NOW.search(around.sentence_before)):
        period = text_period[0]  # 上半年,全县… opening a text, a work report's review (round 16)
        if kind not in {"streak", "visits", "duration"}:
            notes.append(text_period[1])
    elif year:
        period = document.publication
        if kind not in {"streak", "visits", "duration"}:
            notes.append("status/stock at publication")
    else:
        notes.append("publication date unknown: period left empty")
    if (kind == "duration" and period.isdigit() and row["unit"] == "年" and row["value"]
            and row["value"] < 10 and _PAST_SPAN_AFTER.match(around.after)):
        # 2023年,是三年新冠疫情防控转段后…: the years before the sentence's year (round 14)
        last = int(period) - 1
        period = f"{last - int(row['value']) + 1}..{last}"
    if ".." in period and ("到" in (near := around.before[-4:] + around.after[:4]) or "至" in near):
        period = _change_end(period, around.before, around.after, notes)
    elif ".." in period and not row["unit"] and notes and notes[0][:4] == "part":
        period = _structure_change_end(period, document.text, around, notes)
    elif ".." in period and (row["measure"] == "ratio" and row["unit"] == "倍" and around.before.endswith("年的") or (
            row["measure"] == "change_abs" and "平均" in around.before[-8:])) and _YEAR_SPAN.fullmatch(period):
        # 过去五年,…是2016年的2.5倍,…比全省平均水平高9277元: a multiple of the year before the
        # span, a gap to an average, are of its last year (round 25)
        period = period[-4:]
        notes.append("at the end of the span")
    elif kind == "rank" and period.isdigit() and around.before[-1:] in {"由", "从"} and (
            "至" in around.after[:5] or "到" in around.after[:5]):
        # 由第93位跃居至第86位: the start rank is the place in the list before (round 17)
        period = str(int(period) - 1)
        notes.append("start rank: the list of the year before")
    elif kind == "rank" and period.isdigit() and around.before[-3:-2] in {"由", "从"} and (
            "至" in around.after[:5] or "到" in around.after[:5]) and around.before[-2:] in _WHOLE_AREA:
        # 由全省第48位上升到第29位: the start rank; in a paragraph of 这是…的五年 the place
        # in the list of the year before the span (round 25)
        span = _paragraph_span(document, start)
        period = str(int(span[:4]) - 1 if span else int(period) - 1)
        notes.append("start rank: the list of the year before")
    elif ".." in period and row["measure"] in _REACHED_MEASURES and _REACHED_BEFORE.search(around.before) and (
            _FLOW_BEFORE.search(around.before) is None) and _YEAR_SPAN.fullmatch(period):
        # 过去的五年,…产值突破1700亿元,…比重分别达57.5%和60%: a level reached over a span is
        # held at its end (round 20)
        period = period[-4:]
        notes.append("level reached at the end of the span")
    if period:
        document.sentence_period[sentence] = (period, "")
    row["period"] = period
