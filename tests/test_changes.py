"""Like for like across years and what changed since the previous report (analysis.changes,
analysis.annual's changes section)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import annual, changes, report
from analysis.errors import InputError
from analysis.study import load_study


def test_previous_report_says_when_the_data_did_not_change() -> None:
    liyang = load_study("liyang")
    info = changes.previous_report(liyang, 2024)
    assert info == {"year": 2024, "previous": 2023, "data_year": 2020, "previous_data_year": 2020,
                    "same_data": True, "earlier_data_year": 2010}  # fmt: skip
    assert changes.previous_report(liyang, 2022) is None
    # the same census read twice: compare with the census before it
    assert changes.compared_data_years(liyang, 2024) == (2010, 2020)
    cities = load_study("prefecture-cities")
    assert changes.previous_report(cities, 2012)["same_data"] is False
    assert changes.compared_data_years(cities, 2012) == (2011, 2012)
    assert changes.compared_data_years(cities, 2004) is None


def test_compare_years_names_the_units_that_left_and_joined() -> None:
    c = changes.compare_years(load_study("liyang"), 2010, 2020)
    assert c.left == sorted(["吴江市", "大丰市", "姜堰市", "江都市", "海门市", "金坛市"])
    assert c.joined == ["海安市"] and len(c.common) == 20
    # the ranks on the common units are a permutation of 1..20 in both years
    for year in (2010, 2020):
        ranks = c.ranks.loc[c.ranks["year"] == year, "rank"].sort_values().tolist()
        assert ranks == list(range(1, 21))
    change = changes.unit_change(c, "溧阳市")
    assert (change["own_before"], change["n_before"], change["own_after"], change["n_after"]) == (13, 26, 6, 21)
    assert (change["rank_before"], change["rank_after"]) == (11, 6)
    moved = changes.movers(c)
    assert moved["change"].tolist() == sorted(moved["change"], reverse=True)
    assert (moved["rank_before"] - moved["rank_after"]).equals(moved["change"])
    assert -1 <= moved.attrs["spearman"] <= 1
    with pytest.raises(InputError, match="panel years"):
        changes.compare_years(load_study("liyang"), 2015, 2020)


def test_the_changes_section_says_same_data_in_one_line_and_counts_figures() -> None:
    ctx = report.report_context("liyang", 2024, None, "en")
    figures = pd.DataFrame(
        {"doc": ["a.txt", "a.txt", "b.txt", "b.txt", "b.txt"],
         "subject": ["GDP", "villages", "GDP", "patents", "note"],
         "is_indicator": ["yes", "yes", "yes", "yes", "no"]}  # fmt: skip
    )
    reports = pd.DataFrame({"file": ["a.txt", "b.txt"], "published": ["2023-12", "2024-09"]})
    line = annual.figures_line(ctx, figures, reports)
    # 2024: GDP and patents (the note is no indicator); 2023: GDP and villages; new: patents
    assert line == ("The reports published in 2024 quote 2 indicator figures (2 in those published "
                    "in 2023); subjects not quoted the year before: 1 (e.g. patents).")  # fmt: skip
    items = annual.changes_items(ctx, annual.comparison_of(ctx))
    texts = [i for i in items if isinstance(i, str)]
    assert ctx.t("changes_same", previous=2023) in texts
    assert annual.unchanged_note(ctx).startswith("*The results of this section are the same as in the 2023 report")
    assert annual.unchanged_note(report.report_context("oecd-bli", 2017, None, "en")) == ""
    assert annual.signed(6) == "+6" and annual.signed(-1) == "−1" and annual.signed(0) == "0"
