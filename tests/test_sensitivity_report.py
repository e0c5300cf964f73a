"""The reports' sensitivity analysis: nested quasi-random designs, convergence, display."""

from __future__ import annotations

import functools
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.config import NOTEBOOKS_DIR
from analysis.errors import InputError
from analysis.sensitivity import (
    REPORT_N,
    check_power_of_two,
    clip_indices,
    column_quantiles,
    convergence_table,
    judge_convergence,
    nested_outputs,
    nested_sizes,
    report_sensitivity,
    salib_matrix,
    saltelli_design,
    sobol_indices,
    whole_rank_intervals,
)

# Ishigami (a = 7, b = 0.1) on [-pi, pi]^3 (Ishigami & Homma 1990): analytic indices
# S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2008,
# Global Sensitivity Analysis. The Primer, section 4.2; Saltelli et al. 2010, section 5)
ISHIGAMI_S = np.array([0.3139, 0.4424, 0.0])
ISHIGAMI_ST = np.array([0.5576, 0.4424, 0.2437])


def ishigami(x: np.ndarray) -> np.ndarray:
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_outputs(N: int, seed: int) -> np.ndarray:
    return ishigami(-np.pi + 2 * np.pi * salib_matrix(N, 3, seed=seed))


# -------------------------------------------------------------------------------- nesting


def test_a_small_sobol_design_is_the_head_of_every_block_of_a_larger_one():
    small = salib_matrix(8, 3, seed=5)
    large = salib_matrix(64, 3, seed=5)
    assert np.array_equal(nested_outputs(large, 64, 3, 8), small)


def test_nested_designs_over_factors_keep_their_alternatives():
    factors = {"a": [1, 2], "b": ["x", "y", "z"]}
    small = saltelli_design(factors, 16, seed=2, sampler="salib")
    large = saltelli_design(factors, 128, seed=2, sampler="salib")
    head = nested_outputs(large[["a", "b"]].to_numpy(), 128, 2, 16)
    assert (head == small[["a", "b"]].to_numpy()).all()


def test_nested_outputs_checks_its_sizes():
    with pytest.raises(InputError, match="2 <= m <= N"):
        nested_outputs(np.zeros(5 * 8), 8, 3, 16)
    with pytest.raises(InputError, match="expected N"):
        nested_outputs(np.zeros(7), 8, 3, 4)
    assert nested_sizes(2048) == [256, 512, 1024, 2048]
    assert nested_sizes(8) == [2, 4, 8]


# ---------------------------------------------------------------------------- convergence


@functools.cache
def _ishigami_table() -> pd.DataFrame:
    N = 2**14
    return convergence_table(ishigami_outputs(N, seed=3), N, ["x1", "x2", "x3"], n_boot=100, seed=1)


def test_ishigami_indices_converge_to_the_analytic_values_and_the_verdict_says_so():
    N = 2**14
    table = _ishigami_table()
    last = table.loc[table["N"] == N]
    assert last["Si"].to_numpy() == pytest.approx(ISHIGAMI_S, abs=0.02)
    assert last["STi"].to_numpy() == pytest.approx(ISHIGAMI_ST, abs=0.02)
    # the error shrinks as N grows (nested designs of one sequence)
    error = (
        table.assign(err=(table["STi"] - np.tile(ISHIGAMI_ST, 4)).abs()).groupby("N")["err"].max()
    )
    assert error.iloc[-1] < error.iloc[0]
    verdict = judge_convergence(table)
    assert verdict.converged and verdict.n == N
    assert verdict.widest_ci <= 0.10 and verdict.largest_change <= 0.05


def test_a_small_ishigami_design_is_judged_not_converged():
    table = convergence_table(
        ishigami_outputs(32, seed=3), 32, ["x1", "x2", "x3"], n_boot=200, seed=1
    )
    verdict = judge_convergence(table)
    assert not verdict.converged
    assert verdict.widest_ci > 0.10
    assert verdict.widest_factor in {"x1", "x2", "x3"}


def test_the_convergence_table_at_n_equals_the_indices_of_the_whole_design():
    N = 64
    y = ishigami_outputs(N, seed=4)
    table = convergence_table(y, N, ["a", "b", "c"], n_boot=50, seed=9)
    whole = sobol_indices(y, N, 3, n_boot=50, seed=9, factors=["a", "b", "c"])
    last = table.loc[table["N"] == N].reset_index(drop=True)
    pd.testing.assert_frame_equal(last[list(whole.columns)], whole)
    assert sorted(table["N"].unique()) == [8, 16, 32, 64]


