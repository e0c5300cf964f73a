"""The reports' sources table and the years of a period: one reader, one parser.

``sources.csv`` lists the texts a figures table comes from: ``file`` (the text's path
relative to the folder it lives in, or its name) and ``published`` (``YYYY``,
``YYYY-MM``, ``YYYY-MM-DD`` or empty) are required; ``title``, ``publisher`` and
``unit`` (the county or district the text reports on, e.g. 丹阳市) are optional.
:func:`read_source_table` reads it and checks every date, naming file, row and column;
:func:`read_sources` is the ``{file: published}`` view the extractor uses.

A period (GUIDELINE.md §8: ``2023``, ``2023-12-13``, ``2023-01..2023-11``, ``2024H1``,
``2021..2025``, ``2021..``) is read by :func:`period_years` into its first and last
year; every module that needs a period's years (the panel's year, a report's years,
the figures of a year) should use it.

:func:`unit_from_title` takes the reporting unit from a bulletin or report title
(``2022年丹阳市国民经济和社会发展统计公报`` → ``丹阳市``), for texts whose sources row
names no unit.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from analysis.errors import InputError

#: A publication date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: The columns :func:`read_source_table` returns, in order (optional ones filled with "").
SOURCE_TABLE_COLUMNS = ("file", "published", "title", "publisher", "unit")


def publication_year(published: str | None) -> int | None:
    """The year of a publication date (``2024-09`` → 2024), None when empty or unreadable."""
    if not published:
        return None
    match = PUBLISHED.match(published.strip())
    return int(match.group(1)) if match else None


def publication_month(published: str | None) -> int | None:
    """The month of a publication date (``2024-09`` → 9), None when not stated."""
    if not published:
        return None
    match = PUBLISHED.match(published.strip())
    return int(match.group(2)) if match and match.group(2) else None


def valid_date(published: str) -> bool:
    """Whether ``published`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with a real month
    (1-12) and day (1-31)."""
    match = PUBLISHED.match(published)
    if not match:
        return False
    month = int(match.group(2)) if match.group(2) else 1
    day = int(match.group(3)) if match.group(3) else 1
    return 1 <= month <= 12 and 1 <= day <= 31


def source_key(file: str) -> str:
    """The key of a ``file`` cell: its path with ``/`` separators, ``./`` and spaces around
    it removed (``./a/b.txt`` → ``a/b.txt``)."""
    parts = [p for p in str(file).strip().replace("\\", "/").split("/") if p not in {"", "."}]
    return "/".join(parts)


def read_source_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The sources table with columns :data:`SOURCE_TABLE_COLUMNS`, all text.

    ``file`` and ``published`` are required (an :class:`InputError` names the missing
    one); ``published`` must be empty or a :func:`valid_date`, else an InputError names
    the file, the row (counted from 1 below the header) and the column. ``file`` is
    normalised by :func:`source_key`; a file listed twice is an InputError.
    """
    from analysis.files import read_csv

    frame = read_csv(path, required=("file", "published"), what="sources file", dtype=str,
                     keep_default_na=False)
    table = pd.DataFrame({
        column: (frame[column].astype(str).str.strip() if column in frame.columns else "")
        for column in SOURCE_TABLE_COLUMNS
    }, index=frame.index)  # fmt: skip
    for row_number, published in enumerate(table["published"], 1):
        if published and not valid_date(published):
            raise InputError(
                f"{path}, row {row_number}, column 'published': {published!r} is not "
                "YYYY, YYYY-MM or YYYY-MM-DD"
            )
    table["file"] = table["file"].map(source_key)
    for row_number, file in enumerate(table["file"], 1):
        if not file:
            raise InputError(f"{path}, row {row_number}, column 'file': empty")
    repeated = table["file"].duplicated()
    if repeated.any():
        row_number = int(repeated.to_numpy().argmax()) + 1
        raise InputError(
            f"{path}, row {row_number}, column 'file': {table['file'].iloc[row_number - 1]!r} "
            "is listed twice"
        )
    return table.reset_index(drop=True)


def read_sources(path: str | os.PathLike[str]) -> dict[str, str | None]:
    """Read a SOURCES.csv into ``{file: published or None}`` (:func:`read_source_table`).

    Keys are the ``file`` cells as written (:func:`source_key`): a bare name (``a.txt``)
    or a path relative to the texts' common folder (``2022/a.txt``);
    :func:`lookup_source` finds a text by either.
    """
    table = read_source_table(path)
    return {f: (p or None) for f, p in zip(table["file"], table["published"], strict=True)}


def lookup_source(sources: dict[str, str | None], doc: str) -> tuple[bool, str | None]:
    """``(listed, published)`` of the text ``doc`` (its path relative to the common root):
    the entry of its relative path, else of its file name when only one entry has that
    name (a name shared by texts of several folders needs their relative paths)."""
    key = source_key(doc)
    if key in sources:
        return True, sources[key]
    name = Path(key).name
    if name in sources:
        return True, sources[name]
    same_name = [k for k in sources if Path(k).name == name]
    if len(same_name) == 1:
        return True, sources[same_name[0]]
    return False, None


_PERIOD = re.compile(
    r"^(\d{4})(?:H[12]|-\d{2}(?:-\d{2})?)?(?:\.\.(?:(\d{4})(?:H[12]|-\d{2}(?:-\d{2})?)?)?)?$"
)


def period_years(period: object) -> tuple[int, int | None] | None:
    """The first and last year of a period (§8), None for an empty or unreadable one.

    ``2023`` → (2023, 2023); ``2023-12-13``, ``2023-01..2023-11``, ``2024H1`` → (2023 or
    2024 twice); ``2021..2025`` → (2021, 2025); an open span ``2021..`` → (2021, None).
    """
    if period is None or (isinstance(period, float) and period != period):
        return None
    match = _PERIOD.match(str(period).strip())
    if not match:
        return None
    first = int(match.group(1))
    if match.group(2):
        return first, int(match.group(2))
    return (first, None) if str(period).strip().endswith("..") else (first, first)


def period_last_year(period: object) -> int | None:
    """The year a period's figure counts for: its last year (``2021..2024`` → 2024;
    ``2023-01..2023-11`` → 2023); for an open span ``2021..`` its first; None if empty."""
    years = period_years(period)
    if years is None:
        return None
    return years[1] if years[1] is not None else years[0]


#: A bulletin or report title naming its unit: (year)(place)(国民经济和社会发展统计公报 |
#: 政府工作报告 | …), or (place)(year)(kind).
_KIND = r"(?:国民经济和社会发展统计公报|统计公报|政府工作报告|国民经济和社会发展)"
_YEAR = r"(?:[0-9０-９]{4}|[〇一二三四五六七八九零]{4})年度?"
_TITLE_UNITS = (
    re.compile(rf"{_YEAR}(?P<place>[\u4e00-\u9fff]{{2,16}}?)(?:人民政府)?{_KIND}"),
    re.compile(rf"(?P<place>[\u4e00-\u9fff]{{2,16}}?)(?:人民政府)?{_YEAR}[^\n。]{{0,6}}?{_KIND}"),
)
_UNIT_PARTS = re.compile(r"[\u4e00-\u9fff]+?(?:自治县|自治旗|市|县|区|旗)")
_TITLE_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,3}?省")


def unit_from_title(title: object) -> str:
    """The reporting unit named by a bulletin or report title, or ``""``.

    ``2022年丹阳市国民经济和社会发展统计公报`` → ``丹阳市``; ``江苏省句容市2021年…`` →
    ``句容市``; the innermost unit of a nested name (``南京市溧水区`` → ``溧水区``). A title
    that names no county, city or district before the kind of text gives ``""``.
    """
    head = str(title or "")[:200]
    for pattern in _TITLE_UNITS:
        for found in pattern.finditer(head):
            parts = _UNIT_PARTS.findall(_TITLE_PROVINCE.sub("", found.group("place")))
            if parts:
                return parts[-1]
    return ""


def text_unit(text: str, sources_unit: str = "", title: str = "") -> str:
    """The unit a text reports on (issue 15 item 3): the sources row's ``unit`` when given,
    else the unit named by the sources row's ``title``, else by the text's first lines
    (a bulletin opens with its title); ``""`` when none names one."""
    if str(sources_unit or "").strip():
        return str(sources_unit).strip()
    for candidate in (title, "\n".join(str(text or "")[:400].splitlines()[:5])):
        unit = unit_from_title(candidate)
        if unit:
            return unit
    return ""
