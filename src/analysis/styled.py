"""One look for every table a report shows: :func:`styled_table`.

A pandas ``Styler`` as a reader scans a table: text columns left-aligned (their headings
too), short text cells kept on one line, no row-number index, the followed unit's row
in bold on yellow, quotes from the Chinese sources marked ``lang="zh-CN"`` (so that an
English page says which words are quoted), and an element id taken from the content, so
that the same report renders the same HTML (pandas draws a random one otherwise).
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from collections.abc import Sequence
from typing import Any

import pandas as pd

#: the look of the followed unit's row (or column)
HIGHLIGHT = {"background-color": "#ffe08a", "font-weight": "bold"}
#: a text column whose cells are at most this wide (:func:`display_width`) stays on one line
SHORT_CELL = 18
#: cells that are no words: a missing value's dash, or nothing
_NOT_WORDS = ("—", "–", "-", "")


def styled_table(
    table: pd.DataFrame,
    highlight: Any = None,
    *,
    by: str | None = None,
    quotes: Sequence[str] = (),
    highlight_columns: Sequence[str] = (),
) -> Any:
    """``table`` as a Styler with the report's look (module docstring).

    The index is shown when it names the rows (not a plain ``RangeIndex``), its name in
    the header row's corner (pandas gives it a row of its own); an index that repeats
    becomes the first column (pandas styles only uniquely indexed tables). The
    rows highlighted are those whose ``by`` column equals ``highlight`` (by default the
    shown index, or the first column when the index is hidden); ``highlight_columns``
    are highlighted whole. ``quotes`` names the columns holding quoted source text.
    """
    show_index = not isinstance(table.index, pd.RangeIndex)
    if show_index and not table.index.is_unique:
        table, show_index = table.reset_index(), False
    elif show_index and table.index.nlevels == 1 == table.columns.nlevels and table.index.name is not None:
        # pandas gives an index name a header row of its own: in the corner instead
        table = table.rename_axis(index=None, columns=table.index.name)
    digest = hashlib.sha256(table.to_csv().encode()).hexdigest()[:10]
    styler = table.style.set_uuid(digest)
    if not show_index:
        styler = styler.hide(axis="index")
    marked = [c for c in quotes if c in table.columns]
    if marked:
        styler = styler.format(lambda v: f'<span lang="zh-CN">{html.escape(str(v))}</span>', subset=marked)
    words = [c for c in table.columns if is_text_column(table[c])]
    if words:
        styler = styler.set_properties(subset=words, **{"text-align": "left"})
        styler = styler.set_table_styles(
            {c: [{"selector": "th", "props": "text-align: left"}] for c in words}, overwrite=False
        )
        short = [c for c in words if table[c].astype(str).map(display_width).max() <= SHORT_CELL]
        if short:
            styler = styler.set_properties(subset=short, **{"white-space": "nowrap"})
    rows = highlighted_rows(table, highlight, by, show_index)
    if rows:
        styler = styler.set_properties(subset=pd.IndexSlice[rows, :], **HIGHLIGHT)
    columns = [c for c in highlight_columns if c in table.columns]
    if columns:
        styler = styler.set_properties(subset=columns, **HIGHLIGHT)
    return styler


def highlighted_rows(table: pd.DataFrame, highlight: Any, by: str | None, show_index: bool) -> list[Any]:
    """The index labels of the rows to highlight (see :func:`styled_table`)."""
    if highlight is None or table.empty:
        return []
    if by is None and show_index:
        return [highlight] if highlight in table.index else []
    column = table[by if by is not None else table.columns[0]]
    return list(table.index[column.to_numpy() == highlight])


def is_text_column(column: pd.Series) -> bool:
    """Whether a column is words to read left-aligned: not of a numeric dtype, and not
    only numbers written as text (a figure, an interval, a dash)."""
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return False
    return any(_is_words(v) for v in column)


def _is_words(value: Any) -> bool:
    text = str(value).strip()
    return not (text in _NOT_WORDS or text[:1].isdigit() or text[:1] in "[-−+")


def display_width(text: str) -> int:
    """Columns a text takes on screen: a wide (Chinese) character two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
