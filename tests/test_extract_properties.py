"""Properties of the extractor on arbitrary text (hypothesis).

Whatever the text — digits (ASCII and full-width), Chinese numerals, units, punctuation,
markdown and HTML, line breaks — the extractor never crashes, every row's span is its
surface, spans never overlap, and every Arabic digit is covered by exactly one row (§2) —
except digits inside HTML tags (``<h1>``), which are markup, not text (§4).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract import DIMENSIONS, FIGURE_COLUMNS, MEASURES, extract_text

PIECES = [
    *"0123456789０１２３", "1.5", "2023", "12345", "第", "前", "首位", "连续", "近", "上", "多", "余",
    *"〇零一二两三四五六七八九十百千万亿", "个", "家", "项", "年", "月", "日", "%", "％", "届", "次",
    "全会", "中全会", "大", "亿元", "万人次", "个百分点", "倍", "等次", "位", "周岁", "以上", "突破",
    "增长", "同比", "占", "确保", "今年", "上半年", "十四五", "以来", "净增", "分别", "Ⅱ类", "劣",
    "PM", "<sub>", "</sub>", "**", "“", "”", "(", ")", "、", ",", "，", "。", ";", ":", "：",
    "-", "–", "—", "+", "X", "\n", "\n\n", "\r\n", " ", "溧阳", "企业", "公司", "收入", "百分之",
    "倍", "<p>", "</p>", "C", "G", "第一季度", "二〇二三年", "其中", "<h1>", "</h1>",
    '<td colspan="2">', "|", " | ", "\n| ", "成", "六成", "上年", "明年", "去年", "的",
]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
published = st.sampled_from([None, "2024", "2024-09", "2022-09-30"])


@settings(max_examples=250, deadline=None, database=None)
@given(text=texts, date=published)
def test_any_text_gives_consistent_rows(text, date):
    frame = extract_text(text, "p.txt", date)
    assert list(frame.columns) == FIGURE_COLUMNS
    covered = [0] * len(text)
    previous_end = 0
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.surface
        assert row.start >= previous_end, "spans overlap or are unsorted"
        previous_end = row.end
        for position in range(row.start, row.end):
            covered[position] += 1
        assert row.measure in MEASURES and row.dimension in DIMENSIONS
        assert row.is_indicator in {"yes", "no"}
        assert row.is_indicator == "yes" or row.dimension == "none"
    in_tag = set()
    for tag in re.finditer(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>", text):
        in_tag.update(range(tag.start(), tag.end()))
    for position, char in enumerate(text):
        if char in "0123456789０１２３４５６７８９" and position not in in_tag:
            assert covered[position] == 1, f"digit at {position} not covered: {text!r}"


@settings(max_examples=100, deadline=None, database=None)
@given(text=texts)
def test_extraction_is_deterministic(text):
    first = extract_text(text, "p.txt", "2024")
    second = extract_text(text, "p.txt", "2024")
    assert first.equals(second)


#: The start filter before the lookaheads after 第/前/首/连/劣/I/V were added (the reference).
WIDER_STARTS = re.compile(
    r"[0-9０-９第前首连近上数劣ⅠⅡⅢⅣⅤⅥIV〇零一二两三四五六七八九十百千]"
    r"(?:(?<=[0-9０-９])[0-9０-９]*|(?<=[上数])(?=[十百千万])"
    r"|(?<=近)(?=[0-9０-９百千万一二两三四五六七八九十])"
    r"|(?<=[〇零一二两三四五六七八九十百千])[〇零一二两三四五六七八九十百千]*"
    r"(?=[个家项座所户名位次年天届期方倍人条件亩元万亿大中夺连赴多余成周])"
    r"|(?<=[第前首连劣ⅠⅡⅢⅣⅤⅥIV])|(?<=百)(?=分之))"
)
STARTS = [*PIECES, "前进", "目前", "首先", "首位", "连续", "连接", "劣", "Ⅲ类", "IV类", "VI",
          "III类", "V类", "VIP", "第", "第一", "前十", "百分之", "前三季度", "I", "V", "第１"]


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.lists(st.sampled_from(STARTS), max_size=40).map("".join))
def test_the_start_filter_drops_only_positions_where_no_figure_starts(text):
    """The narrower start filter gives the matches of the wider one it replaced."""
    from analysis.extract.patterns import _FIGURE_STARTS, FIGURE_PATTERN, _scan

    narrower = [m.span() for m in _scan(FIGURE_PATTERN, _FIGURE_STARTS, text)]
    wider = [m.span() for m in _scan(FIGURE_PATTERN, WIDER_STARTS, text)]
    assert narrower == wider
