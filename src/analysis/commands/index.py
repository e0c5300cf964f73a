"""``qci index``: build a composite index (denominate → ... → aggregate) and write every step."""

from __future__ import annotations

import argparse

HELP = "build a composite index from iData + iMeta (or a framework) with a pipeline spec"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        required=True,
        metavar="IDATA.csv",
        help="data: COINr iData (uCode, groups, Time, denominators, indicators) or a long / wide panel",
    )
    parser.add_argument(
        "--meta",
        required=True,
        metavar="IMETA.csv|FRAMEWORK",
        help="the framework: a COINr iMeta CSV, a framework YAML file or a built-in framework name",
    )
    parser.add_argument(
        "--spec",
        default="coinr-default",
        metavar="SPEC",
        help="pipeline spec: a YAML file or a built-in name (default: coinr-default)",
    )
    parser.add_argument(
        "-o",
        "--outdir",
        required=True,
        metavar="OUTDIR",
        help="folder for scores.csv, data_<Step>.csv and spec.yaml",
    )


def run(args: argparse.Namespace) -> int:
    from analysis.framework import load_framework
    from analysis.index import build_index, load_data, load_spec, write_outputs

    framework = load_framework(args.meta)
    spec = load_spec(args.spec)
    data = load_data(args.data, framework)
    result = build_index(data, framework, spec, source=args.data)
    written = write_outputs(result, args.outdir)
    top = result.scores.loc[result.scores["iCode"] == framework.top].head(3)
    best = ", ".join(f"{u} {s:.2f}" for u, s in zip(top["uCode"], top["score"], strict=True))
    print(
        f"qci index: {len(result.units['Raw'])} units, {len(framework.indicators)} indicators; "
        f"top {framework.top}: {best}; wrote {len(written)} files to {args.outdir}"
    )
    return 0
