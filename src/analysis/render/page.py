"""Self-contained HTML: nbconvert with our template, the CJK font embedded and subset."""

from __future__ import annotations

import copy
import functools
import html
import re
from typing import Any

from analysis.render.jobs import (
    TEMPLATE_FILE,
    TEMPLATES_DIR,
    ReportJob,
    report_language,
    safe_file_name,
)
from analysis.styled import display_width

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
        TagRemovePreprocessor(remove_cell_tags=set(REMOVED_TAGS), enabled=True), enabled=True
    )
    # plots carry no alt text; nbconvert would warn about it for every report
    exporter.log.addFilter(lambda record: "Alternative text is missing" not in record.getMessage())
    return exporter


def export_html(nb: Any, job: ReportJob, exporter: Any = None) -> str:
    """The report as one self-contained HTML page."""
    exporter = exporter or html_exporter()
    shown = copy.copy(nb)
    shown.metadata = copy.deepcopy(nb.metadata)
    year = f" ({job.year})" if report_language(job) == "en" else f"（{job.year}）"
    shown.metadata["title"] = f"{job.title}{year}"
    exporter.language_code = html_language(report_language(job))
    resources = {
        "metadata": {"name": job.stem},
        "qci": {"title": job.title, "year": job.year},
    }
    body, _ = exporter.from_notebook_node(shown, resources=resources)
    rendered = nb.metadata.get("qci", {}).get("rendered", "")
    return embed_cjk_font(strip_css_comments(finish_page(body, job, rendered)))


REMOVE_CELL_TAG = "remove-cell"
#: cells left out of every page: notes for notebook readers, and papermill's parameter
#: cells (the page's "how this report was made" appendix says the settings in words)
REMOVED_TAGS = (REMOVE_CELL_TAG, "parameters", "injected-parameters")


def html_language(lang: str) -> str:
    """The ``<html lang>`` of a report in ``lang``: ``zh-CN`` for Chinese (simplified,
    mainland), else the code as given (``en``)."""
    return "zh-CN" if lang.lower() in ("zh", "zh-cn", "zh-hans") else lang


#: the text of a table cell that stands for a missing value (shown as an em dash)
MISSING_CELL_TEXTS = frozenset({"NaN", "nan", "None", "<NA>", "NaT"})
EMPTY_CELL = "—"
#: cells wider than this wrap, shorter ones stay on one line: screen columns
#: (:func:`analysis.styled.display_width`, a Chinese character two), so that 16 Chinese
#: characters wrap as 31 Latin ones do
LONG_CELL = 30


_NUMERIC = re.compile(r"^[-−+]?[\d,.]+%?$|^[—-]$")


def drop_range_index(table: Any) -> bool:
    """Remove a pandas table's row-number column (a RangeIndex: every body row starts with
    a ``<th>`` reading 0, 1, 2, … or 1, 2, 3, …, under empty header cells). True if removed."""
    if "dataframe" not in (table.get("class") or []) or table.tbody is None:
        return False
    rows = table.tbody.find_all("tr", recursive=False)
    firsts = [r.find(["th", "td"], recursive=False) for r in rows]
    if not rows or any(c is None or c.name != "th" or c.get("rowspan") for c in firsts):
        return False
    numbers = [c.get_text(strip=True) for c in firsts]
    if numbers not in (
        [str(i) for i in range(len(rows))],
        [str(i) for i in range(1, len(rows) + 1)],
    ):
        return False
    heads = [
        r.find(["th", "td"], recursive=False)
        for r in (table.thead.find_all("tr") if table.thead else [])
    ]
    if any(h is not None and (h.get_text(strip=True) or h.get("colspan")) for h in heads):
        return False
    for cell in [*firsts, *(h for h in heads if h is not None)]:
        cell.decompose()
    return True


