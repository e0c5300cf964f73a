"""Traditional script and injected romanisation (issue 15): the rules of the simplified
texts apply unchanged, with spans, surfaces and quotes on the text as written.

The sentences are our own, in the style of the Jiangsu bulletins' traditional-script
mirrors; the expected values follow GUIDELINE.md §5-§7 (the simplified twin of each
sentence is extracted too and must give the same rows).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract import extract_text
from analysis.extract.script import origin_span, readable_text, romanisations, to_simplified

TRADITIONAL = ("2022年，全市實現地區生產總值812.3億元，比上年增長6.5%。糧食總產量45.6萬噸，"
               "播種面積12.3萬畝，生豬出欄30萬頭。三次產業結構調整為3.1:48.2:48.7。")
SIMPLIFIED = ("2022年，全市实现地区生产总值812.3亿元，比上年增长6.5%。粮食总产量45.6万吨，"
              "播种面积12.3万亩，生猪出栏30万头。三次产业结构调整为3.1:48.2:48.7。")
COMPARED = ["value", "value_base", "base_unit", "measure", "period", "subject",
            "dimension", "is_indicator"]


def test_traditional_script_reads_like_simplified():
    traditional = extract_text(TRADITIONAL, "t.txt", "2023-03")
    simplified = extract_text(SIMPLIFIED, "s.txt", "2023-03")
    assert traditional[COMPARED].equals(simplified[COMPARED])
    assert traditional["start"].tolist() == simplified["start"].tolist()
    for row in traditional.itertuples():
        assert TRADITIONAL[row.start : row.end] == row.surface  # spans on the original
        assert row.quote in TRADITIONAL
    gdp = traditional.set_index("surface").loc["812.3億元"]
    assert (gdp["value_base"], gdp["base_unit"], gdp["measure"]) == (81230000000.0, "元", "level")
    assert gdp["unit"] == "億元" and gdp["subject"] == "地区生产总值"  # unit as written
    assert traditional.set_index("surface").loc["6.5%", "measure"] == "growth_pct"  # 增長
    tonnes = traditional.set_index("surface").loc["45.6萬噸"]
    assert (tonnes["value_base"], tonnes["base_unit"]) == (456000.0, "吨")
    assert traditional.set_index("surface").loc["12.3萬畝", "value_base"] == 123000.0
    assert traditional.set_index("surface").loc["30萬頭", "value_base"] == 300000.0
    assert "三" not in traditional["surface"].tolist()  # 三次產業: no row (§2)


def test_injected_romanisation_is_skipped_without_moving_spans():
    text = "全市網(wǎng)絡零售額12.5億(yì)元，增長(zēng)8.1%，社區(qū)服務中心35個。"
    clean = "全市網絡零售額12.5億元，增長8.1%，社區服務中心35個。"
    found = extract_text(text, "r.txt", "2023")
    expected = extract_text(clean, "c.txt", "2023")
    assert found[COMPARED].equals(expected[COMPARED])
    for row in found.itertuples():
        assert text[row.start : row.end] == row.surface
    assert found["surface"].tolist() == ["12.5億(yì)元", "8.1%", "35個"]
    assert found["unit"].tolist() == ["億元", "%", "個"]  # as written, romanisation left out
    assert found["quote"].tolist()[1] == "增長(zēng)8.1%"


def test_simplified_text_is_read_as_it_is():
    text = "地区生产总值812.3亿元(初步核算数)。"
    readable, origin, _flags = readable_text(text)
    assert readable is text and origin is None


@pytest.mark.parametrize("bracket", ["(GDP)", "(初步核算)", "(km)", "(2022)", "(Ⅲ类)"])
def test_brackets_that_are_no_romanisation_stay(bracket):
    assert romanisations("产值" + bracket) == []


SYLLABLES = ["wǎng", "qū", "zēng", "zhǎng", "yì", "wàn", "dun1", "shēng chǎn", "de"]


@settings(max_examples=60, deadline=None, database=None)
@given(positions=st.lists(st.integers(0, len(SIMPLIFIED) - 1), max_size=8, unique=True),
       syllable=st.sampled_from(SYLLABLES))
def test_romanisation_anywhere_after_a_character_changes_no_row(positions, syllable):
    """Brackets injected after any CJK character: the same rows, spans on the original."""
    text = SIMPLIFIED
    for position in sorted(positions, reverse=True):
        if "\u4e00" <= text[position] <= "\u9fff":
            text = text[: position + 1] + f"({syllable})" + text[position + 1 :]
    readable, origin, _flags = readable_text(text)
    assert readable == SIMPLIFIED
    found = extract_text(text, "p.txt", "2023")
    expected = extract_text(SIMPLIFIED, "p.txt", "2023")
    assert found[COMPARED].equals(expected[COMPARED])
    for row, clean in zip(found.itertuples(), expected.itertuples(), strict=True):
        assert text[row.start : row.end] == row.surface
        assert origin_span(origin, clean.start, clean.end) == (row.start, row.end)


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40))
def test_conversion_keeps_every_position(text):
    assert len(to_simplified(text)) == len(text)
