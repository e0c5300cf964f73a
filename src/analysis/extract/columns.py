"""The figures table's columns (§1), the values of measure (§7) and dimension (§10),
and the rows → DataFrame conversion with fixed dtypes.
"""

from __future__ import annotations

from operator import itemgetter

import numpy as np
import pandas as pd

#: The output columns, in order (§1).
FIGURE_COLUMNS = [
    "doc", "start", "end", "surface", "quote", "value", "unit", "value_base", "base_unit",
    "measure", "period", "subject", "dimension", "is_indicator", "note",
]  # fmt: skip

#: The values of ``measure`` (§7) and of ``dimension`` (§10).
MEASURES = ("level", "growth_pct", "change_abs", "share_pct", "ratio", "rank", "count",
            "target", "other")  # fmt: skip
DIMENSIONS = ("经济发展", "开放创新", "生态环境", "城乡融合", "共同富裕", "社会治理", "none")


_COLUMN_DTYPES = {
    "doc": "str", "start": "int64", "end": "int64", "surface": "str", "quote": "str",
    "value": "float64", "unit": "str", "value_base": "float64", "base_unit": "str",
    "measure": "str", "period": "str", "subject": "str", "dimension": "str",
    "is_indicator": "str", "note": "str",
}  # fmt: skip


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    """The rows as a DataFrame with the dtypes of :data:`_COLUMN_DTYPES`.

    The columns are read row by row (one pass over the row dicts, each while it is in
    the cache) and transposed, rather than one pass over all rows per column.
    """
    values_by_column = (list(zip(*map(_ROW_VALUES, rows), strict=True)) if rows
                        else [()] * len(FIGURE_COLUMNS))
    columns: dict[str, object] = {}
    for column, values in zip(FIGURE_COLUMNS, values_by_column, strict=True):
        dtype = _COLUMN_DTYPES[column]
        if dtype == "float64":
            columns[column] = np.array(values, dtype=dtype)  # None becomes nan
        elif dtype == "int64":
            columns[column] = np.array(values, dtype=dtype)
        else:
            columns[column] = pd.array(list(values), dtype=dtype)
    return pd.DataFrame(columns)


_ROW_VALUES = itemgetter(*FIGURE_COLUMNS)
