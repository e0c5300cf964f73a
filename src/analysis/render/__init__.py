"""Batch rendering of parameterized notebooks into self-contained HTML reports.

``python -m analysis render --study S`` runs each report notebook once per year of the
study and writes, for every year, ``reports/<year>/index.html`` (the main report), the
executed notebook beside it (papermill's metadata: its parameters, timings, any
exception) and ``reports/index.html`` listing them all. With ``--units`` it also runs the
notebooks that take a ``unit`` once per unit and year, into
``reports/<year>/units/<unit>.html`` (names made file-safe); the index lists them with a
filter box.

The package, by concern: :mod:`~analysis.render.jobs` (which notebooks, parameters and
years: one :class:`ReportJob` each), :mod:`~analysis.render.kernel` (the warm kernel a
worker runs them on), :mod:`~analysis.render.page` (the HTML page: template, CJK font),
:mod:`~analysis.render.index_page` (``index.html``), :mod:`~analysis.render.batch` (the
workers and the outputs).

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

import sys

# jsonschema (under nbformat) imports the optional IRI checker rfc3987_syntax when it is
# installed, which builds a grammar at import: 2 s in every process that reads a
# notebook. Notebook schemas have no IRI field; leave it out of the render processes.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from analysis.render.batch import (  # noqa: E402
    open_executor,
    render,
    run_jobs,
    summary_table,
    write_outcome,
)
from analysis.render.index_page import INDEX_TEMPLATE, write_index  # noqa: E402
from analysis.render.jobs import (  # noqa: E402
    CELL_TIMEOUT,
    DEFAULT_NOTEBOOKS,
    ENGINE_NAME,
    KERNEL_NAME,
    MAIN_NOTEBOOK,
    TEMPLATE_FILE,
    TEMPLATES_DIR,
    UNITS_FOLDER,
    ReportJob,
    ReportOutcome,
    default_notebooks,
    default_years,
    effective_parameters,
    find_notebooks,
    notebook_imports,
    notebook_parameters,
    page_title,
    plan_jobs,
    report_language,
    safe_file_name,
    unit_file_names,
)
from analysis.render.kernel import (  # noqa: E402
    WarmKernel,
    describe_failure,
    kernel_environment,
    render_job,
    start_worker,
    worker_state,
)
from analysis.render.page import (  # noqa: E402
    EMBEDDED_FONT_FAMILY,
    REMOVE_CELL_TAG,
    cjk_font_face,
    embed_cjk_font,
    export_html,
    html_exporter,
    page_characters,
    strip_css_comments,
)

__all__ = [
    "CELL_TIMEOUT", "DEFAULT_NOTEBOOKS", "EMBEDDED_FONT_FAMILY", "ENGINE_NAME", "INDEX_TEMPLATE",
    "KERNEL_NAME", "MAIN_NOTEBOOK", "REMOVE_CELL_TAG", "TEMPLATES_DIR", "TEMPLATE_FILE",
    "UNITS_FOLDER", "ReportJob", "ReportOutcome", "WarmKernel", "cjk_font_face",
    "default_notebooks", "default_years", "describe_failure", "effective_parameters",
    "embed_cjk_font", "export_html", "find_notebooks", "html_exporter", "kernel_environment",
    "notebook_imports", "notebook_parameters", "open_executor", "page_characters", "page_title",
    "plan_jobs", "render", "render_job", "report_language", "run_jobs", "safe_file_name",
    "start_worker", "strip_css_comments", "summary_table", "unit_file_names", "worker_state",
    "write_index", "write_outcome",
]  # fmt: skip
