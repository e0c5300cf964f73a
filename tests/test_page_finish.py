"""Page-level finishing of every report page (analysis.render.page.finish_page and its
parts: the settings appendix, the embedded workbook) and figure alt text (analysis.display)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import openpyxl  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from analysis import config, display  # noqa: E402
from analysis.render import how_made, page, workbook  # noqa: E402
from analysis.render.jobs import ReportJob  # noqa: E402

# --------------------------------------------------------------------------- alt text


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_a_bar_chart_is_described_with_its_title_axes_count_and_highlighted_bar() -> None:
    from analysis.fonts import use_cjk_font

    use_cjk_font()
    fig, ax = plt.subplots()
    names = ["南京市", "溧阳市", "常州市", "苏州市"]
    colours = ["#999999", "#d55e00", "#999999", "#999999"]
    ax.barh(range(4), [3, 5, 2, 4], color=colours)
    ax.set_yticks(range(4), names)
    ax.set_title("综合得分")
    ax.set_xlabel("得分")
    fig.canvas.draw()
    text = display.describe_figure(fig)
    assert text == "条形图：综合得分；横轴：得分；4 根柱；突出显示：溧阳市"


def test_a_line_chart_in_english_counts_its_lines_and_names_the_bold_one() -> None:
    fig, ax = plt.subplots()
    for i, name in enumerate(["Korea", "Japan", "Chile"]):
        ax.plot([2014, 2015, 2016, 2017], [i, i + 1, i, i + 2], label=name, lw=3 if i == 0 else 1)
    ax.set_title("Rank by year")
    ax.set_ylabel("rank")
    ax.legend()
    text = display.describe_figure(fig)
    assert text.startswith("Line chart: Rank by year; y axis: rank; 3 lines; highlighted: Korea")
    assert "legend: Korea, Japan, Chile" in text


def test_a_heatmap_gives_its_shape_and_colour_bars_are_left_out() -> None:
    import numpy as np

    fig, ax = plt.subplots()
    image = ax.imshow(np.arange(12.0).reshape(3, 4))
    fig.colorbar(image)
    ax.set_title("Weights")
    assert display.describe_figure(fig) == "Heatmap: Weights; 3 rows × 4 columns"


def test_several_panels_and_an_empty_figure() -> None:
    fig, (a, b) = plt.subplots(1, 2)
    a.scatter([1, 2, 3], [1, 2, 3])
    b.bar([1, 2], [3, 4])
    fig.suptitle("Two views")
    assert display.describe_figure(fig) == (
        "Two views; 2 panels. Scatter plot; 3 points. Bar chart; 2 bars"
    )
    assert display.describe_figure(plt.figure()) == "Empty figure"


def test_set_alt_overrides_the_description() -> None:
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    assert display.alt_text(display.set_alt(fig, "Scores of 21\ncities")) == "Scores of 21 cities"


def test_the_kernel_png_output_of_a_figure_carries_its_alt_text() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        from IPython.core.pylabtools import select_figure_formats

        select_figure_formats(shell, {"png"})  # what the inline backend registers
        assert display.register_alt_text() and display.register_alt_text()  # idempotent
        fig, ax = plt.subplots()
        ax.bar([1, 2], [3, 4])
        ax.set_title("Scores")
        data, metadata = shell.display_formatter.format(fig)
        assert "image/png" in data
        assert metadata["image/png"]["alt"] == "Bar chart: Scores; 2 bars"
    finally:
        InteractiveShell.clear_instance()


def test_outside_ipython_nothing_is_registered() -> None:
    assert display.register_alt_text() is False


# --------------------------------------------------------------------------- the settings appendix


def job(**parameters: object) -> ReportJob:
    notebook = config.NOTEBOOKS_DIR / "90-annual-report.ipynb"
    defaults = {"study": "liyang", "year": None, "unit": None, "lang": "zh", "n": 2048, "seed": 1,
                "figures_path": None, "sources_path": None}  # fmt: skip
    return ReportJob(2023, notebook, {"year": 2023, **parameters}, "index.html", "T", defaults)


def test_the_settings_are_words_without_reprs_or_paths() -> None:
    rows = dict(how_made.settings(job(figures_path="/home/ann/data/figures.csv", lang="en"), "en"))
    assert rows["Study"] == "Liyang quality-city annual report"
    assert rows["Year"] == "2023" and rows["Language"] == "English"
    assert rows["Followed unit"] == "Liyang"  # the study's focus, by its English name
    assert rows["Figures table"] == "figures.csv"
    assert rows["Sensitivity sample size N"] == "2048" and rows["Random seed"] == "1"
    assert "Sources table" not in rows  # unset: left out, never "None"
    text = how_made.appendix_html(job(), "zh", {"version": "0.1.0", "date": "2026-12-07"})
    assert "<h2>本报告的生成方式</h2>" in text and "<dt>语言</dt><dd>中文</dd>" in text
    assert "<dt>生成</dt><dd>qci 0.1.0，2026-12-07</dd>" in text
    assert "None" not in text and "'" not in text


@pytest.mark.parametrize(
    ("value", "name"),
    [("/work/main/data/x.csv", "x.csv"), (r"C:\Users\ann\y.xlsx", "y.xlsx"), ("z.csv", "z.csv")],
)
def test_a_path_is_shown_as_its_file_name(value: str, name: str) -> None:
    assert how_made.readable_value("figures_path", value, "en") == name


# --------------------------------------------------------------------------- the workbook


TABLE = """<h3>Scores</h3><table class="dataframe"><thead><tr><th></th><th>unit</th>
<th>score</th><th>note</th></tr></thead><tbody>
<tr><th>0</th><td>Liyang</td><td>1,234.5</td><td>=HYPERLINK("x")</td></tr>
<tr><th>1</th><td>Jurong</td><td>NaN</td><td>−0.5</td></tr></tbody></table>"""


def test_a_table_becomes_a_sheet_named_after_its_heading_numbers_as_numbers() -> None:
    soup = BeautifulSoup(TABLE, "html.parser")
    data = workbook.workbook_bytes(soup.find_all("table"), "en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Scores"]
    rows = list(book["Scores"].iter_rows(values_only=True))
    assert rows[0] == ("(1)", "unit", "score", "note")
    assert rows[1][1:3] == ("Liyang", 1234.5) and rows[2][2] is None and rows[2][3] == -0.5
    formula = book["Scores"]["D2"]
    assert formula.data_type == "s" and not str(formula.value).startswith(
        "="
    )  # text, not a formula


def test_sheet_names_are_unique_and_short() -> None:
    names = workbook.unique_sheet_names(["A" * 40, "A" * 40, "x/y"])
    assert names == ["A" * 31, "A" * 27 + " (2)", "x_y"]


# --------------------------------------------------------------------------- finish_page


def test_finish_page_sets_lang_wraps_tables_shows_missing_cells_and_adds_the_appendix() -> None:
    raw = (
        '<!DOCTYPE html><html lang="zh"><head><title>T</title></head><body class="jp-Notebook">'
        '<header class="qci-report"><div class="qci-title">T · 2023</div></header><main>'
        f"{TABLE}</main></body></html>"
    )
    out = page.finish_page(raw, job(lang="en"), "2026-12-07T10:00:00+00:00")
    soup = BeautifulSoup(out, "html.parser")
    assert soup.html["lang"] == "en"
    table = soup.find("table")
    assert "qci-table-wrap" in table.parent["class"]
    assert [c.get_text() for c in table.find_all("tr")[2].find_all(["th", "td"])] == [
        "Jurong",
        "—",
        "−0.5",
    ]  # fmt: skip  (the 0, 1, … row numbers are gone)
    assert (
        soup.find("section", class_="qci-how-made").find("h2").get_text()
        == "How this report was made"
    )
    link = soup.find("header").find("a", download=True)
    assert link.get_text() == "Download this page's tables (.xlsx)"
    assert link["href"].startswith(f"data:{workbook.XLSX_MIME};base64,")
    openpyxl.load_workbook(io.BytesIO(base64.b64decode(link["href"].split(",", 1)[1])))
    assert soup.find("style", id="qci-page-style") and soup.find("script", id="qci-table-script")
    assert page.html_language("zh") == "zh-CN"


def test_a_real_index_column_is_kept() -> None:
    soup = BeautifulSoup(TABLE.replace("<th>1</th>", "<th>Jurong</th>"), "html.parser")
    assert page.drop_range_index(soup.find("table")) is False
    assert len(soup.find("tr").find_all("th")) == 4


def test_the_index_page_is_in_the_language_of_its_reports(tmp_path: Path) -> None:
    from analysis.render.index_page import write_index

    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "index.html").write_text(
        '<html lang="en"><head><title>Annual report</title></head></html>', encoding="utf-8"
    )
    text = write_index(tmp_path).read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "<h1>Reports</h1>" in text
    assert not re.search(r"[\u4e00-\u9fff]", text.split("</style>")[-1])


def test_small_multiples_name_their_kind_once_and_list_the_panel_titles() -> None:
    fig, axes = plt.subplots(2, 3)
    for i, ax in enumerate(axes.flat):
        ax.hist([1, 2, 2, 3], bins=3)
        ax.set_title(f"v{i}")
    assert display.describe_figure(fig) == "6 panels: Bar chart. v0, v1, v2, v3, v4, v5"


# --------------------------------------------------------------------------- folds


def cell(*outputs: str) -> str:
    """A cell as nbconvert's lab template writes it, one output area child per output."""
    children = "".join(f'<div class="jp-OutputArea-child">{o}</div>' for o in outputs)
    return f'<div class="jp-Cell"><div class="jp-OutputArea jp-Cell-outputArea">{children}</div></div>'


