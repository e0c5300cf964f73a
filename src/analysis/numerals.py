"""Numeral parsing for the figure extractor: Chinese numerals, Arabic digits, Roman classes.

Chinese numerals are converted with :mod:`cn2an` (a maintained library), wrapped in an
``lru_cache`` because the same few numerals (两, 十三, 二十 ...) recur thousands of times.
cn2an is called in ``strict`` mode so that runs of digits that are not a number
(``一二三产业``) are refused; the cases where strict cn2an refuses a numeral the
guideline (GUIDELINE.md §5) still wants converted are overridden here:

- ``两`` alone or leading (两, 两百, 两万) — strict mode rejects it; it is 二.
- ``上百``, ``近百``, ``数百``, ``百`` — a bare 百/千/万 is "one hundred/thousand/ten thousand"
  (``上百家`` → 100, §5); cn2an rejects a bare ``百``.
- ``〇`` — cn2an strict rejects it; it is 零.
- anything with a trailing counter (``十三届``) is the caller's job: only the numeral
  characters are passed here.
"""

from __future__ import annotations

import math
from functools import lru_cache

import cn2an

#: Chinese numeral characters (digits and the small multipliers 十百千; 万/亿 are scales).
CHINESE_DIGITS = "〇零一二两三四五六七八九十百千"

#: Full-width digits and punctuation used in numbers, mapped to ASCII.
FULLWIDTH_TO_ASCII = str.maketrans("０１２３４５６７８９．，：", "0123456789.,:")

#: Roman numerals used for water-quality classes (Ⅰ-Ⅻ as single code points and ASCII).
ROMAN_VALUES = {
    "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10,
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6,
}  # fmt: skip

#: Scale words after a number (GUIDELINE.md §6: 万 ×1e4, 亿 ×1e8, 万亿 ×1e12).
SCALES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
          "十万": 1e5, "万": 1e4, "千": 1e3}  # fmt: skip


@lru_cache(maxsize=4096)
def chinese_to_number(numeral: str) -> float | None:
    """Convert a run of Chinese numeral characters to a number, or ``None``.

    ``None`` means "not a number" (``一二三``, empty), so that the caller emits no row.
    """
    if not numeral:
        return None
    text = numeral.replace("〇", "零")
    if text in {"百", "千", "万"}:
        return {"百": 100.0, "千": 1000.0, "万": 10000.0}[text]
    # 两 is 二 wherever it stands as a digit (两, 两百, 两千); cn2an strict rejects it.
    text = text.replace("两", "二")
    try:
        value = float(cn2an.cn2an(text, "strict"))
    except (ValueError, KeyError, IndexError, OverflowError):
        return None
    return value if math.isfinite(value) else None


@lru_cache(maxsize=8192)
def arabic_to_number(digits: str) -> float | None:
    """Parse an Arabic number as written (full-width digits, thousands commas allowed).

    ``None`` when it is no number or no finite float64 (a 400-digit run is ``inf`` to
    ``float``): every number read must be finite or refused.
    """
    plain = digits.translate(FULLWIDTH_TO_ASCII).replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
