"""The two-stage subset of the embedded CJK font (analysis.render.font_subset): a page
subset from the prepared base font draws the full font's own outlines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from analysis.fonts import cjk_font_path
from analysis.render import font_subset

PAGE = "溧阳市品质城市年度报告 Liyang ranks 6th of 21，得分 61.0%（2024）·—"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        font_subset.base_font.cache_clear()
        yield folder
        font_subset.base_font.cache_clear()


def outlines(data: bytes, text: str) -> dict[str, tuple[int, list]]:
    """Each character's advance width and drawing commands."""
    font = TTFont(io.BytesIO(data))
    cmap, glyphs, metrics = font.getBestCmap(), font.getGlyphSet(), font["hmtx"].metrics
    out = {}
    for ch in set(text) - {" "}:
        pen = RecordingPen()
        glyphs[cmap[ord(ch)]].draw(pen)
        out[ch] = (metrics[cmap[ord(ch)]][0], pen.value)
    return out


def test_a_page_from_the_base_font_draws_the_full_fonts_outlines(cache: Path) -> None:
    assert set(PAGE) <= font_subset.base_characters()
    two_stage = font_subset.page_font(PAGE)
    direct = font_subset.subset_font(cjk_font_path(), PAGE, prepared=False, flavor="woff")
    assert outlines(two_stage, PAGE) == outlines(direct, PAGE)
    assert len(TTFont(io.BytesIO(two_stage)).getGlyphOrder()) <= len(set(PAGE)) + 1  # .notdef
    assert list((cache / "qci").glob("cjk-base-*.otf"))  # kept for the next process


def test_a_character_outside_the_base_comes_from_the_full_font(cache: Path) -> None:
    text = "地區生產總值812.3億元"  # traditional script: 區, 產, 總, 億 are not GB 2312
    assert not set(text) <= font_subset.base_characters()
    assert set(outlines(font_subset.page_font(text), text)) == set(text)


def test_the_base_holds_every_gb2312_hanzi_and_common_punctuation() -> None:
    base = font_subset.base_characters()
    assert sum("\u4e00" <= c <= "\u9fff" for c in base) == 6763
    assert set("，。、；：？！“”‘’（）《》—…·%‰") <= base
