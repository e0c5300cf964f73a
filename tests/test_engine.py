"""The engine (normalise → weight → aggregate over years) and the index over years.

Hand cases for each new option (reference-row goalposts and min-max, Gini weights, the
dispersion penalty, scopes, effective weights), hypothesis properties, and the
``qci index --years`` contract (columns, years, failure leaves the old outputs).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis import aggregate, engine, normalise
from analysis import weights as W
from analysis.cli import main
from analysis.errors import InputError
from analysis.framework import framework_from_table
from analysis.index import build_index, build_years, load_spec, years_to_build

# ---------------------------------------------------------------- fixtures


def _flat(codes=("a", "b", "c"), directions=(1, 1, -1)):
    rows = [
        {"code": c, "parent": "Index", "type": "indicator", "direction": d}
        for c, d in zip(codes, directions, strict=True)
    ]
    return framework_from_table([*rows, {"code": "Index", "type": "aggregate"}], name="flat")


def _two_level():
    return framework_from_table(
        [
            {"code": "a", "parent": "P", "type": "indicator", "weight": 1},
            {"code": "b", "parent": "P", "type": "indicator", "weight": 3},
            {"code": "c", "parent": "Q", "type": "indicator", "weight": 2},
            {"code": "P", "parent": "Index", "type": "aggregate", "weight": 1},
            {"code": "Q", "parent": "Index", "type": "aggregate", "weight": 1},
            {"code": "Index", "type": "aggregate"},
        ],
        name="two",
    )


def _panel(years=(2010, 2015, 2020), seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for i, y in enumerate(years):
        for u in ["u1", "u2", "u3", "u4", "u5"]:
            rows.append({"unit": u, "year": y, **dict(zip("abc", rng.uniform(1, 10, 3) + i, strict=True))})
    return pd.DataFrame(rows)


finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e3, allow_nan=False, allow_infinity=False)


# ---------------------------------------------------------------- normalise


def test_mp_goalposts_hand_case():
    # inf 1, sup 6, mean 3: Δ = 2.5, goalposts 0.5 and 5.5 → (x − 0.5) / 5 · 60 + 70
    x = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [6.0, 6.0]])
    out = normalise.mp_goalposts(x, np.array([1.0, -1.0]), l=70, u=130)
    np.testing.assert_allclose(out[:, 0], [76, 88, 100, 136])
    np.testing.assert_allclose(out[:, 1], [200 - 76, 200 - 88, 100, 200 - 136])


def test_mp_goalposts_on_reference_rows_keeps_their_goalposts():
    ref = np.array([[1.0], [2.0], [3.0], [6.0]])
    later = np.array([[3.0], [8.5]])  # the mean maps to the midpoint; beyond sup leaves [l, u]
    out = normalise.mp_goalposts(later, None, l=70, u=130, reference=ref)
    np.testing.assert_allclose(out[:, 0], [100, 166])


def test_mp_goalposts_constant_reference_is_the_midpoint():
    out = normalise.mp_goalposts(np.array([[5.0], [5.0]]), None, l=0, u=10)
    np.testing.assert_allclose(out[:, 0], [5, 5])


def test_minmax_reference_rows():
    ref = np.array([[0.0], [10.0]])
    out = normalise.minmax(np.array([[5.0], [20.0]]), np.array([-1.0]), 0, 100, reference=ref)
    np.testing.assert_allclose(out[:, 0], [50, -100])


def test_spec_goalposts_forms():
    coinr = load_spec({"normalise": {"method": "goalposts", "lower": 0, "upper": 10}, "aggregate": "amean"})
    assert coinr["normalise"]["method"] == "goalposts"
    mp = load_spec({"normalise": {"method": "goalposts", "reference_year": 2014, "l": 70, "u": 130},
                    "aggregate": "amean"})  # fmt: skip
    assert mp["normalise"] == {"method": "mp_goalposts", "l": 70, "u": 130, "reference_year": 2014}
    with pytest.raises(InputError, match="scope 'weird'"):
        load_spec({"normalise": {"method": "minmax", "scope": "weird"}, "aggregate": "amean"})
    with pytest.raises(InputError, match="scope is 'pooled'"):
        load_spec({"normalise": {"method": "minmax", "scope": "pooled", "reference_year": 1},
                   "aggregate": "amean"})  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (6, 3), elements=finite))
def test_pooled_minmax_over_one_year_equals_per_year(x):
    d = np.array([1.0, -1.0, 1.0])
    entry = {"method": "minmax", "l": 0, "u": 100}
    (per_year,) = engine.normalise_blocks([x], [2020], d, entry, list("abc"))
    (pooled,) = engine.normalise_blocks([x], [2020], d, {**entry, "scope": "pooled"}, list("abc"))
    np.testing.assert_allclose(pooled, per_year)


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (4, 2), elements=finite), arrays(np.float64, (5, 2), elements=finite))
def test_pooled_minmax_spans_l_to_u_over_all_years(x1, x2):
    entry = {"method": "minmax", "l": 0, "u": 100, "scope": "pooled"}
    out = engine.normalise_blocks([x1, x2], [1, 2], np.ones(2), entry, ["a", "b"])
    both = np.vstack(out)
    varying = np.ptp(np.vstack([x1, x2]), axis=0) > 0
    np.testing.assert_allclose(both.min(axis=0)[varying], 0, atol=1e-9)
    np.testing.assert_allclose(both.max(axis=0)[varying], 100, atol=1e-9)
    np.testing.assert_allclose(np.vstack(out), normalise.minmax(np.vstack([x1, x2]), np.ones(2)))


def test_pooled_zscore_stacks_the_years():
    x1, x2 = np.array([[1.0], [2.0]]), np.array([[3.0], [4.0], [5.0]])
    out = engine.normalise_blocks([x1, x2], [1, 2], np.ones(1), {"method": "zscore", "scope": "pooled"}, ["a"])
    np.testing.assert_allclose(np.vstack(out), normalise.zscore(np.vstack([x1, x2])))


def test_reference_year_scope_only_for_methods_with_reference_rows():
    with pytest.raises(InputError, match="minmax and goalposts"):
        engine.normalise_blocks(
            [np.ones((3, 1))], [1], np.ones(1),
            {"method": "zscore", "scope": "reference_year", "reference_year": 1}, ["a"],
        )  # fmt: skip


# ---------------------------------------------------------------- Gini weights


def test_gini_coefficient_hand_case():
    # 1, 2, 3, 4: Σ|xi − xj| = 20, 2 n² μ = 2 · 16 · 2.5 = 80 → G = 0.25
    x = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0], [4.0, 5.0]])
    np.testing.assert_allclose(W.gini_coefficients(x), [0.25, 0.0])


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, (7, 4), elements=positive))
def test_gini_equals_the_mean_absolute_difference_form_and_weights_sum_to_one(x):
    mad = np.abs(x[:, None, :] - x[None, :, :]).mean(axis=(0, 1))
    np.testing.assert_allclose(W.gini_coefficients(x), mad / (2 * x.mean(axis=0)), atol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            w = W.compute_weights(x, "gini")
        except InputError:  # every column constant
            return
    assert w.sum() == pytest.approx(1.0) and (w >= 0).all()
    g = W.gini_coefficients(x)
    if (g > 1e-12).all():
        r = W.compute_weights(x, "reciprocal_gini")
        assert r.sum() == pytest.approx(1.0)
        np.testing.assert_allclose(r.to_numpy(), (1 / g) / (1 / g).sum())


def test_gini_constant_column_and_negative_values():
    x = np.array([[1.0, 2.0], [3.0, 2.0], [5.0, 2.0]])
    with pytest.warns(UserWarning, match="'c2'"):
        np.testing.assert_allclose(W.gini(x), [1.0, 0.0])
    with pytest.raises(InputError, match="'c2' has Gini coefficient 0"):
        W.reciprocal_gini(x)
    with pytest.raises(InputError, match="negative"):
        W.gini(np.array([[-1.0, 1.0], [2.0, 3.0]]))
    assert W.resolve_method("reci") == "reciprocal_gini"


def test_gini_weights_sum_to_one_in_every_group():
    fw = _two_level()
    rng = np.random.default_rng(3)
    blocks = [rng.uniform(1, 10, (6, 3)) for _ in range(2)]
    scores, weights = engine.weigh_and_aggregate(
        blocks, [1, 2], fw, {"method": "amean"}, {"method": "gini", "scope": "year"}
    )
    for w in weights:
        s = pd.Series(w, index=fw.codes)
        assert s[["a", "b"]].sum() == pytest.approx(1.0)
        assert s["c"] == 1.0  # a group of one
        assert s[["P", "Q"]].sum() == pytest.approx(1.0)
    assert not np.allclose(weights[0], weights[1])  # each year its own


# ---------------------------------------------------------------- weights scopes


def test_weight_scopes_year_pooled_reference_year():
    fw = _flat(directions=(1, 1, 1))
    rng = np.random.default_rng(1)
    blocks = [rng.uniform(1, 10, (5, 3)), rng.uniform(1, 10, (4, 3)) ** 2]
    agg = {"method": "amean"}
    _, by_year = engine.weigh_and_aggregate(blocks, [1, 2], fw, agg, {"method": "entropy", "scope": "year"})
    for block, w in zip(blocks, by_year, strict=True):
        np.testing.assert_allclose(w[:3], W.entropy(block))
    _, pooled = engine.weigh_and_aggregate(blocks, [1, 2], fw, agg, {"method": "entropy", "scope": "pooled"})
    np.testing.assert_allclose(pooled[0][:3], W.entropy(np.vstack(blocks)))
    np.testing.assert_allclose(pooled[0], pooled[1])
    entry = {"method": "critic", "scope": "reference_year", "reference_year": 2}
    scores, ref = engine.weigh_and_aggregate(blocks, [1, 2], fw, agg, entry)
    np.testing.assert_allclose(ref[0][:3], W.critic(blocks[1]))
    np.testing.assert_allclose(scores[0][:, 0], blocks[0] @ ref[0][:3])


def test_effective_weights_multiply_down_the_tree():
    fw = _two_level()
    eff = engine.effective_weights(fw, fw.table["weight"].to_numpy())
    np.testing.assert_allclose(eff[:3], [0.125, 0.375, 0.5])
    assert eff[-1] == 1.0


# ---------------------------------------------------------------- dispersion penalty


def test_dispersion_penalty_hand_case():
    fw = _flat(directions=(1, 1, 1))
    x = np.array([[2.0, 4.0, 6.0], [5.0, 5.0, 5.0]])
    plain = aggregate.aggregate_tree(x, fw, "amean")
    penalised = aggregate.aggregate_tree(x, fw, "amean", penalty="dispersion")
    # unit 1: mean 4, population variance 8/3 → penalty 2/3; unit 2: all equal → 0
    np.testing.assert_allclose(plain[:, 0] - penalised[:, 0], [2 / 3, 0.0])
    with pytest.raises(InputError, match="values >= 0"):
        aggregate.aggregate_tree(-x, fw, "amean", penalty="dispersion")
    with pytest.raises(InputError, match="unknown penalty"):
        aggregate.aggregate_tree(x, fw, "amean", penalty="odd")


@settings(max_examples=50, deadline=None)
@given(positive, st.integers(min_value=2, max_value=6))
def test_penalty_is_zero_when_a_units_values_are_equal(value, p):
    fw = _flat(codes=tuple(f"i{k}" for k in range(p)), directions=(1,) * p)
    x = np.full((3, p), value)
    for method in ("amean", "gmean"):
        out = aggregate.aggregate_tree(x, fw, method, penalty="dispersion")
        np.testing.assert_allclose(out[:, 0], value, rtol=1e-12)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, (4, 3), elements=positive))
def test_penalty_is_the_variance_to_mean_ratio(x):
    fw = _flat(directions=(1, 1, 1))
    diff = aggregate.aggregate_tree(x, fw, "amean") - aggregate.aggregate_tree(
        x, fw, "amean", penalty="dispersion"
    )
    np.testing.assert_allclose(diff[:, 0], x.var(axis=1) / x.mean(axis=1), rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------- years


def test_years_to_build():
    assert years_to_build(None, [2004, 2012]) == [2012]
    assert years_to_build("all", [2004, 2012]) == [2004, 2012]
    assert years_to_build([2012, "2004"], [2004, 2012]) == [2004, 2012]
    with pytest.raises(InputError, match=r"year 2005 is not in the data's years \[2004, 2012\]"):
        years_to_build([2004, 2005], [2004, 2012])


def test_spec_year_list_builds_those_years_and_build_index_refuses_it():
    data, fw = _panel(), _flat()
    spec = {"normalise": {"method": "minmax"}, "aggregate": "amean", "year": [2010, 2020]}
    run = build_years(data, fw, spec)
    assert run.years == [2010, 2020]
    assert sorted(run.scores["year"].unique()) == [2010, 2020]
    with pytest.raises(InputError, match="build_index builds one year"):
        build_index(data, fw, spec)
    with pytest.raises(InputError, match="give a year, a list of years"):
        load_spec({"aggregate": "amean", "year": {"from": 2004}})


def test_each_year_equals_a_one_year_build_and_ranks_within_the_year():
    data, fw = _panel(), _flat()
    spec = {"normalise": {"method": "minmax"}, "aggregate": "amean"}
    run = build_years(data, fw, spec, years="all")
    for y in (2010, 2015, 2020):
        alone = build_index(data.loc[data["year"] == y], fw, spec).scores
        mine = run.scores.loc[run.scores["year"] == y].reset_index(drop=True)
        np.testing.assert_allclose(mine["score"], alone["score"])
        assert mine["rank"].tolist() == alone["rank"].tolist()
        assert sorted(mine.loc[mine["iCode"] == "Index", "rank"]) == [1, 2, 3, 4, 5]


def test_reference_year_outside_the_years_asked_is_prepared_not_reported():
    data, fw = _panel(), _flat()
    spec = {"normalise": {"method": "minmax", "reference_year": 2010}, "aggregate": "amean"}
    run = build_years(data, fw, spec, years=[2020])
    assert run.years == [2020] and set(run.scores["year"]) == {2020}
    x10 = data.loc[data["year"] == 2010, list("abc")].to_numpy()
    x20 = data.loc[data["year"] == 2020, list("abc")].to_numpy()
    expected = normalise.minmax(x20, fw.direction, reference=x10)
    got = run.results[2020].datasets["Normalised"].to_numpy()
    np.testing.assert_allclose(got, expected)


def test_pooled_weights_are_one_vector_for_all_years():
    data, fw = _panel(), _flat()
    spec = {"normalise": {"method": "minmax", "l": 0, "u": 1, "scope": "pooled"},
            "weights": {"method": "entropy", "scope": "pooled"}, "aggregate": "amean"}  # fmt: skip
    run = build_years(data, fw, spec, years="all")
    wide = run.weights.pivot(index="iCode", columns="year", values="weight")
    assert np.ptp(wide.to_numpy(), axis=1).max() < 1e-15
    stacked = np.vstack([run.results[y].datasets["Normalised"].to_numpy() for y in run.years])
    np.testing.assert_allclose(wide[2010].loc[list("abc")], W.entropy(stacked))


# ---------------------------------------------------------------- the command


def _write(tmp_path, data, fw_yaml, spec_yaml):
    data.to_csv(tmp_path / "panel.csv", index=False)
    (tmp_path / "fw.yaml").write_text(fw_yaml, encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(spec_yaml, encoding="utf-8")


FW_YAML = """
aggregates: [{code: Index}]
indicators:
  - {code: a, parent: Index}
  - {code: b, parent: Index}
  - {code: c, parent: Index, direction: -1}
