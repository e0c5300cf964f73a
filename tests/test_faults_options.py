"""Issue 14: ``--sheet`` (and the panel's ``--unit-column`` / ``--year-column``) on every
command that reads a matrix or panel that may be an Excel workbook, through one helper
(:mod:`analysis.commands._common`); and a result that overflowed is refused, not written."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pandas as pd
import pytest

from analysis.cli import build_parser, main
from analysis.commands._common import check_finite_result
from analysis.errors import InputError

MATRIX = pd.DataFrame({"unit": ["x", "y", "z", "w"], "a": [1.0, 2.0, 3.0, 5.0],
                       "b": [4.0, 6.0, 5.0, 1.0]})
CRITERIA = "indicator,direction,weight\na,1,0.6\nb,-1,0.4\n"


def cli(argv: list[object]) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main([str(a) for a in argv])
    return code, err.getvalue()


@pytest.fixture
def book(tmp_path):
    """A workbook whose first sheet is a note and whose data is on sheet 'data'; the same
    matrix as CSV."""
    path = tmp_path / "m.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["see the sheet 'data'"]}).to_excel(writer, sheet_name="readme", index=False)
        MATRIX.to_excel(writer, sheet_name="data", index=False)
    MATRIX.to_csv(tmp_path / "m.csv", index=False)
    (tmp_path / "criteria.csv").write_text(CRITERIA)
    return path


def test_every_table_reading_command_has_the_sheet_option():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse has no API
    for name in ("index", "weights", "rank", "sensitivity", "obstacle"):
        options = {o for a in commands[name]._actions for o in a.option_strings}  # noqa: SLF001
        assert "--sheet" in options, name
        if name != "obstacle":  # a MATRIX's unit is its first column
            assert {"--unit-column", "--year-column"} <= options, name


@pytest.mark.parametrize("sheet", ["data", "1"])
def test_weights_reads_a_matrix_off_the_first_sheet(tmp_path, book, sheet):
    assert cli(["weights", book, "--sheet", sheet, "--method", "critic", "-o", tmp_path / "w.csv"])[0] == 0
    assert cli(["weights", tmp_path / "m.csv", "--method", "critic", "-o", tmp_path / "c.csv"])[0] == 0
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "w.csv"), pd.read_csv(tmp_path / "c.csv"))


def test_rank_and_obstacle_read_a_matrix_off_the_first_sheet(tmp_path, book):
    for command in ("rank", "obstacle"):
        extra = ["--method", "topsis"] if command == "rank" else []
        argv = [command, book, "--sheet", "data", "--criteria", tmp_path / "criteria.csv", *extra]
        assert cli([*argv, "-o", tmp_path / "x.csv"])[0] == 0
        argv[1:4] = [tmp_path / "m.csv"]
        assert cli([*argv, "-o", tmp_path / "c.csv"])[0] == 0
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "x.csv"), pd.read_csv(tmp_path / "c.csv"))


def test_a_missing_sheet_is_one_line_naming_the_sheets(tmp_path, book):
    code, err = cli(["weights", book, "--sheet", "nope", "--method", "critic", "-o", tmp_path / "w.csv"])
    assert code == 2 and "no sheet 'nope'" in err and "'readme', 'data'" in err
    assert len(err.strip().splitlines()) == 1
    code, err = cli(["weights", book, "--method", "critic", "-o", tmp_path / "w.csv"])  # the note sheet
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_a_csv_matrix_has_no_sheet_and_no_panel_columns(tmp_path, book):
    code, err = cli(["rank", tmp_path / "m.csv", "--sheet", "data", "--criteria",
                     tmp_path / "criteria.csv", "--method", "wsm", "-o", tmp_path / "r.csv"])
    assert code == 2 and "a CSV file has no sheets" in err
    code, err = cli(["weights", tmp_path / "m.csv", "--unit-column", "city", "--method", "cv",
                     "-o", tmp_path / "w.csv"])
    assert code == 2 and "add --year Y or --pooled" in err


def test_a_matrix_header_repeated_is_refused_in_a_workbook_too(tmp_path):
    path = tmp_path / "dup.xlsx"
    pd.DataFrame([["x", 1, 2], ["y", 3, 1], ["z", 2, 2]], columns=["unit", "a", "a"]).to_excel(path, index=False)
    code, err = cli(["weights", path, "--method", "cv", "-o", tmp_path / "w.csv"])
    assert code == 2 and "duplicate criterion 'a'" in err


def test_a_gbk_matrix_is_read(tmp_path):
    """The header check reads the file through the shared reader (it opened it as UTF-8
    and failed with a traceback on a GBK file)."""
    (tmp_path / "m.csv").write_bytes("单位,甲,乙\nx,1,4\ny,2,6\nz,3,5\n".encode("gbk"))
    assert cli(["weights", tmp_path / "m.csv", "--method", "cv", "-o", tmp_path / "w.csv"])[0] == 0
    assert pd.read_csv(tmp_path / "w.csv")["indicator"].tolist() == ["甲", "乙"]


@pytest.fixture
def wide_panel_book(tmp_path):
    """A wide panel with its unit and year columns named city and YEAR, on sheet 'panel'."""
    rng = np.random.default_rng(7)
    rows = [{"city": f"c{i}", "YEAR": y, "a": rng.uniform(1, 9), "b": rng.uniform(1, 9)}
            for y in (2020, 2021) for i in range(5)]
    path = tmp_path / "panel.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["data on 'panel'"]}).to_excel(writer, sheet_name="readme", index=False)
        pd.DataFrame(rows).to_excel(writer, sheet_name="panel", index=False)
    renamed = pd.DataFrame(rows).rename(columns={"city": "unit", "YEAR": "year"})
    renamed.to_csv(tmp_path / "panel.csv", index=False)
    (tmp_path / "criteria.csv").write_text(CRITERIA)
    return path


def test_weights_and_rank_read_a_panel_by_sheet_and_column_names(tmp_path, wide_panel_book):
    options = ["--sheet", "panel", "--unit-column", "city", "--year-column", "YEAR"]
    for command, extra in (("weights", ["--method", "entropy"]), ("rank", ["--method", "vikor"])):
        argv = [command, "--criteria", tmp_path / "criteria.csv", "--year", "2021", *extra]
        assert cli([*argv, wide_panel_book, *options, "-o", tmp_path / "x.csv"]) == (0, "")
        assert cli([*argv, tmp_path / "panel.csv", "-o", tmp_path / "c.csv"]) == (0, "")
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "x.csv"), pd.read_csv(tmp_path / "c.csv"))


def test_sensitivity_reads_a_panel_by_sheet_and_column_names(tmp_path, wide_panel_book):
    (tmp_path / "spec.yaml").write_text(
        "normalise: {method: minmax}\naggregate: amean\nyear: 2021\nsensitivity:\n  factors:\n"
        "    Normalisation: {normalise: ['n_minmax(1,100)', 'n_zscore(100,10)']}\n")
    argv = ["sensitivity", "--meta", tmp_path / "criteria.csv", "--spec", tmp_path / "spec.yaml",
            "--n", "4", "--seed", "2", "--n-boot", "5"]
    book = ["--data", wide_panel_book, "--sheet", "panel", "--unit-column", "city", "--year-column", "YEAR"]
    assert cli([*argv, *book, "-o", tmp_path / "x"])[0] == 0
    assert cli([*argv, "--data", tmp_path / "panel.csv", "-o", tmp_path / "c"])[0] == 0
    for name in ("ranks.csv", "runs.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "x" / name), pd.read_csv(tmp_path / "c" / name))


def test_table_options_with_a_study_panel_are_refused(tmp_path):
    code, err = cli(["index", "--study", "oecd-bli", "--sheet", "2", "-o", tmp_path / "out"])
    assert code == 2 and "--sheet: the study's panel is read as the study says" in err


# --- results that overflowed -----------------------------------------------------------


def test_an_overflowed_result_is_refused_naming_row_and_column():
    table = pd.DataFrame({"year": [2020, 2021], "cv": [0.5, np.inf], "note": ["a", "b"]})
    with pytest.raises(InputError, match=r"scores.csv: the result overflows float64 \(row 2, column 'cv'\)"):
        check_finite_result(table, "scores.csv")
    ok = pd.DataFrame({"cv": [0.5, np.nan]})
    assert check_finite_result(ok, "x") is ok


def test_sigma_convergence_of_values_near_1e300_is_one_line_not_inf(tmp_path):
    """The standard deviation of values near 1e300 overflows float64 (was written as cv
    ``inf``, exit 0)."""
    rows = [f"u{i},{y},Index,{v}" for y in (2020, 2021) for i, v in enumerate((1, 2, 3e300, 4))]
    (tmp_path / "s.csv").write_text("unit,year,iCode,score\n" + "\n".join(rows) + "\n")
    code, err = cli(["convergence", tmp_path / "s.csv", "--method", "sigma", "-o", tmp_path / "v.csv"])
    assert code == 2 and "overflows float64" in err and "column 'sd'" in err
    assert not (tmp_path / "v.csv").exists()


def test_a_gini_of_values_near_the_float64_limit_is_one_line_not_nan(tmp_path):
    """Gini's sum of 1.8e308-sized terms overflowed: the value was written as NaN, exit 0."""
    rows = [f"u{i},2020,Index,{v}" for i, v in enumerate((1.7976931348623157e308, 1, 1, 1, 1))]
    (tmp_path / "s.csv").write_text("unit,year,iCode,score\n" + "\n".join(rows) + "\n")
    code, err = cli(["disparity", tmp_path / "s.csv", "--method", "gini", "-o", tmp_path / "d.csv"])
    assert code == 2 and "a computation overflowed float64" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "d.csv").exists()


