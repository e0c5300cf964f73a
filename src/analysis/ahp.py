"""The analytic hierarchy process (AHP): priorities and consistency of a pairwise matrix.

A pairwise comparison matrix ``A`` (n × n) holds ``a_ij``, how much more important
criterion *i* is than criterion *j* on Saaty's 1–9 scale. It must be positive with
``a_ii = 1`` and reciprocal, ``a_ji = 1 / a_ij``.

Priorities (weights), two methods:

- ``eigenvector`` (Saaty 1977, 1980): the principal right eigenvector, ``A w = λmax w``,
  scaled to ``Σ w = 1``; ``λmax`` is the principal (Perron) eigenvalue.
- ``geometric`` (Crawford & Williams 1985, the "row geometric mean" or 方根法):
  ``w_i ∝ (Π_j a_ij)^(1/n)``, scaled to ``Σ w = 1``; ``λmax`` is then the textbook
  estimate ``λmax = (1/n) Σ_i (A w)_i / w_i`` that goes with it. For a consistent matrix
  both methods give the same ``w`` and ``λmax = n``.

Consistency (Saaty 1980, ch. 1–2): ``CI = (λmax − n) / (n − 1)`` (eq. 1),
``CR = CI / RI(n)`` (eq. 2) with ``RI(n)`` the mean CI of random reciprocal matrices of
order n, from a named table (:data:`RANDOM_INDEX`). ``CR ≤ 0.1`` is Saaty's threshold for
an acceptable matrix; above it :func:`analyse` warns (it never asks for input). For
``n ≤ 2`` every reciprocal matrix is consistent, so ``CI = CR = 0``.

Pairwise CSV files (:func:`read_pairwise`): square, the first column holds the row labels
and the header repeats the same labels (in any order; the columns are reordered to the
rows). Cells may be numbers (``0.333``) or fractions (``1/3``). Reciprocity is checked
with a tolerance of 5 % on ``a_ij · a_ji``, so that reciprocals printed to 2 decimals
(``0.13`` for 1/8) pass while a wrong judgement (8 against 1/9 is 11 % off) is rejected
with the cell named. The judgement is the larger entry of each pair; its mirror is then
taken as the exact reciprocal, so rounded printed matrices give the exact results.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.files import read_csv

#: Random consistency indices RI(n), n = 1, 2, ... by name of their source.
RANDOM_INDEX: dict[str, tuple[float, ...]] = {
    # Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill, table 1.3 (n ≤ 10),
    # extended to n = 15 in Saaty (1980/1990), "How to make a decision", EJOR 48, 9-26.
    "saaty": (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
              1.51, 1.48, 1.56, 1.57, 1.59),
    # Alonso, J. A. & Lamata, M. T. (2006). Consistency in the analytic hierarchy process:
    # a new approach. Int. J. Uncertainty, Fuzziness & Knowledge-Based Systems 14(4),
    # 445-459, table 3 (500,000 random matrices per n).
    "alonso-lamata": (0.0, 0.0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499,
                      1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838),
    # Tummala, V. M. R. & Ling, H. (1998). A note on the computation of the mean random
    # consistency index of the AHP. Theory and Decision 44(3), 221-230 (pymcdm's table).
    "tummala-ling": (0.0, 0.0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537,
                     1.4882, 1.5117, 1.5356, 1.5571, 1.5714, 1.5831),
}

PRIORITY_METHODS = ("eigenvector", "geometric")
CR_THRESHOLD = 0.1
RECIPROCITY_TOLERANCE = 0.05


@dataclass(frozen=True)
class AHPResult:
    """Priorities of a pairwise matrix and its consistency."""

    labels: list[str]
    weights: np.ndarray
    lambda_max: float
    CI: float
    CR: float
    RI: float
    priorities: str = "eigenvector"
    ri: str = "saaty"
    consistent: bool = field(default=True)

    def summary(self) -> dict[str, object]:
        """The figures written beside the weights (``WEIGHTS.json``)."""
        return {
            "method": "ahp",
            "priorities": self.priorities,
            "ri_table": self.ri,
            "n": len(self.labels),
            "lambda_max": float(self.lambda_max),
            "CI": float(self.CI),
            "RI": float(self.RI),
            "CR": float(self.CR),
            "consistent": bool(self.consistent),
            "cr_threshold": CR_THRESHOLD,
            "weights": {k: float(w) for k, w in zip(self.labels, self.weights, strict=True)},
        }


def _parse_cell(value: object, file: object, row: object, column: object) -> float:
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    else:
        text = str(value).strip()
        try:
            number = float(Fraction(text)) if "/" in text else float(text)
        except (ValueError, ZeroDivisionError):
            raise InputError(
                f"{where(file, row, column)}{text!r} is not a number or a fraction like 1/3"
            ) from None
    if not np.isfinite(number) or number <= 0:
        raise InputError(f"{where(file, row, column)}{number:g}: judgements must be positive")
    return number


def pairwise_from_frame(frame: pd.DataFrame, file: object = None) -> pd.DataFrame:
    """Validate a labelled pairwise table (index = row labels) and return it as floats.

    Checks: square, the same labels in rows and columns (no duplicates), positive numbers
    or fractions, unit diagonal, reciprocity ``a_ij · a_ji = 1`` within 5 %; the returned
    matrix is exactly reciprocal (the larger entry of each pair is kept).
    """
    rows = [str(r).strip() for r in frame.index]
    cols = [str(c).strip() for c in frame.columns]
    for kind, labels in (("row", rows), ("column", cols)):
        dupes = sorted({x for x in labels if labels.count(x) > 1})
        if dupes:
            raise InputError(f"{where(file)}duplicate {kind} label(s) {', '.join(map(repr, dupes))}")
    if set(rows) != set(cols):
        raise InputError(
            f"{where(file)}row labels and header labels differ: only in rows "
            f"{sorted(set(rows) - set(cols))}, only in header {sorted(set(cols) - set(rows))}"
        )
    frame = frame.copy()
    frame.index, frame.columns = rows, cols
    frame = frame.loc[:, rows]
    n = len(rows)
    try:
        a = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        a = np.array(
            [[_parse_cell(frame.iat[i, j], file, i + 1, rows[j]) for j in range(n)] for i in range(n)]
        )
    a = check_pairwise(a, rows, file, frame)
    return pd.DataFrame(a, index=rows, columns=rows)


def check_pairwise(
    a: np.ndarray, labels: list[str], file: object = None, frame: pd.DataFrame | None = None
) -> np.ndarray:
    """Vectorised checks of a pairwise matrix; returns it exactly reciprocal.

    Positive finite judgements, unit diagonal, ``a_ij · a_ji = 1`` within 5 %; the
    larger entry of each pair is kept and its mirror set to its reciprocal.
    """
    rows = labels
    n = len(rows)
    bad = ~np.isfinite(a) | (a <= 0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        if frame is not None:
            _parse_cell(frame.iat[i, j], file, i + 1, rows[j])  # names the cell
        raise InputError(f"{where(file, i + 1, rows[j])}{a[i, j]:g}: judgements must be positive")
    off_diagonal = np.abs(np.diag(a) - 1) > RECIPROCITY_TOLERANCE
    if off_diagonal.any():
        i = int(np.flatnonzero(off_diagonal)[0])
        raise InputError(f"{where(file, i + 1, rows[i])}diagonal must be 1, found {a[i, i]:g}")
    upper = np.triu(np.abs(a * a.T - 1) > RECIPROCITY_TOLERANCE, 1)
    if upper.any():
        i, j = np.argwhere(upper)[0]
        raise InputError(
            f"{where(file, i + 1, rows[j])}not reciprocal: a[{rows[i]!r}, {rows[j]!r}] = "
            f"{a[i, j]:g} but a[{rows[j]!r}, {rows[i]!r}] = {a[j, i]:g} "
            f"(expected {1 / a[i, j]:g})"
        )
    # the larger entry of each pair is the judgement; its mirror becomes its reciprocal
    keep = (a > a.T) | ((a == a.T) & np.triu(np.ones((n, n), dtype=bool), 1))
    a = np.where(keep, a, 1 / a.T)
    np.fill_diagonal(a, 1.0)
    return a


def read_pairwise(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a pairwise comparison CSV (see the module docstring)."""
    frame = read_csv(path, what="pairwise comparison CSV", dtype=str, keep_default_na=False)
    if frame.shape[1] < 2:
        raise InputError(f"{path}: expected row labels then one column per criterion")
    frame = frame.set_index(frame.columns[0])
    if frame.shape[0] != frame.shape[1]:
        raise InputError(
            f"{path}: not square: {frame.shape[0]} rows but {frame.shape[1]} criteria in the header"
        )
    return pairwise_from_frame(frame, file=Path(path))


