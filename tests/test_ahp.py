"""AHP: Saaty's printed examples, the random-index tables, pymcdm as an oracle, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import ahp
from analysis.errors import InputError

MCDA = "mcda"

# Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process.
# European Journal of Operational Research 48, 9-26: the house-buying example.
# Table 2, criteria (priorities printed to 3 decimals; λmax = 9.669, CI = 0.238, CR = 0.169).
HOUSE_PRIORITIES = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
# Table 3, "size of house" for houses A, B, C: .754, .181, .065; λmax 3.136, CI .068, CR .117.
SIZE_OF_HOUSE = np.array([[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]])


@pytest.fixture
def house(test_data):
    return ahp.read_pairwise(test_data / MCDA / "saaty1990_house_pairwise.csv")


def test_saaty_1990_house_criteria_reproduced_to_printed_precision(house):
    with pytest.warns(UserWarning, match="CR = 0.169"):
        result = ahp.analyse(house)
    np.testing.assert_allclose(result.weights, HOUSE_PRIORITIES, atol=5e-4)
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.CI, 3) == 0.238
    assert round(result.CR, 3) == 0.169
    assert not result.consistent
    assert list(result.labels)[0] == "size"


def test_saaty_1990_size_of_house():
    with pytest.warns(UserWarning, match="CR"):
        result = ahp.analyse(SIZE_OF_HOUSE)
    np.testing.assert_allclose(result.weights, [0.754, 0.181, 0.065], atol=5e-4)
    assert (round(result.lambda_max, 3), round(result.CI, 3), round(result.CR, 3)) == (
        3.136,
        0.068,
        0.117,
    )


# Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J.
# Services Sciences 1(1), 83-98: "relative consumption of drinks in the United States"
# (30 participants' judgements; matrix in tests/data/mcda/saaty2008_drinks_pairwise.csv).
# The matrix and the priorities Saaty prints are quoted from the README of AHPy
# (github.com/PhilipGriffith/AHPy, "Relative consumption of drinks in the United States"),
# which also prints CR = 0.022 from its own run with Saaty's random index (precision 3).
DRINKS_PRIORITIES = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
DRINKS_ACTUAL = [0.180, 0.010, 0.040, 0.120, 0.180, 0.140, 0.330]  # US Statistical Abstract


def test_saaty_2008_drinks_reproduced_to_printed_precision(test_data):
    """Eigenvector priorities of Saaty's (2008) drinks matrix to the 3 printed decimals;
    CR = 0.022 with each of the named RI tables (AHPy's value); no warning (CR ≤ 0.1)."""
    pairwise = ahp.read_pairwise(test_data / MCDA / "saaty2008_drinks_pairwise.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = ahp.analyse(pairwise)
    assert list(result.labels) == ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
    np.testing.assert_array_equal(np.round(result.weights, 3), DRINKS_PRIORITIES)
    assert result.consistent
    for table in ahp.RANDOM_INDEX:
        assert round(ahp.analyse(pairwise, ri=table).CR, 3) == 0.022
    # the point of the example: the judgements recover the actual shares within 0.012
    np.testing.assert_allclose(result.weights, DRINKS_ACTUAL, atol=0.012)


def test_a_consistent_matrix_has_exact_ratios_and_zero_ci():
    w = np.array([0.5, 0.3, 0.2])
    a = w[:, None] / w[None, :]
    for method in ("eigenvector", "geometric"):
        result = ahp.analyse(a, priorities=method)
        np.testing.assert_allclose(result.weights, w, atol=1e-12)
        assert result.lambda_max == pytest.approx(3.0)
        assert result.CI == pytest.approx(0.0, abs=1e-12)


def test_geometric_mean_priorities_of_the_house_example(house):
    # Row geometric means, scaled to sum 1 (Crawford & Williams 1985), by hand.
    a = house.to_numpy()
    g = np.prod(a, axis=1) ** (1 / 8)
    with pytest.warns(UserWarning):
        result = ahp.analyse(house, priorities="geometric")
    np.testing.assert_allclose(result.weights, g / g.sum(), rtol=1e-12)
    assert result.lambda_max == pytest.approx(np.mean(a @ result.weights / result.weights))


def test_random_index_tables_are_named_and_differ():
    assert ahp.random_index(8, "saaty") == 1.41
    assert ahp.random_index(8, "alonso-lamata") == 1.4056
    assert ahp.random_index(3, "tummala-ling") == 0.5799
    with pytest.raises(InputError, match="unknown random index table"):
        ahp.random_index(3, "nope")
    with pytest.raises(InputError, match="stops at n = 15"):
        ahp.random_index(16)


def test_cr_uses_the_chosen_table(house):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        saaty = ahp.analyse(house, ri="saaty")
        alonso = ahp.analyse(house, ri="alonso-lamata")
    assert alonso.CR == pytest.approx(saaty.CI / 1.4056)
    assert alonso.summary()["ri_table"] == "alonso-lamata"


def test_no_warning_when_consistent_enough():
    a = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = ahp.analyse(a)
    assert result.CR < 0.1


def test_two_criteria_are_always_consistent():
    result = ahp.analyse(np.array([[1, 4], [0.25, 1]]))
    np.testing.assert_allclose(result.weights, [0.8, 0.2])
    assert result.CI == 0 and result.CR == 0


def test_agrees_with_pymcdm_eigenvector_and_cr(house):
    pymcdm_ahp = pytest.importorskip("pymcdm.weights.subjective").AHP
    a = house.to_numpy()
    peer = pymcdm_ahp(matrix=a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = ahp.analyse(a, ri="tummala-ling")  # pymcdm's RI table
    np.testing.assert_allclose(ours.weights, peer(), atol=1e-10)
    assert ours.CR == pytest.approx(peer.get_cr(), rel=1e-10)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]), min_size=6, max_size=6))
