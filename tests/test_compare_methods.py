"""Comparing method combinations (compare_methods): a hand-computed case, an independent
entropy computation, COINr's ASEM build as oracle, properties and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.compare import (
    AGREEMENT_COLUMNS,
    COMBINATION_COLUMNS,
    LEVEL_WEIGHT_COLUMNS,
    METHOD_SCORE_COLUMNS,
    MethodComparison,
    compare_methods,
    load_combinations,
)
from analysis.errors import InputError
from analysis.framework import framework_from_imeta, framework_from_table
from analysis.index import build_index, read_idata

# Four units, two pillars of two indicators; d is a cost indicator (less is better).
#            a   b   c   d
RAW = {
    "u1": (0, 10, 2, 5),
    "u2": (5, 0, 4, 5),
    "u3": (10, 5, 6, 3),
    "u4": (10, 10, 8, 1),
}
# no imputation, screening or treatment: the treated data are the raw data
DATA_SPEC = {"aggregate": "amean"}
EQUAL = {"name": "equal", "weights": "equal", "normalisation": "minmax", "aggregation": "amean"}
ENTROPY = {"name": "entropy", "weights": "entropy", "normalisation": "minmax", "aggregation": "amean"}


def small_framework():
    return framework_from_table(
        [
            {"code": "a", "parent": "P1", "type": "indicator"},
            {"code": "b", "parent": "P1", "type": "indicator"},
            {"code": "c", "parent": "P2", "type": "indicator"},
            {"code": "d", "parent": "P2", "type": "indicator", "direction": -1},
            {"code": "P1", "parent": "Index", "type": "aggregate"},
            {"code": "P2", "parent": "Index", "type": "aggregate"},
            {"code": "Index", "type": "aggregate"},
        ],
        name="small",
    )


def small_data() -> pd.DataFrame:
    return pd.DataFrame(
        [(u, *v) for u, v in RAW.items()], columns=["uCode", "a", "b", "c", "d"]
    )


def run(combinations, **kwargs) -> MethodComparison:
    return compare_methods(small_data(), small_framework(), combinations, spec=DATA_SPEC, **kwargs)


def scores_of(result: MethodComparison, method: str, code: str) -> pd.Series:
    part = result.scores[(result.scores["method"] == method) & (result.scores["iCode"] == code)]
    return part.set_index("unit")["score"].sort_index()


def test_equal_weights_arithmetic_mean_by_hand():
    # min-max to [0, 100] (d reversed): a = 0, 50, 100, 100; b = 100, 0, 50, 100;
    # c = 0, 100/3, 200/3, 100; d = 0, 0, 50, 100.
    # P1 = (a + b)/2 = 50, 25, 75, 100; P2 = (c + d)/2 = 0, 50/3, 350/6, 100;
    # Index = (P1 + P2)/2 = 25, 125/6, 400/6, 100 -> ranks u4, u3, u1, u2.
    result = run([EQUAL])
    np.testing.assert_allclose(scores_of(result, "equal", "P1"), [50, 25, 75, 100], atol=1e-12)
    np.testing.assert_allclose(scores_of(result, "equal", "P2"), [0, 50 / 3, 350 / 6, 100], atol=1e-12)
    np.testing.assert_allclose(
        scores_of(result, "equal", "Index"), [25, 125 / 6, 400 / 6, 100], atol=1e-12
    )
    ranks = result.ranks().set_index("unit")["rank"].sort_index()
    assert ranks.tolist() == [3, 4, 2, 1]
    weights = result.weights.set_index("code")["weight"]
    assert weights.to_dict() == {"a": 0.5, "b": 0.5, "c": 0.5, "d": 0.5, "P1": 0.5, "P2": 0.5}


def entropy_oracle(columns: np.ndarray) -> np.ndarray:
    """Entropy weights written out: r min-max to [0, 1], p = r / Σ r, e = -Σ p ln p / ln n
    with 0 ln 0 = 0, w = (1 - e) / Σ (1 - e). Columns already oriented (higher is better)."""
    r = (columns - columns.min(axis=0)) / (columns.max(axis=0) - columns.min(axis=0))
    p = r / r.sum(axis=0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = -plogp.sum(axis=0) / np.log(len(columns))
    return (1 - e) / (1 - e).sum()


def test_entropy_weights_at_every_level_computed_independently():
    raw = np.array(list(RAW.values()), dtype=float)
    oriented = raw * np.array([1, 1, 1, -1])
    normalised = 100 * (oriented - oriented.min(axis=0)) / np.ptp(oriented, axis=0)
    w1 = entropy_oracle(oriented[:, :2])
    w2 = entropy_oracle(oriented[:, 2:])
    p1 = normalised[:, :2] @ w1
    p2 = normalised[:, 2:] @ w2
    pillars = np.column_stack([p1, p2])
    wtop = entropy_oracle(pillars)  # from the pillar scores of the same combination
    index = pillars @ wtop

    result = run([EQUAL, ENTROPY])
    weights = result.weights[result.weights["method"] == "entropy"].set_index("code")["weight"]
    np.testing.assert_allclose(weights[["a", "b"]], w1, rtol=1e-12)
    np.testing.assert_allclose(weights[["c", "d"]], w2, rtol=1e-12)
    np.testing.assert_allclose(weights[["P1", "P2"]], wtop, rtol=1e-12)
    np.testing.assert_allclose(scores_of(result, "entropy", "P1"), p1, rtol=1e-12)
    np.testing.assert_allclose(scores_of(result, "entropy", "Index"), index, rtol=1e-12)
    effective = result.effective_weights[result.effective_weights["method"] == "entropy"]
    np.testing.assert_allclose(
        effective["weight"], np.concatenate([w1 * wtop[0], w2 * wtop[1]]), rtol=1e-12
    )


def test_topsis_combination_is_closeness_of_each_group():
    from analysis.rank import topsis

    result = run([EQUAL, {"name": "t", "weights": "equal", "aggregation": "topsis"}])
    raw = np.array(list(RAW.values()), dtype=float)
    half = np.array([0.5, 0.5])
    p1 = topsis(raw[:, :2], half, np.array([1.0, 1.0]))
    p2 = topsis(raw[:, 2:], half, np.array([1.0, -1.0]))
    index = topsis(np.column_stack([p1, p2]), half, np.array([1.0, 1.0]))
    np.testing.assert_allclose(scores_of(result, "t", "P2"), p2, rtol=1e-12)
    np.testing.assert_allclose(scores_of(result, "t", "Index"), index, rtol=1e-12)
    assert result.combinations.loc[1, "normalisation"] == "vector"


def test_nominal_row_has_zero_shifts_and_perfect_agreement():
    result = run([EQUAL, ENTROPY, {**ENTROPY, "name": "critic", "weights": "critic"}])
    assert result.nominal == "equal"
    nominal = result.shifts[result.shifts["method"] == "equal"]
    assert len(nominal) == 4 and (nominal["shift"] == 0).all()
    row = result.agreement.iloc[0]
    assert row["method"] == "equal" and row["spearman"] == 1 and row["mean_abs_shift"] == 0
    assert list(result.agreement.columns) == list(AGREEMENT_COLUMNS)
    assert "equal" not in set(result.movers["method"])


def test_nominal_can_be_named():
    result = run([EQUAL, ENTROPY], nominal="entropy")
    assert result.agreement["method"].tolist() == ["entropy", "equal"]
    assert (result.shifts.loc[result.shifts["method"] == "entropy", "shift"] == 0).all()


@pytest.fixture(scope="module")
def default_on_small():
    return run(None)


def test_default_combinations_tables_and_properties(default_on_small):
    result = default_on_small
    assert list(result.combinations.columns) == list(COMBINATION_COLUMNS)
    assert list(result.weights.columns) == list(LEVEL_WEIGHT_COLUMNS)
    assert list(result.scores.columns) == list(METHOD_SCORE_COLUMNS)
    assert result.combinations.loc[0].tolist() == [
        "equal/minmax-amean", "equal", "minmax(l=0, u=100)", "amean"
    ]
    assert len(result.combinations) == 16
    # every combination scores every unit on every aggregate, ranks 1..n within each
    assert len(result.scores) == 16 * 4 * 3
    for _, part in result.scores.groupby(["method", "iCode"]):
        assert sorted(part["rank"].tolist())[0] == 1 and part["rank"].max() <= 4
    # within-group weights sum to 1; effective weights sum to 1
    fw = small_framework()
    groups = result.weights.assign(parent=result.weights["code"].map(fw.parent_of))
    np.testing.assert_allclose(groups.groupby(["method", "parent"])["weight"].sum(), 1.0)
    np.testing.assert_allclose(result.effective_weights.groupby("method")["weight"].sum(), 1.0)
    assert (result.weights["weight"] >= 0).all()


def test_data_driven_weights_do_not_depend_on_units_of_measurement(default_on_small):
    # every method normalises for itself (min-max, standardisation, vector): rescaling
    # a raw indicator changes no weight and no score
    data = small_data().assign(a=lambda f: f["a"] * 1000.0, c=lambda f: f["c"] / 7.0)
    scaled = compare_methods(data, small_framework(), None, spec=DATA_SPEC)
    pd.testing.assert_frame_equal(scaled.weights, default_on_small.weights, rtol=1e-9)
    pd.testing.assert_frame_equal(scaled.scores, default_on_small.scores, rtol=1e-9)


def test_order_of_the_units_does_not_matter(default_on_small):
    shuffled = small_data().iloc[[2, 0, 3, 1]].reset_index(drop=True)
    again = compare_methods(shuffled, small_framework(), None, spec=DATA_SPEC)
    pd.testing.assert_frame_equal(again.weights, default_on_small.weights, rtol=1e-12)
    key = ["method", "iCode", "unit"]
    pd.testing.assert_frame_equal(
        again.scores.sort_values(key).reset_index(drop=True),
        default_on_small.scores.sort_values(key).reset_index(drop=True),
        rtol=1e-12,
    )


def test_missing_values_are_named_where_a_method_needs_data():
    data = small_data()
    data.loc[1, "c"] = np.nan
    for combination in (ENTROPY, {"name": "t", "weights": "equal", "aggregation": "topsis"}):
        with pytest.raises(InputError, match="'c'"):
            compare_methods(data, small_framework(), [EQUAL, combination], spec=DATA_SPEC)


def test_expert_weights_reproduce_the_pipeline_on_coinr_asem(test_data):
    folder = test_data / "coinr-asem" / "inputs"
    fw = framework_from_imeta(folder / "ASEM_iMeta.csv")
    data = read_idata(folder / "ASEM_iData.csv")
    framework_weights = {
        "name": "framework",
        "weights": "expert",
        "normalisation": {"method": "minmax", "l": 0, "u": 100},
        "aggregation": "amean",
    }
    result = compare_methods(data, fw, [framework_weights], spec="coinr-default")
    built = build_index(data, fw, "coinr-default").scores
    expected = built.rename(columns={"uCode": "unit"}).set_index(["unit", "iCode"])["score"]
    got = result.scores.set_index(["unit", "iCode"])["score"].reindex(expected.index)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_long_panel_and_year(test_data):
    panel = pd.DataFrame(
        [
            (u, year, code, value + (year == 2020))
            for u, row in RAW.items()
            for year in (2010, 2020)
            for code, value in zip("abcd", row, strict=True)
        ],
        columns=["unit", "year", "indicator", "value"],
    )
    result = compare_methods(panel, small_framework(), [EQUAL], spec=DATA_SPEC, year=2010)
    assert result.year == 2010
    np.testing.assert_allclose(
        scores_of(result, "equal", "Index"), [25, 125 / 6, 400 / 6, 100], atol=1e-12
    )


def test_ahp_weights_from_a_pairwise_matrix_per_group():
    pairwise = pd.DataFrame([[1, 3], [1 / 3, 1]], index=["P1", "P2"], columns=["P1", "P2"])
    result = run(
        [EQUAL, {"name": "ahp", "weights": {"method": "ahp", "pairwise": {"Index": pairwise}},
                 "aggregation": "amean"}]
    )
    weights = result.weights[result.weights["method"] == "ahp"].set_index("code")["weight"]
    np.testing.assert_allclose(weights[["P1", "P2"]], [0.75, 0.25], rtol=1e-12)
    np.testing.assert_allclose(weights[["a", "b", "c", "d"]], 0.5)  # no matrix: equal
    combos = load_combinations("compare-default", pairwise={"Index": pairwise})
    assert [c["name"] for c in combos][-4:] == [
        "ahp/minmax-amean", "ahp/zscore-amean", "ahp/minmax-gmean", "ahp/topsis"
    ]


@pytest.mark.parametrize(
    ("combination", "message"),
    [
        ({"weights": "entropie", "aggregation": "amean"}, "'entropie'"),
        ({"weights": "equal", "aggregation": "mean"}, "'mean'"),
        ({"weights": "equal", "normalisation": "minmaxx", "aggregation": "amean"}, "'minmaxx'"),
        ({"weights": "equal", "normalisation": "zscore", "aggregation": "topsis"}, "'zscore'"),
        ({"weights": "equal", "aggregation": "amean", "weighting": "x"}, "'weighting'"),
        ({"weights": {"method": "entropy", "varaint": "sum"}, "aggregation": "amean"}, "'varaint'"),
        ({"weights": "ahp", "aggregation": "amean"}, "pairwise"),
        ({"weights": "equal", "aggregation": "gmean"}, "gmean"),  # min-max [0, 100] has zeros
    ],
)
def test_bad_combinations_are_named(combination, message):
    with pytest.raises(InputError, match=message):
        run([EQUAL, combination])


def test_bad_nominal_duplicate_names_and_unknown_spec():
    with pytest.raises(InputError, match="'PCA'"):
        run([EQUAL], nominal="PCA")
    with pytest.raises(InputError, match="'equal'.*more than once"):
        run([EQUAL, EQUAL])
    with pytest.raises(InputError, match="'no-such-spec'"):
        run("no-such-spec")
    with pytest.raises(InputError, match="no method combinations"):
        run([])


def test_combinations_from_a_yaml_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "combinations:\n"
        "  - {name: nominal, weights: equal, normalisation: minmax, aggregation: amean}\n"
        "weights: [critic]\n"
        "pipelines:\n"
        "  - {name: geo, normalisation: {method: minmax, l: 1, u: 100}, aggregation: gmean}\n",
        encoding="utf-8",
    )
    result = run(str(path))
    assert result.combinations["method"].tolist() == ["nominal", "critic/geo"]
    assert result.combinations.loc[1, "normalisation"] == "minmax(l=1, u=100)"
    assert result.nominal == "nominal"
