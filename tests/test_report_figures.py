"""The figures table as the report notebooks read it (analysis.report_figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import report_figures as rf
from analysis.errors import InputError

FIXTURES = Path(__file__).parent / "data" / "render"


@pytest.fixture(scope="module")
def figures():
    return rf.read_figures(FIXTURES / "figures.csv")


@pytest.fixture(scope="module")
def reports():
    return rf.sources(FIXTURES / "sources.csv")


def test_figure_years_are_the_last_years_of_indicator_periods(figures) -> None:
    assert rf.figure_years(figures) == [2022, 2023]
    assert rf.figure_years(figures.iloc[:0]) == []
    anniversary = figures.iloc[:1].assign(period="1949..2024", is_indicator="no")
    assert rf.figure_years(anniversary) == []


def test_select_figures_keeps_the_year_in_text_order(figures) -> None:
    chosen = rf.select_figures(figures, 2023)
    assert len(chosen) == len(rf.figures_for_year(figures, 2023)) > 0
    assert list(chosen.sort_values(["doc", "start"]).index) == list(chosen.index)
    one = rf.select_figures(figures, 2023, doc="003_9b7b330a6bb3443f.txt")
    assert set(one["doc"]) == {"003_9b7b330a6bb3443f.txt"}


def test_select_figures_names_an_unknown_doc(figures) -> None:
    with pytest.raises(InputError, match="'nope.txt'"):
        rf.select_figures(figures, 2023, doc="nope.txt")


def test_figures_per_report_counts_figures_and_indicators(figures, reports) -> None:
    table = rf.figures_per_report(figures, reports).set_index("doc")
    doc = "003_9b7b330a6bb3443f.txt"
    mine = figures[figures["doc"] == doc]
    assert table.loc[doc, "figures"] == len(mine)
    assert table.loc[doc, "indicators"] == (mine["is_indicator"] == "yes").sum()
    assert table.loc[doc, "published"] == "2023-12"


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("中国工业百强县(市)**第17位**", "中国工业百强县(市)第17位"),
        ("PM<sub>2.5</sub>浓度和改善率均列常州各辖市区第一", "PM2.5浓度和改善率均列常州各辖市区第一"),
        ("三项\n\n指标同比增速均位居全常州第一", "三项指标同比增速均位居全常州第一"),
        ("GDP  growth\nrate 5%", "GDP growth rate 5%"),
    ],
)
def test_the_report_shows_quotes_without_markup_or_breaks(quote, shown) -> None:
    assert rf.readable_quote(quote) == shown
