"""The Mazziotta–Pareto index through the index pipeline equals the paper's form (analysis.mpi)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis import aggregate, mpi, normalise
from analysis.framework import framework_from_dict
from analysis.index import build_index

X = np.array([
    [12.0, 0.31, 7.0, 55.0],
    [15.0, 0.22, 9.5, 61.0],
    [9.0, 0.40, 4.0, 48.0],
    [20.0, 0.18, 8.0, 70.0],
    [11.0, 0.35, 6.5, 52.0],
])  # fmt: skip
DIRECTION = np.array([1.0, -1.0, 1.0, 1.0])


def _flat_framework():
    return framework_from_dict({
        "name": "flat",
        "aggregates": [{"code": "Index"}],
        "indicators": [
            {"code": f"x{j}", "parent": "Index", "direction": int(d)}
            for j, d in enumerate(DIRECTION)
        ],
    })


def test_normalise_mpi_is_the_population_sd_standardisation():
    z = normalise.mpi(X, DIRECTION)
    np.testing.assert_allclose(z.mean(axis=0), 100.0)
    np.testing.assert_allclose(z.std(axis=0), 10.0)  # divisor n
    np.testing.assert_allclose(z, mpi.mpi_normalise(X, DIRECTION), rtol=0, atol=1e-12)


def test_mpi_spec_equals_the_papers_formula():
    data = pd.DataFrame(X, columns=[f"x{j}" for j in range(4)])
    data.insert(0, "uCode", list("ABCDE"))
    spec = {"normalise": {"method": "mpi"}, "aggregate": {"method": "mpi"}}
    result = build_index(data, _flat_framework(), spec)
    scores = result.scores.set_index("uCode").loc[list("ABCDE"), "score"].to_numpy()
    np.testing.assert_allclose(scores, mpi.mpi(X, DIRECTION), rtol=0, atol=1e-12)


def test_hand_case_two_indicators():
    # z = (90, 110): M = 100, S = 10 (population), cv = 0.1 → MPI = 100 − 10·0.1 = 99
    out = aggregate.mpi(np.array([[90.0, 110.0]]), np.array([[1.0], [1.0]]))
    assert out[0, 0] == pytest.approx(99.0)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, (6, 3), elements=st.floats(50, 150)), st.floats(0.1, 10))
def test_mpi_ignores_weights_and_never_exceeds_the_mean(z, w):
    member = np.array([[1.0], [1.0], [1.0]])
    weighted = np.array([[w], [1.0], [2.0]])
    out = aggregate.mpi(z, weighted)
    np.testing.assert_allclose(out, aggregate.mpi(z, member))
    assert (out[:, 0] <= z.mean(axis=1) + 1e-9).all()
