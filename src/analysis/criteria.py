"""A criteria CSV as a framework: ``indicator,direction[,weight][,dimension][,name_zh][,name_en]``.

The form ``qci weights`` and ``qci rank`` have always read, accepted wherever a framework
is (``--meta``, ``--criteria``). Directions: ±1, ``benefit``/``cost``, ``max``/``min``.
(To be folded into :mod:`analysis.framework` by its owner; kept apart so that library
modules need not import from :mod:`analysis.commands`.)
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.errors import InputError, where
from analysis.files import read_csv

if TYPE_CHECKING:
    from analysis.framework import Framework

DIRECTION_WORDS = {"benefit": 1.0, "max": 1.0, "cost": -1.0, "min": -1.0}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [c.strip() for c in next(csv.reader(fh), [])]


def _check_unique(path: Path, labels: list[str], what: str) -> None:
    seen: set[str] = set()
    for label in labels:
        if label in seen:
            raise InputError(f"{path}: duplicate {what} {label!r}")
        seen.add(label)


def _direction(value: str, path: Path, row: int) -> float:
    text = str(value).strip().lower()
    if text in DIRECTION_WORDS:
        return DIRECTION_WORDS[text]
    try:
        number = float(text)
    except ValueError:
        number = np.nan
    if number not in (1.0, -1.0):
        raise InputError(f"{where(path, row, 'direction')}{value!r}: use +1 (benefit) or -1 (cost)")
    return number


def _weight(value: str, path: Path, row: int) -> float:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"{where(path, row, 'weight')}{value!r} is not a number") from None
    if not np.isfinite(number) or number < 0:
        raise InputError(f"{where(path, row, 'weight')}{value!r}: weights must be ≥ 0")
    return number


def is_criteria_csv(path: str | Path) -> bool:
    """Whether ``path`` is a criteria CSV (a header with ``indicator`` and ``direction``)."""
    p = Path(path)
    if p.suffix.lower() != ".csv" or not p.is_file():
        return False
    header = set(_header(p))
    return {"indicator", "direction"} <= header


def criteria_framework(path: str | Path) -> Framework:
    """A criteria CSV as a framework: indicators under their ``dimension`` (if the column
    is there), dimensions (weight 1) under ``Index``; otherwise every indicator directly
    under ``Index``. ``weight`` (default 1), ``name_zh`` / ``name`` and ``name_en`` are
    carried over. Directions as in :func:`read_criteria` (±1, benefit/cost, max/min).
    """
    from analysis.framework import framework_from_table

    p = Path(path)
    frame = read_csv(p, required=("indicator", "direction"), what="criteria CSV", dtype=str,
                     keep_default_na=False)
    names = [str(v).strip() for v in frame["indicator"]]
    _check_unique(p, names, "indicator")
    has_dimension = "dimension" in frame.columns
    rows: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        row: dict[str, Any] = {
            "code": name,
            "type": "indicator",
            "direction": _direction(frame["direction"].iat[i], p, i + 1),
            "weight": _weight(frame["weight"].iat[i], p, i + 1) if "weight" in frame.columns else 1.0,
        }
        dimension = str(frame["dimension"].iat[i]).strip() if has_dimension else ""
        if has_dimension and not dimension:
            raise InputError(f"{where(p, i + 1, 'dimension')}empty dimension")
        row["parent"] = dimension or "Index"
        for column, key in (("name_zh", "name"), ("name", "name"), ("name_en", "name_en")):
            if column in frame.columns and str(frame[column].iat[i]).strip() and key not in row:
                row[key] = str(frame[column].iat[i]).strip()
        rows.append(row)
    if has_dimension:
        clash = sorted(set(frame["dimension"].str.strip()) & set(names) | ({"Index"} & set(names)))
        if clash:
            raise InputError(f"{p}: dimension(s) {clash} have the name of an indicator")
        for dimension in dict.fromkeys(str(v).strip() for v in frame["dimension"]):
            rows.append({"code": dimension, "parent": "Index", "type": "aggregate"})
    rows.append({"code": "Index", "type": "aggregate"})
    return framework_from_table(rows, name=p.stem, source=str(p))


def load_any_framework(name_or_path: str | Path) -> Framework:
    """A criteria CSV (:func:`criteria_framework`), else :func:`analysis.framework.load_framework`."""
    from analysis.framework import load_framework

    if is_criteria_csv(name_or_path):
        return criteria_framework(name_or_path)
    return load_framework(name_or_path)


