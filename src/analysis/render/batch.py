"""The batch: workers (a local pool or a Dask cluster), outcomes written as they come."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import json
import math
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from analysis import config
from analysis.errors import InputError
from analysis.files import write_text
from analysis.render.index_page import write_index
from analysis.render.jobs import CELL_TIMEOUT, ReportJob, ReportOutcome, _display_path, plan_jobs
from analysis.render.kernel import describe_failure, render_job, start_worker

# --------------------------------------------------------------------------- batch


@contextlib.contextmanager
def open_executor(
    workers: int,
    scheduler: str | None = None,
    connect_timeout: str = "10s",
    warm_modules: Sequence[str] = (),
    initializer: Callable[..., None] | None = start_worker,
) -> Iterator[cf.Executor]:
    """A local pool of ``workers`` processes, or the workers of the Dask cluster at ``scheduler``.

    Pool workers start their kernel (importing ``warm_modules``) as soon as they start
    (``initializer``; None: nothing). When the block ends by an interruption (``KeyboardInterrupt``, or ``SystemExit`` from
    SIGTERM, :func:`analysis.cli.main`) the queued reports are cancelled and the worker
    processes terminated instead of waited for.
    """
    if scheduler:
        from distributed import Client

        try:
            client = Client(scheduler, timeout=connect_timeout)
        except (OSError, ValueError, TypeError) as exc:
            message = " ".join(str(exc).split())
            raise InputError(f"--scheduler {scheduler!r}: cannot connect ({message})") from exc
        with client:
            yield client.get_executor(pure=False)
        return
    if workers < 1:
        raise InputError(f"--workers {workers}: must be at least 1")
    context = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(
        workers, mp_context=context, initializer=initializer,
        initargs=(tuple(warm_modules),) if initializer is not None else (),
    )  # fmt: skip
    try:
        yield pool
    except BaseException as exc:
        if not isinstance(exc, Exception):  # interrupted: do not wait for running reports
            _terminate_pool(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _terminate_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Cancel the queued work and terminate the pool's worker processes."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(5)


def check_timeout(timeout: float | None) -> float | None:
    """``timeout`` if it is None (no limit) or a finite number of seconds > 0, else an
    :class:`InputError` (``--timeout 0``, a negative or a NaN one is never a limit)."""
    if timeout is None:
        return None
    if not isinstance(timeout, int | float) or not math.isfinite(timeout) or timeout <= 0:
        raise InputError(f"--timeout {timeout}: must be a number of seconds greater than 0")
    return float(timeout)


#: The start of the error of a report whose files could not be written.
WRITE_FAILED = "writing its files failed"
#: The error of a report whose worker process died while running it.
WORKER_DIED = "its worker process died (killed, or out of memory); the pool was replaced"


def run_jobs(
    jobs: Sequence[ReportJob],
    workers: int = 2,
    scheduler: str | None = None,
    progress: bool = True,
    timeout: float | None = CELL_TIMEOUT,
    on_done: Callable[[ReportOutcome], None] | None = None,
    task: Callable[[ReportJob, float | None], ReportOutcome] = render_job,
    initializer: Callable[..., None] | None = start_worker,
) -> list[ReportOutcome]:
    """Run every job; return the outcomes in job order. One failure never stops the rest.

    A failure is the report's own, whatever it is: an error in the notebook, its kernel
    dying, ``on_done`` raising (e.g. a full disk while writing its files: the outcome
    becomes a failure naming the error), or its worker process dying. A dead worker breaks
    a local process pool (``BrokenProcessPool`` for every unfinished report, including
    ones not started): those reports are then run again on a new pool of one worker, one
    after another, so that a report that kills its worker again is identified — it fails
    alone (:data:`WORKER_DIED`) and a fresh pool runs the others. ``task`` is what a
    worker runs per job, ``initializer`` what a pool worker runs first (``render_job`` on
    the warm kernel :func:`start_worker` starts; tests inject others).
    """
    from tqdm.auto import tqdm

    timeout = check_timeout(timeout)
    outcomes: dict[int, ReportOutcome] = {}
    modules = tuple(dict.fromkeys(m for job in jobs for m in job.imports))
    bars: list[Any] = []  # the progress bar, shown from the first finished report on

    def finish(i: int, outcome: ReportOutcome) -> None:
        if not bars:
            bars.append(tqdm(total=len(jobs), desc="render", unit="report", disable=not progress))
        bar = bars[0]
        if on_done is not None:
            try:
                on_done(outcome)
            except Exception as exc:  # its files could not be written: this report fails
                outcome = dataclasses.replace(
                    outcome, error=f"{WRITE_FAILED}: {describe_failure(exc)}"
                )
        outcomes[i] = outcome
        bar.set_postfix_str(f"{outcome.job.label} {'ok' if outcome.ok else 'FAILED'}")
        bar.update()

    pending = list(range(len(jobs)))
    width = min(workers, max(len(jobs), 1))
    try:
        while pending:
            broken = _run_round(
                jobs, pending, width, scheduler, (modules, initializer), timeout, task, finish
            )
            if not broken:
                break
            if width == 1:  # one worker, reports in order: the first unfinished one killed it
                finish(broken[0], ReportOutcome(jobs[broken[0]], 0.0, error=WORKER_DIED))
                broken = broken[1:]
            width = 1
            pending = broken
    finally:
        for bar in bars:
            bar.close()
    return [outcomes[i] for i in range(len(jobs))]


def _run_round(
    jobs: Sequence[ReportJob],
    indices: Sequence[int],
    width: int,
    scheduler: str | None,
    warm: tuple[tuple[str, ...], Callable[..., None] | None],
    timeout: float | None,
    task: Callable[[ReportJob, float | None], ReportOutcome],
    finish: Callable[[int, ReportOutcome], None],
) -> list[int]:
    """Run ``indices`` on one executor, finishing each; the ones a broken pool left
    unfinished, in order."""
    broken: list[int] = []
    modules, initializer = warm
    with open_executor(width, scheduler, warm_modules=modules, initializer=initializer) as executor:
        futures = {executor.submit(task, jobs[i], timeout): i for i in indices}
        for future in cf.as_completed(futures):
            i = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                broken.append(i)
                continue
            except Exception as exc:  # the task itself failed (a Dask worker lost, ...)
                outcome = ReportOutcome(jobs[i], 0.0, error=f"worker failed: {describe_failure(exc)}")
            finish(i, outcome)
    return sorted(broken)


def write_outcome(outcome: ReportOutcome, out_dir: Path) -> list[Path]:
    """Write a report's files atomically; for a failure, only ``<stem>.error.ipynb``.

    A failed report leaves the previous good report of that year in place; a good one
    removes a stale ``.error.ipynb``.
    """
    folder = out_dir / str(outcome.job.year) / outcome.job.subdir
    error_nb = folder / f"{outcome.job.output_stem}.error.ipynb"
    if not outcome.ok:
        if not outcome.notebook_json:
            return []
        return [write_text(error_nb, _with_output_path(outcome.notebook_json, error_nb))]
    executed = folder / f"{outcome.job.output_stem}.ipynb"
    written = [
        write_text(executed, _with_output_path(outcome.notebook_json or "", executed)),
        write_text(folder / outcome.job.html_name, outcome.html or ""),
    ]
    error_nb.unlink(missing_ok=True)
    return written


def _with_output_path(notebook_json: str, path: Path) -> str:
    """The notebook with papermill's ``output_path`` set to where it is written."""
    nb = json.loads(notebook_json)
    nb["metadata"]["papermill"]["output_path"] = _display_path(path.resolve())
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"



