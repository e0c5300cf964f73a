"""Indicator frameworks as data: a validated tree of indicators and aggregates.

A framework is COINr's ``iMeta`` table (Becker et al. 2022, *COINr: An R package for
developing composite indicators*, JOSS 7(78) 4567) in snake_case: one row per node,

=============  ==========================================================================
column         meaning
=============  ==========================================================================
code           unique code (an iData column for indicators)
name           name (Chinese where the framework is Chinese)
name_en        English name ('' when unknown)
parent         code of the aggregate this node belongs to; missing for the top node
level          1 for indicators, parent level = child level + 1; the top is the Index
direction      +1 (more is better) or -1 (less is better)
unit           unit of measurement ('' when unknown)
weight         weight within the parent's group (> 0; normalised within each group
               when aggregating, OECD/JRC Handbook 2008, section 6)
denominator    data column an indicator is divided by in the Denominate step, or missing
type           ``indicator`` or ``aggregate``
target         target value (COINr's ``Target``, for distance-to-target), or missing
=============  ==========================================================================

Checks on load (each a :class:`~analysis.errors.InputError` naming the code): duplicate
codes, unknown parent, a parent that is an indicator, cycles, more than one top node, an
aggregate without children, a direction other than ±1, a weight that is not a number > 0,
and a level that disagrees with the tree (every child sits exactly one level below its
parent, as COINr requires).

Loaders: :func:`load_framework` for a built-in name (``src/analysis/frameworks/*.yaml``) or
a path to a YAML file, a COINr iMeta CSV or a criteria CSV (the ``weights``/``rank`` layout,
``indicator,direction[,weight][,dimension][,name_zh][,name_en]``: each dimension becomes an
aggregate under one index, :func:`framework_from_criteria`); :func:`framework_from_imeta` for
an iMeta table.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.config import FRAMEWORKS_DIR
from analysis.errors import InputError
from analysis.files import read_table, read_yaml

COLUMNS = (
    "code",
    "name",
    "name_en",
    "parent",
    "level",
    "direction",
    "unit",
    "weight",
    "denominator",
    "type",
    "target",
)
TYPES = ("indicator", "aggregate")


@dataclass(frozen=True, eq=False)
class Framework:
    """A validated framework: ``table`` plus what a YAML file says about it.

    Build it with :func:`load_framework`, :func:`framework_from_yaml`,
    :func:`framework_from_imeta` or :func:`framework_from_table`, never by hand: those
    validate. ``table`` rows are ordered indicators first (file order), then aggregates by
    level (file order within a level), the top node last.
    """

    table: pd.DataFrame
    name: str = ""
    title: str = ""
    notes: str = ""
    source: str = ""
    patterns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    measures: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    groups: tuple[str, ...] = ()
    denominators: tuple[str, ...] = ()

    @cached_property
    def indicators(self) -> list[str]:
        """Indicator codes, in framework order."""
        t = self.table
        return t.loc[t["type"] == "indicator", "code"].tolist()

    @cached_property
    def aggregates(self) -> list[str]:
        """Aggregate codes, lowest level first, the top node last."""
        t = self.table
        return t.loc[t["type"] == "aggregate", "code"].tolist()

    @cached_property
    def codes(self) -> list[str]:
        """Every code, in table order (indicators, then aggregates level by level)."""
        return self.table["code"].tolist()

    @cached_property
    def indicator_index(self) -> pd.Index:
        """:attr:`indicators` as a pandas Index (columns of the step datasets)."""
        return pd.Index(self.indicators)

    @cached_property
    def dataset_index(self) -> pd.Index:
        """Indicators then aggregates, as a pandas Index (columns of the Aggregated dataset)."""
        return pd.Index(self.indicators + self.aggregates)

    @cached_property
    def parent_of(self) -> dict[str, str | None]:
        """Code → parent code (None for the top node)."""
        return dict(zip(self.table["code"], self.table["parent"], strict=True))

    @cached_property
    def level_of(self) -> dict[str, int]:
        """Code → level."""
        return dict(zip(self.table["code"], self.table["level"].astype(int), strict=True))

    @property
    def top(self) -> str:
        """The code of the top node (the Index)."""
        return self.codes[-1]

    @property
    def n_levels(self) -> int:
        return self.level_of[self.top]

    @cached_property
    def direction(self) -> np.ndarray:
        """Directions of the indicators (float64, ±1), in :attr:`indicators` order."""
        t = self.table
        out = t.loc[t["type"] == "indicator", "direction"].to_numpy(dtype=np.float64)
        out.setflags(write=False)
        return out

    @property
    def weights(self) -> pd.Series:
        """Weight of every node, indexed by code."""
        return pd.Series(
            self.table["weight"].to_numpy(np.float64), index=self.table["code"], name="weight"
        )

    def codes_at(self, level: int) -> list[str]:
        """Codes at ``level`` (1 = indicators), in table order."""
        return [c for c in self.codes if self.level_of[c] == level]

    def children(self, code: str) -> list[str]:
        """Codes whose parent is ``code``, in table order."""
        return [c for c in self.codes if self.parent_of[c] == code]

    def with_weights(self, weights: Mapping[str, float] | pd.Series) -> Framework:
        """A copy with some weights replaced (codes not given keep theirs); validated."""
        return set_weights(self, weights)

    def subset(self, indicators: Iterable[str]) -> Framework:
        """A copy keeping only ``indicators``; aggregates left without children are dropped."""
        return subset_framework(self, indicators)


def framework_table(fw: Framework) -> pd.DataFrame:
    """The framework's table (a copy): columns :data:`COLUMNS`."""
    return fw.table.copy()


