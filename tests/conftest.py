"""Shared test set-up: a headless matplotlib and the paths of the test data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

TESTS_DIR = Path(__file__).resolve().parent
TEST_DATA = TESTS_DIR / "data"


@pytest.fixture(scope="session")
def test_data() -> Path:
    """The folder of small fixtures copied into the repo (tests/data)."""
    return TEST_DATA
