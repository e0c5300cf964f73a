"""Batch rendering of the report notebooks (analysis.render, ``qci render``).

One batch is rendered once for the module (the annual report, the figures notebook and a
fixture notebook that fails for 2022, over the years of the fixture figures table) and
checked from several sides; the Dask, browser and parameter-validation paths run their
own tiny batches. The English annual report and the uncertainty notebook run on this
process's warm kernel.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import cli, config, render
from analysis.errors import InputError
from analysis.notebook import validate_parameters

FIXTURES = Path(__file__).parent / "data" / "render"
FIGURES = FIXTURES / "figures.csv"
FAILING = FIXTURES / "notebooks" / "fails-for-2022.ipynb"
KILLING = FIXTURES / "notebooks" / "kills-its-kernel-for-2023.ipynb"
YEARS = (2022, 2023)  # the publication years of the two annotated reports in figures.csv


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """``qci render`` over the fixture years: two report notebooks, and two that fail."""
    out = tmp_path_factory.mktemp("reports")
    argv = [
        "render",
        "--figures",
        str(FIGURES),
        "--notebooks",
        "90",
        "10",
        str(FAILING),
        str(KILLING),
    ]
    argv += ["--workers", "2", "--no-progress", "-o", str(out)]
    return {"out": out, "argv": argv}


@pytest.fixture(scope="module")
def result(batch: dict) -> dict:
    import contextlib
    import io

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = cli.main(batch["argv"])
    return {**batch, "status": status, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


def report_pages(out: Path) -> list[Path]:
    return [
        out / str(y) / name
        for y in YEARS
        for name in ("index.html", "10-clean-report-figures.html")
    ]


# --------------------------------------------------------------------------- the batch


def test_every_year_gets_its_report_the_executed_notebook_and_the_index(result: dict) -> None:
    out = result["out"]
    for year in YEARS:
        assert (out / str(year) / "index.html").is_file()
        assert (out / str(year) / "90-annual-report.ipynb").is_file()
        assert (out / str(year) / "10-clean-report-figures.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    for year in YEARS:
        assert f'href="{year}/index.html"' in index
    assert not list(out.rglob("*.tmp")), "temporary files left behind"


def test_a_failing_report_does_not_stop_the_others(result: dict) -> None:
    out = result["out"]
    assert result["status"] == 1
    assert (out / "2023" / "fails-for-2022.html").is_file()
    assert not (out / "2022" / "fails-for-2022.html").exists()
    # the executed notebook with the error is kept beside the year's reports, for debugging
    failed = read_notebook(out / "2022" / "fails-for-2022.error.ipynb")
    assert failed["metadata"]["papermill"]["exception"] is True


def test_the_summary_names_the_failing_cell_and_error(result: dict) -> None:
    failing = [ln for ln in result["stdout"].splitlines() if "FAILED" in ln]
    assert len(failing) == 2
    assert failing[0].startswith("2022") and "fails-for-2022" in failing[0]
    assert "cell 4 (In [4]) `share = 1 / (year - 2022)`" in failing[0]
    assert "ZeroDivisionError: division by zero" in failing[0]
    assert "6 rendered, 2 failed" in result["stdout"]
    index = (result["out"] / "index.html").read_text(encoding="utf-8")
    assert "fails-for-2022" in index and "ZeroDivisionError" in index


def test_a_kernel_that_dies_fails_its_report_only(result: dict) -> None:
    failing = [ln for ln in result["stdout"].splitlines() if "kills-its-kernel" in ln]
    assert [ln.split()[:3] for ln in failing] == [
        ["2022", "kills-its-kernel-for-2023", "ok"],
        ["2023", "kills-its-kernel-for-2023", "FAILED"],
    ]
    # the count is there when the kernel announced the cell before it died
    assert re.search(r"cell 4 \(In \[[4 ]\]\) `import os`: DeadKernelError", failing[1])
    assert (result["out"] / "2023" / "index.html").is_file()


def test_html_is_self_contained(result: dict) -> None:
    for page in report_pages(result["out"]):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text), page
        assert not re.search(r"<script[^>]+src=", text), page
        assert not re.search(r"<link[^>]+(stylesheet|href)", text), page
        assert "https://" not in text and "http://" not in text, page
        assert re.search(r'<img[^>]+src="data:image/png;base64,', text), f"{page}: no embedded plot"


def test_html_is_chinese_utf8_with_code_hidden(result: dict) -> None:
    for page in report_pages(result["out"]):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in text
        assert '<meta charset="utf-8"' in text.lower()
        assert "validate_parameters" not in text  # input code is hidden
        assert "import matplotlib" not in text
        assert "jp-InputPrompt" not in text.split("</style>")[-1]


def test_html_has_no_traceback_and_no_missing_glyph(result: dict) -> None:
    for page in report_pages(result["out"]):
        text = page.read_text(encoding="utf-8")
        body = text[text.index("<body") :]
        assert "Traceback" not in body, page
        assert "application/vnd.jupyter.stderr" not in body, f"{page}: warnings in the report"
        assert "missing from font" not in body and "Glyph" not in body, page


def test_html_shows_title_and_year_on_top_and_the_settings_in_words_at_the_end(result: dict) -> None:
    text = (result["out"] / "2023" / "index.html").read_text(encoding="utf-8")
    header = text[text.index('<header class="qci-report">') : text.index("</header>")]
    assert "溧阳品质城市年度报告 · 2023" in header
    assert text.index("qci-report") < text.index("jp-Cell")
    assert "<title>溧阳品质城市年度报告（2023）</title>" in text
    appendix = text[text.index('<section class="qci-how-made"') :]
    appendix = appendix[: appendix.index("</section>")]
    assert "<h2>本报告的生成方式</h2>" in appendix
    assert "<dt>年份</dt><dd>2023</dd>" in appendix and "<dt>语言</dt><dd>中文</dd>" in appendix
    assert f"<dt>数字表</dt><dd>{FIGURES.name}</dd>" in appendix  # a path shown as its file name
    assert str(FIGURES.parent) not in text and "&#39;" not in appendix and "None" not in appendix
    assert "injected-parameters" not in text and "figures_path" not in text


ANNUAL_SECTIONS = ("h_headline", "h_peers", "h_years", "h_methods", "h_robust", "h_appendix")


def section_headings(lang: str) -> list[str]:
    """The report's section headings in ``lang``, as the HTML shows them (no ``#``)."""
    from analysis import report

    ctx = report.report_context("liyang", 2023, None, lang)
    return [ctx.t(k, n=21).lstrip("# ") for k in ANNUAL_SECTIONS]


