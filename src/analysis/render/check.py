"""A browser check of rendered pages: what a reader would see wrong, in headless Chromium.

``python -m analysis.render.check DIR [--screenshots OUTDIR]`` loads every ``.html`` page
under ``DIR`` in Debian's Chromium (``/usr/bin/chromium``, headless, offline) at a desktop
width (1280 px) and a phone width (390 px) and reports, one line per problem:

- ``overflow``: the page is wider than the viewport (``scrollWidth > clientWidth`` of the
  document), naming the outermost element that sticks out (one per width);
- ``alt``: an ``<img>`` without meaningful alt text (missing, empty, a generic word, or
  nbconvert's "No description has been provided for this image");
- ``empty-value``: a ``NaN``/``nan``/``None``/``<NA>``/``NaT`` in the visible text;
- ``traceback``: a Python traceback, an exception class name (``KeyError: …``), a
  warning printed by the code (``FutureWarning: …``), or a stderr output block;
- ``path``: a machine path in the text or in an ``alt``/``title``/``href``
  (``/home/``, ``/work/``, ``/tmp/``, ``/usr/``, ``site-packages``, ``.venv``, ``C:\\``);
- ``font``: Chinese text drawn in a font other than the page's embedded CJK subset
  (where a machine has no CJK font of its own it would show as empty boxes), naming the
  elements;
- ``lang``: ``<html lang>`` missing, or not matching the text: a ``zh`` page must be
  mostly Chinese (Han characters at least half of the letters), an ``en`` page may hold
  Chinese only inside quotes, brackets (a name's gloss) or elements marked ``lang="zh…"``.

How: one Chromium run per batch of pages. A harness page in a temporary folder holds two
``<iframe>`` per page (1280 and 390 px wide; an iframe's width is its page's viewport,
media queries included); when everything has loaded, a probe script reads each frame's
document (``--allow-file-access-from-files``) and writes what it measured into the DOM,
which ``--dump-dom`` prints. Folded sections (``<details>``) and paged-away table rows
are opened first, so what a reader can unfold is checked too. The rules on what is a problem are Python
(:func:`problems_of`), so they are tested without a browser. Pages are never modified.

Exit status 0 when every page is clean, 1 with the problems, 2 for bad input (no such
folder, no pages, no Chromium).
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.errors import InputError

DESKTOP_WIDTH = 1280
PHONE_WIDTH = 390
WIDTHS = (DESKTOP_WIDTH, PHONE_WIDTH)
#: pages per Chromium run (two frames each): memory stays modest, start-up is shared
BATCH_SIZE = 12
#: seconds one Chromium run may take before its pages are reported unchecked
RUN_TIMEOUT = 300
#: the alt text nbconvert writes when an output has none
NBCONVERT_DEFAULT_ALT = "No description has been provided for this image"
_GENERIC_ALT = {
    "",
    "image",
    "img",
    "figure",
    "plot",
    "chart",
    "png",
    "picture",
    "graph",
    "图",
    "图片",
}
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem of one page: its path (relative to the checked folder), the viewport
    width it shows at (None: any width), its kind and a short description."""

    page: str
    kind: str
    detail: str
    width: int | None = None

    def line(self) -> str:
        at = f" [{self.width}px]" if self.width else ""
        return f"{self.page}{at} {self.kind}: {self.detail}"


# --------------------------------------------------------------------------- rules

