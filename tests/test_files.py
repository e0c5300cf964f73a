"""Outputs are written atomically: a crash leaves the old file (or none), never half a file."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.files import atomic_path, read_csv, write_csv, write_table


def test_write_csv_round_trips(tmp_path):
    frame = pd.DataFrame({"unit": ["溧阳", "宜兴"], "value": [1.5, 2.0]})
    out = write_csv(frame, tmp_path / "sub" / "x.csv")
    pd.testing.assert_frame_equal(pd.read_csv(out), frame)
    assert [p.name for p in out.parent.iterdir()] == ["x.csv"]


def test_crash_keeps_previous_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "x.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half a fi")
            raise RuntimeError("crash")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_read_csv_names_missing_column(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match=r"m\.csv.*'c'"):
        read_csv(path, required=["a", "c"])


def test_read_csv_names_non_utf8_file(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("指标,值\n".encode("gb18030"))
    with pytest.raises(InputError, match=r"gbk\.csv: not UTF-8"):
        read_csv(path)


def test_read_csv_names_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.csv"):
        read_csv(tmp_path / "nope.csv")


def test_write_table_writes_a_real_workbook_for_xlsx(tmp_path):
    scores = pd.DataFrame({"unit": ["甲", "乙"], "score": [1.5, 2.0]})
    weights = pd.DataFrame({"iCode": ["x"], "weight": [1.0]})
    out = write_table({"scores": scores, "weights/1": weights}, tmp_path / "out.xlsx")
    book = pd.read_excel(out, sheet_name=None)
    assert list(book) == ["scores", "weights_1"]
    pd.testing.assert_frame_equal(book["scores"], scores)


def test_write_table_writes_csv_otherwise_and_refuses_several_tables(tmp_path):
    frame = pd.DataFrame({"unit": ["a"], "score": [1.0]})
    out = write_table(frame, tmp_path / "out.csv")
    assert out.read_text(encoding="utf-8") == "unit,score\na,1.0\n"
    with pytest.raises(ValueError, match="xlsx"):
        write_table({"a": frame, "b": frame}, tmp_path / "two.csv")
