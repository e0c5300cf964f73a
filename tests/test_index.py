"""The pipeline reproduces COINr's ASEM example exactly, and its spec and data checks are strict.

Reference: COINr 1.1.14 ``build_example_coin()`` (tests/data/coinr-asem, copied from the
shared reference; its README states every formula). Every dataset and every score must
equal COINr's to 1e-9 and every rank must be identical.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis.cli import main
from analysis.errors import InputError
from analysis.framework import framework_from_imeta
from analysis.index import build_index, load_spec, read_idata

TOL = 1e-9
STEPS = ("Raw", "Denominated", "Imputed", "Screened", "Treated", "Normalised", "Aggregated")


@pytest.fixture(scope="module")
def asem(test_data):
    folder = test_data / "coinr-asem"
    fw = framework_from_imeta(folder / "inputs" / "ASEM_iMeta.csv")
    data = read_idata(folder / "inputs" / "ASEM_iData.csv")
    return folder, fw, data


@pytest.fixture(scope="module")
def asem_result(asem):
    _, fw, data = asem
    return build_index(data, fw, "coinr-default")


def _reference(folder, name):
    return pd.read_csv(
        folder / "example_coin" / name, keep_default_na=False, na_values=["NA"]
    ).set_index("uCode")


@pytest.mark.parametrize("step", STEPS)
def test_every_dataset_equals_coinr(asem, asem_result, step):
    folder, _, _ = asem
    ours = asem_result.datasets[step]
    ref = _reference(folder, f"dset_{step}.csv")
    assert sorted(ours.index) == sorted(ref.index)
    a = ours.loc[ref.index].to_numpy()
    b = ref[list(ours.columns)].to_numpy(np.float64)
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    assert np.nanmax(np.abs(a - b)) <= TOL


def test_missing_cells_as_coinr(asem_result):
    assert int(np.isnan(asem_result.arrays["Raw"]).sum()) == 63
    assert int(np.isnan(asem_result.arrays["Denominated"]).sum()) == 65
    assert not np.isnan(asem_result.arrays["Imputed"]).any()


def test_every_score_and_rank_equals_coinr(asem, asem_result):
    folder, fw, _ = asem
    ref = _reference(folder, "results_scores_and_ranks.csv")
    scores = asem_result.scores
    assert list(scores.columns) == ["uCode", "iCode", "score", "rank"]
    assert len(scores) == 51 * len(fw.aggregates)
    for code in fw.aggregates:
        mine = scores.loc[scores["iCode"] == code].set_index("uCode").loc[ref.index]
        assert np.max(np.abs(mine["score"].to_numpy(np.float64) - ref[code].to_numpy())) <= TOL
        assert (mine["rank"].to_numpy(np.int64) == ref[f"{code}_rank"].to_numpy()).all()


def test_coinr_own_results_table(asem, asem_result):
    """COINr's get_results(): scores rounded to 4 decimals, Index rank."""
    folder, _, _ = asem
    ref = _reference(folder, "results_get_results_Aggs.csv")
    index = asem_result.scores.query("iCode == 'Index'").set_index("uCode").loc[ref.index]
    np.testing.assert_allclose(index["score"].round(4), ref["Index"], atol=1e-12)
    assert (index["rank"].to_numpy() == ref["Rank"].to_numpy()).all()


def test_treatment_details_equal_coinr(asem, asem_result):
    folder, _, _ = asem
    ref = pd.read_csv(folder / "example_coin" / "treat_details.csv").set_index("iCode")
    mine = asem_result.treat_details.loc[ref.index]
    np.testing.assert_allclose(mine["skew0"], ref["check_SkewKurt0.Skew"], atol=TOL)
    np.testing.assert_allclose(mine["kurt0"], ref["check_SkewKurt0.Kurt"], atol=TOL)
    assert (mine["pass0"].to_numpy() == ref["check_SkewKurt0.Pass"].to_numpy()).all()
    treated = ref["winsorise.nwin"].notna()
    assert treated.sum() == 15
    np.testing.assert_array_equal(mine.loc[treated, "nwin"], ref.loc[treated, "winsorise.nwin"])
    np.testing.assert_allclose(
        mine.loc[treated, "skew1"], ref.loc[treated, "check_SkewKurt1.Skew"], atol=TOL
    )
    np.testing.assert_allclose(
        mine.loc[treated, "kurt1"], ref.loc[treated, "check_SkewKurt1.Kurt"], atol=TOL
    )
    assert set(mine.loc[treated, "treatment"]) == {"winsorise"}