def finish_page(page: str, job: ReportJob, rendered: str = "") -> str:
    """Every exported page, post-processed the same way (whatever its notebook printed):

    ``<html lang>`` from the job's language; the sections a report repeats from the
    previous one folded (:func:`fold_sections`); every table in a sideways-scrolling wrapper,
    its missing-value cells shown as "—", its long cells allowed to wrap; the page's
    tables offered as one embedded ``.xlsx`` (:mod:`analysis.render.workbook`) under the
    header; the "how this report was made" appendix (:mod:`analysis.render.how_made`) at
    the end; the page style and the long-table script (:mod:`analysis.render.page_assets`).
    """
    from bs4 import BeautifulSoup

    from analysis.render import how_made, page_assets, workbook

    lang = how_made.page_lang(report_language(job))
    soup = BeautifulSoup(page, "html.parser")
    if soup.html is not None:
        soup.html["lang"] = html_language(report_language(job))
    fold_sections(soup)
    tables = [t for t in soup.find_all("table") if t.find_parent("header") is None]
    for table in tables:
        drop_range_index(table)
        for cell in table.find_all(["td", "th"]):
            text = cell.get_text(strip=True)
            classes = list(cell.get("class") or [])
            if cell.name == "td" and text in MISSING_CELL_TEXTS:
                cell.string = EMPTY_CELL
                classes.append("qci-empty")
            elif not _NUMERIC.match(text):
                classes.append("qci-text")
            if display_width(text) > LONG_CELL:
                classes.append("qci-long")
            if classes:
                cell["class"] = classes
        parent = table.parent
        if parent is None or "qci-table-wrap" not in (parent.get("class") or []):
            table.wrap(soup.new_tag("div", attrs={"class": "qci-table-wrap"}))
    body = soup.body or soup
    data = workbook.workbook_bytes(tables, lang)
    if data is not None:
        link = BeautifulSoup(
            workbook.download_link(data, safe_file_name(f"{job.title} {job.year}"), lang),
            "html.parser",
        )
        header = soup.find("header", class_="qci-report")
        (header.append(link) if header is not None else body.insert(0, link))
    main = soup.find("main") or body
    main.append(
        BeautifulSoup(
            how_made.appendix_html(job, lang, how_made.made_with(rendered)), "html.parser"
        )
    )
    style = soup.new_tag("style", attrs={"type": "text/css", "id": "qci-page-style"})
    style.string = page_assets.PAGE_STYLE
    (soup.head or body).append(style)
    script = soup.new_tag("script", attrs={"id": "qci-table-script"})
    script.string = page_assets.TABLE_SCRIPT
    body.append(script)
    return str(soup)


#: the class of the marker that opens a fold (:func:`analysis.annual.fold_marker` prints it)
FOLD_START = "qci-fold-start"
#: the class of the marker a fold stops before
FOLD_END = "qci-fold-end"


def fold_sections(soup: Any) -> int:
    """Fold what follows each fold marker (:func:`analysis.annual.fold_marker`) in its
    cell into a closed ``<details class="qci-fold">`` with the marker's summary: the
    outputs after the marker's, up to an end marker or the end of the cell. The markers
    go. Returns the number of folds."""
    folds = 0
    for marker in soup.find_all("div", class_=FOLD_START):
        child = _output_child(marker)
        if child is None:
            marker.decompose()
            continue
        details = soup.new_tag("details", attrs={"class": "qci-fold"})
        summary = soup.new_tag("summary")
        summary.string = marker.get("data-summary", "")
        details.append(summary)
        following = [s for s in child.find_next_siblings() if s.name is not None]
        child.replace_with(details)
        for sibling in following:
            end = sibling.find("div", class_=FOLD_END)
            if end is not None:
                sibling.decompose()
                break
            details.append(sibling.extract())
        folds += 1
    for end in soup.find_all("div", class_=FOLD_END):
        child = _output_child(end)
        (child or end).decompose()
    return folds


def _output_child(marker: Any) -> Any:
    """The output (``div.jp-OutputArea-child``) a marker was printed in, or None."""
    return marker.find_parent("div", class_="jp-OutputArea-child")


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
    A batch subsets from a prepared base font (:mod:`analysis.render.font_subset`).
    """
    import base64

    from analysis.render.font_subset import page_font

    data = base64.b64encode(page_font(characters)).decode("ascii")
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