def test_the_annual_report_has_every_section_in_chinese(result: dict) -> None:
    text = (result["out"] / "2023" / "index.html").read_text(encoding="utf-8")
    body = text[text.index("<body") :]
    positions = [body.find(h) for h in section_headings("zh")]
    assert -1 not in positions, section_headings("zh")
    assert positions == sorted(positions), "sections out of order"
    assert "For readers of the notebook" not in body  # the remove-cell note is left out
    assert "\\frac" not in body and "$$" not in body  # no TeX: MathJax is not embedded
    assert "S<sub>Ti</sub>" in body and "<sub></sub>" not in body  # formulas as HTML
    assert body.count("data:image/png;base64,") >= 5


def font_face(page: str) -> bytes:
    """The embedded font of a page (the WOFF bytes of its @font-face data URI)."""
    import base64

    found = re.search(
        r'@font-face \{ font-family: "QCI Noto Sans CJK SC";.*?'
        r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)",
        page,
        re.S,
    )
    assert found, "no embedded CJK @font-face"
    return base64.b64decode(found.group(1))


def test_the_cjk_font_is_embedded_subset_to_the_page(result: dict) -> None:
    import io

    from fontTools.ttLib import TTFont

    for page in [*report_pages(result["out"]), result["out"] / "index.html"]:
        text = page.read_text(encoding="utf-8")
        data = font_face(text)
        assert data[:4] == b"wOFF"
        cmap = TTFont(io.BytesIO(data)).getBestCmap()
        wanted = {c for c in render.page_characters(text) if not c.isascii()}
        assert wanted and not [c for c in wanted if ord(c) not in cmap], page
        assert len(cmap) < 3 * len(render.page_characters(text)) + 200, "not subset"
        assert len(data) < 400_000, f"{page}: {len(data)} bytes of font"
        assert '"QCI Noto Sans CJK SC", "Noto Sans CJK SC"' in text


