"""One ranking rule for the suite: 1 = best, ties share the lowest rank, missing gets none.

R's ``rank(-score, ties.method = "min", na.last = "keep")`` (COINr's ranks): tied units
share the best rank of their tie and the next unit skips (1, 2, 2, 4). ``lower_is_better``
ranks the lowest score first (VIKOR's Q). ``decimals`` compares scores rounded to that
many places, so that 0.1 + 0.2 ties 0.3; by default scores tie only when exactly equal.

:func:`rank` ranks along an axis of an array of any shape (every run of a sensitivity
analysis at once: one ``argsort``); :func:`rank_within` ranks within groups of a flat
vector (the years of a panel, the methods of a comparison): one ``lexsort``. The index,
the MCDA ranking, the method comparison and the sensitivity analysis all rank here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _keys(scores: np.ndarray, lower_is_better: bool, decimals: int | None) -> np.ndarray:
    s = np.asarray(scores, dtype=np.float64)
    if decimals is not None:
        s = np.round(s, decimals)
    return s if lower_is_better else -s


def _ranks_of_sorted(sorted_keys: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Ranks of rows already sorted by key (ascending, NaN last) within segments.

    ``starts[i]`` is the position where row i's segment begins. A row equal to the one
    before it in the same segment takes that row's rank; NaN gets NaN.
    """
    n = sorted_keys.shape[-1]
    position = np.broadcast_to(np.arange(n), sorted_keys.shape).copy()
    same = np.zeros(sorted_keys.shape, dtype=bool)
    same[..., 1:] = (sorted_keys[..., 1:] == sorted_keys[..., :-1]) & (starts[..., 1:] < position[..., 1:])
    first = np.where(same, 0, position)
    np.maximum.accumulate(first, axis=-1, out=first)
    ranks = (first - starts).astype(np.float64) + 1.0
    ranks[np.isnan(sorted_keys)] = np.nan
    return ranks


def rank(
    scores: np.ndarray | Sequence[float],
    axis: int = -1,
    lower_is_better: bool = False,
    decimals: int | None = None,
) -> np.ndarray:
    """Ranks along ``axis`` (float64; NaN where the score is missing). See the module docstring.

    One ``argsort`` for the whole array: the rank at sorted position p is 1 + the first
    position holding the same key (flat indices, cheaper than take/put along an axis).
    """
    keys = _keys(np.asarray(scores, dtype=np.float64), lower_is_better, decimals)
    one_d = keys.ndim == 1
    moved = np.moveaxis(np.atleast_2d(keys), axis if not one_d else -1, -1)
    shape = moved.shape
    flat_keys = np.ascontiguousarray(moved).reshape(-1, shape[-1])
    n_rows, n = flat_keys.shape
    order = np.argsort(flat_keys, axis=1)  # NaN last; ties need no stable sort
    flat = order + (np.arange(n_rows) * n)[:, None]
    sorted_keys = flat_keys.ravel()[flat]
    first = np.broadcast_to(np.arange(n), (n_rows, n)).copy()
    first[:, 1:][sorted_keys[:, 1:] == sorted_keys[:, :-1]] = 0  # 0 = same as before
    np.maximum.accumulate(first, axis=1, out=first)
    sorted_ranks = first.astype(np.float64)
    sorted_ranks += 1
    sorted_ranks[np.isnan(sorted_keys)] = np.nan
    out = np.empty((n_rows, n))
    out.ravel()[flat] = sorted_ranks
    if one_d:
        return out[0]
    return np.moveaxis(out.reshape(shape), -1, axis)


def rank_within(
    scores: np.ndarray | Sequence[float],
    groups: np.ndarray | Sequence[object] | None = None,
    lower_is_better: bool | np.ndarray = False,
    decimals: int | None = None,
) -> np.ndarray:
    """Ranks of a flat vector within each group (float64; NaN for a missing score).

    ``groups``: one label per score (None: one group). ``lower_is_better`` may be one
    flag per score (e.g. per method).
    """
    s = np.asarray(scores, dtype=np.float64)
    if decimals is not None:
        s = np.round(s, decimals)
    keys = np.where(np.asarray(lower_is_better, dtype=bool), s, -s)
    if groups is None:
        return rank(keys, lower_is_better=True)
    codes = np.unique(np.asarray(groups, dtype=object).astype(str), return_inverse=True)[1]
    order = np.lexsort((keys, codes))  # by group, then key (NaN last within the group)
    sorted_codes = codes[order]
    n = len(s)
    boundary = np.ones(n, dtype=bool)
    boundary[1:] = sorted_codes[1:] != sorted_codes[:-1]
    starts = np.maximum.accumulate(np.where(boundary, np.arange(n), 0))
    sorted_ranks = _ranks_of_sorted(keys[order], starts)
    out = np.empty(n)
    out[order] = sorted_ranks
    return out
