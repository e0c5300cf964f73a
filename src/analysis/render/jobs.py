"""Which reports to render: notebooks, their parameters, one job per year (and unit)."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis import config
from analysis.errors import InputError

MAIN_NOTEBOOK = "90-annual-report"
DEFAULT_NOTEBOOKS = (MAIN_NOTEBOOK,)
#: the unit's page (``OUT/<year>/units/<unit>.html``) by default: a profile of one unit,
#: never one of a year's own reports
UNIT_NOTEBOOK = "60-unit-profile"
KERNEL_NAME = "python3"
ENGINE_NAME = "qci-warm"
TEMPLATES_DIR = config.PACKAGE_DIR / "templates"
TEMPLATE_FILE = "report.html.j2"
#: seconds a single cell may run before the report is failed
CELL_TIMEOUT = 600
#: the folder of a year's per-unit reports (``OUT/<year>/units/<unit>.html``)
UNITS_FOLDER = "units"

# --------------------------------------------------------------------------- jobs


@dataclass(frozen=True)
class ReportJob:
    """One notebook to run for one year (and one unit), and where its outputs go.

    Outputs go to ``OUT/<year>/<subdir>/``: ``html_name`` and ``<output_stem>.ipynb`` (the
    executed notebook; ``<output_stem>.error.ipynb`` when it fails). A year's reports have
    ``subdir`` '' and ``output_stem`` the notebook's stem; a unit's report has ``subdir``
    :data:`UNITS_FOLDER` and ``output_stem`` the unit's file-safe name.
    """

    year: int
    notebook: Path
    parameters: Mapping[str, Any]
    html_name: str  # "index.html" for the year's main report, else "<stem>.html"
    title: str = ""
    defaults: Mapping[str, Any] = field(default_factory=dict)
    imports: tuple[str, ...] = ()  # what the notebook imports: warmed up in each kernel
    unit: str | None = None
    subdir: str = ""
    output_name: str = ""

    @property
    def stem(self) -> str:
        return self.notebook.stem

    @property
    def output_stem(self) -> str:
        """The file name (without suffix) of the executed notebook."""
        return self.output_name or self.stem

    @property
    def label(self) -> str:
        parts = [str(self.year), self.subdir, self.output_stem if self.unit else self.stem]
        return "/".join(p for p in parts if p)

    @property
    def html_path(self) -> str:
        """The HTML page's path below the output folder, e.g. ``2023/units/溧阳市.html``."""
        return "/".join(p for p in (str(self.year), self.subdir, self.html_name) if p)


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
    ``folder`` that takes a ``year`` parameter, in name order; the unit profile
    (:data:`UNIT_NOTEBOOK`) is a unit's page, not a year's (:func:`default_unit_notebooks`)."""
    available = sorted(folder.glob("*.ipynb"))
    main = [p for p in available if p.stem == MAIN_NOTEBOOK]
    others = []
    for path in available:
        if path.stem in (MAIN_NOTEBOOK, UNIT_NOTEBOOK):
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


def default_unit_notebooks(folder: Path = config.NOTEBOOKS_DIR) -> list[Path]:
    """The notebook of a unit's page when ``--units`` names no notebook: the unit profile
    (:data:`UNIT_NOTEBOOK`), else (a folder without it) the annual report."""
    for stem in (UNIT_NOTEBOOK, MAIN_NOTEBOOK):
        path = folder / f"{stem}.ipynb"
        if path.exists():
            return [path]
    raise InputError(f"{folder}: no notebook for the units' pages ({UNIT_NOTEBOOK} or {MAIN_NOTEBOOK})")


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
    implicit: Mapping[str, Any] | None = None,
    units: Mapping[int, Sequence[str]] | None = None,
    unit_notebooks: Sequence[Path] | None = None,
    study: Any = None,
) -> list[ReportJob]:
    """One job per (year, notebook); the first notebook is each year's ``index.html``; then
    one job per (year, unit, unit notebook).

    ``parameters`` (the user's) go to every notebook that declares them; a name no notebook
    declares is an :class:`InputError` naming it (papermill would only warn). ``implicit``
    parameters (set by the command, e.g. ``study`` or ``figures_path``) go to the notebooks
    that declare them, silently. ``year`` must be declared by every notebook; the batch
    sets it (and ``unit`` with ``units``) for each report, so a ``parameters`` entry for it
    is an :class:`InputError`, not silently overridden.

    ``units`` maps a year to the units that get their own report that year: each
    ``unit_notebooks`` notebook (default: the notebooks that take ``unit``) runs with
    ``unit`` set, into ``<year>/units/<unit>.html`` for the first and
    ``<year>/units/<unit>.<stem>.html`` for the others, names made file-safe
    (:func:`unit_file_names`). With ``units``, the unit profile (:data:`UNIT_NOTEBOOK`)
    among ``notebooks`` runs for the units only, not as a year's report (it profiles one
    unit; a study without a focus has none to profile). ``study`` (a loaded study) titles
    the pages.
    """
    parameters = dict(parameters or {})
    implicit = dict(implicit or {})
    batch_set = {"year": "--years", **({"unit": "--units"} if units else {})}
    for name, option in batch_set.items():
        if name in parameters:
            raise InputError(f"--parameter {name}: set by the batch for each report; use {option}")
    every = list(dict.fromkeys([*notebooks, *(unit_notebooks or ())]))
    declared = {nb: notebook_parameters(nb) for nb in every}
    for nb, names in declared.items():
        if "year" not in names:
            raise InputError(f"{nb}: the parameters cell has no 'year'")
    known = set().union(*declared.values()) if declared else set()
    unknown = sorted(set(parameters) - known)
    if unknown:
        raise InputError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}: "
            f"the notebooks take {', '.join(sorted(known))}"
        )
    if units and unit_notebooks is None:
        unit_notebooks = [nb for nb in notebooks if "unit" in declared[nb]]
    if units and not unit_notebooks:
        raise InputError("--units: none of the notebooks takes a 'unit' parameter")
    titles = {nb: _notebook_title(nb, {**declared[nb], **parameters}.get("lang")) for nb in every}
    imports = {nb: notebook_imports(nb) for nb in every}

    def job(year: int, nb: Path, html_name: str, unit: str | None = None, **where: str) -> ReportJob:
        given = {k: v for k, v in {**implicit, **parameters}.items() if k in declared[nb]}
        if unit is not None:
            given["unit"] = unit
        lang = {**declared[nb], **given}.get("lang")
        return ReportJob(
            year=year, notebook=nb, parameters={**given, "year": year}, html_name=html_name,
            title=page_title(titles[nb], nb, study, lang, unit, main=html_name == "index.html"),
            defaults=declared[nb], imports=imports[nb], unit=unit, **where,
        )  # fmt: skip

    jobs = []
    year_notebooks = [nb for nb in notebooks if not (units and nb.stem == UNIT_NOTEBOOK)]
    for year in sorted(set(years)):
        for i, nb in enumerate(year_notebooks):
            jobs.append(job(year, nb, "index.html" if i == 0 else f"{nb.stem}.html"))
    for year in sorted(units or {}):
        names = unit_file_names((units or {})[year])
        for unit, safe in names.items():
            for i, nb in enumerate(unit_notebooks or ()):
                stem = safe if i == 0 else f"{safe}.{nb.stem}"
                jobs.append(job(year, nb, f"{stem}.html", unit, subdir=UNITS_FOLDER, output_name=stem))
    return jobs


def page_title(
    notebook_title: str, notebook: Path, study: Any, lang: Any, unit: str | None, main: bool
) -> str:
    """A page's title: the study's title for the main report (with the unit's name for a
    unit's report), else the notebook's title · the study's; the notebook's title alone
    without a study."""
    if study is None:
        return notebook_title
    code = lang if lang in ("zh", "en") else "zh"
    base = study.title_in(code)
    if unit is not None:
        name = study.display_name(unit, code)
        own_page = notebook.stem in (MAIN_NOTEBOOK, UNIT_NOTEBOOK) or main
        return f"{base} · {name}" if own_page else f"{notebook_title} · {name}"
    if notebook.stem == MAIN_NOTEBOOK or main:
        return base
    return f"{notebook_title} · {base}"


_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_file_name(name: str, limit: int = 80) -> str:
    """``name`` as a file name on every system: letters (Chinese included), digits, ``.``,
    ``-`` and ``_`` kept, every other run of characters made ``_``, no leading dot, at most
    ``limit`` characters; '' becomes a hash."""
    text = unicodedata.normalize("NFC", str(name)).strip()
    safe = _UNSAFE.sub("_", text).strip("._")[:limit]
    return safe or "unit-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def unit_file_names(units: Iterable[str]) -> dict[str, str]:
    """Unit → its file-safe name (:func:`safe_file_name`), made unique: units whose safe
    names collide (case-insensitively) get a short hash of their name appended."""
    units = list(dict.fromkeys(str(u) for u in units))
    safe = {u: safe_file_name(u) for u in units}
    counts: dict[str, int] = {}
    for name in safe.values():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    return {
        u: name if counts[name.lower()] == 1
        else f"{name}-{hashlib.sha1(u.encode('utf-8')).hexdigest()[:6]}"
        for u, name in safe.items()
    }  # fmt: skip


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



def effective_parameters(job: ReportJob) -> dict[str, Any]:
    """Every declared parameter with the value the report ran with (given, else default)."""
    return {**job.defaults, **job.parameters}



def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(config.PROJECT_ROOT))
    except ValueError:
        return str(path)