def test_a_fold_marker_folds_the_rest_of_its_cell_up_to_an_end_marker() -> None:
    start = '<div class="qci-fold-start" data-summary="Show this section again"></div>'
    end = '<div class="qci-fold-end"></div>'
    soup = BeautifulSoup(
        cell("<h2>Methods</h2><p>Unchanged.</p>", start, "<p>one</p>", "<table></table>", end, "<h3>Official</h3>")
        + cell("<h2>Next</h2>"),
        "html.parser",
    )
    assert page.fold_sections(soup) == 1
    details = soup.find("details", class_="qci-fold")
    assert details.summary.get_text() == "Show this section again"
    assert details.find("p").get_text() == "one" and details.find("table") is not None
    # the heading and the one line stay visible, as does what follows the end marker
    assert details.find("h2") is None and details.find("h3") is None
    assert soup.find("h3").find_parent("details") is None and soup.find("h2", string="Next").find_parent("details") is None
    assert soup.find(class_="qci-fold-start") is None and soup.find(class_="qci-fold-end") is None
    assert details.find_previous("p").get_text() == "Unchanged."


def test_a_fold_without_end_marker_ends_with_its_cell_and_no_marker_no_fold() -> None:
    start = '<div class="qci-fold-start" data-summary="again"></div>'
    soup = BeautifulSoup(cell("<h2>Robust</h2>", start, "<p>a</p>", "<p>b</p>") + cell("<p>c</p>"), "html.parser")
    assert page.fold_sections(soup) == 1
    assert [p.get_text() for p in soup.find("details").find_all("p")] == ["a", "b"]
    plain = BeautifulSoup(cell("<h2>Robust</h2>", "<p>a</p>"), "html.parser")
    assert page.fold_sections(plain) == 0 and plain.find("details") is None


