# One entry point for people and CI. `make serve` sets up and serves the sample journal;
# `make test` sets up and runs every check (CI runs exactly this).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test lint check build goldens browser-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

browser-deps:
	@./scripts/install-browser

lint: $(STAMP)
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/ruff format --check src hooks tests benchmarks
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/journal check

test: $(STAMP) browser-deps lint
	$(BIN)/pytest -n 2
	$(BIN)/journal check
	$(BIN)/mkdocs build --strict --site-dir $(VENV)/site-check

goldens: $(STAMP)
	$(BIN)/pytest tests/test_goldens.py --update-goldens

clean:
	rm -rf site $(VENV)
