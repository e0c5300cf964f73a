"""The embedded CJK font of a page, subset in two stages so that a batch pays once.

Subsetting Noto Sans CJK SC (65,535 CFF glyphs, subroutinised and hinted) to a page's few
hundred characters costs about 0.5 s of CPU, most of it in dropping the hints and
expanding the subroutines of the kept glyphs. A batch of thousands of unit profiles paid
that on every page. Here the full font is subset once to a *base* font of the characters
reports use — printable ASCII and Latin, general and CJK punctuation, full-width forms
and the 6,763 hanzi of GB 2312 — with hints dropped and subroutines expanded, kept in a
cache file (``$XDG_CACHE_HOME/qci``, else ``~/.cache/qci``; in memory when neither is
writable). A page whose characters the base holds is subset from it with nothing left to
expand or drop (measured: 0.23 s against 0.53 s per profile page); any other page (a
rare or traditional character in a quote) from the full font, as before. Either way the
glyphs drawn are the full font's own outlines.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from pathlib import Path

#: glyph tables a horizontal web page does not need (see :func:`subset_options`)
DROPPED_TABLES = ("GSUB", "GPOS", "BASE", "VORG", "vhea", "vmtx")
#: bump when the base font's recipe changes: old cache files are then ignored
BASE_RECIPE = 1


@functools.cache
def base_characters() -> frozenset[str]:
    """The characters of the base font: printable ASCII and Latin-1 to Latin Extended-B,
    general punctuation, CJK symbols and punctuation, full-width forms, and every hanzi
    of GB 2312 (levels 1 and 2)."""
    ranges = [(0x20, 0x250), (0x2000, 0x2070), (0x2100, 0x2200), (0x3000, 0x3040), (0xFF00, 0xFFF0)]
    chars = {chr(c) for start, end in ranges for c in range(start, end)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(c for c in chars if c.isprintable())


def subset_options(prepared: bool, flavor: str | None = None):  # noqa: ANN201 (fontTools Options)
    """fontTools options: no hinting, no layout or vertical tables, CFF desubroutinised —
    except on a ``prepared`` (base) font, which has neither hints nor subroutines left, so
    that nothing is decompiled again."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = flavor
    options.hinting = prepared
    options.desubroutinize = not prepared
    options.drop_tables += list(DROPPED_TABLES)
    return options


def subset_font(source: Path | bytes, characters: str, prepared: bool, flavor: str | None) -> bytes:
    """``source`` (a font file, or a font's bytes) subset to ``characters``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset_options(prepared, flavor)
    font = (subset.load_font(str(source), options, lazy=True) if isinstance(source, Path)
            else TTFont(io.BytesIO(source), lazy=True))  # fmt: skip
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    font.close()
    return buffer.getvalue()


def _cache_file(font: Path) -> Path | None:
    """Where the base font of ``font`` is cached, None without a home folder to cache in."""
    import fontTools

    try:
        root = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    except RuntimeError:  # no HOME and no passwd entry: keep the base in memory only
        return None
    stat = font.stat()
    key = hashlib.sha256(
        f"{font.name}|{stat.st_size}|{stat.st_mtime_ns}|{fontTools.version}|{BASE_RECIPE}".encode()
    ).hexdigest()[:16]
    return Path(root) / "qci" / f"cjk-base-{key}.otf"


@functools.cache
def base_font() -> bytes:
    """The base font's bytes (module docstring): from the cache file, or built and cached."""
    from analysis.fonts import cjk_font_path

    font = cjk_font_path()
    cached = _cache_file(font)
    try:
        if cached is not None and cached.is_file():
            return cached.read_bytes()
    except OSError:
        pass
    data = subset_font(font, "".join(sorted(base_characters())), prepared=False, flavor=None)
    try:
        if cached is not None:
            from analysis.files import write_bytes

            cached.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(cached, data)
    except OSError:
        pass  # an unwritable cache: the base stays in memory for this process
    return data


def page_font(characters: str) -> bytes:
    """Noto Sans CJK SC subset to ``characters`` as WOFF: from the base font when it holds
    them all, else from the full font."""
    from analysis.fonts import cjk_font_path

    if set(characters) <= base_characters():
        return subset_font(base_font(), characters, prepared=True, flavor="woff")
    return subset_font(cjk_font_path(), characters, prepared=False, flavor="woff")
