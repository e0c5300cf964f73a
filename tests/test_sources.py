"""analysis.sources: the one reader of sources.csv, the one parser of a period's years, and
the unit a text reports on."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.errors import InputError
from analysis.extract import document_units
from analysis.sources import (
    lookup_source,
    period_last_year,
    period_years,
    publication_month,
    publication_year,
    read_source_table,
    read_sources,
    text_unit,
    unit_from_title,
)


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_the_table_has_every_column_and_optional_ones_empty(tmp_path):
    path = write(tmp_path / "s.csv", "file,published,unit\n./a/x.txt,2024-09,丹阳市\nb.txt,,\n")
    table = read_source_table(path)
    assert list(table.columns) == ["file", "published", "title", "publisher", "unit"]
    assert table["file"].tolist() == ["a/x.txt", "b.txt"]
    assert table["unit"].tolist() == ["丹阳市", ""] and table["title"].tolist() == ["", ""]
    assert read_sources(path) == {"a/x.txt": "2024-09", "b.txt": None}


def test_a_file_listed_twice_is_named(tmp_path):
    path = write(tmp_path / "s.csv", "file,published\na.txt,2024\nb.txt,2024\na.txt,2023\n")
    with pytest.raises(InputError, match=r"s.csv, row 3, column 'file': 'a.txt' is listed twice"):
        read_source_table(path)


def test_lookup_by_relative_path_then_by_unique_name():
    sources = {"a/x.txt": "2023", "b/x.txt": "2024", "y.txt": "2022", "c/z.txt": "2021"}
    assert lookup_source(sources, "a/x.txt") == (True, "2023")
    assert lookup_source(sources, "d/y.txt") == (True, "2022")  # listed by its name
    assert lookup_source(sources, "z.txt") == (True, "2021")  # one entry of that name
    assert lookup_source(sources, "x.txt") == (False, None)  # two entries: ambiguous
    assert lookup_source(sources, "w.txt") == (False, None)


@pytest.mark.parametrize(("published", "year", "month"), [
    ("2024", 2024, None), ("2024-09", 2024, 9), ("2022-09-30", 2022, 9), ("", None, None),
    (None, None, None), ("soon", None, None),
])  # fmt: skip
def test_publication_year_and_month(published, year, month):
    assert publication_year(published) == year and publication_month(published) == month


@pytest.mark.parametrize(("period", "years", "last"), [
    ("2023", (2023, 2023), 2023), ("2023-12-13", (2023, 2023), 2023),
    ("2023-01..2023-11", (2023, 2023), 2023), ("2024H1", (2024, 2024), 2024),
    ("2021..2025", (2021, 2025), 2025), ("2021..", (2021, None), 2021),
    ("2022-12..2023-02", (2022, 2023), 2023), ("", None, None), (None, None, None),
    (float("nan"), None, None), ("十四五", None, None), ("2023..2024H1", (2023, 2024), 2024),
])  # fmt: skip
def test_period_years(period, years, last):
    assert period_years(period) == years and period_last_year(period) == last


@given(first=st.integers(1900, 2100), length=st.integers(0, 10), month=st.integers(1, 12))
def test_period_years_of_any_span(first, length, month):
    last = first + length
    assert period_years(f"{first}..{last}") == (first, last)
    assert period_years(f"{first}-{month:02d}..{last}-{month:02d}") == (first, last)
    assert period_years(f"{first}-{month:02d}") == (first, first)


@pytest.mark.parametrize(("title", "unit"), [
    ("2022年丹阳市国民经济和社会发展统计公报", "丹阳市"),
    ("江苏省句容市2021年国民经济和社会发展统计公报", "句容市"),
    ("2021年南京市溧水区国民经济和社会发展统计公报", "溧水区"),
    ("2023年宜兴市政府工作报告", "宜兴市"),
    ("二〇二二年长兴县国民经济和社会发展统计公报", "长兴县"),
    ("关于2022年昆山市国民经济和社会发展计划执行情况的报告", "昆山市"),
    ("溧阳：勇挑大梁奋力谱写新篇章", ""),
])  # fmt: skip
def test_unit_from_title(title, unit):
    assert unit_from_title(title) == unit


def test_text_unit_prefers_sources_then_title_then_text():
    text = "2022年丹阳市国民经济和社会发展统计公报\n\n全市实现地区生产总值1500亿元。"
    assert text_unit(text, "丹阳", "") == "丹阳"
    assert text_unit(text, "", "2022年句容市国民经济和社会发展统计公报") == "句容市"
    assert text_unit(text) == "丹阳市"
    assert text_unit("全市实现地区生产总值1500亿元。") == ""


def test_document_units(tmp_path):
    write(tmp_path / "a.txt", "2022年丹阳市国民经济和社会发展统计公报\n全市地区生产总值1500亿元。")
    write(tmp_path / "b.txt", "全市地区生产总值900亿元。")
    write(tmp_path / "c.txt", "全市地区生产总值800亿元。")
    sources = write(tmp_path / "s.csv", "file,published,title,unit\na.txt,2023,,\n"
                    "b.txt,2023,2022年句容市国民经济和社会发展统计公报,\nc.txt,2023,,金坛区\n")
    units = document_units([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"], sources)
    assert units.to_dict("list") == {"doc": ["a.txt", "b.txt", "c.txt"],
                                     "unit": ["丹阳市", "句容市", "金坛区"],
                                     "unit_from": ["text", "title", "sources"]}
    without = document_units([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert without["unit"].tolist() == ["丹阳市", ""]
    assert isinstance(units, pd.DataFrame)