def eigenvector_priorities(a: np.ndarray) -> tuple[np.ndarray, float]:
    """Principal right eigenvector scaled to sum 1, and the principal eigenvalue λmax.

    Saaty (1980), eq. ``A w = λmax w``. By Perron's theorem the eigenvalue of largest
    real part of a positive matrix is real and simple, with a positive eigenvector.
    """
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def geometric_priorities(a: np.ndarray) -> tuple[np.ndarray, float]:
    """Row geometric means scaled to sum 1, and ``λmax = mean((A w)_i / w_i)``.

    Crawford, G. & Williams, C. (1985). A note on the analysis of subjective judgment
    matrices. J. Math. Psychology 29, 387-405.
    """
    g = np.exp(np.log(a).mean(axis=1))
    w = g / g.sum()
    return w, float(np.mean((a @ w) / w))


def random_index(n: int, table: str = "saaty") -> float:
    """RI(n) from a named table; InputError for an unknown table or a too large n."""
    if table not in RANDOM_INDEX:
        raise InputError(f"ri={table!r}: unknown random index table; use one of {sorted(RANDOM_INDEX)}")
    values = RANDOM_INDEX[table]
    if n > len(values):
        raise InputError(f"ri={table!r}: the table stops at n = {len(values)}, the matrix has n = {n}")
    return values[n - 1]