def test_winsorised_points_equal_coinr(asem, asem_result):
    folder, fw, _ = asem
    ref = pd.read_csv(
        folder / "example_coin" / "treat_points.csv", keep_default_na=False
    ).set_index("uCode")
    units = asem_result.units["Treated"]
    points = pd.DataFrame(asem_result.treat_points, index=units, columns=fw.indicators).loc[
        ref.index
    ]
    expected = ref[fw.indicators].replace({"winhi": 1, "winlo": -1, "": 0}).astype(int)
    np.testing.assert_array_equal(points.to_numpy(), expected.to_numpy())


def test_command_writes_scores_datasets_and_spec(asem, tmp_path, capsys):
    folder, fw, _ = asem
    code = main(
        [
            "index",
            "--data", str(folder / "inputs" / "ASEM_iData.csv"),
            "--meta", str(folder / "inputs" / "ASEM_iMeta.csv"),
            "--spec", "coinr-default",
            "-o", str(tmp_path),
        ]
    )  # fmt: skip
    assert code == 0
    assert "CHE" in capsys.readouterr().out
    scores = pd.read_csv(tmp_path / "scores.csv")
    assert list(scores.columns) == ["unit", "year", "iCode", "score", "rank"]
    assert scores.query("iCode == 'Index' and rank == 1")["unit"].tolist() == ["CHE"]
    for step in STEPS:
        wide = pd.read_csv(tmp_path / f"data_{step}.csv")
        assert list(wide.columns[:2]) == ["unit", "year"] and "LPI" in wide.columns
    weights = pd.read_csv(tmp_path / "weights.csv")
    assert list(weights.columns) == ["year", "iCode", "weight"]
    assert weights["weight"].sum() == pytest.approx(1.0)
    assert set(weights["iCode"]) == set(fw.indicators)
    ref = _reference(folder, "dset_Aggregated.csv")
    written = pd.read_csv(tmp_path / "data_Aggregated.csv").set_index("unit").loc[ref.index]
    assert np.max(np.abs(written["Index"] - ref["Index"])) <= TOL
    spec = yaml.safe_load((tmp_path / "spec.yaml").read_text(encoding="utf-8"))
    assert spec["treat"] == {
        "method": "coinr",
        "winmax": 5,
        "skew_thresh": 2,
        "kurt_thresh": 3.5,
        "fallback": "log_CT",
    }
    assert build_index(read_idata(folder / "inputs" / "ASEM_iData.csv"), fw, spec).scores.equals(
        build_index(read_idata(folder / "inputs" / "ASEM_iData.csv"), fw, "coinr-default").scores
    )


def test_command_bad_input_is_one_line_status_2(asem, tmp_path, capsys):
    folder, _, _ = asem
    bad = tmp_path / "spec.yaml"
    bad.write_text("normalise: {method: minmax, upper: 3}\naggregate: amean\n", encoding="utf-8")
    code = main(
        [
            "index",
            "--data",
            str(folder / "inputs" / "ASEM_iData.csv"),
            "--meta",
            str(folder / "inputs" / "ASEM_iMeta.csv"),
            "--spec",
            str(bad),
            "-o",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'upper'" in err


# ---------------------------------------------------------------------------- specs


def test_builtin_spec_is_coinrs_default():
    spec = load_spec("coinr-default")
    assert spec["impute"] == {"method": "group_mean", "group": "EurAsia_group"}
    assert spec["screen"] == {"method": "by_na", "threshold": 0.9}
    assert spec["normalise"] == {"method": "minmax", "l": 0, "u": 100}
    assert spec["aggregate"] == {"method": "amean"}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"normalise": "no_such", "aggregate": "amean"}, "unknown method 'no_such'"),
        ({"treat": {"method": "coinr", "winmx": 3}, "aggregate": "amean"}, "unknown parameter"),
        ({"imputation": "mean"}, "unknown key"),
        ({"impute": "group_mean", "aggregate": "amean"}, "needs 'group'"),
        ({"normalise": ["minmax", "rank"], "aggregate": "amean"}, "only 'aggregate'"),
        ({"normalise": "minmax"}, "no 'aggregate'"),
    ],
)
def test_bad_specs_are_named(asem, spec, message):
    _, fw, data = asem
    with pytest.raises(InputError, match=message):
        build_index(data, fw, spec)


