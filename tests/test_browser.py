"""The browser check of rendered pages (analysis.render.check) and rendered pages passing it.

The rules are specified on text (no browser); then each check on tiny hand-made pages in
headless Chromium; then a small set of real pages rendered in a temporary folder must
pass, and one annual report and one unit report per language are kept as screenshots
under reports/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.render import check
from analysis.render.page import EMBEDDED_FONT_FAMILY

CHROMIUM = check.find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"
)


# --------------------------------------------------------------------------- rules, no browser


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("score\tNaN\t0.3", ["'NaN'"]),
        ("rank <NA> of 21", ["'<NA>'"]),
        ("value nan here", ["'nan'"]),
        ("sources_path None\nnext", ["'None'"]),
        ("a cell\nNone\n", ["'None'"]),
        ("2020-01-01 NaT", ["'NaT'"]),
    ],
)
def test_missing_values_are_found(text: str, found: list[str]) -> None:
    assert [
        f.split(" at ")[0].split(" first")[0].split("× ")[-1] for f in check.empty_values(text)
    ] == found


@pytest.mark.parametrize(
    "text",
    ["None of the units is missing.", "Nanjing and Hainan", "nano", "NaNa", "<NAME>", "N/A-free"],
)
def test_words_that_look_like_missing_values_are_not(text: str) -> None:
    assert check.empty_values(text) == []


def test_repeated_missing_values_are_counted_once() -> None:
    (finding,) = check.empty_values("NaN NaN NaN")
    assert finding.startswith("3 × 'NaN'")


@pytest.mark.parametrize(
    "text",
    [
        "Traceback (most recent call last):\n  File x",
        "KeyError: 'score'",
        "InputError: parameter 'lang' must be one of zh, en",
        "ValueError",
        "FutureWarning: the default will change",
    ],
)
def test_tracebacks_and_exception_names_are_found(text: str) -> None:
    assert check.tracebacks(text)


@pytest.mark.parametrize(
    "text", ["the standard error is 0.1", "Error bars show 95 %", "No errors."]
)
def test_words_about_errors_are_not_tracebacks(text: str) -> None:
    assert check.tracebacks(text) == []


def test_a_stderr_block_is_a_traceback_finding() -> None:
    assert check.tracebacks("clean text", ["UserWarning: x"]) == ["stderr output: 'UserWarning: x'"]


@pytest.mark.parametrize(
    "text",
    [
        "figures_path '/work/main/data/processed/figures.csv'",
        "read /home/ann/data.csv",
        "/tmp/pytest-1/x.html",
        "lib/python3.11/site-packages/pandas",
        "see .venv/bin/python",
        r"C:\Users\ann\data.xlsx",
        "/usr/lib/x",
    ],
)
def test_machine_paths_are_found(text: str) -> None:
    assert check.machine_paths(text)


@pytest.mark.parametrize(
    "text", ["figures.csv", "2022/2023", "km/h", "a/b/c.csv", "https://x.org/tmp/"]
)
def test_ordinary_slashes_are_not_machine_paths(text: str) -> None:
    assert check.machine_paths(text) == []


def test_paths_in_attributes_count_but_data_uris_do_not() -> None:
    assert check.machine_paths("", ["/home/x/y.png"]) == ["/home/x/y.png"]
    assert check.machine_paths("", ["data:image/png;base64,/home/"]) == []


def test_images_need_meaningful_alt_text() -> None:
    images = [
        {"alt": None}, {"alt": ""}, {"alt": check.NBCONVERT_DEFAULT_ALT},
        {"alt": check.NBCONVERT_DEFAULT_ALT}, {"alt": "Bar chart: score of 21 cities, Liyang highlighted"},
    ]  # fmt: skip
    assert check.missing_alt(images) == [
        "1 of 5 image(s): no alt attribute",
        "1 of 5 image(s): alt ''",
        f"2 of 5 image(s): alt {check.NBCONVERT_DEFAULT_ALT!r}",
    ]


def test_a_chinese_page_must_be_mostly_chinese() -> None:
    assert check.language_problems("zh-CN", "溧阳市的综合得分排名第六，生态环境最强。TOPSIS") == []
    (problem,) = check.language_problems("zh-CN", "This notebook compares weighting methods 权重")
    assert "Chinese" in problem
    assert check.language_problems("", "text") == ["<html> has no lang attribute"]


def test_an_english_page_holds_chinese_only_in_quotes_names_and_marked_elements() -> None:
    fine = "Liyang (溧阳市) ranks 6th. The bulletin says “全省第7位” (7th in the province)."
    assert check.language_problems("en", fine) == []
    assert check.language_problems("en", "Heading 溧阳 in text", marked_zh=["溧阳"]) == []
    (problem,) = check.language_problems("en", "Ecology 生态环境 is the strongest quality")
    assert "生态环境" in problem


def test_problems_of_a_probe_report_overflow_at_each_width_and_the_rest_once() -> None:
    probe = {
        "lang": "en", "text": "NaN", "images": [{"alt": None}], "attributes": [], "stderr": [],
        "marked_zh": [], "overflow": {"scroll_width": 700, "client_width": 390, "culprits": ["table"]},
    }  # fmt: skip
    phone = check.problems_of("a.html", probe, check.PHONE_WIDTH)
    desktop = check.problems_of("a.html", probe, check.DESKTOP_WIDTH)
    assert [p.kind for p in phone] == ["overflow"]
    assert sorted(p.kind for p in desktop) == ["alt", "empty-value", "overflow"]
    assert phone[0].line().startswith("a.html [390px] overflow: page is 700 px wide")


# --------------------------------------------------------------------------- each check in Chromium

PAGES = {
    "clean.html": (
        '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        "</head><body><h1>A clean page</h1><p>Liyang ranks 6th of 21.</p>"
        '<img alt="Bar chart of the scores of 21 cities" src="data:image/gif;base64,'
        'R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" width="10" height="10">'
        '<div style="overflow-x:auto"><table><tr>'
        + "<td>wide&nbsp;cell&nbsp;content</td>" * 30
        + "</tr></table></div></body></html>"
    ),
    "overflowing.html": (
        '<html lang="en"><head><meta charset="utf-8"></head><body><p>Scores.</p><table><tr>'
        + "<td>wide&nbsp;cell&nbsp;content</td>" * 30
        + "</tr></table></body></html>"
    ),
    "default-alt.html": (
        '<html lang="en"><head><meta charset="utf-8"></head><body><p>A chart.</p>'
        f'<img alt="{check.NBCONVERT_DEFAULT_ALT}" src="data:image/gif;base64,'
        'R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="></body></html>'
    ),
    "nan-cell.html": (
        '<html lang="en"><head><meta charset="utf-8"></head><body><table>'
        "<tr><th>unit</th><th>score</th></tr><tr><td>Liyang</td><td>NaN</td></tr></table></body></html>"
    ),
    "path.html": (
        '<html lang="en"><head><meta charset="utf-8"></head><body>'
        "<p>figures_path: /home/ann/qci/data/figures.csv</p></body></html>"
    ),
    "wrong-lang.html": (
        '<html lang="en"><head><meta charset="utf-8"></head><body>'
        "<h1>溧阳品质城市年度报告</h1><p>溧阳市综合得分第六位。</p></body></html>"
    ),
    "traceback.html": (
        '<html lang="en"><head><meta charset="utf-8"></head><body><pre>Traceback (most recent '
        "call last):\n  KeyError: 'score'</pre></body></html>"
    ),
    "folded-nan.html": (  # what a reader can unfold is checked
        '<html lang="en"><head><meta charset="utf-8"></head><body><p>Scores.</p>'
        "<details><summary>Show again</summary><p>Liyang: NaN</p></details></body></html>"
    ),
    "unembedded-font.html": (  # Chinese outside the embedded font: boxes where no CJK font is
        '<html lang="zh-CN"><head><meta charset="utf-8"><style>@font-face { font-family: '
        f'"{EMBEDDED_FONT_FAMILY}"; src: local("no such font"); }} body {{ font-family: '
        f'"{EMBEDDED_FONT_FAMILY}", sans-serif; }} summary {{ font-family: sans-serif; }}</style>'
        "</head><body><p>溧阳市综合得分第六位。</p><details><summary>再次展开本节</summary>"
        "<p>本节与上一期相同。</p></details></body></html>"
    ),
    "hidden.html": (  # text a reader cannot see is not checked
        '<html lang="en"><head><meta charset="utf-8"></head><body><p>Fine.</p>'
        '<p style="display:none">NaN /home/x</p><script>var x = "NaN";</script></body></html>'
    ),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[check.Problem]]:
    folder = tmp_path_factory.mktemp("pages")
    for name, text in PAGES.items():
        (folder / name).write_text("<!DOCTYPE html>" + text, encoding="utf-8")
    problems, heights = check.check_pages(folder)
    found: dict[str, list[check.Problem]] = {name: [] for name in PAGES}
    for problem in problems:
        found[problem.page].append(problem)
    assert set(heights) == set(PAGES) and all(h > 0 for h in heights.values())
    return found


@needs_chromium
@pytest.mark.browser
def test_a_clean_page_passes_with_a_wide_table_in_a_scrolling_wrapper(checked: dict) -> None:
    assert checked["clean.html"] == []
    assert checked["hidden.html"] == []


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize(
    ("page", "kinds"),
    [
        ("overflowing.html", [("overflow", 1280), ("overflow", 390)]),
        ("default-alt.html", [("alt", None)]),
        ("nan-cell.html", [("empty-value", None)]),
        ("path.html", [("path", None)]),
        ("wrong-lang.html", [("lang", None)]),
        ("traceback.html", [("traceback", None)]),
        ("folded-nan.html", [("empty-value", None)]),
        ("unembedded-font.html", [("font", None)]),
    ],
)
def test_each_check_finds_its_problem_in_chromium(checked: dict, page: str, kinds: list) -> None:
    found = {(p.kind, p.width) for p in checked[page]}
    assert found == set(kinds)


@needs_chromium
@pytest.mark.browser
def test_the_overflow_names_the_element_that_sticks_out(checked: dict) -> None:
    phone = next(p for p in checked["overflowing.html"] if p.width == check.PHONE_WIDTH)
    assert "table" in phone.detail and "390 px viewport" in phone.detail


def test_the_command_line_exits_2_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert check.main([str(tmp_path / "nowhere")]) == 2
    assert check.main([str(tmp_path)]) == 2  # no pages
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "no such folder" in err and "no .html pages" in err


@needs_chromium
@pytest.mark.browser
def test_the_command_line_exits_1_with_one_line_per_problem_and_0_when_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "a.html").write_text("<!DOCTYPE html>" + PAGES["nan-cell.html"], encoding="utf-8")
    assert check.main([str(tmp_path), "-q"]) == 1
    assert capsys.readouterr().out.startswith("a.html empty-value: 'NaN'")
    (tmp_path / "a.html").write_text("<!DOCTYPE html>" + PAGES["clean.html"], encoding="utf-8")
    assert check.main([str(tmp_path), "-q"]) == 0


# --------------------------------------------------------------------------- rendered pages pass

FIGURES = Path(__file__).parent / "data" / "render" / "figures.csv"  # liyang, 2022-2023
SCREENSHOTS = Path(__file__).resolve().parents[1] / "reports" / "screenshots"
#: (edition folder, study, year, units) rendered in both languages
EDITIONS = (("oecd-bli", 2017, ("Korea", "Japan")), ("liyang", 2023, ()))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small set in both languages, one pool for all: the OECD annual report of 2017 with
    two unit profiles, and the liyang annual report of 2023 (N = 16 for speed)."""
    from analysis import config, render
    from analysis.study import load_study

    out = tmp_path_factory.mktemp("rendered")
    notebook = config.NOTEBOOKS_DIR / "90-annual-report.ipynb"
    profile = config.NOTEBOOKS_DIR / "60-unit-profile.ipynb"
    jobs, folders = [], {}
    for study_name, year, units in EDITIONS:
        study = load_study(study_name)
        implicit = {"study": study_name}
        if study_name == "liyang":
            implicit["figures_path"] = str(FIGURES)
        for lang in ("zh", "en"):
            planned = render.plan_jobs(
                [notebook], [year], {"n": 16, "lang": lang}, implicit,
                {year: list(units)} if units else None, unit_notebooks=[profile], study=study,
            )  # fmt: skip
            for job in planned:
                folders[(study_name, lang, job.label)] = out / f"{study_name}-{lang}"
            jobs += planned

    def write(outcome: render.ReportOutcome) -> None:
        params = outcome.job.parameters
        folder = folders[(params["study"], params["lang"], outcome.job.label)]
        render.write_outcome(outcome, folder)

    outcomes = render.run_jobs(jobs, workers=2, progress=False, on_done=write)
    failed = [f"{o.job.label}: {o.error}" for o in outcomes if not o.ok]
    assert not failed, failed
    for study_name, _, _ in EDITIONS:
        for lang in ("zh", "en"):
            render.write_index(out / f"{study_name}-{lang}", study=load_study(study_name))
    return out


