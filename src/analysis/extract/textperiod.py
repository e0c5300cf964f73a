"""The period of a whole text's undated figures, where it is not the publication year
(§8, §14 round 16): a text opening with a part of a year, a spring work report's review;
and the title figures that restate a figure below (rounds 11, 14, 15).
"""

from __future__ import annotations

import re

from analysis.extract.periods import (
    _ANY_STATED_YEAR,
    _CUE_HEAD_PREFIX,
    _MONTH_RANGE,
    _OPENING_LINES,
)
from analysis.extract.textindex import _clean

_WORK_REPORT_TITLE = "政府工作报告"
_TITLE_COMMA = re.compile(r"[,，。;；]")


def _text_period(text: str, year: int | None, month: int | None,
                 cues: list[tuple[int, int, str, str]]) -> tuple[str, str, int, int] | None:
    """The period of a text's figures that no cue, paragraph or heading dates, instead of
    the publication year, as ``(period, note, from, to)`` (positions; §8, round 16), or None.

    A text opening with a part of a year (``上半年,在县委…`` in its first two non-empty lines,
    heading its line) is about that part: its undated figures are of it, as a text opening
    with its year is about that year (§14). A government work report (its title, a line
    without a comma, in the first three non-empty lines) published from January to April
    reviews the year before: its figures after the title and before the first year or 今年
    it states (an excerpt starting inside the review, ``…隐患15217项…。过去一年,…``) are of
    that year, as its 过去五年 ends there (§14, round 8).
    """
    if not year:
        return None
    head_end, lines = 0, 0
    while lines < _OPENING_LINES + 1 and head_end < len(text):
        line_end = text.find("\n", head_end)
        line_end = len(text) if line_end < 0 else line_end
        if text[head_end:line_end].strip():
            lines += 1
            for cue_start, _cue_end, cue_period, _note in cues:
                if cue_start >= line_end or lines > _OPENING_LINES:
                    break
                if cue_start >= head_end and (cue_period.endswith("H1") or _MONTH_RANGE.fullmatch(
                        cue_period)) and (_CUE_HEAD_PREFIX.fullmatch(_clean(text[head_end:cue_start]))
                                          or _heads_sentence_after_lead(text, head_end, cue_start)):
                    word = text[cue_start:_cue_end]
                    return cue_period, f"{word}: the period the text opens with", 0, len(text)
            if _WORK_REPORT_TITLE in text[head_end:line_end] and month is not None and month <= 4 and (
                    _TITLE_COMMA.search(text, head_end, line_end) is None):
                stated = _ANY_STATED_YEAR.search(text)
                until = min(stated.start() if stated else len(text),
                            position if (position := text.find("今年")) >= 0 else len(text))
                return str(year - 1), f"the year {year - 1} the work report reviews", line_end, until
        head_end = line_end + 1
    return None


#: The end of a lead's sentence before the part of a year that heads the next (round 20).
_LEAD_SENTENCE_END = re.compile(r"[。!！?？…]")


def _heads_sentence_after_lead(text: str, line_start: int, cue_start: int) -> bool:
    """Whether a part of a year heads a later sentence of an opening line, no year stated
    before it in the text (``GDP达475亿,增长7.2%,……上半年,邗江经济…``): the lead's figures are of that
    part too, as the text is about it (§8, round 20)."""
    lead = text[line_start:cue_start]
    ends = list(_LEAD_SENTENCE_END.finditer(lead))
    return bool(ends) and _CUE_HEAD_PREFIX.fullmatch(_clean(lead[ends[-1].end():])) is not None and (
        _ANY_STATED_YEAR.search(text, 0, cue_start) is None)


_TITLE_REACH = 160
#: Headline figures restating one below: amounts, rates (增长9.1%!…“年中交卷”, round 14) and
#: multiples (增长45倍, round 15).
_HEADLINE_KINDS = frozenset({"quantity", "percent"})
_HEADLINE_MEASURES = frozenset({"level", "growth_pct", "ratio"})
#: A second title line (a subtitle) is at most this long (round 15).
_SUBTITLE_REACH = 40
_HEADLINE_NUMBER = re.compile(r"[0-9０-９]+(?:[.．]([0-9０-９]+))?")


def _date_headline(rows: list[dict], text: str) -> None:
    """An amount in a text's title line dated only by publication (``人口194万 GDP…959亿元``)
    that rounds a figure stated below (户籍人口194.36万人, 959.70亿元) is that figure
    restated: it takes its period, subject and dimension (§8, round 11); a growth rate
    (``增长9.1%!…“年中交卷”`` over ``同比增长9.1%``, round 14) and a multiple (增长45倍,
    round 15) too. Only the rows of the first line, or of a short second line under a first
    line without 。 (a title in two lines), are compared, each with the rows after them."""
    line_end = text.find("\n")
    if line_end < 0 or line_end > _TITLE_REACH or not rows or rows[0]["start"] >= line_end:
        return  # no title line (a text in one line, or a long first paragraph)
    second_end = text.find("\n", line_end + 1)
    if "。" not in text[:line_end] and 0 < second_end - line_end <= _SUBTITLE_REACH:
        line_end = second_end  # a title in two short lines (…增长4850倍⏎公路里程数增长45倍, round 15)
    for row in rows:
        if row["start"] >= line_end:
            break
        if row["kind"] not in _HEADLINE_KINDS or row.get("measure") not in _HEADLINE_MEASURES or (
                row.get("is_indicator") != "yes") or row["value_base"] is None or (
                "status/stock at publication" not in row["note"]):
            continue
        digits = _HEADLINE_NUMBER.search(row["surface"])
        decimals = len(digits.group(1)) if digits and digits.group(1) else 0
        scale = row["value_base"] / row["value"] if row["value"] else 1.0
        step = scale * 10.0 ** -decimals
        for later in rows:
            if later["start"] >= line_end and later["kind"] == row["kind"] and (
                later["base_unit"] == row["base_unit"] and later["value_base"] is not None
                and later.get("measure") == row["measure"] and later["period"]
                and abs(later["value_base"] - row["value_base"]) < step
            ):
                row["period"], row["subject"] = later["period"], later["subject"]
                row["dimension"] = later["dimension"]
                row["note"] = row["note"].replace(
                    "status/stock at publication", f"headline rounding {later['surface']}")
                break