@pytest.fixture(scope="module")
def english(warm_kernel: render.WarmKernel) -> render.ReportOutcome:
    """The 2023 annual report in English, on this process's warm kernel."""
    notebook = config.NOTEBOOKS_DIR / "90-annual-report.ipynb"
    from analysis.study import load_study

    parameters = {"figures_path": str(FIGURES), "lang": "en"}
    (job,) = render.plan_jobs([notebook], [2023], parameters, study=load_study("liyang"))
    return render.render_job(job)


def test_the_annual_report_in_english(english: render.ReportOutcome) -> None:
    assert english.ok, english.error
    page = english.html
    assert '<html lang="en">' in page
    assert "<title>Liyang quality-city annual report (2023)</title>" in page
    header = page[page.index('<header class="qci-report">') : page.index("</header>")]
    assert "Liyang quality-city annual report · 2023" in header
    assert "<dt>Language</dt><dd>English</dd>" in page[page.index("qci-how-made") :]
    body = page[page.index("<body") :]
    positions = [body.find(h) for h in section_headings("en")]
    assert -1 not in positions and positions == sorted(positions)
    for zh_heading in section_headings("zh"):
        assert zh_heading not in body
    assert "Traceback" not in body and "application/vnd.jupyter.stderr" not in body
    assert "validate_parameters" not in body
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "https://" not in page and "http://" not in page
    font_face(page)  # quotes and city names are Chinese: the font is embedded too
    nb = json.loads(english.notebook_json)
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("name") == "stderr"], "warnings in the report"


def test_the_annual_report_stops_on_an_unknown_language(warm_kernel: render.WarmKernel) -> None:
    notebook = config.NOTEBOOKS_DIR / "90-annual-report.ipynb"
    (job,) = render.plan_jobs([notebook], [2023], {"lang": "fr", "figures_path": str(FIGURES)})
    outcome = render.render_job(job)
    assert not outcome.ok
    assert "InputError: parameter 'lang' must be one of zh, en, got 'fr'" in outcome.error


def test_the_uncertainty_notebook_runs_seeded(warm_kernel: render.WarmKernel) -> None:
    notebook = config.NOTEBOOKS_DIR / "40-uncertainty-sensitivity.ipynb"
    (job,) = render.plan_jobs([notebook], [2023], {"n": 32})
    first, second = render.render_job(job), render.render_job(job)
    assert first.ok, first.error
    assert "Sobol" in first.html and "数据：2020 年，21 个县级市" in first.html
    tables = [
        re.sub(r"<img[^>]+>|cell-id=[\w-]+|\bid=\"[\w-]+\"", "", o.html.split("</header>")[1])
        for o in (first, second)
    ]
    assert tables[0] == tables[1], "same seed, same report"


def test_default_notebooks_are_the_annual_report_then_those_taking_a_year() -> None:
    found = render.default_notebooks()
    assert found[0].stem == "90-annual-report"
    stems = [p.stem for p in found]
    assert "10-clean-report-figures" in stems and "40-uncertainty-sensitivity" in stems
    assert stems[1:] == sorted(stems[1:])
    assert render.find_notebooks(None) == found


