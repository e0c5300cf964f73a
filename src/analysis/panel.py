"""Panels: one tidy long table of units × years × indicators, with provenance.

Columns (:data:`COLUMNS`): ``unit, year, indicator, value`` and, where a value was read
from a report, ``doc, start, end, quote`` (the figure's span in the text, as in
``data/processed/figures.csv``); they are missing for values from statistical tables.

- Load: :func:`read_panel` (long or wide CSV / Excel), :func:`panel_from_wide`,
  :func:`panel_from_idata` (COINr's iData), :func:`load_census_panel` (the county census
  panel shipped in ``data/raw/panels/cn-county-census-2010-2020``),
  :func:`panel_from_figures` (the panel of every unit from the figures quoted in texts).
- Check: :func:`validate_panel`, a pandera schema (duplicate unit–year–indicator,
  non-numeric values, unknown indicators, missing units or years), each error naming the
  row (1-based, below the header) and the column.
- Convert: :func:`to_wide` / :func:`to_idata` (one row per unit and year, the layout of
  :func:`analysis.index.build_index`) — the one place that converts long ↔ wide.

Panels from texts (:func:`panel_from_figures`): each text's unit is told by
:func:`figures_units` (sources.csv ``unit``, its ``title``, the text's first lines, its
file name, else a default: 溧阳市 for the reports of data/raw/reports). A figure (row of
figures.csv with ``is_indicator = yes``) belongs to an indicator when its ``subject`` matches one of the
indicator's regular-expression ``patterns`` in the framework and its ``measure`` is one
the indicator accepts (the framework's ``measure``; by default :data:`DEFAULT_MEASURES`,
so growth rates, ranks and targets only map where an indicator asks for them); the first
matching indicator in framework order wins. Its year is the last year named in
``period`` (``2023-01..2023-11`` → 2023, ``2021..2024`` → 2024); its value is
``value_base`` (base units: 元, 人, %, ...). When several figures
give the same unit, indicator and year, all are kept in the conflicts table and one is
chosen by the documented rule :data:`CONFLICT_RULE`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.config import FIGURES_CSV, RAW_PANELS, RAW_SOURCES
from analysis.errors import InputError, where
from analysis.figure_keys import likeness, period_kind, subject_groups
from analysis.files import check_finite, read_csv, read_table
from analysis.framework import Framework

COLUMNS = ("unit", "year", "indicator", "value", "doc", "start", "end", "quote")
KEY = ["unit", "year", "indicator"]
CENSUS_DIR = RAW_PANELS / "cn-county-census-2010-2020"
CENSUS_INDICATORS = CENSUS_DIR / "county_census_2010_2020_indicators.csv"
CENSUS_ID_COLUMNS = ("year", "code", "province", "prefecture", "name", "unit_type")
LIYANG = "溧阳市"
DEFAULT_MEASURES = ("level", "count", "share_pct", "ratio")
CONFLICT_RULE = (
    "latest publication wins (sources.csv 'published'; a day-precise date counts as later "
    "than its month); then a whole-year period over a part of the year; then the earlier "
    "mention (doc, start)"
)


# ---------------------------------------------------------------------------- schema


def panel_schema(indicators: Iterable[str] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of a panel; ``indicators`` restricts the indicator codes."""
    indicator_checks = [pa.Check.isin(sorted(set(indicators)))] if indicators is not None else []
    return pa.DataFrameSchema(
        {
            "unit": pa.Column(str, nullable=False, coerce=True),
            "year": pa.Column("int64", nullable=False, coerce=True),
            "indicator": pa.Column(str, indicator_checks, nullable=False, coerce=True),
            "value": pa.Column("float64", nullable=True, coerce=True),
            "doc": pa.Column(None, nullable=True, required=False),
            "start": pa.Column("Int64", nullable=True, required=False, coerce=True),
            "end": pa.Column("Int64", nullable=True, required=False, coerce=True),
            "quote": pa.Column(None, nullable=True, required=False),
        },
        unique=KEY,
        strict=False,
    )


