"""Robustness by leaving out: the index rebuilt without each indicator and each quality.

Source: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), §7 ("Uncertainty
and sensitivity analysis": excluding one indicator at a time, Step 7's "inclusion /
exclusion of individual indicators"); COINr's ``remove_elements(coin, Level, dset,
iCode)``, which removes each element of a level in turn, regenerates the index and reports
the scores and the mean absolute rank difference from the nominal ranking.

Formula. With the nominal build's normalised indicators y<sub>ij</sub> and its within-group
weights w<sub>c</sub> (every group summing to 1), leaving out the code e sets w<sub>e</sub> = 0
and re-aggregates level by level with the spec's aggregation, so that the remaining
siblings' weights are renormalised within their group:

    D_iq^(−e) = Σ_{j∈q, j≠e} w_j y_ij / Σ_{j∈q, j≠e} w_j

(likewise for the geometric or any other mean of the spec). A group left with no weight is
missing and drops out of its parent in the same way (a quality measured by one indicator
disappears with it). Ranks: highest score first, ties share the best rank
(:func:`analysis.aggregate.rank_desc`). All left-out sets are aggregated at once: the
weights are an (R, n_codes) array, one row per left-out code.

Steps before aggregation (imputation, screening, treatment, normalisation) work indicator
by indicator and are not re-run: with a screen by data availability, COINr's regeneration
could keep a different set of units (none of the shipped studies differs: their imputation
fills every gap before the screen).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import aggregate, engine
from analysis.errors import InputError
from analysis.index import IndexResult

LEAVE_OUT_COLUMNS = ("left_out", "level", "unit", "score", "rank")
NOMINAL = "none"


@dataclass(frozen=True, eq=False)
class LeaveOut:
    """The top aggregate rebuilt without each code.

    ``table``: tidy ``left_out, level, unit, score, rank`` (``left_out`` a framework code,
    ``level`` its level: 1 indicator, 2 quality ...); the nominal build is the rows with
    ``left_out == "none"`` and ``level == 0``. ``shift``: per left-out code, COINr's mean
    absolute rank difference from the nominal ranking (``left_out, level, mean_abs_shift``).
    """

    table: pd.DataFrame
    shift: pd.DataFrame
    top: str


def build_weights(result: IndexResult) -> np.ndarray:
    """The within-group weight of every code the build used (``result.weights``, else the
    framework's), in ``fw.codes`` order."""
    fw = result.framework
    if result.weights is not None:
        return result.weights.reindex(fw.codes).to_numpy(np.float64)
    return aggregate.weight_vector(fw)


def weight_sets(result: IndexResult, codes: Sequence[str]) -> np.ndarray:
    """The build's within-group weights (``result.weights``, else the framework's), one row
    per code of ``codes`` with that code's weight set to 0: shape (len(codes), n_codes)."""
    fw = result.framework
    base = build_weights(result)
    position = {c: k for k, c in enumerate(fw.codes)}
    unknown = [c for c in codes if c not in position or c == fw.top]
    if unknown:
        raise InputError(f"leave_out: {unknown[0]!r} is not an indicator or quality of the framework")
    sets = np.repeat(base[None, :], len(codes), axis=0)
    sets[np.arange(len(codes)), [position[c] for c in codes]] = 0.0
    return sets


def reaggregate(result: IndexResult, weights: np.ndarray) -> np.ndarray:
    """Every aggregate's scores for R weight sets: (R, n, n_aggregates), columns in
    ``fw.aggregates`` order, from the build's normalised indicators with the spec's
    aggregation (:func:`analysis.engine.spec_aggregator`)."""
    fw = result.framework
    entry = result.spec.get("aggregate")
    if entry is None:
        raise InputError("leave_out: the spec has no 'aggregate' step")
    aggregator = engine.spec_aggregator(fw, entry)
    current = result.aggregated_input()[fw.indicators].to_numpy(np.float64)
    outputs = []
    for lev in aggregate.level_matrices(fw, weights):
        current = aggregator(current, lev)
        outputs.append(current)
    return np.concatenate(outputs, axis=-1)


def leave_out(result: IndexResult, codes: Sequence[str] | None = None) -> LeaveOut:
    """The top aggregate of ``result`` rebuilt leaving out each code of ``codes`` in turn
    (default: every indicator, then every aggregate below the top), see the module
    docstring for the formula."""
    fw = result.framework
    chosen = list(codes) if codes is not None else fw.indicators + fw.aggregates[:-1]
    sets = np.vstack([build_weights(result)[None, :], weight_sets(result, chosen)])
    scores = reaggregate(result, sets)[..., fw.aggregates.index(fw.top)]  # (R, n)
    ranks = aggregate.rank_desc(scores, axis=-1)
    units = list(result.aggregated_input().index)
    labels = [NOMINAL] + chosen
    levels = [0] + [fw.level_of[c] for c in chosen]
    table = pd.DataFrame(
        {
            "left_out": np.repeat(labels, len(units)),
            "level": np.repeat(levels, len(units)),
            "unit": np.tile(units, len(labels)),
            "score": scores.reshape(-1),
            "rank": ranks.reshape(-1),
        }
    )
    shift = np.nanmean(np.abs(ranks[1:] - ranks[0]), axis=1)
    shifts = pd.DataFrame({"left_out": chosen, "level": levels[1:], "mean_abs_shift": shift})
    return LeaveOut(table=table, shift=shifts, top=fw.top)


def unit_ranks(left: LeaveOut, unit: str) -> pd.DataFrame:
    """One unit's rank without each code: ``left_out, level, rank, nominal_rank, shift``
    (shift = rank − nominal rank; positive is worse)."""
    mine = left.table.loc[left.table["unit"] == unit]
    if mine.empty:
        raise InputError(f"leave_out: unit {unit!r} is not in the index")
    nominal = float(mine.loc[mine["left_out"] == NOMINAL, "rank"].iloc[0])
    rest = mine.loc[mine["left_out"] != NOMINAL, ["left_out", "level", "rank"]]
    return rest.assign(nominal_rank=nominal, shift=rest["rank"] - nominal).reset_index(drop=True)


def rank_range(left: LeaveOut, unit: str) -> dict[str, float | int | str]:
    """The unit's nominal rank, its best and worst rank over the left-out codes and the
    codes that give them: ``nominal, lo, hi, lo_code, hi_code, n`` (n = units ranked)."""
    ranks = unit_ranks(left, unit)
    best, worst = ranks.loc[ranks["rank"].idxmin()], ranks.loc[ranks["rank"].idxmax()]
    n = int(left.table.loc[left.table["left_out"] == NOMINAL, "rank"].notna().sum())
    return {
        "nominal": int(ranks["nominal_rank"].iloc[0]),
        "lo": int(best["rank"]),
        "hi": int(worst["rank"]),
        "lo_code": str(best["left_out"]),
        "hi_code": str(worst["left_out"]),
        "n": n,
    }
