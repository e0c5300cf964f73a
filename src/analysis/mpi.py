"""The Mazziotta–Pareto index (MPI) and its adjusted form for panels (AMPI).

Non-compensatory aggregation: the mean of the normalised indicators penalised by their
spread across a unit's indicators ("method of the coefficient of variation penalty").

MPI (De Muro, Mazziotta & Pareto 2011, Social Indicators Research 104: 1–18; Mazziotta &
Pareto 2016, SIR 127: 983–1003):

- z_ij = 100 + 10 · d_j (x_ij − M_j) / S_j, with M_j, S_j the mean and the population
  standard deviation (divisor n) of indicator j over the units and d_j = ±1 its polarity;
- per unit: M_i, S_i (population sd over the m indicators), cv_i = S_i / M_i;
- MPI_i = M_i − S_i · cv_i for a "positive" index (higher = better, e.g. development),
  M_i + S_i · cv_i for a "negative" one (e.g. poverty): unbalance always costs.

AMPI for comparisons over time (Mazziotta & Pareto 2018, SIR 136: 967–976):

- goalposts per indicator from all units and periods: Δ_j = (Sup_j − Inf_j) / 2,
  Min_j = Ref_j − Δ_j, Max_j = Ref_j + Δ_j, Ref_j a reference value that maps to 100
  (e.g. the mean of the base year);
- r_ij = 70 + 60 (x_ij − Min_j) / (Max_j − Min_j) (polarity +), 70 + 60 (Max_j − x_ij) /
  (Max_j − Min_j) (polarity −);
- AMPI_i = M_r,i ∓ S_r,i · cv_r,i as for MPI (population sd over indicators).

R's Compind implements both (``ci_mpi`` on data normalised beforehand — note it uses the
sample variance across indicators, ``var``; ``ci_ampi`` with the population variance and
``gp`` = Ref). Pure functions on (units, indicators) float64 arrays; the aggregate
registry wires them in.
"""

from __future__ import annotations

import numpy as np

from analysis.errors import InputError

INDEX_POLARITIES = ("positive", "negative")


def _matrix(x: np.ndarray, direction: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] < 2 or x.shape[0] < 1:
        raise InputError(f"MPI: need a (units, indicators) array with ≥ 2 indicators, "
                         f"got shape {x.shape}")
    if not np.isfinite(x).all():
        raise InputError("MPI: every value must be a finite number")
    d = np.ones(x.shape[1]) if direction is None else np.asarray(direction, dtype=np.float64)
    if d.shape != (x.shape[1],) or not np.isin(d, (-1.0, 1.0)).all():
        raise InputError("MPI: one direction (+1 or −1) per indicator")
    return x, d


def _sign(index_polarity: str) -> float:
    if index_polarity not in INDEX_POLARITIES:
        raise InputError(f"index_polarity {index_polarity!r}: use positive or negative")
    return -1.0 if index_polarity == "positive" else 1.0


def penalised_mean(normalised: np.ndarray, index_polarity: str = "positive") -> np.ndarray:
    """M_i ∓ S_i · cv_i per row (S_i the population sd over the row, cv_i = S_i / M_i)."""
    z = np.asarray(normalised, dtype=np.float64)
    mean = z.mean(axis=1)
    sd = z.std(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        penalty = sd * sd / mean  # S · cv
    return mean + _sign(index_polarity) * penalty


def mpi_normalise(x: np.ndarray, direction: np.ndarray | None = None) -> np.ndarray:
    """z = 100 + 10 · d (x − M) / S per column (S the population sd); a constant column → 100."""
    x, d = _matrix(x, direction)
    mean, sd = x.mean(axis=0), x.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = 100.0 + 10.0 * d * (x - mean) / sd
    return np.where(sd > 0, z, 100.0)


def mpi(x: np.ndarray, direction: np.ndarray | None = None,
        index_polarity: str = "positive") -> np.ndarray:
    """The Mazziotta–Pareto index of each unit (row) of ``x``."""
    return penalised_mean(mpi_normalise(x, direction), index_polarity)


def ampi_goalposts(x: np.ndarray, reference: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(Min_j, Max_j) = Ref_j ∓ (Sup_j − Inf_j)/2 over all rows of ``x`` (all units and
    periods); ``reference`` defaults to the column means of ``x``."""
    x = np.asarray(x, dtype=np.float64)
    ref = x.mean(axis=0) if reference is None else np.asarray(reference, dtype=np.float64)
    if ref.shape != (x.shape[1],) or not np.isfinite(ref).all():
        raise InputError("AMPI: one finite reference value per indicator")
    half = (x.max(axis=0) - x.min(axis=0)) / 2.0
    if (half <= 0).any():
        raise InputError("AMPI: an indicator is constant over all units and periods")
    return ref - half, ref + half


def ampi_normalise(x: np.ndarray, direction: np.ndarray | None = None,
                   reference: np.ndarray | None = None) -> np.ndarray:
    """r = 70 + 60 · (x − Min)/(Max − Min) (polarity +) or (Max − x)/(Max − Min) (−)."""
    x, d = _matrix(x, direction)
    lo, hi = ampi_goalposts(x, reference)
    share = np.where(d > 0, x - lo, hi - x) / (hi - lo)
    return 70.0 + 60.0 * share


def ampi(x: np.ndarray, direction: np.ndarray | None = None,
         reference: np.ndarray | None = None, index_polarity: str = "positive") -> np.ndarray:
    """The adjusted MPI of each row of ``x``: rows are unit-periods stacked over every
    period compared (goalposts from all of them); ``reference`` maps to 100 (default
    the mean of all rows; pass the base year's means to anchor it there)."""
    return penalised_mean(ampi_normalise(x, direction, reference), index_polarity)
