"""The sensitivity engine and ``qci sensitivity``: COINr's ASEM design, factors, bad input."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis.cli import main
from analysis.errors import InputError
from analysis.framework import framework_from_imeta
from analysis.index import build_index, load_spec, read_idata
from analysis.sensitivity import (
    SOBOL_COLUMNS,
    parse_call,
    read_weight_sets,
    run_sensitivity,
    write_sensitivity,
)

ASEM = Path(__file__).parent / "data" / "coinr-asem"
IDATA = ASEM / "inputs" / "ASEM_iData.csv"
IMETA = ASEM / "inputs" / "ASEM_iMeta.csv"
DESIGN = ASEM / "sensitivity-design" / "SA_4factors_N100_parameters.csv"
SETS = ASEM / "sensitivity-design" / "noisy_weight_sets.csv"
FACTORS = ["Winmax", "Normalisation", "Weights", "Aggregation"]

# Si and STi of COINr's 600-run ASEM design, evaluated here (see the three tests below that
# establish them independently: nominal ranks, run-by-run equality with the pipeline, the
# README's estimator formulas).
ASEM_SI = {
    "Winmax": 0.07450240414913906,
    "Normalisation": 0.06781230162858694,
    "Weights": -0.16531887889656816,
    "Aggregation": 0.5333856487980427,
}
ASEM_STI = {
    "Winmax": 0.05474326414657803,
    "Normalisation": 0.2503009619109575,
    "Weights": 0.16855279888573874,
    "Aggregation": 0.7602490256328467,
}


@pytest.fixture(scope="module")
def asem():
    data = read_idata(IDATA)
    fw = framework_from_imeta(IMETA)
    design = pd.read_csv(DESIGN)
    sets = pd.read_csv(SETS)
    result = run_sensitivity(data, fw, "coinr-default", design=design, weight_sets=sets, seed=1)
    return data, fw, design, sets, result


# --- COINr's ASEM design ---------------------------------------------------------------


def test_nominal_ranks_are_coinr_index_ranks(asem):
    _, _, _, _, result = asem
    coinr = pd.read_csv(ASEM / "example_coin" / "results_scores_and_ranks.csv")
    expected = coinr.set_index("uCode").loc[result.nominal.index, "Index_rank"].to_numpy()
    np.testing.assert_array_equal(result.nominal["rank"].to_numpy(), expected)
    np.testing.assert_array_equal(result.ranks["nominal"].to_numpy(), expected)


NORMALISATIONS = {
    "n_minmax(1,100)": {"method": "minmax", "l": 1, "u": 100},
    "n_zscore(10,2)": {"method": "zscore", "m": 10, "s": 2},
}


def _plain_run(data, fw, sets, row):
    """One run the slow way: build_index with the run's own spec (the README's four steps)."""
    spec = load_spec("coinr-default")
    spec["treat"] = {**spec["treat"], "winmax": int(row["Winmax"])}
    spec["normalise"] = NORMALISATIONS[row["Normalisation"]]
    spec["aggregate"] = {"method": row["Aggregation"]}
    chosen = sets.loc[sets["set"] == row["Weights"]]
    spec["weights"] = dict(zip(chosen["iCode"], chosen["Weight"], strict=True))
    return build_index(data, fw, spec).ranks()["Index"]


@pytest.mark.parametrize("run", [1, 2, 3, 4, 5, 8, 150, 215, 333, 470, 512, 600])
def test_vectorised_runs_equal_one_run_at_a_time_through_the_pipeline(asem, run):
    data, fw, design, sets, result = asem
    row = design.iloc[run - 1]
    expected = _plain_run(data, fw, sets, row)
    got = result.runs.iloc[run - 1]
    assert got["run"] == run and got["Winmax"] == row["Winmax"]
    units = list(result.nominal.index)
    np.testing.assert_array_equal(got[units].to_numpy(np.int64), expected.loc[units].to_numpy())
    shift = np.abs(expected.loc[units].to_numpy() - result.nominal["rank"].to_numpy()).mean()
    assert got["y"] == shift


def test_design_covers_treatments_that_fall_back_to_log_ct(asem):
    # Winmax 1, 2, 3 leave some indicators failing: their untreated column is log_CT'd
    _, _, design, _, _ = asem
    assert set(design["Winmax"]) == {1, 2, 3, 4, 5}
    assert set(design["Aggregation"]) == {"a_amean", "a_gmean"}


def test_sobol_indices_follow_the_readme_formulas(asem):
    _, _, _, _, result = asem
    y = result.y
    N = 100
    y_a, y_b = y[:N], y[N : 2 * N]
    variance = np.var(np.concatenate([y_a, y_b]), ddof=1)
    for i, factor in enumerate(FACTORS):
        y_ab = y[(2 + i) * N : (3 + i) * N]
        si = np.mean(y_b * (y_ab - y_a)) / variance
        sti = np.sum((y_a - y_ab) ** 2) / (2 * N * variance)
        row = result.sobol.set_index("factor").loc[factor]
        assert row["Si"] == pytest.approx(si, abs=1e-12)
        assert row["STi"] == pytest.approx(sti, abs=1e-12)


def test_asem_sobol_indices_regression(asem):
    _, _, _, _, result = asem
    sobol = result.sobol.set_index("factor")
    assert list(result.sobol.columns) == list(SOBOL_COLUMNS)
    assert list(sobol.index) == FACTORS
    for factor in FACTORS:
        assert sobol.loc[factor, "Si"] == pytest.approx(ASEM_SI[factor], abs=1e-9)
        assert sobol.loc[factor, "STi"] == pytest.approx(ASEM_STI[factor], abs=1e-9)
        assert sobol.loc[factor, "STi_q05"] <= sobol.loc[factor, "STi_q95"]


def test_rank_statistics_summarise_the_runs(asem):
    _, _, _, _, result = asem
    units = list(result.nominal.index)
    ranks = result.runs[units].to_numpy(np.float64)
    stats = result.ranks.set_index("unit")
    np.testing.assert_allclose(stats["median"], np.median(ranks, axis=0))
    np.testing.assert_allclose(stats["q05"], np.quantile(ranks, 0.05, axis=0))
    np.testing.assert_allclose(stats["q95"], np.quantile(ranks, 0.95, axis=0))


# --- the command line ------------------------------------------------------------------


def test_cli_writes_runs_ranks_and_sobol(tmp_path, capsys):
    out = tmp_path / "sa"
    status = main(
        [
            "sensitivity",
            "--data", str(IDATA),
            "--meta", str(IMETA),
            "--spec", "coinr-default",
            "--design", str(DESIGN),
            "--weights-sets", str(SETS),
            "-o", str(out),
        ]
    )  # fmt: skip
    assert status == 0
    assert "600 runs" in capsys.readouterr().out
    runs = pd.read_csv(out / "runs.csv")
    assert list(runs.columns[:7]) == ["run", "block", *FACTORS, "y"]
    assert len(runs) == 600 and runs.shape[1] == 7 + 51
    assert runs["block"].iloc[[0, 100, 200, 599]].tolist() == ["A", "B", "AB_1", "AB_4"]
    ranks = pd.read_csv(out / "ranks.csv")
    assert list(ranks.columns) == ["unit", "nominal", "median", "q05", "q95"]
    sobol = pd.read_csv(out / "sobol.csv")
    assert list(sobol.columns) == list(SOBOL_COLUMNS)
    assert sobol["Si"].to_numpy() == pytest.approx([ASEM_SI[f] for f in FACTORS], abs=1e-9)
    spec = yaml.safe_load((out / "spec.yaml").read_text(encoding="utf-8"))
    assert spec["treat"]["winmax"] == 5 and spec["sensitivity"]["runs"] == 600
    assert spec["sensitivity"]["factors"]["Normalisation"]["kind"] == "normalise"
    assert (out / "design.csv").exists() and (out / "weight_sets.csv").exists()
    assert len(pd.read_csv(out / "weight_sets.csv")) == 100 * 60


def _cli_error(args, capsys):
    assert main(["sensitivity", "--data", str(IDATA), "--meta", str(IMETA), *args]) == 2
    return capsys.readouterr().err


def test_cli_unknown_method_in_a_design_column_names_column_row_and_value(tmp_path, capsys):
    design = pd.read_csv(DESIGN)
    design.loc[6, "Normalisation"] = "n_fancy(1,100)"
    path = tmp_path / "design.csv"
    design.to_csv(path, index=False)
    err = _cli_error(
        ["--design", str(path), "--weights-sets", str(SETS), "-o", str(tmp_path)], capsys
    )
    assert "row 7" in err and "'Normalisation'" in err and "n_fancy" in err
    assert "unknown normalise method 'n_fancy'" in err


def test_cli_weight_sets_that_do_not_cover_the_framework(tmp_path, capsys):
    sets = pd.read_csv(SETS)
    sets = sets.loc[~((sets["set"] == 3) & sets["iCode"].isin(["Conn", "Sust"]))]
    path = tmp_path / "sets.csv"
    sets.to_csv(path, index=False)
    err = _cli_error(
        ["--design", str(DESIGN), "--weights-sets", str(path), "-o", str(tmp_path)], capsys
    )
    assert "weight set '3' does not cover" in err and "'Conn'" in err and "'Sust'" in err


def test_cli_needs_a_seed_to_draw(tmp_path, capsys):
    err = _cli_error(["--n", "8", "-o", str(tmp_path)], capsys)
    assert "--seed" in err


def test_a_design_weights_column_needs_its_sets(asem):
    data, fw, design, _, _ = asem
    with pytest.raises(InputError, match="column 'Weights': names weight sets"):
        run_sensitivity(data, fw, design=design)


def test_a_weight_set_the_sets_do_not_hold(asem):
    data, fw, design, sets, _ = asem
    design = design.copy()
    design.loc[9, "Weights"] = 101
    with pytest.raises(InputError, match="row 10, column 'Weights': weight set 101"):
        run_sensitivity(data, fw, design=design, weight_sets=sets)


def test_weight_set_errors_name_the_row():
    fw = framework_from_imeta(IMETA)
    sets = pd.read_csv(SETS).head(60)
    bad = sets.copy()
    bad.loc[4, "Weight"] = -1
    with pytest.raises(InputError, match="row 5, column 'Weight'"):
        read_weight_sets(bad, fw)
    bad = sets.copy()
    bad.loc[2, "iCode"] = "Nope"
    with pytest.raises(InputError, match="row 3, column 'iCode': 'Nope'"):
        read_weight_sets(bad, fw)
    bad = sets.copy()
    bad.loc[50, "Level"] = 3
    with pytest.raises(InputError, match="row 51, column 'Level'"):
        read_weight_sets(bad, fw)
    labels, matrix = read_weight_sets(sets.loc[sets["iCode"] != "Index"], fw)
    assert labels == [1] and matrix.shape == (1, 60) and matrix[0, -1] == 1.0


def test_geometric_mean_meeting_zeros_is_an_error_naming_the_run(asem):
    # min-max to [0, 100] puts a 0 in every column: COINr's a_gmean silently gives NaN
    data, fw, _, _, _ = asem
    design = pd.DataFrame(
        {"Normalisation": ["n_minmax(1,100)", "n_minmax(0,100)"], "Aggregation": ["a_gmean"] * 2}
    )
    with pytest.raises(InputError) as info:
        run_sensitivity(data, fw, design=design, sobol=False)
    message = str(info.value)
    assert "run 2" in message and "'n_minmax(0,100)'" in message and "'a_gmean'" in message
    assert "geometric mean meets 0" in message and "shift" in message


def test_geometric_mean_with_a_documented_shift(asem):
    data, fw, _, _, _ = asem
    design = pd.DataFrame({"Normalisation": ["n_minmax(0,100)"], "Aggregation": ["gmean(shift=1)"]})
    result = run_sensitivity(data, fw, design=design, sobol=False)
    spec = load_spec("coinr-default")
    spec["aggregate"] = {"method": "gmean", "shift": 1}
    expected = build_index(data, fw, spec).ranks()["Index"]
    units = list(result.nominal.index)
    np.testing.assert_array_equal(result.runs.loc[0, units].to_numpy(np.int64), expected[units])


def test_a_design_without_the_saltelli_blocks(asem):
    data, fw, _, _, _ = asem
    design = pd.DataFrame(
        {
            "Winmax": [1, 3, 5],
            "Normalisation": ["n_minmax(0,100)", "n_minmax(0,100)", "n_zscore(10,2)"],
            "Aggregation": ["a_amean", "a_amean", "a_gmean"],
        }
    )
    with pytest.raises(InputError, match="uncertainty-only"):
        run_sensitivity(data, fw, design=design)
    result = run_sensitivity(data, fw, design=design, sobol=False)
    assert result.sobol is None and len(result.runs) == 3
    assert result.runs["block"].tolist() == ["", "", ""]
    assert result.runs.loc[0, "y"] > 0  # winmax 1 moves some ranks


def test_an_unknown_design_column_is_named(asem):
    data, fw, _, _, _ = asem
    with pytest.raises(InputError, match="column 'Colour': not a known factor"):
        run_sensitivity(data, fw, design=pd.DataFrame({"Colour": ["red"]}), sobol=False)


def test_parse_call_reads_coinr_notation():
    assert parse_call("normalise", "n_minmax(1,100)") == {"method": "n_minmax", "l": 1, "u": 100}
    assert parse_call("normalise", "n_zscore(10, 2)") == {"method": "n_zscore", "m": 10, "s": 2}
    assert parse_call("aggregate", "a_gmean") == {"method": "a_gmean"}
    assert parse_call("aggregate", "gmean(shift=0.5)") == {"method": "gmean", "shift": 0.5}
    assert parse_call("impute", "group_mean(EurAsia_group)") == {
        "method": "group_mean",
        "group": "EurAsia_group",
    }
    with pytest.raises(InputError, match="positional"):
        parse_call("aggregate", "a_amean(1)")


# --- factors from a spec, drawn designs ------------------------------------------------

SPEC = {
    **load_spec("coinr-default"),
    "sensitivity": {
        "n_boot": 20,
        "factors": {
            "imputation": {"impute": ["group_mean", "mean", "median"]},
            "winmax": {"winmax": [2, 5]},
            "normalisation": {
                "normalise": ["n_minmax(1,100)", {"method": "zscore", "m": 10, "s": 2}]
            },
            "weights": {"weights": {"dirichlet": {"concentration": 20}, "sets": 30}},
            "aggregation": {"aggregate": ["a_amean", "a_gmean"]},
            "exclusion": {"exclude": ["none", "Goods", ["Flights", "Ship"], "Political"]},
        },
    },
}


@pytest.fixture(scope="module")
def drawn():
    data = read_idata(IDATA)
    fw = framework_from_imeta(IMETA)
    return data, fw, run_sensitivity(data, fw, SPEC, n=16, seed=5)


def test_a_drawn_design_is_seeded_and_saltelli_ordered(drawn):
    data, fw, result = drawn
    assert len(result.runs) == 16 * (6 + 2)
    assert list(result.sobol["factor"]) == list(SPEC["sensitivity"]["factors"])
    again = run_sensitivity(data, fw, SPEC, n=16, seed=5)
    pd.testing.assert_frame_equal(result.runs, again.runs)
    pd.testing.assert_frame_equal(result.sobol, again.sobol)
    assert result.weight_sets["set"].nunique() == 30


def test_each_factor_kind_equals_the_pipeline_run_by_run(drawn):
    data, fw, result = drawn
    sets = result.weight_sets
    units = list(result.nominal.index)
    for run in (1, 7, 20, 33, 50, 77, 100, 128):
        row = result.runs.iloc[run - 1]
        spec = load_spec("coinr-default")
        spec["impute"] = {"method": row["imputation"]}
        if row["imputation"] == "group_mean":
            spec["impute"]["group"] = "EurAsia_group"
        spec["treat"] = {**spec["treat"], "winmax": int(row["winmax"])}
        spec["normalise"] = (
            {"method": "minmax", "l": 1, "u": 100}
            if row["normalisation"] == "n_minmax(1,100)"
            else {"method": "zscore", "m": 10, "s": 2}
        )
        spec["aggregate"] = {"method": row["aggregation"]}
        chosen = sets.loc[sets["set"] == row["weights"]]
        spec["weights"] = dict(zip(chosen["iCode"], chosen["Weight"], strict=True))
        dropped = {"none": [], "Goods": ["Goods"], "Flights+Ship": ["Flights", "Ship"]}.get(
            row["exclusion"], fw.children("Political")
        )
        sub = fw.subset([c for c in fw.indicators if c not in dropped])
        spec["weights"] = {k: v for k, v in spec["weights"].items() if k in sub.codes}
        expected = build_index(data, sub, spec).ranks()["Index"]
        np.testing.assert_array_equal(
            row[units].to_numpy(np.int64), expected[units], err_msg=f"run {run}"
        )


def test_spec_factor_errors_name_the_factor():
    data = read_idata(IDATA)
    fw = framework_from_imeta(IMETA)
    bad = {
        **load_spec("coinr-default"),
        "sensitivity": {"factors": {"agg": {"aggregate": ["median"]}}},
    }
    with pytest.raises(InputError, match="factor 'agg'.*'median' is not evaluated over many"):
        run_sensitivity(data, fw, bad, n=4, seed=1)
    bad["sensitivity"] = {"factors": {"x": {"exclude": ["Index"]}}}
    with pytest.raises(InputError, match="factor 'x'.*'Index'"):
        run_sensitivity(data, fw, bad, n=4, seed=1)
    bad["sensitivity"] = {"factors": {"a": {"winmax": [1]}, "b": {"treat": ["none"]}}}
    with pytest.raises(InputError, match="both vary the treat step"):
        run_sensitivity(data, fw, bad, n=4, seed=1)
    with pytest.raises(InputError, match="no factors"):
        run_sensitivity(data, fw, "coinr-default", n=4, seed=1)


def test_factors_file_and_cli_draw(tmp_path, capsys):
    factors = tmp_path / "factors.yaml"
    factors.write_text(
        yaml.safe_dump(
            {
                "sensitivity": {
                    "factors": {
                        "Weights": {"weights": {"noise": {2: 0.25, 3: 0.25}, "sets": 20}},
                        "Aggregation": {"aggregate": ["a_amean", "gmean(shift=1)"]},
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = [
        "--factors",
        str(factors),
        "--n",
        "32",
        "--seed",
        "3",
        "--sampler",
        "salib",
        "-o",
        str(out),
    ]
    assert main(["sensitivity", "--data", str(IDATA), "--meta", str(IMETA), *args]) == 0
    capsys.readouterr()
    runs = pd.read_csv(out / "runs.csv")
    assert len(runs) == 32 * 4
    weights = pd.read_csv(out / "weight_sets.csv")
    ratio = weights.loc[weights["Level"].isin([2, 3]), "Weight"]
    assert ratio.between(0.75, 1.25).all() and (ratio != 1).all()
    assert (weights.loc[weights["Level"].isin([1, 4]), "Weight"] == 1).all()


def test_write_sensitivity_without_sobol(tmp_path, asem):
    data, fw, _, _, _ = asem
    result = run_sensitivity(data, fw, design=pd.DataFrame({"Winmax": [2, 4]}), sobol=False)
    written = {p.name for p in write_sensitivity(result, tmp_path)}
    assert written == {"runs.csv", "ranks.csv", "design.csv", "spec.yaml"}


def test_runs_sharing_a_level_share_its_treatment(asem, monkeypatch):
    # 600 runs, 5 winsorisation limits: 5 treatments (plus the nominal build's one)
    from analysis import treat

    data, fw, design, sets, _ = asem
    calls = []
    original = treat.coinr

    @functools.wraps(original)  # keeps the signature the spec checks parameters against
    def counting(x, **params):
        calls.append(params.get("winmax"))
        return original(x, **params)

    monkeypatch.setitem(treat.METHODS, "coinr", counting)
    run_sensitivity(data, fw, design=design, weight_sets=sets, n_boot=0)
    assert sorted(calls) == [1, 2, 3, 4, 5, 5]


def test_progress_bar_on_request(asem, capsys):
    data, fw, design, sets, result = asem
    again = run_sensitivity(data, fw, design=design, weight_sets=sets, seed=1, progress=True)
    pd.testing.assert_frame_equal(again.runs, result.runs)


def test_an_excluded_indicator_with_zeros_does_not_meet_the_geometric_mean():
    from analysis.framework import framework_from_table

    fw = framework_from_table(
        [
            {"code": "a", "parent": "P", "type": "indicator"},
            {"code": "b", "parent": "P", "type": "indicator"},
            {"code": "c", "parent": "Q", "type": "indicator"},
            {"code": "d", "parent": "Q", "type": "indicator"},
            {"code": "P", "parent": "Index", "type": "aggregate"},
            {"code": "Q", "parent": "Index", "type": "aggregate"},
            {"code": "Index", "type": "aggregate"},
        ],
        name="tiny",
    )
    data = pd.DataFrame(
        {
            "uCode": ["u1", "u2", "u3", "u4", "u5"],
            "a": [1.0, 2.0, 3.0, 4.0, 5.0],
            "b": [5.0, 1.0, 4.0, 2.0, 3.0],
            "c": [0.0, 2.0, 1.0, 3.0, 9.0],
            "d": [2.0, 2.5, 1.0, 4.0, 3.0],
        }
    )
    spec = {"normalise": {"method": "none"}, "aggregate": {"method": "amean"}}
    design = pd.DataFrame({"Exclusion": ["c"], "Aggregation": ["a_gmean"]})
    result = run_sensitivity(data, fw, spec, design=design, sobol=False)
    expected = build_index(data, fw.subset(["a", "b", "d"]), {**spec, "aggregate": "gmean"})
    units = list(result.nominal.index)
    np.testing.assert_array_equal(
        result.runs.loc[0, units].to_numpy(np.int64), expected.ranks()["Index"][units]
    )
    design = pd.DataFrame({"Exclusion": ["none"], "Aggregation": ["a_gmean"]})
    with pytest.raises(InputError, match="run 1: .*meets 0 \\(indicator 'c', unit 'u1'\\)"):
        run_sensitivity(data, fw, spec, design=design, sobol=False)


def test_a_spec_file_with_a_sensitivity_section(tmp_path):
    doc = {
        **load_spec("coinr-default"),
        "sensitivity": {
            "n": 8,
            "seed": 4,
            "factors": {"Aggregation": {"aggregate": ["a_amean", "hmean(shift=1)"]}},
        },
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    result = run_sensitivity(IDATA, IMETA, path)
    assert len(result.runs) == 8 * 3
    assert set(result.runs["Aggregation"]) <= {"a_amean", "hmean(shift=1)"}
    assert result.spec["sensitivity"]["seed"] == 4 and "sensitivity" not in result.spec["treat"]


def test_cli_writes_a_workbook_for_xlsx(tmp_path):
    import openpyxl

    out = tmp_path / "sa.xlsx"
    status = main(
        [
            "sensitivity",
            "--data", str(IDATA),
            "--meta", str(IMETA),
            "--spec", "coinr-default",
            "--design", str(DESIGN),
            "--weights-sets", str(SETS),
            "-o", str(out),
        ]
    )  # fmt: skip
    assert status == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["runs", "ranks", "sobol", "design", "weight_sets", "spec"]
    sobol = pd.read_excel(out, sheet_name="sobol")
    assert sobol["Si"].to_numpy() == pytest.approx([ASEM_SI[f] for f in FACTORS], abs=1e-9)


def test_a_design_too_large_for_memory_is_refused_in_one_line(capsys):
    # issue 14: --n 10^8 asked for a 6.7 GiB allocation and died; now one line, exit 2
    argv = ["sensitivity", "--study", "oecd-bli", "--year", "2015", "--n", "100000000",
            "--seed", "1", "-o", "unused"]  # fmt: skip
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--n 100000000" in err and "give 1 ≤ N ≤" in err and err.count("\n") == 1