def _first_failure(cases: pd.DataFrame, panel: pd.DataFrame, source: str | None) -> str:
    """One clear message for the first failure pandera found (row 1-based, column named)."""
    cases = cases.copy()
    cases["order"] = (
        cases["check"]
        .astype(str)
        .map(
            lambda c: (
                0
                if c.startswith("column_in_dataframe")
                else 1
                if "coerce" in c or "dtype" in c
                else 2
                if "not_nullable" in c
                else 3
                if "isin" in c
                else 4
            )
        )
    )
    cases = cases.sort_values(["order", "index"], na_position="first")
    first = cases.iloc[0]
    check = str(first["check"])
    column = first["column"] if isinstance(first["column"], str) else None
    if check.startswith("column_in_dataframe"):
        return f"{where(source)}missing column {first['failure_case']!r}; a long panel has {list(COLUMNS[:4])}"
    row = int(first["index"]) + 1 if pd.notna(first["index"]) else None
    if "multiple_fields_uniqueness" in check:
        dups = panel.index[panel.duplicated(KEY, keep=False)]
        i, j = int(dups[0]), int(dups[1])
        key = tuple(v.item() if hasattr(v, "item") else v for v in panel.loc[i, KEY])
        return f"{where(source, j + 1, 'indicator')}duplicate unit–year–indicator {key} (also row {i + 1})"
    if "isin" in check:
        return f"{where(source, row, column)}unknown indicator {first['failure_case']!r} (not in the framework)"
    if "not_nullable" in check:
        return f"{where(source, row, column)}missing {column}"
    return f"{where(source, row, column)}not a number: {first['failure_case']!r}"


