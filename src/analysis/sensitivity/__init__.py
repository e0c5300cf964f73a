"""Uncertainty and sensitivity analysis of an index's ranking (COINr-compatible).

The package's modules: :mod:`~analysis.sensitivity.design` (Sobol' designs, Monte Carlo
weight draws), :mod:`~analysis.sensitivity.estimators` (Sobol indices, rank statistics),
:mod:`~analysis.sensitivity.factors` (uncertain factors, weight sets, the spec's
``sensitivity:`` section), :mod:`~analysis.sensitivity.run` (the engine that evaluates
a design, its result and files), :mod:`~analysis.sensitivity.convergence` (indices of
nested designs and the convergence verdict) and :mod:`~analysis.sensitivity.reporting`
(:func:`report_sensitivity`, the one analysis every report page shows). Every public name
is importable from here.

:func:`run_sensitivity` (command line: ``qci sensitivity``) evaluates a design of runs,
each a variant of the nominal pipeline (:func:`analysis.index.build_index` with the spec),
and decomposes the variance of COINr's output, the mean absolute shift of the top
aggregate's ranks from the nominal ranks, into first order and total Sobol indices.

Uncertain factors
-----------------
A factor is one column of the design; each is a list of alternatives (a distribution of
weights is represented, as in COINr, by a list of weight sets drawn from it):

==========  ==========================================================================
kind        alternatives (design values, or a list in the spec)
==========  ==========================================================================
winmax      the Treat step's winsorisation limit (COINr's ``winmax``): 1, 2, ...
treat       a whole treat entry: ``coinr(3)``, ``none``, ``{method: winsorise, upper: 0.95}``
impute      an impute entry: ``group_mean(EurAsia_group)``, ``mean``, ``median``, ``none``
normalise   a normalise entry: ``n_minmax(1,100)``, ``n_zscore(10,2)``, ``rank``, or a mapping
aggregate   the aggregation at every level: ``a_amean``, ``a_gmean``, ``hmean``,
            ``gmean(shift=1)``, or a list with one method per level (bottom first)
weights     a weight set (one weight per framework code, replacing every level's): set ids
            of COINr's ``set,iCode,Level,Weight`` table, a list of ``{code: weight}``
            overrides, or draws ``{noise: 0.25 | {level: f}, sets: 100}`` (COINr's
            ``get_noisy_weights``) / ``{dirichlet: {concentration: 10}, sets: 100}``
exclude     codes whose weight is set to 0: ``none``, ``Goods``, ``Flights+Ship``. Every step
            before aggregation works column by column, so this equals removing them from
            the framework (weights renormalise over the children left)
==========  ==========================================================================

Method names are the pipeline's (:mod:`analysis.index` registries) or COINr's ``n_*`` /
``a_*`` / ``i_*`` aliases; ``name(a, b)`` fills parameters in signature order (COINr's
``n_minmax(l, u)``, ``n_zscore(m, s)``) and ``name(k=v)`` by name. Anything else is an
:class:`InputError` naming the design column, row and value.

In a spec (YAML), a ``sensitivity:`` section next to the steps (or the same section in a
file of its own, ``--factors``)::

    sensitivity:
      n: 256             # base rows N of a drawn design (--n overrides); N (d + 2) runs
      seed: 1            # design and bootstrap seed (--seed overrides)
      sampler: coinr     # coinr (uniforms cut into levels) or salib (Sobol' sequence)
      n_boot: 100        # bootstrap resamples for the Sobol intervals
      factors:           # name: {kind: alternatives}; names are the design columns
        Winmax:        {winmax: [1, 2, 3, 4, 5]}
        Normalisation: {normalise: ["n_minmax(1,100)", "n_zscore(10,2)"]}
        Weights:       {weights: {noise: {2: 0.25, 3: 0.25}, sets: 100}}
        Aggregation:   {aggregate: [a_amean, a_gmean]}

With ``--design``, the design's columns (all but ``rep``, ``run``, ``block``) are the
factors, in order: a column named like a spec factor takes its alternatives; otherwise its
kind comes from its name (the kinds above, or COINr's ``Winmax``, ``Normalisation``,
``Weights``, ``Aggregation``) and its alternatives from its values, weight-set numbers
referring to ``--weights-sets``. Factors not in a design keep the nominal pipeline's
setting. For Sobol indices the rows must be COINr's blocks ``[A; B; AB_1..AB_d]``
(:func:`check_design`).

A geometric (or harmonic) mean meeting a value <= 0 is an error naming the run and the
indicator (COINr silently returns NaN); ``gmean(shift=s)`` is the documented way round it:
``y = gmean(x + s) - s``.

The engine (:func:`_evaluate_runs`) shares work between runs: data imputed once per
imputation, treated once per (imputation, treatment), normalised once per (imputation,
treatment, normalisation); the runs sharing those and an aggregation are aggregated
together, level by level, as matrix products over an (R, children, parents) stack of
weight matrices, and ranked with one argsort.

The numerical core, independent of the pipeline:

* :func:`saltelli_matrix`, :func:`cut_levels` and :func:`saltelli_design` draw a Sobol'
  design the way COINr's ``SA_sample()`` / ``get_sensitivity()`` do, as N (d + 2) rows in
  COINr's block order ``[A; B; AB_1; ...; AB_d]``; ``sampler="salib"`` draws the base
  matrices from SALib's scrambled Sobol' sequence instead and reorders them into the same
  blocks.
* :func:`sobol_indices` is COINr's ``SA_estimate()``: first order Si (Saltelli 2010), total
  STi (Jansen 1999), bootstrap 5 % / 95 % quantiles.
* :func:`noisy_weights` and :func:`dirichlet_weights` draw Monte Carlo weight sets;
  :func:`arithmetic_scores` aggregates a panel with many weight sets as one matrix product;
  :func:`ranks_min` ranks every run at once; :func:`mean_abs_rank_shift` is COINr's
  sensitivity output and :func:`rank_intervals` its rank statistics.

Everything works on whole NumPy arrays: there is no Python loop over units, draws or runs
(only over chunks of draws in :func:`monte_carlo_ranks` and of bootstrap resamples in
:func:`sobol_indices`, to bound memory). :func:`check_design` validates a given design's
block structure before it is evaluated. Every random draw takes a ``seed`` (an int,
``None`` or a :class:`numpy.random.Generator`).

References
----------
- Saltelli A. et al. (2010). Variance based sensitivity analysis of model output. Design and
  estimator for the total sensitivity index. *Computer Physics Communications* 181, 259-270
  (first order estimator, their Table 2 (b)).
- Jansen M.J.W. (1999). Analysis of variance designs for model output. *Computer Physics
  Communications* 117, 35-43 (total effect estimator).
- Becker W. et al. (2022). COINr: an R package for developing composite indicators.
  *Journal of Open Source Software* 7(78), 4567; R package 1.1.14, functions
  ``SA_sample``, ``SA_estimate``, ``get_noisy_weights``, ``get_sensitivity``.
"""