# ---------------------------------------------------------------------------- validation


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if value is pd.NA:
        return True
    return isinstance(value, str) and value.strip() in {"", "NA"}


def _text(value: Any) -> str:
    return "" if _blank(value) else str(value).strip()


def _number(value: Any, code: str, column: str, source: str) -> float:
    if _blank(value):
        return np.nan
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise InputError(
            f"{source}framework code {code!r}: {column} {value!r} is not a number"
        ) from None
    return out


def validate_table(
    rows: pd.DataFrame | Iterable[Mapping[str, Any]], source: str = ""
) -> pd.DataFrame:
    """Check and complete a framework table; return it with exactly :data:`COLUMNS`.

    ``rows`` needs ``code``, ``parent`` and ``type`` (``indicator`` / ``aggregate``);
    the other columns are optional: ``name`` defaults to the code, ``direction`` and
    ``weight`` to 1, ``level`` is derived from the tree (and checked when given).
    ``source`` (e.g. a file name) prefixes error messages.
    """
    prefix = f"{source}: " if source else ""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else [dict(r) for r in rows]
    if not records:
        raise InputError(f"{prefix}framework has no rows")
    codes: list[str] = []
    seen: dict[str, int] = {}
    clean: list[dict[str, Any]] = []
    for i, rec in enumerate(records, start=1):
        code = _text(rec.get("code"))
        if not code:
            raise InputError(f"{prefix}framework row {i}: empty code")
        if code in seen:
            raise InputError(
                f"{prefix}framework code {code!r}: duplicate code (rows {seen[code]} and {i})"
            )
        seen[code] = i
        codes.append(code)
        kind = _text(rec.get("type")).lower() or "indicator"
        if kind not in TYPES:
            raise InputError(
                f"{prefix}framework code {code!r}: type {kind!r} is not one of {TYPES}"
            )
        direction = _number(rec.get("direction"), code, "direction", prefix)
        direction = 1.0 if np.isnan(direction) else direction
        if direction not in (1.0, -1.0):
            raise InputError(
                f"{prefix}framework code {code!r}: direction {rec.get('direction')!r} is not +1 or -1"
            )
        weight = _number(rec.get("weight"), code, "weight", prefix)
        clean.append(
            {
                "code": code,
                "name": _text(rec.get("name")) or code,
                "name_en": _text(rec.get("name_en")),
                "parent": _text(rec.get("parent")) or None,
                "level": _number(rec.get("level"), code, "level", prefix),
                "direction": direction,
                "unit": _text(rec.get("unit")),
                "weight": weight,
                "denominator": _text(rec.get("denominator")) or None,
                "type": kind,
                "target": _number(rec.get("target"), code, "target", prefix),
            }
        )
    by_code = {r["code"]: r for r in clean}
    for r in clean:
        parent = r["parent"]
        if parent is None:
            continue
        if parent not in by_code:
            raise InputError(f"{prefix}framework code {r['code']!r}: unknown parent {parent!r}")
        if by_code[parent]["type"] != "aggregate":
            raise InputError(
                f"{prefix}framework code {r['code']!r}: parent {parent!r} is an indicator"
            )
    for r in clean:  # cycles: walking up must end at a root within len(codes) steps
        path = [r["code"]]
        node = r
        while node["parent"] is not None:
            node = by_code[node["parent"]]
            if node["code"] in path:
                cycle = " -> ".join([*path[path.index(node["code"]) :], node["code"]])
                raise InputError(f"{prefix}framework code {node['code']!r}: cycle {cycle}")
            path.append(node["code"])
    roots = [r["code"] for r in clean if r["parent"] is None]
    if len(roots) != 1:
        raise InputError(f"{prefix}framework needs exactly one top node (no parent); found {roots}")
    kids: dict[str, list[str]] = {c: [] for c in codes}
    for r in clean:
        if r["parent"] is not None:
            kids[r["parent"]].append(r["code"])
    for r in clean:
        if r["type"] == "aggregate" and not kids[r["code"]]:
            raise InputError(f"{prefix}framework code {r['code']!r}: aggregate without children")
    if not any(r["type"] == "indicator" for r in clean):
        raise InputError(f"{prefix}framework has no indicators")

    level: dict[str, int] = {}

    def depth(code: str) -> int:
        if code not in level:
            node = by_code[code]
            level[code] = (
                1 if node["type"] == "indicator" else 1 + max(depth(k) for k in kids[code])
            )
        return level[code]

    for r in clean:
        lv = depth(r["code"])
        if r["parent"] is not None and depth(r["parent"]) != lv + 1:
            raise InputError(
                f"{prefix}framework code {r['code']!r}: level {lv} but its parent "
                f"{r['parent']!r} is at level {depth(r['parent'])}; every child must sit one "
                "level below its parent (indicators at level 1)"
            )
        given = r["level"]
        if not np.isnan(given) and int(given) != lv:
            raise InputError(
                f"{prefix}framework code {r['code']!r}: level {int(given)} given, {lv} from the tree"
            )
        r["level"] = lv
        w = r["weight"]
        if np.isnan(w):  # not given: equal weights
            r["weight"] = 1.0
        elif not np.isfinite(w) or w <= 0:
            raise InputError(
                f"{prefix}framework code {r['code']!r}: weight {w!r} must be a number > 0"
            )
    order = sorted(range(len(clean)), key=lambda i: (clean[i]["level"], i))
    table = pd.DataFrame([clean[i] for i in order], columns=list(COLUMNS))
    table["level"] = table["level"].astype(np.int64)
    for col in ("direction", "weight", "target"):
        table[col] = table[col].astype(np.float64)
    for col in ("parent", "denominator"):
        table[col] = table[col].astype(object).where(table[col].notna(), None)
    return table.reset_index(drop=True)