def analyse(
    pairwise: pd.DataFrame | np.ndarray,
    priorities: str = "eigenvector",
    ri: str = "saaty",
    warn: bool = True,
) -> AHPResult:
    """Priorities, λmax, CI and CR of a pairwise matrix (labelled DataFrame or array).

    Warns (``UserWarning``) when CR > 0.1; never interactive.
    """
    if isinstance(pairwise, pd.DataFrame):
        frame = pairwise_from_frame(pairwise)
        labels, a = list(frame.index), frame.to_numpy(dtype=float)
    else:
        arr = np.asarray(pairwise, dtype=float)
        if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
            raise InputError(f"pairwise matrix must be square, got shape {arr.shape}")
        labels = [f"c{i + 1}" for i in range(arr.shape[0])]
        a = check_pairwise(arr, labels)
    n = a.shape[0]
    if priorities == "eigenvector":
        w, lam = eigenvector_priorities(a)
    elif priorities == "geometric":
        w, lam = geometric_priorities(a)
    else:
        raise InputError(f"priorities={priorities!r}: use one of {', '.join(PRIORITY_METHODS)}")
    ri_n = random_index(n, ri)
    ci = max(lam - n, 0.0) / (n - 1) if n > 2 else 0.0
    cr = ci / ri_n if n > 2 else 0.0
    consistent = cr <= CR_THRESHOLD
    if warn and not consistent:
        warnings.warn(
            f"AHP: consistency ratio CR = {cr:.3f} > {CR_THRESHOLD} (RI table {ri!r}); "
            "revise the pairwise judgements",
            UserWarning,
            stacklevel=2,
        )
    return AHPResult(
        labels=labels,
        weights=w,
        lambda_max=lam,
        CI=ci,
        CR=cr,
        RI=ri_n,
        priorities=priorities,
        ri=ri,
        consistent=consistent,
    )
