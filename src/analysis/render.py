"""Batch rendering of parameterized notebooks into self-contained HTML reports.

``python -m analysis render`` runs each report notebook once per year and writes, for
every year, ``reports/<year>/index.html`` (the main report), the executed notebook beside
it (papermill's metadata: its parameters, timings, any exception) and
``reports/index.html`` listing them all.

Why it is fast
--------------
Running ``papermill`` then ``jupyter nbconvert`` for each report pays, every time, for a
new kernel, for importing pandas/matplotlib/analysis in it, and for two Python start-ups.
Here every worker keeps one *warm kernel* (:class:`WarmKernel`): started once, with the
modules the reports import imported once (:func:`analysis.notebook.warm_up`), while the
worker itself loads nbconvert. Each report then gets
a fresh session on it (:func:`analysis.notebook.reset_session`: empty namespace and
history, execution count 1, figures closed, matplotlib and pandas settings restored) and
is executed *by papermill itself* through a papermill engine registered here
(``qci-warm``) that hands papermill's client the running kernel instead of starting one.
The executed notebook is therefore what ``papermill`` produces: the ``parameters`` cell,
an ``injected-parameters`` cell after it, papermill's metadata and error markers. The
worker then exports the HTML with one reused :class:`nbconvert.HTMLExporter`.

Workers are processes: a local pool of ``--workers K`` (the default), or the workers of
an existing Dask cluster (``--scheduler tcp://…``), each holding its own warm kernel. A
report that fails does not stop the batch: its error (the cell and the exception) is
collected and shown in the closing table, and the exit status is non-zero.

Self-contained HTML
-------------------
The template ``templates/report.html.j2`` extends nbconvert's ``lab`` template and drops
everything it would fetch from a CDN (require.js, MathJax, mermaid, widget manager); the
styles are inlined by nbconvert and the plots are ``data:`` URIs. It adds ``lang``,
a CJK font stack and a header with the report's title, year and parameters. Cells tagged
``remove-cell`` (notes for readers of the notebook) are left out of the HTML.

Chinese text needs no system font: :func:`embed_cjk_font` subsets the bundled Noto Sans
CJK SC (:func:`analysis.fonts.cjk_font_path`) to the characters the page's text uses and
embeds it as an ``@font-face`` ``data:`` URI (WOFF), first in the page's font stack. The
subset is made once per character set in each worker (about 0.3-0.6 s, and 20-80 kB of
WOFF, for a report of 100-600 distinct characters; see :func:`cjk_font_face`).

Which notebooks
---------------
By default (:func:`default_notebooks`) every year gets the annual report
(``90-annual-report``) as ``reports/<year>/index.html`` and, beside it, every other
notebook in ``notebooks/`` whose parameters declare ``year`` (``10-clean-report-figures``,
``40-uncertainty-sensitivity``, ...) as ``<stem>.html``; ``reports/index.html`` links them
all. A notebook's ``metadata.titles`` (``{"zh": ..., "en": ...}``) gives its title in the
report's ``lang`` parameter, which also sets the page's ``<html lang>``.
"""

from __future__ import annotations

import ast
import atexit
import concurrent.futures as cf
import contextlib
import functools
import html
import inspect
import json
import multiprocessing
import multiprocessing.util
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from analysis import config
from analysis.errors import InputError
from analysis.files import write_text

# jsonschema (under nbformat) imports the optional IRI checker rfc3987_syntax when it is
# installed, which builds a grammar at import: 2 s in every process that reads a
# notebook. Notebook schemas have no IRI field; leave it out of the render processes.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

#: the notebook that is each year's index.html when none are named (see :func:`default_notebooks`)
MAIN_NOTEBOOK = "90-annual-report"
DEFAULT_NOTEBOOKS = (MAIN_NOTEBOOK,)
KERNEL_NAME = "python3"
ENGINE_NAME = "qci-warm"
TEMPLATES_DIR = config.PACKAGE_DIR / "templates"
TEMPLATE_FILE = "report.html.j2"
#: seconds a single cell may run before the report is failed
CELL_TIMEOUT = 600


# --------------------------------------------------------------------------- jobs


