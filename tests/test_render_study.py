"""``qci render --study S [--years ...] [--units ...]``: any study, per year and per unit.

One small batch renders the prefecture-city study (two years, one unit present in the
first and absent in the second) through the command line; the English OECD report runs on
this process's warm kernel; planning (which years, which parameters, which file names) is
checked without running notebooks.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import cli, config, render
from analysis.errors import InputError
from analysis.study import load_study

#: words that name the Liyang case, its province or its data source
LIYANG_WORDS = re.compile(r"溧阳|Liyang|江苏|Jiangsu|普查|census", re.I)
NB = config.NOTEBOOKS_DIR


def body_text(page: str) -> str:
    """The visible text of a page: no styles, scripts, tags or data URIs."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("study-reports")
    argv = [
        "render", "--study", "prefecture-cities", "--years", "2011", "2012", "--units", "常州市",
        "--notebooks", "90", "--workers", "2", "--no-progress", "-o", str(out),
    ]  # fmt: skip
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = cli.main(argv)
    return {"out": out, "status": status, "stdout": stdout.getvalue()}


def test_a_study_renders_exactly_the_years_asked_and_one_report_per_unit(batch: dict) -> None:
    out = batch["out"]
    assert batch["status"] == 0, batch["stdout"]
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["2011", "2012"]
    for year in (2011, 2012):
        assert (out / str(year) / "index.html").is_file()
        assert (out / str(year) / "units" / "常州市.html").is_file()
        assert (out / str(year) / "units" / "常州市.ipynb").is_file()
    assert "4 rendered, 0 failed" in batch["stdout"]


def test_a_non_liyang_study_never_names_liyang_jiangsu_or_the_census(batch: dict) -> None:
    pages = sorted(batch["out"].rglob("*.html"))
    assert len(pages) == 5  # two years, two unit reports, the index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not LIYANG_WORDS.search(body_text(text)), (page, LIYANG_WORDS.search(body_text(text)))
        assert "中国地级市可持续发展评价" in text


def test_the_unit_report_follows_the_unit_and_says_when_it_has_no_data(batch: dict) -> None:
    present = body_text((batch["out"] / "2011" / "units" / "常州市.html").read_text(encoding="utf-8"))
    assert "常州市在 " in present and "个城市中的位置（2011 年）" in present
    assert "Traceback" not in present and "KeyError" not in present
    absent = body_text((batch["out"] / "2012" / "units" / "常州市.html").read_text(encoding="utf-8"))
    assert "常州市在 2012 年的数据中没有记录（它有数据的年份：2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011）" in absent
    assert "Traceback" not in absent and "KeyError" not in absent
    # the year report follows the study's focus (常州市), absent in 2012: said in words too
    year_report = body_text((batch["out"] / "2012" / "index.html").read_text(encoding="utf-8"))
    assert "没有记录" in year_report


def test_the_index_lists_unit_reports_with_an_offline_filter_box(batch: dict) -> None:
    page = (batch["out"] / "index.html").read_text(encoding="utf-8")
    assert 'id="qci-filter"' in page and "<script>" in page
    assert not re.search(r"<script[^>]+src=", page) and "http" not in page.split("<footer>")[0]
    assert 'href="2011/units/%E5%B8%B8%E5%B7%9E%E5%B8%82.html"' in page  # 常州市, URL-encoded
    assert "<title>中国地级市可持续发展评价 · 报告</title>" in page
    assert "中国地级市可持续发展评价 · 常州市（2011）" in page


def test_tables_show_display_names_not_codes(batch: dict) -> None:
    text = body_text((batch["out"] / "2011" / "index.html").read_text(encoding="utf-8"))
    assert "常州市" in text and "经济发展" in text
    assert "gdp_per_capita" not in text and "so2_per_gdp" not in text  # codes stay out


@pytest.fixture(scope="module")
def warm_kernel() -> render.WarmKernel:
    kernel, _ = render.worker_state()
    yield kernel
    kernel.shutdown()


