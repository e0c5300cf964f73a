"""Files and the command line: sources, encodings, empty files, warnings, CSV round trip."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import InputError
from analysis.extract import (
    FIGURE_COLUMNS,
    extract_paths,
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