def framework_from_table(
    rows: pd.DataFrame | Iterable[Mapping[str, Any]], **attrs: Any
) -> Framework:
    """Validate ``rows`` (see :func:`validate_table`) into a :class:`Framework`."""
    table = validate_table(rows, source=str(attrs.get("source", "")))
    return Framework(table=table, **attrs)


# ---------------------------------------------------------------------------- COINr iMeta

IMETA_COLUMNS = {
    "iCode": "code",
    "iName": "name",
    "Parent": "parent",
    "Level": "level",
    "Direction": "direction",
    "Unit": "unit",
    "Weight": "weight",
    "Denominator": "denominator",
    "Type": "type",
    "Target": "target",
}


def framework_from_imeta(imeta: pd.DataFrame | str | os.PathLike[str], name: str = "") -> Framework:
    """Read COINr's iMeta format (a path or a table) into a :class:`Framework`.

    Rows of ``Type`` ``Indicator`` and ``Aggregate`` become the tree; ``Group`` and
    ``Denominator`` rows are kept as :attr:`Framework.groups` and
    :attr:`Framework.denominators` (iData columns that are not indicators). ``iName``
    fills both ``name`` and ``name_en``. Required columns as in COINr: ``iCode``,
    ``Level``, ``Parent``, ``Direction``, ``Weight``, ``Type``.
    """
    source = ""
    if not isinstance(imeta, pd.DataFrame):
        source = str(imeta)
        imeta = read_table(
            imeta,
            required=("iCode", "Level", "Parent", "Direction", "Weight", "Type"),
            what="iMeta CSV",
            keep_default_na=False,
            na_values=["", "NA"],
        )
    else:
        missing = [c for c in ("iCode", "Parent", "Type") if c not in imeta.columns]
        if missing:
            raise InputError(f"iMeta: missing column(s) {missing}")
    kinds = imeta["Type"].astype(str).str.strip().str.lower()
    unknown = sorted(set(kinds) - {"indicator", "aggregate", "group", "denominator", "other"})
    if unknown:
        row = int(np.flatnonzero(kinds.isin(unknown))[0]) + 1
        raise InputError(
            f"{source or 'iMeta'}, row {row}, column 'Type': unknown type {unknown[0]!r}"
        )
    tree = imeta.loc[kinds.isin(["indicator", "aggregate"])]
    rows = []
    for rec in tree.to_dict("records"):
        row = {new: rec.get(old) for old, new in IMETA_COLUMNS.items()}
        row["name_en"] = row["name"]
        row["type"] = str(row["type"]).strip().lower()
        rows.append(row)
    groups = tuple(imeta.loc[kinds == "group", "iCode"].astype(str))
    denoms = tuple(imeta.loc[kinds == "denominator", "iCode"].astype(str))
    stem = Path(source).stem if source else ""
    return framework_from_table(
        rows, name=name or stem, source=source, groups=groups, denominators=denoms
    )


