# One entry point for people and CI. `make serve` sets up and serves the sample journal;
# `make test` sets up and runs every check (CI runs exactly this).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test lint check journal build goldens browser-deps cms-deps second-host clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# With `cms: true` in mkdocs.yml the build copies the editors' desk (/admin/) from node_modules/:
# npm ci installs package-lock.json's packages when they are missing or older than the lock file.
cms-deps:
	@if grep -qE '^[[:space:]]+cms:[[:space:]]*true' mkdocs.yml \
	  && { [ ! -f node_modules/.package-lock.json ] \
	       || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then \
	  if ! command -v npm >/dev/null; then \
	    echo "make: mkdocs.yml sets cms: true, and the editors' desk (/admin/) needs the npm" >&2; \
	    echo "  packages of package-lock.json, but npm is missing. Install Node.js (e.g." >&2; \
	    echo "  sudo apt-get install npm) and run again, or set cms: false in mkdocs.yml." >&2; \
	    exit 1; \
	  fi; \
	  echo "make: installing the npm packages of package-lock.json for /admin/ (npm ci)"; \
	  npm ci --no-audit --no-fund; \
	fi

serve: $(STAMP) cms-deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) cms-deps
	$(BIN)/journal check
	$(BIN)/mkdocs build --strict

browser-deps:
	@./scripts/install-browser

lint: $(STAMP)
	$(BIN)/ruff check src hooks tests benchmarks scripts/fetch-shared
	$(BIN)/ruff format --check src hooks tests benchmarks scripts/fetch-shared
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/journal check

# Any journal command without activating the venv: make journal ARGS="new author --name 'A B'"
journal: $(STAMP)
	$(BIN)/journal $(ARGS)

# `journal check` runs before any build: MkDocs' own loader would crash on some mkdocs.yml
# mistakes (YAML aliases) before the journal's checks run.
test: $(STAMP) browser-deps lint
	$(BIN)/journal check
	$(BIN)/pytest -n 2
	$(BIN)/mkdocs build --strict --site-dir $(VENV)/site-check

# The same journal built by ProperDocs (the maintained MkDocs 1.6 fork) and by MkDocs, compared.
# `make test` runs it too (it is part of the test suite); CI also runs it as its own job.
second-host: $(STAMP) cms-deps
	$(BIN)/pytest tests/test_second_host.py -q

goldens: $(STAMP)
	$(BIN)/pytest tests/test_goldens.py --update-goldens

clean:
	rm -rf site $(VENV)
