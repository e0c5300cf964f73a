"""A study: one YAML file naming a panel, its framework and spec, and how to show it.

Every notebook and (after the lead wires it) every command takes ``--study``/``study``:
a built-in name (``src/analysis/studies/<name>.yaml``: ``liyang``, ``prefecture-cities``,
``oecd-bli``) or a path. Paths inside the file are relative to the file::

    name: prefecture-cities          # slug; reports go to OUT/<year>/...
    title: {zh: 中国地级市可持续发展评价, en: Sustainability of Chinese prefecture cities}
    panel: panel.csv                 # long, wide or COINr iData; CSV or Excel
    sheet: data                      # Excel sheet (optional)
    unit_column: city                # optional when the column is `unit` (or uCode)
    year_column: year                # optional when the column is `year` (or Time)
    rows: {province: 江苏省}          # optional: keep only the rows with these values
    framework: framework.yaml        # YAML, COINr iMeta, criteria CSV, or a built-in name
    spec: peers-default              # index pipeline: built-in name, YAML path or mapping
    focus: 常州市                     # the unit the narrative follows (optional)
    groups: groups.csv               # optional: unit,group[,group_en] (e.g. 苏南/苏中/苏北)
    names: names.csv                 # optional: unit,name_zh,name_en
    units_label: {zh: 城市, en: cities}  # optional: what the units are, for prose
    data_label: {zh: 统计年鉴, en: yearbook}  # optional: what the data are, for prose
    description: {zh: ..., en: ...}  # optional: the data paragraph of the methods appendix
    figures: figures.csv             # optional: figures quoted in reports (notebooks 10, 90)
    sources: sources.csv             # optional: the reports' sources table
    years: all                       # the report years: all panel years, or a list

A report year need not be a panel year (a census is decennial): a report for ``year``
reads the data of :meth:`Study.data_year` (the latest panel year not after it) and says
so. Bad study files raise :class:`~analysis.errors.InputError` naming the file and key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.config import STUDIES_DIR
from analysis.errors import InputError
from analysis.files import read_table
from analysis.framework import Framework, load_framework

LANGS = ("zh", "en")
KEYS = (
    "name", "title", "panel", "sheet", "unit_column", "year_column", "rows", "framework",
    "spec", "focus", "groups", "names", "units_label", "data_label", "figures", "sources",
    "years", "description",
)  # fmt: skip
REQUIRED = ("name", "title", "panel", "framework")
DEFAULT_SPEC = "peers-default"
DEFAULT_UNITS_LABEL = {"zh": "单位", "en": "units"}
DEFAULT_DATA_LABEL = {"zh": "数据", "en": "data"}


@dataclass(frozen=True, eq=False)
class Study:
    """A loaded study (build it with :func:`load_study`, which validates).

    ``panel`` is the long table ``unit, year, indicator, value`` (+ provenance columns
    ``doc, start, end, quote``, missing for statistical tables); ``groups`` has columns
    ``unit, group`` (and optionally ``group_en``); ``names`` ``unit, name_zh, name_en``;
    ``years`` are the report years.
    """

    name: str
    title: Mapping[str, str]
    path: Path
    panel: pd.DataFrame
    framework: Framework
    spec: Mapping[str, Any]
    focus: str | None = None
    groups: pd.DataFrame | None = None
    names: pd.DataFrame | None = None
    years: list[int] = field(default_factory=list)
    units_label: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_UNITS_LABEL))
    data_label: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_DATA_LABEL))
    figures: Path | None = None
    sources: Path | None = None
    description: Mapping[str, str] = field(default_factory=lambda: {"zh": "", "en": ""})

    # ------------------------------------------------------------------ units

    @cached_property
    def panel_years(self) -> list[int]:
        """The years the panel holds values for, ascending."""
        return sorted(int(y) for y in pd.unique(self.panel["year"]))

    @cached_property
    def _units_by_year(self) -> dict[int, frozenset[str]]:
        pairs = self.panel.loc[self.panel["value"].notna(), ["year", "unit"]].drop_duplicates()
        return {
            int(y): frozenset(g["unit"].astype(str)) for y, g in pairs.groupby("year", sort=True)
        }

    def units(self, year: int | None = None) -> list[str]:
        """Units with a value in the data year of ``year`` (every unit when None), sorted."""
        if year is None:
            return sorted(set().union(*self._units_by_year.values()))
        return sorted(self._units_by_year.get(self.data_year(year), frozenset()))

    def unit_years(self, unit: str) -> list[int]:
        """The panel years in which ``unit`` has at least one value."""
        return [y for y, units in self._units_by_year.items() if unit in units]

    def has_unit(self, unit: str, year: int) -> bool:
        """Whether ``unit`` has a value in the data year of report year ``year``."""
        return unit in self._units_by_year.get(self.data_year(year), frozenset())

    def data_year(self, year: int) -> int:
        """The panel year a report for ``year`` reads: ``year`` itself when the panel has
        it, else the latest panel year before it, else the first panel year."""
        before = [y for y in self.panel_years if y <= year]
        return before[-1] if before else self.panel_years[0]

    def panel_of(self, year: int) -> pd.DataFrame:
        """The panel rows of the data year of ``year``."""
        return self.panel.loc[self.panel["year"] == self.data_year(year)].reset_index(drop=True)

    # ------------------------------------------------------------------ words

    def title_in(self, lang: str) -> str:
        """The study's title in ``lang`` (the other language's when missing)."""
        return self.title.get(lang) or next(iter(self.title.values()))

    def units_label_in(self, lang: str) -> str:
        """What the units are (``城市``, ``countries``) in ``lang``."""
        return self.units_label.get(lang) or DEFAULT_UNITS_LABEL[lang]

    def data_label_in(self, lang: str) -> str:
        """What the data are (``人口普查``, ``OECD``) in ``lang``."""
        return self.data_label.get(lang) or DEFAULT_DATA_LABEL[lang]

    @cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        if self.names is not None:
            for lang in LANGS:
                col = self.names[f"name_{lang}"]
                given = col.notna() & col.astype(str).str.strip().ne("")
                out[lang] = dict(
                    zip(self.names.loc[given, "unit"], col[given].astype(str), strict=True)
                )
        return out

    def display_name(self, unit: str, lang: str = "zh") -> str:
        """``unit``'s name in ``lang`` from the names table, else the other language's,
        else the unit's code as the panel writes it."""
        other = "en" if lang == "zh" else "zh"
        return self._names.get(lang, {}).get(unit) or self._names[other].get(unit) or str(unit)

    def display_names(self, lang: str = "zh") -> dict[str, str]:
        """Every unit of the panel → its display name in ``lang``."""
        return {u: self.display_name(u, lang) for u in self.units()}

    def group_of(self, unit: str) -> str | None:
        """The group (region) of ``unit``, or None (no groups table, or unit not in it)."""
        if self.groups is None:
            return None
        hit = self.groups.loc[self.groups["unit"] == unit, "group"]
        return str(hit.iloc[0]) if len(hit) else None

    def indicator_names(self, lang: str = "zh") -> dict[str, str]:
        """Framework code → name in ``lang`` (the code when the framework gives none)."""
        table = self.framework.table
        column = "name_en" if lang == "en" else "name"
        names = table[column].where(table[column].astype(str).str.strip().ne(""))
        if lang == "en":  # a framework without English names: the Chinese name, then the code
            names = names.fillna(table["name"].where(table["name"].astype(str).ne("")))
        return dict(zip(table["code"], names.fillna(table["code"]).astype(str), strict=True))