def test_executed_notebook_is_papermills_with_the_parameters_recorded(result: dict) -> None:
    nb = read_notebook(result["out"] / "2023" / "90-annual-report.ipynb")
    papermill = nb["metadata"]["papermill"]
    assert papermill["parameters"] == {
        "figures_path": str(FIGURES.resolve()), "study": "liyang", "year": 2023,
    }  # fmt: skip
    assert papermill["input_path"] == "notebooks/90-annual-report.ipynb"
    assert papermill["output_path"].endswith("2023/90-annual-report.ipynb")
    tags = [c["metadata"].get("tags", []) for c in nb["cells"]]
    assert tags.index(["injected-parameters"]) == tags.index(["parameters"]) + 1
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), "each report starts a fresh session"
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("name") == "stderr"], "warnings in the report"


# --------------------------------------------------------------------------- parameters


def test_an_unknown_parameter_stops_render_before_it_starts(tmp_path: Path, capsys) -> None:
    argv = ["render", "--years", "2023", "-p", "yeer=2023", "-o", str(tmp_path)]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    assert "'yeer'" in capsys.readouterr().err


def test_an_unknown_notebook_is_named(tmp_path: Path, capsys) -> None:
    assert cli.main(["render", "--years", "2023", "--notebooks", "nope", "-o", str(tmp_path)]) == 2
    assert "'nope'" in capsys.readouterr().err


@pytest.fixture(scope="module")
def warm_kernel() -> render.WarmKernel:
    """This process's warm kernel (as a pool worker has), stopped after the module."""
    kernel, _ = render.worker_state()
    yield kernel
    kernel.shutdown()


@pytest.fixture(scope="module")
def warm_kernel_outcomes(warm_kernel: render.WarmKernel) -> dict:
    """The figures notebook run on this process's warm kernel: bad parameters, then good."""
    notebook = config.NOTEBOOKS_DIR / "10-clean-report-figures.ipynb"
    defaults = render.notebook_parameters(notebook)

    def job(**parameters: object) -> render.ReportJob:
        return render.ReportJob(2023, notebook, parameters, "index.html", "t", defaults)

    outcomes = {
        "unknown": render.render_job(job(year=2023, yeer=2023)),
        "wrong type": render.render_job(job(year="2023")),
        "good": render.render_job(job(year=2023, figures_path=str(FIGURES))),
    }
    return outcomes


def test_the_notebook_stops_on_an_unknown_parameter_naming_it(warm_kernel_outcomes: dict) -> None:
    error = warm_kernel_outcomes["unknown"].error
    assert "In [3]" in error and "InputError: unknown parameter(s) 'yeer'" in error


def test_the_notebook_stops_on_a_wrong_type_naming_it(warm_kernel_outcomes: dict) -> None:
    error = warm_kernel_outcomes["wrong type"].error
    assert "InputError: parameter 'year' must be int or None, got str '2023'" in error


def test_a_warm_kernel_report_equals_papermills(warm_kernel_outcomes: dict, monkeypatch) -> None:
    import papermill

    monkeypatch.delenv("MPLBACKEND", raising=False)  # papermill's kernel inherits it
    good = warm_kernel_outcomes["good"]
    assert good.ok, good.error
    warm = json.loads(good.notebook_json)
    cold = papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "10-clean-report-figures.ipynb"),
        None,
        parameters={"year": 2023, "figures_path": str(FIGURES)},
        progress_bar=False,
        cwd=str(config.NOTEBOOKS_DIR),
    )
    assert comparable(warm) == comparable(cold)


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(value: object) -> object:
    """A notebook's multi-line string, which its JSON file may store as a list of lines."""
    return "".join(value) if isinstance(value, list) else value


def comparable(nb: dict) -> list:
    """Cells as papermill leaves them, minus timings and the bytes of images."""
    cells = []
    for cell in nb["cells"]:
        outputs = []
        for out in cell.get("outputs", []):
            data = {
                k: k if k.startswith("image/") else text_of(v)
                for k, v in out.get("data", {}).items()
            }
            text = text_of(out.get("text", ""))
            outputs.append(
                (out["output_type"], out.get("name"), text, json.dumps(data, sort_keys=True))
            )
        source = text_of(cell["source"])
        cells.append((cell["cell_type"], source, cell.get("execution_count"), outputs))
    return cells


