"""The batch: workers (a local pool or a Dask cluster), outcomes written as they come."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
) -> Iterator[cf.Executor]:
    """A local pool of ``workers`` processes, or the workers of the Dask cluster at ``scheduler``.

    Pool workers start their kernel (importing ``warm_modules``) as soon as they start.
    """
    if scheduler:
        from distributed import Client

        try:
            client = Client(scheduler, timeout=connect_timeout)
        except OSError as exc:
            raise InputError(f"--scheduler {scheduler!r}: cannot connect ({exc})") from exc
        with client:
            yield client.get_executor(pure=False)
        return
    if workers < 1:
        raise InputError(f"--workers {workers}: must be at least 1")
    context = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_worker, initargs=(tuple(warm_modules),)
    ) as pool:
        yield pool


def run_jobs(
    jobs: Sequence[ReportJob],
    workers: int = 2,
    scheduler: str | None = None,
    progress: bool = True,
    timeout: float | None = CELL_TIMEOUT,
    on_done: Callable[[ReportOutcome], None] | None = None,
) -> list[ReportOutcome]:
    """Run every job; return the outcomes in job order. One failure never stops the rest."""
    from tqdm.auto import tqdm

    outcomes: dict[int, ReportOutcome] = {}
    modules = tuple(dict.fromkeys(m for job in jobs for m in job.imports))
    with open_executor(
        min(workers, max(len(jobs), 1)), scheduler, warm_modules=modules
    ) as executor:
        futures = {executor.submit(render_job, job, timeout): i for i, job in enumerate(jobs)}
        bar = tqdm(total=len(jobs), desc="render", unit="report", disable=not progress)
        for future in cf.as_completed(futures):
            i = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker itself died
                outcome = ReportOutcome(
                    jobs[i], 0.0, error=f"worker failed: {describe_failure(exc)}"
                )
            outcomes[i] = outcome
            if on_done is not None:
                on_done(outcome)
            bar.set_postfix_str(f"{outcome.job.label} {'ok' if outcome.ok else 'FAILED'}")
            bar.update()
        bar.close()
    return [outcomes[i] for i in range(len(jobs))]


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

    Files are written as each report completes, each atomically. Returns the outcomes in
    job order; failed ones carry their error.
    """
    jobs = plan_jobs(notebooks, years, parameters, implicit, units, unit_notebooks, study)
    if not jobs:
        raise InputError("no years to render: none given and the study has none")
    out_dir = Path(out_dir)

    outcomes = run_jobs(
        jobs, workers, scheduler, progress, timeout, on_done=lambda o: write_outcome(o, out_dir)
    )
    write_index(out_dir, [o for o in outcomes if not o.ok], study=study)
    return outcomes
