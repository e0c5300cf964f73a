"""``qci extract PATH... [--sources SOURCES.csv] -o FIGURES.csv``: the figures table.

Every file given, and every ``.txt``, ``.md`` or ``.html`` file inside a folder given, is read, each figure it quotes becomes
one row (see :mod:`analysis.extract` and GUIDELINE.md), and the table is written
atomically. Files missing from SOURCES.csv, or with an empty ``published``, get a warning
on stderr and empty relative periods.
"""

from __future__ import annotations

import argparse

HELP = "Extract every figure quoted in report texts into a tidy, traceable CSV table."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare PATH..., --sources and -o/--output."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="report text files (UTF-8, else GB18030; plain text, markdown or "
                             "HTML) or folders of them (.txt, .text, .md, .markdown, .html, .htm)")
    parser.add_argument("--sources", metavar="SOURCES.csv", default=None,
                        help="CSV with columns file,published (YYYY, YYYY-MM or YYYY-MM-DD) "
                             "that resolves 今年, 上半年, 年底")
    parser.add_argument("-o", "--output", metavar="FIGURES.csv", required=True,
                        help="where to write the figures table")


def run(args: argparse.Namespace) -> int:
    """Extract, write the CSV atomically and say what was written."""
    import sys
    import warnings

    from analysis.extract import extract_paths, read_sources
    from analysis.files import write_csv

    sources = read_sources(args.sources) if args.sources else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figures = extract_paths(args.paths, sources)
    for warning in caught:
        print(f"qci extract: warning: {warning.message}", file=sys.stderr)
    write_csv(figures, args.output, float_format="%.15g")
    documents = figures["doc"].nunique()
    print(f"qci extract: wrote {len(figures)} figures from {documents} texts to {args.output}")
    return 0