@pytest.mark.parametrize(
    ("namespace", "message"),
    [
        ({"year": 2023, "In": ["", "# Parameters\nyear = 2023\nyeer = 1\n", ""]}, "'yeer'"),
        ({"year": "2023"}, "parameter 'year' must be int, got str '2023'"),
        ({"year": True}, "parameter 'year' must be int"),
        ({}, "parameter 'year' is not set"),
        ({"year": 2023, "doc": 3}, "parameter 'doc' must be str or None, got int 3"),
    ],
)
def test_validate_parameters_names_the_parameter(namespace: dict, message: str) -> None:
    namespace.setdefault("doc", None)
    with pytest.raises(InputError, match=re.escape(message)):
        validate_parameters(namespace, {"year": int, "doc": (str, None)})


def test_validate_parameters_returns_the_values() -> None:
    namespace = {"year": 2023, "share": 1, "In": ["# Parameters\nyear = 2023\n"], "other": "x"}
    assert validate_parameters(namespace, {"year": int, "share": float}) == {
        "year": 2023,
        "share": 1,
    }


def test_notebooks_follow_the_convention() -> None:
    for path in sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")):
        code = [c for c in read_notebook(path)["cells"] if c["cell_type"] == "code"]
        sources = ["".join(c["source"]) for c in code]
        assert "parameters" in code[0]["metadata"].get("tags", []), path
        assert re.search(r"validate_parameters\(\s*globals\(\)", sources[1]), path
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), path
        assert not any(re.search(r"^\s*(def|class) ", s, re.M) for s in sources), path
        assert "year" in render.notebook_parameters(path), path


# --------------------------------------------------------------------------- Dask, browser


def test_render_on_a_dask_cluster(tmp_path: Path, warm_kernel: render.WarmKernel) -> None:
    from distributed import LocalCluster

    # a worker thread in this process, to reuse its warm kernel: the path through the
    # scheduler is the same as with worker processes on other machines
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=":0"
    )
    with cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        outcomes = render.render(
            [2023],
            [config.NOTEBOOKS_DIR / "90-annual-report.ipynb"],
            out_dir=tmp_path,
            parameters={"figures_path": str(FIGURES)},
            scheduler=cluster.scheduler_address,
            progress=False,
        )
    assert [o.ok for o in outcomes] == [True], outcomes[0].error
    assert "data:image/png;base64" in (tmp_path / "2023" / "index.html").read_text(encoding="utf-8")


def test_a_scheduler_that_is_not_there_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot connect"):
        with render.open_executor(1, "tcp://127.0.0.1:9", connect_timeout="1s"):
            pass


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")
def test_the_report_shows_its_plots_in_headless_chromium_offline(
    result: dict, tmp_path: Path
) -> None:
    # a copy of the report with a probe that writes, once loaded, how many images decoded
    page = (result["out"] / "2023" / "index.html").read_text(encoding="utf-8")
    probe = (
        "<script>window.addEventListener('load', async () => { await document.fonts.ready;"
        " const ok = [...document.images].filter(i => i.complete && i.naturalWidth > 100).length;"
        " const faces = [...document.fonts].filter(f => f.family.replace(/[\"']/g, '')"
        " === 'QCI Noto Sans CJK SC').map(f => f.status).join('+');"
        " const first = (selector) => getComputedStyle(document.querySelector(selector))"
        " .fontFamily.split(',')[0].replace(/[\"']/g, '');"
        " const family = ['header.qci-report .qci-title', '.jp-RenderedMarkdown p',"
        " '.jp-RenderedMarkdown h1', '.jp-RenderedHTMLCommon td'].map(first).join('+');"
        " document.body.insertAdjacentHTML('beforeend', `<p id=probe>decoded=${ok} of"
        " ${document.images.length} faces=${faces} family=${family}</p>`); });</script>"
    )
    copy = tmp_path / "report.html"
    copy.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = run_chromium(copy, tmp_path, "--dump-dom").stdout
    found = re.search(r"decoded=(\d+) of (\d+) faces=(\S*) family=([^<]*)<", dom)
    assert found, dom[-2000:]
    decoded, total = map(int, found.groups()[:2])
    assert total >= 1 and decoded == total
    # the embedded face was loaded (a face loads only when text laid out needs it), and
    # Chinese text asks for it first: in the header, the prose, the headings and the tables
    # (JupyterLab's theme, later in the page, must not set them back to a Latin stack)
    assert found.group(3) == "loaded", found.group(3)
    assert found.group(4).strip().split("+") == ["QCI Noto Sans CJK SC"] * 4
    assert "溧阳品质城市年度报告 · 2023" in dom


