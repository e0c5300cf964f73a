"""Comparing rankings: rank shifts and rank agreement against a nominal method.

Input is a tidy scores table ``method, unit, score`` (plus optional grouping columns such
as ``year``). Ranks are computed from the scores: rank 1 = the highest score, tied units
share the lowest (best) rank of their tie, i.e. ``rank(-score, ties.method = "min")``;
a missing score gives no rank. Methods named in ``lower_is_better`` (command line:
``--lower-is-better METHOD ...``) score better when lower, e.g. VIKOR's Q: for them rank 1
= the lowest score, ``rank(score, ties.method = "min")``.

Every method is compared with the nominal one, within each group, **on the units both of
them rank** (a unit missing from either ranking, or with a missing score, is left out of
that pair, and both rankings are recomputed on the common units so that a missing unit
does not shift everyone below it). ``n`` in the agreement table says how many units were
compared. The nominal method is itself a row (shifts 0, correlations 1), so that tables
and plots have a reference line.

Definitions of the columns of :func:`compare_rankings`'s agreement table, one row per
``[by,] method``:

``n``
    units compared (ranked by both the method and the nominal method).
``spearman``
    Spearman's rho with the tie correction: Pearson's correlation of the two rankings with
    ties given their average rank (``scipy.stats.spearmanr``, R's
    ``cor(method = "spearman")``). Without ties it is ``1 - 6 sum(d^2) / (n (n^2 - 1))``.
``kendall``
    Kendall's tau-b, which corrects for ties in either ranking (``scipy.stats.kendalltau``,
    R's ``cor(method = "kendall")``); tau-a when there are no ties.
``mean_abs_shift``
    mean over units of ``|shift|``, ``shift = rank - nominal_rank`` (a positive shift is a
    move down the ranking). JRC audits' "mean absolute rank shift".
``share_equal_pct``
    percentage of units whose rank is unchanged (``shift == 0``).
``min_shift, q1_shift, median_shift, q3_shift, max_shift``
    distribution of the signed shift; quartiles by linear interpolation (numpy's default,
    R's ``quantile`` type 7).
``mean_abs_shift_top, mean_abs_shift_bottom, share_equal_top_pct, share_equal_bottom_pct``
    the same two statistics over the top and bottom K units of the **nominal** ranking.
    Top K = units with nominal rank <= K (fewer than K units ranked strictly above them);
    bottom K = units with fewer than K units ranked strictly below them. A tie across the
    boundary is kept whole, so a set can exceed K units; when n <= K both sets are all
    units.
``top_overlap``
    number of units in the top K of both rankings (rank <= K and nominal rank <= K): K
    means the same top-K set (in any order), 0 none in common. Counted, not a share.

Correlations are NaN when fewer than 2 units are compared or a ranking is all ties.

:func:`compare_methods` produces such scores itself: it builds the index once per method
combination (weights x normalisation x aggregation, e.g. the built-in spec
``compare-default``) on the same treated data and returns a :class:`MethodComparison`
with the weights, scores and ranks of every aggregate, and the shifts, agreement and
movers of the Index against the nominal combination.
"""

from __future__ import annotations

from analysis.compare.methods import (  # noqa: F401 - the package API
    COMBINATION_COLUMNS,
    COMBINATION_KEYS,
    LEVEL_WEIGHT_COLUMNS,
    METHOD_SCORE_COLUMNS,
    TOPSIS_NORMALISATIONS,
    MethodComparison,
    compare_methods,
    effective_weights_of,
    level_weights,
    load_combinations,
    run_combination,
)
from analysis.compare.rankings import (  # noqa: F401 - the package API
    AGREEMENT_COLUMNS,
    MOVER_COLUMNS,
    SCORE_COLUMNS,
    SHIFT_COLUMNS,
    WEIGHT_COLUMNS,
    agreement_matrix,
    agreement_stats,
    compare_rankings,
    movers,
    ranks_from_scores,
    read_scores,
    weights_table,
)
