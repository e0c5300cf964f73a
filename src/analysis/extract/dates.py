"""Dates written in the texts: full dates, months, month and year ranges (§5, §8).

Each handler takes the pattern's match and returns the date's row (value empty, unit 日期
or 月份, period the date or span); :data:`analysis.extract.numbers._HANDLERS` names them.
"""

from __future__ import annotations

import re

from analysis.extract.rows import _YEAR_BEFORE, _bare_numbers, _month_span, _row
from analysis.numerals import arabic_to_number

#: Precompiled forms of patterns the handlers use per match (``re.findall(pattern, …)``
#: would look the compiled pattern up in ``re``'s cache every time).
_DIGIT_RUN = re.compile(r"[0-9０-９]+")
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


def _date_y_range(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2016-2018年: a year range sharing one 年; one date row, period ``2016..2018``
    (§4, §5, as a month range ``1—11月``; round 11)."""
    first, last = (int(arabic_to_number(x)) for x in _DIGIT_RUN.findall(match.group(0))[:2])
    if not 1900 <= first < last <= 2100:
        return _bare_numbers(text, start, end - 1)  # 2018-2016年: no range, two numbers
    return [_row(start, end, None, "日期", None, "", "other", "date", f"{first}..{last}")]


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


#: 在2020年发布的12月: the year of a month named before it with 的 (round 22).
_YEAR_OF_MONTH_BEFORE = re.compile(r"([0-9]{4})年(?:发布|公布|举办|召开)?的$")


def _date_month(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """今年8月: one month (§8)."""
    month = int(arabic_to_number(_DIGIT_RUN.match(match.group(0)).group(0)))
    if not 1 <= month <= 12:
        return _bare_numbers(text, start, end)
    explicit = _YEAR_BEFORE.search(text[max(0, start - 5) : start])
    if explicit is None and text[start - 1 : start] == "的":
        explicit = _YEAR_OF_MONTH_BEFORE.search(text, max(0, start - 9), start)  # 2020年发布的12月
    span_year = int(explicit.group(1)) if explicit else year
    if not explicit and year and text.endswith("去年", 0, start):
        span_year = year - 1  # 从去年2月份以来: a month of the year before publication (round 17)
    note = "" if span_year else "publication date unknown: year not resolved"
    return [_row(start, end, None, "日期", None, "", "other", "date",
                 _month_span(span_year, month, month), note)]
