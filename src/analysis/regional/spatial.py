"""Spatial autocorrelation: queen contiguity weights, global and local Moran's I.

- Queen contiguity: two units are neighbours when their boundaries share at least one
  vertex (libpysal's ``Queen`` definition). Found here by sorting all boundary vertices
  once (:func:`queen_neighbours`; 2,875 counties in about a second, where
  ``libpysal.weights.Queen.from_dataframe`` takes ~20 s) and returned as a libpysal ``W``
  (the tests check equality with libpysal's own Queen).
- Global Moran's I (Moran 1950; Cliff & Ord 1981): I = (n / S0) · z'Wz / z'z, z = y − ȳ,
  W row-standardised, with E[I] = −1/(n − 1) and the normality z-score from
  ``esda.Moran``; the permutation p-value here is seeded (esda's global Moran draws from
  NumPy's global state): I recomputed under ``permutations`` random relabellings, one-
  sided toward the observed side, p = (#{I_perm as extreme} + 1) / (permutations + 1).
- Local Moran (Anselin 1995, LISA): ``esda.Moran_Local`` with its seed; each unit's I_i,
  conditional-permutation pseudo p-value (esda's "directed" one-sided test, as GeoDa's)
  and quadrant HH, LH, LL, HL (``island`` for a unit without neighbours, whose p is
  empty); ``cluster`` is the quadrant where p ≤ alpha, else ``ns``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.errors import InputError

QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}


def queen_neighbours(geometries: Sequence) -> sparse.csr_matrix:
    """Symmetric 0/1 (n × n) matrix: 1 where two geometries share a vertex (queen)."""
    import shapely

    geoms = np.asarray(geometries, dtype=object)
    n = geoms.size
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    if coords.size == 0:
        return sparse.csr_matrix((n, n))
    order = np.lexsort((owner, coords[:, 1], coords[:, 0]))
    xy, owner = coords[order], owner[order]
    new_point = np.empty(len(xy), dtype=bool)
    new_point[0] = True
    new_point[1:] = np.any(xy[1:] != xy[:-1], axis=1)
    point = np.cumsum(new_point) - 1
    # one row per (vertex, owner): drop repeats of a vertex within one geometry
    keep = np.ones(len(point), dtype=bool)
    keep[1:] = (point[1:] != point[:-1]) | (owner[1:] != owner[:-1])
    point, owner = point[keep], owner[keep]
    rows, cols = [], []
    offset = 1
    while offset < len(point):
        same = point[offset:] == point[:-offset]
        if not same.any():
            break
        rows.append(owner[:-offset][same])
        cols.append(owner[offset:][same])
        offset += 1
    if not rows:
        return sparse.csr_matrix((n, n))
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(r.size), (r, c)), shape=(n, n)).tocsr()
    m = ((m + m.T) > 0).astype(np.float64)
    m.setdiag(0)
    m.eliminate_zeros()
    return m.tocsr()


def queen_weights(geometries: Sequence, ids: Sequence[str] | None = None):
    """Queen contiguity as a libpysal ``W`` (binary; ids default 0..n−1). Islands (units
    without a neighbour) are kept with no neighbours."""
    with warnings.catch_warnings():  # libpysal imports tqdm.auto, which warns in notebooks
        warnings.simplefilter("ignore")
        from libpysal.weights import W

    m = queen_neighbours(geometries)
    ids = list(range(m.shape[0])) if ids is None else [str(i) for i in ids]
    neighbours = {ids[i]: [ids[j] for j in m.indices[m.indptr[i]:m.indptr[i + 1]]]
                  for i in range(m.shape[0])}
    return W(neighbours, id_order=ids, silence_warnings=True)


def _row_standardised(w) -> sparse.csr_matrix:
    m = w.sparse.tocsr().astype(np.float64)
    sums = np.asarray(m.sum(axis=1)).ravel()
    scale = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
    return sparse.diags(scale) @ m


@dataclass(frozen=True)
class GlobalMoran:
    """Global Moran's I: ``I``, ``expected`` (−1/(n−1)), ``variance`` and ``z`` under
    normality, ``p_norm`` (two-sided), ``p_sim`` (seeded permutations, one-sided),
    ``permutations``, ``seed``, ``n``."""

    I: float  # noqa: E741 - the statistic's name
    expected: float
    variance: float
    z: float
    p_norm: float
    p_sim: float
    permutations: int
    seed: int
    n: int

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([{"I": self.I, "expected": self.expected, "z": self.z,
                              "p_norm": self.p_norm, "p_sim": self.p_sim, "n": self.n,
                              "permutations": self.permutations}])


def _check(y: np.ndarray, w) -> np.ndarray:
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    if y.size != w.n:
        raise InputError(f"Moran: {y.size} values for {w.n} spatial units")
    if not np.isfinite(y).all():
        raise InputError("Moran: every value must be a finite number")
    if np.ptp(y) == 0:
        raise InputError("Moran: all values are equal")
    return y


def moran_statistic(z: np.ndarray, ws: sparse.csr_matrix) -> np.ndarray:
    """I = (n / S0) · z'Wz / z'z for each column of ``z`` (centred values)."""
    n = z.shape[0]
    s0 = ws.sum()
    return (n / s0) * np.sum(z * (ws @ z), axis=0) / np.sum(z * z, axis=0)


def moran(y: np.ndarray, w, permutations: int = 999, seed: int = 0) -> GlobalMoran:
    """Global Moran's I of ``y`` with weights ``w`` (row-standardised here)."""
    with warnings.catch_warnings():  # esda imports tqdm.auto, which warns in notebooks
        warnings.simplefilter("ignore")
        from esda.moran import Moran

    y = _check(y, w)
    analytic = Moran(y, w, transformation="r", permutations=0)
    ws = _row_standardised(w)
    z = (y - y.mean())[:, None]
    observed = float(moran_statistic(z, ws)[0])
    p_sim = np.nan
    if permutations:
        rng = np.random.default_rng(seed)
        perms = rng.permuted(np.repeat(z, permutations, axis=1), axis=0)
        simulated = moran_statistic(perms, ws)
        larger = int(np.sum(simulated >= observed))
        if permutations - larger < larger:
            larger = permutations - larger
        p_sim = (larger + 1.0) / (permutations + 1.0)
    return GlobalMoran(I=observed, expected=float(analytic.EI), variance=float(analytic.VI_norm),
                       z=float(analytic.z_norm), p_norm=float(analytic.p_norm), p_sim=p_sim,
                       permutations=permutations, seed=seed, n=int(y.size))


