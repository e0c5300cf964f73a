"""One claim, one number: the annual report (90), the uncertainty page (40) and the unit
profile (60) of a year print a unit's rank interval from one sensitivity analysis."""

from __future__ import annotations

import json

import numpy as np

from analysis import annual, config, profile, report, sensitivity

N, SEED = 32, 1


def test_every_page_of_a_year_reads_one_analysis() -> None:
    ctx = report.report_context("liyang", 2024, None, "en")
    shared = sensitivity.report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=N, seed=SEED)
    assert annual.report_sensitivity(ctx, N, SEED) is shared
    from_annual = annual.whole_rank_intervals(shared).set_index("unit").sort_index()
    from_profile, runs = profile.rank_intervals(ctx.study, ctx.data_year, N, SEED)
    from_profile = from_profile.set_index("unit").sort_index()
    assert runs == shared.runs
    np.testing.assert_array_equal(from_profile[["q05", "q95"]], from_annual[["q05", "q95"]])
    # whole ranks, rounded outwards from the runs' 5 % and 95 % quantiles
    liyang = shared.result.runs["溧阳市"].to_numpy(np.float64)
    assert from_annual.loc["溧阳市", "q05"] == np.floor(np.percentile(liyang, 5))
    assert from_annual.loc["溧阳市", "q95"] == np.ceil(np.percentile(liyang, 95))


def test_no_report_page_runs_its_own_sensitivity_analysis() -> None:
    for stem in ("40-uncertainty-sensitivity", "60-unit-profile", "90-annual-report"):
        nb = json.loads((config.NOTEBOOKS_DIR / f"{stem}.ipynb").read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        assert "run_sensitivity(" not in code, stem
