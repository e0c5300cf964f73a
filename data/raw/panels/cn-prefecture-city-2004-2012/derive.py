"""Derive the ratio indicators of SOURCE.md's "Proposed mapping" from the raw panel.

Usage: python derive.py [prefecture_city_panel_2004_2012.csv] [prefecture_city_indicators_2004_2012.csv]
(needs pandas). Writes one row per city and year: ``city, year`` and the 13 indicators of
``criteria.csv``, float64, rounded to 12 significant digits. Rules (SOURCE.md, "Gaps and traps"):

- totals are divided by the year-end registered population (万人) or by GDP (万元):
  万元 / 万人 = yuan per person; tonnes / 万元 = tonnes per 10k yuan of GDP; counts per
  1,000 people = count / (万人 × 10);
- a zero stands in for a gap in FDI, in the harmless-treatment rate of household waste
  and in the count of school students (汕头 2004, 百色 2011: no city has no pupils): it
  becomes missing (so do ratios whose denominator is zero or missing);
- rates above 100 % (waste treatment, green coverage) are capped at 100;
- ``public_toilets`` (a provincial figure pasted into every city), ``public_green_area_urban_districts``
  (unit unclear), ``hospitals`` (a count not normalised in the mapping) and ``author_score``
  (undocumented) are left out. Other errors (populations off by 100, 宿迁 2010 FDI) are kept:
  they are material for outlier screening and treatment.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
RAW = HERE / "prefecture_city_panel_2004_2012.csv"
OUT = HERE / "prefecture_city_indicators_2004_2012.csv"
INDICATORS = (
    "gdp_per_capita", "industrial_output_per_capita", "tertiary_share_gdp_pct", "fdi_to_gdp",
    "so2_per_gdp", "nox_per_gdp", "garbage_harmless_treatment_pct",
    "green_coverage_urban_districts_pct", "retail_per_capita", "fiscal_revenue_to_gdp",
    "beds_per_1000", "health_workers_per_1000", "students_per_1000",
)


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, missing where the denominator is 0 or missing."""
    return numerator / denominator.where(denominator > 0)


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """The 13 indicators of criteria.csv from the raw columns (formulas in SOURCE.md)."""
    gdp = raw["gdp_current_10k_yuan"].astype(np.float64)
    pop = raw["population_yearend_10k"].astype(np.float64)
    fdi = raw["fdi_actual_10k_usd"].astype(np.float64).replace(0.0, np.nan)
    garbage = raw["garbage_harmless_treatment_pct"].astype(np.float64).replace(0.0, np.nan)
    students = raw["school_students"].astype(np.float64).replace(0.0, np.nan)
    out = pd.DataFrame({
        "city": raw["city"],
        "year": raw["year"].astype(np.int64),
        "gdp_per_capita": _ratio(gdp, pop),
        "industrial_output_per_capita": _ratio(raw["industrial_output_above_scale_10k_yuan"], pop),
        "tertiary_share_gdp_pct": raw["tertiary_share_gdp_pct"].astype(np.float64),
        "fdi_to_gdp": _ratio(fdi, gdp),
        "so2_per_gdp": _ratio(raw["industrial_so2_t"], gdp),
        "nox_per_gdp": _ratio(raw["industrial_nox_t"], gdp),
        "garbage_harmless_treatment_pct": garbage.clip(upper=100.0),
        "green_coverage_urban_districts_pct": raw["green_coverage_urban_districts_pct"].astype(np.float64).clip(upper=100.0),
        "retail_per_capita": _ratio(raw["retail_sales_10k_yuan"], pop),
        "fiscal_revenue_to_gdp": raw["fiscal_revenue_to_gdp"].astype(np.float64),
        "beds_per_1000": _ratio(raw["hospital_beds"], pop * 10.0),
        "health_workers_per_1000": raw["health_workers_per_1000"].astype(np.float64),
        "students_per_1000": _ratio(students, pop * 10.0),
    })  # fmt: skip
    values = out[list(INDICATORS)].astype(np.float64)
    out[list(INDICATORS)] = values.map(lambda v: float(f"{v:.12g}") if np.isfinite(v) else np.nan)
    return out.sort_values(["city", "year"], kind="stable").reset_index(drop=True)


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else RAW
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    derive(pd.read_csv(source, encoding="utf-8")).to_csv(target, index=False, lineterminator="\n")
