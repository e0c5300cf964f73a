"""What a reader of an HTML page does not see is no figure (issue 14).

HTML comments, ``<script>``, ``<style>``, ``<template>`` and ``<noscript>`` content, and
elements hidden with ``display:none``, ``visibility:hidden`` or the ``hidden``
attribute are blanked before the figures are read: each of their characters becomes a
space (line breaks stay), so the text keeps its length and every span of a figure is
still a span of the text as written.
"""

from __future__ import annotations

import re

#: Comments and the elements whose content is never shown.
_NEVER_SHOWN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)",
    re.S | re.I,
)
#: An opening tag that hides its element.
_HIDDEN_OPEN = re.compile(
    r"<([A-Za-z][A-Za-z0-9]*)\b(?=[^>]*?(?:"
    r"style\s*=\s*(?:\"[^\"]*|'[^']*|[^\s>]*)(?:display\s*:\s*none|visibility\s*:\s*hidden)"
    r"|\shidden(?=[\s=/>])"
    r"))[^>]*>",
    re.I,
)
#: Elements without a closing tag.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})  # fmt: skip


def _blank(text: list[str], start: int, end: int) -> None:
    for position in range(start, end):
        if text[position] != "\n":
            text[position] = " "


def _element_end(text: str, name: str, start: int) -> int:
    """The end of the element whose opening tag ends at ``start``: after its matching
    closing tag (nested elements of the same name counted), else the end of the text."""
    tags = re.compile(rf"<(/?)\s*{re.escape(name)}\b[^>]*?(/?)>", re.I)
    depth = 1
    for tag in tags.finditer(text, start):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag.group(2):
            depth += 1
    return len(text)


def hide_invisible(text: str) -> str:
    """``text`` with comments, scripts, styles and hidden elements blanked (same length).

    Returned as it is (the same object) when it holds no such markup.
    """
    if "<" not in text:
        return text
    spans: list[tuple[int, int]] = [m.span() for m in _NEVER_SHOWN.finditer(text)]
    for found in _HIDDEN_OPEN.finditer(text):
        name = found.group(1).lower()
        if name in _VOID or found.group(0).endswith("/>"):
            continue  # no content to hide (the tag itself is markup)
        spans.append((found.start(), _element_end(text, name, found.end())))
    if not spans:
        return text
    characters = list(text)
    for start, end in spans:
        _blank(characters, start, end)
    return "".join(characters)