def test_beta_convergence_from_the_smallest_double_is_one_line_not_nan(tmp_path):
    """ln(y₁/y₀) with y₀ = 5e-324 overflowed: β, se and r² were written as NaN, exit 0."""
    rows = [f"u{i},{y},Index,{v}" for y in (2020, 2021)
            for i, v in enumerate((5e-324 if y == 2020 else 2, 3, 4, 5, 6))]
    (tmp_path / "s.csv").write_text("unit,year,iCode,score\n" + "\n".join(rows) + "\n")
    code, err = cli(["convergence", tmp_path / "s.csv", "--method", "beta", "-o", tmp_path / "v.csv"])
    assert code == 2 and "overflowed float64" in err and len(err.strip().splitlines()) == 1


# --- -o "" ------------------------------------------------------------------------------


def test_every_output_option_refuses_an_empty_path():
    from analysis.commands._common import output_folder, output_path

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse has no API
    for name, sub in commands.items():
        (action,) = [a for a in sub._actions if "-o" in a.option_strings]  # noqa: SLF001
        # extract checks its own -o (empty, a folder, one of its texts) in run()
        assert action.type in (output_path, output_folder) or name == "extract", name


def test_index_with_an_empty_output_writes_nothing_into_the_current_folder(tmp_path, monkeypatch):
    """``-o ""`` was the current folder: six files written beside the data, exit 0."""
    (tmp_path / "p.csv").write_text("unit,year,indicator,value\nu1,2020,a,1\nu2,2020,a,2\n")
    (tmp_path / "fw.csv").write_text("indicator,direction\na,1\n")
    (tmp_path / "s.yaml").write_text("normalise: {method: minmax}\naggregate: amean\n")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SystemExit) as stop, redirect_stderr(io.StringIO()) as err:
        main(["index", "--data", "p.csv", "--meta", "fw.csv", "--spec", "s.yaml", "-o", ""])
    assert stop.value.code == 2 and "argument -o/--outdir: empty" in err.getvalue()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- the probe's index cases, re-run --------------------------------------------------------


