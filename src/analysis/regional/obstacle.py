"""The obstacle-degree model (障碍度模型): which indicators hold a unit back.

For a decision matrix X (units × indicators) with directions and weights w:

1. X'_ij = min-max of column j to [0, 1], reflected for cost indicators (a constant
   column counts as 1: nobody is held back by it);
2. deviation I_ij = 1 − X'_ij (指标偏离度);
3. obstacle O_ij = w_j I_ij / Σ_k w_k I_ik · 100 (障碍度, %); a unit's O sum to 100, and a
   unit with Σ_k w_k I_ik = 0 (best on every indicator) gets 0 everywhere;
4. with a dimension per indicator, a dimension's obstacle = Σ of its indicators' O.

Source: the factor contribution / deviation / obstacle formulation used throughout the
Chinese high-quality-development literature (e.g. 杨丽, 孙之淳 2015, 基于熵值法的西部新型城镇化
发展水平测评, 经济问题 (3): 115–119); the R package mathmodels' ``obstacle_degree(scaled =
TRUE)`` computes steps 2–3 on already normalised data (its worked example is a test).
Weights are used as effective weights rescaled to sum 1 (the scale cancels in O).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.normalise import minmax


def minmax_unit(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """Min-max each column to [0, 1] with directions (+1 benefit, −1 cost); constant → 1."""
    x = np.asarray(x, dtype=np.float64)
    out = minmax(x, direction, 0.0, 1.0)
    flat = np.ptp(x, axis=0) == 0
    out[:, flat] = 1.0
    return out


def obstacle_degree(normalised: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Deviation ``I = 1 − X'`` and obstacle ``O = w I / Σ w I · 100`` per row (0 where Σ = 0)."""
    x = np.asarray(normalised, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    deviation = 1.0 - x
    contribution = deviation * (w / w.sum())[None, :]
    total = contribution.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        obstacle = np.where(total > 0, contribution / total * 100.0, 0.0)
    return deviation, obstacle


@dataclass(frozen=True)
class Obstacle:
    """Deviation and obstacle degree of each indicator (and dimension) for each unit.

    ``units`` (n,), ``codes`` (m,), ``deviation`` and ``obstacle`` (n, m) arrays;
    ``dimensions`` (m,) the dimension of each indicator or None. Build with
    :func:`obstacles`.
    """

    units: np.ndarray
    codes: np.ndarray
    deviation: np.ndarray
    obstacle: np.ndarray
    dimensions: np.ndarray | None = None

    @property
    def dimension_codes(self) -> list[str]:
        """Dimensions in order of first appearance (empty without dimensions)."""
        return [] if self.dimensions is None else list(dict.fromkeys(self.dimensions))

    @property
    def dimension_obstacle(self) -> np.ndarray:
        """(n, dimensions) sums of the indicators' obstacles."""
        dims = self.dimension_codes
        if not dims:
            return np.empty((len(self.units), 0))
        member = (np.asarray(self.dimensions)[:, None] == np.asarray(dims)[None, :]).astype(float)
        return self.obstacle @ member

    def table(self) -> pd.DataFrame:
        """Tidy ``unit, level, code, deviation, obstacle``: indicator rows, then dimension
        rows (deviation empty), unit by unit in input order."""
        n, m = self.obstacle.shape
        dims = self.dimension_codes
        k = len(dims)
        unit = np.repeat(np.asarray(self.units, dtype=object), m + k)
        level = np.tile(np.array(["indicator"] * m + ["dimension"] * k, dtype=object), n)
        code = np.tile(np.concatenate([np.asarray(self.codes, dtype=object),
                                       np.asarray(dims, dtype=object)]), n)
        deviation = np.concatenate([self.deviation, np.full((n, k), np.nan)], axis=1).reshape(-1)
        obstacle = np.concatenate([self.obstacle, self.dimension_obstacle], axis=1).reshape(-1)
        return pd.DataFrame({"unit": unit, "level": level, "code": code,
                             "deviation": deviation, "obstacle": obstacle})

    def top(self, k: int = 3, level: str = "indicator") -> pd.DataFrame:
        """Each unit's ``k`` largest obstacles: ``unit, position, code, obstacle``."""
        values = self.obstacle if level == "indicator" else self.dimension_obstacle
        codes = np.asarray(self.codes if level == "indicator" else self.dimension_codes,
                           dtype=object)
        k = min(k, values.shape[1])
        order = np.argsort(-values, axis=1, kind="stable")[:, :k]
        n = values.shape[0]
        return pd.DataFrame({
            "unit": np.repeat(np.asarray(self.units, dtype=object), k),
            "position": np.tile(np.arange(1, k + 1), n),
            "code": codes[order].reshape(-1),
            "obstacle": np.take_along_axis(values, order, axis=1).reshape(-1),
        })


def obstacles(
    matrix: pd.DataFrame,
    weights: np.ndarray,
    direction: np.ndarray | None = None,
    dimensions: np.ndarray | list | None = None,
) -> Obstacle:
    """The obstacle-degree model on a decision matrix (index = units, columns = indicators).

    ``weights`` ≥ 0 with a positive sum; ``direction`` ±1 per column (default benefit);
    ``dimensions`` the dimension of each column (optional). Values must be finite.
    """
    x = matrix.to_numpy(dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise InputError("obstacle: need at least one unit and one indicator")
    if not np.isfinite(x).all():
        raise InputError("obstacle: every matrix value must be a finite number")
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (x.shape[1],) or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise InputError(f"obstacle: need {x.shape[1]} non-negative weights with a positive sum")
    deviation, obstacle = obstacle_degree(minmax_unit(x, direction), w)
    dims = None
    if dimensions is not None:
        dims = np.array([None if pd.isna(d) or str(d).strip() == "" else str(d).strip()
                         for d in dimensions], dtype=object)
        if len(dims) != x.shape[1]:
            raise InputError("obstacle: one dimension per indicator")
        if any(d is None for d in dims):
            missing = [c for c, d in zip(matrix.columns, dims, strict=True) if d is None]
            raise InputError(f"obstacle: no dimension for indicator(s) {', '.join(missing)}")
    return Obstacle(units=np.asarray(matrix.index, dtype=object),
                    codes=np.asarray(matrix.columns, dtype=object),
                    deviation=deviation, obstacle=obstacle, dimensions=dims)
