"""The style and script every report page carries (inline: the pages fetch nothing).

:data:`PAGE_STYLE` makes a page read on a phone (390 px) as on a desktop: tables scroll
sideways inside their wrapper instead of widening the page, pictures shrink to the
column, Chinese headers and short cells keep their words whole (no one character per
line), prose wraps long words. :data:`TABLE_SCRIPT` gives every table of more than
:data:`PAGE_ROWS` rows a filter box and a "show all" toggle (the first rows are shown).
"""

from __future__ import annotations

#: rows a long table shows before "show all"
PAGE_ROWS = 25

PAGE_STYLE = """
html:root { --jp-content-font-size1: 15px; --jp-content-line-height: 1.65; }
body.jp-Notebook { max-width: 64rem; margin: 0 auto; padding: 0 0.75rem; color: #1f2328;
  overflow-wrap: break-word; }
.jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output {
  min-width: 0; max-width: 100%; }
.jp-Cell { padding: 0.2rem 0; }
.jp-OutputArea-output { overflow-x: visible; }
.jp-RenderedMarkdown p, .jp-RenderedMarkdown li { overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon h1 { font-size: 1.6rem; line-height: 1.3; }
.jp-RenderedHTMLCommon h2 { font-size: 1.3rem; line-height: 1.35; margin-top: 1.8rem;
  border-bottom: 1px solid #d8dee4; padding-bottom: 0.2rem; }
.jp-RenderedHTMLCommon h3 { font-size: 1.1rem; margin-top: 1.3rem; }
img, .jp-RenderedImage img { max-width: 100% !important; height: auto !important; }
.jp-RenderedImage { max-width: 100%; overflow: hidden; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.qci-table-wrap { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch;
  margin: 0.4rem 0 0.9rem; }
.qci-table-wrap table, .jp-RenderedHTMLCommon .qci-table-wrap table {
  border-collapse: collapse; margin: 0; font-size: 0.88rem; table-layout: auto; }
.qci-table-wrap th, .qci-table-wrap td { padding: 0.25rem 0.55rem; word-break: keep-all;
  overflow-wrap: normal; white-space: nowrap; vertical-align: top; }
.qci-table-wrap td.qci-long, .qci-table-wrap th.qci-long { white-space: normal; min-width: 12em;
  max-width: 28em; overflow-wrap: anywhere; }
.qci-table-wrap td.qci-text, .qci-table-wrap th.qci-text { text-align: left; }
.qci-table-wrap tbody tr:nth-child(odd) { background: #f6f8fa; }
.qci-table-wrap td.qci-empty { color: #8c959f; text-align: center; }
.qci-table-tools { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center;
  font-size: 0.85rem; margin: 0.6rem 0 0.2rem; color: #57606a; }
.qci-table-tools input { font: inherit; padding: 0.15rem 0.4rem; width: min(16rem, 100%); }
.qci-table-tools button { font: inherit; padding: 0.15rem 0.6rem; cursor: pointer; }
details.qci-fold { margin: 0.3rem 0 1rem; border-left: 3px solid #d8dee4; padding-left: 0.7rem; }
details.qci-fold > summary { font-family: var(--qci-cjk-fonts); cursor: pointer; color: #0969da; font-size: 0.92rem; padding: 0.2rem 0; }
details.qci-fold[open] > summary { margin-bottom: 0.4rem; }
header.qci-report { margin: 1rem 0 0.5rem; }
header.qci-report .qci-download { margin-top: 0.4rem; font-size: 0.9rem; }
section.qci-how-made { font-family: var(--qci-cjk-fonts); margin: 2.5rem 0 2rem; padding: 0.8rem 1rem; border-top: 2px solid #d8dee4;
  font-size: 0.9rem; color: #333; }
section.qci-how-made h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
section.qci-how-made dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem;
  margin: 0; }
section.qci-how-made dt { color: #57606a; }
section.qci-how-made dd { margin: 0; overflow-wrap: anywhere; }
@media (min-width: 900px) {
  .qci-table-wrap td.qci-long, .qci-table-wrap th.qci-long { max-width: 40em; }
}
@media (max-width: 600px) {
  body.jp-Notebook { padding: 0 0.5rem; }
  header.qci-report { margin: 0.6rem 0; padding: 0.6rem 0.7rem; }
  .jp-RenderedHTMLCommon h1 { font-size: 1.35rem; }
  .jp-RenderedHTMLCommon h2 { font-size: 1.15rem; }
  section.qci-how-made dl { grid-template-columns: 1fr; }
  section.qci-how-made dd { margin-bottom: 0.3rem; }
}
"""

TABLE_SCRIPT = """
(function () {
  var zh = (document.documentElement.lang || "").slice(0, 2) === "zh";
  var words = zh
    ? {filter: "筛选", placeholder: "输入名称或数字", all: "显示全部", less: "只显示前 ",
       rows: " 行", shown: "显示 ", of: " / 共 "}
    : {filter: "Filter", placeholder: "name or number", all: "Show all", less: "Show the first ",
       rows: " rows", shown: "Showing ", of: " of "};
  var limit = %(rows)d, counter = 0;
  document.querySelectorAll(".qci-table-wrap > table").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length <= limit) return;
    var rows = Array.prototype.slice.call(body.rows), expanded = false;
    var tools = document.createElement("div");
    tools.className = "qci-table-tools";
    var id = "qci-table-filter-" + (++counter);
    tools.innerHTML = '<label for="' + id + '">' + words.filter + '</label>' +
      '<input type="search" id="' + id + '" autocomplete="off">' +
      '<button type="button" class="qci-show-all"></button><span class="qci-count"></span>';
    var box = tools.querySelector("input"), button = tools.querySelector("button"),
        count = tools.querySelector(".qci-count");
    box.placeholder = words.placeholder;
    function update() {
      var wanted = box.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (row) {
        var match = wanted === "" || row.textContent.toLowerCase().indexOf(wanted) >= 0;
        var visible = match && (expanded || wanted !== "" || shown < limit);
        row.hidden = !visible;
        if (visible) shown++;
      });
      button.textContent = expanded ? words.less + limit + words.rows : words.all + " (" + rows.length + words.rows + ")";
      count.textContent = words.shown + shown + words.of + rows.length + words.rows;
    }
    box.addEventListener("input", update);
    button.addEventListener("click", function () { expanded = !expanded; update(); });
    table.parentNode.parentNode.insertBefore(tools, table.parentNode);
    update();
  });
})();
""".replace("%(rows)d", str(PAGE_ROWS))