def summary_table(outcomes: Sequence[ReportOutcome], out_dir: Path) -> str:
    """A plain-text table: one line per report, what was written or why it failed."""
    header = ("year", "notebook", "status", "seconds", "output / error")
    rows = [
        (
            str(o.job.year),
            o.job.stem if o.job.unit is None else f"{o.job.stem} ({o.job.unit})",
            "ok" if o.ok else "FAILED",
            f"{o.seconds:.1f}",
            str(out_dir / o.job.html_path) if o.ok else (o.error or ""),
        )
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4]
        for r in [header, *rows]
    ]
    done = sum(o.ok for o in outcomes)
    lines.append(f"{done} rendered, {len(outcomes) - done} failed")
    return "\n".join(lines)


def render(
    years: Iterable[int],
    notebooks: Sequence[Path],
    out_dir: Path = config.REPORTS_DIR,
    parameters: Mapping[str, Any] | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    progress: bool = True,
    timeout: float | None = CELL_TIMEOUT,
    implicit: Mapping[str, Any] | None = None,
    units: Mapping[int, Sequence[str]] | None = None,
    unit_notebooks: Sequence[Path] | None = None,
    study: Any = None,
) -> list[ReportOutcome]:
    """Render every (year, notebook) report, and every (year, unit, unit notebook) report,
    into ``out_dir`` and write its index (see :func:`analysis.render.jobs.plan_jobs` for the
    arguments).

    Files are written as each report completes, each atomically; a report whose files
    cannot be written fails alone (:func:`run_jobs`), and the index is written whatever
    failed. Returns the outcomes in job order; failed ones carry their error.
    """
    check_timeout(timeout)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"-o/--output {out_dir}: exists and is not a folder; give the reports folder")
    jobs = plan_jobs(notebooks, years, parameters, implicit, units, unit_notebooks, study)
    if not jobs:
        raise InputError("no years to render: none given and the study has none")

    outcomes = run_jobs(
        jobs, workers, scheduler, progress, timeout, on_done=lambda o: write_outcome(o, out_dir)
    )
    write_index(out_dir, [o for o in outcomes if not o.ok], study=study)
    return outcomes
