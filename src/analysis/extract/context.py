"""What the steps share: :class:`_Document` (one text's index, cues and caches) and
:class:`_Around` (one row's clause, sentence and neighbouring text), and the quote (§3).
"""

from __future__ import annotations

from analysis.extract.indicators import _title_names_a_park
from analysis.extract.periods import _cue_reaches, report_year
from analysis.extract.textindex import _MARKUP, _clean, _Headings, _TextIndex

_QUOTE_LEAD = frozenset("# \t\u3000\n>★•-…")


class _Document:
    """What the steps share for one text: its index, headings, period cues (with how far
    each reaches) and the per-sentence caches."""

    __slots__ = ("text", "doc", "year", "index", "headings", "cues", "cue_starts", "cue_reach",
                 "paragraph_cues", "paragraph_starts", "sentence_period", "head_targets",
                 "single_places", "park_heads", "title_park", "publication", "rank_population",
                 "firm_sentences", "text_period")

    def __init__(self, text: str, doc: str, year: int | None, index: _TextIndex,
                 cues: list[tuple[int, int, str, str]], rows: list[dict],
                 headings: _Headings | None) -> None:
        self.text, self.doc, self.year, self.index, self.headings = text, doc, year, index, headings
        self.cues, self.cue_reach, self.paragraph_cues = _cue_reaches(text, index, cues, rows)
        self.cue_starts = [c[0] for c in self.cues]
        self.paragraph_starts = [c[0] for c in self.paragraph_cues]
        self.sentence_period: dict[int, tuple[str, str]] = {}
        self.head_targets: dict[int, bool] = {}
        self.single_places: dict[int, bool] = {}
        self.firm_sentences: dict[int, int] = {}  # where a sentence turns to one firm
        self.park_heads: dict[int, list[tuple[int, bool | None]]] = {}
        self.title_park = _title_names_a_park(text)
        self.publication = report_year(text, year)
        self.rank_population: dict | None = None  # the last size of a ranked population
        self.text_period: tuple[str, str, int, int] | None = None  # periods._text_period


class _Around:
    """One row's surroundings: its clause and sentence, the text on either side (raw and
    :func:`_clean`), and the notes the steps collect."""

    __slots__ = ("start", "end", "clause_start", "clause_end", "sentence", "sentence_start",
                 "before", "after", "clean_before", "clean_after", "sentence_before", "notes")

    def __init__(self, text: str, row: dict, clause_start: int, clause_end: int,
                 sentence: int, sentence_start: int, before: str) -> None:
        start, end = self.start, self.end = row["start"], row["end"]
        self.clause_start, self.clause_end = clause_start, clause_end
        self.sentence, self.sentence_start, self.before = sentence, sentence_start, before
        reach = end + 30  # (conditional expressions: min/max calls cost more, once per row)
        self.after = after = text[end : reach if reach < clause_end else clause_end]
        self.clean_before = _clean(before)
        self.clean_after = _clean(after)
        reach = start - 40
        self.sentence_before = text[reach if reach > sentence_start else sentence_start : start]
        note = row["note"]
        self.notes = [note] if note else []


def _quote_start(text: str, clause_start: int, start: int) -> int:
    """Where the quote of a figure at ``start`` begins (§3): its clause without the
    list marks, spaces and opening markup before its first word."""
    while clause_start < start:
        if text[clause_start] in _QUOTE_LEAD:
            clause_start += 1
        elif text[clause_start] == "<" and (tag := _MARKUP.match(text, clause_start)):
            clause_start = tag.end()  # <strong>… opening the clause stays outside
        else:
            break
    return clause_start