def test_index_onto_an_existing_file_and_from_an_empty_csv_is_one_line(tmp_path):
    """Issue 14's probe: ``qci index`` on an empty CSV and with ``-o`` an existing file
    were tracebacks."""
    (tmp_path / "p.csv").write_text("unit,year,indicator,value\nu1,2020,a,1\nu2,2020,a,2\n")
    (tmp_path / "fw.csv").write_text("indicator,direction\na,1\n")
    (tmp_path / "s.yaml").write_text("normalise: {method: minmax}\naggregate: amean\n")
    (tmp_path / "out.csv").write_text("old\n")
    base = ["index", "--meta", tmp_path / "fw.csv", "--spec", tmp_path / "s.yaml"]
    code, err = cli([*base, "--data", tmp_path / "p.csv", "-o", tmp_path / "out.csv"])
    assert code == 2 and "out.csv: exists and is not a folder" in err and len(err.strip().splitlines()) == 1
    assert (tmp_path / "out.csv").read_text() == "old\n"
    (tmp_path / "empty.csv").write_bytes(b"")
    code, err = cli([*base, "--data", tmp_path / "empty.csv", "-o", tmp_path / "out"])
    assert code == 2 and "empty.csv" in err and "empty" in err and len(err.strip().splitlines()) == 1