def test_the_n_suggested_next_follows_the_one_over_root_n_narrowing_of_the_intervals():
    from analysis.sensitivity import Convergence

    # widest 0.415 at N = 64: 64 (0.415 / 0.10)^2 = 1102 -> 2048
    assert Convergence(False, 64, 0.415, "a", 0.10, "a").suggested_n == 2048
    # narrow enough but still moving: at least double
    assert Convergence(False, 512, 0.08, "a", 0.07, "a").suggested_n == 1024
    assert Convergence(True, 2048, 0.085, "a", 0.02, "a").suggested_n == 2048


def test_one_size_cannot_show_convergence():
    y = ishigami_outputs(16, seed=4)
    table = convergence_table(y, 16, ["a", "b", "c"], n_boot=20, seed=1, sizes=[16])
    assert not judge_convergence(table).converged


# -------------------------------------------------------------------------------- display


def test_indices_outside_0_1_are_shown_clipped_with_the_raw_values_kept():
    sobol = pd.DataFrame(
        {
            "factor": ["Aggregation", "Normalisation", "Weights"],
            "Si": [-0.173, 0.285, 0.12],
            "STi": [0.631, 1.176, 0.175],
        }  # fmt: skip
    )
    shown = clip_indices(sobol)
    assert shown["Si_shown"].tolist() == [0.0, 0.285, 0.12]
    assert shown["STi_shown"].tolist() == [0.631, 1.0, 0.175]
    assert shown["noise"].tolist() == [True, True, False]
    assert shown["Si"].tolist() == [-0.173, 0.285, 0.12]  # raw kept


def test_whole_rank_intervals_round_outwards():
    ranks = pd.DataFrame({"unit": ["a", "b"], "nominal": [6, 1], "median": [6.0, 1.0],
                          "q05": [4.15, 1.0], "q95": [7.2, 10.0]})  # fmt: skip
    out = whole_rank_intervals(ranks)
    assert out["low"].tolist() == [4, 1] and out["high"].tolist() == [8, 10]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=5, max_size=400))
def test_a_whole_rank_interval_holds_about_90_percent_of_the_runs(runs):
    r = np.asarray(runs, dtype=np.float64)[:, None]
    q05, q95 = column_quantiles(r, [0.05, 0.95])[:, 0]
    row = pd.DataFrame({"unit": ["u"], "nominal": [1], "median": [1.0], "q05": [q05], "q95": [q95]})
    out = whole_rank_intervals(row).iloc[0]
    inside = np.mean((r[:, 0] >= out["low"]) & (r[:, 0] <= out["high"]))
    # type-7 quantiles leave at most ceil(0.05 (n - 1)) runs below q05 and
    # n - 1 - floor(0.95 (n - 1)) above q95: outside <= 0.1 + 2 / n
    assert inside >= 0.9 - 2 / r.shape[0] - 1e-12
    assert out["low"] <= q05 and q95 <= out["high"]


def test_n_must_be_a_power_of_two():
    assert check_power_of_two(2048) == 2048
    for bad in (0, 8, 100, 1000):
        with pytest.raises(InputError, match="power of 2"):
            check_power_of_two(bad)


# ---------------------------------------------------------------------- one analysis, every page


@functools.cache
def _liyang():
    from analysis import report

    return report.report_context("liyang", 2024, None, "zh")


def test_every_page_gets_the_same_interval_for_the_same_unit_year_n_and_seed():
    ctx = _liyang()
    first = report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=64, seed=1)
    # another page of the same year: its own context, in the other language
    from analysis import report

    other = report.report_context("liyang", 2024, None, "en")
    again = report_sensitivity(other.data, other.framework, other.spec, n=64, seed=1)
    pd.testing.assert_frame_equal(first.intervals, again.intervals)
    pd.testing.assert_frame_equal(first.sobol, again.sobol)
    assert first.interval_of(ctx.unit) == again.interval_of(ctx.unit)
    # the interval printed is the whole-rank rounding of the run quantiles
    mine = first.interval_of(ctx.unit)
    row = first.result.ranks.set_index("unit").loc[ctx.unit]
    assert (mine["low"], mine["high"]) == (np.floor(row["q05"]), np.ceil(row["q95"]))
    assert first.runs == 64 * (4 + 2) and first.n == 64 and first.seed == 1
    assert first.result.spec["sensitivity"]["design"] == "saltelli (salib), N = 64"
    assert sorted(first.convergence["N"].unique()) == [8, 16, 32, 64]
    assert first.interval_of("no such unit") is None


