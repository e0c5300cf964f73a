"""Markdown and HTML tables: the unit of a column header (``产值(亿元)``) and the
subject of a row label apply to the bare numbers of the cells (§5, §9); a ``-`` before a
number in a cell is its sign.
"""

from __future__ import annotations

import re

from analysis.extract.quantities import _BASE_UNIT
from analysis.extract.textindex import _HTML_TAG
from analysis.numerals import SCALES

_TABLE_UNIT = re.compile(r"[（(﹙]([^()（）﹙﹚]{1,6})[)）﹚]")
#: A column of units (| 计量单位 | … | 万头 |): the unit of the numbers of its row.
#: Headers may space their characters out (| 品 种 | 单 位 | 2021年 |, round 9).
_UNIT_COLUMN = re.compile(r"^\s*(?:计\s*量\s*)?单\s*位\s*$")
_TABLE_GROWTH = re.compile(r"增长|增速|增幅|同比|比上年")


def _negate(row: dict) -> None:
    row["start"] -= 1
    row["value"] = -row["value"]
    if row["value_base"] is not None:
        row["value_base"] = -row["value_base"]


def _markdown_cell(text: str, start: int) -> tuple[str, str, str] | None:
    """(row header, column header, unit cell) of a number in a markdown table row, else None.

    Rows written without a leading ``|`` (``粮食作物 | 726760 | -1.78 |``, as pages copied
    from bulletins have them) count when they end with ``|``; their header may be broken
    over several lines (``品 名 | 播种面积⏎(亩﹚ |⏎同比增减(%) | …``): the lines from the
    top of the table are joined until they hold as many ``|`` as the row. The unit cell is
    the row's cell under a 计量单位 column, if any.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    leading = line.lstrip().startswith("|")
    if not leading and not (line.rstrip().endswith("|") and line.count("|") >= 2):
        return None
    column = text.count("|", line_start, start)
    lines = [line]
    position = line_start
    while position > 0:  # the table's lines above this row
        previous_start = text.rfind("\n", 0, position - 1) + 1
        previous = text[previous_start : position - 1]
        if "|" not in previous or (leading and not previous.lstrip().startswith("|")):
            break
        lines.append(previous)
        position = previous_start
    lines.reverse()
    if leading:
        header = lines[0]
    else:
        header, wanted = "", line.count("|")
        for part in lines:
            header += part
            if header.count("|") >= wanted:
                break
    header_cells = header.split("|")
    row_cells = line.split("|")
    column_head = header_cells[column] if column < len(header_cells) else ""
    first = 1 if leading else 0
    row_head = row_cells[first] if len(row_cells) > first else ""
    unit_cell = _unit_cell(header_cells, row_cells, column)
    if not unit_cell and len(lines) > 2:
        # a caption line with |s (表1:主要农产品产量情况 | ||) above the header row
        unit_cell = next((cell for part in lines[1:-1]
                          if (cell := _unit_cell(part.split("|"), row_cells, column))), "")
    return row_head, column_head, unit_cell


def _unit_cell(header_cells: list[str], row_cells: list[str], column: int) -> str:
    """The row's cell under a header cell naming a unit column (计量单位, 单 位), or ""."""
    for k, head in enumerate(header_cells):
        if k < len(row_cells) and k != column and _UNIT_COLUMN.match(head):
            return row_cells[k].strip()
    return ""


_HTML_CELL = re.compile(r"<t[dh]\b[^<>]*>(.*?)</t[dh]>", re.S)
_HTML_CELL_OPEN = re.compile(r"<t[dh]\b")


def _html_cell(text: str, start: int) -> tuple[str, str, str] | None:
    """(row header, column header, "") of a number in an HTML ``<td>``, else None.

    The row header is the first cell of its ``<tr>``, the column header the cell in the
    same column of the table's first ``<tr>``; both with their tags removed.
    """
    row_start = text.rfind("<tr", max(0, start - 2000), start)
    if row_start < 0 or text.rfind("</tr>", row_start, start) >= 0:
        return None
    column = len(_HTML_CELL_OPEN.findall(text, row_start, start)) - 1
    row_end = text.find("</tr>", start)
    row_cells = _HTML_CELL.findall(text, row_start, len(text) if row_end < 0 else row_end)
    table_start = text.rfind("<table", max(0, start - 20000), row_start)
    first_row = text.find("<tr", table_start, row_start + 1) if table_start >= 0 else row_start
    first_end = text.find("</tr>", first_row)
    header_cells = _HTML_CELL.findall(text, first_row, len(text) if first_end < 0 else first_end)
    if column < 1 or not row_cells:
        return None
    strip = lambda cell: _HTML_TAG.sub("", cell).strip()  # noqa: E731
    column_head = strip(header_cells[column]) if column < len(header_cells) else ""
    return strip(row_cells[0]), column_head, ""


def _table_units(rows: list[dict], text: str) -> None:
    """Bare numbers in a markdown or HTML table take the unit of their row or column header.

    ``| 规上工业总产值（亿元） | 4321.5 | 8.1 |`` under ``| 指标 | 1-9月 | 同比增长(%) |``:
    4321.5 is 432150000000 元 (level), 8.1 a growth rate in % (§6, §7); a cell under a
    column header 位次 or 排名 is a rank. ``unit`` stays empty (nothing is written after
    the number); the note says where the unit came from.
    """
    markdown, html = "|" in text, "<td" in text
    for row in rows:
        if row["kind"] != "quantity" or row["unit"] or row["value"] is None:
            continue
        start = row["start"]
        cell = None
        if html and text[start - 1 : start] == ">":
            cell = _html_cell(text, start)
        if cell is None and markdown:
            cell = _markdown_cell(text, start)
        if cell is None:
            continue
        row_head, column_head, unit_cell = cell
        if "位次" in column_head or "排名" in column_head or "名次" in column_head:
            row.update(kind="rank", base_unit="rank", value_base=row["value"],
                       fixed_measure="rank")
            row["table_subject"] = _TABLE_UNIT.sub("", row_head).strip(" *") + column_head
            row["note"] = "; ".join(x for x in (row["note"], f"table cell ({column_head})") if x)
            continue
        unit_match = _TABLE_UNIT.search(column_head) or _TABLE_UNIT.search(row_head)
        if unit_match is None and not unit_cell:
            continue
        unit = unit_match.group(1).strip() if unit_match is not None else unit_cell
        subject = _TABLE_UNIT.sub("", row_head).strip(" *")
        if unit.lstrip("±+＋") in {"%", "％"}:  # 比上年增长(±%): a signed rate (round 15)
            growth = _TABLE_GROWTH.search(column_head)
            row.update(kind="percent", base_unit="%", value_base=row["value"],
                       fixed_measure="growth_pct" if growth else "share_pct")
            if growth and subject:
                subject += "增长"
        else:
            scale = next((k for k in sorted(SCALES, key=len, reverse=True)
                          if unit.startswith(k)), "")
            base = _BASE_UNIT.get(unit[len(scale):], unit[len(scale):])
            if not base:
                continue
            multiplier = SCALES.get(scale, 1.0)
            row.update(base_unit=base, value_base=float(f"{row['value'] * multiplier:.15g}"),
                       measure="level")
        row["table_subject"] = subject
        row["note"] = "; ".join(x for x in (row["note"], f"unit {unit} from the table header") if x)
