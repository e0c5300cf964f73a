"""The pipeline: scan the text for figures, turn matches into rows, then fill the
context fields step by step (measure, period, indicator, subject, dimension, notes).
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from analysis.extract.columns import _to_frame
from analysis.extract.context import _QUOTE_LEAD, _Around, _Document, _quote_start
from analysis.extract.dimensions import _decide_dimension
from analysis.extract.furniture import _mark_forum_furniture
from analysis.extract.indicators import _decide_indicator
from analysis.extract.markup import hide_invisible
from analysis.extract.measures import _decide_measure, _goal_of_year_begun
from analysis.extract.numbers import _HANDLERS, _NAMING_KINDS
from analysis.extract.patterns import (
    _DIGIT_CHARS,
    _DIGIT_FIGURE_PATTERN,
    _FIGURE_STARTS,
    FIGURE_PATTERN,
)
from analysis.extract.periods import (
    _before_publication,
    _decide_period,
    _period_cues,
)
from analysis.extract.script import readable_text
from analysis.extract.spans import _adjust_period
from analysis.extract.subjects import (
    _decide_subject,
    _inherit,
    _naming_subject,
    _pair_respectively,
    _restates_amount,
)
from analysis.extract.tables import _negate, _table_units
from analysis.extract.textindex import _HTML_TAG, _char_flags, _Headings, _TextIndex
from analysis.extract.textperiod import _date_headline, _text_period
from analysis.sources import publication_month, publication_year

_FOUR_DIGITS = re.compile(r"[0-9０-９]{4}")


def extract_text(text: str, doc: str, published: str | None) -> pd.DataFrame:
    """Every figure of one text as rows of :data:`FIGURE_COLUMNS` (§1-§12).

    ``published`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or None) resolves relative
    periods (今年, 上半年, 年底); when it is None those periods stay empty and the note
    says so (§8) — a year is never guessed.
    """
    return extract_texts([(text, doc, published)])


def extract_texts(items: Iterable[tuple[str, str, str | None]]) -> pd.DataFrame:
    """Like :func:`extract_text` for many ``(text, doc, published)`` at once, one table.

    Building a single DataFrame for all texts keeps the per-text cost low (the speed bar
    is ≥ 5 MB/s on one core).
    """
    rows: list[dict] = []
    with without_cycle_collection():
        for text, doc, published in items:
            rows.extend(_extract_rows(text, doc, published))
        return _to_frame(rows)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while rows are made, restored after.

    Extraction makes many small dicts and lists that live until the table is built and
    form no reference cycles (reference counting frees them); the collector would walk
    all the rows gathered so far again and again as they accumulate. Paused, a large batch
    runs a few per cent faster; any cycle made meanwhile is collected once it resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_MINUS = frozenset("-−－")
#: The measures :func:`~analysis.extract.subjects._inherit` can pair with the row before.
_INHERITING_MEASURES = frozenset({"growth_pct", "share_pct", "change_abs"})
_MINUS_BEFORE = frozenset(["", " ", "\t", "|", "(", "（", ":", "：", "\n", "\u3000"])
#: A minus after a word and before a rate (自然增长率-1.6‰, 增长-2.3%) is its sign (§5).
_RATE_MINUS_BEFORE = re.compile(r"[\u4e00-\u9fff\]］)）]")


#: A list item glued to the rate before it (``0.4%-0.2%0.9%``): the minus is a sign when
#: another rate follows at once, unlike a range ``3%-5%`` (§14 signs).
_GLUED_RATE_AFTER = re.compile(r"[0-9０-９.．]*[%％‰][-−－]?[0-9０-９]")
_GLUED_RATE_BEFORE = re.compile(r"[0-9０-９][%％‰][-−－]?[0-9０-９.．]+[%％‰]$")


def _is_sign(text: str, position: int, kind: str) -> bool:
    """Whether the minus right before ``text[position]`` is the sign of the number there.

    A minus at the start of a cell or line, after a space, bracket or colon (``| -3.4 |``),
    after a word before a rate (``自然增长率-1.6‰``, ``增长-2.3%``), after the 、 of a
    list (``0.15、-5.64、1.34个百分点``), or between rates glued into a list
    (``0.2%0.4%-0.2%0.9%``) is the number's sign (§5, §14); a dash between two numbers
    (``2021-2023年``, a range ``3%-5%``) is not.
    """
    before = text[max(0, position - 2) : position - 1]
    if before in _MINUS_BEFORE or before in _LIST_SEPARATORS:
        return True
    if kind != "percent":
        return False
    if _RATE_MINUS_BEFORE.match(before):
        return True
    return before in {"%", "％", "‰"} and (
        _GLUED_RATE_AFTER.match(text, position) is not None
        or _GLUED_RATE_BEFORE.search(text, max(0, position - 16), position - 1) is not None)


_LIST_SEPARATORS = frozenset("、")


def _extract_rows(text: str, doc: str, published: str | None) -> list[dict]:
    """The rows of one text, read in simplified script without injected romanisation
    (:func:`~analysis.extract.script.readable_text`) and without what an HTML page does
    not show (:func:`~analysis.extract.markup.hide_invisible`), with spans, surfaces and
    quotes on the text as written."""
    readable, origin, flags = readable_text(hide_invisible(text) if "<" in text else text)
    rows = _readable_rows(readable, doc, published, flags)
    if readable is not text and rows:
        _map_to_written(rows, text, readable, origin)
    return rows


def _map_to_written(rows: list[dict], text: str, readable: str,
                    origin: np.ndarray | None) -> None:
    """Spans, surfaces, quotes and units of ``rows`` (found on ``readable``) moved back to
    ``text`` as written, through ``origin`` (:func:`~analysis.extract.script.readable_text`;
    None when no character was removed, so that positions are the same).

    A span goes from the original position of its first character to just after that of
    its last (:func:`~analysis.extract.script.origin_span`). The positions every row needs
    are looked up in ``origin`` at once (one numpy gather, not a scalar lookup each).
    """
    # where the unit is read inside the surface (at its end, or 個 of 五個方面 within it)
    unit_ats = [readable.rfind(row["unit"], row["start"], row["end"]) if row["unit"] else -1
                for row in rows]
    if origin is not None:
        needed: list[int] = []
        for row, unit_at in zip(rows, unit_ats, strict=True):
            start, end, quote_start, quote_end = (
                row["start"], row["end"], row["quote_start"], row["quote_end"])
            needed += (start, end - 1 if end > start else start,
                       quote_start, quote_end - 1 if quote_end > quote_start else quote_start)
            if unit_at >= 0:
                needed += range(unit_at, unit_at + len(row["unit"]))
        at = iter(origin[np.array(needed, dtype=np.int64)].tolist())
    written: dict[str, str] = {}
    for row, unit_at in zip(rows, unit_ats, strict=True):
        has_unit = unit_at >= 0
        if origin is None:
            start, end, quote_start, quote_end = (
                row["start"], row["end"], row["quote_start"], row["quote_end"])
            unit_written = text[unit_at : unit_at + len(row["unit"])] if has_unit else ""
        else:
            first, last, quote_first, quote_last = next(at), next(at), next(at), next(at)
            start, end = first, (last + 1 if row["end"] > row["start"] else first)
            quote_start = quote_first
            quote_end = quote_last + 1 if row["quote_end"] > row["quote_start"] else quote_first
            unit_written = "".join([text[next(at)] for _ in row["unit"]]) if has_unit else ""
            row["start"], row["end"] = start, end
        if has_unit:  # the unit as written (億元, 萬噸; 個 of 五個方面), character for character (§5)
            written[row["unit"]] = row["unit"] = unit_written
        row["surface"] = text[start:end]
        row["quote"] = text[quote_start:quote_end]
    for row in rows:  # 0.4、2.2和2.1個百分點: a list's unit as written after its last item
        if row["unit"] in written:
            row["unit"] = written[row["unit"]]


def _readable_rows(
    text: str, doc: str, published: str | None, flags: np.ndarray | None = None
) -> list[dict]:
    year = publication_year(published)
    headings = _Headings(text, year)
    raw_rows: list[dict] = []
    # _scan inlined: this loop runs once per candidate character
    last_end = 0
    match_at = FIGURE_PATTERN.match
    match_digit_at = _DIGIT_FIGURE_PATTERN.match
    digits = _DIGIT_CHARS
    handlers = _HANDLERS
    tag_starts: list[int] = []
    tag_ends: list[int] = []
    if "<" in text:  # digits inside HTML tags (<h1>, <td colspan="2">) are markup (§4)
        for tag in _HTML_TAG.finditer(text):
            tag_starts.append(tag.start())
            tag_ends.append(tag.end())
    for candidate in _FIGURE_STARTS.finditer(text):
        position = candidate.start()
        if position < last_end:
            continue
        if tag_starts:
            k = bisect_right(tag_starts, position) - 1
            if k >= 0 and position < tag_ends[k]:
                last_end = tag_ends[k]
                continue
        match = (match_digit_at if text[position] in digits else match_at)(text, position)
        if match is not None:
            previous_end = last_end
            last_end = match.end()
            row_year = year
            if headings.starts and text[max(0, position - 2) : position] != "今年":
                row_year = headings.at(position)[1] or year  # 1–11月 under a 2023年 heading
            found = handlers[match.lastgroup](match, text, position, last_end, row_year)
            if (found and match.lastgroup == "qty" and position - 1 >= previous_end
                    and text[position - 1 : position] in _MINUS
                    and found[0]["start"] == position and found[0]["value"] is not None
                    and _is_sign(text, position, found[0]["kind"])):
                _negate(found[0])  # | -3.4 |: a negative number as written (§5)
            raw_rows.extend(found)
    if not raw_rows:
        return raw_rows
    _mark_forum_furniture(raw_rows, text)  # 查看: 66|回复: 0 above a copied post (§14)
    if "|" in text or "<td" in text:
        _table_units(raw_rows, text)
    month = publication_month(published)
    if month is not None:
        for row in raw_rows:
            if row["kind"] == "date" and ".." in row["period"] and not _FOUR_DIGITS.search(
                text[row["start"] : row["end"]]
            ) and text[max(0, row["start"] - 2) : row["start"]] != "今年":
                shifted = _before_publication(row["period"], year, month)
                if shifted != row["period"]:
                    row["period"] = shifted
                    row["note"] = "; ".join(x for x in (
                        row["note"], "months after publication: previous year") if x)
    if flags is None:
        flags = _char_flags(text)  # once per text, for both
    index = _TextIndex(text, flags)
    cues = _period_cues(text, year, headings, month, flags)
    _add_context(raw_rows, text, doc, year, index, cues, headings, _text_period(text, year, month, cues))
    return raw_rows


def _add_context(
    rows: list[dict],
    text: str,
    doc: str,
    year: int | None,
    index: _TextIndex,
    cues: list[tuple[int, int, str, str]],
    headings: _Headings | None = None,
    text_period: tuple[str, str, int, int] | None = None,
) -> None:
    """Fill quote, measure, period, subject, dimension, is_indicator and note in place.

    One step per field, in this order (each later step reads what the earlier ones set):
    :func:`_decide_measure` (§7), :func:`_decide_period` (§8),
    :func:`_decide_indicator` (§11), :func:`_decide_subject` (§9),
    :func:`_decide_dimension` (§10), then the notes (§12) and the pairings that look at
    earlier rows (bare growth rates and shares, "respectively" lists).
    """
    document = _Document(text, doc, year, index, cues, rows, headings)
    document.text_period = text_period  # the period of figures with no cue (round 16)
    # the clause and sentence of each row by bisection, inlined: this loop runs once per
    # row and method calls cost more than the bisections
    clause_starts, clause_ends = index.clause_starts, index.clause_ends
    last_clause = len(clause_ends) - 1
    sentence_starts = index.sentence_starts
    for position, row in enumerate(rows):
        start, end = row["start"], row["end"]
        clause_start = clause_starts[bisect_right(clause_starts, start) - 1]
        if clause_start < start and (text[clause_start] in _QUOTE_LEAD
                                     or text[clause_start] == "<"):
            clause_start = _quote_start(text, clause_start, start)
        last = bisect_left(clause_ends, end)
        clause_end = clause_ends[last if last < last_clause else last_clause]
        row["doc"], row["surface"] = doc, text[start:end]
        row["quote"] = text[clause_start:clause_end]  # §3
        row["quote_start"], row["quote_end"] = clause_start, clause_end
        reach = start - 40
        before = text[reach if reach > clause_start else clause_start : start]
        sentence = bisect_right(sentence_starts, start) - 1
        if row["kind"] in _NAMING_KINDS:
            # dates, years, ordinals, codes, names, labels: no measurement to qualify (§11)
            if row["kind"] not in {"date", "year"}:
                row["period"] = ""
            row["subject"] = _naming_subject(row, before, text)
            row["is_indicator"], row["dimension"], row["sentence"] = "no", "none", sentence
            continue
        around = _Around(text, row, clause_start, clause_end, sentence,
                         sentence_starts[sentence], before)
        _decide_measure(row, around, document)
        _decide_period(row, around, document)
        _goal_of_year_begun(row, around.notes)
        _adjust_period(row, around, document)
        _decide_indicator(row, around, document)
        _decide_subject(row, around, document, rows, position)
        _decide_dimension(row, around, document)
        notes = around.notes
        # the notes in order, empty ones and repeats dropped (most rows have at most one)
        if len(notes) <= 1:
            row["note"] = notes[0] if notes else ""
        else:
            row["note"] = "; ".join(dict.fromkeys(n for n in notes if n))
        row["sentence"] = sentence
        if row["measure"] == "level" and position:
            _restates_amount(row, rows, position, text)
        if row["measure"] in _INHERITING_MEASURES:
            _inherit(row, around, rows, position)
    _pair_respectively(rows, text)
    _date_headline(rows, text)