def test_coinr_names_are_accepted():
    spec = load_spec(
        {
            "normalise": {"method": "n_zscore", "m": 10, "s": 2},
            "aggregate": "a_gmean",
            "screen": "byNA",
            "impute": {"method": "i_mean_grp", "group": "g"},
        }
    )
    assert spec["normalise"]["method"] == "zscore"
    assert spec["aggregate"]["method"] == "gmean"
    assert spec["screen"]["method"] == "by_na"
    assert spec["impute"]["method"] == "group_mean"


def test_weights_in_spec_override_framework(asem):
    _, fw, data = asem
    base = build_index(data, fw, "coinr-default")
    spec = load_spec("coinr-default") | {"weights": {"Conn": 3.0}}
    heavy = build_index(data, fw, spec)
    conn = base.datasets["Aggregated"]["Conn"]
    sust = base.datasets["Aggregated"]["Sust"]
    np.testing.assert_allclose(
        heavy.datasets["Aggregated"]["Index"], (3 * conn + sust) / 4, atol=1e-12
    )


def test_geometric_sensitivity_variant_runs(asem):
    """The sensitivity design's alternative: min-max to [1, 100], geometric mean, winmax 1."""
    _, fw, data = asem
    spec = load_spec("coinr-default")
    spec["treat"]["winmax"] = 1
    spec["normalise"] = {"method": "minmax", "l": 1, "u": 100}
    spec["aggregate"] = {"method": "gmean"}
    res = build_index(data, fw, spec)
    assert (res.treat_details["treatment"] == "log_CT").sum() == 11
    index = res.datasets["Aggregated"]["Index"]
    assert np.isfinite(index).all() and index.between(1, 100).all()


def test_geometric_mean_meeting_zeros_is_a_clear_error(asem):
    _, fw, data = asem
    spec = load_spec("coinr-default")
    spec["aggregate"] = {"method": "gmean"}
    with pytest.raises(
        InputError, match=r"aggregate level 2 \(gmean\): '.+': geometric mean needs values > 0"
    ):
        build_index(data, fw, spec)
    spec["aggregate"] = {"method": "gmean", "shift": 1.0}
    shifted = build_index(data, fw, spec).datasets["Aggregated"]["Index"]
    assert np.isfinite(shifted).all()


# ---------------------------------------------------------------------------- bad data


def _small(fw_rows=None):
    from analysis.framework import framework_from_table

    rows = fw_rows or [
        {"code": "a", "parent": "P", "type": "indicator"},
        {"code": "b", "parent": "P", "type": "indicator", "direction": -1},
        {"code": "c", "parent": "Q", "type": "indicator"},
        {"code": "P", "parent": "Index", "type": "aggregate"},
        {"code": "Q", "parent": "Index", "type": "aggregate"},
        {"code": "Index", "type": "aggregate"},
    ]
    return framework_from_table(rows, name="small")


def test_non_numeric_cell_names_row_and_column():
    data = pd.DataFrame(
        {"uCode": ["x", "y", "z"], "a": [1, 2, 3], "b": ["1", "n/a?", "3"], "c": [1.0, 2.0, 3.0]}
    )
    with pytest.raises(InputError, match=r"data.csv, row 2, column 'b': not a number: 'n/a\?'"):
        build_index(data, _small(), {"aggregate": "amean"}, source="data.csv")


def test_duplicate_unit_and_missing_indicator_column():
    data = pd.DataFrame({"uCode": ["x", "x"], "a": [1, 2], "b": [1, 2], "c": [1, 2]})
    with pytest.raises(InputError, match=r"row 2, column 'uCode': duplicate unit 'x'"):
        build_index(data, _small(), {"aggregate": "amean"})
    with pytest.raises(InputError, match=r"\['c'\]"):
        build_index(
            data.drop(columns="c").assign(uCode=["x", "y"]), _small(), {"aggregate": "amean"}
        )


def test_constant_indicator_gives_documented_midpoint():
    data = pd.DataFrame(
        {"uCode": ["x", "y", "z"], "a": [5.0, 5.0, 5.0], "b": [1.0, 2.0, 3.0], "c": [3.0, 1.0, 2.0]}
    )
    res = build_index(data, _small(), {"normalise": "minmax", "aggregate": "amean"})
    assert (res.datasets["Normalised"]["a"] == 50.0).all()
    assert np.isfinite(res.arrays["Aggregated"]).all()


