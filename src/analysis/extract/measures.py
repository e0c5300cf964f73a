"""Measures (§7): the step that decides ``measure`` (growth, share, change, target) from
the words around a figure, signs declines (§6) and notes a growth rate's base year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.extract.periods import _LAST_YEAR_IN_PARAGRAPH, _YEAR_BEGUN
from analysis.extract.textindex import _clean

if TYPE_CHECKING:
    from analysis.extract.context import _Around, _Document


#: Cues of a goal (§7 target). 计划 naming a programme (重点研发计划项目, 海外人才计划, 火炬
#: 计划) is no cue (round 12).
_TARGET_CUE = re.compile(
    r"确保|力争|冲刺|计划(?!项目)(?<!研发计划)(?<!人才计划)(?<!引才计划)(?<!英才计划)(?<!双创计划)"
    r"(?<!火炬计划)(?<!星火计划)|目标(?<!完成目标)(?<!完成年度目标)(?!的|管理)|争创|力求|将(?!近)|要(?<![主重需只]要)(?![素点])|巩固|打造"
)  # lookbehinds after the word: every alternative opens with a literal (a fast scan)
#: A goal cue opening the sentence (今年，昆山将力争…) covers every figure of it (§7).
_SENTENCE_HEAD_TARGET = re.compile(r"^[^。]{0,12}?(?:将力争|力争|(?<!在)确保|预期目标|主要目标)")
_GROWTH_CUE = re.compile(r"(增长(?!面)|增幅|增速|同比|环比|年均增|提升|上升|上涨|提高|下降|下跌|减少|回落|降低|减低|增加(?!值))[^,，;；。]{0,12}$")
#: 对经济增长的贡献率, 占GDP的比重 after a growth word: a share, not growth (§7, §14).
_SHARE_AFTER_GROWTH = re.compile(r"^的?[^,，;；。]{0,4}?(?:贡献率|比重|占比|占)")
_DECLINE_CUE = re.compile(r"(下降|下跌|减少|回落|降低|减低|下滑|缩减|削减|减小|(?<!水土)流失)[^,，;；。]{0,10}$")
_SHARE_CUE = re.compile(r"占|比重|比例|完整度|占有率|覆盖率|达标率|优良率|合格率|率")
_BASE_YEAR = re.compile(r"(?:比|较|同比|相比|对比)([0-9]{4})年")
_GROWTH_AFTER = re.compile(r"(?:以上|左右)?的?(?:增长|增速|增幅)")
_GROWTH_WORD = re.compile(r"增长(?!面)|同比|增幅")
_NET_CHANGE = re.compile(
    r"净增[^,，;；。0-9０-９]{0,8}$|(?:增加(?![值到至])|减少(?![到至]))[^,，;；。]{0,4}$|削减[^,，;；。到至]{0,8}$"
    r"|(?:提高|提升|下降|降低|减低)了?$|(?<!水土)流失了?$"
    # 比上年多增108人, 比全省平均水平高9277元: a change, a gap to an average (round 25)
    r"|多增[^,，;；。0-9]{0,4}$|平均(?:水平|值)?[高低]出?了?$"
)
#: 价格指数为102.9%: a price index written with %, a level (round 24).
_INDEX_IS = re.compile(r"指数(?:为|是|达到?)?[\*]*$")
#: 减少 before the subject of the amount (减税减少一般公共预算收入1.3亿元): the amount is
#: the decrease, a negative change (§6, §7; round 11). 减少到/至 states the level reached.
_DECREASE_OF = re.compile(r"减少(?![到至了])[^,，;；。、0-9０-９到至]{2,20}$")
#: A comparison base before 净增 (比上年净增86家): the change against it (§7 change_abs);
#: without one, 净增…家 counts the things added in the period (§7 count).
_CHANGE_BASE = re.compile(r"[比较]|同比")
#: 超出全市平均11.4%, 高于全省平均水平2%: the gap to an average, written in % (round 21).
_GAP_TO_AVERAGE = re.compile(r"(?:高出|超出|高于|低于|快于|慢于)(?:全国|全省|全市|全区|全县)?平均(?:水平|值)?[\*]*$")
#: 高出市定目标1.0个百分点, 超出目标: the gap of a result to its goal, no goal (round 16).
_GAP_TO_GOAL = re.compile(r"(?:高出|超出|高于|超过|低于|快于|慢于)[^,，;；。0-9]{0,8}?目标")
#: A goal stated as met (实现稳产目标, 完成年度目标): achieved, not a target (§7).
_ACHIEVED_GOAL = re.compile(r"(?:实现|完成|达到|达成|超额完成)[^,，;；。]{0,8}目标")
#: 今后五年, 未来五年 heading a sentence: its figures are goals (§7, §14).
_FUTURE_SPAN = re.compile(r"(?:未来|今后)的?[两二三四五六七八九十]{1,3}年")
#: 预计 before a rank: the rank expected, a target (§7).
_EXPECTED = "预计"
#: 提高到41.3%, 下降至2%: the level reached, not the change (§7).
#: 城乡居民收入比为1.89, 性别比为105.2: a ratio written without :1 (not 比上年, 相比).
_RATIO_WORD_BEFORE = re.compile(r"(?<![上同相对较])比值?(?:为|是|达到?)?$|汇率(?:为|是|约|达)?[:：]?$")
_REACHED_TO = re.compile(r"(?:提高|提升|上升|增长|增加|下降|降低|减少|回落)[到至]$")
_SENTENCE_TARGET = re.compile(r"确保(?<!在确保)|力争|冲刺|到今年年底|目标(?<!完成目标)(?<!完成年度目标)(?!的|管理)")
#: 力争/确保 earlier in the sentence covers the figures after it, across ; (§7).
_GOAL_VERB = re.compile(r"(?<![^,，;；:：、。!！?？\n将要并须力])(?:力争|确保(?!了))")  # not 在确保…的同时
#: A goal stated at the head of a sentence covers the list after it (主要预期目标是:…).
#: 计划 opening a clause (…,全年计划实施…, 计划全年新签约…): goals to the end of the sentence.
_PLAN_CLAUSE = re.compile(r"(?:^|(?<=[,，;；:：。!！?？\n]))(?:全年|今年|明年|年内)?计划(?![的内外])")
_HEAD_TARGET = re.compile(r"预期目标|主要目标|目标是|目标任务是|力争到|到20[0-9]{2}年")
_ACHIEVED = re.compile(r"已|实现了|达到了|打造了")  # 打造了…2个千亿级产业集群: done (round 14)
#: Every word one of the goal cues above needs (each of _TARGET_CUE, _HEAD_TARGET,
#: _SENTENCE_TARGET, _GOAL_VERB, _PLAN_CLAUSE, _FUTURE_SPAN and 预计 holds one of them):
#: before a figure without any of them no cue can match, so :func:`_is_target` looks no
#: further than the sentence head and the plan sections. A new goal cue adds its word here.
_GOAL_WORD = re.compile(
    r"确保|力争|冲刺|计划|目标|争创|力求|将|要|巩固|打造|到20|到今年年底|预计|今后|未来"
)


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


def _decide_measure(row: dict, around: _Around, document: _Document) -> None:
    """``measure`` (§7), the sign of a decline (§6) and the base of a growth rate (§12)."""
    kind, measure = row["kind"], row["measure"]
    before, notes = around.before, around.notes
    if "fixed_measure" in row:
        measure = row["fixed_measure"]
    elif kind == "percent" and row["unit"] == "‰":
        measure = "share_pct"  # 出生率5.2‰, 自然增长率-1.6‰: rates per thousand, not growth
    elif kind == "percent" and "平均" in before[-8:] and _GAP_TO_AVERAGE.search(before[-12:]):
        measure = "change_abs"  # 超出全市平均11.4%: the gap to an average (round 21)
    elif kind == "percent" and "指数" in before[-8:] and _INDEX_IS.search(before[-8:]):
        measure = "level"  # 居民消费价格总指数为102.9%: an index (previous year = 100) in % (round 24)
    elif kind == "percent":
        growth = _GROWTH_CUE.search(before[-16:])
        if growth and _SHARE_AFTER_GROWTH.search(before[-16:][growth.end(1) :]):
            growth = None  # 三次产业对经济增长的贡献率分别为…: shares of the growth
            measure = "share_pct"
        elif growth and _REACHED_TO.search(before.rstrip("*")[-4:]):
            measure = "share_pct"  # 覆盖率提高到30.2%: the share reached (§7)
        elif _SHARE_CUE.search(before[-8:]) and not growth:
            measure = "share_pct"
        elif growth or _GROWTH_WORD.search(before) or _GROWTH_AFTER.match(around.clean_after):
            measure = "growth_pct"  # …, 保持30％以上的增长
        else:
            measure = "share_pct"
    elif measure in {"level", "count"} and (net := _NET_CHANGE.search(before.rstrip(" ")[-10:])):
        if not (measure == "count" and net.group(0).startswith("净增")
                and not _CHANGE_BASE.search(around.clean_before)):
            measure = "change_abs"  # but 净增市场主体1200家 is a count (§7)
    elif measure == "level" and "减少" in before and _DECREASE_OF.search(before[-24:]):
        measure = "change_abs"  # 减税减少一般公共预算收入1.3亿元: a decrease of a subject (§6)
        if row["value_base"] is not None:
            row["value_base"] = -abs(row["value_base"])
            notes.append("decline")
    elif measure == "level" and not row["unit"] and _RATIO_WORD_BEFORE.search(before[-6:]):
        measure, row["base_unit"] = "ratio", "ratio"  # 城乡居民收入比为1.89 (§6, §7 ratio)
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
    if kind in {"quantity", "percent", "rank"} and measure != "other" and (_is_target(
        measure, around, document
    ) or _in_quoted_goal(document.text, around)):
        measure = "target"
        notes.append("target")
    row["measure"] = measure
    if measure in {"growth_pct", "change_abs"}:  # base-year growth (§7 growth_pct, §12)
        base = _BASE_YEAR.search(around.sentence_before[-30:])
        if base:
            notes.append(f"base is {base.group(1)}")


def _in_quoted_goal(text: str, around: _Around) -> bool:
    """A figure inside a quoted goal (``围绕“…全市居首位、工业销售收入突破1200亿元”目标``):
    the quotation closed by ``”目标`` names the goal, its figures are targets (§7, round 22)."""
    end = around.end
    close = text.find("”目", end, end + 40)
    if close < 0 or text[close + 2 : close + 3] not in {"标", "標"}:
        return False
    opening = text.rfind("“", around.sentence_start, around.start)
    return opening >= 0 and "”" not in text[opening : around.start] and (
        "“" not in text[end:close] and "。" not in text[end:close])


def _is_target(measure: str, around: _Around, document: _Document) -> bool:
    """A goal (§7 target): a cue in the clause, a goal heading the sentence, or a 确保/力争
    earlier in the sentence (not for growth rates, which state results), a plan clause or
    a plan section."""
    text, start, sentence_start = document.text, around.start, around.sentence_start
    headings = document.headings
    reach = start - 120  # how far back a goal cue reaches
    goal_from = reach if reach > sentence_start else sentence_start
    if _GOAL_WORD.search(text, goal_from, start) is None:
        # no goal word from goal_from on (every window below lies there): only the
        # sentence head and a plan section can make it a goal
        return not _ACHIEVED.search(around.before) and (
            _sentence_head_target(text, sentence_start, document.head_targets)
            or (headings is not None and bool(headings.plan_starts) and headings.in_plan(start)
                and not _LAST_YEAR_IN_PARAGRAPH.search(around.sentence_before)))
    before, sentence_before = around.before, around.sentence_before[-30:]
    if "目标" in sentence_before and _GAP_TO_GOAL.search(sentence_before):
        # GDP增速高出市定目标1.0个百分点: a result against its goal (round 16)
        before = _GAP_TO_GOAL.sub("", before)
        sentence_before = _GAP_TO_GOAL.sub("", sentence_before)
    if "目标" in sentence_before and _ACHIEVED_GOAL.search(sentence_before):
        before = _ACHIEVED_GOAL.sub("", before)  # 实现稳产目标: a goal met
        sentence_before = _ACHIEVED_GOAL.sub("", sentence_before)
    if measure == "rank" and _EXPECTED in sentence_before:
        return True  # 预计全年…位居全市第一: the rank expected
    if ("今后" in around.sentence_before or "未来" in around.sentence_before) and _FUTURE_SPAN.search(
        text, sentence_start, start
    ):
        return True  # 今后五年,…年均增长7%左右: the goals of the years ahead (§14)
    return not _ACHIEVED.search(before) and bool(
        _TARGET_CUE.search(before)
        or _has_head_target(text[goal_from:start], document.year)
        or (measure != "growth_pct" and (_SENTENCE_TARGET.search(sentence_before) or (
            (text.find("力争", goal_from, start) >= 0
             or text.find("确保", goal_from, start) >= 0)
            and _GOAL_VERB.search(text, goal_from, start))))
        or _sentence_head_target(text, sentence_start, document.head_targets)
        or (text.find("计划", goal_from, start) >= 0
            and _PLAN_CLAUSE.search(text, goal_from, start))
        or (headings is not None and headings.plan_starts and headings.in_plan(start)
            and not _LAST_YEAR_IN_PARAGRAPH.search(around.sentence_before))
    )


def _goal_of_year_begun(row: dict, notes: list[str]) -> None:
    """A figure of 全年/年内 in a text of the year's first quarter (a January report:
    ``全年引进项目60个以上``, ``年内开票销售突破2000亿元``): the year has hardly begun, so
    the figure is its goal (§7 target, round 13). Runs after :func:`_decide_period`,
    whose cue note marks such a 全年."""
    if row["measure"] in {"level", "count", "growth_pct", "share_pct"} and row["kind"] in {
            "quantity", "percent"} and any(_YEAR_BEGUN in note for note in notes):
        row["measure"] = "target"
        notes.append("target")
