"""Every unit of every shipped study has a display name in both languages (issue 13: the
English edition is English), and the names follow the rules of analysis.names_build."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import labels, names_build
from analysis.study import STUDIES_DIR, builtin_studies, load_study

LATIN = re.compile(r"^[A-Za-z0-9Üü' ()\-.,]+$")
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("study", builtin_studies())
def test_every_unit_has_both_names(study):
    loaded = load_study(study)
    for unit in loaded.units():
        english, chinese = loaded.display_name(unit, "en"), loaded.display_name(unit, "zh")
        assert LATIN.match(english), (unit, english)
        assert CJK.search(chinese), (unit, chinese)
    english = [loaded.display_name(u, "en") for u in loaded.units()]
    assert len(set(english)) == len(english), "two units share an English name"


@pytest.mark.parametrize("study", names_build.CHINESE_STUDIES)
def test_english_names_drop_the_suffix(study):
    table = pd.read_csv(STUDIES_DIR / study / "names.csv")
    assert not table["name_en"].str.contains(r"\b(?:Shi|Xian|Qu)\b").any()


@pytest.mark.parametrize("zh, en", [
    ("长沙市", "Changsha"), ("重庆市", "Chongqing"), ("厦门市", "Xiamen"), ("六安市", "Lu'an"),
    ("蚌埠市", "Bengbu"), ("亳州市", "Bozhou"), ("长治市", "Changzhi"), ("朝阳市", "Chaoyang"),
    ("漯河市", "Luohe"), ("哈尔滨市", "Harbin"), ("呼和浩特市", "Hohhot"),
    ("伊春市", "Yichun (Heilongjiang)"), ("宜春市", "Yichun (Jiangxi)"),
])  # fmt: skip
def test_hand_checked_readings_in_the_prefecture_table(zh, en):
    assert load_study("prefecture-cities").display_name(zh, "en") == en


@pytest.mark.parametrize("zh, en", [("溧阳市", "Liyang"), ("江阴市", "Jiangyin"), ("海安市", "Hai'an"),
                                    ("张家港市", "Zhangjiagang")])
def test_liyang_peers(zh, en):
    assert load_study("liyang").display_name(zh, "en") == en


def test_apostrophe_before_a_vowel_syllable_and_suffixes():
    # GB/T 16159-2012 §6.1.7: a syllable starting with a, e, o after another gets an apostrophe
    assert names_build.join_syllables(["xi", "an"]) == "Xi'an"
    assert names_build.join_syllables(["hai", "an"]) == "Hai'an"
    assert names_build.join_syllables(["yan", "an"]) == "Yan'an"
    assert names_build.join_syllables(["zhang", "jia", "gang"]) == "Zhangjiagang"
    assert names_build.join_syllables(["lü", "liang"]) == "Lüliang"
    assert names_build.without_suffix("溧阳市") == "溧阳"
    assert names_build.without_suffix("延边朝鲜族自治州") == "延边朝鲜族"
    assert names_build.without_suffix("滑县") == "滑县"  # one character left: read whole


def test_committed_tables_are_what_the_script_builds():
    pytest.importorskip("pypinyin")
    for study in names_build.CHINESE_STUDIES:
        committed = pd.read_csv(STUDIES_DIR / study / "names.csv", dtype=str).fillna("")
        built = pd.DataFrame(names_build.names_table(load_study(study).units()))
        pd.testing.assert_frame_equal(committed.reset_index(drop=True), built)


def test_oecd_countries_have_chinese_names():
    table = pd.read_csv(STUDIES_DIR / "oecd-bli" / "names.csv")
    assert table["name_zh"].map(labels.has_chinese).all()
    assert (table["name_en"] == table["unit"]).all()


@pytest.mark.parametrize("study", builtin_studies())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_names_and_units_in_the_page_language(study, lang):
    loaded = load_study(study)
    names = loaded.indicator_names(lang)
    for code in loaded.framework.indicators + loaded.framework.aggregates:
        assert labels.has_chinese(names[code]) == (lang == "zh"), (code, names[code])
    if lang == "en":  # every unit word of the framework has an English word
        units = loaded.framework.table.loc[loaded.framework.table["type"] == "indicator", "unit"]
        assert not [u for u in units if labels.has_chinese(labels.unit_word(u, "en"))]


@pytest.mark.parametrize("unit, en", [("元", "yuan"), ("家", "establishments"), ("人", "persons"),
                                      ("万人", "10k persons"), ("%", "%"), ("", "")])
def test_unit_words(unit, en):
    assert labels.unit_word(unit, "en") == en
    assert labels.unit_word(unit, "zh") == unit


@pytest.mark.parametrize("code, zh, en", [("level", "水平", "Level"), ("growth_pct", "增速", "Growth (%)"),
                                          ("share_pct", "占比", "Share (%)"), ("share", "占比", "Share")])
def test_measure_names(code, zh, en):
    assert labels.measure_name(code, "zh") == zh and labels.measure_name(code, "en") == en


def test_years_are_written_without_separators():
    assert labels.year_text(2023.0) == "2023" and labels.year_text(2023) == "2023"
    assert labels.year_text(float("nan")) == "—"
