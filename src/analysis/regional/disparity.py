"""Disparity: the Gini coefficient, Theil's T with its group decomposition, and Dagum's
decomposition of the Gini coefficient by groups (地区差异及其来源).

All pairwise sums Σ_i Σ_r |a_i − b_r| are computed by sorting and cumulative sums
(:func:`pair_gaps`, O((n + m) log m)), never with an n × m matrix, so the Dagum
decomposition of ~3,000 counties takes milliseconds.

Formulas (y ≥ 0 with a positive mean; groups g with n_g units and mean μ_g):

- Gini: G = Σ_i Σ_j |y_i − y_j| / (2 n² μ) (the mean-difference form; PySAL
  ``inequality.gini.Gini`` is the oracle in the tests).
- Theil: T = (1/n) Σ_i (y_i/μ) ln(y_i/μ), 0·ln 0 = 0 (Theil 1967); with groups,
  between = Σ_g (n_g/n)(μ_g/μ) ln(μ_g/μ), within = Σ_g (n_g/n)(μ_g/μ) T_g, and
  T = between + within exactly (Shorrocks 1980). Equal scores give 0 for every
  measure, and the ``share`` column is then empty (value / 0). PySAL ``inequality.theil.Theil`` /
  ``TheilD`` on its Mexico data are the published check.
- Dagum (1997, "A new approach to the decomposition of the Gini income inequality ratio",
  Empirical Economics 22: 515–531): groups ordered by ascending mean;
  G_jj = Σ_i Σ_r |y_ji − y_jr| / (2 n_j² μ_j); G_jh = Σ_i Σ_r |y_ji − y_hr| / (n_j n_h (μ_j + μ_h));
  p_j = n_j/n, s_j = n_j μ_j / (n μ); G_w = Σ_j G_jj p_j s_j;
  G_nb = Σ_{j>h} G_jh (p_j s_h + p_h s_j) D_jh; G_t = Σ_{j>h} G_jh (p_j s_h + p_h s_j)(1 − D_jh);
  D_jh = (d_jh − p_jh)/(d_jh + p_jh) with d_jh, p_jh the means over all pairs of
  max(y_ji − y_hr, 0) and max(y_hr − y_ji, 0), j the higher-mean group (D = 0 when both
  are 0). G = G_w + G_nb + G_t exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import InputError


def _values(y: np.ndarray, what: str = "disparity") -> np.ndarray:
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    if y.size == 0:
        raise InputError(f"{what}: no values")
    if not np.isfinite(y).all():
        raise InputError(f"{what}: every value must be a finite number")
    if (y < 0).any():
        raise InputError(f"{what}: negative value {y[y < 0][0]:g}; the measure needs y ≥ 0")
    if y.sum() <= 0:
        raise InputError(f"{what}: all values are zero (the mean must be positive)")
    return y


def abs_diff_sum(y: np.ndarray) -> float:
    """Σ_i Σ_j |y_i − y_j| over all ordered pairs = 2 Σ_k (2k − n − 1) y_(k) (sorted, 1-based)."""
    s = np.sort(np.asarray(y, dtype=np.float64))
    s = s - s.mean()  # the weights sum to 0: centring changes nothing but rounding
    n = s.size
    return float(2.0 * np.dot(2.0 * np.arange(1, n + 1) - n - 1, s))


def pair_gaps(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Σ_i Σ_r max(a_i − b_r, 0), Σ_i Σ_r max(b_r − a_i, 0)) by sorting b and cumulative sums."""
    a = np.asarray(a, dtype=np.float64)
    b = np.sort(np.asarray(b, dtype=np.float64))
    shift = b.mean()  # differences are shift-invariant; centring keeps the sums small
    a, b = a - shift, b - shift
    cum = np.concatenate([[0.0], np.cumsum(b)])
    below = np.searchsorted(b, a, side="right")  # how many b_r ≤ a_i
    above_a = float(np.sum(a * below - cum[below]))
    above_b = float(np.sum((cum[-1] - cum[below]) - a * (b.size - below)))
    return above_a, above_b


def gini(y: np.ndarray) -> float:
    """Gini coefficient G = Σ_i Σ_j |y_i − y_j| / (2 n² μ)."""
    y = _values(y, "gini")
    return abs_diff_sum(y) / (2.0 * y.size**2 * y.mean())


def _entropy_terms(r: np.ndarray) -> np.ndarray:
    """``r ln r − r + 1`` (0·ln 0 = 0): each term ≥ 0, and its (weighted) mean equals that of
    ``r ln r`` whenever the (weighted) mean of ``r`` is 1, as it is in every Theil sum here.
    This form keeps T ≥ 0 under rounding (``r ln r`` alone gives ±1e-16 for equal values)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(r > 0, r * np.log(r), 0.0) - r + 1.0


def theil_t(y: np.ndarray) -> float:
    """Theil's T = (1/n) Σ (y_i/μ) ln(y_i/μ), with 0·ln 0 = 0 (exactly 0 for equal values)."""
    y = _values(y, "theil")
    if np.ptp(y) == 0:
        return 0.0
    return float(_entropy_terms(y / y.mean()).mean())


