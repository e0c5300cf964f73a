"""Comparing rankings: a hand-computed case, scipy as oracle, grouping, the command line, bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.cli import main
from analysis.compare import (
    AGREEMENT_COLUMNS,
    SHIFT_COLUMNS,
    agreement_matrix,
    compare_rankings,
    movers,
    ranks_from_scores,
    weights_table,
)
from analysis.errors import InputError

# Six cities; the nominal method ranks them 1..6 in this order. Under "entropy"
# 北京 and 广州 tie for rank 2 (both take 2, the next is 4).
UNITS = ["北京", "上海", "广州", "深圳", "杭州", "成都"]
NOMINAL = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
ENTROPY = [0.70, 0.85, 0.70, 0.60, 0.30, 0.50]


def hand_case() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "method": ["equal"] * 6 + ["entropy"] * 6,
            "unit": UNITS * 2,
            "score": NOMINAL + ENTROPY,
        }
    )


def test_ranks_are_min_ties_rank_1_highest():
    ranked = ranks_from_scores(hand_case())
    entropy = ranked[ranked["method"] == "entropy"].set_index("unit")["rank"]
    assert entropy.to_dict() == {"北京": 2, "上海": 1, "广州": 2, "深圳": 4, "杭州": 6, "成都": 5}


def test_hand_computed_shifts_and_agreement():
    shifts, agreement = compare_rankings(hand_case(), nominal="equal", top=2)
    assert list(shifts.columns) == list(SHIFT_COLUMNS)
    assert list(agreement.columns) == list(AGREEMENT_COLUMNS)

    entropy = shifts[shifts["method"] == "entropy"].set_index("unit")
    # shift = rank - nominal rank: 2-1, 1-2, 2-3, 4-4, 6-5, 5-6
    assert entropy["shift"].to_dict() == {
        "北京": 1,
        "上海": -1,
        "广州": -1,
        "深圳": 0,
        "杭州": 1,
        "成都": -1,
    }
    row = agreement.set_index("method").loc["entropy"]
    assert row["n"] == 6
    # entropy's average ranks (2.5, 1, 2.5, 4, 6, 5) against 1..6: deviations from 3.5
    # (-1, -2.5, -1, .5, 2.5, 1.5) and (-2.5, -1.5, -.5, .5, 1.5, 2.5):
    # rho = 14.5 / sqrt(17 * 17.5)
    assert row["spearman"] == pytest.approx(14.5 / math.sqrt(17 * 17.5))
    # 15 pairs: 12 concordant, 2 discordant (北京-上海, 杭州-成都), 1 tied in entropy only:
    # tau-b = (12 - 2) / sqrt((15 - 1) * (15 - 0))
    assert row["kendall"] == pytest.approx(10 / math.sqrt(14 * 15))
    assert row["mean_abs_shift"] == pytest.approx(5 / 6)
    assert row["share_equal_pct"] == pytest.approx(100 / 6)
    # sorted shifts -1 -1 -1 0 1 1; h = 5p: q1 at 1.25 -> -1, median at 2.5 -> -0.5,
    # q3 at 3.75 -> 0.75
    assert (row["min_shift"], row["q1_shift"], row["median_shift"]) == (-1, -1, -0.5)
    assert (row["q3_shift"], row["max_shift"]) == (0.75, 1)
    # top 2 of the nominal ranking: 北京 (+1), 上海 (-1); bottom 2: 杭州 (+1), 成都 (-1)
    assert row["mean_abs_shift_top"] == 1 and row["mean_abs_shift_bottom"] == 1
    assert row["share_equal_top_pct"] == 0 and row["share_equal_bottom_pct"] == 0
    # entropy's top 2 holds 上海, 北京 and 广州 (tie at 2): 2 of them are nominal top 2
    assert row["top_overlap"] == 2


def test_nominal_method_is_a_row_with_no_shift():
    shifts, agreement = compare_rankings(hand_case(), nominal="equal", top=2)
    assert agreement["method"].tolist() == ["equal", "entropy"]
    nominal = agreement.iloc[0]
    assert nominal["spearman"] == pytest.approx(1) and nominal["kendall"] == pytest.approx(1)
    assert nominal["mean_abs_shift"] == 0
    assert nominal["share_equal_pct"] == 100 and nominal["top_overlap"] == 2
    assert (shifts.loc[shifts["method"] == "equal", "shift"] == 0).all()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_correlations_equal_scipy_with_ties(seed):
    rng = np.random.default_rng(seed)
    n = 40
    scores = pd.DataFrame(
        {
            "method": ["a"] * n + ["b"] * n,
            "unit": [f"u{i}" for i in range(n)] * 2,
            "score": np.concatenate([rng.integers(0, 15, n), rng.integers(0, 15, n)]).astype(float),
        }
    )
    _, agreement = compare_rankings(scores, nominal="a", top=5)
    a = scores["score"][:n].to_numpy()
    b = scores["score"][n:].to_numpy()
    row = agreement.set_index("method").loc["b"]
    assert row["spearman"] == pytest.approx(stats.spearmanr(a, b).statistic, abs=1e-12)
    assert row["kendall"] == pytest.approx(stats.kendalltau(a, b).statistic, abs=1e-12)
    shift = stats.rankdata(-b, method="min") - stats.rankdata(-a, method="min")
    assert row["mean_abs_shift"] == pytest.approx(np.abs(shift).mean())
    assert row["q1_shift"] == pytest.approx(np.quantile(shift, 0.25))


def test_units_missing_from_one_ranking_are_left_out_and_ranks_recomputed():
    scores = hand_case()
    # entropy has no score for 北京 and knows an extra unit; both are left out
    scores = scores[~((scores["method"] == "entropy") & (scores["unit"] == "北京"))]
    extra = pd.DataFrame({"method": ["entropy"], "unit": ["西安"], "score": [0.99]})
    shifts, agreement = compare_rankings(pd.concat([scores, extra]), nominal="equal")
    entropy = shifts[shifts["method"] == "entropy"].set_index("unit")
    assert set(entropy.index) == set(UNITS) - {"北京"}
    # on the five common units the nominal ranks are 1..5 again
    assert sorted(entropy["nominal_rank"]) == [1, 2, 3, 4, 5]
    assert entropy.loc["上海", "rank"] == 1 and entropy.loc["上海", "nominal_rank"] == 1
    assert agreement.set_index("method").loc["entropy", "n"] == 5


def test_by_compares_within_each_group():
    a = hand_case().assign(year=2020)
    b = hand_case().assign(year=2021)
    b.loc[b["method"] == "entropy", "score"] = NOMINAL  # identical in 2021
    shifts, agreement = compare_rankings(pd.concat([a, b]), nominal="equal", by="year")
    assert list(agreement.columns[:2]) == ["year", "method"]
    assert list(shifts.columns[:2]) == ["year", "method"]
    table = agreement.set_index(["year", "method"])
    assert table.loc[(2021, "entropy"), "mean_abs_shift"] == 0
    assert table.loc[(2020, "entropy"), "mean_abs_shift"] == pytest.approx(5 / 6)


def test_top_sets_keep_ties_at_the_boundary():
    scores = pd.DataFrame(
        {"method": ["m"] * 4, "unit": list("abcd"), "score": [3.0, 2.0, 2.0, 1.0]}
    )
    _, agreement = compare_rankings(scores, nominal="m", top=2)
    # b and c tie at rank 2: the top 2 holds a, b, c
    assert agreement.loc[0, "top_overlap"] == 3


def test_bad_input_is_named():
    with pytest.raises(InputError, match="'score'"):
        compare_rankings(hand_case().drop(columns="score"), nominal="equal")
    with pytest.raises(InputError, match="'PCA'.*'equal', 'entropy'"):
        compare_rankings(hand_case(), nominal="PCA")
    twice = pd.concat([hand_case(), hand_case().iloc[[0]]])
    with pytest.raises(InputError, match="'北京' appears more than once for method 'equal'"):
        compare_rankings(twice, nominal="equal")
    with pytest.raises(InputError, match="'year'"):
        compare_rankings(hand_case(), nominal="equal", by="year")
    years = hand_case().assign(year=2020.0)
    years.loc[4, "year"] = np.nan
    with pytest.raises(InputError, match="column 'year' is empty"):
        compare_rankings(years, nominal="equal", by="year")
    text = hand_case().astype({"score": object})
    text.loc[3, "score"] = "n/a?"
    with pytest.raises(InputError, match="'n/a\\?' is not a number"):
        compare_rankings(text, nominal="equal")


def write_scores(folder, name, scores, **extra):
    path = folder / f"{name}.csv"
    pd.DataFrame({"unit": UNITS, "score": scores, **extra}).to_csv(path, index=False)
    return path


def test_command_line_writes_the_contract_columns(tmp_path, capsys):
    equal = write_scores(tmp_path, "equal", NOMINAL)
    entropy = write_scores(tmp_path, "entropy", ENTROPY)
    out = tmp_path / "out"
    assert (
        main(
            [
                "compare",
                str(equal),
                str(entropy),
                "--nominal",
                "equal",
                "--top",
                "2",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    shifts = pd.read_csv(out / "shifts.csv")
    agreement = pd.read_csv(out / "agreement.csv")
    assert list(shifts.columns) == list(SHIFT_COLUMNS)
    assert list(agreement.columns) == list(AGREEMENT_COLUMNS)
    assert agreement.set_index("method").loc["entropy", "mean_abs_shift"] == pytest.approx(5 / 6)


def test_command_line_method_and_by_columns(tmp_path):
    path = tmp_path / "all.csv"
    frame = pd.concat([hand_case().assign(year=y) for y in (2020, 2021)])
    frame.to_csv(path, index=False)
    out = tmp_path / "out"
    assert main(["compare", str(path), "--nominal", "equal", "--by", "year", "-o", str(out)]) == 0
    agreement = pd.read_csv(out / "agreement.csv")
    assert list(agreement.columns[:2]) == ["year", "method"] and len(agreement) == 4


def test_command_line_bad_input_names_file_and_column(tmp_path, capsys):
    equal = write_scores(tmp_path, "equal", NOMINAL)
    missing = tmp_path / "pca.csv"
    pd.DataFrame({"unit": UNITS, "value": NOMINAL}).to_csv(missing, index=False)
    assert (
        main(["compare", str(equal), str(missing), "--nominal", "equal", "-o", str(tmp_path / "o")])
        == 2
    )
    err = capsys.readouterr().err
    assert "pca.csv" in err and "'score'" in err

    assert (
        main(["compare", str(equal), str(equal), "--nominal", "equal", "-o", str(tmp_path / "o")])
        == 2
    )
    err = capsys.readouterr().err
    assert "equal.csv" in err and "more than once" in err

    bad = write_scores(tmp_path, "bad", [0.1, 0.2, "x", 0.4, 0.5, 0.6])
    assert (
        main(["compare", str(equal), str(bad), "--nominal", "equal", "-o", str(tmp_path / "o")])
        == 2
    )
    err = capsys.readouterr().err
    assert "bad.csv, row 3, column 'score'" in err

    assert main(["compare", str(equal), "--nominal", "PCA", "-o", str(tmp_path / "o")]) == 2
    assert "'PCA'" in capsys.readouterr().err


def test_units_keep_leading_zeros(tmp_path):
    path = tmp_path / "codes.csv"
    pd.DataFrame({"unit": ["010000", "020000"], "score": [1.0, 2.0]}).to_csv(path, index=False)
    out = tmp_path / "out"
    assert main(["compare", str(path), "--nominal", "codes", "-o", str(out)]) == 0
    assert (out / "shifts.csv").read_text(encoding="utf-8").count("010000") == 1


def test_weights_table_and_movers():
    weights = weights_table(
        {"equal": {"x1": 1, "x2": 1, "x3": 2}, "entropy": {"x1": 0.5, "x2": 0.1, "x3": 0.4}}
    )
    assert list(weights.columns) == ["method", "indicator", "weight"]
    equal = weights[weights["method"] == "equal"]["weight"].to_numpy()
    assert np.allclose(equal, [0.25, 0.25, 0.5])

    shifts, _ = compare_rankings(hand_case(), nominal="equal")
    moved = movers(shifts, weights, n=2, n_indicators=2)
    # the two largest |shift| under entropy (all are 1): +1 first, then by unit
    assert moved["unit"].drop_duplicates().tolist() == ["北京", "杭州"]
    first = moved[moved["unit"] == "北京"]
    # weight changes: x1 +0.25, x2 -0.15, x3 -0.10 -> the two largest |change|
    assert first["indicator"].tolist() == ["x1", "x2"]
    assert first["weight_change"].to_numpy() == pytest.approx([0.25, -0.15])


def test_agreement_matrix_is_symmetric_with_unit_diagonal():
    matrix = agreement_matrix(hand_case())
    assert list(matrix.index) == ["equal", "entropy"]
    assert np.allclose(np.diag(matrix), 1) and np.allclose(matrix, matrix.T)
    assert matrix.loc["equal", "entropy"] == pytest.approx(14.5 / math.sqrt(17 * 17.5))


@settings(max_examples=40, deadline=None)
@given(st.permutations(list(range(12))), st.permutations(list(range(12))))
def test_without_ties_spearman_is_the_textbook_formula(a, b):
    n = 12
    scores = pd.DataFrame(
        {
            "method": ["a"] * n + ["b"] * n,
            "unit": [f"u{i}" for i in range(n)] * 2,
            "score": np.array(a + b, dtype=float),
        }
    )
    shifts, agreement = compare_rankings(scores, nominal="a", top=3)
    d = shifts.loc[shifts["method"] == "b", "shift"].to_numpy()
    row = agreement.set_index("method").loc["b"]
    assert row["spearman"] == pytest.approx(1 - 6 * np.sum(d**2) / (n * (n**2 - 1)))
    assert row["mean_abs_shift"] == pytest.approx(np.abs(d).mean())
    assert d.sum() == 0  # without ties the ranks are a permutation of 1..n
    assert 0 <= row["top_overlap"] <= 3


# --- methods whose score is better when lower (VIKOR's Q) -------------------------------

# VIKOR's Q for the six cities: lower is better, so 上海 (0.05) is first; 北京 and 广州 tie.
VIKOR_Q = [0.20, 0.05, 0.20, 0.40, 0.90, 0.60]


def vikor_case() -> pd.DataFrame:
    vikor = pd.DataFrame({"method": "vikor", "unit": UNITS, "score": VIKOR_Q})
    return pd.concat([hand_case(), vikor], ignore_index=True)


def test_lower_is_better_ranks_the_lowest_score_first():
    ranked = ranks_from_scores(vikor_case(), lower_is_better=["vikor"])
    vikor = ranked[ranked["method"] == "vikor"].set_index("unit")
    assert vikor["rank"].to_dict() == {
        "北京": 2,
        "上海": 1,
        "广州": 2,
        "深圳": 4,
        "杭州": 6,
        "成都": 5,
    }
    assert vikor["score"].tolist() == VIKOR_Q  # the scores themselves are untouched


def test_lower_is_better_gives_the_same_shifts_as_the_equivalent_higher_is_better_scores():
    # Q ranks the cities exactly as "entropy" does, so the comparison must be identical
    shifts, agreement = compare_rankings(vikor_case(), "equal", top=2, lower_is_better=["vikor"])
    by_method = agreement.set_index("method")
    pd.testing.assert_series_equal(
        by_method.loc["vikor"], by_method.loc["entropy"], check_names=False
    )
    vikor = shifts[shifts["method"] == "vikor"].set_index("unit")["shift"]
    entropy = shifts[shifts["method"] == "entropy"].set_index("unit")["shift"]
    pd.testing.assert_series_equal(vikor, entropy, check_names=False)
    # without the option, Q would be read as higher-is-better: the ranking turns over
    _, plain = compare_rankings(vikor_case(), "equal", top=2)
    assert plain.set_index("method").loc["vikor", "spearman"] < 0


def test_lower_is_better_nominal_and_unknown_methods():
    frame = vikor_case()
    _, agreement = compare_rankings(frame, "vikor", lower_is_better=["vikor"])
    assert agreement.set_index("method").loc["entropy", "mean_abs_shift"] == 0
    with pytest.raises(InputError, match="--lower-is-better 'topsis': no such method"):
        compare_rankings(frame, "equal", lower_is_better=["topsis"])


def test_command_line_lower_is_better(tmp_path):
    equal = write_scores(tmp_path, "equal", NOMINAL)
    vikor = write_scores(tmp_path, "vikor", VIKOR_Q)
    out = tmp_path / "out"
    args = ["compare", str(equal), str(vikor), "--nominal", "equal"]
    assert main([*args, "--lower-is-better", "vikor", "--top", "2", "-o", str(out)]) == 0
    agreement = pd.read_csv(out / "agreement.csv").set_index("method")
    assert agreement.loc["vikor", "mean_abs_shift"] == pytest.approx(5 / 6)


def test_two_index_runs_are_named_by_their_folders(tmp_path):
    # qci index writes every run's scores.csv under the same name
    from analysis.compare import read_scores

    for name, scores in (("gini", [3.0, 2.0]), ("reci", [2.0, 3.0])):
        (tmp_path / name).mkdir()
        pd.DataFrame({"unit": ["a", "b"], "year": 2020, "iCode": "Index", "score": scores}).to_csv(
            tmp_path / name / "scores.csv", index=False
        )
    table = read_scores([tmp_path / "gini" / "scores.csv", tmp_path / "reci" / "scores.csv"], by="year")
    assert sorted(table["method"].unique()) == ["gini", "reci"]


def test_nothing_is_dropped_in_silence(tmp_path, capsys):
    # a unit without a score, a header-only file, a run with no unit in common (issue 14)
    files = {
        "m1": "unit,score\na,1\nb,\nc,3\n",
        "m2": "unit,score\na,2\nb,1\nc,3\n",
        "m3": "unit,score\n",
        "m4": "unit,score\nx,2\ny,1\n",
    }
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    run = lambda *names: main(  # noqa: E731
        ["compare", *(str(tmp_path / f"{n}.csv") for n in names), "--nominal", "m2",
         "-o", str(tmp_path / "out")]
    )
    assert run("m1", "m2") == 0
    assert "m1: 1 unit(s) without a score left out of its comparison (b)" in capsys.readouterr().err
    assert run("m3", "m2") == 2
    assert "header only" in capsys.readouterr().err
    assert run("m4", "m2") == 0
    assert "m4: no unit in common with the nominal method 'm2'" in capsys.readouterr().err