@pytest.fixture(scope="module")
def browser_problems(rendered: Path) -> list[check.Problem]:
    problems, heights = check.check_pages(rendered)
    assert len(heights) == 2 * (1 + 3 + 1 + 1), sorted(heights)  # every page was checked
    return problems


@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_rendered_pages_pass_the_browser_check_in_both_languages(browser_problems: list) -> None:
    assert not browser_problems, "\n" + check.summary(browser_problems)


@needs_chromium
@pytest.mark.browser
@pytest.mark.slow
def test_screenshots_of_an_annual_report_and_a_unit_profile_per_language(rendered: Path) -> None:
    """Kept under reports/screenshots/ so that a reviewer can look without a browser."""
    shots = {
        f"annual-report-{lang}.png": rendered / f"liyang-{lang}" / "2023" / "index.html"
        for lang in ("zh", "en")
    }
    shots |= {
        f"unit-profile-{lang}.png": rendered / f"oecd-bli-{lang}" / "2017" / "units" / "Korea.html"
        for lang in ("zh", "en")
    }
    for name, page in shots.items():
        path = check.screenshot(page, SCREENSHOTS / name)
        assert path.stat().st_size > 10_000, name  # a picture, not a blank page
        assert path.stat().st_size < 1_500_000, f"{name}: too large to commit"