def test_single_unit_builds_with_documented_values():
    data = pd.DataFrame({"uCode": ["x"], "a": [5.0], "b": [1.0], "c": [3.0]})
    res = build_index(data, _small(), {"normalise": "minmax", "aggregate": "amean"})
    assert res.scores["score"].tolist() == [50.0, 50.0, 50.0]
    assert res.scores["rank"].tolist() == [1, 1, 1]


def test_all_missing_indicator_drops_out_of_its_group():
    data = pd.DataFrame(
        {"uCode": ["x", "y", "z"], "a": [np.nan] * 3, "b": [1.0, 2.0, 3.0], "c": [3.0, 1.0, 2.0]}
    )
    res = build_index(
        data, _small(), {"impute": "mean", "normalise": "minmax", "aggregate": "amean"}
    )
    assert res.datasets["Imputed"]["a"].isna().all()
    agg = res.datasets["Aggregated"]
    np.testing.assert_allclose(
        agg["P"], res.datasets["Normalised"]["b"]
    )  # weights renormalised over b
    assert np.isfinite(agg["Index"]).all()


def test_several_years_index_the_latest_and_impute_latest():
    data = pd.DataFrame(
        {
            "uCode": ["x", "y", "z"] * 2,
            "Time": [2010] * 3 + [2020] * 3,
            "a": [1.0, 2.0, 3.0, 4.0, np.nan, 6.0],
            "b": [1.0, 2.0, 3.0, 3.0, 2.0, 1.0],
            "c": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0],
        }
    )
    res = build_index(data, _small(), {"impute": "latest", "aggregate": "amean"})
    assert res.spec["year"] == 2020
    assert res.datasets["Imputed"].loc["y", "a"] == 2.0
    with pytest.raises(InputError, match="year 2015"):
        build_index(data, _small(), {"year": 2015, "aggregate": "amean"})


def test_sensitivity_path_treat_normalise_once_then_weight_sets_as_matrix_products(asem):
    """What a sensitivity run does: re-run treat/normalise from Screened, aggregate many weight sets at once."""
    from analysis import aggregate, normalise, treat

    _, fw, data = asem
    base = build_index(data, fw, "coinr-default")
    treated = treat.coinr(base.arrays["Screened"], winmax=2).x
    normed = normalise.normalise(treated, fw.direction, "zscore", m=10, s=2)
    rng = np.random.default_rng(0)
    sets = fw.table["weight"].to_numpy() * rng.uniform(0.75, 1.25, size=(30, len(fw.codes)))
    scores = aggregate.aggregate_tree(normed, fw, "amean", weights=sets)  # (30, n, n_aggregates)
    ranks = aggregate.rank_desc(scores, axis=-2)
    for r in (0, 17):
        spec = load_spec("coinr-default")
        spec["treat"]["winmax"] = 2
        spec["normalise"] = {"method": "zscore", "m": 10, "s": 2}
        spec["weights"] = dict(zip(fw.codes, sets[r], strict=True))
        one = build_index(data, fw, spec)
        np.testing.assert_allclose(
            scores[r], one.arrays["Aggregated"][:, len(fw.indicators) :], atol=1e-12
        )
        np.testing.assert_array_equal(
            ranks[r], one.ranks().loc[one.units["Aggregated"], fw.aggregates].to_numpy()
        )


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    "normalisation",
    [
        {"method": "minmax", "l": 1, "u": 100},
        {"method": "zscore", "m": 10, "s": 2},
        "rank",
        "dist2targ",
        {"method": "dist2targ", "cap": True},
        "dist2max",
        {"method": "goalposts", "lower": 0, "upper": 1e6, "scale": 100},
    ],
)
@pytest.mark.parametrize(
    "aggregation", ["amean", "median", "copeland", {"method": "gmean", "shift": 1}]
)
def test_every_normalisation_and_aggregation_runs_on_asem_without_warnings(
    asem, normalisation, aggregation
):
    _, fw, data = asem
    spec = load_spec("coinr-default") | {"normalise": normalisation, "aggregate": aggregation}
    res = build_index(data, fw, spec)
    assert np.isfinite(res.scores["score"]).all()
    assert res.scores["rank"].min() == 1


