"""Issue 14, render batches under faults: a report whose files cannot be written, a worker
process that dies, parameters the batch sets itself, timeouts that are no limit.

Each failure fails its own report only; the rest run, the index is written and the exit
status is non-zero.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import cli, render
from analysis.errors import InputError
from analysis.render.batch import WORKER_DIED

FIXTURES = Path(__file__).parent / "data" / "render"
FAILING = FIXTURES / "notebooks" / "fails-for-2022.ipynb"


def fake_jobs(years: list[int]) -> list[render.ReportJob]:
    return [render.ReportJob(year=y, notebook=Path(f"nb-{y}.ipynb"), parameters={"year": y},
                             html_name="index.html") for y in years]


def dies_for_2022(job: render.ReportJob, timeout: float | None) -> render.ReportOutcome:
    """A worker task (run in a pool process) that kills its own process for 2022."""
    if job.year == 2022:
        os._exit(9)
    return render.ReportOutcome(job, 0.0, notebook_json="{}", html=f"<p>{job.year}</p>")


def test_a_dead_worker_fails_only_its_report_and_the_pool_is_replaced() -> None:
    years = [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    outcomes = render.run_jobs(fake_jobs(years), workers=2, progress=False,
                               task=dies_for_2022, initializer=None)
    assert [o.job.year for o in outcomes] == years
    assert {o.job.year: o.ok for o in outcomes} == {y: y != 2022 for y in years}
    assert outcomes[years.index(2022)].error == WORKER_DIED
    assert [o.html for o in outcomes if o.ok] == [f"<p>{y}</p>" for y in years if y != 2022]


def test_a_write_error_in_the_result_handler_fails_only_that_report() -> None:
    def on_done(outcome: render.ReportOutcome) -> None:
        if outcome.job.year == 2021:
            raise OSError(28, "No space left on device")

    outcomes = render.run_jobs(fake_jobs([2020, 2021, 2023]), workers=1, progress=False,
                               task=dies_for_2022, initializer=None, on_done=on_done)
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "writing its files failed" in outcomes[1].error
    assert "No space left on device" in outcomes[1].error


def test_a_blocked_year_folder_fails_that_year_and_the_index_is_still_written(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "2024").write_text("a file where the year's folder would go\n")
    argv = ["render", "--years", "2023", "2024", "--notebooks", str(FAILING),
            "--workers", "1", "--no-progress", "-o", str(tmp_path)]
    status = cli.main(argv)
    out = capsys.readouterr()
    assert status == 1 and "1 report(s) failed" in out.err
    assert (tmp_path / "2023" / "index.html").is_file()
    assert (tmp_path / "index.html").is_file()
    line = next(ln for ln in out.out.splitlines() if ln.startswith("2024"))
    assert "FAILED" in line and "writing its files failed" in line


def test_the_year_set_by_the_batch_is_refused_as_a_parameter() -> None:
    with pytest.raises(InputError, match="--parameter year: set by the batch"):
        render.plan_jobs([FAILING], [2023], parameters={"year": 1999})


def test_render_p_year_is_one_line_exit_2(tmp_path: Path, capsys) -> None:
    argv = ["render", "--years", "2023", "--notebooks", str(FAILING), "-p", "year=1999",
            "-o", str(tmp_path)]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "year" in err and "--years" in err


@pytest.mark.parametrize("timeout", ["0", "-5", "nan", "inf", "soon"])
def test_a_timeout_that_is_no_limit_is_refused(tmp_path: Path, capsys, timeout: str) -> None:
    argv = ["render", "--years", "2023", "--timeout", timeout, "-o", str(tmp_path)]
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--timeout" in err


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan")])
def test_run_jobs_refuses_a_timeout_that_is_no_limit(timeout: float) -> None:
    with pytest.raises(InputError, match="--timeout"):
        render.run_jobs(fake_jobs([2023]), timeout=timeout, progress=False)


def test_an_output_that_is_a_file_is_one_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "reports").write_text("x")
    argv = ["render", "--years", "2023", "--notebooks", str(FAILING), "-o",
            str(tmp_path / "reports")]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    assert "not a folder" in capsys.readouterr().err


def test_a_scheduler_that_is_not_an_address_is_one_line(tmp_path: Path, capsys) -> None:
    argv = ["render", "--years", "2023", "--notebooks", str(FAILING), "--scheduler",
            "not a url", "-o", str(tmp_path)]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--scheduler" in err


def warm_kernel_process(job: object, timeout: object) -> tuple[int, int, str]:
    """In a pool worker: (worker pid, kernel pid, connection file) once the kernel runs."""
    from analysis.render.kernel import kernel_process, worker_state

    kernel, _ = worker_state(())
    kernel._thread.submit(lambda: None).result()  # wait until the kernel has started
    pid, connection_file = kernel_process(kernel)
    return os.getpid(), pid, connection_file


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped) is not alive
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def wait_until(condition, seconds: float = 20.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_an_interrupted_batch_ends_its_workers_kernels_and_connection_files() -> None:
    """KeyboardInterrupt (or SIGTERM, which cli.main turns into SystemExit) inside the
    batch: the pool's workers are terminated, and each takes its kernel and connection
    file with it."""
    with pytest.raises(KeyboardInterrupt):
        with render.open_executor(1) as pool:
            worker, kernel, connection_file = pool.submit(warm_kernel_process, None, None).result()
            assert alive(worker) and alive(kernel) and Path(connection_file).exists()
            raise KeyboardInterrupt
    assert wait_until(lambda: not alive(worker) and not alive(kernel))
    assert not Path(connection_file).exists()


SLEEPS = FIXTURES / "slow" / "sleeps.ipynb"


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(") ", 1)[1].split()
            except (OSError, IndexError):
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return {p for p in found if alive(p)}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_stopping_qci_render_leaves_no_worker_or_kernel(tmp_path: Path, how: str) -> None:
    """``kill`` (SIGTERM) of ``qci render`` mid-report ends its pool worker and kernel;
    so does ``kill -9``, through the workers' parent-death signal."""
    import signal
    import subprocess
    import sys

    flag = tmp_path / "started"
    argv = [sys.executable, "-m", "analysis", "render", "--years", "2023", "--notebooks",
            str(SLEEPS), "--workers", "1", "--no-progress", "-p", f"flag={flag}",
            "-o", str(tmp_path / "reports")]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert wait_until(flag.exists, 120), proc.stderr.read().decode() if proc.poll() else ""
        kernel = int(flag.read_text())
        below = descendants(proc.pid)
        assert kernel in below
        proc.send_signal(getattr(signal, how))
        proc.wait(timeout=60)
        assert wait_until(lambda: not any(alive(p) for p in below), 30), descendants(proc.pid)
        assert not alive(kernel)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_parameter_the_notebook_refuses_is_exit_2(tmp_path: Path, capsys) -> None:
    """``-p flag=5`` to a notebook whose ``flag`` is a str: the report stops on the
    notebook's InputError, and a batch whose every failure is bad input exits 2."""
    argv = ["render", "--years", "2023", "--notebooks", str(SLEEPS), "-p", "flag=5",
            "--workers", "1", "--no-progress", "-o", str(tmp_path)]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    out = capsys.readouterr().out
    assert "InputError: parameter 'flag'" in out
    assert (tmp_path / "index.html").is_file()