def validate_panel(
    panel: pd.DataFrame, framework: Framework | None = None, source: str | None = None
) -> pd.DataFrame:
    """Check a long panel and return it typed (``value`` float64, ``year`` int64).

    Errors (:class:`InputError`) name the row (1-based data row) and the column: a
    missing column, a non-numeric value or year, an empty unit, an indicator that is not
    in ``framework``, a duplicate unit–year–indicator.
    """
    panel = panel.reset_index(drop=True)
    if "value" in panel.columns and not pd.api.types.is_numeric_dtype(panel["value"]):
        check_numeric(panel, ["value"], source)
        raw = panel["value"].astype("string").str.strip()
        panel = panel.assign(value=pd.to_numeric(raw.where(~raw.isin(["", "NA"])), errors="coerce"))
    for col in ("unit", "indicator"):
        if col in panel.columns:
            text = panel[col].astype("string").str.strip()
            empty = (text.isna() | (text == "")).to_numpy()
            if empty.any():
                raise InputError(
                    f"{where(source, int(np.flatnonzero(empty)[0]) + 1, col)}missing {col}"
                )
    for col in ("doc", "quote"):
        if col in panel.columns:
            panel[col] = panel[col].astype("string")
    schema = panel_schema(framework.indicators if framework is not None else None)
    try:
        out = schema.validate(panel, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise InputError(_first_failure(err.failure_cases, panel, source)) from None
    except pa.errors.SchemaError as err:  # pragma: no cover - lazy mode collects instead
        raise InputError(f"{where(source)}{err}") from None
    for col in COLUMNS[4:]:
        if col not in out.columns:
            out[col] = pd.array(
                [pd.NA] * len(out), dtype="Int64" if col in ("start", "end") else "string"
            )
    return out[list(COLUMNS) + [c for c in out.columns if c not in COLUMNS]]


# ---------------------------------------------------------------------------- long ↔ wide


def panel_from_wide(
    wide: pd.DataFrame,
    unit: str = "unit",
    year: str | int | None = "year",
    indicators: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Melt a wide table (one row per unit and year, one column per indicator) to a panel.

    ``year`` names the year column, or is the year itself (an int) for a one-year table.
    ``indicators`` defaults to every column but the unit and year columns.
    """
    if unit not in wide.columns:
        raise InputError(f"wide panel: no unit column {unit!r}; found {list(wide.columns)}")
    frame = wide.copy()
    if isinstance(year, int) or year is None:
        if year is None:
            raise InputError("wide panel: give the year column or the year")
        frame["__year"] = year
        year_col = "__year"
    else:
        if year not in frame.columns:
            raise InputError(
                f"wide panel: no year column {year!r}; pass year=<int> for a one-year table"
            )
        year_col = year
    cols = (
        list(indicators)
        if indicators is not None
        else [c for c in frame.columns if c not in (unit, year_col)]
    )
    long = frame.melt(
        id_vars=[unit, year_col], value_vars=cols, var_name="indicator", value_name="value"
    )
    long = long.rename(columns={unit: "unit", year_col: "year"})
    return long[["unit", "year", "indicator", "value"]]


def panel_from_idata(
    idata: pd.DataFrame, framework: Framework, year: int | None = None
) -> pd.DataFrame:
    """A COINr iData table (uCode, Time, indicators...) as a long panel of ``framework``'s indicators."""
    if "uCode" not in idata.columns:
        raise InputError("iData: no 'uCode' column")
    missing = [c for c in framework.indicators if c not in idata.columns]
    if missing:
        raise InputError(f"iData: indicator column(s) {missing} not found")
    if "Time" in idata.columns:
        return validate_panel(
            panel_from_wide(idata, "uCode", "Time", framework.indicators), framework
        )
    if year is None:
        raise InputError("iData without a 'Time' column: pass year=")
    return validate_panel(panel_from_wide(idata, "uCode", year, framework.indicators), framework)


def to_wide(panel: pd.DataFrame, indicators: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per (unit, year), one column per indicator (in ``indicators`` order if given)."""
    wide = panel.pivot(index=["unit", "year"], columns="indicator", values="value")
    wide.columns.name = None
    if indicators is not None:
        wide = wide.reindex(columns=list(indicators))
    return wide.reset_index()


def to_idata(panel: pd.DataFrame, framework: Framework | None = None) -> pd.DataFrame:
    """The panel in COINr's iData layout (``uCode``, ``Time``, indicators) for :func:`analysis.index.build_index`."""
    wide = to_wide(panel, framework.indicators if framework is not None else None)
    return wide.rename(columns={"unit": "uCode", "year": "Time"})


# ---------------------------------------------------------------------------- files


def read_panel(
    path: str | os.PathLike[str],
    framework: Framework | None = None,
    sheet: str | int | None = None,
    year: int | None = None,
    unit_column: str | None = None,
    year_column: str | None = None,
    rows: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Read a panel from CSV or Excel (``sheet``), long, wide or COINr iData.

    - long: ``unit, year, indicator, value`` (+ ``doc, start, end, quote``);
    - wide: a unit column, a year column, one column per indicator;
    - COINr iData: ``uCode``, ``Time`` (optional), ``uName`` and group columns, indicators.

    The unit column is ``unit_column``, else ``unit``, else COINr's ``uCode``; the year
    column ``year_column``, else ``year``, else ``Time``; a file without one is the year
    ``year`` when given. ``rows`` keeps only the rows whose columns hold the given values
    (``{"province": "江苏省"}``; a list of values keeps any of them). With a ``framework`` a wide file must hold its indicators (extra
    columns such as groups or denominators are allowed) and a long one only its
    indicators. Read through :func:`analysis.files.read_table` (encodings, delimiters, the
    finite-number check); validated by :func:`validate_panel`.
    """
    p = Path(path)
    frame = read_table(
        p, what="panel file", sheet=sheet, keep_default_na=False, na_values=["", "NA"]
    )
    columns = list(frame.columns)
    frame = select_rows(frame, rows, p)
    unit = _key_column(p, columns, unit_column, ("unit", "uCode"), "unit_column")
    year_col = _key_column(p, columns, year_column, ("year", "Time"), "year_column")
    if unit is None:
        raise InputError(
            f"{p}: no unit column (looked for 'unit' and 'uCode'; found {columns}); "
            "name it with unit_column"
        )
    if year_col is None:
        if year is None:
            raise InputError(
                f"{p}: no year column (looked for 'year' and 'Time'; found {columns}); "
                "name it with year_column, or give the year of a one-year file"
            )
        frame = frame.assign(__year=year)
        year_col = "__year"
    check_finite(frame, [year_col], p)
    if {"indicator", "value"} <= set(columns):
        long = frame.rename(columns={unit: "unit", year_col: "year"})
        return validate_panel(long, framework, source=str(p))
    if framework is not None:
        indicators = framework.indicators
        missing = [c for c in indicators if c not in columns]
        if missing:
            raise InputError(f"{p}: indicator column(s) {missing} of the framework not in the file")
    else:
        skip = {unit, year_col, "uName", "Time", "year", "uCode", "unit", *(rows or {})}
        indicators = [c for c in columns if c not in skip and not c.startswith("Group_")]
    check_finite(frame, indicators, p)
    dup = frame.duplicated([unit, year_col]).to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"{where(p, i + 1, unit)}duplicate unit {frame[unit].iloc[i]!r} "
            f"in year {frame[year_col].iloc[i]}"
        )
    return validate_panel(
        panel_from_wide(frame, unit, year_col, indicators), framework, source=str(p)
    )


def select_rows(
    frame: pd.DataFrame, rows: Mapping[str, Any] | None, source: object = None
) -> pd.DataFrame:
    """The rows of ``frame`` whose column ``c`` holds ``rows[c]`` (or one of a list), for
    every ``c`` of ``rows``; compared as text. A column not in ``frame`` is an error."""
    if not rows:
        return frame
    keep = np.ones(len(frame), dtype=bool)
    for column, wanted in rows.items():
        if column not in frame.columns:
            raise InputError(f"{where(source)}rows: no column {column!r} (found {list(frame.columns)})")
        values = [wanted] if isinstance(wanted, str | int | float) else list(wanted)
        keep &= frame[column].astype(str).str.strip().isin([str(v) for v in values]).to_numpy()
    return frame.loc[keep].reset_index(drop=True)


def _key_column(
    source: Path, columns: list[str], given: str | None, defaults: tuple[str, ...], key: str
) -> str | None:
    """The column named ``given`` (an error naming ``key`` when absent), else the first
    of ``defaults`` present, else None."""
    if given is not None:
        if given not in columns:
            raise InputError(f"{source}: {key} {given!r} is not a column (found {columns})")
        return given
    return next((c for c in defaults if c in columns), None)


def check_numeric(frame: pd.DataFrame, columns: Iterable[str], source: str | None = None) -> None:
    """Every cell of ``columns`` a finite number or missing: :func:`analysis.files.check_finite`,
    the one numeric check of every reader (kept under this name for the callers of panel)."""
    check_finite(frame, columns, source)


def load_census_panel(
    path: str | os.PathLike[str] = CENSUS_INDICATORS,
    province: str | None = "江苏省",
    unit_type: str | None = "county_level_city",
    indicators: Sequence[str] | None = None,
    unit: str = "auto",
) -> pd.DataFrame:
    """The county census panel (2010, 2020) as a long panel; by default Jiangsu's county-level cities.

    Source: leiii/census (MIT), NBS census yearbooks; see SOURCE.md beside the file.
    ``unit`` is the column naming units: ``name`` (e.g. 溧阳市; the default when a
    province is chosen, names are unique within Jiangsu), ``code`` (GB/T 2260, the
    default for the whole country, where names repeat) or ``auto``. ``indicators``
    defaults to every derived indicator. Codes differ between the census years where
    divisions were reorganised; names do not always (海安县 → 海安市).
    """
    frame = read_csv(path, required=CENSUS_ID_COLUMNS, what="census indicators CSV")
    if province is not None:
        frame = frame.loc[frame["province"] == province]
    if unit_type is not None:
        frame = frame.loc[frame["unit_type"] == unit_type]
    if frame.empty:
        raise InputError(f"{path}: no rows for province {province!r} and unit type {unit_type!r}")
    column = ("name" if province is not None else "code") if unit == "auto" else unit
    if column not in ("name", "code"):
        raise InputError(f"census panel: unit must be 'name', 'code' or 'auto', got {unit!r}")
    dup = frame.duplicated(["year", column])
    if dup.any():
        raise InputError(
            f"census panel: unit {column!r} repeats within a year ({frame.loc[dup, column].iloc[0]!r}); use unit='code'"
        )
    cols = [c for c in frame.columns if c not in CENSUS_ID_COLUMNS]
    if indicators is not None:
        unknown = [c for c in indicators if c not in cols]
        if unknown:
            raise InputError(f"census panel: unknown indicator(s) {unknown}")
        cols = list(indicators)
    frame = frame.assign(unit=frame[column].astype(str))
    long = panel_from_wide(frame, "unit", "year", cols)
    return validate_panel(long.sort_values(KEY, kind="stable"), source=str(path))


# ---------------------------------------------------------------------------- figures


@dataclass(frozen=True, eq=False)
class FiguresPanel:
    """A panel from the figures of texts: ``panel`` (chosen values), ``conflicts`` (every
    unit–year–indicator with more than one distinct value: all candidates, ``chosen``
    marking the kept one), ``matched`` (every figure mapped to an indicator) and the
    ``rule`` used."""

    panel: pd.DataFrame
    conflicts: pd.DataFrame
    matched: pd.DataFrame
    rule: str = CONFLICT_RULE
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(WARNING_COLUMNS)))
    series: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> str:
        """One line for the CLI: values, conflicts and the figures left out, by reason."""
        reasons = self.warnings["reason"].value_counts()
        out = ", ".join(f"{n} {r.replace('_', ' ')}" for r, n in reasons.items() if r != "other_quality")
        filed = int(reasons.get("other_quality", 0))
        return (
            f"{len(self.panel)} values, {len(self.conflicts)} conflicting figures (rule: "
            f"{self.rule}); indicator figures left out: {out or 'none'}; filed under another "
            f"quality than their dimension: {filed}"
        )


def _publication_order(sources: pd.DataFrame) -> dict[str, str]:
    """doc → publication date as ISO text; text order is date order, and '2022-09-30' >
    '2022-09' (a day-precise date counts as later than its month)."""
    return {
        str(f): "" if pd.isna(d) else str(d).strip()
        for f, d in zip(sources["file"], sources["published"], strict=True)
    }


#: why an indicator figure is left out of the panel, or filed under another quality than
#: its ``dimension`` (:attr:`FiguresPanel.warnings` ``reason``)
WARNING_REASONS = {
    "unreadable_value": "the figure's value_base is not a number",
    "unreadable_period": "the figure's period names no year",
    "other_quality": "kept, under its indicator's quality, which is not the figure's dimension",
    "other_subject": "the subject differs from the subject the indicator's other figures measure",
}
WARNING_COLUMNS = ("unit", "year", "indicator", "subject", "period", "value_base", "doc", "start",
                   "end", "quote", "reason", "detail")  # fmt: skip


def _quality_names(framework: Framework) -> dict[str, str]:
    """indicator → the name of its quality, for the indicators whose quality is named as
    one of the figures table's dimensions (:data:`analysis.extract.DIMENSIONS`)."""
    from analysis.extract import DIMENSIONS

    names = dict(zip(framework.table["code"], framework.table["name"].astype(str), strict=True))
    parents = framework.parent_of
    named = {c: names.get(parents.get(c) or "", "") for c in framework.indicators}
    return {c: q for c, q in named.items() if q in DIMENSIONS[:-1]}


def _map_figures(figures: pd.DataFrame, framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures mapped to an indicator, with a readable value and year; the indicator
    figures set apart, with a ``reason`` of :data:`WARNING_REASONS` and a ``detail``).

    A figure maps to the first indicator in framework order whose pattern its subject
    matches and whose measures accept its measure. A mapped figure without a readable
    value or year is set apart (``unreadable_value``, ``unreadable_period``); one whose
    ``dimension`` differs from its indicator's quality is kept, under the framework's
    quality, and listed (``other_quality``, detail ``figure's → framework's``): the reports
    show every mapped figure under its indicator's quality
    (:func:`analysis.report_figures.figure_qualities`).
    """
    need = ["doc", "start", "end", "quote", "value_base", "measure", "period", "subject",
            "is_indicator"]  # fmt: skip
    missing = [c for c in need if c not in figures.columns]
    if missing:
        raise InputError(f"figures: missing column(s) {missing}")
    compiled = {code: [re.compile(p) for p in pats] for code, pats in framework.patterns.items()}
    measures = framework.measures
    quality = _quality_names(framework)
    rows = figures.loc[figures["is_indicator"].astype(str).str.strip().str.lower() == "yes"].copy()
    rows["value_num"] = pd.to_numeric(rows["value_base"], errors="coerce")
    from analysis.sources import period_last_year  # the suite's one parser of periods

    rows["year"] = pd.to_numeric(rows["period"].map(period_last_year), errors="coerce")
    if "dimension" not in rows.columns:
        rows["dimension"] = ""
    hits: list[str | None] = []
    for subject, measure in zip(
        rows["subject"].fillna("").astype(str), rows["measure"].fillna("").astype(str), strict=True
    ):
        hit = None
        for code in framework.indicators:
            pats = compiled.get(code)
            if not pats or measure not in measures.get(code, DEFAULT_MEASURES):
                continue
            if any(p.search(subject) for p in pats):
                hit = code
                break
        hits.append(hit)
    rows["indicator"] = hits
    filed = rows["indicator"].map(quality)
    dimension = rows["dimension"].fillna("").astype(str)
    elsewhere = filed.notna() & dimension.isin(list(quality.values())) & filed.ne(dimension)
    other_quality = rows.loc[elsewhere].assign(
        reason="other_quality",
        detail=[f"{d} → {q}" for d, q in zip(dimension[elsewhere], filed[elsewhere], strict=True)],
    )
    rows = rows.loc[rows["indicator"].notna()]
    no_value = rows.loc[rows["value_num"].isna()].assign(reason="unreadable_value", detail="")
    no_year = rows.loc[rows["value_num"].notna() & rows["year"].isna()].assign(
        reason="unreadable_period", detail=""
    )
    rows = rows.loc[rows["value_num"].notna() & rows["year"].notna()].copy()
    rows["year"] = rows["year"].astype(np.int64)
    rows["whole_year"] = rows["period"].fillna("").astype(str).str.fullmatch(r"(?:19|20)\d\d")
    return rows, pd.concat([no_value, no_year, other_quality])


def match_figures(figures: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Figures mapped to indicators (the first matching indicator of the figure's quality
    in framework order, :func:`_map_figures`).

    Adds ``indicator`` and ``year`` columns; figures that match no indicator, are not
    indicators (``is_indicator`` ≠ yes), have no value or no year are dropped here;
    :func:`panel_from_figures` lists the indicator figures it drops in ``warnings``.
    """
    return _map_figures(figures, framework)[0]


def _one_subject(rows: pd.DataFrame, framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows whose subject is the one their indicator measures, rows set apart as
    ``other_subject``), within each unit and indicator.

    Where the figures of one unit and indicator name different things (neither subject
    key holds the other: 各类研发机构 and 先进研发机构), one group keeps the indicator: the
    group matching the indicator's earliest pattern (the framework lists them in order of
    preference), then the group nearest the indicator's name (the longest run of
    characters shared with it), then the latest publication. The others are set apart:
    different subjects never make one series.
    """
    names = dict(zip(framework.table["code"], framework.table["name"].astype(str), strict=True))
    apart = []
    for (_, code), series in rows.groupby(["unit", "indicator"], sort=False):
        subjects = series["subject"].fillna("").astype(str)
        groups = subject_groups(subjects.tolist())
        if len(groups) < 2:
            continue
        latest = series.groupby(subjects)["published"].max()
        name = names.get(code, code)
        patterns = [re.compile(p) for p in framework.patterns.get(code, [])]

        def first_pattern(group: list[str], patterns: list[re.Pattern[str]] = patterns) -> int:
            return min(
                (i for i, p in enumerate(patterns) for s in group if p.search(s)),
                default=len(patterns),
            )

        keep = max(
            groups,
            key=lambda g: (-first_pattern(g), likeness(g, name), max(latest[s] for s in g)),
        )
        others = series.loc[~subjects.isin(keep)]
        apart.append(others.assign(reason="other_subject", detail=f"{name} = {'、'.join(keep)}"))
    if not apart:
        return rows, rows.iloc[:0].assign(reason="", detail="")
    set_apart = pd.concat(apart)
    return rows.drop(index=set_apart.index), set_apart


#: the framework that maps the figures quoted in reports to indicators
FIGURES_FRAMEWORK = "liyang-quality-city"


def figures_framework() -> Framework:
    """The framework of :func:`panel_from_figures` (:data:`FIGURES_FRAMEWORK`)."""
    from analysis.framework import load_framework

    return load_framework(FIGURES_FRAMEWORK)


def figures_units(
    docs: Iterable[str],
    sources: pd.DataFrame | None = None,
    texts_dir: str | os.PathLike[str] | None = None,
    default: str = LIYANG,
) -> dict[str, str]:
    """doc → the unit it reports on (issue 15 item 3), each document decided in this order:

    1. the sources row's ``unit`` (e.g. 丹阳市);
    2. the unit its ``title`` names (:func:`analysis.sources.unit_from_title`:
       ``2022年丹阳市国民经济和社会发展统计公报`` → 丹阳市);
    3. the unit the text's first lines name, when the text is found at ``texts_dir/doc``
       (:func:`analysis.sources.text_unit`, as :func:`analysis.extract.document_units`);
    4. the unit the document's file name names (``2022年丹阳市统计公报.txt``);
    5. ``default`` (``--unit``; 溧阳市, the unit of the reports in data/raw/reports).

    Titles, first lines and names are read as the extractor reads a text (romanisation
    removed, traditional characters as simplified: :func:`analysis.extract.script.readable_text`),
    so ``2022年柴桑區國民經濟和社會發展統計公報`` names 柴桑区.
    """
    from analysis.extract.script import readable_text
    from analysis.files import decode_text
    from analysis.sources import source_key, text_unit, unit_from_title

    def simplified(text: str) -> str:
        return readable_text(text)[0]

    by_file: dict[str, tuple[str, str]] = {}
    if sources is not None:
        for file, unit, title in zip(
            sources["file"],
            sources["unit"] if "unit" in sources.columns else [""] * len(sources),
            sources["title"] if "title" in sources.columns else [""] * len(sources),
            strict=True,
        ):
            by_file[source_key(str(file))] = (str(unit or "").strip(), str(title or ""))
    units: dict[str, str] = {}
    for doc in docs:
        unit, title = by_file.get(source_key(doc), ("", ""))
        found = unit or unit_from_title(simplified(title))
        path = Path(texts_dir) / doc if texts_dir is not None else None
        if not found and path is not None and path.is_file():
            found = text_unit(simplified(decode_text(path.read_bytes(), path)[0][:400]))
        units[doc] = found or unit_from_title(simplified(Path(doc).stem)) or default
    return units


def panel_from_figures(
    figures: pd.DataFrame | str | os.PathLike[str] = FIGURES_CSV,
    framework: Framework | None = None,
    sources: pd.DataFrame | str | os.PathLike[str] = RAW_SOURCES,
    unit: str = LIYANG,
    texts_dir: str | os.PathLike[str] | None = None,
) -> FiguresPanel:
    """Build the long panel of every unit the figures report on, through the framework's patterns.

    Each document's unit is :func:`figures_units` (sources ``unit``, its ``title``, the
    text's first lines found in ``texts_dir`` — by default the folder of a sources file
    given as a path —, the file name, else ``unit``: the reports of data/raw/reports name
    none and all are Liyang's). Within each unit, where several figures give the same
    indicator and year, every distinct value is kept in ``conflicts`` and one is chosen by
    :data:`CONFLICT_RULE` (latest publication). Repeats of the same value are not
    conflicts (the rule still picks the mention cited).
    """
    if framework is None:
        framework = figures_framework()
    if not isinstance(figures, pd.DataFrame):
        figures = read_csv(figures, what="figures CSV", keep_default_na=False, na_values=[""])
    if not isinstance(sources, pd.DataFrame):
        from analysis.sources import read_source_table  # the one reader of sources.csv

        if texts_dir is None:
            texts_dir = Path(sources).parent
        sources = read_source_table(sources)
    order = _publication_order(sources)
    rows, apart = _map_figures(figures, framework)
    unknown_docs = sorted(set(rows["doc"]) - set(order))
    if unknown_docs:
        raise InputError(
            f"figures: document(s) {unknown_docs} not in sources.csv (no publication date)"
        )
    docs = sorted(set(rows["doc"].astype(str)) | set(apart["doc"].astype(str)))
    units = figures_units(docs, sources, texts_dir, unit)
    for table in (rows, apart):
        table["unit"] = table["doc"].astype(str).map(units).astype(object)
        table["published"] = table["doc"].astype(str).map(order).fillna("")
        table["start"] = pd.to_numeric(table["start"], errors="coerce").astype("Int64")
        table["end"] = pd.to_numeric(table["end"], errors="coerce").astype("Int64")
    rows, other_subject = _one_subject(rows, framework)
    group = ["unit", "indicator", "year"]
    rows = rows.sort_values([*group, "doc", "start"], kind="stable")
    best = _choose(rows, group)
    best_index = set(best.index)
    distinct = rows.groupby(group)["value_num"].transform("nunique")
    conflict_rows = rows.loc[distinct > 1]
    conflicts = pd.DataFrame(
        {
            "unit": conflict_rows["unit"],
            "year": conflict_rows["year"],
            "indicator": conflict_rows["indicator"],
            "value": conflict_rows["value_num"].astype(np.float64),
            "period": conflict_rows["period"].astype(str),
            "doc": conflict_rows["doc"],
            "published": conflict_rows["published"],
            "start": conflict_rows["start"],
            "end": conflict_rows["end"],
            "quote": conflict_rows["quote"],
            "chosen": [i in best_index for i in conflict_rows.index],
        }
    ).reset_index(drop=True)
    panel = pd.DataFrame(
        {
            "unit": best["unit"].to_numpy(),
            "year": best["year"].to_numpy(),
            "indicator": best["indicator"].to_numpy(),
            "value": best["value_num"].to_numpy(np.float64),
            "doc": best["doc"].to_numpy(),
            "start": best["start"].to_numpy(),
            "end": best["end"].to_numpy(),
            "quote": best["quote"].to_numpy(),
        }
    )
    panel = validate_panel(panel, framework, source="figures")
    matched = rows.drop(columns=["value_num"]).reset_index(drop=True)
    return FiguresPanel(
        panel=panel.sort_values(KEY, kind="stable").reset_index(drop=True),
        conflicts=conflicts,
        matched=matched,
        warnings=_warnings(pd.concat([apart, other_subject])),
        series=_series(rows),
    )


def _choose(rows: pd.DataFrame, group: list[str]) -> pd.DataFrame:
    """One row per ``group`` by :data:`CONFLICT_RULE`: latest publication, then a whole
    year over a part of it, then the earlier mention (doc, start)."""
    ranked = rows.assign(
        _whole=rows["whole_year"].astype(int),
        _neg_start=-rows["start"].astype("float64"),
    ).sort_values(
        [*group, "published", "_whole", "doc", "_neg_start"],
        ascending=[True] * len(group) + [False, False, True, False],
        kind="stable",
    )
    return ranked.groupby(group, sort=False).head(1).drop(columns=["_whole", "_neg_start"])


def _series(rows: pd.DataFrame) -> pd.DataFrame:
    """Like with like: one value per unit, indicator, :func:`period_kind` and year (by
    :data:`CONFLICT_RULE`), so that a part-year figure never stands for its year."""
    rows = rows.assign(period_kind=rows["period"].map(period_kind))
    best = _choose(rows, ["unit", "indicator", "period_kind", "year"])
    columns = ["unit", "year", "indicator", "period_kind", "period", "value", "subject", "surface",
               "base_unit", "measure", "doc", "start", "end", "quote", "published"]  # fmt: skip
    best = best.assign(value=best["value_num"].astype(np.float64))
    for column in ("surface", "base_unit"):
        if column not in best.columns:
            best[column] = ""
    return best[columns].sort_values(["unit", "indicator", "period_kind", "year"]).reset_index(drop=True)


def _warnings(apart: pd.DataFrame) -> pd.DataFrame:
    """The indicator figures left out of the panel, one row each with its ``reason``
    (:data:`WARNING_REASONS`), in text order: nothing vanishes without a word."""
    if apart.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in WARNING_COLUMNS})
    table = apart.assign(year=apart["year"].astype("Int64"))
    table = table.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)
    return table[list(WARNING_COLUMNS)]
