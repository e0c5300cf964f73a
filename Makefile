# Two commands do all the set-up on a fresh machine with python3 and make:
#   make reports   build data/processed from data/raw, then render the reports
#   make test      lint and run the test suite
# Both create .venv/ from pyproject.toml when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
QCI    := $(PY) -m analysis

RAW_REPORTS := data/raw/reports
PROCESSED   := data/processed

.PHONY: reports check-reports screenshots processed test lint bench venv clean

$(VENV)/.installed-main: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-main
	$(PIP) install -e ".[test]"
	@touch $@

venv: $(VENV)/.installed-test

## the main job: everything derived from data/raw, then the reports
reports: processed
	$(QCI) render --study liyang --figures $(PROCESSED)/figures.csv -o reports
	@$(MAKE) --no-print-directory check-reports

## every page of reports/ in headless Chromium at 1280 and 390 px (skipped without chromium)
check-reports: $(VENV)/.installed-main
	@if $(PY) -c "import sys; from analysis.render.check import find_chromium; sys.exit(find_chromium() is None)"; \
	then $(PY) -m analysis.render.check reports; \
	else echo "check-reports: no chromium on PATH, the browser check is skipped (apt-get install chromium)"; fi

## screenshots of one annual report and one unit report per language, into reports/screenshots/
screenshots: $(VENV)/.installed-test
	$(PY) -m pytest -q tests/test_browser.py -k "screenshots"

processed: $(VENV)/.installed-main
	$(QCI) extract $(RAW_REPORTS) --sources $(RAW_REPORTS)/sources.csv -o $(PROCESSED)/figures.csv
	$(QCI) panel --figures $(PROCESSED)/figures.csv -o $(PROCESSED)/liyang_panel.csv
	$(QCI) panel --census -o $(PROCESSED)/jiangsu_census_panel.csv

lint: $(VENV)/.installed-test
	$(PY) -m ruff check src tests benchmarks notebooks

test: $(VENV)/.installed-test lint
	$(PY) -m pytest -q

## speed measurements, on demand (not part of make test)
bench: $(VENV)/.installed-test
	$(PY) -m benchmarks.run $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
