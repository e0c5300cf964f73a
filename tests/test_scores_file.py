"""One reader of scores files for every command that reads them (compare, coupling,
disparity, convergence): the same checks and messages, CSV or an Excel sheet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.compare import read_scores as read_method_scores
from analysis.errors import InputError
from analysis.regional.scores import read_scores as read_long_scores
from analysis.scores_file import read_scores_file

LONG = pd.DataFrame({
    "unit": ["010000", "020000", "030000"] * 2,
    "year": [2020] * 3 + [2021] * 3,
    "iCode": ["Index"] * 6,
    "score": [50.0, 40.0, 10.0, 55.0, 35.0, 12.0],
    "rank": [1, 2, 3, 1, 2, 3],
})


def _workbook(tmp_path, sheets: dict[str, pd.DataFrame]):
    path = tmp_path / "scores.xlsx"
    with pd.ExcelWriter(path) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return path


def test_a_sheet_reads_as_its_csv(tmp_path):
    csv = tmp_path / "scores.csv"
    LONG.to_csv(csv, index=False)
    book = _workbook(tmp_path, {"notes": pd.DataFrame({"a": [1]}), "index": LONG})
    from_csv = read_scores_file(csv)
    from_sheet = read_scores_file(book, sheet="index")
    pd.testing.assert_frame_equal(from_csv, from_sheet)
    assert from_csv["unit"].tolist()[:2] == ["010000", "020000"]  # codes keep their zeros
    assert str(from_csv["year"].dtype) == "Int64" and from_csv["row"].tolist() == [1, 2, 3, 4, 5, 6]


def test_both_readers_refuse_the_same_cell_the_same_way(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("unit,year,iCode,score\nA,2020,Index,1\nB,2020,Index,inf\n", encoding="utf-8")
    messages = []
    for read in (read_long_scores, lambda p: read_method_scores([p], by="year")):
        with pytest.raises(InputError) as caught:
            read(path)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert messages[0] == f"{path}, row 2, column 'score': not a finite number: 'inf'"


@pytest.mark.parametrize(("text", "message"), [
    ("unit,score\nA,1\nB,x\n", "row 2, column 'score': not a number: 'x'"),
    ("uCode,score\n,1\n", "row 1, column 'unit': empty"),
    ("unit,year,score\nA,,1\n", "row 1, column 'year': empty"),
    ("unit,year,score\nA,2020.5,1\n", "row 1, column 'year': '2020.5' is not a year"),
    ("unit,method,score\nA,,1\n", "row 1, column 'method': empty"),
    ("name,score\nA,1\n", "missing column(s) 'unit' (or 'uCode'); found 'name', 'score'"),
    ("unit,score\n", "no scores (the file has a header only)"),
])
def test_bad_files_name_file_row_and_column(tmp_path, text, message):
    path = tmp_path / "s.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_scores_file(path)
    assert str(caught.value) == f"{path}{', ' if message.startswith('row') else ': '}{message}"


def test_a_blank_score_is_missing_for_compare_and_refused_for_the_regional_analyses(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("unit,iCode,score\nA,Index,1\nB,Index,\n", encoding="utf-8")
    assert np.isnan(read_scores_file(path)["score"].iloc[1])
    with pytest.raises(InputError, match="row 2, column 'score': empty"):
        read_long_scores(path)


def test_commands_read_a_workbook_sheet(tmp_path, capsys):
    book = _workbook(tmp_path, {"cover": pd.DataFrame({"note": ["scores on sheet 2"]}),
                                "scores": LONG})
    out = tmp_path / "gini.csv"
    assert main(["disparity", str(book), "--sheet", "scores", "--method", "gini", "-o", str(out)]) == 0
    from_sheet = pd.read_csv(out)
    csv = tmp_path / "scores.csv"
    LONG.to_csv(csv, index=False)
    assert main(["disparity", str(csv), "--method", "gini", "-o", str(tmp_path / "g2.csv")]) == 0
    pd.testing.assert_frame_equal(from_sheet, pd.read_csv(tmp_path / "g2.csv"))
    assert main(["compare", str(book), "--sheet", "1", "--by", "year", "--nominal", "scores",
                 "-o", str(tmp_path / "cmp")]) == 0
    assert main(["disparity", str(book), "--method", "gini", "-o", str(out)]) == 2  # the cover sheet
    assert "missing column(s)" in capsys.readouterr().err
    assert main(["disparity", "--study", "oecd-bli", "--sheet", "1", "--method", "gini",
                 "-o", str(out)]) == 2
    assert "--sheet: applies to a SCORES file" in capsys.readouterr().err


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=8))
def test_scores_survive_the_round_trip_exactly(tmp_path_factory, scores):
    path = tmp_path_factory.mktemp("s") / "scores.csv"
    frame = pd.DataFrame({"unit": [f"u{i}" for i in range(len(scores))], "score": scores})
    frame.to_csv(path, index=False)
    read = read_scores_file(path)
    assert read["score"].to_numpy(np.float64).tolist() == scores
