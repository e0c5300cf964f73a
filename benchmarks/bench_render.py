"""Speed of ``qci render`` against the naive loop of papermill + nbconvert (issue 7).

Twelve reports: the annual report and the figures notebook, three copies of each (so that
every report has its own output), for the two years of the test figures table, which
both hold figures. The naive loop runs, for each report, ``papermill IN OUT -p year Y
-p figures_path F`` then ``jupyter nbconvert --to html --no-input OUT``; ``render`` runs
the same twelve with its default workers. Bar: render's wall time at most a quarter of
the naive loop's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import config

FIGURES = config.PROJECT_ROOT / "tests" / "data" / "render" / "figures.csv"
NOTEBOOKS = ("90-annual-report", "10-clean-report-figures")
COPIES = 3
YEARS = (2022, 2023)
BAR = 0.25


def make_notebooks(folder: Path) -> list[Path]:
    """Copies of the report notebooks, ``len(NOTEBOOKS) * COPIES`` of them."""
    paths = []
    for name in NOTEBOOKS:
        for copy in range(COPIES):
            path = folder / f"{name}-{copy}.ipynb"
            shutil.copy(config.NOTEBOOKS_DIR / f"{name}.ipynb", path)
            paths.append(path)
    return paths


def bin_of(tool: str) -> str:
    return str(Path(sys.executable).parent / tool)


def naive(notebooks: list[Path], out: Path) -> float:
    """Wall time of the serial papermill + nbconvert loop."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    started = time.perf_counter()
    for year in YEARS:
        for nb in notebooks:
            executed = out / str(year) / nb.name
            executed.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [bin_of("papermill"), str(nb), str(executed), "-p", "year", str(year),
                 "-p", "figures_path", str(FIGURES), "--cwd", str(nb.parent), "--no-progress-bar"],
                check=True, capture_output=True, env=env,
            )  # fmt: skip
            subprocess.run(
                [bin_of("jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                check=True, capture_output=True, env=env,
            )  # fmt: skip
    return time.perf_counter() - started


def rendered(notebooks: list[Path], out: Path, workers: int | None = None) -> float:
    """Wall time of ``python -m analysis render`` on the same reports (a fresh process)."""
    command = [sys.executable, "-m", "analysis", "render", "--figures", str(FIGURES),
               "--notebooks", *map(str, notebooks), "-o", str(out), "--no-progress"]  # fmt: skip
    if workers:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        folder = Path(tmp)
        notebooks = make_notebooks(folder)
        n = len(notebooks) * len(YEARS)
        fast = rendered(notebooks, folder / "render")
        slow = naive(notebooks, folder / "naive")
        ratio = fast / slow
        print(f"{n} reports on {os.cpu_count()} CPU(s)")
        print(f"  naive papermill + nbconvert loop: {slow:6.1f} s  ({slow / n:.2f} s/report)")
        print(f"  qci render (default workers):     {fast:6.1f} s  ({fast / n:.2f} s/report)")
        verdict = "meets" if ratio <= BAR else "MISSES"
        print(f"  ratio {ratio:.3f}  (bar <= {BAR}: {verdict})")


if __name__ == "__main__":
    main()
