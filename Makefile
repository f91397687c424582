# The two commands a newcomer needs: `make up` (the demo) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: up test lint unit e2e bench emulator pulumi clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

pulumi: $(STAMP)
	@scripts/ensure-pulumi "$(abspath $(PY))"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict appfabric_connect

test: lint
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(VENV)/bin/pytest

unit: $(STAMP)
	$(VENV)/bin/pytest -m "not e2e"

up: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(PY) scripts/demo-up

bench: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(PY) bench/run.py

emulator: $(STAMP)
	$(PY) -m appfabric_connect.emulator

clean:
	rm -rf $(VENV) .state .pytest_cache .mypy_cache .ruff_cache
