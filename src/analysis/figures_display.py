"""The figures quoted in reports as a reader of each language writes them.

Chinese pages show a figure as the report wrote it (``1560亿元``, ``近100家``, ``第7位``)
and its period in Chinese (``2023年1–11月``); English pages gloss it (``156 billion
yuan``, ``nearly 100``, ``7th``; ``Jan–Nov 2023``) and name its subject in English (the
study's ``subjects.csv`` beside its names table, else the framework indicator's
``name_en``). Measures are named, not coded (``growth_pct`` → 增速 / Growth).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.figure_keys import period_kind

MISSING = "—"

#: the figures table's measure codes, named (guideline §7)
MEASURE_NAMES: dict[str, dict[str, str]] = {
    "level": {"zh": "水平", "en": "Level"},
    "count": {"zh": "数量", "en": "Count"},
    "growth_pct": {"zh": "增速", "en": "Growth"},
    "share_pct": {"zh": "占比", "en": "Share"},
    "ratio": {"zh": "比值", "en": "Ratio"},
    "change_abs": {"zh": "增量", "en": "Change"},
    "rank": {"zh": "排名", "en": "Rank"},
    "target": {"zh": "目标", "en": "Target"},
    "other": {"zh": "其他", "en": "Other"},
}

#: base units in English; a measure word that only counts the subject (家, 个, 所, 座, 项)
#: has none: "13 advanced research institutes" reads as 13 beside the subject's name
UNITS_EN = {
    "元": "yuan", "人": "people", "名": "people", "人次": "visits", "户": "households",
    "亩": "mu", "万千瓦": "10 MW", "吨": "tonnes", "公里": "km", "平方米": "m²",
}  # fmt: skip

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ORDINAL_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def measure_name(measure: object, lang: str) -> str:
    """A measure code's name in ``lang`` (``growth_pct`` → 增速 / Growth); an unknown
    code as written."""
    return MEASURE_NAMES.get(str(measure), {}).get(lang, str(measure))


def period_label(period: object, lang: str) -> str:
    """A figure's period as a reader writes it (guideline §8 periods).

    ``2023`` → 2023年 / 2023; ``2023-01..2023-11`` → 2023年1–11月 / Jan–Nov 2023;
    ``2024H1`` → 2024年上半年 / H1 2024; ``2021..2024`` → 2021–2024年 / 2021–2024;
    ``2024-08`` → 2024年8月 / Aug 2024; ``2022-09-21`` → 2022年9月21日 / 21 Sep 2022;
    empty → —. Years never carry a thousands separator.
    """
    text = "" if period is None or (isinstance(period, float) and period != period) else str(period).strip()
    zh = lang == "zh"
    if not text:
        return MISSING
    if found := re.fullmatch(r"(\d{4})(H[12])", text):
        year, half = found.groups()
        return f"{year}年{'上' if half == 'H1' else '下'}半年" if zh else f"{half} {year}"
    if found := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        y, m, d = (int(g) for g in found.groups())
        return f"{y}年{m}月{d}日" if zh else f"{d} {_MONTHS_EN[m - 1]} {y}"
    if found := re.fullmatch(r"(\d{4})-(\d{2})", text):
        y, m = (int(g) for g in found.groups())
        return f"{y}年{m}月" if zh else f"{_MONTHS_EN[m - 1]} {y}"
    if found := re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", text):
        y1, m1, y2, m2 = (int(g) for g in found.groups())
        if y1 == y2:
            return f"{y1}年{m1}–{m2}月" if zh else f"{_MONTHS_EN[m1 - 1]}–{_MONTHS_EN[m2 - 1]} {y1}"
        return f"{y1}年{m1}月–{y2}年{m2}月" if zh else f"{_MONTHS_EN[m1 - 1]} {y1}–{_MONTHS_EN[m2 - 1]} {y2}"
    if found := re.fullmatch(r"(\d{4})\.\.(\d{4})", text):
        return f"{found.group(1)}–{found.group(2)}年" if zh else f"{found.group(1)}–{found.group(2)}"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}年" if zh else text
    return text


def kind_label(kind: str, lang: str) -> str:
    """A :func:`analysis.figure_keys.period_kind` as a row label: year → 全年 / full year;
    H1 → 上半年 / first half; 01..11 → 1–11月 / Jan–Nov; 4 years → 截至当年的4年 / 4 years
    to that year."""
    zh = lang == "zh"
    if kind == "year":
        return "全年" if zh else "full year"
    if kind in ("H1", "H2"):
        return ("上半年" if kind == "H1" else "下半年") if zh else ("first half" if kind == "H1" else "second half")
    if found := re.fullmatch(r"(\d{2})\.\.(\d{2})", kind):
        m1, m2 = int(found.group(1)), int(found.group(2))
        if m1 == m2:
            return f"{m1}月" if zh else _MONTHS_EN[m1 - 1]
        return f"{m1}–{m2}月" if zh else f"{_MONTHS_EN[m1 - 1]}–{_MONTHS_EN[m2 - 1]}"
    if found := re.fullmatch(r"(\d+) years", kind):
        return f"截至当年的{found.group(1)}年" if zh else f"{found.group(1)} years to that year"
    return {"day": ("某日", "a date")}.get(kind, ("其他时期", "other period"))[0 if zh else 1]


def _number_en(value: float) -> str:
    """156e9 → 156 billion; 303.96e9 → 303.96 billion; 14.3075e6 → 14.3075 million;
    54800 → 54,800; 4.7 → 4.7 (every significant digit the report gave, to six decimals)."""
    size = abs(value)
    if size >= 1e9:
        return f"{round(value / 1e9, 6):,.15g} billion"
    if size >= 1e6:
        return f"{round(value / 1e6, 6):,.15g} million"
    return f"{round(value, 6):,.15g}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _rank_en(surface: str, value: float | None) -> str:
    """第7位 → 7th; 第一等次 → first grade; 前十 → top 10; 首位 → 1st."""
    n = int(value) if value is not None and value == value else None
    if "等次" in surface or "等级" in surface:
        return f"grade {n}" if n and n > 1 else "first grade"
    if surface.startswith("前") and n:
        return f"top {n}"
    return _ordinal(n) if n else surface


def gloss(surface: object, value: object, base_unit: object, measure: object, lang: str) -> str:
    """A figure as a reader of ``lang`` writes it: in Chinese as the report wrote it
    (``surface``: 1560亿元, 近100家), in English its value in base units, scaled and with
    its unit in English (156 billion yuan; nearly 100; 9%; 1.75 : 1; 7th; a year as 2023,
    never 2,023); — when empty."""
    text = "" if surface is None or (isinstance(surface, float) and surface != surface) else str(surface).strip()
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if lang == "zh":
        return text or (MISSING if pd.isna(number) else f"{number:,.15g}")
    unit, kind = str(base_unit or ""), str(measure or "")
    if kind == "rank" or unit == "rank":
        return _rank_en(text, number)
    if roman := re.search(r"([ⅠⅡⅢⅣⅤ])类", text):
        return f"class {('I', 'II', 'III', 'IV', 'V')['ⅠⅡⅢⅣⅤ'.index(roman.group(1))]}"
    if pd.isna(number):
        return MISSING
    if unit == "年":  # a year (2023年: never 2,023) or a number of years (75年)
        shown = f"{int(number)}" if 1000 <= number <= 2200 else f"{number:g} years"
    elif unit == "%" or kind in ("growth_pct", "share_pct"):
        shown = f"{number:g}%" if unit in ("%", "") else f"{number:g} {unit}"
    elif unit == "ratio" or kind == "ratio":
        shown = f"{number:g} : 1"
    else:
        shown = _number_en(float(number))
        english = UNITS_EN.get(unit, "")
        shown = f"{shown} {english}".strip()
    if text.startswith("近"):
        return f"nearly {shown}"
    if re.search(r"余|多|上百|超过|超", text):
        return f"over {shown}"
    return shown


@cache
def _glossary(path: str) -> dict[str, str]:
    from analysis.files import read_csv

    if not Path(path).is_file():
        return {}
    table = read_csv(path, required=("subject", "subject_en"), what="subjects glossary")
    return dict(zip(table["subject"].astype(str), table["subject_en"].astype(str), strict=True))


def subjects_glossary(study_path: Path | str | None, study_name: str) -> dict[str, str]:
    """The study's English names of figure subjects: ``<study dir>/<name>/subjects.csv``
    (columns ``subject, subject_en``), empty when it has none."""
    if study_path is None:
        return {}
    return _glossary(str(Path(study_path).parent / study_name / "subjects.csv"))


def subject_name(subject: object, lang: str, glossary: Mapping[str, str],
                 indicator_name: str | None = None) -> str:  # fmt: skip
    """A figure's subject in ``lang``: itself in Chinese; in English its glossary entry,
    else its indicator's English name, else "(see the quote)"."""
    text = str(subject or "").strip()
    if lang == "zh":
        return text or MISSING
    return glossary.get(text) or indicator_name or "(see the quote)"


def kind_order(kind: str) -> tuple[int, str]:
    """Rows of one indicator: the whole year first, then parts of the year, then spans."""
    return (0 if kind == "year" else 2 if kind.endswith("years") else 1, kind)


__all__ = [
    "MEASURE_NAMES", "MISSING", "UNITS_EN", "gloss", "kind_label", "kind_order", "measure_name",
    "period_kind", "period_label", "subject_name", "subjects_glossary",
]  # fmt: skip
