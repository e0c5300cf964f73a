"""Issue 14: outputs onto a full disk and a read-only folder, on real file systems — a
small tmpfs and a read-only bind mount (mounted when the tests run as root, skipped
otherwise): each command stops with exit 2 and one line, the previous output stays as it
was and no temporary file is left behind."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from analysis.cli import main

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                       reason="mounting a tmpfs or a bind mount needs root"),
    # a half-written workbook's zip file closed again at garbage collection printed
    # "Exception ignored in ZipFile.__del__ ... No space left on device" after the one line
    pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning"),
]

MATRIX = "unit,a,b\nx,1,4\ny,2,6\nz,3,5\nw,5,1\n"
CRITERIA = "indicator,direction,weight\na,1,0.5\nb,-1,0.5\n"


def mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


@contextlib.contextmanager
def mounted(target: Path, *args: str) -> Iterator[Path]:
    target.mkdir()
    mount(*args, str(target))
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.fixture
def full_disk(tmp_path) -> Iterator[Path]:
    """A 64 KiB tmpfs holding the previous outputs, then filled up to the last byte."""
    with mounted(tmp_path / "full", "-t", "tmpfs", "-o", "size=64k,nr_inodes=64", "tmpfs") as disk:
        yield disk


@pytest.fixture
def read_only(tmp_path) -> Iterator[Path]:
    """A folder (holding a previous output) seen through a read-only bind mount."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "r.csv").write_text("old\n")
    with mounted(tmp_path / "ro", "--bind", str(source)) as view:
        mount("-o", "remount,ro,bind", str(view))
        yield view


def fill(disk: Path) -> None:
    with contextlib.suppress(OSError), open(disk / "filler", "wb") as fh:
        while True:
            fh.write(b"\0" * 4096)
            fh.flush()


def cli(argv: list[object]) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main([str(a) for a in argv])
    return code, err.getvalue()


def one_line(err: str) -> str:
    """The one error line (warnings may precede it); never a traceback."""
    lines = [line for line in err.strip().splitlines() if ": error: " in line]
    assert len(lines) == 1 and "Traceback" not in err and "Exception ignored" not in err, err
    return lines[0]


def inputs(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "m.csv").write_text(MATRIX)
    (tmp_path / "criteria.csv").write_text(CRITERIA)
    return tmp_path / "m.csv", tmp_path / "criteria.csv"


def test_weights_and_rank_onto_a_full_disk(tmp_path, full_disk):
    matrix, criteria = inputs(tmp_path)
    (full_disk / "w.csv").write_text("old weights\n")
    (full_disk / "r.xlsx").write_text("old workbook\n")
    fill(full_disk)
    code, err = cli(["weights", matrix, "--method", "critic", "-o", full_disk / "w.csv"])
    assert code == 2 and "No space left on device" in one_line(err)
    code, err = cli(["rank", matrix, "--criteria", criteria, "--method", "topsis",
                     "-o", full_disk / "r.xlsx"])
    assert code == 2 and "No space left on device" in one_line(err)
    assert (full_disk / "w.csv").read_text() == "old weights\n"
    assert (full_disk / "r.xlsx").read_text() == "old workbook\n"
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "r.xlsx", "w.csv"]


def test_an_index_run_onto_a_full_disk_keeps_the_previous_run(tmp_path, full_disk):
    (tmp_path / "panel.csv").write_text("unit,year,indicator,value\n" + "".join(
        f"u{i},2020,{c},{v}\n" for i in range(5) for c, v in (("a", i + 1), ("b", 7 - i))))
    (tmp_path / "fw.csv").write_text("indicator,direction\na,1\nb,-1\n")
    (tmp_path / "spec.yaml").write_text("normalise: {method: minmax}\naggregate: amean\n")
    argv = ["index", "--data", tmp_path / "panel.csv", "--meta", tmp_path / "fw.csv",
            "--spec", tmp_path / "spec.yaml", "-o", full_disk / "out"]
    assert cli(argv)[0] == 0
    before = {p.name: p.read_bytes() for p in (full_disk / "out").iterdir()}
    fill(full_disk)
    code, err = cli(argv)
    assert code == 2 and "No space left on device" in one_line(err)
    assert {p.name: p.read_bytes() for p in (full_disk / "out").iterdir()} == before


def test_extract_onto_a_full_disk(tmp_path, full_disk):
    (tmp_path / "a.txt").write_text("2023年全市地区生产总值1000亿元，比上年增长5.0%。\n" * 200,
                                    encoding="utf-8")
    fill(full_disk)
    code, err = cli(["extract", tmp_path / "a.txt", "-o", full_disk / "figures.csv"])
    assert code == 2 and "No space left on device" in one_line(err)
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_outputs_into_a_read_only_folder(tmp_path, read_only):
    matrix, criteria = inputs(tmp_path)
    (tmp_path / "a.txt").write_text("2023年全市地区生产总值1000亿元。\n", encoding="utf-8")
    for argv in (["rank", matrix, "--criteria", criteria, "--method", "wsm", "-o", read_only / "r.csv"],
                 ["extract", tmp_path / "a.txt", "-o", read_only / "figures.csv"],
                 ["obstacle", matrix, "--criteria", criteria, "-o", read_only / "new.xlsx"],
                 ["weights", matrix, "--method", "cv", "-o", read_only / "sub" / "w.csv"]):
        code, err = cli(argv)
        assert code == 2 and "Read-only file system" in one_line(err), argv
    assert (read_only / "r.csv").read_text() == "old\n"
    assert sorted(p.name for p in read_only.iterdir()) == ["r.csv"]
