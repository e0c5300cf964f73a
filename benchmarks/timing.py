"""Timing shared by the benchmarks (not a benchmark itself: ``run.py`` runs ``bench_*``)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(func: Callable[[], object], repeat: int = 21, budget: float = 5.0) -> float:
    """Best wall time of ``func`` in seconds over ``repeat`` runs after one warm-up run
    (fewer runs once ``budget`` seconds have passed): the least disturbed reading."""
    func()
    times = []
    start = time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - start > budget:
            break
    return min(times)
