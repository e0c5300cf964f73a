"""A page's tables as one Excel workbook, embedded in the page as a ``data:`` link.

Each ``<table>`` of the page becomes a sheet named after its caption, else the nearest
heading before it (made unique, at most 31 characters); header rows are joined into
column names; a cell that reads as a number (``1,234.5``, ``-0.17``) is stored as one,
every other as text. The workbook is written by :func:`analysis.files.write_table`, so
formula-like texts are stored as text, never as formulas.
"""

from __future__ import annotations

import base64
import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.files import write_table

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LINK_TEXT = {"zh": "下载本页表格 (.xlsx)", "en": "Download this page's tables (.xlsx)"}
_NUMBER = re.compile(r"^[-−+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?$")
#: texts that stand for an empty cell
EMPTY_TEXTS = frozenset({"", "—", "NaN", "nan", "None", "<NA>", "NaT"})


def cell_value(text: str) -> Any:
    """A cell's text as a number when it reads as one (thousands separators and a
    typographic minus allowed), None when empty, else the text."""
    text = " ".join(text.split())
    if text in EMPTY_TEXTS:
        return None
    if _NUMBER.match(text):
        number = float(text.replace(",", "").replace("−", "-"))
        return (
            int(number)
            if number.is_integer() and "." not in text and "e" not in text.lower()
            else number
        )
    return text


def _cells(row: Any) -> list[str]:
    """A row's cell texts, a cell spanning k columns repeated k times."""
    out = []
    for cell in row.find_all(["th", "td"], recursive=False):
        try:
            span = max(1, min(int(cell.get("colspan", 1)), 50))
        except ValueError:
            span = 1
        out += [cell.get_text(" ", strip=True)] * span
    return out


def table_frame(table: Any) -> pd.DataFrame:
    """A BeautifulSoup ``<table>`` as a DataFrame of its cells (header rows joined)."""
    head_rows = table.thead.find_all("tr") if table.thead else []
    body_rows = [r for r in table.find_all("tr") if r.find_parent("thead") is None]
    if (
        not head_rows
        and body_rows
        and all(c.name == "th" for c in body_rows[0].find_all(["th", "td"], recursive=False))
    ):
        head_rows, body_rows = body_rows[:1], body_rows[1:]
    body = [_cells(r) for r in body_rows]
    width = max([len(r) for r in body] + [len(_cells(r)) for r in head_rows] + [1])
    columns = [""] * width
    for row in head_rows:
        for i, text in enumerate(_cells(row)[:width]):
            if text and text not in columns[i].split(" / "):
                columns[i] = f"{columns[i]} / {text}" if columns[i] else text
    columns = [c or f"({i + 1})" for i, c in enumerate(columns)]
    seen: dict[str, int] = {}
    for i, c in enumerate(columns):  # unique column names
        seen[c] = seen.get(c, 0) + 1
        columns[i] = c if seen[c] == 1 else f"{c} ({seen[c]})"
    data = [[cell_value(t) for t in r] + [None] * (width - len(r)) for r in body]
    return pd.DataFrame(data, columns=columns, dtype=object)


def table_name(table: Any, fallback: str) -> str:
    """The table's caption, else the text of the nearest heading before it, else ``fallback``."""
    if table.caption and table.caption.get_text(strip=True):
        return table.caption.get_text(" ", strip=True)
    heading = table.find_previous(["h1", "h2", "h3", "h4"])
    if heading is not None:
        text = heading.get_text(" ", strip=True).rstrip("¶").strip()
        if text:
            return text
    return fallback


def unique_sheet_names(names: list[str]) -> list[str]:
    """Excel-safe, unique sheet names (≤ 31 characters; repeats numbered)."""
    from analysis.files import sheet_name

    out: list[str] = []
    for name in names:
        base = sheet_name(name)
        candidate, k = base, 1
        while candidate.lower() in {o.lower() for o in out}:
            k += 1
            suffix = f" ({k})"
            candidate = base[: 31 - len(suffix)] + suffix
        out.append(candidate)
    return out


def workbook_bytes(tables: list[Any], lang: str = "zh") -> bytes | None:
    """The ``.xlsx`` bytes of ``tables`` (BeautifulSoup ``<table>`` elements), one sheet
    each; None when there is no table."""
    if not tables:
        return None
    fallback = "表" if lang == "zh" else "Table"
    names = unique_sheet_names([table_name(t, f"{fallback} {i}") for i, t in enumerate(tables, 1)])
    frames = {n: table_frame(t) for n, t in zip(names, tables, strict=True)}
    with tempfile.TemporaryDirectory(prefix="qci-xlsx-") as tmp:
        path = Path(tmp) / "tables.xlsx"
        write_table(frames, path)
        return path.read_bytes()


def download_link(data: bytes, file_stem: str, lang: str = "zh") -> str:
    """An ``<a download>`` whose ``href`` is the workbook as a base64 ``data:`` URI."""
    import html

    encoded = base64.b64encode(data).decode("ascii")
    name = html.escape(f"{file_stem}.xlsx", quote=True)
    text = LINK_TEXT["en" if lang == "en" else "zh"]
    return (
        f'<div class="qci-download"><a download="{name}" '
        f'href="data:{XLSX_MIME};base64,{encoded}">{html.escape(text)}</a></div>'
    )
