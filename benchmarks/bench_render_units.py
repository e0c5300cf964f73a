"""Speed of ``qci render --units all`` (issue 11): one annual report per unit and year.

The ``liyang`` study for the three report years of the test figures table's range
(2022, 2023, 2024: the 2020 census, 21 county-level cities each year): 3 year reports and
63 unit reports, two workers. Reported: seconds per report, and the ratio to the
per-report time of the same renderer on plain year reports (the annual report for the
three years, copied seven times: 21 reports, as ``qci render`` produced before units
existed). A ratio near 1 means a unit report costs what a year report costs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import config

FIGURES = config.PROJECT_ROOT / "tests" / "data" / "render" / "figures.csv"
YEARS = ("2022", "2023", "2024")
WORKERS = "2"
COPIES = 7


def run(argv: list[str]) -> float:
    """Wall time of ``python -m analysis render ARGV`` in a fresh process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "render", *argv], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-units-") as tmp:
        folder = Path(tmp)
        common = ["--study", "liyang", "--figures", str(FIGURES), "--years", *YEARS,
                  "--workers", WORKERS, "--no-progress"]  # fmt: skip
        units = run([*common, "--notebooks", "90", "--units", "all", "-o", str(folder / "units")])
        n_units = len(list((folder / "units").rglob("units/*.html")))
        n_units_total = n_units + len(YEARS)
        copies = []
        for i in range(COPIES):
            path = folder / f"90-annual-report-{i}.ipynb"
            shutil.copy(config.NOTEBOOKS_DIR / "90-annual-report.ipynb", path)
            copies.append(str(path))
        plain = run([*common, "--notebooks", *copies, "-o", str(folder / "plain")])
        n_plain = COPIES * len(YEARS)
    per_unit, per_plain = units / n_units_total, plain / n_plain
    print(f"--units all: {n_units} unit reports + {len(YEARS)} year reports in {units:.1f} s "
          f"= {per_unit:.2f} s per report ({WORKERS} workers)")
    print(f"year reports only: {n_plain} reports in {plain:.1f} s = {per_plain:.2f} s per report")
    print(f"ratio unit report / year report: {per_unit / per_plain:.2f}")


if __name__ == "__main__":
    main()
