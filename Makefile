# Two commands on a fresh machine: `make demo` and `make test`. Everything else is a helper target.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export ECOMINTEL_HOME ?= $(CURDIR)/.ecomintel

.PHONY: venv demo test test-fast lint typecheck lock schemas bench clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP) ## create the virtualenv and install the pinned dependencies

demo: $(STAMP) ## generate the sample merchant, ingest it through the real upload path, ask questions
	$(BIN)/ecomintel demo

test: $(STAMP) ## the whole suite: lint, types, unit, contract, e2e
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(STAMP)
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
	rm -rf $(VENV) .ecomintel .pytest_cache .mypy_cache .ruff_cache
