"""Guards of the extractor's speed work (issue 15): the shortcuts change no output.

Speed itself is measured in benchmarks/bench_extract.py, never here; byte-identical output
on every test text is checked with benchmarks/extract_reference.py.
"""

from __future__ import annotations

import gc

import numpy as np
import pytest

from analysis.extract import extract_text, extract_texts
from analysis.extract.pipeline import _map_to_written, without_cycle_collection
from analysis.extract.script import origin_span, readable_text


@pytest.mark.parametrize("enabled", [True, False])
def test_cycle_collection_state_is_restored(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        extract_texts([("地区生产总值812.3亿元，增长6.5%。", "a.txt", "2024")])
        assert gc.isenabled() is enabled
        with pytest.raises(ZeroDivisionError), without_cycle_collection():
            assert not gc.isenabled()
            _ = 1 / 0
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_rows_mapped_back_as_origin_span_maps_them() -> None:
    """The one-gather mapping equals :func:`origin_span` position by position (hand case:
    romanisation removed before, inside and after the rows' spans)."""
    text = "全區(qū)地區(qū)生產總值812.3億元，增長(zhǎng)6.5%；糧食總產量21.4萬噸。"
    readable, origin, _ = readable_text(text)
    assert origin is not None
    rows = extract_text(text, "t.txt", "2024")
    assert list(rows["surface"]) == ["812.3億元", "6.5%", "21.4萬噸"]
    for surface, start, end in zip(rows["surface"], rows["start"], rows["end"], strict=True):
        assert text[start:end] == surface
    raw = [{"start": 3, "end": 9, "quote_start": 0, "quote_end": 12, "unit": ""},
           {"start": 5, "end": 5, "quote_start": 5, "quote_end": 5, "unit": ""}]
    _map_to_written(raw, text, readable, origin)
    assert (raw[0]["start"], raw[0]["end"]) == origin_span(origin, 3, 9)
    assert (raw[1]["start"], raw[1]["end"]) == origin_span(origin, 5, 5)
    assert raw[0]["quote"] == text[slice(*origin_span(origin, 0, 12))]
    assert isinstance(raw[0]["start"], int) and not isinstance(raw[0]["start"], np.integer)
