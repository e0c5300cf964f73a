"""Column names and choices shared by the sensitivity modules."""

from __future__ import annotations

import numpy as np

SOBOL_COLUMNS = ("factor", "Si", "STi", "Si_q05", "Si_q95", "STi_q05", "STi_q95")
INTERVAL_COLUMNS = ("unit", "nominal", "median", "q05", "q95")
SAMPLERS = ("coinr", "salib")

Seed = int | np.random.Generator | None
