"""The one sensitivity analysis every report page shows: rank intervals and Sobol indices.

The annual report (notebook 90), the uncertainty notebook (40) and the unit profile (60)
all call :func:`report_sensitivity` with the report's data, framework, spec, N and seed,
so that a unit's rank interval and the Sobol indices are the same numbers on every page
of a year. The design is fixed here, not on the pages:

- factors :data:`~analysis.sensitivity.factors.DEFAULT_FACTORS` (weights ±25 % noise,
  normalisation, aggregation, winsorisation limit);
- quasi-random: SALib's scrambled Sobol' sequence (``sampler="salib"``), N a power of 2
  (Saltelli et al. 2010 recommend quasi-random points: the indices converge faster than
  with pseudo-random ones);
- :data:`REPORT_SEED` and :data:`REPORT_N` unless given;
- the convergence evidence (:mod:`~analysis.sensitivity.convergence`): indices at N/8, N/4,
  N/2 and N, read off the same nested design, and the verdict.

Display: the estimators of Saltelli (2010) for Si and Jansen (1999) for STi (those COINr
uses) are unbiased but not bounded, so on a finite sample Si can fall below 0 and STi rise
above 1 (Saltelli et al. 2010, section 4). Such values are estimator noise, not effects: a
report shows them clipped to [0, 1] (``Si_shown``, ``STi_shown``) and keeps the raw values
and their bootstrap intervals beside them.

A unit's rank interval is the 5th–95th percentile of its rank over all runs (type-7
quantiles, as COINr's ``RankStats``), rounded outwards to whole ranks (``low`` = floor
q05, ``high`` = ceil q95): it holds every run between the two quantiles (at least
90 % - 2/R of the R runs) and reads the same everywhere it is printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.sensitivity.convergence import Convergence, convergence_table, judge_convergence
from analysis.sensitivity.factors import DEFAULT_FACTORS

if TYPE_CHECKING:
    from analysis.framework import Framework
    from analysis.sensitivity.run import SensitivityResult

#: the seed of every report's design, weight draws and bootstrap
REPORT_SEED = 1
#: the sampler of the reports' designs (quasi-random scrambled Sobol')
REPORT_SAMPLER = "salib"
#: bootstrap resamples of the reports' Sobol intervals
REPORT_N_BOOT = 500
#: the reports' base design size N: the default factors' Sobol indices converge at it
#: (:func:`~analysis.sensitivity.convergence.judge_convergence`) on every shipped study
#: (liyang 21 units, oecd-bli 36, prefecture-cities 276) and 1,024 does not; 12,288 runs take
#: 1-5 s (benchmarks/bench_report_sensitivity.py)
REPORT_N = 2048


def check_power_of_two(n: int) -> int:
    """``n`` when it is a power of 2 of at least 16, else an :class:`InputError`."""
    if n < 16 or n & (n - 1):
        raise InputError(
            f"n = {n}: the reports' quasi-random (Sobol') design needs N a power of 2, at least 16 "
            "(e.g. 256, 1024, 2048)"
        )
    return int(n)


@dataclass(frozen=True, eq=False)
class ReportSensitivity:
    """What a report page shows of the sensitivity analysis (:func:`report_sensitivity`).

    Attributes
    ----------
    result : the full :class:`~analysis.sensitivity.run.SensitivityResult` (runs, design)
    n, seed : the design's base size N and seed
    intervals : per unit ``unit, nominal, median, q05, q95, low, high``: nominal rank,
        median and type-7 5 % / 95 % quantiles of its rank over the runs, and the interval
        in whole ranks ``[low, high]`` (q05 rounded down, q95 up)
    sobol : ``factor, Si, STi, Si_q05, Si_q95, STi_q05, STi_q95`` as estimated, plus
        ``Si_shown``, ``STi_shown`` (clipped to [0, 1]) and ``noise`` (True where a raw
        index left [0, 1])
    convergence : the indices at N/8, N/4, N/2, N (:func:`convergence_table`)
    verdict : :class:`Convergence` at N
    """

    result: SensitivityResult
    n: int
    seed: int
    intervals: pd.DataFrame
    sobol: pd.DataFrame
    convergence: pd.DataFrame
    verdict: Convergence

    @property
    def converged(self) -> bool:
        """Whether the Sobol indices at N have converged (:attr:`verdict`)."""
        return self.verdict.converged

    @property
    def runs(self) -> int:
        """The number of runs, N (d + 2)."""
        return len(self.result.runs)

    def interval_of(self, unit: str) -> dict[str, Any] | None:
        """``unit``'s ``nominal, median, low, high`` (ints but the median), or None when it
        has no rank in the analysis."""
        row = self.intervals.loc[self.intervals["unit"] == unit]
        if row.empty:
            return None
        r = row.iloc[0]
        return {"nominal": int(r["nominal"]), "median": float(r["median"]),
                "low": int(r["low"]), "high": int(r["high"])}  # fmt: skip


def whole_rank_intervals(ranks: pd.DataFrame) -> pd.DataFrame:
    """``ranks`` (``unit, nominal, median, q05, q95``) with the interval in whole ranks:
    ``low`` = floor(q05), ``high`` = ceil(q95) (nullable integers; NA without a rank).

    Rounding outwards keeps the runs between the two quantiles inside the interval: of R
    runs, at most ceil(0.05 (R - 1)) lie below q05 and R - 1 - floor(0.95 (R - 1)) above
    q95, so ``[low, high]`` holds at least 90 % - 2/R of them.
    """
    out = ranks.copy()
    out["low"] = pd.array(np.floor(ranks["q05"].to_numpy(np.float64)), dtype="Float64").astype(
        "Int64"
    )
    out["high"] = pd.array(np.ceil(ranks["q95"].to_numpy(np.float64)), dtype="Float64").astype(
        "Int64"
    )
    return out


def clip_indices(sobol: pd.DataFrame) -> pd.DataFrame:
    """Sobol indices for display: ``Si_shown`` and ``STi_shown`` clipped to [0, 1], and
    ``noise`` True where a raw Si or STi left [0, 1].

    A negative first-order index or a total index above 1 is sampling noise of the
    Saltelli (2010) / Jansen (1999) estimators, whose true values lie in [0, 1]
    (Saltelli et al. 2010, Comput. Phys. Commun. 181, 259-270): shown as the nearest
    bound, with the raw value and its bootstrap interval kept in the table.
    """
    out = sobol.copy()
    si = out["Si"].to_numpy(np.float64)
    sti = out["STi"].to_numpy(np.float64)
    out["Si_shown"] = np.clip(si, 0.0, 1.0)
    out["STi_shown"] = np.clip(sti, 0.0, 1.0)
    with np.errstate(invalid="ignore"):
        out["noise"] = (si < 0) | (si > 1) | (sti < 0) | (sti > 1)
    return out


def report_sensitivity(
    data: pd.DataFrame,
    framework: Framework,
    spec: Mapping[str, Any],
    n: int | None = None,
    seed: int = REPORT_SEED,
) -> ReportSensitivity:
    """The reports' sensitivity analysis of ``spec``'s ranking of ``data``: rank intervals,
    Sobol indices and their convergence, the same on every page that passes the same
    arguments.

    ``data`` is the panel rows the page ranks (``ReportContext.data``), ``framework`` and
    ``spec`` the study's (``ReportContext.framework``, ``ReportContext.spec``, whose
    ``year`` picks the data year). ``n`` is the base design size N, a power of 2 (None:
    :data:`REPORT_N`); ``seed`` seeds the design, the weight
    draws and the bootstrap. Runs :func:`~analysis.sensitivity.run.run_sensitivity` with
    :data:`DEFAULT_FACTORS`, SALib's scrambled Sobol' design and :data:`REPORT_N_BOOT`
    bootstrap resamples; N (d + 2) runs. Any ``sensitivity:`` section of ``spec`` is
    ignored: the reports' factors are fixed.

    A call with the same data, framework, spec, N and seed as an earlier one in the same
    process returns that call's result (the last 8 are kept): treat it as read-only.
    """
    from analysis.sensitivity.run import run_sensitivity

    pipeline = {k: v for k, v in spec.items() if k != "sensitivity"}
    n = check_power_of_two(REPORT_N if n is None else int(n))
    key = _memo_key(data, framework, pipeline, n, int(seed))
    if key in _MEMO:
        return _MEMO[key]
    result = run_sensitivity(
        data, framework, pipeline, n=n, seed=int(seed), factors=DEFAULT_FACTORS,
        sampler=REPORT_SAMPLER, n_boot=REPORT_N_BOOT, progress=False,
    )  # fmt: skip
    names = [f.name for f in result.factors]
    table = convergence_table(result.y, n, names, n_boot=REPORT_N_BOOT, seed=int(seed))
    out = ReportSensitivity(
        result=result,
        n=n,
        seed=int(seed),
        intervals=whole_rank_intervals(result.ranks),
        sobol=clip_indices(result.sobol),
        convergence=table,
        verdict=judge_convergence(table),
    )
    while len(_MEMO) >= _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[key] = out
    return out


#: analyses already computed in this process, by the content of their arguments: a render
#: worker's warm kernel runs notebooks 40, 60 (one per unit) and 90 of a year in turn, and
#: they share one analysis instead of repeating it
_MEMO: dict[str, ReportSensitivity] = {}
_MEMO_SIZE = 8


def _memo_key(
    data: pd.DataFrame, framework: Framework, spec: Mapping[str, Any], n: int, seed: int
) -> str:
    """A digest of everything the analysis depends on: the data's and the framework
    table's values (pandas' row hashes), the spec, N and the seed."""
    import hashlib
    import json

    digest = hashlib.sha256()
    digest.update(pd.util.hash_pandas_object(data, index=False).to_numpy().tobytes())
    digest.update(",".join(map(str, data.columns)).encode())
    table = framework.table.astype(str)
    digest.update(pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes())
    digest.update(json.dumps(spec, sort_keys=True, default=str).encode())
    digest.update(f"{n}/{seed}".encode())
    return digest.hexdigest()
