"""The reports' sensitivity analysis (issue 13): seconds per call at the reports' N.

:func:`analysis.sensitivity.report_sensitivity` at ``REPORT_N`` (2048; N (d + 2) = 12,288
runs over the four default factors, Sobol indices with 500 bootstrap resamples at N/8,
N/4, N/2 and N) for the last report year of each shipped study: liyang (21 units),
oecd-bli (36), prefecture-cities (~276). Printed with the convergence verdict, so that the
chosen N is seen to converge on each. Bar: under 10 s per study (a report page renders in
about 20 s in all). Best of 3 after one warm-up (:func:`benchmarks.timing.best_time`),
the in-process memo cleared before each call; then the time of a repeated call with the
same arguments (another page of the same year in the same render worker).
"""

from __future__ import annotations

from benchmarks.timing import best_time

STUDIES = ("liyang", "oecd-bli", "prefecture-cities")
BAR_SECONDS = 10.0


def main() -> None:
    from analysis import report
    from analysis.sensitivity import REPORT_N, report_sensitivity, reporting

    for study in STUDIES:
        ctx = report.report_context(study)

        def call(ctx=ctx, fresh=True):
            if fresh:  # time the analysis, not the in-process memo of an earlier call
                reporting._MEMO.clear()
            return report_sensitivity(ctx.data, ctx.framework, ctx.spec, n=REPORT_N, seed=1)

        seconds = best_time(call, repeat=3, budget=30.0)
        rs = call()
        again = best_time(lambda call=call: call(fresh=False), repeat=5, budget=5.0)
        v = rs.verdict
        print(
            f"{study:18s} {len(rs.intervals):4d} units  N = {rs.n}  {rs.runs:,} runs  "
            f"{seconds:6.2f} s  (bar {BAR_SECONDS:.0f} s; another page of the year: {again:.3f} s)  "
            f"converged: {v.converged} (widest STi interval {v.widest_ci:.3f}, "
            f"largest change {v.largest_change:.3f})"
        )
