# Two commands on a fresh machine (Python 3.11): `make report`, then `make test`.
# Each creates .venv if missing and installs what it needs from the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help report test browser lab teach evaluate clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

report: $(STAMP) ## run the whole pipeline: data/raw -> data/processed -> reports/report.html and report.pdf
	$(BIN)/analysis run

test: $(STAMP) browser ## run the test suite
	$(BIN)/python -m pytest

browser: ## headless Chromium for the browser test of the interactive page (Debian package; needs root)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || echo "chromium could not be installed: the browser tests will be skipped outside CI"

evaluate: $(STAMP) ## score data/processed against the gold facts in data/annotations
	$(BIN)/analysis evaluate

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

teach: $(STAMP) ## open the class notebook (run `make report` first)
	$(BIN)/jupyter lab notebooks/05_teaching.ipynb

clean: ## remove generated outputs (tables, graph, figures, report)
	find data/processed reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
