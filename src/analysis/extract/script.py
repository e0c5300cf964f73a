"""Reading a text in either script: traditional characters and injected romanisation.

The rules of the other modules are written for simplified characters. A text in
traditional script (``地區生產總值812.3億元，增長6.5%``) is read through OpenCC's
``t2s`` conversion (https://github.com/BYVoid/OpenCC, the ``opencc`` package), which
maps character for character, so every position of the converted text is the position
of the same character in the original; the rare phrase conversion that would change the
length is undone line by line, then character by character (each character converted
alone keeps its position).

Some mirrors of bulletins inject the romanisation of a character in brackets right after
it (``網(wǎng)``, ``區(qū)``). :func:`readable_text` removes those brackets and returns, with
the cleaned text, the map of every cleaned position back to its original position, so
that the rows' spans, surfaces and quotes are taken from the text as written
(:func:`origin_span`).

Detection is cheap and comes first: a simplified text without a bracketed romanisation is
returned as it is (no copy, no map), so the speed of the common case does not change.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from analysis.extract.patterns import ARABIC_UNITS
from analysis.extract.textindex import _CHAR_FLAGS, _FLAG_OPEN, _char_flags

#: A romanisation injected after a CJK character: one or more pinyin syllables (lower
#: case, tone marks or tone digits allowed) in half- or full-width brackets.
_PINYIN_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?"
    r"[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?[1-5]?"
)
_BRACKETED_PINYIN = re.compile(
    rf"[(（]{_PINYIN_SYLLABLE}(?:[ \u00a0]{_PINYIN_SYLLABLE}){{0,3}}[)）]"
)


#: A middle dot between digits (医疗保健类价格上涨1·8%) is a decimal point.
_DOT_DECIMAL = re.compile(r"(?<=[0-9])·(?=[0-9])")


def romanisations(text: str) -> list[tuple[int, int]]:
    """The spans of the bracketed romanisations of ``text`` that follow a CJK character
    (:func:`_injected_romanisations` on the text's own flags)."""
    return _injected_romanisations(text, _char_flags(text))


@lru_cache(maxsize=1)
def _converter():
    """OpenCC's traditional → simplified converter, built once."""
    import opencc

    return opencc.OpenCC("t2s")


#: The flag bit of a traditional character in :data:`~analysis.extract.textindex._CHAR_FLAGS`
#: (the other bits are the text index's).
_FLAG_TRADITIONAL = 128
#: A bracket opening a romanisation: the cheap test before :data:`ROMANISATION`.
_ROMANISATION_START = re.compile("[(（][a-z\u00fc\u0101-\u01dc]")


@lru_cache(maxsize=1)
def _mark_traditional_characters() -> int:
    """Flag every CJK character OpenCC's ``t2s`` changes (found once, by converting the
    CJK blocks character by character); returns how many there are."""
    characters = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    converted = _converter().convert("\n".join(characters)).split("\n")
    changed = [ord(c) for c, s in zip(characters, converted, strict=True) if c != s and len(s) == 1]
    _CHAR_FLAGS[np.array(changed, dtype=np.int64)] |= _FLAG_TRADITIONAL
    return len(changed)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of the same length, position for position.

    OpenCC's phrase conversion keeps the length for nearly every phrase; where a line's
    conversion does not, that line is converted character by character.
    """
    converter = _converter()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        simple = converter.convert(line)
        if len(simple) != len(line):
            simple = "".join(
                s if len(s := converter.convert(c)) == 1 else c for c in line
            )
        lines.append(simple)
    return "\n".join(lines)


def _injected_romanisations(text: str, flags: np.ndarray) -> list[tuple[int, int]]:
    """:func:`romanisations` of ``text`` when some bracket of it opens with a letter of
    :data:`_ROMANISATION_START`, else none (a text without romanisation is left as it is).

    The brackets are found in ``flags`` (the text's
    :func:`~analysis.extract.textindex._char_flags`), so the text is not scanned again;
    the pattern is tried at each opening bracket only (its matches hold no bracket, so
    they are those ``finditer`` gives).
    """
    opening = np.flatnonzero(flags & _FLAG_OPEN).tolist()
    if not any(_ROMANISATION_START.match(text, position) for position in opening):
        return []
    return [found.span() for position in opening
            if (found := _BRACKETED_PINYIN.match(text, position)) is not None
            and position > 0 and "\u3400" <= text[position - 1] <= "\u9fff"]


def readable_text(text: str) -> tuple[str, np.ndarray | None, np.ndarray]:
    """The text the rules read, the map back to ``text`` (None when nothing was removed)
    and the :func:`~analysis.extract.textindex._char_flags` of the text returned.

    Bracketed romanisation after a character is removed; traditional characters are
    converted to simplified ones. When anything was removed, ``origin[i]`` is the
    position in ``text`` of position ``i`` of the returned text (``origin`` has one more
    entry, ``len(text)``, for span ends). Traditional characters are found with the same
    table lookup as the text index's punctuation, so the check costs a pass of numpy.
    """
    origin = None
    if "·" in text:  # 1·8%: a decimal point written as a middle dot (§14), same length
        text = _DOT_DECIMAL.sub(".", text)
    _mark_traditional_characters()
    flags = _char_flags(text)
    spans = _injected_romanisations(text, flags)
    if spans and "?" in text:
        text, spans = _lost_characters(text, spans)
        flags = _char_flags(text)  # a lost character's placeholder ends no clause
    if not spans and " " in text:
        spans = _pdf_spaces(text)
    if spans:
        keep = np.ones(len(text) + 1, dtype=bool)
        pieces = []
        last = 0
        for start, end in spans:
            pieces.append(text[last:start])
            keep[start:end] = False
            last = end
        pieces.append(text[last:])
        origin = np.flatnonzero(keep)
        text = "".join(pieces)
        flags = flags[origin[:-1]]  # the same characters: their flags, no second pass
    if flags.max(initial=0) >= _FLAG_TRADITIONAL:  # the highest bit: one pass, no temporary
        text = to_simplified(text)
        flags = _char_flags(text)
    return text, origin, flags


#: A number and its unit with a space between (``34168 元``, ``2021 年``, ``9. 1%``): the mark
#: of a text copied from a PDF, which spaces every number off the words around it.
_PDF_PAIR = re.compile(r"[0-9][ \u00a0](?:[%％亿万元年月日]|周年|个|美元)")
#: How many such pairs make a text "copied from a PDF" (one ``2021 年`` is a typo).
_PDF_PAIRS_MIN = 4
_SPACED_UNIT = "|".join(re.escape(u) for u in sorted(
    {*ARABIC_UNITS, "亿", "万", "千", "月", "日", "美元", "亿美元", "万美元"}, key=len, reverse=True))
#: In a PDF copy, the spaces inside a figure (round 12): between a number and its scale or
#: unit (``34168 元``, ``2021 年``, ``100 周年``); after a decimal point when a short
#: fraction and a unit follow (``22. 1 亿元``, ``9. 1%``; never ``1. 2021 年``, a list
#: number before a year); between 第/前 and a number (``第 3 名``); between the parts of a
#: date (``2022 年 1 月 11 日``); inside 个百分点 (``19.9 个百 分点``, round 14).
_PDF_SPACE = re.compile(
    rf"(?<=[0-9])[ \u00a0]+(?=(?:{_SPACED_UNIT}))"
    r"|(?<=[0-9][.．])[ \u00a0]+(?=[0-9]{1,3}[ \u00a0]?(?:[%％‰亿万元倍]|个百分点|百分点|美元))"
    r"|(?<=[第前])[ \u00a0]+(?=[0-9])"
    r"|(?:(?<=[0-9]年)|(?<=[0-9] 年))[ \u00a0]+(?=[0-9]{1,2}[ \u00a0]*月)"
    r"|(?:(?<=[0-9]月)|(?<=[0-9] 月))[ \u00a0]+(?=[0-9]{1,2}[ \u00a0]*日)"
    # inside 个百分点 (19.9 个百 分点, round 14)
    r"|(?:(?<=[0-9]个)|(?<=[0-9] 个))[ \u00a0]+(?=百[ \u00a0]?分点)"
    r"|(?:(?<=[0-9]个百)|(?<=[0-9] 个百)|(?<=[0-9] 个 百)|(?<=[0-9]百)|(?<=[0-9] 百))"
    r"[ \u00a0]+(?=分点)"
)


def _pdf_spaces(text: str) -> list[tuple[int, int]]:
    """The spans of the spaces inside figures of a text copied from a PDF (round 12), to be
    read without them; none when the text has fewer than :data:`_PDF_PAIRS_MIN` numbers
    spaced off their units (a single ``2021 年`` stays a typo: the year without 年)."""
    pairs = 0
    for _ in _PDF_PAIR.finditer(text):
        pairs += 1
        if pairs >= _PDF_PAIRS_MIN:
            return [found.span() for found in _PDF_SPACE.finditer(text)]
    return []


#: A character the mirror could not encode, written ``?``, with its romanisation after it
#: (``百?(gòu)``), or with the opening bracket lost too (``?qiáng)``).
_LOST_CHARACTER = re.compile(
    rf"\?(?P<pinyin>[(（]?{_PINYIN_SYLLABLE}(?:[ \u00a0]{_PINYIN_SYLLABLE}){{0,3}}[)）])"
)
#: What a lost character reads as: a square (no numeral, no punctuation), so that the
#: ``?`` ends no clause.
_PLACEHOLDER = "\u25a1"


def _lost_characters(text: str, spans: list[tuple[int, int]]
                     ) -> tuple[str, list[tuple[int, int]]]:
    """In a text with injected romanisation, each ``?`` followed by a romanisation
    (``高質量發展百?gòu)?qiáng)第33名``) stands for a character lost in the mirror's
    encoding: it reads as a placeholder (same length) and its romanisation is removed
    like the others, so that it ends no clause or sentence (§14)."""
    lost = list(_LOST_CHARACTER.finditer(text))
    if not lost:
        return text, spans
    characters = list(text)
    for found in lost:
        characters[found.start()] = _PLACEHOLDER
    extra = [found.span("pinyin") for found in lost]
    return "".join(characters), sorted(set(spans) | set(extra))


def origin_span(origin: np.ndarray | None, start: int, end: int) -> tuple[int, int]:
    """The span in the original text of ``[start, end)`` of the readable text: from the
    original position of its first character to just after that of its last (a removed
    romanisation inside the span stays inside, one after it stays outside)."""
    if origin is None:
        return start, end
    if end <= start:
        position = int(origin[start])
        return position, position
    return int(origin[start]), int(origin[end - 1]) + 1
