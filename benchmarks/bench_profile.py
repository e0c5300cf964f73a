"""Speed of a unit's profile page (notebook ``60-unit-profile``, ``qci render --units all``).

For each study, in this process (as on a warm render kernel): the first page of a year,
which builds what every page of that year shares (the index, the Monte Carlo rank
intervals with N = 64, the obstacle model, the like-for-like change, the boundaries), then
the best time of a further unit's page: every section computed and every figure drawn to
PNG. Outside this figure a rendered page adds nbconvert's HTML export and the embedded font.
"""

from __future__ import annotations

import io
import time

from analysis import profile_page as pp
from analysis.study import load_study
from benchmarks.timing import best_time

CASES = {"liyang": 2024, "prefecture-cities": 2011, "oecd-bli": 2017}
N = 64


def page_seconds(study: str, year: int, unit: str) -> None:
    page = pp.profile_page(study, year, unit, "zh", N, 1)
    for item in pp.sections(page):
        if hasattr(item, "savefig"):
            item.savefig(io.BytesIO(), format="png")
        elif hasattr(item, "to_html"):
            item.to_html()


def main() -> None:
    for study, year in CASES.items():
        units = load_study(study).units(year)
        started = time.perf_counter()
        page_seconds(study, year, units[0])
        first = time.perf_counter() - started
        warm = best_time(lambda s=study, y=year, u=units[1]: page_seconds(s, y, u), repeat=3, budget=20)
        print(f"{study} {year}: first page {first:.2f} s, each further page {warm:.2f} s "
              f"({len(units)} units: ≈ {first + warm * (len(units) - 1):.0f} s of pages on one worker)")


if __name__ == "__main__":
    main()