def _group_codes(groups: np.ndarray, n: int, what: str) -> tuple[np.ndarray, np.ndarray]:
    groups = np.asarray(groups, dtype=object).reshape(-1)
    if groups.size != n:
        raise InputError(f"{what}: {groups.size} group labels for {n} values")
    if pd.isna(groups).any():
        raise InputError(f"{what}: a unit without a group")
    labels, codes = np.unique(groups.astype(str), return_inverse=True)
    return labels, codes


@dataclass(frozen=True)
class Theil:
    """Theil's T and, with groups, its between/within decomposition.

    Fields: ``T`` total; ``between``, ``within`` (NaN without groups); ``groups`` a table
    ``group, n, mean, T, share_n, share_y`` (empty without groups). Build with :func:`theil`.
    """

    T: float
    between: float = np.nan
    within: float = np.nan
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)


def theil(y: np.ndarray, groups: np.ndarray | None = None) -> Theil:
    """Theil's T of ``y``; with ``groups`` (one label per value) its exact decomposition."""
    y = _values(y, "theil")
    total = theil_t(y)
    if groups is None:
        return Theil(T=total)
    labels, codes = _group_codes(groups, y.size, "theil")
    n_g = np.bincount(codes).astype(float)
    mean_g = np.bincount(codes, weights=y) / n_g
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(mean_g[codes] > 0, y / mean_g[codes], 1.0)  # an all-zero group: T_g = 0
    t_g = np.bincount(codes, weights=_entropy_terms(r)) / n_g
    share_n = n_g / y.size
    share_y = share_n * mean_g / y.mean()
    if np.ptp(y) == 0:
        t_g[:] = 0.0
        between = 0.0
    else:
        between = float(np.sum(share_n * _entropy_terms(mean_g / y.mean())))
    within = float(np.sum(share_y * t_g))
    table = pd.DataFrame({"group": labels, "n": n_g.astype(int), "mean": mean_g, "T": t_g,
                          "share_n": share_n, "share_y": share_y})
    return Theil(T=total, between=between, within=within, groups=table)


@dataclass(frozen=True)
class Dagum:
    """Dagum's (1997) decomposition of the Gini coefficient by groups.

    ``groups`` labels in ascending order of mean; ``n``, ``mean``, ``p`` (n_j/n), ``s``
    (income shares) per group; ``G_jj`` (k,) within-group Gini; ``G_jh`` and ``D_jh``
    (k, k) symmetric matrices of between-group Gini and relative economic affluence
    (D_jh for j the higher-mean group, diagonal NaN); ``total`` = ``within`` + ``between``
    (net between, G_nb) + ``transvariation`` (G_t). Build with :func:`dagum`.
    """

    groups: np.ndarray
    n: np.ndarray
    mean: np.ndarray
    p: np.ndarray
    s: np.ndarray
    G_jj: np.ndarray
    G_jh: np.ndarray
    D_jh: np.ndarray
    total: float
    within: float
    between: float
    transvariation: float

    def contributions(self) -> pd.DataFrame:
        """``component, value, share``: total, within, between, transvariation."""
        values = [self.total, self.within, self.between, self.transvariation]
        return pd.DataFrame({"component": ["total", "within", "between", "transvariation"],
                             "value": values, "share": np.array(values) / self.total})

    def pairs(self) -> pd.DataFrame:
        """``group, group2, G_jh, D_jh``: one row per pair, ``group`` the higher-mean one."""
        k = len(self.groups)
        hi, lo = np.tril_indices(k, -1)
        return pd.DataFrame({"group": self.groups[hi], "group2": self.groups[lo],
                             "G_jh": self.G_jh[hi, lo], "D_jh": self.D_jh[hi, lo]})