@pytest.mark.parametrize(
    "imputation", ["none", "mean", "median", {"method": "group_median", "group": "GDP_group"}]
)
@pytest.mark.parametrize(
    "treatment",
    ["none", {"method": "winsorise", "lower": 0.05, "upper": 0.95}, {"method": "clip", "k": 3}],
)
def test_imputation_and_treatment_variants(asem, imputation, treatment):
    _, fw, data = asem
    spec = load_spec("coinr-default") | {"impute": imputation, "treat": treatment}
    res = build_index(data, fw, spec)
    assert res.scores.query("iCode == 'Index'")["score"].notna().all()


def test_command_takes_a_long_panel_and_a_builtin_framework(tmp_path):
    from analysis.framework import load_framework
    from analysis.panel import load_census_panel

    fw = load_framework("jiangsu-census-peers")
    panel = load_census_panel(indicators=fw.indicators)
    panel.to_csv(tmp_path / "census.csv", index=False)
    (tmp_path / "spec.yaml").write_text(
        "impute: mean\nnormalise: {method: minmax, l: 0, u: 100}\naggregate: amean\n",
        encoding="utf-8",
    )
    code = main(["index", "--data", str(tmp_path / "census.csv"), "--meta", "jiangsu-census-peers",
                 "--spec", str(tmp_path / "spec.yaml"), "-o", str(tmp_path / "out")])  # fmt: skip
    assert code == 0
    scores = pd.read_csv(tmp_path / "out" / "scores.csv")
    assert set(scores["iCode"]) == set(fw.aggregates) and scores["unit"].nunique() == 21


def test_impute_latest_uses_each_years_own_denominator():
    from analysis.framework import framework_from_table

    fw = framework_from_table(
        [
            {"code": "a", "parent": "Index", "type": "indicator", "denominator": "pop"},
            {"code": "b", "parent": "Index", "type": "indicator"},
            {"code": "Index", "type": "aggregate"},
        ]
    )
    data = pd.DataFrame(
        {
            "uCode": ["x", "y"] * 2,
            "Time": [2010, 2010, 2020, 2020],
            "pop": [10.0, 20.0, 100.0, 200.0],
            "a": [50.0, 60.0, np.nan, 80.0],
            "b": [1.0, 2.0, 3.0, 4.0],
        }
    )
    res = build_index(data, fw, {"denominate": "divide", "impute": "latest", "aggregate": "amean"})
    imputed = res.datasets["Imputed"]
    assert imputed.loc["x", "a"] == 5.0  # 50 / 10 from 2010
    assert imputed.loc["y", "a"] == 0.4  # 80 / 200 in 2020


def test_results_table_has_coinrs_layout(asem, asem_result):
    folder, _, _ = asem
    ref = _reference(folder, "results_scores_and_ranks.csv")
    mine = asem_result.results()
    assert list(mine.columns) == list(ref.columns)
    assert list(mine.index) == list(ref.index)  # same order: by Index rank
    assert np.max(np.abs(mine["Index"].to_numpy() - ref["Index"].to_numpy())) <= TOL


def test_builtin_specs_load_and_the_peers_default_indexes_the_census():
    from analysis.framework import load_framework
    from analysis.index import builtin_specs
    from analysis.panel import load_census_panel, to_idata

    assert {"coinr-default", "peers-default"} <= set(builtin_specs())
    fw = load_framework("jiangsu-census-peers")
    res = build_index(
        to_idata(load_census_panel(indicators=fw.indicators), fw), fw, "peers-default"
    )
    assert res.results().index[0] in res.units["Raw"]
    assert not np.isnan(res.arrays["Imputed"]).any()


def test_a_long_panel_builds_directly(asem, asem_result):
    from analysis.panel import panel_from_idata

    _, fw, data = asem
    spec = load_spec("coinr-default")
    spec.pop("denominate")
    spec.pop("impute")
    long = panel_from_idata(data, fw)
    res = build_index(long, fw, spec)
    wide = build_index(data, fw, spec)
    pd.testing.assert_frame_equal(res.results().sort_index(), wide.results().sort_index())


def test_a_header_only_data_file_is_named_as_such(tmp_path, capsys):
    # issue 14: it was "screen (by_na): no unit passes; lower the threshold"
    data = tmp_path / "empty.csv"
    data.write_text("uCode,a,b\n", encoding="utf-8")
    criteria = tmp_path / "criteria.csv"
    criteria.write_text("indicator,direction\na,1\nb,1\n", encoding="utf-8")
    assert main(["index", "--data", str(data), "--meta", str(criteria), "--spec", "peers-default",
                 "-o", str(tmp_path / "out")]) == 2  # fmt: skip
    assert "no rows: the data has a header only" in capsys.readouterr().err
