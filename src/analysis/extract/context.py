"""What the steps share: :class:`_Document` (one text's index, cues and caches) and
:class:`_Around` (one row's clause, sentence and neighbouring text), and the quote (§3).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from analysis.extract.indicators import _title_names_a_park
from analysis.extract.periods import _cue_reaches, report_year
from analysis.extract.textindex import _MARKUP, _clean, _Headings, _TextIndex

_QUOTE_LEAD = frozenset("# \t\u3000\n>★•-…")


class _Document:
    """What the steps share for one text: its index, headings, period cues (with how far
    each reaches) and the per-sentence caches."""

    __slots__ = ("text", "doc", "year", "index", "headings", "cues", "cue_starts", "cue_reach",
                 "paragraph_cues", "paragraph_starts", "sentence_period", "head_targets",
                 "single_places", "park_heads", "title_park", "publication", "rank_population")

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
        self.park_heads: dict[int, list[tuple[int, bool | None]]] = {}
        self.title_park = _title_names_a_park(text)
        self.publication = report_year(text, year)
        self.rank_population: dict | None = None  # the last size of a ranked population


class _Around:
    """One row's surroundings: its clause and sentence, the text on either side (raw and
    :func:`_clean`), and the notes the steps collect."""

    __slots__ = ("start", "end", "clause_start", "clause_end", "sentence", "sentence_start",
                 "before", "after", "clean_before", "clean_after", "sentence_before", "notes")


def _locate(row: dict, document: _Document) -> _Around:
    """Doc, surface and quote of ``row`` (§3, §4), and the :class:`_Around` of the steps."""
    text, index = document.text, document.index
    around = _Around()
    start, end = around.start, around.end = row["start"], row["end"]
    # index.clause(start, end) and index.sentence_index(start), inlined: this runs once
    # per row and the method calls cost more than the bisections
    clause_starts, clause_ends = index.clause_starts, index.clause_ends
    clause_start = clause_starts[bisect_right(clause_starts, start) - 1]
    clause_end = clause_ends[min(bisect_left(clause_ends, end), len(clause_ends) - 1)]
    row["doc"] = document.doc
    row["surface"] = text[start:end]
    while clause_start < start:
        if text[clause_start] in _QUOTE_LEAD:
            clause_start += 1
        elif text[clause_start] == "<" and (tag := _MARKUP.match(text, clause_start)):
            clause_start = tag.end()  # <strong>… opening the clause stays outside
        else:
            break
    row["quote"] = text[clause_start:clause_end]
    row["quote_start"], row["quote_end"] = clause_start, clause_end
    around.clause_start, around.clause_end = clause_start, clause_end
    around.before = text[max(clause_start, start - 40) : start]
    around.sentence = bisect_right(index.sentence_starts, start) - 1
    return around


def _surround(around: _Around, row: dict, document: _Document) -> None:
    """The rest of :class:`_Around` for a measured row (naming rows need none of it)."""
    text = document.text
    around.after = text[around.end : min(around.clause_end, around.end + 30)]
    around.clean_before = _clean(around.before)
    around.clean_after = _clean(around.after)
    around.sentence_start = document.index.sentence_starts[around.sentence]
    around.sentence_before = text[max(around.sentence_start, around.start - 40) : around.start]
    around.notes = [row["note"]] if row["note"] else []
