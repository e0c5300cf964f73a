"""The report notebooks' helpers (analysis.report): words, tables and choices."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis import index, report
from analysis.errors import InputError
from analysis.framework import load_framework
from analysis.panel import load_census_panel


@pytest.fixture(scope="module")
def fw():
    return load_framework("jiangsu-census-peers")


@pytest.fixture(scope="module")
def peers(fw):
    return load_census_panel(indicators=fw.indicators)


@pytest.fixture(scope="module")
def built(peers, fw):
    return index.build_index(peers, fw, dict(index.load_spec("peers-default"), year=2020))


def test_every_text_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, versions in report.TEXT.items():
        assert set(versions) == set(report.LANGS), key
        fields = [set(re.findall(r"(?<!\{)\{(\w+)", versions[lang])) for lang in report.LANGS]
        assert fields[0] == fields[1], key


def test_text_fills_placeholders_and_names_a_bad_lang() -> None:
    assert report.text("h_headline", "en", year=2023) == "## Headline figures of 2023 by dimension"
    assert "2023" in report.text("h_headline", "zh", year=2023)
    with pytest.raises(InputError, match="'fr'"):
        report.text("h_headline", "fr", year=2023)


def test_english_text_has_no_chinese_but_names_and_quotes() -> None:
    for key, versions in report.TEXT.items():
        english = re.sub(r"品质城市", "", versions["en"])  # the system's own name, quoted
        assert not re.search(r"[\u4e00-\u9fff]", english), key


def test_data_year_is_the_latest_not_after_the_year(peers) -> None:
    assert report.data_year(peers, 2023) == 2020
    assert report.data_year(peers, 2020) == 2020
    assert report.data_year(peers, 2015) == 2010
    assert report.data_year(peers, 2000) == 2010  # none before: the first


def test_unit_profile_agrees_with_the_index(built, fw) -> None:
    profile = report.unit_profile(built.scores, fw, "溧阳市", "zh")
    assert list(profile.index) == ["Index", *fw.aggregates[:-1]]
    ranks = built.ranks().loc["溧阳市"]
    assert profile["rank"].to_dict() == {c: int(ranks[c]) for c in profile.index}
    assert (profile["of"] == 21).all()
    scores = built.scores[built.scores["iCode"] == "Index"].set_index("uCode")["score"]
    assert profile.at["Index", "median"] == pytest.approx(scores.median())
    assert profile.at["Index", "best_unit"] == scores.idxmax()
    assert profile.at["econ", "name"] == "经济发展"
    named = report.unit_profile(built.scores, fw, "溧阳市", "en", {scores.idxmax(): "Best"})
    assert named.at["Index", "best_unit"] == "Best"
    with pytest.raises(InputError, match="'nowhere'"):
        report.unit_profile(built.scores, fw, "nowhere")


def test_peer_table_is_ranked_and_localised(built, fw) -> None:
    table = report.peer_table(built.scores, fw, "en", {"溧阳市": "Liyang"})
    assert len(table) == 21 and table.columns[0] == "Quality-city index (census proxies)"
    assert table.index.name == "name" and table.iloc[0, 0].endswith("(1)")
    assert re.fullmatch(r"\d+\.\d \(\d+\)", table.loc["Liyang"].iloc[0])
    assert "溧阳市" not in table.index  # display names, not codes


def test_strongest_weakest_and_rank_phrase(built, fw) -> None:
    profile = report.unit_profile(built.scores, fw, "溧阳市")
    best, worst = report.strongest_weakest(profile, fw)
    dims = profile.drop(index="Index")
    assert profile.at[best, "rank"] == dims["rank"].min()
    assert profile.at[worst, "rank"] == dims["rank"].max()
    row = pd.DataFrame({"rank": [1, 2, 3, 11, 22], "of": 30}, index=list("abcde"))
    assert [report.rank_phrase(row, c, "en") for c in row.index] == [
        "1st of 30", "2nd of 30", "3rd of 30", "11th of 30", "22nd of 30",
    ]  # fmt: skip
    assert report.rank_phrase(row, "a", "zh") == "第 1/30 位"


def test_across_years_and_coverage() -> None:
    fw = load_framework("liyang-quality-city")
    panel = pd.DataFrame(
        {
            "unit": "溧阳市",
            "year": [2022, 2023, 2023],
            "indicator": ["gdp", "gdp", "sensing_devices"],
            "value": [1.0, 2.0, 3.0],
        }
    )
    wide = report.across_years(panel, fw, "en")
    assert list(wide.columns) == ["dimension", "indicator", "unit", 2022, 2023]
    assert wide.loc[0, "indicator"] == "GDP" and wide.loc[0, 2023] == 2.0
    assert pd.isna(wide.loc[1, 2022])
    counts = report.coverage(panel, fw, "zh")
    assert counts.loc["经济发展", 2023] == 1 and counts.loc["社会治理", 2023] == 1
    assert counts.loc["生态环境"].iloc[:2].sum() == 0
    assert counts["框架中的指标数"].sum() == len(fw.indicators)


def test_ranks_by_method_and_summary(fw) -> None:
    rows = []
    for method, ranks in {"equal": [1, 2, 3], "entropy": [2, 1, 3]}.items():
        for unit, rank in zip(["溧阳市", "A", "B"], ranks, strict=True):
            rows += [(method, unit, code, 10.0 - rank, rank) for code in fw.aggregates]
    scores = pd.DataFrame(rows, columns=["method", "unit", "iCode", "score", "rank"])
    table = report.ranks_by_method(scores, fw, "溧阳市", lang="en")
    assert list(table.index) == ["equal", "entropy"]  # weights codes alone read as themselves
    assert table.iloc[:, 0].tolist() == ["1 / 3", "2 / 3"]
    agreement = pd.DataFrame(
        {"method": ["equal", "entropy"], "mean_abs_shift": [0.0, 0.667], "spearman": [1.0, 0.5]}
    )
    summary = report.method_summary(scores, agreement, fw, "equal", "溧阳市")
    assert summary == {
        "k": 2, "lo": 1, "hi": 2, "nominal_rank": 1, "nominal": "equal", "far": "entropy",
        "shift": 0.667, "rho": 0.5,
    }  # fmt: skip


def test_interval_summary() -> None:
    ranks = pd.DataFrame(
        {"unit": ["溧阳市", "A"], "nominal": [1, 2], "median": [1.0, 2.0], "q05": [1.0, 1.0],
         "q95": [2.0, 4.0]}
    )  # fmt: skip
    assert report.interval_summary(ranks, "溧阳市") == {
        "nominal": 1, "median": 1.0, "q05": 1.0, "q95": 2.0, "n": 2, "median_width": 2.0,
    }  # fmt: skip
    assert report.interval_summary(ranks) == {"n": 2, "median_width": 2.0}
    assert report.interval_summary(ranks, "absent") == {"n": 2, "median_width": 2.0}


def test_methods_appendix_states_the_choices_without_tex() -> None:
    spec = index.load_spec("peers-default")
    for lang in report.LANGS:
        text = report.methods_appendix(lang, spec, 2020, 21, runs=384, seed=1)
        assert "$" not in text and "\\frac" not in text
        assert "2020" in text and "384" in text and "66%" in text
        for formula in (
            "e<sub>j</sub> = −(1/ln n)",
            "C<sub>j</sub> = σ<sub>j</sub>",
            "S<sub>Ti</sub>",
        ):
            assert formula in text, (lang, formula)


def test_localise_renames_known_columns_only() -> None:
    table = pd.DataFrame(columns=["quote", "source", "other", 2023])
    assert list(report.localise(table, "zh").columns) == ["原文", "出处", "other", 2023]
    assert report.quality_name("经济发展", "en") == "Economic development"
    assert report.quality_name("经济发展", "zh") == "经济发展"


def test_sensitivity_factors_run_on_the_census(peers, fw) -> None:
    from analysis.sensitivity import run_sensitivity

    data = peers[peers["year"] == 2020]
    result = run_sensitivity(
        data, fw, "peers-default", n=8, seed=1, factors=report.SENSITIVITY_FACTORS
    )
    assert len(result.runs) == 8 * (4 + 2)
    assert list(result.sobol["factor"]) == ["Weights", "Normalisation", "Aggregation", "Winmax"]


def test_one_change_methods_keep_one_choice_of_the_nominal() -> None:
    combinations = pd.DataFrame(
        [(f"{w}/{p}", w, p, "amean" if p != "topsis" else "topsis")
         for w in ("equal", "entropy") for p in ("minmax", "topsis")],
        columns=["method", "weights", "normalisation", "aggregation"],
    )  # fmt: skip
    assert report.one_change_methods(combinations, "entropy/minmax") == [
        "entropy/minmax", "equal/minmax", "entropy/topsis",
    ]  # fmt: skip
    with pytest.raises(InputError, match="'nope'"):
        report.one_change_methods(combinations, "nope")


def test_tables_for_reading_show_gaps_as_a_dash_and_keep_every_digit() -> None:
    table = pd.DataFrame({"indicator": ["GDP", "PM2.5"], 2022: [433300000000.0, np.nan],
                          2023: [np.nan, 28.5]})
    shown = report.with_gaps_shown(table)
    assert shown[2022].tolist() == ["433,300,000,000", "—"]
    assert shown[2023].tolist() == ["—", "28.5"]
    assert shown["indicator"].tolist() == ["GDP", "PM2.5"]
    assert table[2022].isna().sum() == 1  # the table itself is untouched


def test_report_context_follows_the_focus_and_names_a_unit_the_study_lacks() -> None:
    ctx = report.report_context("liyang", None, None, "en")
    assert (ctx.year, ctx.data_year, ctx.unit, ctx.unit_name) == (2024, 2020, "溧阳市", "Liyang")
    assert ctx.present and ctx.spec["year"] == 2020
    assert "not the report year 2024" in ctx.data_note()
    gone = report.report_context("liyang", 2023, "金坛市", "zh")  # a district by 2020
    assert not gone.present
    assert gone.absent_note().startswith("*金坛市在 2020 年的数据中没有记录（它有数据的年份：2010）")
    with pytest.raises(InputError, match=r"parameter 'unit': 'Atlantis' is not a unit of study 'oecd-bli'"):
        report.report_context("oecd-bli", 2016, "Atlantis")
    with pytest.raises(InputError, match=r"parameter 'year': 1990 is before the first year"):
        report.report_context("oecd-bli", 1990)
    none = report.report_context("oecd-bli", 2016, None, "en")
    assert none.unit is None and not none.present and none.data_note() == ""


def test_units_to_plot_keeps_a_readable_number_of_units() -> None:
    nominal = pd.Series(np.arange(1, 101, dtype=float), index=[f"u{i}" for i in range(1, 101)])
    assert report.units_to_plot(nominal.iloc[:10]) == [f"u{i}" for i in range(1, 11)]
    ends = report.units_to_plot(nominal, "u50", limit=10)
    assert ends == [*(f"u{i}" for i in range(1, 6)), "u50", *(f"u{i}" for i in range(96, 101))]
    around = report.units_to_plot(nominal, "u50", limit=10, around=True)
    assert around == [f"u{i}" for i in range(45, 55)]
    assert report.units_to_plot(nominal, "u2", limit=10, around=True)[0] == "u1"


def test_the_peer_table_gives_each_units_group_in_the_reports_language(built, fw) -> None:
    for lang, expected in (("zh", "苏南"), ("en", "Southern Jiangsu (Sunan)")):
        ctx = report.report_context("liyang", 2023, None, lang)
        table = report.peer_table(built.scores, fw, lang, ctx.names, ctx.groups)
        assert table.columns[0] == report.text("col_group", lang)
        assert table.loc[ctx.unit_name].iloc[0] == expected
    assert report.report_context("prefecture-cities", 2010).groups is None


def test_highlight_row_takes_a_table_whose_index_repeats() -> None:
    """A unit on several rows (e.g. one per winsorised indicator) is highlighted on each."""
    table = pd.DataFrame({"indicator": ["a", "b", "a"]}, index=pd.Index(["X", "Y", "X"], name="Name"))
    html = report.highlight_row(table, "X").to_html()
    rule = next(r for r in html.split("}") if "#ffe08a" in r).split("{")[0]  # the highlight's selectors
    assert "row0_col0" in rule and "row2_col0" in rule and "row1_" not in rule  # both rows of X
    assert "background-color: #ffe08a" in html and ">Name</th>" in html
    assert report.highlight_row(table, None).to_html()