from __future__ import annotations

from analysis.sensitivity._consts import (  # noqa: F401 - the package API
    INTERVAL_COLUMNS,
    SAMPLERS,
    SOBOL_COLUMNS,
    Seed,
)
from analysis.sensitivity.convergence import (  # noqa: F401 - the package API
    CI_WIDTH,
    TOLERANCE,
    Convergence,
    convergence_table,
    judge_convergence,
    nested_outputs,
    nested_sizes,
)
from analysis.sensitivity.design import (  # noqa: F401 - the package API
    arithmetic_scores,
    check_design,
    cut_levels,
    dirichlet_weights,
    monte_carlo_ranks,
    noisy_weights,
    salib_matrix,
    saltelli_design,
    saltelli_matrix,
)
from analysis.sensitivity.estimators import (  # noqa: F401 - the package API
    column_quantiles,
    mean_abs_rank_shift,
    rank_intervals,
    ranks_min,
    sobol_indices,
)
from analysis.sensitivity.factors import (  # noqa: F401 - the package API
    DEFAULT_FACTORS,
    DESIGN_IGNORED_COLUMNS,
    FACTOR_KINDS,
    NO_EXCLUSION,
    SENSITIVITY_KEYS,
    VECTOR_AGGREGATIONS,
    WEIGHT_SET_COLUMNS,
    Factor,
    draw_weight_sets,
    factors_for_design,
    factors_from_spec,
    load_factors_file,
    load_sensitivity_spec,
    parse_call,
    read_weight_sets,
    weight_sets_table,
)
from analysis.sensitivity.reporting import (  # noqa: F401 - the package API
    REPORT_N,
    REPORT_N_BOOT,
    REPORT_SAMPLER,
    REPORT_SEED,
    ReportSensitivity,
    check_power_of_two,
    clip_indices,
    report_sensitivity,
    whole_rank_intervals,
)
from analysis.sensitivity.run import (  # noqa: F401 - the package API
    SensitivityResult,
    _level_matrices,
    run_sensitivity,
    write_sensitivity,
)
