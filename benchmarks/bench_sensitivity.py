"""Sensitivity analysis speed (issue 6), two bars.

1. COINr's 600-run ASEM design (winmax x normalisation x weight set x aggregation, N = 100)
   through :func:`analysis.sensitivity.run_sensitivity`: the nominal build, treatment and
   normalisation once per distinct level, every run aggregated and ranked, Sobol indices
   with 100 bootstrap resamples. COINr 1.1.14 takes 0.27 s per run on this machine size;
   the bar is 1,000x faster, 0.27 ms per run (600 runs in 0.16 s). Timed from tables in
   memory (best of 7; the median is printed too), and once more end to end from the CSVs.
2. Monte Carlo weights on a large panel: 10,000 weight sets x 3,000 units x 60 indicators.
   Each draw perturbs the nominal weights (COINr's noise, +/- 25 %), aggregates the panel
   with a weighted arithmetic mean (one matrix product per chunk of draws), ranks all units
   (one argsort per chunk) and finally summarises every unit's rank distribution
   (median, 5th and 95th percentile) and each run's mean absolute rank shift.
   Bar: under 10 s in total.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.framework import framework_from_imeta
from analysis.index import read_idata
from analysis.sensitivity import (
    arithmetic_scores,
    mean_abs_rank_shift,
    monte_carlo_ranks,
    noisy_weights,
    rank_intervals,
    ranks_min,
    run_sensitivity,
)

N_UNITS, N_INDICATORS, N_DRAWS = 3_000, 60, 10_000
BAR_SECONDS = 10.0

ASEM = Path(__file__).resolve().parents[1] / "tests" / "data" / "coinr-asem"
COINR_SECONDS_PER_RUN = 0.27
ASEM_BAR_PER_RUN = COINR_SECONDS_PER_RUN / 1000


def main() -> None:
    asem_design()
    monte_carlo()


def asem_design() -> None:
    """COINr's 600-run ASEM design, evaluated with Sobol indices."""
    paths = {
        "data": ASEM / "inputs" / "ASEM_iData.csv",
        "meta": ASEM / "inputs" / "ASEM_iMeta.csv",
        "design": ASEM / "sensitivity-design" / "SA_4factors_N100_parameters.csv",
        "sets": ASEM / "sensitivity-design" / "noisy_weight_sets.csv",
    }
    data = read_idata(paths["data"])
    fw = framework_from_imeta(paths["meta"])
    design = pd.read_csv(paths["design"])
    sets = pd.read_csv(paths["sets"])
    run_sensitivity(data, fw, "coinr-default", design=design, weight_sets=sets)  # warm up
    times = []
    for _ in range(7):
        start = time.perf_counter()
        result = run_sensitivity(data, fw, "coinr-default", design=design, weight_sets=sets)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    run_sensitivity(paths["data"], paths["meta"], "coinr-default", paths["design"], paths["sets"])
    from_files = time.perf_counter() - start
    n_runs = len(result.runs)
    best, median = min(times), statistics.median(times)
    per_run = best / n_runs
    print(
        f"ASEM design: {n_runs} runs in {best * 1e3:.0f} ms (median {median * 1e3:.0f} ms; "
        f"{from_files * 1e3:.0f} ms from the CSVs) = {per_run * 1e3:.3f} ms per run, "
        f"{COINR_SECONDS_PER_RUN / per_run:,.0f}x COINr's {COINR_SECONDS_PER_RUN} s "
        f"(bar <= {ASEM_BAR_PER_RUN * 1e3:.2f} ms per run: "
        f"{'ok' if per_run <= ASEM_BAR_PER_RUN else 'MISSED'})"
    )
    sobol = result.sobol.set_index("factor")
    print(
        "  Si / STi: "
        + "; ".join(f"{f} {r['Si']:.6f} / {r['STi']:.6f}" for f, r in sobol.iterrows())
    )


def monte_carlo() -> None:
    """10,000 noisy weight sets on a 3,000 x 60 panel."""
    rng = np.random.default_rng(20240601)
    values = rng.uniform(0, 100, size=(N_UNITS, N_INDICATORS))
    values[rng.random(values.shape) < 0.02] = np.nan  # 2 % missing, skipped by the mean
    nominal_weights = np.ones(N_INDICATORS)

    start = time.perf_counter()
    cpu_start = time.process_time()
    weights = noisy_weights(nominal_weights, N_DRAWS, noise=0.25, seed=1)
    t_weights = time.perf_counter()
    nominal = ranks_min(arithmetic_scores(values, nominal_weights[None, :]))[0]
    ranks = monte_carlo_ranks(values, weights, chunk=500)
    t_ranks = time.perf_counter()
    intervals = rank_intervals(ranks, nominal)
    shifts = mean_abs_rank_shift(ranks, nominal)
    end = time.perf_counter()
    cpu = time.process_time() - cpu_start

    total = end - start
    print(
        f"{N_DRAWS:,} weight draws x {N_UNITS:,} units x {N_INDICATORS} indicators: "
        f"draws {t_weights - start:.2f} s, aggregate + rank {t_ranks - t_weights:.2f} s, "
        f"intervals + shifts {end - t_ranks:.2f} s; total {total:.2f} s wall, {cpu:.2f} s CPU "
        f"(bar < {BAR_SECONDS:.0f} s: {'ok' if total < BAR_SECONDS else 'MISSED'})"
    )
    print(
        f"  mean |rank shift| per run {shifts.mean():.1f}; "
        f"median 90 % rank interval width {(intervals['q95'] - intervals['q05']).median():.0f}"
    )


if __name__ == "__main__":
    main()
