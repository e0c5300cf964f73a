"""Notebook 90 executes for every shipped study in both languages (small N), with its key
findings first, each linking to a section that exists in the page.

Together with tests/test_render.py (liyang 2023 in Chinese and English) and
tests/test_render_study.py (oecd-bli in English), these cover the three studies in both
languages; each case runs on one warm kernel (analysis.render) with N = 8.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import config, findings, render
from analysis.render.page import html_language
from analysis.study import load_study

NB = config.NOTEBOOKS_DIR / "90-annual-report.ipynb"
FIGURES = Path(__file__).parent / "data" / "render" / "figures.csv"


@pytest.fixture(scope="module")
def warm_kernel() -> render.WarmKernel:
    kernel, _ = render.worker_state()
    yield kernel
    kernel.shutdown()


def body_text(page: str) -> str:
    body = page[page.index("</header>") :]
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S))


@pytest.mark.parametrize(
    ("study", "year", "lang", "extra"),
    [
        ("liyang", 2024, "en", {"figures_path": str(FIGURES)}),
        ("prefecture-cities", 2012, "zh", {}),
        ("oecd-bli", 2017, "zh", {}),
    ],
)
def test_the_annual_report_runs_with_findings_first(
    warm_kernel: render.WarmKernel, study: str, year: int, lang: str, extra: dict
) -> None:
    (job,) = render.plan_jobs(
        [NB], [year], {"lang": lang, "n": 16, **extra}, {"study": study}, study=load_study(study)
    )
    outcome = render.render_job(job)
    assert outcome.ok, outcome.error
    page = outcome.html
    assert f'<html lang="{html_language(lang)}">' in page
    text = body_text(page)
    assert "Traceback" not in text and "NaN" not in text
    heading = "Key findings" if lang == "en" else "主要发现"
    assert heading in text
    links = re.findall(r'href="#(sec-[\w-]+)"', page)
    assert len(links) >= 3
    for anchor in set(links):
        assert f'id="{anchor}"' in page, anchor
        assert anchor in findings.ANCHORS.values()
    # the findings come before every other section
    first_section = min(page.find(f'id="{a}"') for a in findings.ANCHORS.values() if f'id="{a}"' in page)
    assert page.find(heading) < first_section
    if study == "oecd-bli":
        assert "没有可用的边界数据" in text  # no map: said in one line
    if study == "liyang":
        assert "Like for like: 2010 and 2020" in text and "Leaving out each indicator" in text
