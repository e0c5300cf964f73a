"""Reading the long scores table of the regional commands: both layouts qci index writes,
and one-line errors naming file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import InputError
from analysis.regional.scores import read_scores, top_code


def _write(tmp_path, text):
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_both_layouts(tmp_path):
    old = read_scores(_write(tmp_path, "uCode,iCode,score,rank\nA,Index,1.5,1\nB,Index,0.5,2\n"))
    assert list(old.columns) == ["unit", "year", "iCode", "score"]
    assert old["year"].isna().all() and old["unit"].tolist() == ["A", "B"]
    new = read_scores(_write(tmp_path, "unit,year,iCode,score,rank\nA,2020,x,1,\nA,2021,x,2,\n"))
    assert new["year"].tolist() == [2020, 2021] and str(new["year"].dtype) == "Int64"


@pytest.mark.parametrize(("text", "message"), [
    ("unit,iCode\nA,x\n", "missing column"),
    ("unit,iCode,score\nA,x,1\nB,x,\n", "row 2, column 'score'"),
    ("unit,iCode,score\nA,x,inf\n", "row 1, column 'score'"),
    ("unit,year,iCode,score\nA,2020,x,1\nA,2020,x,2\n", "appears twice"),
    ("unit,year,iCode,score\nA,2020.5,x,1\n", "not a year"),
    ("unit,iCode,score\n,x,1\n", "row 1, column 'unit'"),
])
def test_bad_tables_name_the_cell(tmp_path, text, message):
    with pytest.raises(InputError, match=message):
        read_scores(_write(tmp_path, text))


def test_top_code():
    frame = pd.DataFrame({"iCode": ["a", "Index", "b"]})
    assert top_code(frame) == "Index"
    assert top_code(frame, "b") == "b"
    with pytest.raises(InputError, match="--code"):
        top_code(pd.DataFrame({"iCode": ["a", "b"]}))


def test_command_errors_name_the_file(tmp_path, capsys):
    path = _write(tmp_path, "unit,year,iCode,score\nA,2020,Index,-1\nB,2020,Index,2\n")
    assert main(["disparity", str(path), "--method", "theil", "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert str(path) in err and "negative" in err and "\n" not in err