@dataclass(frozen=True)
class LocalMoran:
    """Local Moran (LISA): ``table`` with ``unit, Ii, p_sim, quadrant, cluster`` and the
    ``alpha``, ``permutations`` and ``seed`` used."""

    table: pd.DataFrame
    alpha: float
    permutations: int
    seed: int


def local_moran(
    y: np.ndarray, w, permutations: int = 999, seed: int = 0, alpha: float = 0.05
) -> LocalMoran:
    """Local Moran's I_i of ``y`` (esda ``Moran_Local``, row-standardised, seeded)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from esda.moran import Moran_Local

    y = _check(y, w)
    with warnings.catch_warnings():  # esda ≤ 2.9 announces a change of its default test
        warnings.filterwarnings("ignore", message="The alternative hypothesis",
                                category=DeprecationWarning)
        lisa = Moran_Local(y, w, transformation="r", permutations=permutations, seed=seed,
                           n_jobs=1, keep_simulations=False)
    quadrant = pd.Series(lisa.q).map(QUADRANTS).to_numpy(dtype=object)
    p = np.asarray(lisa.p_sim, dtype=np.float64).copy()
    island = np.asarray(w.sparse.getnnz(axis=1)).ravel() == 0
    quadrant[island] = "island"  # no neighbour: no local statistic to test
    p[island] = np.nan
    cluster = np.where(p <= alpha, quadrant, "ns")
    table = pd.DataFrame({"unit": list(w.id_order), "Ii": lisa.Is, "p_sim": p,
                          "quadrant": quadrant, "cluster": cluster})
    return LocalMoran(table=table, alpha=alpha, permutations=permutations, seed=seed)
