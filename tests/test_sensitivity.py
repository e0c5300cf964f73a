"""The sensitivity core: COINr's Sobol estimators and design, weight draws, vectorised ranks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.errors import InputError
from analysis.sensitivity import (
    SOBOL_COLUMNS,
    arithmetic_scores,
    check_design,
    column_quantiles,
    cut_levels,
    dirichlet_weights,
    mean_abs_rank_shift,
    monte_carlo_ranks,
    noisy_weights,
    rank_intervals,
    ranks_min,
    salib_matrix,
    saltelli_design,
    saltelli_matrix,
    sobol_indices,
)

COINR_DESIGN = (
    Path(__file__).parent / "data/coinr-asem/sensitivity-design/SA_4factors_N100_parameters.csv"
)


# --- Sobol indices -------------------------------------------------------------------


def test_sobol_by_hand_on_a_tiny_design():
    # N = 2, d = 1: yA = (1, 3), yB = (2, 4), yAB1 = (2, 3)
    y = [1, 3, 2, 4, 2, 3]
    result = sobol_indices(y, N=2, d=1, n_boot=0)
    assert list(result.columns) == list(SOBOL_COLUMNS)
    # V = var(1, 3, 2, 4) = 5/3 (n - 1 denominator)
    # Si = mean(2 * (2 - 1), 4 * (3 - 3)) / V = 1 / (5/3) = 0.6
    # STi = ((1 - 2)^2 + (3 - 3)^2) / (2 * 2 * 5/3) = 0.15
    assert result.loc[0, "Si"] == pytest.approx(0.6)
    assert result.loc[0, "STi"] == pytest.approx(0.15)
    assert result["Si_q05"].isna().all()


def test_sobol_on_a_linear_model_matches_the_analytic_indices():
    # y = x1 + 2 x2 + 3 x3, x uniform: no interactions, Si = STi = (1, 4, 9) / 14
    N, d = 20_000, 3
    x = saltelli_matrix(N, d, seed=1)
    y = x @ np.array([1.0, 2.0, 3.0])
    result = sobol_indices(y, N, d, n_boot=200, seed=2, factors=["a", "b", "c"])
    expected = np.array([1, 4, 9]) / 14
    assert result["factor"].tolist() == ["a", "b", "c"]
    assert result["Si"].to_numpy() == pytest.approx(expected, abs=0.02)
    assert result["STi"].to_numpy() == pytest.approx(expected, abs=0.02)
    assert (result["Si_q05"] <= result["Si"]).all() and (result["Si"] <= result["Si_q95"]).all()
    assert (result["STi_q05"] <= result["STi"]).all() and (result["STi"] <= result["STi_q95"]).all()


def test_sobol_on_ishigami_matches_the_analytic_indices():
    # Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: S = (0.3139, 0.4424, 0),
    # ST = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2008, Global Sensitivity Analysis, 4.2)
    N, d = 2**16, 3
    x = -np.pi + 2 * np.pi * salib_matrix(N, d, seed=3)
    y = np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
    result = sobol_indices(y, N, d, n_boot=0)
    assert result["Si"].to_numpy() == pytest.approx([0.3139, 0.4424, 0.0], abs=0.02)
    assert result["STi"].to_numpy() == pytest.approx([0.5576, 0.4424, 0.2437], abs=0.02)


def test_sobol_bootstrap_is_seeded():
    y = np.random.default_rng(0).random(5 * 50)
    first = sobol_indices(y, 50, 3, n_boot=100, seed=7)
    again = sobol_indices(y, 50, 3, n_boot=100, seed=7)
    pd.testing.assert_frame_equal(first, again)


def test_sobol_bad_input():
    with pytest.raises(InputError, match="expected N \\(d \\+ 2\\)"):
        sobol_indices(np.ones(11), N=2, d=4)
    with pytest.raises(InputError, match="runs 3"):
        sobol_indices([1, 2, np.nan, 4, 5, 6], N=2, d=1)


# --- designs -------------------------------------------------------------------------


def test_design_is_in_coinr_block_order():
    N, d = 7, 3
    x = saltelli_matrix(N, d, seed=4)
    assert x.shape == (N * (d + 2), d)
    a, b = x[:N], x[N : 2 * N]
    for i in range(d):
        ab = x[(2 + i) * N : (3 + i) * N]
        others = [j for j in range(d) if j != i]
        assert np.array_equal(ab[:, others], a[:, others])
        assert np.array_equal(ab[:, i], b[:, i])


def test_salib_design_is_reordered_into_the_same_blocks():
    N, d = 8, 2
    x = salib_matrix(N, d, seed=5)
    a, b = x[:N], x[N : 2 * N]
    assert np.array_equal(x[2 * N : 3 * N], np.column_stack([b[:, 0], a[:, 1]]))
    assert np.array_equal(x[3 * N :], np.column_stack([a[:, 0], b[:, 1]]))


def test_cut_levels_follows_r_cut():
    # cut(c(0, 0.1, 0.5, 0.99, 1), 2): breaks -0.001, 0.5, 1.001, right-closed
    assert cut_levels(np.array([0.0, 0.1, 0.5, 0.99, 1.0]), 2).tolist() == [0, 0, 0, 1, 1]
    # the intervals span the sample's own range, not [0, 1]
    assert cut_levels(np.array([0.2, 0.3, 0.4]), 2).tolist() == [0, 0, 1]
    assert cut_levels(np.array([0.4, 0.4]), 3).tolist() == [1, 1]


@pytest.mark.parametrize("sampler", ["coinr", "salib"])
def test_saltelli_design_maps_to_alternatives(sampler):
    factors = {"winmax": [1, 2, 3, 4, 5], "normalisation": ["minmax", "zscore"]}
    design = saltelli_design(factors, N=64, seed=6, sampler=sampler)
    assert list(design.columns) == ["run", "block", "winmax", "normalisation"]
    assert len(design) == 64 * 4 and design["run"].tolist() == list(range(1, 257))
    assert design["block"].unique().tolist() == ["A", "B", "AB_1", "AB_2"]
    assert set(design["winmax"]) == {1, 2, 3, 4, 5}
    assert set(design["normalisation"]) == {"minmax", "zscore"}
    a = design[design["block"] == "A"].reset_index(drop=True)
    b = design[design["block"] == "B"].reset_index(drop=True)
    ab1 = design[design["block"] == "AB_1"].reset_index(drop=True)
    assert ab1["winmax"].tolist() == b["winmax"].tolist()
    assert ab1["normalisation"].tolist() == a["normalisation"].tolist()


def test_saltelli_design_is_seeded_and_rejects_unknown_sampler():
    factors = {"w": list(range(10))}
    pd.testing.assert_frame_equal(
        saltelli_design(factors, 10, seed=1), saltelli_design(factors, 10, seed=1)
    )
    with pytest.raises(InputError, match="'sobol'"):
        saltelli_design(factors, 10, seed=1, sampler="sobol")


def test_check_design_accepts_our_designs_and_names_a_broken_row():
    factors = {"winmax": [1, 2, 3, 4, 5], "normalisation": ["minmax", "zscore"]}
    design = saltelli_design(factors, N=10, seed=7)
    assert check_design(design, list(factors)) == 10
    broken = design.copy()
    broken.loc[25, "normalisation"] = "other"  # row 26: block AB_1, where it must equal A
    with pytest.raises(InputError, match="row 26, column 'normalisation': block AB_1"):
        check_design(broken, list(factors))
    with pytest.raises(InputError, match="not N \\(d \\+ 2\\)"):
        check_design(design.iloc[:-1], list(factors))
    with pytest.raises(InputError, match="'aggregation'"):
        check_design(design, ["winmax", "aggregation"])


def test_coinr_asem_design_has_the_block_structure_we_assume():
    design = pd.read_csv(COINR_DESIGN)
    factors = ["Winmax", "Normalisation", "Weights", "Aggregation"]
    N, d = 100, 4
    assert len(design) == N * (d + 2)
    assert check_design(design, factors) == N
    a = design.iloc[:N][factors].reset_index(drop=True)
    b = design.iloc[N : 2 * N][factors].reset_index(drop=True)
    for i, factor in enumerate(factors):
        ab = design.iloc[(2 + i) * N : (3 + i) * N][factors].reset_index(drop=True)
        expected = a.copy()
        expected[factor] = b[factor]
        pd.testing.assert_frame_equal(ab, expected)


# --- weights and aggregation ---------------------------------------------------------


def test_noisy_weights_are_coinr_perturbations():
    nominal = np.array([1.0, 2.0, 0.5, 1.0])
    draws = noisy_weights(nominal, 20_000, noise=[0.25, 0.25, 0.25, 0.0], seed=1)
    assert draws.shape == (20_000, 4)
    ratio = draws / nominal
    assert ratio[:, :3].min() >= 0.75 and ratio[:, :3].max() <= 1.25
    assert np.all(draws[:, 3] == 1.0)  # noise 0: kept at nominal
    assert ratio[:, :3].mean(axis=0) == pytest.approx(np.ones(3), abs=0.01)
    assert np.array_equal(draws, noisy_weights(nominal, 20_000, [0.25, 0.25, 0.25, 0], seed=1))


def test_dirichlet_weights_centre_on_the_nominal_weights():
    nominal = np.array([1.0, 2.0, 0.0, 1.0])
    draws = dirichlet_weights(nominal, 20_000, concentration=5, seed=2)
    assert draws.sum(axis=1) == pytest.approx(np.full(20_000, 4.0))
    assert np.all(draws[:, 2] == 0)
    assert draws.mean(axis=0) == pytest.approx(nominal, abs=0.02)


def test_arithmetic_scores_is_a_weighted_mean_skipping_missing_values():
    values = np.array([[1.0, 2.0, 3.0], [4.0, np.nan, 6.0]])
    weights = np.array([[1.0, 1.0, 2.0], [0.0, 1.0, 0.0]])
    scores = arithmetic_scores(values, weights)
    assert scores.shape == (2, 2)
    assert scores[0] == pytest.approx([(1 + 2 + 6) / 4, (4 + 12) / 3])
    assert scores[1, 0] == 2.0 and np.isnan(scores[1, 1])  # only weight on a missing value


# --- ranks ---------------------------------------------------------------------------


def test_ranks_min_equals_scipy_rankdata_row_by_row():
    rng = np.random.default_rng(3)
    scores = rng.integers(0, 12, size=(200, 30)).astype(float)  # many ties
    scores[rng.random(scores.shape) < 0.1] = np.nan
    ranks = ranks_min(scores)
    for row, got in zip(scores, ranks, strict=True):
        ok = ~np.isnan(row)
        expected = np.full(row.shape, np.nan)
        expected[ok] = stats.rankdata(-row[ok], method="min")
        np.testing.assert_array_equal(got, expected)


def test_ranks_min_by_hand():
    assert ranks_min(np.array([3.0, 1.0, 3.0, np.nan, 2.0])).tolist()[:3] == [1, 4, 1]
    assert ranks_min(np.array([[5.0, 5.0, 5.0]])).tolist() == [[1, 1, 1]]


def test_mean_abs_rank_shift_and_intervals():
    ranks = np.array([[1, 2, 3, 4], [2, 1, 3, 4], [4, 3, 2, np.nan]], dtype=float)
    nominal = np.array([1, 2, 3, 4], dtype=float)
    # run 3: (|4-1| + |3-2| + |2-3|) / 3, the unit without a rank is skipped
    assert mean_abs_rank_shift(ranks, nominal) == pytest.approx([0, 0.5, 5 / 3])
    intervals = rank_intervals(ranks, nominal, units=["甲", "乙", "丙", "丁"])
    assert list(intervals.columns) == ["unit", "nominal", "median", "q05", "q95"]
    assert intervals["median"].tolist() == [2, 2, 3, 4]
    # type 7: q05 of (1, 2, 4) is 1 + 0.1 * (2 - 1)
    assert intervals.loc[0, "q05"] == pytest.approx(1.1)


def test_column_quantiles_equal_numpy_nanquantile():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(101, 20))
    x[rng.random(x.shape) < 0.2] = np.nan
    x[:, 3] = np.nan
    probs = [0.05, 0.5, 0.95]
    with np.errstate(all="ignore"), pytest.warns(RuntimeWarning):
        expected = np.nanquantile(x, probs, axis=0)
    np.testing.assert_allclose(column_quantiles(x, probs), expected)


def test_monte_carlo_ranks_chunks_equal_one_pass():
    rng = np.random.default_rng(5)
    values = rng.random((40, 6))
    weights = noisy_weights(np.ones(6), 250, seed=6)
    chunked = monte_carlo_ranks(values, weights, chunk=64)
    whole = ranks_min(arithmetic_scores(values, weights))
    np.testing.assert_array_equal(chunked, whole)


# --- weight sets for the sensitivity engine ------------------------------------------


def _small_framework():
    from analysis.framework import framework_from_table

    rows = [
        {"code": "a", "parent": "P", "type": "indicator"},
        {"code": "b", "parent": "P", "type": "indicator"},
        {"code": "c", "parent": "Q", "type": "indicator"},
        {"code": "P", "parent": "Index", "type": "aggregate", "weight": 2},
        {"code": "Q", "parent": "Index", "type": "aggregate"},
        {"code": "Index", "type": "aggregate"},
    ]
    return framework_from_table(rows, name="small")


def test_noisy_weight_sets_perturb_only_the_levels_named():
    from analysis.sensitivity import draw_weight_sets

    fw = _small_framework()
    nominal = fw.weights.to_numpy()
    sets = draw_weight_sets(fw, nominal, {"noise": {2: 0.25}, "sets": 500}, seed=1)
    assert sets.shape == (500, 6)
    assert np.all(sets[:, :3] == 1.0) and np.all(sets[:, 5] == 1.0)  # levels 1 and 3 kept
    ratio = sets[:, 3:5] / nominal[3:5]
    assert ratio.min() >= 0.75 and ratio.max() <= 1.25 and ratio.std() > 0.1


def test_dirichlet_weight_sets_keep_each_group_total():
    from analysis.sensitivity import draw_weight_sets

    fw = _small_framework()
    nominal = fw.weights.to_numpy()
    sets = draw_weight_sets(fw, nominal, {"dirichlet": {"concentration": 5}, "sets": 400}, seed=2)
    # siblings a, b share their nominal total 2; P, Q share 3; c is alone and stays 1
    assert sets[:, 0] + sets[:, 1] == pytest.approx(np.full(400, 2.0))
    assert sets[:, 3] + sets[:, 4] == pytest.approx(np.full(400, 3.0))
    assert np.all(sets[:, 2] == 1.0)
    assert sets[:, 3].mean() == pytest.approx(2.0, abs=0.1)


def test_weight_sets_table_reads_back():
    from analysis.sensitivity import read_weight_sets, weight_sets_table

    fw = _small_framework()
    matrix = np.array([[1, 2, 3, 4, 5, 1], [0.5, 0.5, 1, 1, 2, 1]], dtype=float)
    table = weight_sets_table(["x", "y"], matrix, fw)
    assert list(table.columns) == ["set", "iCode", "Level", "Weight"]
    labels, back = read_weight_sets(table, fw)
    assert labels == ["x", "y"]
    np.testing.assert_array_equal(back, matrix)


def test_level_matrices_for_many_runs_equal_the_pipelines():
    from analysis.aggregate import level_matrices
    from analysis.sensitivity import _level_matrices

    fw = _small_framework()
    weights = np.random.default_rng(3).random((7, 6))
    for ours, theirs in zip(_level_matrices(fw, weights), level_matrices(fw, weights), strict=True):
        assert ours.children == theirs.children and ours.parents == theirs.parents
        np.testing.assert_array_equal(ours.matrix, theirs.matrix)
