"""The panel from figures keys on the subject and the period, and says what it leaves out
(issue 13: 各类研发机构 and 先进研发机构 merged into a fall from 100 to 13, part-year figures
beside full years, one ratio under two qualities; issue 14: a figure whose value cannot be
read made its indicator vanish without a word)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.figure_keys import period_kind, same_subject, subject_groups, subject_key
from analysis.framework import load_framework
from analysis.panel import panel_from_figures

SOURCES = pd.DataFrame(
    {"file": ["a.txt", "b.txt"], "published": ["2022-09", "2024-09"], "title": ["", ""]}
)

#: a framework whose one innovation indicator has the broad pattern the liyang framework had
BROAD = """\
name: broad
aggregates:
  - {code: Index, name: 指数}
  - {code: innovation, name: 开放创新, parent: Index}
  - {code: prosperity, name: 共同富裕, parent: Index}
indicators:
  - {code: research_institutes, name: 先进研发机构数, parent: innovation, direction: 1, unit: 家,
     patterns: ["研发机构"]}
  - {code: income_growth, name: 居民收入增速, parent: prosperity, direction: 1, unit: "%",
     measure: growth_pct, patterns: [人均可支配收入, 居民收入]}
"""


def figure(doc, start, value, subject, period="2024", measure="count", dimension="开放创新"):
    return {
        "doc": doc, "start": start, "end": start + 3, "surface": f"{value}家", "quote": f"q{start}",
        "value": value, "unit": "家", "value_base": value, "base_unit": "家", "measure": measure,
        "period": period, "subject": subject, "dimension": dimension, "is_indicator": "yes",
        "note": "",
    }  # fmt: skip


@pytest.fixture(scope="module")
def broad(tmp_path_factory):
    path = tmp_path_factory.mktemp("fw") / "broad.yaml"
    path.write_text(BROAD, encoding="utf-8")
    return load_framework(path)


@pytest.mark.parametrize(
    ("subject", "key"),
    [("先进研发机构数", "先进研发机构"), ("地区生产总值增长", "地区生产总值"),
     ("所有行政村集体经济经营性收入(目标)", "所有行政村集体经济经营性收入"), ("村庄数量", "村庄"),
     ("数", "数")],
)  # fmt: skip
def test_subject_key_drops_the_words_of_the_measure(subject, key) -> None:
    assert subject_key(subject) == key


def test_same_subject_by_hand() -> None:
    assert same_subject("日间照料惠及", "日间照料惠及老人数")
    assert same_subject("地区生产总值", "地区生产总值增长")
    assert not same_subject("各类研发机构数", "先进研发机构数")
    assert not same_subject("", "先进研发机构数")
    groups = subject_groups(["各类研发机构数", "先进研发机构数", "先进研发机构", "各类研发机构"])
    assert groups == [["各类研发机构数", "各类研发机构"], ["先进研发机构数", "先进研发机构"]]


@given(st.lists(st.sampled_from(["先进研发机构数", "各类研发机构", "研发", "机构数", "GDP"]), max_size=8))
def test_subject_groups_partition_the_distinct_subjects(subjects) -> None:
    groups = subject_groups(subjects)
    flat = [s for g in groups for s in g]
    assert sorted(flat) == sorted(set(subjects))
    for i, g in enumerate(groups):  # no subject names the same thing as one of another group
        for h in groups[i + 1 :]:
            assert not any(same_subject(a, b) for a in g for b in h)


@pytest.mark.parametrize(
    ("period", "kind"),
    [("2023", "year"), ("2024H1", "H1"), ("2023-01..2023-11", "01..11"), ("2022-07..2022-08", "07..08"),
     ("2024-08", "08..08"), ("2022-09-21", "day"), ("2021..2024", "4 years"), ("", "other"),
     ("2022-11..2023-02", "other")],
)  # fmt: skip
def test_period_kind_by_hand(period, kind) -> None:
    assert period_kind(period) == kind


def test_different_subjects_never_make_one_series(broad) -> None:
    figures = pd.DataFrame(
        [figure("a.txt", 1, 100.0, "各类研发机构数", "2022"), figure("b.txt", 1, 13.0, "先进研发机构数")]
    )
    res = panel_from_figures(figures, broad, SOURCES, unit="溧阳市")
    assert res.panel[["year", "value"]].values.tolist() == [[2024, 13.0]]
    apart = res.warnings
    assert apart[["subject", "reason"]].values.tolist() == [["各类研发机构数", "other_subject"]]
    assert "先进研发机构数" in apart["detail"].item()
    assert "1 other subject" in res.summary()


def test_the_earliest_pattern_keeps_the_indicator(broad) -> None:
    """居民收入增速's first pattern is 人均可支配收入: 城乡居民收入增长 is the other subject."""
    growth = {"measure": "growth_pct", "dimension": "共同富裕"}
    figures = pd.DataFrame(
        [figure("a.txt", 1, 5.5, "全体居民人均可支配收入增长", "2023", **growth),
         figure("b.txt", 1, 4.7, "城乡居民收入增长", "2024H1", **growth)]
    )  # fmt: skip
    res = panel_from_figures(figures, broad, SOURCES, unit="溧阳市")
    assert res.panel["value"].tolist() == [5.5]
    assert res.warnings["subject"].tolist() == ["城乡居民收入增长"]


