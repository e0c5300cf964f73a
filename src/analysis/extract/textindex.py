"""The text index: clause and sentence boundaries (§3, found once per text and looked up
by bisection), markup cleaning, and the periods stated by headings (§8).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy as np

from analysis.extract.patterns import _DIGIT_CHARS
from analysis.extract.rows import _month_span

#: A clause break: punctuation or a line break, with the spaces and breaks after it.
_PUNCT_BREAK = re.compile(r"[,，;；。!！?？…]")
_SENTENCE_BREAK = re.compile(r"[。!！?？]")
_ENUMERATION_BREAK = re.compile(r"、")
_LINE_BREAK = re.compile(r"\n\s*")
_LINE_END_PUNCT = frozenset("。!！?？;；:：,，、)）”*")
#: ``.`` after a Chinese character or a percent sign and before a Chinese character, a
#: space or the end: a full stop (a PDF copy writes 。 as ``.``), never a decimal point.
#: (the literal first, the lookbehind after it: ``re`` then scans for ``.`` alone)
_DOT_FULL_STOP = re.compile(r"\.(?<=[\u4e00-\u9fff%％]\.)(?=[\s\u4e00-\u9fff]|$)")
_BRACKETED = re.compile(r"[(（][^()（）]{0,80}[)）]")

#: Character classes looked up for every character of a text at once (see
#: :func:`_char_flags`): a regex character-class scan costs Python's ``re`` some 15-20 ns
#: per CJK character, a numpy table lookup well under 1 ns.
_FLAG_PUNCT, _FLAG_SENTENCE, _FLAG_ENUMERATION = 1, 2, 4
_CHAR_FLAGS = np.zeros(0x110000, dtype=np.uint8)
for _char in ",，;；。!！?？…":  # the characters of _PUNCT_BREAK
    _CHAR_FLAGS[ord(_char)] |= _FLAG_PUNCT
for _char in "。!！?？":  # the characters of _SENTENCE_BREAK
    _CHAR_FLAGS[ord(_char)] |= _FLAG_SENTENCE
_CHAR_FLAGS[ord("、")] |= _FLAG_ENUMERATION  # _ENUMERATION_BREAK
_FLAG_OPEN, _FLAG_CLOSE = 32, 64  # the brackets of _BRACKETED
for _char in "(（":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_OPEN
for _char in ")）":
    _CHAR_FLAGS[ord(_char)] |= _FLAG_CLOSE
_PERIOD_ANCHOR_REACH = 5  # 过去的一年: 年 is the fifth character
#: The flags :class:`_TextIndex` reads.
_INDEX_FLAGS = _FLAG_PUNCT | _FLAG_SENTENCE | _FLAG_ENUMERATION | _FLAG_OPEN | _FLAG_CLOSE


def _inside_brackets(flags: np.ndarray, positions: np.ndarray,
                     brackets: np.ndarray | None = None) -> np.ndarray:
    """Whether each of ``positions`` lies inside a match of :data:`_BRACKETED`.

    _BRACKETED is an opening bracket, at most 80 characters that are no bracket, and a
    closing bracket, so a position is inside one exactly when the nearest bracket before
    it opens, the nearest after it closes, and at most 80 characters lie between them.
    ``brackets`` are the positions of all brackets, when the caller has them already.
    """
    if brackets is None:
        brackets = np.flatnonzero(flags & (_FLAG_OPEN | _FLAG_CLOSE))
    after = np.searchsorted(brackets, positions)  # the first bracket after each position
    inside = np.zeros(len(positions), dtype=bool)
    has_both = (after > 0) & (after < len(brackets))
    if not has_both.any():
        return inside
    opening = brackets[after[has_both] - 1]
    closing = brackets[after[has_both]]
    inside[has_both] = ((flags[opening] & _FLAG_OPEN) != 0) & (
        (flags[closing] & _FLAG_CLOSE) != 0) & (closing - opening - 1 <= 80)
    return inside


def _char_flags(text: str) -> np.ndarray:
    """The :data:`_CHAR_FLAGS` of every character of ``text`` (index i = ``text[i]``).

    UTF-32 has one code unit per character, so positions match ``str`` indices;
    ``surrogatepass`` keeps lone surrogates (which no flag covers) from raising.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _CHAR_FLAGS[codes]


#: Markup and quotation marks that :func:`_clean` removes.
_MARKUP = re.compile(r"\*\*|</?[A-Za-z][^<>]{0,30}>|[“”\"]")
#: An HTML tag: the digits inside it (<h1>) are no figures.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
#: HTML block tags end a clause and a sentence, like a line break.
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|tr|td|th|h[1-6]|section|article)\b[^<>]{0,80}>")