def framework_to_imeta(fw: Framework) -> pd.DataFrame:
    """The framework as a COINr iMeta table (indicators and aggregates, then groups)."""
    t = fw.table
    out = pd.DataFrame(
        {
            "Level": t["level"].astype("Int64"),
            "iCode": t["code"],
            "iName": t["name_en"].where(t["name_en"] != "", t["name"]),
            "Direction": t["direction"].astype("Int64"),
            "Weight": t["weight"],
            "Unit": t["unit"],
            "Target": t["target"],
            "Denominator": t["denominator"],
            "Parent": t["parent"],
            "Type": t["type"].str.capitalize(),
        }
    )
    extra = [
        {"iCode": c, "iName": c, "Type": kind}
        for kinds, kind in ((fw.groups, "Group"), (fw.denominators, "Denominator"))
        for c in kinds
    ]
    return pd.concat([out, pd.DataFrame(extra)], ignore_index=True) if extra else out


# ---------------------------------------------------------------------------- criteria CSV

CRITERIA_COLUMNS = ("indicator", "direction", "weight", "dimension", "name_zh", "name_en",
                    "name", "unit", "dimension_en")  # fmt: skip
#: words accepted for a direction besides +1 / -1 (as the weights and rank commands do)
DIRECTION_WORDS = {"benefit": 1.0, "max": 1.0, "cost": -1.0, "min": -1.0}
#: the code, Chinese and English names of the top node a criteria CSV is put under
CRITERIA_TOP = ("Index", "综合指数", "Composite index")
#: English names of the six qualities (the Chinese names are the dimensions' codes)
QUALITY_NAMES_EN = {
    "经济发展": "Economic development",
    "开放创新": "Openness and innovation",
    "生态环境": "Ecology and environment",
    "城乡融合": "Urban-rural integration",
    "共同富裕": "Common prosperity",
    "社会治理": "Social governance",
}


