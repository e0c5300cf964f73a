"""Extraction: every figure quoted in a report text becomes one traceable row.

The rules are those of the figure annotation guideline, kept in the repo as
``tests/data/extract/GUIDELINE.md`` (cited below as §N); the output columns are
:data:`FIGURE_COLUMNS`, one row per figure, with ``text[start:end] == surface``.

Design, for speed (bar: ≥ 5 MB of text per second on one core):

1. one big compiled pattern (:mod:`.patterns`, one named group per kind of figure) is
   tried only at the positions a cheap character-class scan marks as possible starts;
   each match is turned into rows by the handler of its group (:mod:`.numbers`; dates in
   :mod:`.dates`, amounts with their units in :mod:`.quantities`, slash fractions in
   :mod:`.fractions`, the row and numeral reading they share in :mod:`.rows`), looking
   at a few characters on either side (bounds, names, thresholds); markdown and HTML
   tables lend their column units and row labels (:mod:`.tables`);
2. clause and sentence boundaries and headings (:mod:`.textindex`) and period cues
   (今年, 上半年, 十四五以来, 两年净增; :mod:`.periods`) are found once per text and looked
   up by bisection;
3. each field is then decided by its own step, its patterns beside it:
   :mod:`.measures` (§7), :mod:`.periods` (§8; changes over a span in :mod:`.spans`, the
   period of a whole text and of its title figures in :mod:`.textperiod`),
   :mod:`.indicators` (§11), :mod:`.subjects` (§9), :mod:`.dimensions` (§10), run in that
   order by :mod:`.pipeline` on what :mod:`.context` gathers around each row; a forum's
   page furniture is marked first (:mod:`.furniture`).

Before any rule runs, a text is made readable in place (same positions, spans mapped back
to the text as written): what an HTML page does not show is blanked (:mod:`.markup`),
romanisation injected in brackets is removed and traditional characters are read as
simplified ones (:mod:`.script`, OpenCC).

Files and folders are read by :mod:`.files`, sources.csv and period years by
:mod:`analysis.sources`, and :mod:`.scoring` compares an extraction with hand
annotations. Chinese numerals go through :mod:`analysis.numerals` (cn2an behind an
``lru_cache``). Every Arabic digit ends up in exactly one row (§2); Chinese numerals only
where they state a quantity, rank, grade, duration or ordinal.
"""

from analysis.extract.columns import DIMENSIONS, FIGURE_COLUMNS, MEASURES
from analysis.extract.files import (
    FOLDER_DOCUMENTATION,
    TEXT_SUFFIXES,
    UNIT_COLUMNS,
    document_units,
    extract_paths,
    figures_for_year,
    read_figures,
    write_figures,
)
from analysis.extract.patterns import ARABIC_UNITS, CHINESE_UNITS, FIGURE_PATTERN
from analysis.extract.pipeline import extract_text, extract_texts
from analysis.extract.scoring import score_annotated_folder, score_figures
from analysis.sources import read_sources

__all__ = [
    "ARABIC_UNITS", "CHINESE_UNITS", "DIMENSIONS", "FIGURE_COLUMNS", "FIGURE_PATTERN",
    "FOLDER_DOCUMENTATION", "MEASURES", "TEXT_SUFFIXES", "UNIT_COLUMNS", "document_units",
    "extract_paths", "extract_text",
    "extract_texts", "figures_for_year", "read_figures", "read_sources",
    "score_annotated_folder", "score_figures", "write_figures",
]  # fmt: skip