class _TextIndex:
    """Clause and sentence boundaries of one text, found once and looked up by bisection.

    A clause ends at ``,`` ``;`` ``。`` ``!`` ``?`` (half or full width) and at ``、``
    outside brackets (§3). A line break ends a clause unless it breaks a long paragraph
    line in the middle (the texts wrap paragraphs at a fixed width: ``三项⏎⏎指标``).
    """

    __slots__ = ("clause_starts", "clause_ends", "sentence_starts", "sentence_ends")

    def __init__(self, text: str, flags: np.ndarray | None = None) -> None:
        # A break is the position of one character that ends a clause; the next clause
        # starts right after it. Punctuation is found in bulk (in C); 、, line breaks and
        # HTML tags need a closer look (multi-character ones add their first and last).
        # The positions of _PUNCT_BREAK, _SENTENCE_BREAK and _ENUMERATION_BREAK come from
        # one table lookup (numpy) instead of three regex scans; the few other breaks are
        # collected in Python lists and merged, sorted, at the end.
        if flags is None:
            flags = _char_flags(text)
        # one pass over the whole text for every mark, then the few marks sorted by kind
        marks = np.flatnonzero(flags & _INDEX_FLAGS)
        kinds = flags[marks]
        punctuation = marks[(kinds & _FLAG_PUNCT) != 0]
        sentence_punctuation = marks[(kinds & _FLAG_SENTENCE) != 0]
        enumeration = marks[(kinds & _FLAG_ENUMERATION) != 0]
        if len(enumeration):
            brackets = marks[(kinds & (_FLAG_OPEN | _FLAG_CLOSE)) != 0]
            enumeration = enumeration[~_inside_brackets(flags, enumeration, brackets)]
        breaks: list[int] = []  # block tags and line breaks end both clauses and sentences
        if "<" in text:
            for tag in _BLOCK_TAG.finditer(text):
                breaks += (tag.start(), tag.end() - 1)
        previous_line_start = 0
        for match in _LINE_BREAK.finditer(text):
            start, end = match.span()
            line_start, previous_line_start = previous_line_start, end
            if (text[start - 1 : start] in _DIGIT_CHARS and text[end : end + 1] in _DIGIT_CHARS
                    and start > line_start and not text[line_start:start].strip().isdigit()):
                continue  # 达到41⏎285元: a number wrapped between its digits (§4)
            if start - line_start >= 60:  # short even before rstrip: never a wrapped line
                line = text[line_start:start].rstrip("\r \t\u3000")
                if len(line) >= 60 and line[-1] not in _LINE_END_PUNCT:
                    next_break = text.find("\n", end)
                    if (len(text) if next_break < 0 else next_break) - end >= 20:
                        continue  # a wrapped paragraph line: the clause goes on
            breaks += (start, end - 1)
        if "." in text:  # 经济运行稳中有进.全区实现…: a PDF copy's full stop (round 14)
            breaks += [found.start() for found in _DOT_FULL_STOP.finditer(text)]
        other_breaks = np.array(breaks, dtype=punctuation.dtype)
        clause_breaks = np.sort(np.concatenate((punctuation, enumeration, other_breaks)))
        sentence_ends = np.sort(np.concatenate((sentence_punctuation, other_breaks)))
        self.clause_starts = [0, *(clause_breaks + 1).tolist()]
        self.clause_ends = [*clause_breaks.tolist(), len(text)]
        self.sentence_starts = [0, *(sentence_ends + 1).tolist()]
        self.sentence_ends = [*sentence_ends.tolist(), len(text)]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``[start, end)``, widened to whole clauses if it crosses one."""
        first = bisect_right(self.clause_starts, start) - 1
        last = bisect_left(self.clause_ends, end)
        return self.clause_starts[first], self.clause_ends[min(last, len(self.clause_ends) - 1)]

    def sentence_index(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position) - 1


_HEADING_TAG = re.compile(r"<h[1-6][^<>]*>([^<>]{1,80})</h[1-6]>")
_HEADING_STOP = re.compile(r"[。；;，,!！?？]")
_HEADING_YEAR = re.compile(r"(?<![0-9])([0-9]{4})年(?!度?[0-9０-９]|以来|来)")
_HEADING_PART = re.compile(
    r"(?P<half>上半年)|(?P<q3>前三季度)|(?P<q1>一季度|第一季度)"
    r"|(?P<months>(?<![0-9])(?P<m1>[0-9]{1,2})[-–—－~～至](?P<m2>[0-9]{1,2})月)"
)
#: A numbered or markdown section heading (三、重点工作, ## 今年工作安排), any wording.
_SECTION_HEADING = re.compile(r"[ \t\u3000]*(?:#{1,6}[ \t]|[一二三四五六七八九十]{1,3}、)[^。；;!！?？]{0,40}$")
_SECTION_FIRST = frozenset("#一二三四五六七八九十")
#: A heading that opens a plan section: its figures are goals (§7 target).
_PLAN_HEADING = re.compile(r"主要目标|预期目标|目标任务|工作安排|重点工作|主要任务|工作打算|工作思路|下一步|下阶段")
_REVIEW_HEADING = re.compile(r"回顾|完成|成效|成绩|总结")


class _Headings:
    """Periods stated by headings (``一、2023年工作回顾``, ``<h1>…上半年经济运行情况</h1>``).

    A heading that states a period sets it for every figure after it (§8: a period stated
    at the head applies until another is stated) until the next heading that states one;
    figures without a period of their own then take it instead of the publication year.
    A heading is a short line (≤ 40 characters without markup) with no sentence
    punctuation, a markdown ``#`` line or an HTML ``<h1>``-``<h6>``.
    """

    __slots__ = ("starts", "periods", "years", "plan_starts", "plan_ends")

    def __init__(self, text: str, year: int | None) -> None:
        found: list[tuple[int, str, int | None]] = []
        candidates: list[tuple[int, str]] = []
        if "<h" in text:
            candidates += [(m.end(), m.group(1)) for m in _HEADING_TAG.finditer(text)]
        position = 0
        # plan sections (二、2021年主要目标和重点工作 … up to the next heading): goals (§7)
        plans: list[tuple[int, int]] = []
        plan_start = -1
        for line in text.split("\n"):
            line_end = position + len(line)
            heading = None
            if len(line) <= 120 and ("年" in line or "月" in line or "季度" in line):
                clean = _MARKUP.sub("", line).strip(" \t\u3000#*>\r")
                if 2 <= len(clean) <= 40 and not _HEADING_STOP.search(clean):
                    candidates.append((line_end, clean))
                    heading = clean
            if heading is None and len(line) <= 60 and line.lstrip(" \t\u3000")[:1] in _SECTION_FIRST and (
                _SECTION_HEADING.match(line)
            ):
                heading = line
            if heading is not None and position > 0:
                if plan_start >= 0:
                    plans.append((plan_start, position))
                    plan_start = -1
                if _PLAN_HEADING.search(heading) and not _REVIEW_HEADING.search(heading):
                    stated = _HEADING_YEAR.search(heading)
                    if stated is None or year is None or int(stated.group(1)) >= year:
                        plan_start = line_end
            position = line_end + 1
        if plan_start >= 0:
            plans.append((plan_start, len(text)))
        self.plan_starts = [p[0] for p in plans]
        self.plan_ends = [p[1] for p in plans]
        for end, heading in sorted(candidates):
            stated = _HEADING_YEAR.search(heading)
            heading_year = int(stated.group(1)) if stated else None
            if heading_year is None and year is not None and "明年" in heading:
                heading_year = year + 1  # 二、关于明年工作: the goals of the next year
            part = _HEADING_PART.search(heading)
            base = heading_year or year
            if part is None:
                period = str(heading_year) if heading_year else ""
            elif base is None:
                period = ""
            elif part.group("half"):
                period = f"{base}H1"
            elif part.group("q3"):
                period = f"{base}-01..{base}-09"
            elif part.group("q1"):
                period = f"{base}-01..{base}-03"
            else:
                first, last = int(part.group("m1")), int(part.group("m2"))
                period = _month_span(base, first, last) if 1 <= first <= last <= 12 else ""
            if period:
                found.append((end, period, heading_year))
        self.starts = [f[0] for f in found]
        self.periods = [f[1] for f in found]
        self.years = [f[2] for f in found]

    def at(self, position: int) -> tuple[str, int | None]:
        """The period and the stated year of the heading governing ``position``."""
        k = bisect_right(self.starts, position) - 1
        return (self.periods[k], self.years[k]) if k >= 0 else ("", None)

    def in_plan(self, position: int) -> bool:
        """Whether ``position`` lies in a plan section (2021年主要目标, 今年工作安排)."""
        k = bisect_right(self.plan_starts, position) - 1
        return k >= 0 and position < self.plan_ends[k]


#: What :func:`_clean` removes, in this order (``**`` first: ``*“*`` keeps its ``**``).
_CLEAN_MARKS = ("**", "“", "”", '"', "\n", " ")


def _clean(fragment: str) -> str:
    """The text without markdown/HTML markup, quotation marks, spaces and line breaks."""
    if "<" in fragment:
        fragment = _MARKUP.sub("", fragment)
    # Most fragments hold none of these: an ``in`` test is cheaper than a replace that
    # copies the string (this runs several times per row). Same order as one chain.
    for mark in _CLEAN_MARKS:
        if mark in fragment:
            fragment = fragment.replace(mark, "")
    return fragment
