"""Obstacle degree: mathmodels' worked example, a hand case, properties, the command."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.cli import main
from analysis.regional.obstacle import minmax_unit, obstacle_degree, obstacles

# The R package mathmodels (CRAN, 2025), help page `system_evaluation`: the same
# normalised data as its coupling example and the printed output of
# `obstacle_degree(df)` (equal weights) and `obstacle_degree(df, c(0.4, 0.3, 0.3))`:
# O_ij = (1 − X_ij) w_j, unscaled, 3 significant digits. Our O is the row-normalised
# percentage (mathmodels' `scaled = TRUE` × 100), so the printed rows are rescaled here.
MATHMODELS_X = np.array([
    [0.0162, 0.2720, 0.2655],
    [0.1782, 0.6824, 0.3721],
    [0.5490, 0.0593, 0.5729],
    [0.6730, 0.4812, 0.9082],
    [0.0207, 0.8891, 0.2017],
    [0.9875, 0.5573, 0.8984],
])
MATHMODELS_EQUAL = np.array([
    [0.328, 0.243, 0.245],
    [0.274, 0.106, 0.209],
    [0.150, 0.314, 0.142],
    [0.109, 0.173, 0.0306],
    [0.326, 0.0370, 0.266],
    [0.00417, 0.148, 0.0339],
])
MATHMODELS_WEIGHTED = np.array([
    [0.394, 0.218, 0.220],
    [0.329, 0.0953, 0.188],
    [0.180, 0.282, 0.128],
    [0.131, 0.156, 0.0275],
    [0.392, 0.0333, 0.239],
    [0.00500, 0.133, 0.0305],
])


@pytest.mark.parametrize(("weights", "printed"), [
    (np.ones(3) / 3, MATHMODELS_EQUAL),
    (np.array([0.4, 0.3, 0.3]), MATHMODELS_WEIGHTED),
])
def test_mathmodels_worked_example(weights, printed):
    deviation, obstacle = obstacle_degree(MATHMODELS_X, weights)
    np.testing.assert_allclose(deviation * weights, printed, rtol=6e-3, atol=6e-5)
    np.testing.assert_allclose(obstacle, printed / printed.sum(axis=1, keepdims=True) * 100,
                               rtol=6e-3)


def test_hand_case_with_cost_constant_column_and_dimensions():
    # x1 benefit 0..10, x2 cost 1..3, x3 constant; w = (1, 1, 2).
    # unit a: x1' = 0, x2' = 1 (lowest cost), x3' = 1 → I = (1, 0, 0) → O = (100, 0, 0)
    # unit b: x1' = 0.5, x2' = 0.5 → I = (0.5, 0.5, 0) → O = (50, 50, 0)
    # unit c: x1' = 1, x2' = 0 → I = (0, 1, 0) → O = (0, 100, 0)
    matrix = pd.DataFrame({"x1": [0, 5, 10.0], "x2": [1, 2, 3.0], "x3": [7, 7, 7.0]},
                          index=["a", "b", "c"])
    result = obstacles(matrix, np.array([1, 1, 2.0]), np.array([1, -1, 1.0]),
                       ["P", "Q", "Q"])
    np.testing.assert_allclose(result.obstacle, [[100, 0, 0], [50, 50, 0], [0, 100, 0]])
    np.testing.assert_allclose(result.dimension_obstacle, [[100, 0], [50, 50], [0, 100]])
    table = result.table()
    assert list(table.columns) == ["unit", "level", "code", "deviation", "obstacle"]
    assert table.loc[table["level"] == "dimension", "deviation"].isna().all()
    assert result.top(1)["code"].tolist() == ["x1", "x1", "x2"]


def test_unit_best_everywhere_gets_zero():
    matrix = pd.DataFrame({"x1": [1, 2.0], "x2": [1, 2.0]}, index=["low", "best"])
    result = obstacles(matrix, np.array([0.5, 0.5]))
    assert result.obstacle[1].tolist() == [0.0, 0.0]
    assert result.obstacle[0].sum() == pytest.approx(100)


matrices = arrays(np.float64, st.tuples(st.integers(2, 8), st.integers(1, 5)),
                  elements=st.floats(-1e3, 1e3, allow_subnormal=False))


@settings(max_examples=60, deadline=None)
@given(matrices, st.data())
def test_obstacles_sum_to_100_or_zero(x, data):
    m = x.shape[1]
    w = np.array(data.draw(st.lists(st.floats(0.01, 10), min_size=m, max_size=m)))
    d = np.array(data.draw(st.lists(st.sampled_from([1.0, -1.0]), min_size=m, max_size=m)))
    result = obstacles(pd.DataFrame(x), w, d)
    sums = result.obstacle.sum(axis=1)
    assert np.all(np.isclose(sums, 100) | (sums == 0))
    assert np.all(result.obstacle >= 0)


@settings(max_examples=40, deadline=None)
@given(matrices, st.floats(0.01, 100))
def test_invariant_to_positive_scaling(x, factor):
    w = np.ones(x.shape[1])
    base = obstacles(pd.DataFrame(x), w)
    scaled = obstacles(pd.DataFrame(x * factor), w).obstacle
    # O = 100 w I / Σ w I: a row whose deviations add up to almost nothing (a unit within
    # rounding of the best on every indicator) amplifies the ~1e-15 rounding of min-max by
    # 1 / Σ w I, so the property is asserted where that sum is not itself rounding-sized
    conditioned = base.deviation.sum(axis=1) > 1e-6
    np.testing.assert_allclose(scaled[conditioned], base.obstacle[conditioned], atol=1e-7)


def test_minmax_unit_constant_column_is_one():
    out = minmax_unit(np.array([[1, 5.0], [3, 5.0]]), np.array([-1, 1.0]))
    np.testing.assert_allclose(out, [[1, 1], [0, 1]])


def _write(tmp_path):
    matrix = tmp_path / "matrix.csv"
    matrix.write_text("unit,x1,x2,x3\na,0,1,7\nb,5,2,7\nc,10,3,7\n", encoding="utf-8")
    criteria = tmp_path / "criteria.csv"
    criteria.write_text("indicator,direction,dimension\nx1,1,P\nx2,-1,Q\nx3,1,Q\n",
                        encoding="utf-8")
    weights = tmp_path / "weights.csv"
    weights.write_text("indicator,weight\nx1,0.25\nx2,0.25\nx3,0.5\n", encoding="utf-8")
    return matrix, criteria, weights


def test_command(tmp_path):
    matrix, criteria, weights = _write(tmp_path)
    out = tmp_path / "obstacle.csv"
    assert main(["obstacle", str(matrix), "--criteria", str(criteria), "--weights",
                 str(weights), "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["unit", "level", "code", "deviation", "obstacle"]
    assert len(table) == 3 * 5
    b = table.loc[table["unit"] == "b"].set_index("code")
    assert b.loc["P", "obstacle"] == pytest.approx(50)
    assert b.loc["x2", "deviation"] == pytest.approx(0.5)
    indicator_sums = table.loc[table["level"] == "indicator"].groupby("unit")["obstacle"].sum()
    np.testing.assert_allclose(indicator_sums, 100)


def test_command_bad_input(tmp_path, capsys):
    matrix, criteria, weights = _write(tmp_path)
    matrix.write_text("unit,x1,x2,x3\na,0,1,7\nb,x,2,7\n", encoding="utf-8")
    status = main(["obstacle", str(matrix), "--criteria", str(criteria), "--weights",
                   str(weights), "-o", str(tmp_path / "o.csv")])
    assert status == 2
    err = capsys.readouterr().err.strip()
    assert "row 2" in err and "'x1'" in err and "\n" not in err


def test_command_on_a_study_matches_the_panel_commands(tmp_path):
    """``obstacle --study oecd-bli --year 2016`` against an independent route: the long
    panel written out, ``qci index --years 2016`` for the effective weights, the matrix
    ``qci weights --year --spec`` reads (``_mcda_io.panel_matrix``), the formula by hand."""
    from analysis.commands._mcda_io import panel_matrix
    from analysis.framework import load_framework
    from analysis.study import load_study

    study = load_study("oecd-bli")
    long = tmp_path / "panel.csv"
    study.panel[["unit", "year", "indicator", "value"]].to_csv(long, index=False)
    framework = study.path.parent / "oecd-bli" / "framework.yaml"
    assert main(["index", "--data", str(long), "--meta", str(framework), "--spec", "peers-default",
                 "--years", "2016", "-o", str(tmp_path / "idx")]) == 0
    weights = pd.read_csv(tmp_path / "idx" / "weights.csv").set_index("iCode")["weight"]
    fw = load_framework(framework)
    matrix, directed = panel_matrix(long, fw, 2016, False, "peers-default")
    assert directed
    x = matrix.droplevel("year")[fw.indicators].to_numpy()
    w = weights.reindex(fw.indicators).to_numpy()
    span = np.ptp(x, axis=0)
    xn = np.where(span > 0, (x - x.min(axis=0)) / np.where(span > 0, span, 1.0), 1.0)
    share = (1 - xn) * w
    expected = share / share.sum(axis=1, keepdims=True) * 100

    out = tmp_path / "obstacle.csv"
    assert main(["obstacle", "--study", "oecd-bli", "--year", "2016", "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["unit", "level", "code", "deviation", "obstacle"]
    got = (table.loc[table["level"] == "indicator"]
           .pivot(index="unit", columns="code", values="obstacle")
           .reindex(index=matrix.droplevel("year").index, columns=fw.indicators))
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=1e-9, atol=1e-9)
    dims = table.loc[table["level"] == "dimension"]
    assert dims["deviation"].isna().all() and set(dims["code"]) == set(fw.children(fw.top))
    np.testing.assert_allclose(dims.groupby("unit")["obstacle"].sum(), 100)


def test_command_on_a_study_reads_the_data_year_and_names_bad_options(tmp_path, capsys):
    out = tmp_path / "o.xlsx"
    assert main(["obstacle", "--study", "liyang", "--year", "2023", "-o", str(out)]) == 0
    assert "2023 (data of 2020): 21 units" in capsys.readouterr().out
    assert pd.read_excel(out)["unit"].nunique() == 21
    for argv, message in (
        (["--study", "liyang", "--year", "1990"], "before the study's first panel year"),
        (["--study", "liyang", "--criteria", "c.csv"], "drop --criteria"),
        (["m.csv", "--year", "2020", "--criteria", "c.csv"], "--year needs --study"),
        ([], "give MATRIX.csv --criteria"),
    ):
        assert main(["obstacle", *argv, "-o", str(tmp_path / "x.csv")]) == 2
        err = capsys.readouterr().err.strip()
        assert message in err and "\n" not in err, err
