"""Coupling coordination: mathmodels' worked example, hand cases, properties, the command."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.cli import main
from analysis.errors import InputError
from analysis.regional.coupling import (
    LEVEL_NAMES,
    coordination_level,
    coupling_coordination,
    coupling_table,
)

# The R package mathmodels (CRAN, 2025), help page `system_evaluation`, example data and
# printed output of `coupling_degree(df)` and of
# `coupling_degree(df, c(0.4, 0.3, 0.3), type = "adjusted")` (the Wang et al. 2021
# corrected coupling), printed to 3 significant digits.
MATHMODELS_U = np.array([
    [0.0162, 0.2720, 0.2655],
    [0.1782, 0.6824, 0.3721],
    [0.5490, 0.0593, 0.5729],
    [0.6730, 0.4812, 0.9082],
    [0.0207, 0.8891, 0.2017],
    [0.9875, 0.5573, 0.8984],
])
MATHMODELS_CLASSIC = {  # coupling, coord, coupling_coord
    "C": [0.571, 0.867, 0.674, 0.967, 0.418, 0.971],
    "T": [0.185, 0.411, 0.394, 0.687, 0.370, 0.814],
    "D": [0.325, 0.597, 0.515, 0.815, 0.393, 0.889],
}
MATHMODELS_ADJUSTED = {
    "C": [0.447, 0.501, 0.455, 0.669, 0.175, 0.715],
    "T": [0.168, 0.388, 0.409, 0.686, 0.336, 0.832],
    "D": [0.274, 0.440, 0.432, 0.678, 0.242, 0.771],
}


@pytest.mark.parametrize(("model", "weights", "printed"), [
    ("classic", None, MATHMODELS_CLASSIC),
    ("wang2021", [0.4, 0.3, 0.3], MATHMODELS_ADJUSTED),
])
def test_mathmodels_worked_example(model, weights, printed):
    result = coupling_coordination(MATHMODELS_U, weights, model)
    for field, values in printed.items():
        np.testing.assert_allclose(getattr(result, field), values, atol=5e-4)


def test_hand_case_two_systems():
    # U = (0.25, 1): classic C = 2·sqrt(0.25)/1.25 = 0.8; T = 0.625; D = sqrt(0.5)
    # wang2021: 1 − |0.25 − 1| = 0.25; Π(U/max)^(1/1) = 0.25 → C = 0.25
    u = np.array([[0.25, 1.0]])
    classic = coupling_coordination(u)
    assert classic.C[0] == pytest.approx(0.8)
    assert classic.D[0] == pytest.approx(np.sqrt(0.5))
    assert classic.level[0] == 8 and classic.level_name[0] == "中级协调"
    assert coupling_coordination(u, model="wang2021").C[0] == pytest.approx(0.25)


def test_levels_and_undefined_rows():
    d = np.array([0.0, 0.099, 0.1, 0.55, 0.9, 1.0, np.nan])
    assert coordination_level(d).tolist() == [1, 1, 2, 6, 10, 10, 0]
    zero = coupling_coordination(np.zeros((1, 3)))
    assert np.isnan(zero.C[0]) and np.isnan(zero.D[0]) and zero.T[0] == 0
    row = zero.table().iloc[0]
    assert pd.isna(row["level"]) and pd.isna(row["level_name"])
    assert len(LEVEL_NAMES) == 10


def test_equal_subsystems_couple_perfectly():
    u = np.array([[0.3, 0.3, 0.3], [1, 1, 1.0]])
    for model in ("classic", "wang2021"):
        np.testing.assert_allclose(coupling_coordination(u, model=model).C, 1.0)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 8), st.integers(2, 5)),
           elements=st.floats(0, 1)),
    st.sampled_from(["classic", "wang2021"]),
)
def test_d_in_unit_interval(u, model):
    result = coupling_coordination(u, model=model)
    defined = ~np.isnan(result.D)
    assert np.all((result.D[defined] >= -1e-12) & (result.D[defined] <= 1 + 1e-12))
    assert np.all((result.C[defined] >= -1e-12) & (result.C[defined] <= 1 + 1e-12))


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 6), st.just(3)), elements=st.floats(0, 100)),
    st.floats(0.01, 1000),
    st.sampled_from(["classic", "wang2021"]),
)
def test_invariant_to_scaling_scores_and_max(x, factor, model):
    scores = pd.DataFrame({
        "unit": np.repeat([f"u{i}" for i in range(len(x))], 3),
        "year": pd.array([pd.NA] * x.size, dtype="Int64"),
        "iCode": np.tile(["a", "b", "c"], len(x)),
        "score": x.reshape(-1),
    })
    base = coupling_table(scores, ["a", "b", "c"], model)
    scaled = coupling_table(scores.assign(score=scores["score"] * factor), ["a", "b", "c"],
                            model, maximum=100 * factor)
    np.testing.assert_allclose(base[["C", "T", "D"]].to_numpy(dtype=float),
                               scaled[["C", "T", "D"]].to_numpy(dtype=float), rtol=1e-9,
                               atol=1e-12)


def exit_status(argv: list[str]) -> int:
    """The command's exit status, whether it returns it or argparse exits."""
    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code)


