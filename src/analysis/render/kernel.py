"""The worker side: one warm kernel per process runs every report through papermill."""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import inspect
import multiprocessing
import multiprocessing.util
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from analysis.render.jobs import (
    CELL_TIMEOUT,
    ENGINE_NAME,
    KERNEL_NAME,
    ReportJob,
    ReportOutcome,
    _display_path,
    effective_parameters,
)
from analysis.render.page import export_html, html_exporter

# --------------------------------------------------------------------------- worker side


class WarmKernel:
    """One IPython kernel, started once, that runs many notebooks in turn.

    Every call to the kernel goes through one private thread, so the kernel client and
    its event loop stay on the thread that made them whichever thread (a pool's main
    thread, a Dask worker's executor threads) asks for a report.
    """

    def __init__(self, modules: Sequence[str] = (), kernel_name: str = KERNEL_NAME):
        self.kernel_name = kernel_name
        self.modules = tuple(modules)
        self.km: Any = None
        self.kc: Any = None
        self.last_notebook: Any = None  # the notebook papermill is running, kept on failure
        self._thread = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="warm-kernel")

    def start(self) -> cf.Future:
        """Start the kernel and import ``modules`` in it, in the background.

        Returns at once; a report asked for meanwhile runs when the kernel is ready.
        """
        return self._thread.submit(self._ensure_started)

    def run(self, job: ReportJob, timeout: float | None = CELL_TIMEOUT) -> Any:
        """Execute ``job``'s notebook with papermill on this kernel; return the notebook.

        Raises papermill's ``PapermillExecutionError`` when a cell fails; the executed
        notebook (with the error) is then in :attr:`last_notebook`.
        """
        return self._thread.submit(self._run, job, timeout).result()

    def shutdown(self) -> None:
        """Stop the kernel (idempotent)."""
        try:
            self._thread.submit(self._stop).result()
        except RuntimeError:  # at interpreter exit the thread is gone: stop from here
            self._stop()

    def _ensure_started(self) -> None:
        if self.km is not None and _wait(self.km.is_alive()):
            return
        self._stop()
        from jupyter_client.manager import AsyncKernelManager
        from nbclient import NotebookClient
        from nbformat.v4 import new_notebook

        km = AsyncKernelManager(kernel_name=self.kernel_name)
        client = NotebookClient(
            new_notebook(),
            km=km,
            kernel_name=self.kernel_name,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no TCP warning per kernel
        )
        client.start_new_kernel(env=kernel_environment())
        client.start_new_kernel_client()
        self.km, self.kc = km, client.kc
        self._silent(f"import analysis.notebook as _q; _q.warm_up({self.modules!r}); del _q")

    def _run(self, job: ReportJob, timeout: float | None) -> Any:
        import nbformat
        import papermill
        from papermill.exceptions import PapermillExecutionError

        self.last_notebook = None
        try:
            self._ensure_started()
            self._silent(
                f"import analysis.notebook as _q; _q.reset_session({str(job.notebook.parent)!r})"
            )
            return papermill.execute_notebook(
                nbformat.read(job.notebook, as_version=4),
                None,
                parameters=dict(job.parameters),
                engine_name=ENGINE_NAME,
                kernel_name=self.kernel_name,
                progress_bar=False,
                execution_timeout=timeout,
                warm_kernel=self,
            )
        except PapermillExecutionError:
            raise  # a cell failed: the kernel is fine
        except Exception:
            self._stop()  # a timeout, a dead kernel: the next report starts a new one
            raise

    def _silent(self, code: str, timeout: float = 120) -> None:
        from nbclient.util import run_sync

        reply = run_sync(self.kc.execute_interactive)(
            code, silent=True, store_history=False, timeout=timeout
        )
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"warm kernel: {content.get('ename')}: {content.get('evalue')}")

    def _stop(self) -> None:
        km, kc, self.km, self.kc = self.km, self.kc, None, None
        with contextlib.suppress(Exception):
            if kc is not None:
                kc.stop_channels()
        with contextlib.suppress(Exception):
            if km is not None:
                _wait(km.shutdown_kernel(now=True))


def _wait(value: Any) -> Any:
    """The value, or the result of awaiting it on this thread's event loop."""
    if not inspect.isawaitable(value):
        return value
    from jupyter_core.utils import ensure_event_loop

    return ensure_event_loop().run_until_complete(value)


