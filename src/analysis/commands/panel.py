"""``qci panel``: build a tidy long panel (a study's, every unit's from the figures of texts, or the census peers).

``qci panel --figures FIGURES.csv [--sources SOURCES.csv] [--framework FW] -o PANEL.csv``
writes ``unit,year,indicator,value,doc,start,end,quote`` for every unit the texts report
on (each text's unit: the sources ``unit`` column, else its ``title``, else the text's
first lines found beside SOURCES.csv, else its file name, else ``--unit``), the
conflicts within each unit to ``PANEL_conflicts.csv``, and every indicator figure left out
of the panel (a value or period that cannot be read, another subject) or filed under
another quality, with its reason, to ``PANEL_warnings.csv``: nothing vanishes unsaid.
"""

from __future__ import annotations

import argparse

from analysis.commands._common import output_path, overflow_refused

HELP = "build a long panel: a study's, every unit's from figures.csv (with conflicts), or the county census"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--figures", metavar="FIGURES.csv", help="cleaned figures (the extract command's output)"
    )
    source.add_argument(
        "--census", action="store_true", help="the county census panel in data/raw/panels"
    )
    source.add_argument(
        "--study",
        metavar="S",
        help="a study (built-in name or YAML): its panel as read and checked, long "
        "(unit, year, indicator, value); .xlsx writes a workbook",
    )
    parser.add_argument(
        "--sources",
        metavar="SOURCES.csv",
        help="the texts' publication dates and (optional) title and unit columns, the texts "
        "beside it (default: data/raw/reports/sources.csv)",
    )
    parser.add_argument(
        "--framework",
        metavar="FRAMEWORK",
        help="built-in name or YAML file (default: liyang-quality-city, or jiangsu-census-peers "
        "with --census; bulletin-common for statistical bulletins)",
    )
    parser.add_argument(
        "--unit",
        default=None,
        help="unit of the texts whose unit neither sources.csv nor the text tells (default: 溧阳市)",
    )
    parser.add_argument(
        "--province",
        default="江苏省",
        help="census: province to keep ('all' for every province; default 江苏省)",
    )
    parser.add_argument(
        "--unit-type",
        default="county_level_city",
        help="census: district, county, county_level_city or 'all' (default county_level_city)",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=output_path,
        metavar="PANEL.csv",
        help="long panel; with --figures also PANEL_conflicts.csv and PANEL_warnings.csv beside it",
    )


@overflow_refused
def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from analysis.config import RAW_SOURCES
    from analysis.files import write_csv
    from analysis.framework import load_framework
    from analysis.panel import LIYANG, load_census_panel, panel_from_figures

    out = Path(args.output)
    if args.study:
        from analysis.files import write_table
        from analysis.study import load_study

        study = load_study(args.study)
        write_table(study.panel, out)
        print(
            f"qci panel: study {study.name!r}: {study.panel['unit'].nunique()} units, "
            f"{len(study.panel_years)} years, {len(study.framework.indicators)} indicators -> {out}"
        )
        return 0
    if args.census:
        fw = load_framework(args.framework or "jiangsu-census-peers")
        province = None if args.province == "all" else args.province
        unit_type = None if args.unit_type == "all" else args.unit_type
        panel = load_census_panel(province=province, unit_type=unit_type, indicators=fw.indicators)
        write_csv(panel, out)
        print(
            f"qci panel: {panel['unit'].nunique()} units, {panel['year'].nunique()} years, "
            f"{len(fw.indicators)} indicators -> {out}"
        )
        return 0
    fw = load_framework(args.framework or "liyang-quality-city")
    res = panel_from_figures(
        args.figures, fw, args.sources or RAW_SOURCES, unit=args.unit or LIYANG
    )
    write_csv(res.panel, out)
    conflicts = out.with_name(f"{out.stem}_conflicts.csv")
    write_csv(res.conflicts, conflicts)
    warnings = out.with_name(f"{out.stem}_warnings.csv")
    write_csv(res.warnings, warnings)
    print(
        f"qci panel: {len(res.panel)} values of {res.panel['indicator'].nunique()} indicators "
        f"for {res.panel['unit'].nunique()} units from {res.matched['doc'].nunique()} texts -> {out}; "
        f"{len(res.conflicts)} conflicting figures -> {conflicts} (rule: {res.rule})"
    )
    print(f"qci panel: {res.summary()} -> {warnings}")
    return 0