@dataclass(frozen=True)
class ReportJob:
    """One notebook to run for one year, and where its outputs go."""

    year: int
    notebook: Path
    parameters: Mapping[str, Any]
    html_name: str  # "index.html" for the year's main report, else "<stem>.html"
    title: str = ""
    defaults: Mapping[str, Any] = field(default_factory=dict)
    imports: tuple[str, ...] = ()  # what the notebook imports: warmed up in each kernel

    @property
    def stem(self) -> str:
        return self.notebook.stem

    @property
    def label(self) -> str:
        return f"{self.year}/{self.stem}"


@dataclass
class ReportOutcome:
    """What a worker sends back: the executed notebook and HTML, or the failure."""

    job: ReportJob
    seconds: float
    notebook_json: str | None = None
    html: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def find_notebooks(names: Sequence[str] | None, folder: Path = config.NOTEBOOKS_DIR) -> list[Path]:
    """Resolve notebook names: a path, a file name, a stem, or a number prefix (``90``)."""
    available = sorted(folder.glob("*.ipynb"))
    if not names:
        return default_notebooks(folder)
    found = []
    for name in names:
        path = Path(name)
        if path.suffix == ".ipynb" and path.exists():
            found.append(path.resolve())
            continue
        stem = path.name.removesuffix(".ipynb")
        matches = [p for p in available if p.stem == stem] or [
            p for p in available if p.stem.split("-", 1)[0] == stem
        ]
        if len(matches) != 1:
            names_ = ", ".join(p.stem for p in available) or "none"
            raise InputError(f"--notebooks {name!r}: no such notebook in {folder} (have: {names_})")
        found.append(matches[0])
    return found


def default_notebooks(folder: Path = config.NOTEBOOKS_DIR) -> list[Path]:
    """The annual report first (each year's ``index.html``), then every other notebook of
    ``folder`` that takes a ``year`` parameter, in name order."""
    available = sorted(folder.glob("*.ipynb"))
    main = [p for p in available if p.stem == MAIN_NOTEBOOK]
    others = []
    for path in available:
        if path.stem == MAIN_NOTEBOOK:
            continue
        try:
            takes_year = "year" in notebook_parameters(path)
        except InputError:
            takes_year = False
        if takes_year:
            others.append(path)
    if not main and not others:
        raise InputError(f"{folder}: no report notebooks (none takes a 'year' parameter)")
    return main + others


def notebook_parameters(path: Path) -> dict[str, Any]:
    """The parameters a notebook declares, with their default values (its ``parameters`` cell)."""
    from papermill import inspect_notebook

    declared = inspect_notebook(str(path))
    if not declared:
        raise InputError(f"{path}: no cell tagged 'parameters'")
    return {name: _literal(p["default"]) for name, p in declared.items()}


def _literal(source: str) -> Any:
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return source


def plan_jobs(
    notebooks: Sequence[Path],
    years: Iterable[int],
    parameters: Mapping[str, Any] | None = None,
) -> list[ReportJob]:
    """One job per (year, notebook); the first notebook is each year's ``index.html``.

    ``parameters`` go to every notebook that declares them; a name no notebook declares
    is an :class:`InputError` naming it (papermill would only warn). ``year`` must be
    declared by every notebook.
    """
    parameters = dict(parameters or {})
    declared = {nb: notebook_parameters(nb) for nb in notebooks}
    for nb, names in declared.items():
        if "year" not in names:
            raise InputError(f"{nb}: the parameters cell has no 'year'")
    known = set().union(*declared.values())
    unknown = sorted(set(parameters) - known)
    if unknown:
        raise InputError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}: "
            f"the notebooks take {', '.join(sorted(known))}"
        )
    jobs = []
    for year in sorted(set(years)):
        for i, nb in enumerate(notebooks):
            given = {k: v for k, v in parameters.items() if k in declared[nb]}
            jobs.append(
                ReportJob(
                    year=year,
                    notebook=nb,
                    parameters={**given, "year": year},
                    html_name="index.html" if i == 0 else f"{nb.stem}.html",
                    title=_notebook_title(nb, {**declared[nb], **given}.get("lang")),
                    defaults=declared[nb],
                    imports=notebook_imports(nb),
                )
            )
    return jobs


