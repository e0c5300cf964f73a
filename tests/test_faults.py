"""Issue 14, "things destroyed" and "injection": the one output writer under faults.

Every case runs under pytest's temporary folder: FIFOs, symbolic links, inputs given as
outputs, modes, umask, interrupted writes, SIGTERM, and spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.errors import InputError
from analysis.files import (
    PLAIN_NUMBER,
    atomic_path,
    neutralise_formulas,
    read_csv,
    read_table,
    run_inputs,
    write_csv,
    write_table,
    write_text,
)

MATRIX = "unit,a,b\nx,1,4\ny,2,6\nz,3,5\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- targets that are not regular files -------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_target_is_refused_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        write_text(fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_a_symlink_target_is_refused_and_its_file_untouched(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("keep\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with pytest.raises(InputError, match="symbolic link"):
        write_csv(pd.DataFrame({"a": [1]}), link)
    assert link.is_symlink() and real.read_text() == "keep\n"


def test_a_folder_target_is_refused_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "m.csv").write_text(MATRIX)
    folder = tmp_path / "out"
    folder.mkdir()
    code = main(["weights", str(tmp_path / "m.csv"), "--method", "equal", "-o", str(folder)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "folder" in err
    assert folder.is_dir()


def test_a_parent_that_is_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="cannot write"):
        write_text(tmp_path / "file" / "out.txt", "y")


# --- an output equal to an input of the same run ----------------------------------------


def test_weights_output_equal_to_its_matrix_is_refused(tmp_path, capsys):
    matrix = tmp_path / "M.csv"
    matrix.write_text(MATRIX)
    code = main(["weights", str(matrix), "--method", "entropy", "-o", str(matrix)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "input of this run" in err
    assert matrix.read_text() == MATRIX


def test_extract_output_equal_to_its_report_is_refused(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text("全市企业12家。\n", encoding="utf-8")
    code = main(["extract", str(report), "-o", str(report)])
    assert code == 2 and "input" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8") == "全市企业12家。\n"


def test_an_input_reached_through_another_name_is_still_refused(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(MATRIX)
    (tmp_path / "sub").mkdir()
    with run_inputs():
        read_csv(data)
        with pytest.raises(InputError, match="input of this run"):
            write_text(tmp_path / "sub" / ".." / "d.csv", "x")
    write_text(data, MATRIX)  # outside a run: library use is not restricted


# --- modes ------------------------------------------------------------------------------


def test_an_existing_files_mode_is_kept(tmp_path):
    target = tmp_path / "w.csv"
    target.write_text("old\n")
    target.chmod(0o600)
    write_csv(pd.DataFrame({"a": [1.0]}), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o640)
    write_table({"s": pd.DataFrame({"a": [1.0]})}, target.with_suffix(".xlsx"))
    write_text(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002])
def test_a_new_file_honours_the_umask(tmp_path, umask):
    previous = os.umask(umask)
    try:
        write_text(tmp_path / "new.txt", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~umask


# --- no temporary file left behind ------------------------------------------------------


@pytest.mark.parametrize("fault", [RuntimeError, KeyboardInterrupt, SystemExit])
def test_no_tmp_file_after_a_fault_inside_the_write(tmp_path, fault):
    target = tmp_path / "out.csv"
    target.write_text("before\n")
    with pytest.raises(fault):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise fault()
    assert leftovers(tmp_path) == [] and target.read_text() == "before\n"


def test_sigterm_of_the_cli_leaves_no_tmp_file(tmp_path):
    """A qci process killed with SIGTERM mid-write runs its finally blocks (exit 143)."""
    ready = tmp_path / "ready"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        import analysis.commands.weights as weights
        from analysis import files
        def slow(*args, **kwargs):
            with files.atomic_path({str(tmp_path / "w.csv")!r}) as tmp:
                tmp.write_text("half")
                Path({str(ready)!r}).write_text("1")
                time.sleep(60)
        weights.run = slow
        from analysis.cli import main
        sys.exit(main(["weights", "x.csv", "--method", "equal", "-o", "w.csv"]))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path)
    try:
        for _ in range(600):
            if ready.exists() or proc.poll() is not None:
                break
            import time

            time.sleep(0.05)
        assert ready.exists(), "the child never started writing"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if proc.poll() is None:
            proc.kill()
    assert leftovers(tmp_path) == [] and not (tmp_path / "w.csv").exists()


# --- formula injection ------------------------------------------------------------------

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "'quoted",
           "-1.6", "-1.6‰", "+3", "plain", "", None]


def test_csv_cells_that_would_run_are_prefixed_and_read_back(tmp_path):
    frame = pd.DataFrame({"text": HOSTILE, "value": np.linspace(-1, 1, len(HOSTILE))})
    target = write_csv(frame, tmp_path / "t.csv")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))[1:]
    written = [row[0] for row in rows]
    assert written[:6] == ["'=HYPERLINK(\"http://x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\t=1",
                           "''quoted"]
    assert written[6:9] == ["-1.6", "'-1.6‰", "+3"]  # plain numbers stay numbers
    assert [float(row[1]) for row in rows] == pytest.approx(frame["value"])
    back = read_csv(target, keep_default_na=False, dtype={"text": str})
    assert back["text"].tolist() == [*HOSTILE[:-1], ""]
    assert back["value"].to_numpy() == pytest.approx(frame["value"].to_numpy())


def test_negative_numbers_as_text_round_trip_as_numbers(tmp_path):
    frame = pd.DataFrame({"unit": ["a", "b"], "change": pd.Series(["-1.6", "2"], dtype=object)})
    back = read_csv(write_csv(frame, tmp_path / "c.csv"))
    assert back["change"].tolist() == [-1.6, 2.0]


def test_xlsx_cells_are_text_never_formulas(tmp_path):
    frame = pd.DataFrame({"text": HOSTILE[:-1], "n": range(len(HOSTILE) - 1)})
    target = write_table({"t": frame}, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(target)["t"]
    kinds = {cell.data_type for cell in sheet["A"][1:] if cell.value is not None}
    assert "f" not in kinds and kinds == {"s"}
    stored = [cell.value for cell in sheet["A"][1:5]]
    assert stored == ["'=HYPERLINK(\"http://x\")", "'+1+2", "'-2+3", "'@SUM(A1)"]
    back = read_table(target, keep_default_na=False)
    assert back["text"].tolist()[:10] == HOSTILE[:10]


def test_a_leading_carriage_return_is_neutralised():
    # (a CR inside a CSV cell is not kept by CSV readers; the prefix is what matters here)
    frame = pd.DataFrame({"text": ["\r=1+1", "\t@x"]})
    assert neutralise_formulas(frame)["text"].tolist() == ["'\r=1+1", "'\t@x"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="=+-@'\t.0123456789e aZ‰", max_size=8), min_size=1,
                max_size=6))
def test_neutralised_text_round_trips_through_csv(tmp_path_factory, cells):
    folder = tmp_path_factory.mktemp("rt")
    frame = pd.DataFrame({"text": pd.Series(cells, dtype=object), "k": range(len(cells))})
    safe = neutralise_formulas(frame)
    for before, after in zip(cells, safe["text"], strict=True):
        plain_number = PLAIN_NUMBER.match(before) is not None
        risky = bool(before) and before[0] in "=+-@'\t" and not plain_number
        assert after == ("'" + before if risky else before)
    back = read_csv(write_csv(frame, folder / "t.csv"), dtype={"text": str},
                    keep_default_na=False)
    assert back["text"].tolist() == cells


def test_files_named_on_the_command_line_are_inputs_but_the_output_is_not(tmp_path):
    import argparse

    from analysis.cli import record_argument_files

    spec, out = tmp_path / "spec.yaml", tmp_path / "out.csv"
    spec.write_text("x: 1\n")
    out.write_text("old\n")
    args = argparse.Namespace(spec=str(spec), paths=[spec, tmp_path / "missing"], output=str(out),
                              years=[2023], _run=None)
    with run_inputs() as inputs:
        record_argument_files(args)
        assert inputs == {spec.resolve()}
        with pytest.raises(InputError, match="input of this run"):
            write_text(spec, "y: 2\n")
        write_text(out, "new\n")
    assert spec.read_text() == "x: 1\n" and out.read_text() == "new\n"


# --- hostile numbers through the weights command ------------------------------------------

BAD_CELLS = ["nan", "inf", "-inf", "Infinity", "1e999", "-1e999", "NaN"]


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.floats(0.5, 100.0), min_size=15, max_size=15),
    bad=st.sampled_from(BAD_CELLS),
    cell=st.tuples(st.integers(0, 4), st.integers(0, 2)),
    power=st.integers(-150, 150),
    method=st.sampled_from(["critic", "cv", "std", "entropy", "pca"]),
)
def test_weights_cli_on_hostile_numbers_exits_2_or_matches_the_clean_table(
    tmp_path_factory, values, bad, cell, power, method
):
    """A non-finite cell stops ``qci weights`` with one line and exit 2; a column scaled by
    10^±150 gives the weights of the unscaled table (both stop with exit 2 on a degenerate
    table)."""
    folder = tmp_path_factory.mktemp("hostile")
    x = np.array(values).reshape(5, 3)
    units = [f"u{i}" for i in range(5)]

    def run(table: list[list[str]], name: str) -> tuple[int, pd.DataFrame | None]:
        path = folder / f"{name}.csv"
        path.write_text("unit,a,b,c\n" + "".join(
            f"{u},{','.join(row)}\n" for u, row in zip(units, table, strict=True)))
        out = folder / f"{name}-w.csv"
        code = main(["weights", str(path), "--method", method, "-o", str(out)])
        return code, (pd.read_csv(out) if code == 0 else None)

    clean = [[repr(float(v)) for v in row] for row in x]
    hostile = [row[:] for row in clean]
    hostile[cell[0]][cell[1]] = bad
    assert run(hostile, "bad")[0] == 2
    scaled = [row[:] for row in clean]
    for row, v in zip(scaled, x[:, 0], strict=True):
        row[0] = repr(float(v) * 10.0**power)
    code_clean, w_clean = run(clean, "clean")
    code_scaled, w_scaled = run(scaled, "scaled")
    assert code_clean == code_scaled
    if code_clean == 0:
        np.testing.assert_allclose(w_scaled["weight"], w_clean["weight"], rtol=1e-6, atol=1e-12)
    else:  # only a degenerate clean table (a constant or duplicated column) is refused
        assert (np.ptp(x, axis=0) < 1e-9).any() or np.linalg.matrix_rank(x - x.mean(0)) < 3


# --- inputs that are not regular files --------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_input_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "m.csv"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(InputError, match="FIFO"):
        read_csv(fifo)


def test_a_symlink_loop_and_a_broken_link_are_named(tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(InputError, match="symbolic links"):
        read_csv(tmp_path / "a.csv")
    (tmp_path / "c.csv").symlink_to(tmp_path / "gone.csv")
    with pytest.raises(InputError, match="leads nowhere"):
        read_table(tmp_path / "c.csv")