_EMPTY_IN_TEXT = re.compile(
    r"(?<![\w<])(NaN|NaT|<NA>)(?![\w>])"  # pandas' and NumPy's missing values
    r"|(?<![\w.])nan(?![\w])"  # repr of a float NaN
    r"|(?<![A-Za-z_])None(?![A-Za-z_]| +[a-z])"  # repr of None (not "None of the ...")
)
_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)"
    r"|\b[A-Z][a-z]+[A-Za-z]*(?:Error|Exception)\b(?=:|\s*\(|$)"
    r"|\b[A-Z][a-z]+[A-Za-z]*Warning:",
    re.M,
)
_MACHINE_PATH = re.compile(
    r"(?<![\w.])/(?:home|work|tmp|usr|root|Users|opt|var|mnt)/\S*"
    r"|\S*site-packages\S*|\S*(?<![\w])\.venv\b\S*|\b[A-Za-z]:\\\S*"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_LATIN = re.compile(r"[A-Za-z]")
#: quotes and brackets inside which an English page may quote Chinese
_QUOTED = re.compile(
    r"“[^”]*”|‘[^’]*’|\"[^\"\n]*\"|「[^」]*」|『[^』]*』|《[^》]*》|\([^()\n]*\)|（[^（）\n]*）|\[[^\]\n]*\]"
)
#: a zh page needs at least this share of Han characters among Han + Latin letters
ZH_MIN_HAN_SHARE = 0.5


def _snippet(text: str, start: int, end: int, around: int = 25) -> str:
    left = text[max(0, start - around) : start]
    right = text[end : end + around]
    return " ".join(f"…{left}{text[start:end]}{right}…".split())


def _grouped(text: str, pattern: re.Pattern[str], what: str) -> list[str]:
    """One finding per distinct match of ``pattern``: how often, and its first context."""
    first: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        token = m.group(0)
        first.setdefault(token, (m.start(), m.end()))
        counts[token] = counts.get(token, 0) + 1
    return [
        f"{counts[t]} × {what}{t!r}, first at {_snippet(text, *first[t])}" if counts[t] > 1
        else f"{what}{t!r} at {_snippet(text, *first[t])}"
        for t in first
    ]  # fmt: skip


def empty_values(text: str) -> list[str]:
    """Missing-value markers a reader sees: NaN, <NA>, NaT, nan or a Python ``None`` repr
    in the visible text (cells included), one finding per marker with its count."""
    return _grouped(text, _EMPTY_IN_TEXT, "")


def tracebacks(text: str, stderr_blocks: Sequence[str] = ()) -> list[str]:
    """Tracebacks, exception class names, printed warnings and stderr output blocks."""
    found = _grouped(text, _TRACEBACK, "")
    found += [f"stderr output: {' '.join(b.split())[:80]!r}" for b in stderr_blocks if b.strip()]
    return list(dict.fromkeys(found))


def machine_paths(text: str, attributes: Sequence[str] = ()) -> list[str]:
    """Machine paths in the text and in attribute values (data: URIs left out)."""
    found = []
    for source in [text, *(a for a in attributes if not a.startswith("data:"))]:
        found += [m.group(0)[:80] for m in _MACHINE_PATH.finditer(source)]
    return list(dict.fromkeys(found))


def missing_alt(images: Sequence[Mapping[str, Any]]) -> list[str]:
    """The images without meaningful alt text, one finding per kind of fault with its count."""
    found = []
    for image in images:
        alt = image.get("alt")
        if alt is None:
            found.append("no alt attribute")
        elif alt.strip() == NBCONVERT_DEFAULT_ALT or alt.strip().lower() in _GENERIC_ALT:
            found.append(f"alt {alt.strip()!r}")
    counts = {what: found.count(what) for what in dict.fromkeys(found)}
    return [f"{n} of {len(images)} image(s): {what}" for what, n in counts.items()]


def language_problems(lang: str, text: str, marked_zh: Sequence[str] = ()) -> list[str]:
    """``<html lang>`` against the text: a zh page mostly Han characters, an en page with
    Chinese only inside quotes, brackets or elements marked ``lang="zh…"`` (``marked_zh``:
    their texts)."""
    primary = (lang or "").split("-")[0].lower()
    if not primary:
        return ["<html> has no lang attribute"]
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if primary == "zh":
        share = han / (han + latin) if han + latin else 1.0
        if share < ZH_MIN_HAN_SHARE:
            return [
                f'lang="{lang}" but only {share:.0%} of the letters are Chinese '
                f"({han} Han, {latin} Latin)"
            ]
        return []
    if primary == "en":
        rest = text
        for marked in sorted(set(marked_zh), key=len, reverse=True):
            if marked.strip():
                rest = rest.replace(marked, " ")
        rest = _QUOTED.sub(" ", rest)
        runs = [r for r in _HAN_RUN.findall(rest) if _HAN.search(r)]
        if runs:
            shown = ", ".join(dict.fromkeys(runs[:200]))
            shown = shown if len(shown) <= 120 else shown[:119] + "…"
            return [f'lang="{lang}" but {len(runs)} Chinese passage(s) outside quotes: {shown}']
        return []
    return []


def font_problems(unembedded: Sequence[str]) -> list[str]:
    """One line when Chinese text is drawn outside the embedded CJK font: ``unembedded``
    describes the elements (the probe collects them only on pages that embed the font)."""
    if not unembedded:
        return []
    shown = "; ".join(unembedded[:3])
    return [f"{len(unembedded)} Chinese passage(s) not in the embedded CJK font: {shown}"]


def problems_of(page: str, probe: Mapping[str, Any], width: int) -> list[Problem]:
    """The problems of one page from what the probe measured at one width.

    Overflow is reported at every width; what does not depend on the width (text, images,
    language) only from the desktop probe.
    """
    found = []
    overflow = probe.get("overflow") or {}
    if overflow.get("scroll_width", 0) > overflow.get("client_width", 0) + 1:
        culprits = "; ".join(overflow.get("culprits") or []) or "no single element found"
        found.append(Problem(
            page, "overflow",
            f"page is {overflow['scroll_width']} px wide in a {overflow['client_width']} px "
            f"viewport: {culprits}", width,
        ))  # fmt: skip
    if width != DESKTOP_WIDTH:
        return found
    text = probe.get("text", "")
    found += [Problem(page, "alt", d) for d in missing_alt(probe.get("images", []))]
    found += [Problem(page, "empty-value", d) for d in empty_values(text)]
    found += [Problem(page, "traceback", d) for d in tracebacks(text, probe.get("stderr", []))]
    found += [Problem(page, "path", d) for d in machine_paths(text, probe.get("attributes", []))]
    found += [Problem(page, "font", d) for d in font_problems(probe.get("unembedded", []))]
    found += [
        Problem(page, "lang", d)
        for d in language_problems(probe.get("lang", ""), text, probe.get("marked_zh", []))
    ]
    return found


# --------------------------------------------------------------------------- browser

#: Measures one frame's document; returns a plain object (see :func:`problems_of`).
PROBE_JS = r"""
function qciDescribe(el) {
  var name = el.tagName.toLowerCase();
  if (el.id) name += "#" + el.id;
  var classes = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 2);
  if (classes.length) name += "." + classes.join(".");
  var text = (el.innerText || el.getAttribute("alt") || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return name + (text ? ' "' + text + '"' : "");
}
function qciClipped(el, doc) {
  for (var a = el.parentElement; a && a !== doc.body && a !== doc.documentElement; a = a.parentElement) {
    var ox = doc.defaultView.getComputedStyle(a).overflowX;
    if (ox !== "visible") return true;
  }
  return false;
}
function qciProbe(frame) {
  var win = frame.contentWindow, doc = frame.contentDocument, de = doc.documentElement;
  // rows a long table pages away are checked too
  doc.querySelectorAll("tr[hidden]").forEach(function (row) { row.hidden = false; });
  // and what a reader can unfold
  doc.querySelectorAll("details").forEach(function (d) { d.open = true; });
  var limit = de.clientWidth, culprits = [];
  if (de.scrollWidth > limit + 1) {
    var all = doc.body.getElementsByTagName("*");
    for (var i = 0; i < all.length && culprits.length < 3; i++) {
      var el = all[i], r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= limit + 1 && r.left >= -1)) continue;
      var parent = el.parentElement, pr = parent.getBoundingClientRect();
      if (parent !== doc.body && pr.right > limit + 1) continue;
      if (win.getComputedStyle(el).position === "fixed" || qciClipped(el, doc)) continue;
      culprits.push(qciDescribe(el) + " " + Math.round(r.width) + " px wide, right edge at " + Math.round(r.right));
    }
  }
  var images = [];
  doc.querySelectorAll("img").forEach(function (img) {
    images.push({alt: img.getAttribute("alt"), width: img.getBoundingClientRect().width});
  });
  var attributes = [];
  doc.querySelectorAll("[alt], [title], a[href]").forEach(function (el) {
    ["alt", "title", "href"].forEach(function (a) {
      var v = el.getAttribute(a); if (v && v.slice(0, 5) !== "data:") attributes.push(v);
    });
  });
  var stderr = [];
  doc.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').forEach(function (el) {
    stderr.push(el.innerText);
  });
  var unembedded = [], embeds = false;
  doc.fonts.forEach(function (f) { if (f.family.replace(/["']/g, "") === "__QCI_FONT__") embeds = true; });
  if (embeds) {
    var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode()) && unembedded.length < 20) {
      var host = node.parentElement;
      if (!host || !/[\u4e00-\u9fff]/.test(node.nodeValue) || host.closest("script, style")) continue;
      if (win.getComputedStyle(host).fontFamily.indexOf("__QCI_FONT__") < 0) unembedded.push(qciDescribe(host));
    }
  }
  var marked = [];
  doc.querySelectorAll('body [lang^="zh"]').forEach(function (el) { marked.push(el.innerText); });
  return {
    lang: de.getAttribute("lang") || "",
    text: doc.body.innerText,
    images: images, attributes: attributes, stderr: stderr, marked_zh: marked, unembedded: unembedded,
    height: Math.ceil(Math.max(de.scrollHeight, doc.body.scrollHeight)),
    overflow: {scroll_width: de.scrollWidth, client_width: limit, culprits: culprits}
  };
}
function qciRun() {
  var results = [];
  document.querySelectorAll("iframe[data-page]").forEach(function (frame) {
    var entry = {page: frame.getAttribute("data-page"), width: +frame.getAttribute("data-width")};
    try { entry.probe = qciProbe(frame); } catch (e) { entry.error = String(e); }
    results.push(entry);
  });
  var json = JSON.stringify(results);
  document.getElementById("qci-results").setAttribute(
    "data-b64", btoa(unescape(encodeURIComponent(json))));
}
window.addEventListener("load", function () {
  var frames = Array.prototype.slice.call(document.querySelectorAll("iframe[data-page]"));
  Promise.all(frames.map(function (f) {
    try { return f.contentDocument.fonts.ready; } catch (e) { return null; }
  })).then(qciRun, qciRun);
});
"""


def find_chromium() -> str | None:
    """The Chromium to use: ``$QCI_CHROMIUM``, else the first of :data:`CHROMIUM_NAMES` on PATH."""
    given = os.environ.get("QCI_CHROMIUM")
    if given:
        return given if shutil.which(given) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(chromium: str, *extra: str) -> list[str]:
    """Headless Chromium, offline-safe flags, a throw-away profile given by the caller."""
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-sync", "--mute-audio",
        "--disable-dev-shm-usage", *extra,
    ]  # fmt: skip


