# Two commands on a fresh machine (Python 3.11): `make report`, then `make test`.
# Each creates .venv if missing and installs what it needs from the package registries; nothing needs root.
ifeq ($(OS),Windows_NT)
PYTHON ?= python
BIN = $(VENV)/Scripts
else
PYTHON ?= python3
BIN = $(VENV)/bin
endif
VENV := .venv
STAMP := $(VENV)/.installed
LAB := $(VENV)/.lab

.PHONY: help report test browser lab teach evaluate clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(LAB): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,lab]"
	touch $(LAB)

report: $(STAMP) ## run the whole pipeline: data/raw -> data/processed -> reports/report.html and report.pdf
	$(BIN)/analysis run

test: $(STAMP) browser ## run the test suite
	$(BIN)/python -m pytest

browser: ## headless Chromium for the browser test of the interactive page: found, else installed when root with apt-get (CI), else skipped
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then \
	  echo "browser: $$(command -v chromium || command -v chromium-browser)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || echo "browser: chromium could not be installed: the browser tests will be skipped outside CI"; \
	else \
	  echo "browser: chromium not found (installing it needs root): the browser tests will be skipped outside CI"; \
	fi

evaluate: $(STAMP) ## score data/processed against the gold facts in data/annotations
	$(BIN)/analysis evaluate

lab: $(LAB) ## open the notebooks in JupyterLab (installs the [lab] extra)
	$(BIN)/jupyter lab src/analysis/notebooks/

teach: $(LAB) ## open the class notebook (run `make report` first)
	$(BIN)/jupyter lab src/analysis/notebooks/05_teaching.ipynb

clean: ## remove generated outputs (tables, graph, figures, report)
	find data/processed reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
