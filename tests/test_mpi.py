"""Mazziotta–Pareto index (MPI) and adjusted MPI: hand-derived cases from the published
formulas and properties.

No printed numeric example was reachable offline (Compind's help pages print none; the
papers' tables are not in the stored corpus), so the checks are cases worked by hand from
De Muro, Mazziotta & Pareto (2011) and Mazziotta & Pareto (2016, 2018).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.errors import InputError
from analysis.mpi import ampi, ampi_goalposts, ampi_normalise, mpi, mpi_normalise


def test_mpi_hand_case():
    # x1 = 1, 2, 3 (+), x2 = 10, 20, 30 (−): M = 2 (20), population S = sqrt(2/3) (·10)
    # z1 = 100 ∓ 10/sqrt(2/3) = 87.7526, 100, 112.2474; z2 mirrored.
    # unit 1: z = (87.7526, 112.2474): M = 100, S² = 150, S·cv = S²/M = 1.5
    # → MPI− = 98.5 (positive index), MPI+ = 101.5; unit 2: (100, 100) → 100.
    x = np.array([[1, 10], [2, 20], [3, 30.0]])
    d = np.array([1, -1.0])
    z = mpi_normalise(x, d)
    np.testing.assert_allclose(z[:, 0], [100 - 10 / np.sqrt(2 / 3), 100, 100 + 10 / np.sqrt(2 / 3)])
    np.testing.assert_allclose(mpi(x, d), [98.5, 100, 98.5])
    np.testing.assert_allclose(mpi(x, d, "negative"), [101.5, 100, 101.5])
    # same polarity: every unit balanced, MPI = the mean of z
    np.testing.assert_allclose(mpi(x), mpi_normalise(x).mean(axis=1))


def test_ampi_hand_case():
    # Two periods stacked: indicator 1 (+) takes 2, 4 (base) and 4, 6; indicator 2 (−)
    # takes 8, 4 (base) and 6, 4. Reference = base means (3, 6).
    # Indicator 1: Inf 2, Sup 6, Δ 2 → goalposts 1..5: r = 70 + 15 (x − 1) → 85, 115, 115, 145
    # Indicator 2: Inf 4, Sup 8, Δ 2 → goalposts 4..8: r = 70 + 15 (8 − x) → 70, 130, 100, 130
    x = np.array([[2, 8], [4, 4], [4, 6], [6, 4.0]])
    ref = x[:2].mean(axis=0)
    lo, hi = ampi_goalposts(x, ref)
    np.testing.assert_allclose(lo, [1, 4])
    np.testing.assert_allclose(hi, [5, 8])
    r = ampi_normalise(x, np.array([1, -1.0]), ref)
    np.testing.assert_allclose(r, [[85, 70], [115, 130], [115, 100], [145, 130]])
    # row 1: M = 77.5, S = 7.5 → S²/M = 56.25/77.5
    expected = r.mean(axis=1) - r.std(axis=1) ** 2 / r.mean(axis=1)
    np.testing.assert_allclose(ampi(x, np.array([1, -1.0]), ref), expected)
    assert ampi(x, np.array([1, -1.0]), ref)[0] == pytest.approx(77.5 - 56.25 / 77.5)


matrices = arrays(np.float64, st.tuples(st.integers(3, 10), st.integers(2, 5)),
                  elements=st.floats(1, 1000, allow_subnormal=False))


@settings(max_examples=60, deadline=None)
@given(matrices, st.floats(0.01, 100))
def test_invariant_to_scaling(x, factor):
    assume(np.all(np.ptp(x, axis=0) > 1e-6 * np.abs(x).max()))
    np.testing.assert_allclose(mpi(x * factor), mpi(x), rtol=1e-9)
    np.testing.assert_allclose(ampi(x * factor), ampi(x), rtol=1e-9)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_penalty_never_rewards_unbalance(x):
    z = mpi_normalise(x)
    assert np.all(mpi(x) <= z.mean(axis=1) + 1e-9)
    assert np.all(mpi(x, index_polarity="negative") >= z.mean(axis=1) - 1e-9)


def test_bad_input():
    with pytest.raises(InputError):
        mpi(np.array([[1.0], [2.0]]))
    with pytest.raises(InputError):
        mpi(np.array([[1.0, 2.0], [2.0, np.nan]]))
    with pytest.raises(InputError):
        mpi(np.array([[1.0, 2.0], [2.0, 3.0]]), index_polarity="up")