def test_an_english_unit_report_of_the_oecd_study_is_english(warm_kernel: render.WarmKernel) -> None:
    study = load_study("oecd-bli")
    (job,) = [
        j for j in render.plan_jobs(
            [NB / "90-annual-report.ipynb"], [], {"lang": "en"}, {"study": "oecd-bli"},
            units={2016: ["Korea"]}, study=study,
        )
    ]  # fmt: skip
    assert job.html_path == "2016/units/Korea.html" and job.parameters["unit"] == "Korea"
    outcome = render.render_job(job)
    assert outcome.ok, outcome.error
    page = outcome.html
    assert '<html lang="en">' in page
    assert "<title>OECD Better Life Index (2014–2017) · Korea (2016)</title>" in page
    text = body_text(page[page.index("</header>") :])
    assert "Korea among 36 countries (2016)" in text
    assert "Quality of life" in text and "PS_REPH" not in text and "生活质量" not in text
    assert not re.search(r"[\u4e00-\u9fff]", text), re.search(r".{30}[\u4e00-\u9fff].{30}", text)
    assert not LIYANG_WORDS.search(text)
    assert "The regional picture" in text and "Coupling coordination" in text


def test_a_report_without_a_followed_unit_shows_its_plots_as_pictures(
    warm_kernel: render.WarmKernel,
) -> None:
    # no figure of pyplot's is drawn before the first plot when no unit is followed, so the
    # kernel's inline backend must be loaded by the plots themselves (else "<Figure size …>")
    study = load_study("oecd-bli")
    (job,) = render.plan_jobs(
        [NB / "90-annual-report.ipynb"], [2017], {"lang": "en"}, {"study": "oecd-bli"}, study=study
    )
    outcome = render.render_job(job)
    assert outcome.ok, outcome.error
    text = body_text(outcome.html[outcome.html.index("</header>") :])
    assert "<Figure size" not in text
    assert outcome.html.count("data:image/png;base64") >= 4


# --------------------------------------------------------------------------- planning


def test_implicit_parameters_go_only_to_the_notebooks_that_take_them() -> None:
    nb30 = NB / "30-compare-weighting-methods.ipynb"
    (job,) = render.plan_jobs([nb30], [2023], {}, {"figures_path": "/x.csv", "study": "liyang"})
    assert job.parameters == {"study": "liyang", "year": 2023}
    with pytest.raises(InputError, match="'figures_path'"):  # asked for by the user: checked
        render.plan_jobs([nb30], [2023], {"figures_path": "/x.csv"})


def test_units_plan_one_report_per_unit_and_year_with_file_safe_names() -> None:
    nb90, nb40 = NB / "90-annual-report.ipynb", NB / "40-uncertainty-sensitivity.ipynb"
    units = {2020: ["a/b", "A B", "..", "Ü"], 2021: ["a/b"]}
    jobs = render.plan_jobs([nb90], [2020], {}, {}, units=units, unit_notebooks=[nb90, nb40])
    unit_jobs = [j for j in jobs if j.unit is not None]
    assert len(unit_jobs) == 2 * 5
    paths = [j.html_path for j in unit_jobs]
    assert len(set(paths)) == len(paths)
    # a/b and A B both become a_b, which collide on case-insensitive file systems: hashed
    assert sum(p.startswith("2020/units/a_b-") for p in paths) == 2
    assert sum(p.startswith("2020/units/A_B-") for p in paths) == 2
    assert "2020/units/Ü.html" in paths and "2020/units/Ü.40-uncertainty-sensitivity.html" in paths
    assert all(re.fullmatch(r"\d{4}/units/[\w.\-]+\.html", p) for p in paths), paths


def test_file_safe_names_are_unique() -> None:
    names = render.unit_file_names(["a/b", "a:b", "a b", "C", "c"])
    assert len(set(n.lower() for n in names.values())) == 5
    assert render.safe_file_name('x"<>|?*y') == "x_y"
    assert render.safe_file_name("..").startswith("unit-")


def run_planned(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> dict:
    """``qci render ARGV`` up to the batch: what :func:`render.render` was asked."""
    seen: dict = {}

    def fake(years, notebooks, **kwargs):
        seen.update(years=list(years), notebooks=[n.stem for n in notebooks], **kwargs)
        return []

    monkeypatch.setattr(render, "render", fake)
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["render", *argv, "--no-progress"]) == 0
    return seen


