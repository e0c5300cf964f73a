"""Speed of leaving out each indicator and each aggregate (analysis.leave_out).

COINr's ``remove_elements`` regenerates the whole coin once per element; here every
left-out weight set is aggregated at once from the nominal build's normalised data. Bar:
leaving out every element of COINr's ASEM example (49 indicators + 10 aggregates below the
Index, 51 countries) at most as long as 5 builds of the index (one build per element
would be 59).
"""

from __future__ import annotations

from pathlib import Path

from analysis.framework import framework_from_imeta
from analysis.index import build_index, load_spec, read_idata
from analysis.leave_out import leave_out
from benchmarks.timing import best_time

ASEM = Path(__file__).resolve().parents[1] / "tests" / "data" / "coinr-asem" / "inputs"


def main() -> None:
    fw = framework_from_imeta(ASEM / "ASEM_iMeta.csv")
    data = read_idata(ASEM / "ASEM_iData.csv")
    spec = load_spec("coinr-default")
    nominal = build_index(data, fw, spec)
    build = best_time(lambda: build_index(data, fw, spec))
    left = best_time(lambda: leave_out(nominal))
    elements = len(fw.indicators) + len(fw.aggregates) - 1
    print(f"ASEM: one build {1000 * build:.1f} ms; leaving out each of {elements} elements "
          f"{1000 * left:.1f} ms = {left / build:.1f} builds (bar: ≤ 5) "
          f"{'ok' if left <= 5 * build else 'OVER'}")
