"""Whether Sobol indices have converged: indices of nested designs N/8, N/4, N/2, N, judged.

A quasi-random Saltelli design of N base points (SALib's scrambled Sobol' sequence,
:func:`~analysis.sensitivity.design.salib_matrix`) holds the design of every smaller
power of two with the same seed: its first m points of A and of B are the m-point
sequence, and the blocks AB_i are built row by row from them. So the indices at
N/8, N/4, N/2 and N are read off one evaluated design by taking the first m rows of every
block (:func:`nested_outputs`), and the convergence evidence costs nothing beyond the
largest design.

The verdict (:func:`judge_convergence`) follows the practice of Saltelli et al. (2010,
section 5) and of COINr's ``SA_estimate`` bootstrap: the indices at N have converged when

1. every factor's total index STi has a bootstrap 90 % interval narrower than
   :data:`CI_WIDTH` (0.10), and
2. no Si or STi moved by more than :data:`TOLERANCE` (0.05) between N/2 and N.

Both thresholds are on the [0, 1] scale of the indices: an index known to ±0.05 ranks
factors of a handful of them reliably.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.sensitivity._consts import Seed
from analysis.sensitivity.estimators import sobol_indices

#: the widest bootstrap 90 % interval of a total index STi that counts as converged
CI_WIDTH = 0.10
#: the largest change of any Si or STi between N/2 and N that counts as converged
TOLERANCE = 0.05
#: the design sizes of the convergence check, as fractions of N
FRACTIONS = (8, 4, 2, 1)

CONVERGENCE_COLUMNS = (
    "N", "factor", "Si", "STi", "Si_q05", "Si_q95", "STi_q05", "STi_q95", "STi_ci_width",
)  # fmt: skip


def nested_outputs(y: np.ndarray, N: int, d: int, m: int) -> np.ndarray:
    """The outputs of the m-point design nested in an N-point Saltelli design.

    ``y`` is in COINr's block order ``[A; B; AB_1; ...; AB_d]`` with N rows per block;
    the result keeps the first m rows of every block, in the same order (m (d + 2) values).
    Works on any array whose first axis is the runs (e.g. runs × units ranks).
    """
    if not 2 <= m <= N:
        raise InputError(f"nested design: need 2 <= m <= N, got m = {m}, N = {N}")
    values = np.asarray(y)
    if values.shape[0] != N * (d + 2):
        raise InputError(
            f"nested design: {values.shape[0]} runs, expected N (d + 2) = {N * (d + 2)}"
        )
    blocks = values.reshape(d + 2, N, *values.shape[1:])
    return blocks[:, :m].reshape(m * (d + 2), *values.shape[1:])


def nested_sizes(N: int, fractions: tuple[int, ...] = FRACTIONS) -> list[int]:
    """The sizes N/8, N/4, N/2, N (those of at least 2 points, without repeats), ascending."""
    return sorted({N // f for f in fractions if N // f >= 2})


def convergence_table(
    y: np.ndarray,
    N: int,
    factors: list[str],
    n_boot: int = 500,
    seed: Seed = 0,
    sizes: list[int] | None = None,
) -> pd.DataFrame:
    """Sobol indices of every nested design size: one row per (N, factor).

    ``y`` holds the N (d + 2) outputs of one Saltelli design in COINr's block order; each
    size m of ``sizes`` (default :func:`nested_sizes`) is estimated from the first m rows of
    every block (:func:`nested_outputs`) with :func:`sobol_indices` (Saltelli 2010 first
    order, Jansen 1999 total, ``n_boot`` bootstrap resamples with ``seed``). Columns
    :data:`CONVERGENCE_COLUMNS`; ``STi_ci_width`` = STi_q95 − STi_q05.
    """
    d = len(factors)
    tables = []
    for m in sizes or nested_sizes(N):
        table = sobol_indices(
            nested_outputs(y, N, d, m), m, d, n_boot=n_boot, seed=seed, factors=factors
        )
        tables.append(table.assign(N=m, STi_ci_width=table["STi_q95"] - table["STi_q05"]))
    return pd.concat(tables, ignore_index=True)[list(CONVERGENCE_COLUMNS)]


@dataclass(frozen=True)
class Convergence:
    """The verdict on a convergence table (:func:`judge_convergence`).

    ``converged``: both criteria hold at the largest N; ``widest_ci``: the widest STi
    bootstrap 90 % interval at N and its ``widest_factor``; ``largest_change``: the largest
    |change| of Si or STi between the two largest N (NaN with one size) and its
    ``changed_factor``; ``n``: the largest N; thresholds as used.
    """

    converged: bool
    n: int
    widest_ci: float
    widest_factor: str
    largest_change: float
    changed_factor: str
    ci_width: float = CI_WIDTH
    tolerance: float = TOLERANCE

    @property
    def suggested_n(self) -> int:
        """The N to try next when not converged: bootstrap intervals narrow as 1/sqrt(N), so
        the widest shrinks to ``ci_width`` near N (widest / ci_width)^2; that, rounded up to a
        power of 2, and at least 2 N. N itself when converged."""
        if self.converged:
            return self.n
        ratio = self.widest_ci / self.ci_width if self.ci_width > 0 else 2.0
        wanted = max(2 * self.n, int(np.ceil(self.n * max(ratio, 1.0) ** 2)))
        return 1 << int(np.ceil(np.log2(wanted)))


def judge_convergence(
    table: pd.DataFrame, ci_width: float = CI_WIDTH, tolerance: float = TOLERANCE
) -> Convergence:
    """Whether the indices at the largest N of ``table`` (:func:`convergence_table`) converged.

    Converged when every factor's STi bootstrap 90 % interval is at most ``ci_width`` wide
    and no Si or STi changed by more than ``tolerance`` between the two largest N (see the
    module docs). A table with one size cannot show convergence (``converged`` False).
    NaN indices (a constant output: no variance to split) count as converged, with width 0.
    """
    sizes = sorted(table["N"].unique())
    last = table.loc[table["N"] == sizes[-1]].set_index("factor")
    widths = last["STi_ci_width"].fillna(0.0)
    widest = str(widths.idxmax())
    if len(sizes) < 2:
        change = pd.Series(np.nan, index=last.index)
    else:
        before = table.loc[table["N"] == sizes[-2]].set_index("factor")
        delta = (last[["Si", "STi"]] - before[["Si", "STi"]]).abs().fillna(0.0)
        change = delta.max(axis=1)
    changed = str(change.idxmax()) if change.notna().any() else widest
    largest = float(change.max()) if change.notna().any() else float("nan")
    converged = bool(widths.max() <= ci_width and np.isfinite(largest) and largest <= tolerance)
    return Convergence(
        converged=converged,
        n=int(sizes[-1]),
        widest_ci=float(widths.max()),
        widest_factor=widest,
        largest_change=largest,
        changed_factor=changed,
        ci_width=ci_width,
        tolerance=tolerance,
    )