# ---------------------------------------------------------------------------- loading


def builtin_studies() -> list[str]:
    """Names of the studies shipped in ``src/analysis/studies``."""
    return sorted(p.stem for p in STUDIES_DIR.glob("*.yaml"))


def study_path(name_or_path: str | os.PathLike[str]) -> Path:
    """The YAML file of a built-in study name or a path; an :class:`InputError` otherwise."""
    p = Path(name_or_path)
    if p.suffix.lower() in {".yaml", ".yml"}:
        if not p.is_file():
            raise InputError(f"{p}: no such study file")
        return p.resolve()
    builtin = STUDIES_DIR / f"{name_or_path}.yaml"
    if builtin.is_file():
        return builtin
    raise InputError(
        f"study {str(name_or_path)!r}: neither a YAML file nor a built-in study "
        f"({', '.join(builtin_studies())})"
    )


def load_study(name_or_path: str | os.PathLike[str] | Study) -> Study:
    """Load and check a study: a built-in name (:func:`builtin_studies`) or a YAML path.

    Reads the panel (:func:`analysis.panel.read_panel`, validated against the
    framework), the framework (:func:`analysis.framework.load_framework`: YAML, iMeta or
    criteria CSV, relative paths from the YAML's folder, else a built-in name), the spec
    (:func:`analysis.index.load_spec`), groups and names. Every error names the study file
    and the key at fault.
    """
    if isinstance(name_or_path, Study):
        return name_or_path
    path = study_path(name_or_path)
    doc = _read_yaml(path)
    here = path.parent

    def fail(key: str, message: str) -> InputError:
        return InputError(f"{path}: {key}: {message}")

    unknown = [k for k in doc if k not in KEYS]
    if unknown:
        raise fail(unknown[0], f"unknown key (a study has {', '.join(KEYS)})")
    for key in REQUIRED:
        if doc.get(key) in (None, ""):
            raise fail(key, "missing (required: " + ", ".join(REQUIRED) + ")")
    name = str(doc["name"]).strip()
    title = _languages(doc["title"], "title", fail)
    labels = {
        key: _languages(doc[key], key, fail) if doc.get(key) else dict(default)
        for key, default in (
            ("units_label", DEFAULT_UNITS_LABEL),
            ("data_label", DEFAULT_DATA_LABEL),
            ("description", {"zh": "", "en": ""}),
        )
    }
    framework = _wrapped("framework", fail, lambda: _framework(doc["framework"], here))
    spec = _wrapped("spec", fail, lambda: _spec(doc.get("spec") or DEFAULT_SPEC, here))
    panel = _wrapped("panel", fail, lambda: _panel(doc, here, framework, fail))
    if panel.empty:
        raise fail("panel", "no values (check rows, unit_column and the framework's indicators)")
    study = Study(
        name=name,
        title=title,
        path=path,
        panel=panel,
        framework=framework,
        spec=spec,
        focus=None if doc.get("focus") in (None, "") else str(doc["focus"]),
        groups=_wrapped("groups", fail, lambda: _table(doc.get("groups"), here, ("unit", "group"))),
        names=_wrapped(
            "names", fail, lambda: _table(doc.get("names"), here, ("unit", "name_zh", "name_en"))
        ),
        **labels,
        figures=_optional_file(doc.get("figures"), here),
        sources=_optional_file(doc.get("sources"), here),
    )
    years = _years(doc.get("years", "all"), study.panel_years, fail)
    study = _with(study, years=years)
    if study.focus is not None and study.focus not in study.units():
        raise fail("focus", f"{study.focus!r} is not a unit of the panel")
    return study


