"""Periods of changes over a span of years (§8, §14): the start and end values of
``由X增加到Y`` under a multi-year span, levels reached at a span's end, averages and totals
from a stated base year, a change up to the end of ``从…到2023年的…``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.extract.context import _Around, _Document

#: 开放之初, 改革开放初期: the year reform and opening began.
_REFORM_START = 1978


#: 由68家增加到236家 over 过去五年 (2016..2020): the start value is of the year before
#: the span, the end value of its last year (§8, §14).
_YEAR_SPAN = re.compile(r"([0-9]{4})\.\.([0-9]{4})")
_FROM_BEFORE = re.compile(r"(?:由|从)$")
_CHANGE_TO_AFTER = re.compile(r"^(?:(?:增加|增长|提高|提升|上升|扩大|下降|减少|缩小|降低|发展|跃升|调整)?[到至]"
                               r"|(?:调整|优化|转变|变化|变)为)")  # 由19.6∶40.9∶39.5调整为… (round 25)
_CHANGE_TO_BEFORE = re.compile(r"(?:由|从)[^,，;；。]{1,20}?(?:(?:增加|增长|提高|提升|上升|扩大|下降|减少|缩小|降低|发展|跃升|"
                               r"调整)?[到至]|(?:调整|优化|转变|变化|变)为)$")


#: A level or share reached (达, 突破, 超) under a span: of the span's last year (round 20).
_REACHED_MEASURES = frozenset({"level", "share_pct"})
_REACHED_BEFORE = re.compile(r"(?:达到?|突破|超过?)[^,，;；。达突超]{0,12}$")
_FLOW_BEFORE = re.compile(r"累计|新增|共计|完成|实现")


def _change_end(period: str, before: str, after: str, notes: list[str]) -> str:
    """The period of either end of a change over a span (由X增加到Y), else ``period``."""
    span = _YEAR_SPAN.fullmatch(period)
    if span is None:
        return period
    if _FROM_BEFORE.search(before) and _CHANGE_TO_AFTER.match(after):
        notes.append("start value (由…到)")
        return str(int(span.group(1)) - 1)
    if _CHANGE_TO_BEFORE.search(before):
        notes.append("end value (由…到)")
        return span.group(2)
    return period


_STRUCTURE_NOTE = "part of the structure "


def _structure_change_end(period: str, text: str, around: _Around, notes: list[str]) -> str:
    """A part of a structure changed over a span (``三产结构比由19.6∶40.9∶39.5调整为
    9.5∶47.9∶42.6`` under 这是…的五年 or 过去五年): :func:`_change_end` read around the whole
    structure, not the part (round 25)."""
    written = notes[0][len(_STRUCTURE_NOTE):] if notes and notes[0].startswith(_STRUCTURE_NOTE) else ""
    first = text.find(written, max(around.sentence_start, around.start - len(written)), around.end + len(written))
    if not written or first < 0:
        return period
    last = first + len(written)
    return _change_end(period, text[around.sentence_start : first], text[last : last + 8], notes)


#: 年均增长, 新增, 累计 after a base year stated earlier in the sentence (由2015年…,
#: 是2015年的1.4倍; 比2015年净增 keeps the figure's year): the years from the base to the
#: figure's year (§8, §14).
_OVER_YEARS = re.compile(r"(?:年均(?:增长|增幅|增速|提高|下降)?|新增|累计)[^,，;；。]{0,4}$")
_BASE_YEAR_STATED = re.compile(r"(?:由|从|是)(?:([0-9]{4})年|(?:改革)?开放(?:之初|初期))")


def _adjust_period(row: dict, around: _Around, document: _Document) -> None:
    """Three period rules applied after :func:`_decide_period` (§8, §14).

    A rank dated by a span (五年来…跃居第43位: ``2016..2020``) is held at the span's last
    year (``2020``), a target excepted. A change right after ``从…到2023年的…`` is of that
    end year (:func:`_change_end_year`). An average or an addition whose sentence states a
    base year (``是2015年的1.4倍,年均增长6.3%`` dated 2020) spans the years after the base
    up to the figure's year (``2016..2020``) when they are two or more.
    """
    period = row["period"]
    if ".." in period:
        if row["kind"] == "rank" and row["measure"] != "target" and period[-4:].isdigit():
            row["period"] = period[-4:]
        return
    if row["kind"] == "rank" and "《" in around.sentence_before and (
            named := _NAMED_LIST_YEAR.search(around.sentence_before)):
        row["period"] = named.group(1)  # 入选《2021年…百强县》榜单,并且位居第27: the list's year
        around.notes.append(f"ranked in a list of {named.group(1)}")
        return
    before = around.before
    if len(period) == 4 and row["measure"] in {"growth_pct", "ratio", "change_abs"} and (
            "增" in before or "提高" in before) and _CHANGE_WORD_BEFORE.search(before):
        period = _change_end_year(row, around, document) or period
    if len(period) != 4 or not ("年均" in before or "新增" in before or "累计" in before) or (
            not _OVER_YEARS.search(before)) or not period.isdigit():
        return
    stated = [found or str(_REFORM_START) for found in _BASE_YEAR_STATED.findall(
        document.text, around.sentence_start, around.start)]  # 从开放之初的329元: 1978
    if stated and int(period) - int(stated[-1]) >= 2:
        row["period"] = f"{int(stated[-1]) + 1}..{period}"
        around.notes.append(f"over the years after the base year {stated[-1]}")


#: A rank after a list named with its year in the sentence (《2021年中国投资潜力百强县》榜单,
#: 并且位居第27): of the list's year, not of the date it was published (round 22).
_NAMED_LIST_YEAR = re.compile(r"《([0-9]{4})年[^》]{0,30}》[^。《》]{0,12}$")
#: A change right after the end of 从…到2023年的… (…增至2023年的1550公里,增长30倍).
_CHANGE_WORD_BEFORE = re.compile(r"(?:年均)?(?:增长|增加|提高)了?\s*$")
_END_OF_SPAN = re.compile(r"(?:到|至)([0-9]{4})年的?[^,，;；。0-9]{0,3}[0-9][^,，;；。]{0,16}[,，]\s*$")


def _change_end_year(row: dict, around: _Around, document: _Document) -> str:
    """The end year of a change stated in the clause before (``从1978年的50公里增至2023年的
    1550公里,增长30倍``, ``从开放之初的300元到2023年的120000元,年均增长14.2%``): the
    change is of that year, an average over the years after its base up to it (§8,
    round 15); ``""`` when the clause before ends no 由/从…到 span."""
    text, clause_start = document.text, around.clause_start
    head = text[around.sentence_start : clause_start]
    if "从" not in head and "由" not in head:
        return ""
    end = _END_OF_SPAN.search(text, max(around.sentence_start, clause_start - 40), clause_start)
    if end is None:
        return ""
    row["period"] = end.group(1)
    around.notes.append(f"change up to {end.group(1)}")
    return end.group(1)