def test_the_report_design_defaults_to_report_n_and_ignores_a_spec_sensitivity_section():
    ctx = _liyang()
    spec = {**ctx.spec, "sensitivity": {"n": 16, "factors": {"W": {"weights": {"noise": 0.1}}}}}
    a = report_sensitivity(ctx.data, ctx.framework, spec, n=32, seed=2)
    b = report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=32, seed=2)
    pd.testing.assert_frame_equal(a.intervals, b.intervals)
    assert REPORT_N == 2048


#: the pages that show rank intervals or Sobol indices (add 60-unit-profile and
#: 90-annual-report when they call report_sensitivity)
REPORT_PAGES = ["40-uncertainty-sensitivity"]


@pytest.mark.parametrize("stem", REPORT_PAGES)
def test_report_pages_take_their_intervals_from_report_sensitivity(stem):
    nb = json.loads((NOTEBOOKS_DIR / f"{stem}.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "sensitivity.report_sensitivity(" in code
    assert "run_sensitivity(" not in code


# ------------------------------------------------------------------------- what readers see


@functools.cache
def _liyang_small():
    ctx = _liyang()
    return report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=32, seed=1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_display_tables_name_every_unit_and_factor_and_show_no_nan(lang):
    from analysis import report
    from analysis.sensitivity import display

    rs = _liyang_small()
    ctx = report.report_context("liyang", 2024, None, lang)
    tables = [
        display.factors_table(rs, lang),
        display.intervals_table(rs, ctx.names, lang),
        display.sobol_table(rs, lang),
        display.convergence_summary(rs, lang),
    ]
    for table in tables:
        cells = table.astype(str).to_numpy().ravel().tolist() + list(table.columns)
        assert not any("nan" in c.lower() or "<na>" in c.lower() for c in cells)
        assert isinstance(table.index, pd.RangeIndex)
    intervals = tables[1]
    assert intervals.iloc[:, 0].tolist() == [
        ctx.names[u] for u in rs.intervals.sort_values("nominal")["unit"]
    ]
    if lang == "en":
        assert "Liyang" in intervals.iloc[:, 0].tolist()
        assert set(tables[2].iloc[:, 0]) == {
            "weights",
            "normalisation",
            "aggregation",
            "winsorisation limit",
        }
    html = display.styled(intervals, ctx.unit_name).to_html()
    assert "#ffe08a" in html and '<th class="blank' not in html


def test_clipped_indices_show_their_raw_estimate_only_when_one_left_0_1():
    from types import SimpleNamespace

    from analysis.sensitivity import display

    sobol = pd.DataFrame(
        {
            "factor": ["Aggregation", "Weights"],
            "Si": [-0.173, 0.12],
            "STi": [0.631, 0.175],
            "Si_q05": [-0.395, 0.0],
            "Si_q95": [0.055, 0.2],
            "STi_q05": [0.33, 0.1],
            "STi_q95": [0.95, 0.2],
        }  # fmt: skip
    )
    rs = SimpleNamespace(sobol=clip_indices(sobol))
    table = display.sobol_table(rs, "en")
    assert table.columns[-1] == "raw estimates (first order; total)"
    assert table.iloc[0].tolist() == ["aggregation", "0.00 [0.00, 0.06]", "0.63 [0.33, 0.95]",
                                      "-0.173; 0.631"]  # fmt: skip
    assert table.iloc[1, -1] == "—"
    rs = SimpleNamespace(sobol=clip_indices(sobol.assign(Si=[0.1, 0.12])))
    assert len(display.sobol_table(rs, "zh").columns) == 3


def test_the_verdict_says_plainly_when_the_indices_have_not_converged():
    from analysis.sensitivity import display

    rs = _liyang_small()
    assert not rs.converged
    en = display.verdict_sentence(rs, "en")
    assert "have not converged" in en and f"with N = {rs.verdict.suggested_n} " in en
    assert "尚未收敛" in display.verdict_sentence(rs, "zh")
    from types import SimpleNamespace

    table = _ishigami_table()
    done = SimpleNamespace(convergence=table, verdict=judge_convergence(table))
    assert "have converged" in display.verdict_sentence(done, "en")


def test_a_repeated_call_in_one_process_reuses_the_analysis():
    ctx = _liyang()
    first = report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=32, seed=1)
    assert report_sensitivity(ctx.data.copy(), ctx.framework, dict(ctx.spec), n=32, seed=1) is first
    assert report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=32, seed=2) is not first
    other = {**ctx.spec, "normalise": {"method": "minmax", "l": 0, "u": 10}}
    assert report_sensitivity(ctx.data, ctx.framework, other, n=32, seed=1) is not first
