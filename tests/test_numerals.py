"""Numeral parsing: cn2an where it serves, and the cases where it fails and we override it."""

from __future__ import annotations

import cn2an
import pytest

from analysis.numerals import arabic_to_number, chinese_to_number


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("十三", 13), ("二十", 20), ("三千", 3000), ("十", 10), ("一百零五", 105), ("五", 5)],
)
def test_cn2an_serves_the_ordinary_numerals(numeral, value):
    assert chinese_to_number(numeral) == value


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("两", 2), ("两百", 200), ("百", 100), ("千", 1000), ("〇", 0)],
)
def test_overrides_where_cn2an_strict_fails(numeral, value):
    with pytest.raises(ValueError):
        cn2an.cn2an(numeral, "strict")  # the library refuses these ...
    assert chinese_to_number(numeral) == value  # ... and the wrapper converts them (§5)


def test_numeral_with_counter_is_not_a_number_for_cn2an():
    # 十三届: cn2an fails on the counter; the extractor passes only 十三
    with pytest.raises(ValueError):
        cn2an.cn2an("十三届", "strict")
    assert chinese_to_number("十三") == 13


def test_runs_of_digits_that_are_no_number_are_refused():
    # cn2an's normal mode reads 一二三 as 123; strict mode refuses it, so 一二三产业 is no row
    assert cn2an.cn2an("一二三", "normal") == 123
    assert chinese_to_number("一二三") is None
    assert chinese_to_number("") is None


@pytest.mark.parametrize(
    ("digits", "value"),
    [("3039.6", 3039.6), ("１２", 12), ("1,200", 1200), ("０．５", 0.5), ("007", 7)],
)
def test_arabic_numbers_as_written(digits, value):
    assert arabic_to_number(digits) == value
