"""Disparity: PySAL inequality's published Theil/TheilD values on its Mexico data, PySAL as
oracle for Gini and Theil, hand-derived Dagum cases, properties, the command."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.cli import main
from analysis.errors import InputError
from analysis.regional.disparity import abs_diff_sum, dagum, gini, pair_gaps, theil

MEXICO_YEARS = list(range(1940, 2010, 10))


@pytest.fixture(scope="module")
def mexico(test_data):
    return pd.read_csv(test_data / "regional" / "mexico" / "mexico.csv")


def _y(mexico):
    return mexico[[f"pcgdp{y}" for y in MEXICO_YEARS]].to_numpy(dtype=float)


# PySAL inequality 1.1, inequality/theil.py docstrings (Theil, TheilD examples): Theil's T of
# the 32 states' per-capita GDP per decade, and its between/within decomposition by the
# `hanson98` regions, printed to 8 decimals.
PYSAL_THEIL_T = [0.20894344, 0.15222451, 0.10472941, 0.10194725, 0.09560113, 0.10511256,
                 0.10660832]
PYSAL_THEILD_BG = [0.0345889, 0.02816853, 0.05260921, 0.05931219, 0.03205257, 0.02963731,
                   0.03635872]
PYSAL_THEILD_WG = [0.17435454, 0.12405598, 0.0521202, 0.04263506, 0.06354856, 0.07547525,
                   0.0702496]


def test_theil_reproduces_pysal_documented_mexico_values(mexico):
    y = _y(mexico)
    regions = mexico["hanson98"].to_numpy()
    results = [theil(y[:, k], regions) for k in range(len(MEXICO_YEARS))]
    np.testing.assert_allclose([r.T for r in results], PYSAL_THEIL_T, atol=5e-9)
    np.testing.assert_allclose([r.between for r in results], PYSAL_THEILD_BG, atol=5e-9)
    np.testing.assert_allclose([r.within for r in results], PYSAL_THEILD_WG, atol=5e-9)


def test_pysal_inequality_as_oracle(mexico):
    from inequality.gini import Gini
    from inequality.theil import Theil, TheilD

    y = _y(mexico)
    regions = mexico["hanson98"].to_numpy()
    decomposed = TheilD(y, regions)
    for k in range(y.shape[1]):
        ours = theil(y[:, k], regions)
        assert ours.T == pytest.approx(float(Theil(y[:, k]).T), rel=1e-12)
        assert ours.between == pytest.approx(float(decomposed.bg[k]), rel=1e-12)
        assert gini(y[:, k]) == pytest.approx(float(Gini(y[:, k]).g), rel=1e-12)


def test_dagum_hand_case_separated_groups():
    # L = {1, 1}, H = {3, 3}: no within inequality, no overlap.
    # G = 16 / (2·16·2) = 0.25; G_HL = 8 / (2·2·4) = 0.5; d = 2, p = 0 → D = 1;
    # p = (0.5, 0.5), s = (0.25, 0.75) → G_nb = 0.5·(0.5·0.25 + 0.5·0.75)·1 = 0.25.
    d = dagum(np.array([1, 1, 3, 3.0]), np.array(["L", "L", "H", "H"]))
    assert d.groups.tolist() == ["L", "H"]
    assert d.total == pytest.approx(0.25)
    assert d.within == pytest.approx(0.0)
    assert d.between == pytest.approx(0.25)
    assert d.transvariation == pytest.approx(0.0)
    assert d.G_jh[1, 0] == pytest.approx(0.5) and d.D_jh[1, 0] == pytest.approx(1.0)


def test_dagum_hand_case_overlapping_groups():
    # L = {1, 4} (μ 2.5), H = {2, 5} (μ 3.5), μ = 3, n = 4.
    # G = 28 / 96; G_LL = 6/20 = 0.3, G_HH = 6/28; s = (5/12, 7/12), p = (1/2, 1/2)
    # G_w = 0.3·½·5/12 + (6/28)·½·7/12 = 0.125
    # H×L gaps: 1, −2, 4, 1 → G_HL = 8/(2·2·6) = 1/3; d = 6/4, p = 2/4 → D = 0.5
    # G_nb = G_t = (1/3)·(½·5/12 + ½·7/12)·0.5 = 1/12
    d = dagum(np.array([1, 4, 2, 5.0]), np.array(["L", "L", "H", "H"]))
    assert d.total == pytest.approx(28 / 96)
    np.testing.assert_allclose(d.G_jj, [0.3, 6 / 28])
    assert d.within == pytest.approx(0.125)
    assert d.between == pytest.approx(1 / 12)
    assert d.transvariation == pytest.approx(1 / 12)
    assert d.D_jh[1, 0] == pytest.approx(0.5)


def _naive_dagum(y, groups):
    """The definitions with explicit pair matrices (small n only), as an independent check."""
    labels = sorted(set(groups), key=lambda g: y[groups == g].mean())
    mu, n = y.mean(), y.size
    parts = [y[groups == g] for g in labels]
    p = np.array([len(a) / n for a in parts])
    s = np.array([len(a) * a.mean() / (n * mu) for a in parts])
    within = sum(np.abs(a[:, None] - a[None, :]).sum() / (2 * len(a) ** 2 * a.mean()) * p[j] * s[j]
                 for j, a in enumerate(parts))
    nb = t = 0.0
    for j, a in enumerate(parts):
        for h in range(j):
            b = parts[h]
            diff = a[:, None] - b[None, :]
            g = np.abs(diff).sum() / (len(a) * len(b) * (a.mean() + b.mean()))
            dd, pp = np.maximum(diff, 0).mean(), np.maximum(-diff, 0).mean()
            big_d = (dd - pp) / (dd + pp) if dd + pp > 0 else 0.0
            w = p[j] * s[h] + p[h] * s[j]
            nb += g * w * big_d
            t += g * w * (1 - big_d)
    return within, nb, t


def test_dagum_matches_naive_pairs_on_mexico(mexico):
    y = _y(mexico)[:, -1]
    regions = mexico["hanson98"].astype(int).astype(str).to_numpy()
    d = dagum(y, regions)
    np.testing.assert_allclose([d.within, d.between, d.transvariation],
                               _naive_dagum(y, regions), rtol=1e-12)
    assert d.total == pytest.approx(gini(y), rel=1e-12)


positive = arrays(np.float64, st.integers(2, 40),
                  elements=st.floats(0.01, 1e4, allow_subnormal=False))


@settings(max_examples=80, deadline=None)
@given(positive, st.data())
def test_dagum_components_sum_to_gini(y, data):
    groups = np.array(data.draw(st.lists(st.sampled_from("abcd"), min_size=y.size,
                                         max_size=y.size)))
    d = dagum(y, groups)
    assert d.within + d.between + d.transvariation == pytest.approx(d.total, abs=1e-12)
    assert d.total == pytest.approx(gini(y), abs=1e-12)
    assert np.all((d.D_jh[~np.isnan(d.D_jh)] >= -1e-12) & (d.D_jh[~np.isnan(d.D_jh)] <= 1 + 1e-12))


@settings(max_examples=80, deadline=None)
@given(positive, st.data())
def test_theil_between_plus_within_is_total(y, data):
    groups = np.array(data.draw(st.lists(st.sampled_from("xyz"), min_size=y.size,
                                         max_size=y.size)))
    t = theil(y, groups)
    assert t.between + t.within == pytest.approx(t.T, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(positive, st.floats(1e-3, 1e3), st.data())
def test_every_measure_invariant_to_scaling(y, factor, data):
    groups = np.array(data.draw(st.lists(st.sampled_from("ab"), min_size=y.size,
                                         max_size=y.size)))
    assert gini(y * factor) == pytest.approx(gini(y), abs=1e-12)
    a, b = theil(y, groups), theil(y * factor, groups)
    np.testing.assert_allclose([a.T, a.between, a.within], [b.T, b.between, b.within],
                               atol=1e-12)
    da, db = dagum(y, groups), dagum(y * factor, groups)
    np.testing.assert_allclose([da.within, da.between, da.transvariation],
                               [db.within, db.between, db.transvariation], atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(positive, positive)
def test_pair_gaps_and_abs_diff_match_brute_force(a, b):
    # rounding is relative to the size of the values, not of the (possibly tiny) gaps
    scale = 1e-12 * (a.size * b.size) * max(a.max(), b.max())
    diff = a[:, None] - b[None, :]
    up, down = pair_gaps(a, b)
    assert up == pytest.approx(np.maximum(diff, 0).sum(), rel=1e-9, abs=scale)
    assert down == pytest.approx(np.maximum(-diff, 0).sum(), rel=1e-9, abs=scale)
    assert abs_diff_sum(a) == pytest.approx(np.abs(a[:, None] - a[None, :]).sum(), rel=1e-9,
                                            abs=scale)


def test_dagum_with_two_all_zero_groups():
    d = dagum(np.array([0, 0, 0, 0, 4.0]), np.array(["a", "a", "b", "b", "c"]))
    assert d.within + d.between + d.transvariation == pytest.approx(d.total)
    assert d.G_jh[0, 1] == 0.0


def test_zero_scores_and_negative_scores():
    assert theil(np.array([0.0, 0.0, 3.0])).T == pytest.approx(np.log(3))  # 0·ln 0 = 0
    with pytest.raises(InputError, match="negative"):
        theil(np.array([1.0, -1.0]))
    with pytest.raises(InputError, match="zero"):
        gini(np.zeros(3))


def _mexico_scores(mexico, tmp_path):
    long = mexico.melt(id_vars=["State"], value_vars=[f"pcgdp{y}" for y in MEXICO_YEARS],
                       var_name="year", value_name="score")
    long["year"] = long["year"].str.removeprefix("pcgdp").astype(int)
    long = long.rename(columns={"State": "unit"}).assign(iCode="Index")
    path = tmp_path / "scores.csv"
    long[["unit", "year", "iCode", "score"]].to_csv(path, index=False)
    groups = tmp_path / "groups.csv"
    mexico.assign(group=mexico["hanson98"].astype(int).map(lambda g: f"r{g}"))[
        ["State", "group"]].rename(columns={"State": "unit"}).to_csv(groups, index=False)
    return path, groups


def test_command_theil_and_dagum(mexico, tmp_path):
    scores, groups = _mexico_scores(mexico, tmp_path)
    out = tmp_path / "theil.csv"
    assert main(["disparity", str(scores), "--method", "theil", "--groups", str(groups),
                 "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["year", "measure", "component", "group", "group2", "value",
                                   "share"]
    between = table.loc[table["component"] == "between"].sort_values("year")["value"]
    np.testing.assert_allclose(between, PYSAL_THEILD_BG, atol=5e-9)
    out = tmp_path / "dagum.xlsx"
    assert main(["disparity", str(scores), "--method", "dagum", "--groups", str(groups),
                 "-o", str(out)]) == 0
    table = pd.read_excel(out)
    y2000 = table.loc[table["year"] == 2000].set_index("component")
    main4 = y2000.loc[["within", "between", "transvariation"], "share"]
    assert main4.sum() == pytest.approx(1.0)
    pairs = y2000.loc[["G_jh"]]
    assert len(pairs) == 5 * 4 / 2 and pairs["share"].isna().all()


@pytest.mark.parametrize("extra", [
    ["--method", "dagum"],
    ["--method", "atkinson"],
    ["--method", "gini", "--code", "nope"],
])
def test_command_bad_input(mexico, tmp_path, capsys, extra):
    scores, _ = _mexico_scores(mexico, tmp_path)
    assert main(["disparity", str(scores), *extra, "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err


@pytest.mark.parametrize("value", [0.1, 0.7, 2.2, 5.0])
def test_equal_scores_have_zero_disparity_and_no_shares(value):
    # Perfect equality: every measure is exactly 0 (r ln r alone gave ±2e-16, a negative
    # Theil T) and shares value / total are undefined: empty, not a ZeroDivisionError.
    from analysis.regional.disparity import disparity_rows

    y = np.full(6, value)
    groups = np.array(list("aabbcc"))
    t = theil(y, groups)
    assert (t.T, t.between, t.within) == (0.0, 0.0, 0.0)
    for method in ("gini", "theil", "dagum"):
        rows = disparity_rows(y, method, groups)
        assert all(r["value"] == 0 for r in rows)
        assert all(np.isnan(r["share"]) for r in rows)


@settings(max_examples=60, deadline=None)
@given(positive, st.data())
def test_theil_components_never_negative(y, data):
    groups = np.array(data.draw(st.lists(st.sampled_from("xyz"), min_size=y.size,
                                         max_size=y.size)))
    t = theil(y, groups)
    assert t.T >= 0 and t.between >= 0 and t.within >= 0


def test_command_one_unit_is_not_a_traceback(tmp_path, capsys):
    scores = tmp_path / "one.csv"
    scores.write_text("unit,year,iCode,score\nA,2020,Index,3\n", encoding="utf-8")
    for method in ("gini", "theil"):
        out = tmp_path / f"{method}.csv"
        assert main(["disparity", str(scores), "--method", method, "-o", str(out)]) == 0
        table = pd.read_csv(out)
        assert table["value"].tolist() == [0.0] and table["share"].isna().all()


def test_dagum_near_equal_groups_keep_d_in_unit_interval():
    # Values one ulp apart (found by hypothesis): group means that differ by rounding only
    # made (d − p)/(d + p) from the pair sums negative (down to −0.41), though j is the
    # higher-mean group; D = (μ_j − μ_h)/(d + p) stays in [0, 1].
    lo, hi = np.nextafter(0.01, 0), np.nextafter(0.01, 1)
    y = np.array([hi, hi, .01, .01, .01, .01, .01, .01, lo, hi, lo, hi, hi, lo, lo, hi, hi, hi,
                  lo, .01, lo, lo, .01, hi, lo, hi, .01, lo, lo, lo])
    d = dagum(y, np.array(list("aadacabbbbaaaacccbcdbbddddbcdc")))
    off = d.D_jh[~np.isnan(d.D_jh)]
    assert np.all((off >= 0) & (off <= 1))
    assert d.G_jh[1, 0] >= 0