def test_priorities_are_positive_and_sum_to_one(upper):
    n = 4
    a = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j], a[j, i] = upper[k], 1 / upper[k]
            k += 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for method in ahp.PRIORITY_METHODS:
            result = ahp.analyse(a, priorities=method)
            assert (result.weights > 0).all()
            assert result.weights.sum() == pytest.approx(1.0)
            assert result.lambda_max >= n - 1e-9


# ---- reading and validating pairwise CSV files ----------------------------------------


def write(tmp_path, text, name="pairwise.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_fractions_and_rounded_decimals_are_read_as_exact_reciprocals(tmp_path):
    p = write(tmp_path, "x,a,b,c\na,1,3,8\nb,0.33,1,2\nc,0.13,0.5,1\n")
    a = ahp.read_pairwise(p)
    assert a.loc["b", "a"] == pytest.approx(1 / 3)
    assert a.loc["c", "a"] == pytest.approx(1 / 8)


def test_columns_in_another_order_are_aligned_to_the_rows(tmp_path):
    p = write(tmp_path, "x,c,a,b\na,5,1,3\nb,2,1/3,1\nc,1,1/5,1/2\n")
    a = ahp.read_pairwise(p)
    assert list(a.columns) == ["a", "b", "c"] and a.loc["a", "c"] == 5


def test_non_reciprocal_cell_is_named(tmp_path):
    p = write(tmp_path, "x,a,b,c\na,1,3,5\nb,1/3,1,2\nc,1/4,1/2,1\n")
    with pytest.raises(InputError, match=r"row 1, column 'c'.*not reciprocal.*0\.25"):
        ahp.read_pairwise(p)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,a,b\na,1,2\n", "not square"),
        ("x,a,b\na,1,2\nc,1/2,1\n", "row labels and header labels differ"),
        ("x,a,b\na,1,two\nb,1/2,1\n", "'two' is not a number"),
        ("x,a,b\na,1,-2\nb,1/2,1\n", "must be positive"),
        ("x,a,b\na,2,2\nb,1/2,1\n", "diagonal must be 1"),
        ("x,a,b\na,1,\nb,1/2,1\n", "is not a number"),
        ("x,a,a\na,1,2\na,1/2,1\n", "duplicate"),
    ],
)
def test_bad_pairwise_files_are_rejected_with_a_clear_error(tmp_path, text, message):
    with pytest.raises(InputError, match=message):
        ahp.read_pairwise(write(tmp_path, text))


def test_unknown_priority_method():
    with pytest.raises(InputError, match="priorities='power'"):
        ahp.analyse(np.ones((2, 2)), priorities="power")


def test_labelled_frame_input():
    frame = pd.DataFrame([[1, 2], [0.5, 1]], index=["p", "q"], columns=["p", "q"])
    result = ahp.analyse(frame)
    assert result.labels == ["p", "q"]