def _with(study: Study, **changes: Any) -> Study:
    from dataclasses import replace

    return replace(study, **changes)


def _read_yaml(path: Path) -> dict[str, Any]:
    from analysis.files import read_yaml

    doc = read_yaml(path, "study file")
    if not isinstance(doc, dict):
        raise InputError(f"{path}: a study is a mapping of keys ({', '.join(REQUIRED)}, ...)")
    return doc


def _wrapped(key: str, fail: Any, make: Any) -> Any:
    """``make()``, its InputError prefixed with the study file and ``key``."""
    try:
        return make()
    except InputError as exc:
        raise fail(key, str(exc)) from None


def _languages(value: Any, key: str, fail: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": value, "en": value}
    if not isinstance(value, Mapping) or not value:
        raise fail(key, "give {zh: ..., en: ...} or one text")
    bad = [k for k in value if k not in LANGS]
    if bad:
        raise fail(key, f"unknown language {bad[0]!r} (use zh, en)")
    texts = {k: str(v) for k, v in value.items() if v not in (None, "")}
    if not texts:
        raise fail(key, "empty")
    return {lang: texts.get(lang) or next(iter(texts.values())) for lang in LANGS}


def _resolve(value: Any, here: Path) -> Path:
    return (here / str(value)).resolve()


def _optional_file(value: Any, here: Path) -> Path | None:
    return None if value in (None, "") else _resolve(value, here)


def _framework(value: Any, here: Path) -> Framework:
    local = _resolve(value, here)
    return load_framework(local if local.is_file() else str(value))


def _spec(value: Any, here: Path) -> dict[str, Any]:
    from analysis.index import load_spec

    if isinstance(value, Mapping):
        return load_spec(value)
    local = _resolve(value, here)
    return load_spec(local if local.is_file() else str(value))


def _panel(doc: Mapping[str, Any], here: Path, framework: Framework, fail: Any) -> pd.DataFrame:
    from analysis.panel import read_panel

    rows = doc.get("rows")
    if rows is not None and not isinstance(rows, Mapping):
        raise fail("rows", "give a mapping column: value (or a list of values)")
    return read_panel(
        _resolve(doc["panel"], here),
        framework,
        sheet=doc.get("sheet"),
        unit_column=doc.get("unit_column"),
        year_column=doc.get("year_column"),
        rows=rows,
    )


def _table(value: Any, here: Path, required: tuple[str, ...]) -> pd.DataFrame | None:
    if value in (None, ""):
        return None
    frame = read_table(_resolve(value, here), required=required, dtype=str, keep_default_na=False)
    frame = frame.assign(**{c: frame[c].astype(str).str.strip() for c in required})
    dup = frame["unit"].duplicated()
    if dup.any():
        raise InputError(f"{_resolve(value, here)}: unit {frame.loc[dup, 'unit'].iloc[0]!r} listed twice")
    return frame.reset_index(drop=True)


def _years(value: Any, panel_years: list[int], fail: Any) -> list[int]:
    if value in (None, "all"):
        return list(panel_years)
    items = value if isinstance(value, list) else [value]
    years = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int):
            raise fail("years", f"{item!r} is not a year; give 'all' or a list of years")
        if item < panel_years[0]:
            raise fail("years", f"{item} is before the panel's first year {panel_years[0]}")
        years.append(int(item))
    if not years:
        raise fail("years", "empty list")
    return sorted(set(years))