def harness_page(pages: Sequence[tuple[str, Path]], widths: Sequence[int] = WIDTHS) -> str:
    """The harness: one iframe per (page, width), the probe, and the results element."""
    from analysis.render.page import EMBEDDED_FONT_FAMILY

    frames = "\n".join(
        f'<iframe loading="eager" data-page="{html.escape(name, quote=True)}" data-width="{w}" '
        f'src="{html.escape(path.resolve().as_uri(), quote=True)}" '
        f'style="width:{w}px;height:900px;border:0;display:block"></iframe>'
        for name, path in pages
        for w in widths
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">\n'
        f'<div id="qci-results"></div>\n{frames}\n<script>{PROBE_JS.replace("__QCI_FONT__", EMBEDDED_FONT_FAMILY)}</script></body></html>'
    )


_RESULTS = re.compile(
    r'id="qci-results"[^>]*data-b64="([^"]*)"|data-b64="([^"]*)"[^>]*id="qci-results"'
)


def probe_pages(
    pages: Sequence[tuple[str, Path]],
    chromium: str,
    widths: Sequence[int] = WIDTHS,
    timeout: float = RUN_TIMEOUT,
) -> list[dict[str, Any]]:
    """Run one Chromium over ``pages`` (name, file) at ``widths``: one result per
    (page, width) with its ``probe`` (or an ``error``)."""
    with tempfile.TemporaryDirectory(prefix="qci-check-") as tmp:
        harness = Path(tmp) / "harness.html"
        harness.write_text(harness_page(pages, widths), encoding="utf-8")
        command = chromium_command(
            chromium, f"--user-data-dir={tmp}/profile", "--allow-file-access-from-files",
            "--virtual-time-budget=30000", f"--window-size={max(widths) + 20},1000",
            "--dump-dom", harness.as_uri(),
        )  # fmt: skip
        try:
            run = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return [
                _unchecked(n, w, f"Chromium took over {timeout:.0f} s")
                for n, _ in pages
                for w in widths
            ]
    match = _RESULTS.search(run.stdout.decode("utf-8", "replace"))
    if not match:
        error = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        return [
            _unchecked(n, w, f"Chromium gave no result ({error[0][:100]})")
            for n, _ in pages
            for w in widths
        ]
    return json.loads(base64.b64decode(match.group(1) or match.group(2)).decode("utf-8"))