def test_render_renders_exactly_the_years_given_else_the_studys(monkeypatch) -> None:
    seen = run_planned(monkeypatch, ["--study", "prefecture-cities", "--years", "2004", "2012"])
    assert seen["years"] == [2004, 2012]
    seen = run_planned(monkeypatch, ["--study", "oecd-bli"])
    assert seen["years"] == [2014, 2015, 2016, 2017] and seen["units"] is None
    seen = run_planned(monkeypatch, ["--study", "liyang", "--years", "2023", "--units", "all"])
    assert seen["units"] == {2023: load_study("liyang").units(2023)} and len(seen["units"][2023]) == 21
    assert [n.stem for n in seen["unit_notebooks"]] == ["60-unit-profile"]
    assert seen["implicit"] == {"study": "liyang"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--study", "oecd-bli", "--years", "1990"], "--years 1990: before the first year"),
        (["--study", "oecd-bli", "--units", "Atlantis"], "--units 'Atlantis': not a unit"),
        (["--study", "nope"], "study 'nope'"),
        (["-p", "unit=x"], "use --units instead"),
    ],
)
def test_render_names_a_bad_option(tmp_path: Path, capsys, argv: list[str], message: str) -> None:
    assert cli.main(["render", *argv, "-o", str(tmp_path)]) == cli.EXIT_BAD_INPUT
    assert message in capsys.readouterr().err


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")
def test_the_filter_box_hides_the_reports_that_do_not_match(batch: dict, tmp_path: Path) -> None:
    page = (batch["out"] / "index.html").read_text(encoding="utf-8")
    probe = (
        "<script>window.addEventListener('load', () => { const box = document.getElementById("
        "'qci-filter'); box.value = '常州'; box.dispatchEvent(new Event('input'));"
        " const shown = [...document.querySelectorAll('li[data-name]')].filter(li => !li.hidden);"
        " document.body.insertAdjacentHTML('beforeend', `<p id=probe>shown=${shown.length} of"
        " ${document.querySelectorAll('li[data-name]').length}</p>`); });</script>"
    )
    copy = tmp_path / "index.html"
    copy.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--no-first-run", "--proxy-server=127.0.0.1:9",
        "--virtual-time-budget=3000", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
        copy.as_uri(),
    ]  # fmt: skip
    dom = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout
    found = re.search(r"shown=(\d+) of (\d+)", dom)
    assert found, dom[-1000:]
    assert (int(found.group(1)), int(found.group(2))) == (2, 4)  # the two 常州市 unit reports


def test_every_report_notebook_takes_the_core_parameters_with_one_n() -> None:
    core = {"study": "liyang", "year": None, "unit": None, "lang": "zh"}
    ns = set()
    for path in sorted(NB.glob("[0-9]*.ipynb")):
        declared = render.notebook_parameters(path)
        assert {k: declared.get(k) for k in core} == core, path.name
        assert not {"panel", "panel_path", "highlight", "framework"} & set(declared), path.name
        if "n" in declared:
            ns.add(declared["n"])
    assert ns == {2048}


def test_notebooks_are_thin() -> None:
    import json

    for path in sorted(NB.glob("[0-9]*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert not re.search(r"^\s*(def|class)\s", code, re.M), path.name
        # no word of the Liyang case outside the parameters cell (its default study)
        body = [c for c in cells if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])]
        assert not LIYANG_WORDS.search("".join("".join(c["source"]) for c in body)), path.name


def test_a_study_file_given_by_a_relative_path_reaches_the_notebooks_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "criteria.csv").write_text("indicator,direction\ngdp,1\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text("unit,year,gdp\n甲,2020,1\n乙,2020,2\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "name: s\ntitle: 测试\npanel: p.csv\nframework: criteria.csv\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    seen = run_planned(monkeypatch, ["--study", "s.yaml"])
    assert seen["implicit"] == {"study": str(tmp_path / "s.yaml")}
    assert seen["years"] == [2020]