def test_an_xlsx_of_the_page_tables_is_embedded(rendered: Path) -> None:
    import base64
    import io
    import re

    import openpyxl

    for lang, text in (
        ("zh", "下载本页表格 (.xlsx)"),
        ("en", "Download this page&#39;s tables (.xlsx)"),
    ):
        page = (rendered / f"liyang-{lang}" / "2023" / "index.html").read_text(encoding="utf-8")
        link = re.search(
            r'<a download="[^"]+\.xlsx" href="data:[^;]+;base64,([^"]+)">([^<]+)</a>', page
        )
        assert link and link.group(2) in (text, text.replace("&#39;", "'")), lang
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(link.group(1))))
        assert len(book.sheetnames) == page.count('<div class="qci-table-wrap">')
        assert all(name.strip() for name in book.sheetnames)


@needs_chromium
@pytest.mark.browser
def test_a_long_table_shows_its_first_rows_with_a_filter_and_a_show_all_button(
    tmp_path: Path,
) -> None:
    import re
    import subprocess

    from analysis import config
    from analysis.render import page
    from analysis.render.jobs import ReportJob
    from analysis.render.page_assets import PAGE_ROWS

    rows = "".join(f"<tr><td>unit {i}</td><td>{i}</td></tr>" for i in range(40))
    raw = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><main><h2>Scores</h2>'
        f"<table><thead><tr><th>unit</th><th>score</th></tr></thead><tbody>{rows}</tbody>"
        "</table></main></body></html>"
    )
    job = ReportJob(2023, config.NOTEBOOKS_DIR / "90-annual-report.ipynb", {"lang": "en"}, "x.html")
    path = tmp_path / "long.html"
    path.write_text(page.finish_page(raw, job), encoding="utf-8")
    command = check.chromium_command(
        CHROMIUM, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000",
        "--dump-dom", path.as_uri(),
    )  # fmt: skip
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    assert dom.count("<tr hidden") == 40 - PAGE_ROWS
    assert re.search(
        r'<button type="button" class="qci-show-all">Show all \(40 rows\)</button>', dom
    )
    assert 'type="search"' in dom and "Showing 25 of 40 rows" in dom