def _unchecked(name: str, width: int, why: str) -> dict[str, Any]:
    return {"page": name, "width": width, "error": why}


def find_pages(folder: Path) -> list[Path]:
    """Every ``.html`` page under ``folder``, in path order."""
    return sorted(p for p in folder.rglob("*.html") if p.is_file())


def check_pages(
    folder: Path,
    pages: Sequence[Path] | None = None,
    chromium: str | None = None,
    widths: Sequence[int] = WIDTHS,
    batch_size: int = BATCH_SIZE,
) -> tuple[list[Problem], dict[str, int]]:
    """Check ``pages`` (default: every page under ``folder``); the problems, in page order,
    and each page's height in CSS px at the desktop width (for full-page screenshots)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    pages = list(pages) if pages is not None else find_pages(folder)
    if not pages:
        raise InputError(f"{folder}: no .html pages to check")
    chromium = chromium or find_chromium()
    if chromium is None:
        raise InputError("no Chromium found (install Debian's chromium, or set QCI_CHROMIUM)")
    named = [(_relative(p, folder), p) for p in pages]
    problems: list[Problem] = []
    heights: dict[str, int] = {}
    for start in range(0, len(named), batch_size):
        for entry in probe_pages(named[start : start + batch_size], chromium, widths):
            if "probe" not in entry:
                problems.append(
                    Problem(entry["page"], "unchecked", entry.get("error", "?"), entry["width"])
                )
                continue
            problems += problems_of(entry["page"], entry["probe"], entry["width"])
            if entry["width"] == DESKTOP_WIDTH:
                heights[entry["page"]] = int(entry["probe"].get("height") or 0)
    order = {name: i for i, (name, _) in enumerate(named)}
    problems.sort(key=lambda p: (order.get(p.page, 0), p.width or 0))
    return problems, heights


def _relative(page: Path, folder: Path) -> str:
    try:
        return page.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return page.name


# --------------------------------------------------------------------------- screenshots

#: the tallest screenshot taken (px): Chromium's window cannot be much taller
MAX_SCREENSHOT_HEIGHT = 16000


def screenshot(
    page: Path,
    out: Path,
    width: int = DESKTOP_WIDTH,
    height: int | None = None,
    chromium: str | None = None,
    colours: int = 64,
) -> Path:
    """A PNG of ``page`` at ``width``, ``height`` px tall (default: the page's full height,
    measured first), reduced to ``colours`` colours so that it stays small to commit."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise InputError("no Chromium found (install Debian's chromium, or set QCI_CHROMIUM)")
    if height is None:
        _, heights = check_pages(
            page.parent,
            [page],
            chromium,
            widths=(width,) if width == DESKTOP_WIDTH else (DESKTOP_WIDTH,),
        )
        height = next(iter(heights.values()), 2000) or 2000
    height = max(200, min(int(height), MAX_SCREENSHOT_HEIGHT))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="qci-shot-") as tmp:
        raw = Path(tmp) / "shot.png"
        command = chromium_command(
            chromium, f"--user-data-dir={tmp}/profile", "--virtual-time-budget=10000",
            f"--window-size={width},{height}", f"--screenshot={raw}", page.resolve().as_uri(),
        )  # fmt: skip
        subprocess.run(command, capture_output=True, timeout=RUN_TIMEOUT, check=False)
        if not raw.exists():
            raise InputError(f"{page}: Chromium made no screenshot")
        from PIL import Image

        from analysis.files import write_bytes

        with Image.open(raw) as image:
            small = image.convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT)
            import io

            buffer = io.BytesIO()
            small.save(buffer, format="PNG", optimize=True)
        write_bytes(out, buffer.getvalue())
    return out


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.render.check DIR [--screenshots OUTDIR]``: see the module doc."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.render.check",
        description="Check every .html page under DIR in headless Chromium at 1280 and 390 px.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR")
    parser.add_argument(
        "--screenshots", type=Path, metavar="OUTDIR",
        help="also save a full-height desktop screenshot of every page under OUTDIR",
    )  # fmt: skip
    parser.add_argument("-q", "--quiet", action="store_true", help="print the problems only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        pages = find_pages(args.folder) if args.folder.is_dir() else []
        problems, heights = check_pages(args.folder, pages or None)
        if args.screenshots:
            for page in pages:
                name = _relative(page, args.folder)
                screenshot(
                    page,
                    args.screenshots / Path(name).with_suffix(".png"),
                    height=heights.get(name),
                )
    except InputError as exc:
        print(f"check: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.line())
    seconds = time.perf_counter() - started
    if not args.quiet:
        n_bad = len({p.page for p in problems})
        print(
            f"checked {len(pages)} page(s) at {' and '.join(f'{w} px' for w in WIDTHS)} in "
            f"{seconds:.1f} s: {len(problems)} problem(s) on {n_bad} page(s)",
            file=sys.stderr,
        )
    return 1 if problems else 0


def summary(problems: Iterable[Problem]) -> str:
    """The problems, one line each."""
    return "\n".join(p.line() for p in problems)


if __name__ == "__main__":
    sys.exit(main())
