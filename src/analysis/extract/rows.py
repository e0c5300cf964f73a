"""A figure's row before its context is decided, and the reading of its numeral.

Every handler of :mod:`analysis.extract.numbers` and :mod:`analysis.extract.dates` makes
its rows with :func:`_row`; the numerals (Arabic, wrapped over lines, or Chinese) are read
by :func:`_number`.
"""

from __future__ import annotations

import math
import re

from analysis.extract.patterns import _DIGIT_CHARS, _NUM
from analysis.numerals import arabic_to_number, chinese_to_number

#: A year written right before (2023年): dates and periods read it.
_YEAR_BEFORE = re.compile(r"([0-9]{4})年$")


def _month_span(year: int | None, first: int, last: int) -> str:
    if year is None:
        return ""
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}..{year}-{last:02d}"


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
    """A figure before context is added. ``kind`` drives period, indicator and subject.

    A value or base that is no finite number (``9…9亿元`` with 400 digits overflows) makes
    the row a code without value: the digits keep their row (§2), no ``inf`` is written.
    """
    if value is not None and not math.isfinite(value) or value_base is not None and not (
        math.isfinite(value_base)
    ):
        value, value_base, base_unit, measure, kind, period = None, None, "", "other", "code", ""
        note = "number too large to read as a value"
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


def _bare_numbers(text: str, start: int, end: int) -> list[dict]:
    """Fallback: each Arabic number inside ``text[start:end]`` as a plain 'other' row (§2)."""
    rows = []
    for part in re.finditer(_NUM, text[start:end]):
        s = start + part.start()
        value = arabic_to_number(part.group(0))
        rows.append(_row(s, s + len(part.group(0)), value, "", None, "", "other", "label"))
    return rows
