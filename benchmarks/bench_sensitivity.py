"""Monte Carlo weights on a large panel: 10,000 weight sets x 3,000 units x 60 indicators.

Each draw perturbs the nominal weights (COINr's noise, +/- 25 %), aggregates the panel
with a weighted arithmetic mean (one matrix product per chunk of draws), ranks all units
(one argsort per chunk) and finally summarises every unit's rank distribution
(median, 5th and 95th percentile) and each run's mean absolute rank shift.
Bar (issue 6): under 10 s in total.
"""

from __future__ import annotations

import time

import numpy as np

from analysis.sensitivity import (
    arithmetic_scores,
    mean_abs_rank_shift,
    monte_carlo_ranks,
    noisy_weights,
    rank_intervals,
    ranks_min,
)

N_UNITS, N_INDICATORS, N_DRAWS = 3_000, 60, 10_000
BAR_SECONDS = 10.0


def main() -> None:
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
