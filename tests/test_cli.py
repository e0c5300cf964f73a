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
