"""``OUT/index.html``: every rendered report by year, each year's unit reports, a filter box.

The page is self-contained like the reports: inline style and script (no network), the
CJK font embedded and subset. Every name put in the page is HTML-escaped; every link is
URL-encoded (unit names are Chinese, may hold spaces, quotes or ``&``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from analysis.files import write_text
from analysis.render.jobs import UNITS_FOLDER, ReportOutcome
from analysis.render.page import embed_cjk_font, html_language

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def read_title(page: Path) -> str:
    """The ``<title>`` of a rendered page (read from its head), else its file stem."""
    head = page.read_text(encoding="utf-8", errors="replace")[:4000]
    match = _TITLE.search(head)
    return html.unescape(match.group(1).strip()) if match else page.stem


def _link(out_dir: Path, page: Path) -> tuple[str, str]:
    """(an ``<a>`` to ``page``, relative to ``out_dir``, with its title; the title)."""
    title = read_title(page)
    href = quote(page.relative_to(out_dir).as_posix())
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(title)}</a>', title


def write_index(out_dir: Path, failures: Sequence[ReportOutcome] = (), study: Any = None) -> Path:
    """Write ``out_dir/index.html``: every rendered report by year (newest first), each
    year's unit reports in a filterable list, and this run's failures."""
    lang = edition_language(out_dir)
    words = INDEX_WORDS[lang]
    rows = []
    n_units = 0
    for folder in sorted(
        (p for p in out_dir.iterdir() if p.is_dir() and p.name.isdigit()), reverse=True
    ):
        pages = sorted(folder.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
        links = []
        for page in pages:
            link, title = _link(out_dir, page)
            links.append(f'<li data-name="{html.escape(title.lower(), quote=True)}">{link}</li>')
        unit_pages = sorted((folder / UNITS_FOLDER).glob("*.html"))
        units = []
        for page in unit_pages:
            link, title = _link(out_dir, page)
            name = f"{title} {page.stem}".lower()
            units.append(f'<li data-name="{html.escape(name, quote=True)}">{link}</li>')
        n_units += len(units)
        if not links and not units:
            continue
        block = f"<ul>{''.join(links)}</ul>"
        if units:
            block += (
                f'<details class="qci-units"><summary>{words["units"]} ({len(units)})'
                f"</summary><ul>{''.join(units)}</ul></details>"
            )
        rows.append(f"<tr><th>{html.escape(folder.name)}</th><td>{block}</td></tr>")
    failed = "".join(
        f"<tr><th>{o.job.year}</th><td>{html.escape(o.job.label)}</td>"
        f"<td>{html.escape(o.error or '')}</td></tr>"
        for o in failures
    )
    title = (
        f"{study.title_in(lang)} · {words['reports']}" if study is not None else words["reports"]
    )
    page = INDEX_TEMPLATE.format(
        lang=html_language(lang),
        title=html.escape(title),
        intro=words["intro"],
        filter=FILTER_BOX.format(**words) if n_units else "",
        rows="\n".join(rows) or f'<tr><td colspan="2">{words["none"]}</td></tr>',
        failures=f"<h2>{words['failed']}</h2><table>{failed}</table>" if failed else "",
        footer=words["footer"].format(rendered=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    )
    return write_text(out_dir / "index.html", embed_cjk_font(page))


#: the index page's words in each edition's language
INDEX_WORDS = {
    "zh": {
        "reports": "报告", "units": "各单位报告", "none": "（尚无报告）",
        "failed": "上次运行未能生成的报告", "filter_label": "按名称筛选", "placeholder": "名称",
        "intro": "每年一份报告及其附属页面；每个文件都是独立的 HTML，离线可打开，可作为附件发送。",
        "footer": "由 qci（<code>python -m analysis render</code>）于 {rendered} 生成。",
    },
    "en": {
        "reports": "Reports", "units": "Unit reports", "none": "(no reports yet)",
        "failed": "Failed in the last run", "filter_label": "Filter by name", "placeholder": "name",
        "intro": "Reports by year; each is one self-contained HTML file that opens offline and "
        "can be sent as an attachment.",
        "footer": "Made {rendered} by qci (<code>python -m analysis render</code>).",
    },
}  # fmt: skip
_LANG = re.compile(r'<html[^>]*\blang="([^"]*)"', re.I)


def edition_language(out_dir: Path) -> str:
    """``zh`` or ``en``: the language most of the reports under ``out_dir`` are written in
    (their ``<html lang>``); ``zh`` when there are none."""
    counts = {"zh": 0, "en": 0}
    for page in out_dir.glob("*/**/*.html"):
        head = page.read_text(encoding="utf-8", errors="replace")[:2000]
        match = _LANG.search(head)
        if match:
            counts["en" if match.group(1).lower().startswith("en") else "zh"] += 1
    return "en" if counts["en"] > counts["zh"] else "zh"


FILTER_BOX = """<p><label for="qci-filter">{filter_label}</label>
<input type="search" id="qci-filter" placeholder="{placeholder}" autocomplete="off"></p>
<script>
(function () {{
  var box = document.getElementById("qci-filter");
  box.addEventListener("input", function () {{
    var wanted = box.value.trim().toLowerCase();
    document.querySelectorAll("li[data-name]").forEach(function (item) {{
      item.hidden = wanted !== "" && item.getAttribute("data-name").indexOf(wanted) < 0;
    }});
    document.querySelectorAll("details.qci-units").forEach(function (list) {{
      list.open = wanted !== "";
    }});
  }});
}})();
</script>"""

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
body {{ font-family: "QCI Noto Sans CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
  color: #222; line-height: 1.6; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: .4rem .8rem; border-bottom: 1px solid #ddd; }}
td {{ overflow-wrap: anywhere; }}
th {{ width: 5rem; }}
ul {{ margin: 0; padding-left: 1.2rem; }}
details ul {{ columns: 14rem; }}
input[type=search] {{ font: inherit; padding: .2rem .4rem; width: min(20rem, 90%); }}
footer {{ color: #777; font-size: .85rem; margin-top: 2rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{intro}</p>
{filter}
<table>
{rows}
</table>
{failures}
<footer>{footer}</footer>
</body>
</html>
"""
