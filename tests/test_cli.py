"""The command line as other programs meet it: help on every subcommand, exit 2 on bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.cli import command_modules, main, parse_options
from analysis.errors import InputError


def test_every_subcommand_has_help(capsys):
    for name in command_modules():
        with pytest.raises(SystemExit) as stop:
            main([name, "--help"])
        assert stop.value.code == 0
        assert name in capsys.readouterr().out


def test_unknown_subcommand_is_one_line_and_status_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["no-such-command"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-command" in err


def test_options_are_typed():
    assert parse_options(["v=0.5", "variant=sum", "n=3", "flag=true"]) == {
        "v": 0.5,
        "variant": "sum",
        "n": 3,
        "flag": True,
    }


def test_option_without_equals_names_it():
    with pytest.raises(InputError, match="'rho'"):
        parse_options(["rho"])


def test_python_dash_m_runs():
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "qci" in done.stdout


def test_building_the_parser_imports_no_heavy_science_stack():
    # every call of qci builds the parser of every subcommand: the subcommands import
    # scipy, scikit-learn, SALib, nbconvert or papermill only when they run
    probe = (
        "import sys; from analysis.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('scipy', 'sklearn', 'SALib', 'nbconvert', 'papermill', "
        "'matplotlib') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_index_and_compare_refuse_an_infinite_number_naming_file_row_and_column(tmp_path, capsys):
    from pathlib import Path

    data = Path(__file__).parent / "data" / "coinr-asem" / "inputs"
    lines = (data / "ASEM_iData.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index('"GDP"')] = "inf"
    lines[3] = ",".join(cells)
    bad = tmp_path / "iData.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["index", "--data", str(bad), "--meta", str(data / "ASEM_iMeta.csv"),
            "--spec", "coinr-default", "-o", str(tmp_path / "out")]  # fmt: skip
    assert main(argv) == 2
    assert "iData.csv, row 3, column 'GDP': not a finite number" in capsys.readouterr().err
    (tmp_path / "a.csv").write_text("unit,score\nx,1\ny,-inf\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("unit,score\nx,1\ny,2\n", encoding="utf-8")
    argv = ["compare", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--nominal", "a",
            "-o", str(tmp_path / "cmp")]  # fmt: skip
    assert main(argv) == 2
    assert "a.csv, row 2, column 'score': not a finite number" in capsys.readouterr().err
