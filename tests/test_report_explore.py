"""Notebooks 20, 30 and 50 read on a study that is not Liyang (issue 13): the helpers that
decide what they show (analysis.report_explore, analysis.regional.chapter) on hand cases, and
the English OECD pages rendered once: English throughout, nothing left blank, no section that
has nothing to show."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis import config, render, report
from analysis import report_explore as explore
from analysis.regional import chapter as C
from analysis.regional.words import TEXT as REGIONAL_TEXT
from analysis.study import load_study

HAN = re.compile(r"[\u3400-\u9fff]")
LIYANG_WORDS = re.compile(r"溧阳|Liyang|江苏|Jiangsu|普查|census", re.I)


# --------------------------------------------------------------------------- helpers, by hand


def test_missing_shares_are_percentages_of_each_years_rows() -> None:
    wide = pd.DataFrame({
        "unit": ["a", "b", "c", "d", "a", "b"], "year": [1, 1, 1, 1, 2, 2],
        "x": [1.0, np.nan, 3.0, np.nan, 1.0, 2.0], "y": [np.nan, 1.0, 1.0, 1.0, np.nan, np.nan],
    })  # fmt: skip
    shares = explore.missing_shares(wide, ["x", "y"])
    # x: 2 of 4 missing in year 1, 0 of 2 in year 2; y: 1 of 4, 2 of 2
    assert shares.loc["x"].tolist() == [50.0, 0.0]
    assert shares.loc["y"].tolist() == [25.0, 100.0]


def test_units_with_gaps_most_gaps_first_and_at_most_the_limit() -> None:
    current = pd.DataFrame(
        {"x": [1.0, np.nan, np.nan, 1.0, np.nan], "y": [1.0, 1.0, np.nan, 1.0, 1.0]},
        index=["full", "one", "two", "also_full", "one_more"],
    )
    assert explore.units_with_gaps(current) == ["two", "one", "one_more"]
    assert explore.units_with_gaps(current, limit=2) == ["two", "one"]
    assert explore.units_with_gaps(current.fillna(0.0)) == []


def _overlaps(boxes: list) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


def test_small_multiples_titles_and_ticks_never_collide() -> None:
    fig = Figure(figsize=(11, 2.4))
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, 4)
    long_name = "Housing expenditure (share of household gross adjusted disposable income)"
    for k, ax in enumerate(axes):
        ax.hist(np.linspace(0, 450_000 * (k + 1), 50), bins=10)
        ax.set_title(f"{long_name} {k}")
    explore.tidy_small_multiples(axes)
    renderer = fig.canvas.get_renderer()
    titles = [ax.title.get_window_extent(renderer) for ax in axes]
    assert not _overlaps(titles)
    for ax in axes:
        ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
        assert 2 <= len(ticks) <= 6 and not _overlaps(ticks)
        assert "e" not in "".join(t.get_text() for t in ax.get_xticklabels())  # no 1e6 offset


def test_a_bump_chart_title_says_which_units_it_draws() -> None:
    ctx = report.report_context("oecd-bli", 2017, None, "en")
    assert explore.bump_title(ctx, "Methods", 36, 36) == "Methods"
    assert explore.bump_title(ctx, "Methods", 30, 36) == "Methods (the best 30 of 36 countries on the first method)"
    cities = report.report_context("prefecture-cities", 2011, None, "zh")  # 常州市 has 2011 data
    assert cities.present
    assert explore.bump_title(cities, "方法", 30, 157).endswith("（第一种方法下位次最接近常州市的 30 个城市，共 157 个）")


@pytest.mark.parametrize("p, shown", [(0.0004, "< 0.001"), (1e-249, "< 0.001"), (0.001, "0.001"),
                                      (0.09401, "0.094"), (np.nan, "—"), (None, "—")])
def test_p_values_read_as_a_reader_writes_them(p, shown) -> None:
    assert C.p_value_text(p) == shown


def _chapter_stub(scope: str = "year", method: str = "minmax") -> SimpleNamespace:
    return SimpleNamespace(
        t=lambda key, **values: REGIONAL_TEXT["en"][key].format(**values), units_label="cities",
        run=SimpleNamespace(spec={"normalise": {"method": method, "scope": scope}}),
    )


def test_convergence_caveats_say_when_the_set_of_units_changes_and_scores_are_relative() -> None:
    balanced = pd.DataFrame({"unit": list("abab"), "year": [1, 1, 2, 2], "score": [1.0, 2, 3, 4]})
    unbalanced = pd.DataFrame({"unit": list("abca"), "year": [1, 1, 1, 2], "score": [1.0, 2, 3, 4]})
    said = C.convergence_caveats(_chapter_stub(), unbalanced)
    assert len(said) == 2 and "(1–3)" in said[0] and "relative position" in said[1]
    assert C.convergence_caveats(_chapter_stub(scope="pooled"), balanced) == []
    assert C.convergence_caveats(_chapter_stub(method="goalposts"), balanced) == []
    assert len(C.convergence_caveats(_chapter_stub(), balanced)) == 1


# --------------------------------------------------------------------------- rendered, English OECD


def body_text(page: str) -> str:
    """The visible text after the page header (no styles, scripts, tags, data URIs)."""
    import html

    page = page[page.index("</header>"):]
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def oecd_english() -> dict[str, str]:
    """Notebooks 20, 30 and 50 of the OECD study, 2017, in English: stem → page."""
    study = load_study("oecd-bli")
    notebooks = [config.NOTEBOOKS_DIR / f for f in (
        "20-explore-indicators.ipynb", "30-compare-weighting-methods.ipynb", "50-regional-analysis.ipynb")]
    jobs = render.plan_jobs(notebooks, [2017], {"lang": "en"}, {"study": "oecd-bli"}, study=study)
    outcomes = render.run_jobs(jobs, workers=2, progress=False)
    failed = [f"{o.job.label}: {o.error}" for o in outcomes if not o.ok]
    assert not failed, failed
    return {o.job.notebook.stem: o.html for o in outcomes}


@pytest.mark.slow
def test_english_oecd_pages_hold_no_chinese_and_no_word_of_liyang(oecd_english: dict) -> None:
    assert len(oecd_english) == 3
    for stem, page in oecd_english.items():
        text = body_text(page)
        assert not HAN.search(text), (stem, re.search(r".{30}[\u3400-\u9fff].{30}", text))
        assert not LIYANG_WORDS.search(text), (stem, LIYANG_WORDS.search(text))
        alts = re.findall(r'alt="([^"]*)"', page)
        assert alts and not any(HAN.search(a) for a in alts), stem


@pytest.mark.slow
def test_no_sentence_is_left_with_a_blank_where_a_name_should_be(oecd_english: dict) -> None:
    # the study follows no unit: no "(last column: )", "orange line: )", "of  among"
    for stem, page in oecd_english.items():
        text = re.sub(r"\s+", " ", body_text(page))
        assert not re.search(r"\(\s*[^()]*:\s*\)", text), (stem, re.search(r".{40}:\s*\).{10}", text))
        assert "unit-year(s)" not in text and "nan" not in text.split()


@pytest.mark.slow
def test_sections_with_nothing_to_show_say_so_in_one_line(oecd_english: dict) -> None:
    explore_page = body_text(oecd_english["20-explore-indicators"])
    assert "No value is missing in any year of the panel (2014, 2015, 2016, 2017)" in explore_page
    assert "Missing values, 2017" not in explore_page  # no empty chart
    assert "(dark = missing)" not in oecd_english["20-explore-indicators"]


@pytest.mark.slow
def test_the_comparison_and_the_regional_chapter_name_the_studys_units(oecd_english: dict) -> None:
    compare = body_text(oecd_english["30-compare-weighting-methods"])
    assert "Index ranks of the countries under every combination" in compare
    assert "share of countries keeping their rank" in compare
    assert "Heatmap of the weights of 2 dimensions under" in oecd_english["30-compare-weighting-methods"]
    assert "ranks of 30 countries under 4 methods" in oecd_english["30-compare-weighting-methods"]
    regional = body_text(oecd_english["50-regional-analysis"])
    assert "over 36 countries: the coupling" in regional  # every country has 2017 data
    assert "the obstacles that hold each of the countries back" in regional
    assert "Nickell" in regional  # 4 periods: the fixed-effects half-life is an upper bound
    assert "share (%)" in regional
    row = re.search(r"Employment rate 15-64\s+(\d+)\s+(\d+\.\d)", regional)  # countries, then their share
    assert row is not None and float(row[2]) == round(100 * int(row[1]) / 36, 1)


def test_gaps_in_one_indicator_are_named_in_words_not_drawn() -> None:
    ctx = report.report_context("oecd-bli", 2017, None, "en")
    code = ctx.framework.indicators[0]
    one = pd.DataFrame({code: [np.nan, np.nan]}, index=["KOR", "JPN"])
    said = explore.one_indicator_gaps(ctx, one, 36)
    name = ctx.indicator_names[code]
    assert said == f"In 2017 only {name} has gaps: 2 of the 36 countries ({ctx.names.get('KOR', 'KOR')}, {ctx.names.get('JPN', 'JPN')})."
    two = pd.DataFrame({code: [np.nan], ctx.framework.indicators[1]: [np.nan]}, index=["KOR"])
    assert explore.one_indicator_gaps(ctx, two, 36) is None


def test_coherence_leaves_single_indicator_dimensions_empty_and_matches_scipy() -> None:
    from scipy.stats import spearmanr

    from analysis.labels import readable

    ctx = report.report_context("prefecture-cities", 2012, None, "en")
    fw = ctx.framework
    rng = np.random.default_rng(3)
    aggregated = pd.DataFrame(rng.normal(size=(12, len(fw.codes))), columns=fw.codes)
    words = {"quality": "dimension", "indicator": "indicator", "index": "Index"}
    table = explore.coherence_table(aggregated, fw, ctx.indicator_names, words)
    alone = {c for c in fw.indicators if len(fw.children(fw.parent_of[c])) == 1}
    assert len(alone) == explore.single_indicator_dimensions(fw) == 1  # openness: FDI alone
    for code in fw.indicators:
        row = table.loc[ctx.indicator_names[code]]
        expected_top = spearmanr(aggregated[code], aggregated[fw.top]).statistic
        assert row["r (Index)"] == pytest.approx(expected_top, abs=1e-12)
        if code in alone:
            assert np.isnan(row["r (dimension)"])
        else:
            expected = spearmanr(aggregated[code], aggregated[fw.parent_of[code]]).statistic
            assert row["r (dimension)"] == pytest.approx(expected, abs=1e-12)
    shown = readable(table, 2).to_string()
    assert "—" in shown and not re.search(r"\bnan\b", shown, re.I)