def is_criteria_table(columns: Iterable[str]) -> bool:
    """Whether a table's columns are a criteria CSV's (``indicator`` and ``direction``)."""
    return {"indicator", "direction"} <= set(columns)


def framework_from_criteria(
    criteria: pd.DataFrame | str | os.PathLike[str], name: str = "", sheet: str | int | None = None
) -> Framework:
    """A criteria table (``indicator,direction[,weight][,dimension][,name_zh][,name_en]``,
    also ``name``, ``unit`` and ``dimension_en``) as a two- or three-level framework.

    Each distinct ``dimension`` becomes an aggregate (the six qualities in their usual
    order, then other dimensions in order of first appearance), named by the dimension;
    its English name is ``dimension_en`` (one per dimension), else :data:`QUALITY_NAMES_EN`
    for the six qualities, else the dimension as written;
    under one top node :data:`CRITERIA_TOP`; without a ``dimension`` column the indicators
    sit directly under it. ``weight`` (default 1) is the weight within the indicator's
    group; dimensions weigh 1 each. ``direction`` is ±1 or one of :data:`DIRECTION_WORDS`.
    ``name_zh`` (else ``name``, else the code) and ``name_en`` (else ``name``) name the
    indicators. Errors name the file, row and column.
    """
    source = ""
    if not isinstance(criteria, pd.DataFrame):
        source = str(criteria)
        criteria = read_table(
            criteria, required=("indicator", "direction"), what="criteria CSV", sheet=sheet,
            dtype=str, keep_default_na=False,
        )  # fmt: skip
    elif not is_criteria_table(criteria.columns):
        raise InputError("criteria: needs columns 'indicator' and 'direction'")
    label = source or "criteria"
    top_code, top_zh, top_en = CRITERIA_TOP
    rows: list[dict[str, Any]] = []
    dimensions: dict[str, str | None] = {}  # dimension → its English name (dimension_en)
    for i, rec in enumerate(criteria.to_dict("records"), start=1):
        code = _text(rec.get("indicator"))
        if not code:
            raise InputError(f"{label}, row {i}, column 'indicator': empty indicator")
        raw = _text(rec.get("direction")).lower()
        direction = DIRECTION_WORDS.get(raw)
        if direction is None:
            try:
                direction = float(raw)
            except ValueError:
                direction = np.nan
        if direction not in (1.0, -1.0):
            raise InputError(
                f"{label}, row {i}, column 'direction': {rec.get('direction')!r}: "
                "use +1 (more is better) or -1 (less is better)"
            )
        weight = _text(rec.get("weight"))
        try:
            weight_value = float(weight) if weight else np.nan
        except ValueError:
            raise InputError(f"{label}, row {i}, column 'weight': {weight!r} is not a number") from None
        dimension = _text(rec.get("dimension"))
        if dimension:
            english = _text(rec.get("dimension_en"))
            if english and dimensions.get(dimension) not in (None, english):
                raise InputError(
                    f"{label}, row {i}, column 'dimension_en': {english!r}, but an earlier row "
                    f"names {dimension!r} {dimensions[dimension]!r}"
                )
            dimensions[dimension] = dimensions.get(dimension) or english or None
        plain = _text(rec.get("name"))
        rows.append({
            "code": code,
            "name": _text(rec.get("name_zh")) or plain or code,
            "name_en": _text(rec.get("name_en")) or plain,
            "parent": dimension or top_code,
            "direction": direction,
            "unit": _text(rec.get("unit")),
            "weight": weight_value,
            "type": "indicator",
        })  # fmt: skip
    clash = sorted({top_code, *dimensions} & {r["code"] for r in rows})
    if clash:
        raise InputError(f"{label}: indicator code(s) {clash} also name a dimension or the index")
    order = list(QUALITY_NAMES_EN)
    ranked = sorted(dimensions, key=lambda d: order.index(d) if d in order else len(order))
    rows += [
        {"code": d, "name": d, "name_en": dimensions[d] or QUALITY_NAMES_EN.get(d, d),
         "parent": top_code, "type": "aggregate"}
        for d in ranked
    ]  # fmt: skip
    rows.append({"code": top_code, "name": top_zh, "name_en": top_en, "type": "aggregate"})
    stem = Path(source).stem if source else ""
    return framework_from_table(rows, name=name or stem, source=source)


