"""Project paths, and nothing else (cookiecutter-data-science's config.py)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]

DATA_RAW = PROJECT_ROOT / "data" / "raw"
DATA_PROCESSED = PROJECT_ROOT / "data" / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

RAW_REPORTS = DATA_RAW / "reports"
RAW_SOURCES = RAW_REPORTS / "sources.csv"
RAW_PANELS = DATA_RAW / "panels"

FIGURES_CSV = DATA_PROCESSED / "figures.csv"

FRAMEWORKS_DIR = PACKAGE_DIR / "frameworks"
SPECS_DIR = PACKAGE_DIR / "specs"
STUDIES_DIR = PACKAGE_DIR / "studies"