def test_a_cell_wraps_by_its_width_on_screen_a_chinese_character_counting_two() -> None:
    quote = "溧阳综合实力跃居全国59个“千亿县”第20位"  # 23 characters, 42 columns
    latin = "Rank among the province's counties"  # 34 characters
    short = "Liyang ranks 7th of 40"  # 22 characters
    raw = (
        '<!DOCTYPE html><html><head></head><body class="jp-Notebook"><main><table><tr>'
        f"<td>{quote}</td><td>{latin}</td><td>{short}</td><td>全省第7位</td></tr></table></main></body></html>"
    )
    cells = BeautifulSoup(page.finish_page(raw, job(lang="zh")), "html.parser").find_all("td")
    assert ["qci-long" in c.get("class", []) for c in cells] == [True, True, False, False]


def test_a_comparisons_combinations_are_named_with_their_count() -> None:
    from analysis.compare.methods import load_combinations

    n = len(load_combinations("compare-default"))
    assert how_made.readable_value("combinations", "compare-default", "en") == f"compare-default ({n} combinations)"
    assert how_made.readable_value("combinations", "compare-default", "zh") == f"compare-default（{n} 种组合）"
    assert how_made.readable_value("combinations", "/home/ann/mine.yaml", "en") == "mine.yaml"  # does not load
