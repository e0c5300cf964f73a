"""The one look of every report table (analysis.styled.styled_table)."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from analysis.styled import display_width, is_text_column, styled_table


def cells(styler) -> BeautifulSoup:
    return BeautifulSoup(styler.to_html(), "html.parser")


def highlighted(styler) -> list[str]:
    """The first cell's text of each highlighted row: the rows the style sheet's
    highlight rule selects (pandas names cells ``#T_<id>_row<i>_col<j>``)."""
    import re

    soup = cells(styler)
    rules = [r for r in soup.style.get_text().split("}") if "#ffe08a" in r]
    rows = sorted({int(i) for rule in rules for i in re.findall(r"_row(\d+)_col", rule.split("{")[0])})
    body = soup.tbody.find_all("tr")
    return [body[i].find(["th", "td"]).get_text() for i in rows]


def test_the_followed_units_row_is_highlighted_by_index_or_by_column() -> None:
    by_index = pd.DataFrame({"score": [3.0, 2.0, 1.0]}, index=["常州市", "溧阳市", "金坛区"])
    assert highlighted(styled_table(by_index, "溧阳市")) == ["溧阳市"]
    assert highlighted(styled_table(by_index, "nowhere")) == []
    by_column = pd.DataFrame({"unit": ["a", "b", "c"], "rank": [1, 2, 3]})
    assert highlighted(styled_table(by_column, "c")) == ["c"]
    assert highlighted(styled_table(by_column, 2, by="rank")) == ["b"]


def test_a_repeating_index_becomes_a_column_and_all_its_rows_are_highlighted() -> None:
    table = pd.DataFrame({"year": [2010, 2020, 2010]}, index=pd.Index(["溧阳市", "溧阳市", "金坛区"], name="unit"))
    soup = cells(styled_table(table, "溧阳市"))
    assert [th.get_text() for th in soup.thead.find_all("th")] == ["unit", "year"]
    assert highlighted(styled_table(table, "溧阳市")) == ["溧阳市", "溧阳市"]


def test_a_range_index_is_hidden_and_a_naming_index_shown() -> None:
    plain = pd.DataFrame({"name": ["a", "b"], "score": [1.0, 2.0]})
    assert cells(styled_table(plain)).find("th", class_="row_heading") is None
    labelled = plain.set_index("name").rename_axis(None)
    soup = cells(styled_table(labelled))
    assert [th.get_text() for th in soup.find_all("th", class_="row_heading")] == ["a", "b"]
    # a named index keeps its rows' headings and puts its name in the corner: one header row
    soup = cells(styled_table(plain.set_index("name"), "b").format("{:.0f}"))
    assert len(soup.thead.find_all("tr")) == 1
    assert [th.get_text() for th in soup.thead.find_all("th")] == ["name", "score"]
    assert [th.get_text() for th in soup.find_all("th", class_="row_heading")] == ["a", "b"]
    assert highlighted(styled_table(plain.set_index("name"), "b")) == ["b"]


def test_text_is_left_aligned_short_text_kept_on_one_line_and_quotes_marked_chinese() -> None:
    table = pd.DataFrame({
        "indicator": ["GDP", "retail sales"],
        "figure": ["4333亿元", "1.2万亿元"],
        "quote": ["地区生产总值4333亿元，同比增长14.8%，总量居全省县市第7位，继续保持领先", "社会消费品零售总额"],
        "score": [1.5, 2.5],
    })  # fmt: skip
    styler = styled_table(table, quotes=["quote"])
    html = styler.to_html()
    style = BeautifulSoup(html, "html.parser").style.get_text()
    assert "text-align: left" in style and "white-space: nowrap" in style
    soup = cells(styler)
    assert soup.find("span", lang="zh-CN").get_text().startswith("地区生产总值")
    assert styled_table(table).to_html() == styled_table(table.copy()).to_html()  # the same HTML every render
    assert is_text_column(table["indicator"]) and not is_text_column(table["figure"])
    assert not is_text_column(table["score"]) and not is_text_column(pd.Series(["—", "[1, 3]", "−0.2"]))


@given(st.text(alphabet="ab溧阳，1 ", max_size=20))
def test_a_chinese_character_takes_two_columns(text: str) -> None:
    wide = sum(ch in "溧阳，" for ch in text)
    assert display_width(text) == len(text) + wide