def kernel_environment() -> dict[str, str]:
    """The kernel's environment: ours, minus a forced matplotlib backend (plots inline)."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    return env


def _register_engine() -> None:
    """Register ``qci-warm`` with papermill: its client uses the warm kernel it is given."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class WarmKernelEngine(NBClientEngine):
        """papermill's nbclient engine, on an already running kernel."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: int = 60,
            execution_timeout: float | None = None,
            warm_kernel: WarmKernel | None = None,
            **kwargs: Any,
        ) -> Any:
            assert warm_kernel is not None, "the qci-warm engine needs warm_kernel="
            client = PapermillNotebookClient(
                nb_man,
                km=warm_kernel.km,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client.kc = warm_kernel.kc
            warm_kernel.last_notebook = nb_man.nb
            return client.execute()

    papermill_engines.register(ENGINE_NAME, WarmKernelEngine)


_WORKER_LOCK = threading.Lock()
_WORKER: dict[str, Any] = {}


def worker_state(modules: Sequence[str] = ()) -> tuple[WarmKernel, Any]:
    """This process's warm kernel and HTML exporter, made on first use.

    The kernel imports ``modules`` as it starts (the reports' imports, see
    :func:`notebook_imports`); meanwhile this process loads nbconvert and its template.
    """
    with _WORKER_LOCK:
        if not _WORKER:
            _register_engine()
            kernel = WarmKernel(modules)
            kernel.start()  # the kernel starts while the exporter below loads
            atexit.register(kernel.shutdown)
            # pool workers leave through os._exit, which skips atexit; Finalize still runs
            multiprocessing.util.Finalize(kernel, kernel.shutdown, exitpriority=10)
            _WORKER["kernel"] = kernel
            exporter = html_exporter()
            exporter.from_notebook_node(_empty_notebook())  # compile the template meanwhile
            _WORKER["exporter"] = exporter
        return _WORKER["kernel"], _WORKER["exporter"]


def _empty_notebook() -> Any:
    from nbformat.v4 import new_notebook

    return new_notebook()


def start_worker(modules: Sequence[str] = ()) -> None:
    """Pool initializer: start this worker's kernel before the first report arrives.

    The worker ends with its kernel: SIGTERM (the batch terminating its pool on an
    interruption, :func:`analysis.render.batch.open_executor`) kills the kernel process,
    removes its connection file and exits at once, even mid-report; on Linux the worker
    also gets SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``: kill -9 of
    ``qci render`` leaves no worker or kernel behind).
    """
    signal.signal(signal.SIGTERM, _end_worker)
    _die_with_parent()
    worker_state(modules)


def kernel_process(kernel: WarmKernel) -> tuple[int | None, str | None]:
    """The kernel's process id and connection file (None, None before it started)."""
    km = kernel.km
    if km is None:
        return None, None
    provisioner = getattr(km, "provisioner", None)
    return getattr(provisioner, "pid", None), getattr(km, "connection_file", None) or None


def _end_worker(signum: int, frame: object) -> None:
    """SIGTERM in a pool worker: kill the kernel, remove its connection file, exit now."""
    kernel = _WORKER.get("kernel")
    if kernel is not None:
        pid, connection_file = kernel_process(kernel)
        if pid:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if connection_file:
            with contextlib.suppress(OSError):
                os.unlink(connection_file)
    os._exit(128 + signum)


def _die_with_parent() -> None:
    """Linux: ask for SIGTERM when the parent process dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
        if os.getppid() == 1:  # the parent died before prctl: end now
            os.kill(os.getpid(), signal.SIGTERM)


def render_job(job: ReportJob, timeout: float | None = CELL_TIMEOUT) -> ReportOutcome:
    """Run one report on this process's warm kernel; never raises (failures are returned)."""
    started = time.perf_counter()
    kernel, exporter = worker_state(job.imports)
    try:
        nb = kernel.run(job, timeout)
    except Exception as exc:
        executed = kernel.last_notebook
        if executed is not None:
            _record(executed, job)
        return ReportOutcome(
            job,
            time.perf_counter() - started,
            notebook_json=_dumps(executed) if executed is not None else None,
            error=describe_failure(exc, executed),
        )
    _record(nb, job)
    notebook_json = _dumps(nb)
    try:
        page = export_html(nb, job, exporter)
    except Exception as exc:  # a failing export fails this report only
        return ReportOutcome(
            job, time.perf_counter() - started, notebook_json, error=f"HTML export: {exc!r}"
        )
    return ReportOutcome(job, time.perf_counter() - started, notebook_json, page)


def _record(nb: Any, job: ReportJob) -> None:
    """Record where the notebook came from (papermill saw an object) and what it ran with."""
    nb.metadata.setdefault("papermill", {})["input_path"] = _display_path(job.notebook)
    nb.metadata["qci"] = {
        "year": job.year,
        "unit": job.unit,
        "parameters": effective_parameters(job),
        "rendered": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _dumps(nb: Any) -> str:
    import nbformat

    return nbformat.writes(nb) + "\n"


def describe_failure(exc: BaseException, nb: Any = None) -> str:
    """One line: the failing cell and the error.

    papermill names the cell of an exception; for a timeout or a kernel that died, the
    cell is the last one papermill started in ``nb``.
    """
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        where = _cell_label(exc.cell_index, exc.exec_count, exc.source)
        return f"{where}: {exc.ename}: {' '.join(str(exc.evalue).split())}"
    message = " ".join(str(exc).split())
    message = message if len(message) <= 160 else message[:157] + "..."
    started = [
        i
        for i, cell in enumerate(nb.cells if nb is not None else [])
        if cell.metadata.get("papermill", {}).get("start_time")
    ]
    if not started:
        return f"{type(exc).__name__}: {message}"
    cell = nb.cells[started[-1]]
    return f"{_cell_label(started[-1], cell.get('execution_count'), cell.source)}: {type(exc).__name__}: {message}"


def _cell_label(index: int, count: int | None, source: str | None) -> str:
    """``cell 4 (In [4]) `first line of the cell```."""
    first = next((ln.strip() for ln in (source or "").splitlines() if ln.strip()), "")
    first = first if len(first) <= 60 else first[:57] + "..."
    return f"cell {index} (In [{count if count is not None else ' '}]) `{first}`"


