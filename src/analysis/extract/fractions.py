"""Fractions written with a slash (``占到全省的1/3``): one share row (§5, GUIDELINE §14
round 22), read by :func:`analysis.extract.numbers._qty`."""

from __future__ import annotations

import re

from analysis.extract.rows import _row

_SLASHES = frozenset("/／")
_SLASH_DENOMINATOR = re.compile(r"[/／]([0-9]{1,3})(?![0-9./／])")


def _slash_fraction(text: str, start: int, end: int, numeral: str) -> list[dict] | None:
    """占全省的1/3: a fraction written with a slash after 占 is one share (value a/b, base
    a/b × 100 %; round 22); its denominator is no row of its own. None when not one."""
    char_before = text[start - 1 : start]
    if "占" not in text[max(0, start - 14) : start]:
        return None
    if char_before in _SLASHES:  # the denominator, read with its numerator
        numerator = re.search(r"(?<![0-9.])([0-9]{1,3})[/／]$", text[max(0, start - 5) : start])
        proper = numerator is not None and numeral.isdigit() and 0 < int(numerator.group(1)) < int(numeral)
        return [] if proper else None
    denominator = _SLASH_DENOMINATOR.match(text, end)
    if denominator is None or not numeral.isdigit() or not 0 < int(numeral) < int(denominator.group(1)):
        return None
    share = int(numeral) / int(denominator.group(1))
    return [_row(start, denominator.end(), share, "", share * 100, "%", "share_pct", "percent",
                 note=f"fraction {text[start : denominator.end()]} written with a slash")]