# ---------------------------------------------------------------------------- YAML


def framework_from_yaml(path: str | os.PathLike[str]) -> Framework:
    """Read a framework YAML file.

    Layout::

        name: liyang-quality-city
        title: ...
        notes: |
          free text: choices, caveats
        aggregates:            # any order; the top node has no parent
          - {code: Index, name: 品质城市指数, name_en: Quality city index}
          - {code: Econ, name: 经济发展, parent: Index, weight: 1}
        indicators:
          - code: GDP
            name: 地区生产总值
            parent: Econ
            direction: 1
            unit: 亿元
            measure: level                  # optional: the figure's measure(s) allowed
            patterns: [地区生产总值, GDP]     # subjects of figures.csv that map here

    Indicator keys: those of :data:`COLUMNS` plus ``patterns`` (regular expressions
    searched in the ``subject`` of a cleaned figure) and ``measure`` (one measure or a list:
    the figure's ``measure`` must be one of them), see
    :func:`analysis.panel.panel_from_figures`.
    """
    p = Path(path)
    doc = read_yaml(p, "framework file")
    return framework_from_dict(doc, source=str(p))


def framework_from_dict(doc: Any, source: str = "framework") -> Framework:
    """Build a :class:`Framework` from the parsed YAML layout of :func:`framework_from_yaml`."""
    if not isinstance(doc, dict):
        raise InputError(f"{source}: expected a mapping with 'aggregates' and 'indicators'")
    unknown = set(doc) - {
        "name",
        "title",
        "notes",
        "aggregates",
        "indicators",
        "groups",
        "denominators",
    }
    if unknown:
        raise InputError(f"{source}: unknown key(s) {sorted(unknown)}")
    rows: list[dict[str, Any]] = []
    patterns: dict[str, tuple[str, ...]] = {}
    measures: dict[str, tuple[str, ...]] = {}
    for kind in ("indicators", "aggregates"):
        entries = doc.get(kind) or []
        if not isinstance(entries, list):
            raise InputError(f"{source}: '{kind}' must be a list")
        for i, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                raise InputError(f"{source}: {kind} entry {i} is not a mapping")
            extra = set(entry) - set(COLUMNS) - {"patterns", "measure"}
            if extra:
                raise InputError(
                    f"{source}: {kind} entry {i} ({entry.get('code')!r}): unknown key(s) {sorted(extra)}"
                )
            row = {k: v for k, v in entry.items() if k not in ("patterns", "measure")}
            measure = entry.get("measure")
            if measure:
                items = [measure] if isinstance(measure, str) else list(measure)
                measures[str(entry.get("code"))] = tuple(str(m) for m in items)
            row["type"] = kind[:-1]
            rows.append(row)
            pats = entry.get("patterns") or []
            if isinstance(pats, str):
                pats = [pats]
            if pats:
                patterns[str(entry.get("code"))] = tuple(str(x) for x in pats)
    return framework_from_table(
        rows,
        name=str(doc.get("name") or Path(source).stem),
        title=str(doc.get("title") or ""),
        notes=str(doc.get("notes") or ""),
        source=source,
        patterns=patterns,
        measures=measures,
        groups=tuple(doc.get("groups") or ()),
        denominators=tuple(doc.get("denominators") or ()),
    )


def builtin_frameworks() -> list[str]:
    """Names of the frameworks shipped in ``src/analysis/frameworks``."""
    return sorted(p.stem for p in FRAMEWORKS_DIR.glob("*.yaml"))