def test_the_liyang_framework_keeps_the_two_research_subjects_apart() -> None:
    liyang = load_framework("liyang-quality-city")
    figures = pd.DataFrame(
        [figure("a.txt", 1, 100.0, "各类研发机构数", "2022"), figure("b.txt", 1, 13.0, "先进研发机构数")]
    )
    res = panel_from_figures(figures, liyang, SOURCES, unit="溧阳市")
    assert res.panel[["indicator", "year", "value"]].values.tolist() == [["research_institutes", 2024, 13.0]]


def test_an_unreadable_value_is_said_not_dropped() -> None:
    liyang = load_framework("liyang-quality-city")
    figures = pd.DataFrame(
        [figure("b.txt", 1, "n/a", "地区生产总值", measure="level", dimension="经济发展"),
         figure("b.txt", 9, 9.0, "地区生产总值增长", measure="growth_pct", dimension="经济发展"),
         figure("b.txt", 20, 7.0, "地区生产总值增长", period="", measure="growth_pct", dimension="经济发展")]
    )  # fmt: skip
    res = panel_from_figures(figures, liyang, SOURCES, unit="溧阳市")
    assert res.panel["indicator"].tolist() == ["gdp_growth"]
    said = res.warnings.set_index("start")
    assert said.loc[1, ["indicator", "reason"]].tolist() == ["gdp", "unreadable_value"]
    assert said.loc[20, ["indicator", "reason"]].tolist() == ["gdp_growth", "unreadable_period"]
    assert "1 unreadable value, 1 unreadable period" in res.summary()


def test_one_figure_under_one_quality() -> None:
    """The urban-rural income ratio sits in 共同富裕 in the framework, as the figures table
    files it; a figure filed elsewhere keeps the framework's quality and is listed."""
    liyang = load_framework("liyang-quality-city")
    assert liyang.parent_of["urban_rural_income_ratio"] == "prosperity"
    ratio = figure("b.txt", 1, 1.75, "城乡居民收入差距比", "2021..2024", "ratio", "共同富裕")
    assert panel_from_figures(pd.DataFrame([ratio]), liyang, SOURCES, unit="溧").warnings.empty
    filed = panel_from_figures(
        pd.DataFrame([{**ratio, "dimension": "城乡融合"}]), liyang, SOURCES, unit="溧"
    )
    assert filed.panel["indicator"].tolist() == ["urban_rural_income_ratio"]
    assert filed.warnings[["reason", "detail"]].values.tolist() == [["other_quality", "城乡融合 → 共同富裕"]]


def test_series_keep_part_years_apart_from_whole_years() -> None:
    liyang = load_framework("liyang-quality-city")
    level = {"measure": "level", "dimension": "经济发展"}
    figures = pd.DataFrame(
        [figure("a.txt", 1, 1.43e7, "接待游客", "2022-01..2022-08", **level),
         figure("a.txt", 9, 6.0e6, "接待游客", "2022-07..2022-08", **level),
         figure("b.txt", 1, 2.0e7, "接待游客", "2023", **level)]
    )  # fmt: skip
    res = panel_from_figures(figures, liyang, SOURCES, unit="溧阳市")
    series = res.series.set_index(["period_kind", "year"])["value"]
    assert series.to_dict() == {("01..08", 2022): 1.43e7, ("07..08", 2022): 6.0e6, ("year", 2023): 2.0e7}
