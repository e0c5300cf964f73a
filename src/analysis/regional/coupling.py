"""Coupling coordination of subsystems (耦合协调度).

For each unit (row) with subsystem scores ``U_1 … U_n`` in [0, 1]:

- coupling C, classic (Liao 1999 and the many studies after it; the form of SPSSAU and of
  the R package mathmodels' ``coupling_degree(type = "standard")``):
  ``C = n · (Π U_i)^(1/n) / Σ U_i`` (the geometric over the arithmetic mean);
- coupling C, ``wang2021`` (王淑佳, 孔伟, 任亮 等 2021, 国内耦合协调度模型的误区及修正,
  自然资源学报 36(3): 793–810; mathmodels' ``type = "adjusted"``):
  ``C = sqrt{[1 − Σ_{i>j} |U_i − U_j| / (n(n−1)/2)] · [Π_i (U_i / max_j U_j)]^(1/(n−1))}``;
- coordination T = Σ α_i U_i (α ≥ 0 summing to 1; default 1/n);
- coupling coordination D = sqrt(C · T), in [0, 1];
- level = 1 + #{k in 1..9 : D ≥ k/10}, named by :data:`LEVEL_NAMES` (the ten-class scale
  of the literature, 极度失调 … 优质协调).

A row whose C is undefined (all U zero: 0/0) has C, D and level missing (NaN / 0 in
``level``, empty in tables). Fully vectorised over rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import InputError

MODELS = ("classic", "wang2021")
LEVEL_NAMES = (
    "极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
    "勉强协调", "初级协调", "中级协调", "良好协调", "优质协调",
)
LEVEL_NAMES_EN = (  # the same ten classes as they are rendered in English-language papers
    "extreme imbalance", "severe imbalance", "moderate imbalance", "mild imbalance",
    "near imbalance", "barely coordinated", "primary coordination",
    "intermediate coordination", "good coordination", "high-quality coordination",
)


def coupling_classic(u: np.ndarray) -> np.ndarray:
    """Classic coupling ``C = n (Π U_i)^(1/n) / Σ U_i`` per row; NaN where Σ U = 0."""
    n = u.shape[1]
    total = u.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        geometric = np.exp(np.log(u).mean(axis=1))  # log 0 = -inf -> exp = 0
        c = n * geometric / total
    return np.where(total > 0, c, np.nan)


def coupling_wang2021(u: np.ndarray) -> np.ndarray:
    """Wang et al. (2021) corrected coupling per row; NaN where max U = 0.

    ``sqrt{[1 − mean_{i<j} |U_i − U_j|] · [Π_i (U_i / max U)]^(1/(n−1))}`` (their eq. 9;
    reproduces mathmodels' worked example, tests/test_regional_coupling.py).
    """
    n = u.shape[1]
    if n < 2:
        raise InputError("coupling: wang2021 needs at least two subsystems")
    i, j = np.triu_indices(n, k=1)
    spread = np.abs(u[:, i] - u[:, j]).mean(axis=1)
    top = u.max(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = u / top[:, None]
        balance = np.exp(np.log(ratio).sum(axis=1) / (n - 1))
        c = np.sqrt((1.0 - spread) * balance)
    return np.where(top > 0, c, np.nan)


COUPLING = {"classic": coupling_classic, "wang2021": coupling_wang2021}


def coordination_level(d: np.ndarray) -> np.ndarray:
    """``1 + #{k in 1..9 : D ≥ k/10}`` (int; 0 where D is NaN)."""
    d = np.asarray(d, dtype=np.float64)
    thresholds = np.arange(1, 10) / 10.0
    level = 1 + (d[:, None] >= thresholds[None, :]).sum(axis=1)
    return np.where(np.isnan(d), 0, level)


@dataclass(frozen=True)
class Coupling:
    """Coupling coordination of ``n`` subsystems for each row of ``u`` (rows = units).

    Fields (arrays, one value per row): ``C`` coupling, ``T`` coordination, ``D`` coupling
    coordination, ``level`` 1–10 (0 where D is undefined); ``model``, ``weights`` (α).
    Build with :func:`coupling_coordination`.
    """

    C: np.ndarray
    T: np.ndarray
    D: np.ndarray
    level: np.ndarray
    model: str
    weights: np.ndarray

    @property
    def level_name(self) -> np.ndarray:
        """The Chinese name of each row's level (empty where D is undefined)."""
        names = np.array(("",) + LEVEL_NAMES, dtype=object)
        return names[self.level]

    def table(self) -> pd.DataFrame:
        """``C, T, D, level, level_name`` (level a nullable integer, empty where undefined)."""
        level = pd.array(self.level, dtype="Int64")
        level[self.level == 0] = pd.NA
        names = pd.Series(self.level_name, dtype=object).replace("", None)
        return pd.DataFrame({"C": self.C, "T": self.T, "D": self.D, "level": level,
                             "level_name": names})


def coupling_coordination(
    u: np.ndarray, weights: np.ndarray | None = None, model: str = "classic"
) -> Coupling:
    """Coupling C, coordination T, coupling coordination D and its level for each row.

    ``u``: (units, subsystems) array in [0, 1] (finite; an error otherwise). ``weights``: α
    per subsystem, non-negative, rescaled to sum 1 (default equal). ``model``: ``classic``
    or ``wang2021`` (see the module docstring for both formulas and their sources).
    """
    u = np.asarray(u, dtype=np.float64)
    if u.ndim != 2 or u.shape[1] < 2:
        raise InputError(f"coupling: need a (units, subsystems) array with ≥ 2 subsystems, "
                         f"got shape {u.shape}")
    if not np.isfinite(u).all() or (u < 0).any() or (u > 1).any():
        raise InputError("coupling: subsystem scores must be finite and in [0, 1]")
    if model not in COUPLING:
        raise InputError(f"coupling: model {model!r}: use one of {', '.join(MODELS)}")
    k = u.shape[1]
    alpha = np.full(k, 1.0 / k) if weights is None else np.asarray(weights, dtype=np.float64)
    if alpha.shape != (k,) or not np.isfinite(alpha).all() or (alpha < 0).any() or alpha.sum() <= 0:
        raise InputError(f"coupling: need {k} non-negative weights with a positive sum")
    alpha = alpha / alpha.sum()
    c = COUPLING[model](u)
    t = u @ alpha
    d = np.sqrt(c * t)
    return Coupling(C=c, T=t, D=d, level=coordination_level(d), model=model, weights=alpha)


def coupling_table(
    scores: pd.DataFrame,
    systems: list[str],
    model: str = "classic",
    weights: dict[str, float] | None = None,
    maximum: float = 100.0,
) -> pd.DataFrame:
    """Coupling coordination of the ``systems`` iCodes for every unit and year.

    ``scores``: tidy ``unit, year, iCode, score`` (:func:`analysis.regional.scores.read_scores`).
    U_i = score_i / ``maximum``; a score outside [0, maximum] or a unit-year lacking one of
    the systems is an :class:`InputError`. Returns ``unit, year, C, T, D, level, level_name``.
    """
    if len(set(systems)) != len(systems) or len(systems) < 2:
        raise InputError(f"--systems {','.join(systems)}: give at least two distinct codes")
    if not np.isfinite(maximum) or maximum <= 0:
        raise InputError(f"--max {maximum}: must be a positive number")
    present = set(scores["iCode"])
    absent = [s for s in systems if s not in present]
    if absent:
        raise InputError(f"--systems: {', '.join(absent)} not an iCode of the scores table")
    rows = scores.loc[scores["iCode"].isin(systems)]
    outside = (rows["score"] < 0) | (rows["score"] > maximum)
    if outside.any():
        r = rows.loc[outside].iloc[0]
        raise InputError(f"unit {r['unit']!r}, iCode {r['iCode']!r}: score {r['score']:g} "
                         f"outside [0, {maximum:g}] (set --max)")
    wide = rows.set_index(["unit", "year", "iCode"])["score"].unstack("iCode")
    wide = wide.reindex(columns=systems)
    gaps = wide.isna().to_numpy()
    if gaps.any():
        i, j = np.argwhere(gaps)[0]
        unit, year = wide.index[i]
        when = "" if pd.isna(year) else f" in {year}"
        raise InputError(f"unit {unit!r}{when}: no score for system {systems[j]!r}")
    alpha = None
    if weights:
        unknown = sorted(set(weights) - set(systems))
        if unknown:
            raise InputError(f"--weights: {', '.join(unknown)} not among --systems")
        missing = [s for s in systems if s not in weights]
        if missing:
            raise InputError(f"--weights: no weight for system(s) {', '.join(missing)}")
        alpha = np.array([weights.get(s, 0.0) for s in systems])
    result = coupling_coordination(wide.to_numpy() / maximum, alpha, model)
    out = result.table()
    out.insert(0, "year", pd.array(wide.index.get_level_values("year"), dtype="Int64"))
    out.insert(0, "unit", wide.index.get_level_values("unit").astype(str))
    return out.sort_values(["year", "unit"], kind="stable", na_position="first").reset_index(drop=True)
