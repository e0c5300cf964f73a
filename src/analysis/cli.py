"""The command line: ``python -m analysis SUBCOMMAND`` (also installed as ``qci``).

Each subcommand lives in its own module under :mod:`analysis.commands` and provides
``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``; they are
discovered here, so adding a command never touches this file.

Bad input exits with status 2 and one line on stderr naming the file, row, column or
parameter (an :class:`~analysis.errors.InputError`, or an argparse usage error).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from analysis import __version__, commands
from analysis.errors import InputError
from analysis.files import record_input, run_inputs

EXIT_BAD_INPUT = 2


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def parse_options(pairs: Sequence[str] | None, parameter: str = "--option") -> dict[str, object]:
    """Turn ``["v=0.5", "variant=sum"]`` into ``{"v": 0.5, "variant": "sum"}``.

    Values that read as int or float become numbers; ``true``/``false`` become booleans.
    A pair without ``=`` is an :class:`InputError` naming it.
    """
    options: dict[str, object] = {}
    for pair in pairs or ():
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"{parameter} {pair!r}: expected KEY=VALUE")
        options[key] = _coerce(raw.strip())
    return options


def _coerce(raw: str) -> object:
    lowered = raw.lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    for convert in (int, float):
        try:
            return convert(raw)
        except ValueError:
            pass
    return raw


def command_modules() -> dict[str, object]:
    """Every module in :mod:`analysis.commands`, by subcommand name."""
    found = {}
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        found[info.name] = importlib.import_module(f"analysis.commands.{info.name}")
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="qci",
        description="qci: figures from reports, composite indices, weighting schemes, reports.",
    )
    parser.add_argument("--version", action="version", version=f"qci {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=OneLineParser)
    sub.required = True
    for name, module in command_modules().items():
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


EXIT_TERMINATED = 128 + signal.SIGTERM


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM as ``SystemExit``: the ``finally`` blocks run (temporary files removed,
    render pools and kernels shut down) before the process ends."""
    raise SystemExit(EXIT_TERMINATED)


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Within: SIGTERM raises ``SystemExit(143)`` (main thread only; restored after)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave the handler alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


#: the options that name what a command writes (never recorded as its inputs)
OUTPUT_OPTIONS = frozenset({"output"})


def record_argument_files(args: argparse.Namespace) -> None:
    """Record every existing file named by an argument other than :data:`OUTPUT_OPTIONS`
    as an input of the run (:func:`analysis.files.record_input`), so that ``-o`` cannot
    overwrite a spec, framework or notebook a command reads without the shared readers."""
    for dest, value in vars(args).items():
        if dest.startswith("_") or dest in OUTPUT_OPTIONS:
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str | os.PathLike) and str(item).strip():
                with contextlib.suppress(OSError, ValueError):
                    if Path(item).is_file():
                        record_input(item)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand. Its reads and writes share one :func:`analysis.files.run_inputs`
    scope (an output may not overwrite an input), and SIGTERM ends it through
    ``SystemExit`` so that temporary files are removed."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _sigterm_as_exit(), run_inputs():
            record_argument_files(args)
            return int(args._run(args) or 0)
    except InputError as exc:
        message = " ".join(str(exc).split("\n"))
        print(f"qci {args.command}: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"qci {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