def _scores_csv(tmp_path, years=True):
    rows = []
    for year, factor in ((2020, 100), (2021, 90)):
        for unit, values in zip("ABCDEF", MATHMODELS_U, strict=True):
            for code, v in zip(("s1", "s2", "s3"), values, strict=True):
                rows.append({"unit": unit, "year": year, "iCode": code, "score": v * factor})
    frame = pd.DataFrame(rows)
    if not years:
        frame = frame.loc[frame["year"] == 2020].drop(columns="year").rename(
            columns={"unit": "uCode"})
    path = tmp_path / "scores.csv"
    frame.to_csv(path, index=False)
    return path


def test_command_writes_contract_columns(tmp_path, capsys):
    path = _scores_csv(tmp_path)
    out = tmp_path / "coupling.csv"
    assert main(["coupling", str(path), "--systems", "s1,s2,s3", "--model", "wang2021",
                 "--weights", "s1=0.4,s2=0.3,s3=0.3", "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["unit", "year", "C", "T", "D", "level", "level_name"]
    first = table.loc[table["year"] == 2020].set_index("unit")
    np.testing.assert_allclose(first["D"], MATHMODELS_ADJUSTED["D"], atol=5e-4)
    assert sorted(table["year"].unique()) == [2020, 2021]


def test_command_without_year_and_xlsx(tmp_path):
    path = _scores_csv(tmp_path, years=False)
    out = tmp_path / "coupling.xlsx"
    assert main(["coupling", str(path), "--systems", "s1,s2,s3", "-o", str(out)]) == 0
    table = pd.read_excel(out)
    assert table["year"].isna().all()
    np.testing.assert_allclose(table["C"], MATHMODELS_CLASSIC["C"], atol=5e-4)


@pytest.mark.parametrize("extra", [
    ["--systems", "s1,zz"],
    ["--systems", "s1,s2", "--max", "50"],
    ["--systems", "s1,s2", "--model", "nope"],
    ["--systems", "s1,s2", "--weights", "s1=-1"],
    ["--systems", "s1,s2", "--weights", "s1=1"],
    ["--systems", "s1"],
])
def test_command_bad_input_exits_2_with_one_line(tmp_path, capsys, extra):
    path = _scores_csv(tmp_path)
    assert exit_status(["coupling", str(path), *extra, "-o", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err


def test_missing_system_for_a_unit_is_an_error():
    scores = pd.DataFrame({"unit": ["A", "A", "B"], "year": pd.array([2020] * 3, dtype="Int64"),
                           "iCode": ["a", "b", "a"], "score": [1.0, 2.0, 3.0]})
    with pytest.raises(InputError, match="'B' in 2020: no score for system 'b'"):
        coupling_table(scores, ["a", "b"])