"""


def _index(tmp_path, *extra):
    return main(["index", "--data", str(tmp_path / "panel.csv"), "--meta", str(tmp_path / "fw.yaml"),
                 "--spec", str(tmp_path / "spec.yaml"), "-o", str(tmp_path / "out"), *extra])  # fmt: skip


def test_command_years(tmp_path, capsys):
    _write(tmp_path, _panel(), FW_YAML, "normalise: {method: minmax}\naggregate: amean\n")
    assert _index(tmp_path) == 0
    scores = pd.read_csv(tmp_path / "out" / "scores.csv")
    assert set(scores["year"]) == {2020}  # default: the latest
    assert _index(tmp_path, "--years", "2010", "2020") == 0
    scores = pd.read_csv(tmp_path / "out" / "scores.csv")
    assert list(scores.columns) == ["unit", "year", "iCode", "score", "rank"]
    assert set(scores["year"]) == {2010, 2020}
    weights = pd.read_csv(tmp_path / "out" / "weights.csv")
    assert weights.groupby("year")["weight"].sum().round(12).tolist() == [1.0, 1.0]
    capsys.readouterr()
    assert _index(tmp_path, "--years", "1999") == 2
    err = capsys.readouterr().err.strip()
    assert "1999" in err and len(err.splitlines()) == 1


def test_a_failed_run_leaves_the_previous_outputs(tmp_path, capsys):
    data = _panel()
    _write(tmp_path, data, FW_YAML, "normalise: {method: minmax}\naggregate: amean\n")
    assert _index(tmp_path, "--years", "all") == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    # a geometric mean of min-max [0, 100] values meets a 0 in every year: the build fails
    (tmp_path / "spec.yaml").write_text("normalise: {method: minmax}\naggregate: gmean\n", encoding="utf-8")
    assert _index(tmp_path, "--years", "all") == 2
    assert "geometric mean needs values > 0" in capsys.readouterr().err
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_command_writes_a_workbook_for_xlsx(tmp_path):
    import openpyxl

    _write(tmp_path, _panel(), FW_YAML, "normalise: {method: minmax}\naggregate: amean\n")
    out = tmp_path / "results.xlsx"
    assert main(["index", "--data", str(tmp_path / "panel.csv"), "--meta", str(tmp_path / "fw.yaml"),
                 "--spec", str(tmp_path / "spec.yaml"), "--years", "all", "-o", str(out)]) == 0  # fmt: skip
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["scores", "weights"] and "spec" in book.sheetnames
    scores = pd.read_excel(out, sheet_name="scores")
    assert list(scores.columns) == ["unit", "year", "iCode", "score", "rank"] and len(scores) == 15


def test_command_spec_year_list(tmp_path, capsys):
    _write(tmp_path, _panel(), FW_YAML, "normalise: {method: minmax}\naggregate: amean\nyear: [2010, 2020]\n")
    assert _index(tmp_path) == 0
    assert set(pd.read_csv(tmp_path / "out" / "scores.csv")["year"]) == {2010, 2020}
    (tmp_path / "spec.yaml").write_text("aggregate: amean\nyear: [2004, 2012]\n", encoding="utf-8")
    capsys.readouterr()
    assert _index(tmp_path) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "year 2004 is not in the data's years" in err


def test_weights_skip_rows_with_a_missing_child_and_options_are_checked():
    fw = _flat(directions=(1, 1, 1))
    x = np.array([[1.0, 2.0, 3.0], [2.0, np.nan, 1.0], [4.0, 1.0, 2.0], [3.0, 5.0, 4.0]])
    _, (w,) = engine.weigh_and_aggregate([x], [1], fw, {"method": "amean"}, {"method": "critic"})
    np.testing.assert_allclose(w[:3], W.critic(x[[0, 2, 3]]))
    entry = {"method": "entropy", "variant": "sum"}
    _, (w,) = engine.weigh_and_aggregate([x], [1], fw, {"method": "amean"}, entry)
    np.testing.assert_allclose(w[:3], W.entropy(x[[0, 2, 3]], variant="sum"))
    spec = load_spec({"weights": {"method": "entropy", "variant": "sum"}, "aggregate": "amean"})
    assert spec["weights"] == {"method": "entropy", "variant": "sum", "scope": "year"}
    with pytest.raises(InputError, match=r"weights \(entropy\): unknown parameter\(s\) \['colour'\]"):
        load_spec({"weights": {"method": "entropy", "colour": 1}, "aggregate": "amean"})
    with pytest.raises(InputError, match="needs no data"):
        load_spec({"weights": {"method": "ahp"}, "aggregate": "amean"})
