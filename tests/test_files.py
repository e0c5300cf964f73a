"""Outputs are written atomically: a crash leaves the old file (or none), never half a file."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.files import atomic_path, check_finite, read_csv, read_table, write_csv, write_table


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


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_read_csv_reads_the_encodings_a_chinese_user_meets(tmp_path, encoding):
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes("unit,year,指标\n溧阳市,2020,1.5\n".encode(encoding))
    frame = read_csv(path)
    assert list(frame.columns) == ["unit", "year", "指标"]
    assert frame.loc[0, "unit"] == "溧阳市" and frame.loc[0, "指标"] == 1.5


def test_read_csv_refuses_bytes_of_no_encoding_naming_those_tried(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"a,b\n\xff\xff,1\n")
    with pytest.raises(InputError, match=r"binary\.csv: not text in UTF-8 or GBK/GB18030 \(tried utf-8-sig: .*gb18030: "):
        read_csv(path)


@pytest.mark.parametrize("sep", [";", "\t", ","])
def test_read_csv_detects_the_delimiter(tmp_path, sep):
    path = tmp_path / "s.csv"
    path.write_text(sep.join(["unit", "year", "gdp"]) + "\n" + sep.join(["甲", "2020", "1,5" if sep == ";" else "2"]) + "\n")
    frame = read_csv(path)
    assert list(frame.columns) == ["unit", "year", "gdp"]


def test_read_csv_names_the_delimiter_of_a_ragged_file(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a;b;c\n1;2;3\n4;5;6;7;8\n")
    with pytest.raises(InputError, match=r"ragged\.csv: cannot parse as CSV \(semicolon-separated\)"):
        read_csv(path)


@pytest.mark.parametrize("cell", ["inf", "-inf", "Infinity", "1e999"])
def test_read_csv_refuses_an_infinite_number_naming_row_and_column(tmp_path, cell):
    path = tmp_path / "inf.csv"
    path.write_text(f"unit,gdp\n甲,1\n乙,{cell}\n")
    with pytest.raises(InputError, match=r"inf\.csv, row 2, column 'gdp': not a finite number"):
        read_csv(path)


def test_check_finite_names_text_and_infinity_in_text_columns():
    frame = pd.DataFrame({"x": ["1", "", "NA", "abc"], "y": ["1", "2", "inf", "3"]})
    with pytest.raises(InputError, match=r"f\.csv, row 4, column 'x': not a number: 'abc'"):
        check_finite(frame, ["x"], "f.csv")
    with pytest.raises(InputError, match=r"f\.csv, row 3, column 'y': not a finite number: 'inf'"):
        check_finite(frame, ["y"], "f.csv")
    check_finite(frame.iloc[:3], ["x"], "f.csv")  # blanks and NA are missing, not errors


def test_read_table_reads_an_excel_sheet_by_name_and_names_a_missing_one(tmp_path):
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"a": [1]}).to_excel(book, sheet_name="notes", index=False)
        pd.DataFrame({"unit": ["甲"], "gdp": [2.5]}).to_excel(book, sheet_name="data", index=False)
    assert read_table(path, sheet="data").to_dict("list") == {"unit": ["甲"], "gdp": [2.5]}
    assert list(read_table(path).columns) == ["a"]
    with pytest.raises(InputError, match=r"book\.xlsx: no sheet 'nope' \(it has \['notes', 'data'\]\)"):
        read_table(path, sheet="nope")


def test_read_table_refuses_infinity_in_excel(tmp_path):
    path = tmp_path / "inf.xlsx"
    pd.DataFrame({"unit": ["甲", "乙"], "gdp": [1.0, float("inf")]}).to_excel(path, index=False)
    with pytest.raises(InputError, match=r"inf\.xlsx, row 2, column 'gdp': not a finite number"):
        read_table(path)


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


def test_read_yaml_is_the_one_safe_reader_with_one_line_errors(tmp_path):
    from analysis.files import read_yaml

    good = tmp_path / "spec.yaml"
    good.write_text("normalise: {method: minmax}\n", encoding="utf-8")
    assert read_yaml(good) == {"normalise": {"method": "minmax"}}
    hostile = tmp_path / "tag.yaml"
    hostile.write_text("x: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    bad_bytes = tmp_path / "gbk.yaml"
    bad_bytes.write_bytes("名称: 溧阳".encode("gbk"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1, 2\n", encoding="utf-8")
    for path, message in ((hostile, "not valid YAML"), (bad_bytes, "not UTF-8"),
                          (broken, "not valid YAML"), (tmp_path / "none.yaml", "no such")):
        with pytest.raises(InputError, match=message) as err:
            read_yaml(path)
        assert "\n" not in str(err.value)
