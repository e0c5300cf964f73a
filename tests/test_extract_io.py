"""Files and the command line: sources, encodings, empty files, warnings, CSV round trip."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.errors import InputError
from analysis.extract import (
    FIGURE_COLUMNS,
    extract_paths,
    extract_text,
    read_figures,
    read_sources,
    score_annotated_folder,
)

DATA = Path(__file__).parent / "data" / "extract"
TEXT = "上半年,溧阳城乡居民收入增长4.7%,增幅位居常州第二。2023年,地区生产总值1560亿元。"


def write_sources(folder: Path, rows: str) -> Path:
    path = folder / "sources.csv"
    path.write_text("file,published\n" + rows, encoding="utf-8")
    return path


def test_read_sources_accepts_year_month_day_and_empty(tmp_path):
    path = write_sources(tmp_path, "a.txt,2024\nb.txt,2024-09\nc.txt,2022-09-30\nd.txt,\n")
    assert read_sources(path) == {"a.txt": "2024", "b.txt": "2024-09", "c.txt": "2022-09-30",
                                  "d.txt": None}


@pytest.mark.parametrize("bad", ["2024/09", "Sept 2024", "2024-13", "24-09-01"])
def test_read_sources_names_file_and_row_of_a_bad_date(tmp_path, bad):
    path = write_sources(tmp_path, f"a.txt,2024\nb.txt,{bad}\n")
    with pytest.raises(InputError, match=r"sources.csv, row 2, column 'published'"):
        read_sources(path)


def test_read_sources_needs_the_columns(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("file,date\na.txt,2024\n", encoding="utf-8")
    with pytest.raises(InputError, match="published"):
        read_sources(path)


def test_folder_of_texts_sorted_by_doc_and_start(tmp_path):
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    sources = {"a.txt": "2024-09", "b.txt": "2024-09"}
    found = extract_paths([tmp_path], sources)
    assert found["doc"].unique().tolist() == ["a.txt", "b.txt"]
    assert found.groupby("doc")["start"].apply(lambda s: s.is_monotonic_increasing).all()


def test_folder_contributes_markdown_and_html_reports_but_no_data_files(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("全年接待游客**100万人次**。", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>新增<b>20家</b>高企</p>", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,published\na.txt,2024\n", encoding="utf-8")
    (tmp_path / "table.xlsx").write_bytes(b"PK")
    sources = {"a.txt": "2024", "b.md": "2024", "c.html": "2024"}
    found = extract_paths([tmp_path], sources)
    assert found["doc"].unique().tolist() == ["a.txt", "b.md", "c.html"]
    assert "100万人次" in found["surface"].tolist() and "20家" in found["surface"].tolist()


def test_gb18030_file_is_decoded_and_noted(tmp_path):
    (tmp_path / "g.txt").write_bytes(TEXT.encode("gb18030"))
    found = extract_paths([tmp_path / "g.txt"], {"g.txt": "2024-09"})
    assert "4.7%" in found["surface"].tolist()
    assert found["note"].str.contains("GB18030").all()


def test_undecodable_file_is_an_input_error_naming_it(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x81\xff" * 10)
    with pytest.raises(InputError, match="bad.txt"):
        extract_paths([tmp_path / "bad.txt"], {})


def test_empty_file_gives_no_rows(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    found = extract_paths([tmp_path / "empty.txt"], {"empty.txt": "2024"})
    assert found.empty and list(found.columns) == FIGURE_COLUMNS


@pytest.mark.parametrize("sources", [{}, {"x.txt": None}])
def test_unknown_publication_date_warns_and_never_guesses_a_year(tmp_path, sources):
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    with pytest.warns(UserWarning, match="x.txt"):
        found = extract_paths([tmp_path / "x.txt"], sources)
    growth = found[found["surface"] == "4.7%"].iloc[0]
    assert growth["period"] == ""
    assert found[found["surface"] == "1560亿元"].iloc[0]["period"] == "2023"


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no-such"):
        extract_paths([tmp_path / "no-such.txt"], {})


def test_cli_writes_the_csv_and_it_reads_back_typed(tmp_path, capsys):
    output = tmp_path / "out" / "figures.csv"
    code = main(["extract", str(DATA / "003_9b7b330a6bb3443f.txt"), "--sources",
                 str(DATA / "sources.csv"), "-o", str(output)])
    assert code == 0 and "wrote" in capsys.readouterr().out
    figures = read_figures(output)
    assert list(figures.columns) == FIGURE_COLUMNS
    assert figures["start"].dtype == "int64" and figures["value_base"].dtype == "float64"
    first = figures[figures["surface"] == "3039.6亿元"].iloc[0]
    assert first["value_base"] == 303960000000 and first["period"] == "2023-01..2023-11"
    raw = output.read_text(encoding="utf-8")
    assert ",303960000000,元," in raw  # plain decimals, no exponent and no ".0"
    assert pd.isna(figures[figures["surface"] == "11225"].iloc[0]["value"])


def test_cli_bad_sources_date_exits_2_with_one_line(tmp_path, capsys):
    sources = write_sources(tmp_path, "003_9b7b330a6bb3443f.txt,last year\n")
    code = main(["extract", str(DATA / "003_9b7b330a6bb3443f.txt"), "--sources", str(sources),
                 "-o", str(tmp_path / "f.csv")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "row 1" in err
    assert not (tmp_path / "f.csv").exists()


def test_cli_warns_on_stderr_for_a_file_without_date(tmp_path):
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(tmp_path), "-o", str(tmp_path / "f.csv")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "x.txt" in done.stderr and "warning" in done.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_figures(tmp_path / "f.csv")) >= 4


def test_a_folders_own_documentation_is_not_a_report(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    for name in ("README.md", "LICENSE.txt", "SOURCE.md", "readme.txt"):
        (tmp_path / name).write_text("2024年共12家。", encoding="utf-8")
    assert extract_paths([tmp_path], {"a.txt": "2024"})["doc"].unique().tolist() == ["a.txt"]
    # named explicitly, it is read
    named = extract_paths([tmp_path / "README.md"], {"README.md": "2024"})
    assert named["doc"].unique().tolist() == ["README.md"]


def test_score_annotated_folder_scores_the_docs_its_annotations_name(tmp_path):
    (tmp_path / "a.txt").write_text("全年新增高新技术企业12家。", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,published\na.txt,2024\n", encoding="utf-8")
    extract_paths([tmp_path / "a.txt"], {"a.txt": "2024"}).to_csv(
        tmp_path / "gold_a.csv", index=False)
    scored = score_annotated_folder(tmp_path)
    assert scored["precision"] == scored["recall"] == 1.0 and scored["gold"] >= 1
    with pytest.raises(InputError, match="review_"):
        score_annotated_folder(tmp_path, "review_*.csv")


# Issue 14: nothing lost, nothing injected ----------------------------------------------
def test_a_400_digit_numeral_is_no_infinite_value():
    text = "地区生产总值" + "9" * 400 + "亿元，增长" + "1" * 400 + "%。"
    found = extract_text(text, "big.txt", "2023")
    assert len(found) == 2  # every digit still has its row (§2)
    assert found["value"].isna().all() and found["value_base"].isna().all()
    assert (found["is_indicator"] == "no").all()


@settings(max_examples=40, deadline=None, database=None)
@given(digits=st.integers(300, 700), unit=st.sampled_from(["", "亿元", "%", "家", "万人"]))
def test_no_numeral_gives_a_non_finite_value(digits, unit):
    found = extract_text("全年共有" + "8" * digits + unit + "。", "p.txt", "2023")
    values = found[["value", "value_base"]].to_numpy(dtype=float)
    assert not np.isinf(values).any()


def test_same_name_in_two_folders_is_two_documents(tmp_path):
    for folder, text in (("a", "全年新增企业12家。"), ("b", "全年新增企业15家。")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(text, encoding="utf-8")
    sources = {"a/x.txt": "2023", "b/x.txt": "2024"}
    found = extract_paths([tmp_path / "a", tmp_path / "b"], sources)
    assert found["doc"].tolist() == ["a/x.txt", "b/x.txt"]
    assert found["value"].tolist() == [12, 15]
    assert found["period"].tolist() == ["2023", "2024"]


def test_the_same_file_given_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    once = extract_paths([tmp_path / "a.txt"], {"a.txt": "2024-09"})
    twice = extract_paths([tmp_path / "a.txt", tmp_path / "a.txt", tmp_path],
                          {"a.txt": "2024-09"})
    pd.testing.assert_frame_equal(once, twice)


def test_what_a_page_does_not_show_is_no_figure():
    page = ("<html><head><style>.x{width:900px}</style><script>var gdp=9999900000000;</script>"
            "</head><body><p>全市地区生产总值500亿元。</p><!-- 地区生产总值99999亿元 -->"
            '<div style="display: none">地区生产总值<div>9999900亿元</div>，增长88%</div>'
            "<p hidden>财政收入88亿元</p><span style='visibility:hidden'>77家</span>"
            "<p>增长5%。</p></body></html>")
    found = extract_text(page, "p.html", "2023")
    assert found["surface"].tolist() == ["500亿元", "5%"]
    for row in found.itertuples():
        assert page[row.start : row.end] == row.surface


def test_formula_like_cells_are_written_as_text_and_read_back(tmp_path):
    text = "=HYPERLINK(\"x\")全市企业12家。\n+增长-1.6%\n@SUM(1)新增20家。"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    output = tmp_path / "f.csv"
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(output)]) == 0
    cells = [cell for line in csv.reader(io.StringIO(output.read_text(encoding="utf-8")))
             for cell in line]
    assert not any(cell[:1] in {"=", "+", "@"} for cell in cells)
    assert "'-1.6%" in cells  # a text cell; the value column holds the number -1.6
    assert "-1.6" in cells
    back = read_figures(output)
    expected = extract_paths([tmp_path / "a.txt"], {"a.txt": "2023"})
    assert back["quote"].tolist() == expected["quote"].tolist()
    assert back["surface"].tolist() == expected["surface"].tolist()


def test_formula_like_cells_are_text_in_a_workbook(tmp_path):
    from openpyxl import load_workbook

    (tmp_path / "a.txt").write_text("=1+1全市企业12家。", encoding="utf-8")
    output = tmp_path / "f.xlsx"
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(output)]) == 0
    sheet = load_workbook(output)["figures"]
    quotes = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert set(quotes) == {"'=1+1全市企业12家"}
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("output", ["", "FOLDER", "INPUT"])
def test_cli_refuses_a_bad_output_with_one_line(tmp_path, capsys, output):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    target = {"": "", "FOLDER": str(tmp_path), "INPUT": str(tmp_path / "a.txt")}[output]
    code = main(["extract", str(tmp_path / "a.txt"), "-o", target])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "-o/--output" in err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == TEXT


def test_cli_unwritable_output_exits_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    # a folder that cannot be made (its parent is a file): fails even as root
    sources = write_sources(tmp_path, "a.txt,2024\n")
    code = main(["extract", str(tmp_path / "a.txt"), "--sources", str(sources),
                 "-o", str(tmp_path / "a.txt" / "f.csv")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err


def test_a_symlink_loop_is_named_as_such(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    with pytest.raises(InputError, match="symbolic link"):
        extract_paths([tmp_path / "loop.txt"], {})
