"""Kernel density of a score's distribution by year (the "dynamic evolution" figure).

Gaussian kernel density estimate f(x) = (1/(n h)) Σ_i φ((x − y_i)/h) on one grid shared by
all years (so the curves are comparable), with the bandwidth h per year by:

- ``silverman``: h = 0.9 · min(s, IQR/1.349) · n^(−1/5) (Silverman 1986, *Density
  Estimation for Statistics and Data Analysis*, eq. 3.31; Stata's ``kdensity`` default);
- ``normal``: h = (4/(3n))^(1/5) · s, the normal reference rule (Silverman 1986,
  eq. 3.28), equal to scipy's ``gaussian_kde(bw_method="silverman")`` (the tests' oracle);
- a positive number: that h for every year.

s is the sample standard deviation (ddof 1). Vectorised: one (grid × n) array per year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import InputError

BANDWIDTHS = ("silverman", "normal")


def bandwidth(y: np.ndarray, rule: str | float = "silverman") -> float:
    """The kernel bandwidth h of ``y`` by ``rule`` (see the module docstring)."""
    y = np.asarray(y, dtype=np.float64)
    if not isinstance(rule, str):
        h = float(rule)
        if not np.isfinite(h) or h <= 0:
            raise InputError(f"bandwidth {rule!r}: must be a positive number")
        return h
    if y.size < 2:
        raise InputError("kernel density: need at least two values")
    s = float(np.std(y, ddof=1))
    if rule == "silverman":
        q75, q25 = np.percentile(y, [75, 25])
        spread = min(s, (q75 - q25) / 1.349) if q75 > q25 else s
        h = 0.9 * spread * y.size ** (-0.2)
    elif rule == "normal":
        h = (4.0 / (3.0 * y.size)) ** 0.2 * s
    else:
        raise InputError(f"bandwidth {rule!r}: use one of {', '.join(BANDWIDTHS)} or a number")
    if h <= 0:
        raise InputError("kernel density: all values are equal (bandwidth 0)")
    return h


def gaussian_kde(y: np.ndarray, grid: np.ndarray, h: float) -> np.ndarray:
    """f(x) = (1/(n h)) Σ φ((x − y_i)/h) at each grid point."""
    y = np.asarray(y, dtype=np.float64)
    u = (np.asarray(grid, dtype=np.float64)[:, None] - y[None, :]) / h
    return np.exp(-0.5 * u * u).sum(axis=1) / (y.size * h * np.sqrt(2 * np.pi))


def density_by_year(
    scores: pd.DataFrame, rule: str | float = "silverman", points: int = 200,
    grid: np.ndarray | None = None,
) -> pd.DataFrame:
    """Tidy ``year, x, density, bandwidth`` of ``scores`` (``unit, year, score``) per year.

    The grid (``points`` values) spans all years' scores ± 3 of the largest bandwidth
    unless ``grid`` is given.
    """
    parts = [(year, part["score"].to_numpy(dtype=np.float64))
             for year, part in scores.groupby("year", dropna=False, sort=True)]
    widths = [bandwidth(y, rule) for _, y in parts]
    if grid is None:
        lo = min(y.min() for _, y in parts) - 3 * max(widths)
        hi = max(y.max() for _, y in parts) + 3 * max(widths)
        grid = np.linspace(lo, hi, points)
    frames = [pd.DataFrame({"year": year, "x": grid, "density": gaussian_kde(y, grid, h),
                            "bandwidth": h})
              for (year, y), h in zip(parts, widths, strict=True)]
    out = pd.concat(frames, ignore_index=True)
    out["year"] = pd.array(out["year"], dtype="Int64")
    return out
