"""The period of a whole text's undated figures, where it is not the publication year
(§8, §14 round 16): a text opening with a part of a year, a spring work report's review.
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
                        cue_period)) and _CUE_HEAD_PREFIX.fullmatch(_clean(text[head_end:cue_start])):
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