def notebook_imports(path: Path) -> tuple[str, ...]:
    """The modules a notebook's code cells import, in order (cells that do not parse skipped)."""
    import nbformat

    found: dict[str, None] = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(dict.fromkeys(alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found[node.module] = None
    return tuple(found)


def _notebook_title(path: Path, lang: Any = None) -> str:
    """The notebook's ``metadata.titles[lang]``, else ``metadata.title``, else its stem."""
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    titles = meta.get("titles") or {}
    return titles.get(lang) or meta.get("title") or path.stem


def report_language(job: ReportJob) -> str:
    """The page's language: the report's ``lang`` parameter when it has one, else ``zh``."""
    lang = effective_parameters(job).get("lang")
    return (
        lang
        if isinstance(lang, str) and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", lang)
        else "zh"
    )


def default_years(figures_path: Path | None = None, required: bool = True) -> list[int]:
    """The years for which the figures table holds figures.

    A missing table is an :class:`InputError` when ``required``, else no years.
    """
    from analysis import report_figures

    path = Path(figures_path or config.FIGURES_CSV)
    if not path.exists():
        if not required:
            return []
        raise InputError(
            f"{path}: no figures table to take the years from; build it (`make processed`) "
            "or name the years with --years"
        )
    return report_figures.figure_years(report_figures.read_figures(path))


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
    """Pool initializer: start this worker's kernel before the first report arrives."""
    worker_state(modules)


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
        "parameters": effective_parameters(job),
        "rendered": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(config.PROJECT_ROOT))
    except ValueError:
        return str(path)


def _dumps(nb: Any) -> str:
    import nbformat

    return nbformat.writes(nb) + "\n"


def effective_parameters(job: ReportJob) -> dict[str, Any]:
    """Every declared parameter with the value the report ran with (given, else default)."""
    return {**job.defaults, **job.parameters}


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


# --------------------------------------------------------------------------- HTML


def html_exporter() -> Any:
    """nbconvert's HTML exporter with our template: inputs hidden, nothing fetched."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        extra_template_paths=[str(TEMPLATES_DIR)],
        template_file=TEMPLATE_FILE,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code="zh",
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={REMOVE_CELL_TAG}, enabled=True), enabled=True
    )
    # plots carry no alt text; nbconvert would warn about it for every report
    exporter.log.addFilter(lambda record: "Alternative text is missing" not in record.getMessage())
    return exporter


def export_html(nb: Any, job: ReportJob, exporter: Any = None) -> str:
    """The report as one self-contained HTML page."""
    import copy

    exporter = exporter or html_exporter()
    shown = copy.copy(nb)
    shown.metadata = copy.deepcopy(nb.metadata)
    shown.metadata["title"] = f"{job.title}（{job.year}）"
    exporter.language_code = report_language(job)
    resources = {
        "metadata": {"name": job.stem},
        "qci": {
            "title": job.title,
            "year": job.year,
            "notebook": job.notebook.name,
            "parameters": {k: repr(v) for k, v in effective_parameters(job).items()},
            "rendered": nb.metadata.get("qci", {}).get("rendered", ""),
        },
    }
    body, _ = exporter.from_notebook_node(shown, resources=resources)
    return embed_cjk_font(strip_css_comments(body))


REMOVE_CELL_TAG = "remove-cell"
#: the family name of the embedded subset (distinct, so that no installed font stands in)
EMBEDDED_FONT_FAMILY = "QCI Noto Sans CJK SC"
_NOT_TEXT = re.compile(r"<(style|script)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def page_characters(page: str) -> str:
    """Every distinct character of the page's text (styles, scripts, tags, data URIs out)."""
    text = html.unescape(_TAG.sub(" ", _NOT_TEXT.sub(" ", page)))
    return "".join(sorted({c for c in text if c.isprintable() and not c.isspace()}))


@functools.lru_cache(maxsize=16)
def cjk_font_face(characters: str) -> str:
    """A CSS ``@font-face`` rule embedding Noto Sans CJK SC subset to ``characters`` (WOFF).

    The subset keeps the outlines and horizontal metrics of those characters only: no
    hinting, no OpenType layout or vertical-writing tables (GSUB, GPOS, BASE, VORG, vhea,
    vmtx: horizontal text needs none, and Latin kerning is the only loss), CFF outlines
    desubroutinised (smaller once compressed). That halves the time and size of keeping
    the layout tables (measured: 563 characters, 0.5 s and 79 kB against 0.9 s and 134 kB).
    """
    import base64
    import io

    from fontTools import subset

    from analysis.fonts import cjk_font_path

    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["GSUB", "GPOS", "BASE", "VORG", "vhea", "vmtx"]
    font = subset.load_font(str(cjk_font_path()), options, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    font.close()
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'@font-face {{ font-family: "{EMBEDDED_FONT_FAMILY}"; font-style: normal; '
        f"font-weight: 100 900; font-display: block; "
        f'src: url(data:font/woff;base64,{data}) format("woff"); }}'
    )


def embed_cjk_font(page: str) -> str:
    """The page with the CJK font, subset to its characters, embedded before ``</head>``.

    Only when the page has a character outside ASCII (else it needs no CJK font).
    """
    characters = page_characters(page)
    if characters.isascii() or "</head>" not in page:
        return page
    style = f'<style type="text/css" id="qci-cjk-font">{cjk_font_face(characters)}</style>\n'
    return page.replace("</head>", style + "</head>", 1)


_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def strip_css_comments(page: str) -> str:
    """Remove the comments of inline styles (nbconvert's carry links to their sources)."""
    return _STYLE.sub(lambda m: m[1] + _CSS_COMMENT.sub("", m[2]) + m[3], page)


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
    folder = out_dir / str(outcome.job.year)
    error_nb = folder / f"{outcome.job.stem}.error.ipynb"
    if not outcome.ok:
        if not outcome.notebook_json:
            return []
        return [write_text(error_nb, _with_output_path(outcome.notebook_json, error_nb))]
    executed = folder / f"{outcome.job.stem}.ipynb"
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


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def write_index(out_dir: Path, failures: Sequence[ReportOutcome] = ()) -> Path:
    """Write ``out_dir/index.html``: every rendered report by year, and this run's failures."""
    rows = []
    for folder in sorted(
        (p for p in out_dir.iterdir() if p.is_dir() and p.name.isdigit()), reverse=True
    ):
        pages = sorted(folder.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
        links = []
        for page in pages:
            head = page.read_text(encoding="utf-8", errors="replace")[:4000]
            match = _TITLE.search(head)
            title = html.unescape(match.group(1).strip()) if match else page.stem
            links.append(f'<a href="{folder.name}/{page.name}">{html.escape(title)}</a>')
        if links:
            rows.append(f"<tr><th>{folder.name}</th><td>{'<br>'.join(links)}</td></tr>")
    failed = "".join(
        f"<tr><th>{o.job.year}</th><td>{html.escape(o.job.stem)}</td><td>{html.escape(o.error or '')}</td></tr>"
        for o in failures
    )
    page = INDEX_TEMPLATE.format(
        rows="\n".join(rows) or '<tr><td colspan="2">（尚无报告）</td></tr>',
        failures=f"<h2>未能生成 / failed in the last run</h2><table>{failed}</table>"
        if failed
        else "",
        rendered=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    return write_text(out_dir / "index.html", embed_cjk_font(page))


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>溧阳品质城市 · 年度报告</title>
<style>
body {{ font-family: "QCI Noto Sans CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
  color: #222; line-height: 1.6; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: .4rem .8rem; border-bottom: 1px solid #ddd; }}
th {{ width: 5rem; }}
footer {{ color: #777; font-size: .85rem; margin-top: 2rem; }}
</style>
</head>
<body>
<h1>溧阳品质城市 · 年度报告</h1>
<p>Annual reports on Liyang's quality-city evaluation, one per year. Each report is one
self-contained HTML file: it opens offline and can be sent as an attachment.</p>
<table>
{rows}
</table>
{failures}
<footer>Rendered {rendered} by <code>python -m analysis render</code>.</footer>
</body>
</html>
"""


def summary_table(outcomes: Sequence[ReportOutcome], out_dir: Path) -> str:
    """A plain-text table: one line per report, what was written or why it failed."""
    header = ("year", "notebook", "status", "seconds", "output / error")
    rows = [
        (
            str(o.job.year),
            o.job.stem,
            "ok" if o.ok else "FAILED",
            f"{o.seconds:.1f}",
            str(out_dir / str(o.job.year) / o.job.html_name) if o.ok else (o.error or ""),
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
) -> list[ReportOutcome]:
    """Render every (year, notebook) report into ``out_dir`` and write its index.

    Files are written as each report completes, each atomically. Returns the outcomes in
    (year, notebook) order; failed ones carry their error.
    """
    jobs = plan_jobs(notebooks, years, parameters)
    if not jobs:
        raise InputError("no years to render: none given and the figures table holds none")
    out_dir = Path(out_dir)

    outcomes = run_jobs(
        jobs, workers, scheduler, progress, timeout, on_done=lambda o: write_outcome(o, out_dir)
    )
    write_index(out_dir, [o for o in outcomes if not o.ok])
    return outcomes