def load_framework(name_or_path: str | os.PathLike[str]) -> Framework:
    """Load a built-in framework by name, or by path a YAML file, a COINr iMeta CSV or a
    criteria CSV/Excel file (told apart by its ``indicator`` and ``direction`` columns)."""
    p = Path(name_or_path)
    if p.suffix.lower() in {".yaml", ".yml"} and p.exists():
        return framework_from_yaml(p)
    if p.suffix.lower() in {".csv", ".xlsx", ".xls"} and p.exists():
        head = read_table(p, what="framework file", nrows=0)
        if is_criteria_table(head.columns):
            return framework_from_criteria(p)
        return framework_from_imeta(p)
    builtin = FRAMEWORKS_DIR / f"{name_or_path}.yaml"
    if builtin.exists():
        return framework_from_yaml(builtin)
    raise InputError(
        f"framework {str(name_or_path)!r}: neither a YAML/CSV file nor a built-in "
        f"framework ({', '.join(builtin_frameworks())})"
    )


# ---------------------------------------------------------------------------- derived


def set_weights(fw: Framework, weights: Mapping[str, float] | pd.Series) -> Framework:
    """A copy of ``fw`` with the weights of the codes in ``weights`` replaced (validated)."""
    w = pd.Series(weights, dtype=np.float64)
    unknown = sorted(set(w.index) - set(fw.codes))
    if unknown:
        raise InputError(f"weights: unknown code(s) {unknown}")
    bad = w[~(np.isfinite(w) & (w > 0))]
    if len(bad):
        raise InputError(
            f"weights: code {bad.index[0]!r} has weight {bad.iloc[0]!r}; weights must be > 0"
        )
    table = fw.table.copy()
    table["weight"] = table["code"].map(w).fillna(table["weight"]).astype(np.float64)
    return replace(fw, table=table)


def subset_framework(fw: Framework, indicators: Iterable[str]) -> Framework:
    """Keep only ``indicators``; drop aggregates that are left without children."""
    keep = set(indicators)
    unknown = sorted(keep - set(fw.indicators))
    if unknown:
        raise InputError(f"framework {fw.name!r}: unknown indicator(s) {unknown}")
    t = fw.table
    alive = set(keep)
    for level in range(2, fw.n_levels + 1):
        for code in fw.codes_at(level):
            if any(k in alive for k in fw.children(code)):
                alive.add(code)
    table = t.loc[t["code"].isin(alive)].reset_index(drop=True)
    patterns = {k: v for k, v in fw.patterns.items() if k in alive}
    measures = {k: v for k, v in fw.measures.items() if k in alive}
    return replace(
        fw, table=validate_table(table, source=fw.source), patterns=patterns, measures=measures
    )


def effective_weights(fw: Framework) -> pd.Series:
    """Each node's weight in the top node: the product down the tree of w / Σ siblings' w.

    COINr's ``get_eff_weights()``; the top node gets 1.
    """
    t = fw.table
    share = t["weight"] / t.groupby(t["parent"].fillna("__top__"))["weight"].transform("sum")
    share = pd.Series(share.to_numpy(), index=t["code"])
    parent = dict(zip(t["code"], t["parent"], strict=True))
    out = {}
    for code in t["code"]:
        value, node = 1.0, code
        while parent[node] is not None:
            value *= share[node]
            node = parent[node]
        out[code] = value
    return pd.Series(out, name="effective_weight")


def lineage(fw: Framework) -> pd.DataFrame:
    """One row per indicator, one column per level: the indicator's ancestors (COINr's lineage)."""
    parent = dict(zip(fw.table["code"], fw.table["parent"], strict=True))
    rows = []
    for code in fw.indicators:
        chain = [code]
        while parent[chain[-1]] is not None:
            chain.append(parent[chain[-1]])
        rows.append(chain)
    return pd.DataFrame(rows, columns=[f"level_{i}" for i in range(1, fw.n_levels + 1)])