def run_chromium(page: Path, tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Headless Chromium on ``page`` with the network off."""
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--no-first-run", "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000",
        "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", *arguments,
        page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)


def system_has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True  # unknown: assume it has one
    listed = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, timeout=30)
    return bool(listed.stdout.strip())


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")
@pytest.mark.skipif(CHROMIUM is not None and system_has_cjk_font(), reason="a system CJK font")
def test_chinese_is_drawn_with_the_embedded_font_not_tofu(result: dict, tmp_path: Path) -> None:
    """On a machine without CJK fonts, Chinese drawn without the embedded face is all
    alike (empty boxes): 溧阳 and 品质 give the same picture. With the report's face they
    differ, and differ from the boxes."""
    import numpy as np
    from matplotlib.image import imread

    page = (result["out"] / "2023" / "index.html").read_text(encoding="utf-8")
    style = re.search(r'<style type="text/css" id="qci-cjk-font">.*?</style>', page, re.S).group(0)
    shots = {}
    for name, head in (("with", style), ("without", "")):
        for words in ("溧阳", "品质"):
            probe = tmp_path / f"{name}-{words}.html"
            probe.write_text(
                f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">{head}<style>'
                'body { margin: 0; font: 40px "QCI Noto Sans CJK SC", sans-serif; }</style>'
                f"</head><body><p>{words}</p></body></html>",
                encoding="utf-8",
            )
            shot = tmp_path / f"{name}-{words}.png"
            run_chromium(probe, tmp_path, f"--screenshot={shot}", "--window-size=400,300")
            shots[name, words] = imread(shot)[..., :3]
    assert np.array_equal(shots["without", "溧阳"], shots["without", "品质"]), "a system CJK font?"
    assert not np.array_equal(shots["with", "溧阳"], shots["with", "品质"])
    assert not np.array_equal(shots["with", "溧阳"], shots["without", "溧阳"])
    assert (shots["with", "溧阳"] < 0.5).any(), "nothing drawn"


def test_a_report_folds_the_sections_it_repeats_from_the_previous_one(result: dict) -> None:
    """2022 and 2023 read the same census: the 2023 report says so in one line under each
    index section's heading and folds the rest (still in the page, for a forwarded copy);
    the official rankings, which change with the reports, stay open; 2022 folds nothing."""
    from bs4 import BeautifulSoup

    from analysis import report

    ctx = report.report_context("liyang", 2023, None, "zh")
    first = BeautifulSoup((result["out"] / "2022" / "index.html").read_text(encoding="utf-8"), "html.parser")
    again = BeautifulSoup((result["out"] / "2023" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert first.find("details", class_="qci-fold") is None
    folds = again.find_all("details", class_="qci-fold")
    assert len(folds) == 4  # peers, methods, robustness, the regional section
    assert {f.summary.get_text() for f in folds} == {ctx.t("fold_summary")}
    note = ctx.t("unchanged_section", previous=2022).strip("*")
    assert again.get_text().count(note) == 4
    assert all(f.find(["h1", "h2"]) is None for f in folds)  # headings stay outside
    assert all(f.find("table") is not None or f.find("img") is not None for f in folds)
    official = again.find(string=lambda s: s and ctx.t("fig_h_rankings").lstrip("# ") in s)
    assert official is not None and official.find_parent("details") is None
