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
                        help="where to write the figures table (.csv, or .xlsx for a "
                             "workbook); text cells that a spreadsheet would run as a "
                             "formula are written with a leading '")


def run(args: argparse.Namespace) -> int:
    """Extract, write the table atomically and say what was written.

    The output must be a file path that is no folder and none of the inputs (an
    :class:`InputError`, exit status 2, before anything is read); a write that fails (a
    read-only folder, a full disk) is one line naming the output, exit status 2.
    """
    import sys
    import warnings
    from pathlib import Path

    from analysis.errors import InputError
    from analysis.extract import extract_paths, read_sources, write_figures

    output = Path(args.output) if str(args.output).strip() else None
    if output is None:
        raise InputError("-o/--output: empty; give the path of the figures CSV (or .xlsx)")
    if output.is_dir():
        raise InputError(f"-o/--output {output}: is a folder; give a file path such as "
                         f"{output / 'figures.csv'}")
    if output.exists() and any(
        Path(p).exists() and output.resolve() == Path(p).resolve() for p in args.paths
    ):
        raise InputError(f"-o/--output {output}: is one of the input texts; it would be "
                         "overwritten")
    sources = read_sources(args.sources) if args.sources else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figures = extract_paths(args.paths, sources)
    for warning in caught:
        print(f"qci extract: warning: {warning.message}", file=sys.stderr)
    try:
        write_figures(figures, output)
    except OSError as exc:
        raise InputError(f"-o/--output {output}: cannot write ({exc.strerror or exc})") from exc
    documents = figures["doc"].nunique()
    print(f"qci extract: wrote {len(figures)} figures from {documents} texts to {args.output}")
    return 0