def dagum(y: np.ndarray, groups: np.ndarray) -> Dagum:
    """Dagum's Gini decomposition of ``y`` by ``groups`` (formulas in the module docstring)."""
    y = _values(y, "dagum")
    labels, codes = _group_codes(groups, y.size, "dagum")
    n_g = np.bincount(codes).astype(float)
    mean_g = np.bincount(codes, weights=y) / n_g
    order = np.argsort(mean_g, kind="stable")
    members = [np.sort(y[codes == g]) for g in order]
    labels, n_g, mean_g = labels[order], n_g[order], mean_g[order]
    k = labels.size
    n, mu = y.size, y.mean()
    p = n_g / n
    s = n_g * mean_g / (n * mu)
    g_jj = np.array([abs_diff_sum(m) / (2 * m.size**2 * m.mean()) if m.mean() > 0 else 0.0
                     for m in members])
    g_jh = np.full((k, k), np.nan)
    d_jh = np.full((k, k), np.nan)
    for j in range(k):  # k groups, k(k-1)/2 sorted merges: no loop over units
        for h in range(j):
            up, down = pair_gaps(members[j], members[h])  # j has the higher mean
            gaps = max(up, 0.0) + max(down, 0.0)  # sums of max(·, 0): rounding kept ≥ 0
            scale = n_g[j] * n_g[h] * (mean_g[j] + mean_g[h])
            g = gaps / scale if scale > 0 else 0.0  # two all-zero groups: no gap
            # d_jh − p_jh = μ_j − μ_h ≥ 0 (the groups are sorted by mean): D in [0, 1]
            # even when rounding leaves the pair sums at ±1e-18 for equal groups
            lead = n_g[j] * n_g[h] * (mean_g[j] - mean_g[h])
            d = min(max(lead / gaps, 0.0), 1.0) if gaps > 0 else 0.0
            g_jh[j, h] = g_jh[h, j] = g
            d_jh[j, h] = d_jh[h, j] = d
    hi, lo = np.tril_indices(k, -1)
    weight = p[hi] * s[lo] + p[lo] * s[hi]
    within = float(np.sum(g_jj * p * s))
    between = float(np.sum(g_jh[hi, lo] * weight * d_jh[hi, lo]))
    transvariation = float(np.sum(g_jh[hi, lo] * weight * (1 - d_jh[hi, lo])))
    return Dagum(groups=labels, n=n_g.astype(int), mean=mean_g, p=p, s=s, G_jj=g_jj,
                 G_jh=g_jh, D_jh=d_jh, total=abs_diff_sum(y) / (2.0 * n**2 * mu),
                 within=within, between=between, transvariation=transvariation)


METHODS = ("gini", "theil", "dagum")
TABLE_COLUMNS = ["year", "measure", "component", "group", "group2", "value", "share"]


def _rows(measure: str, components: list[tuple], total: float) -> list[dict]:
    rows = []
    for component, group, group2, value, with_share in components:
        rows.append({"measure": measure, "component": component, "group": group,
                     "group2": group2, "value": value,
                     "share": value / total if with_share and total > 0 else np.nan})
    return rows


def disparity_rows(y: np.ndarray, method: str, groups: np.ndarray | None = None) -> list[dict]:
    """The rows of the ``qci disparity`` table for one year (without ``year``)."""
    if method == "gini":
        g = gini(y)
        return _rows("gini", [("total", None, None, g, True)], g)
    if method == "theil":
        t = theil(y, groups)
        parts = [("total", None, None, t.T, True)]
        if groups is not None:
            parts += [("within", None, None, t.within, True),
                      ("between", None, None, t.between, True)]
        return _rows("theil", parts, t.T)
    if method == "dagum":
        if groups is None:
            raise InputError("--method dagum needs --groups GROUPS.csv (unit,group)")
        d = dagum(y, groups)
        parts = [("total", None, None, d.total, True), ("within", None, None, d.within, True),
                 ("between", None, None, d.between, True),
                 ("transvariation", None, None, d.transvariation, True)]
        parts += [("G_jj", g, None, v, False) for g, v in zip(d.groups, d.G_jj, strict=True)]
        parts += [("G_jh", r.group, r.group2, r.G_jh, False) for r in d.pairs().itertuples()]
        return _rows("dagum", parts, d.total)
    raise InputError(f"--method {method!r}: use one of {', '.join(METHODS)}")


def disparity_table(
    scores: pd.DataFrame, method: str, groups: pd.Series | None = None
) -> pd.DataFrame:
    """``year, measure, component, group, group2, value, share`` for each year of
    ``scores`` (``unit, year, score`` of one iCode). ``groups``: Series unit → group; every
    unit scored must have one."""
    rows = []
    for year, part in scores.groupby("year", dropna=False, sort=True):
        labels = None
        if groups is not None:
            labels = part["unit"].map(groups)
            if labels.isna().any():
                missing = part.loc[labels.isna(), "unit"].iloc[0]
                raise InputError(f"--groups: no group for unit {missing!r}")
            labels = labels.to_numpy()
        try:
            year_rows = disparity_rows(part["score"].to_numpy(), method, labels)
        except InputError as exc:
            raise InputError(f"year {year}: {exc}" if not pd.isna(year) else str(exc)) from None
        for row in year_rows:
            row["year"] = year
        rows.extend(year_rows)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table["year"] = pd.array(table["year"], dtype="Int64")
    return table
