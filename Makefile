# The two commands a newcomer needs: `make up` (the demo) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: up venv test test-checkout lint unit e2e sdk-test bench emulator pulumi sdks clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# The Pulumi CLI and the YAML language host, built from their Go modules once and cached.
pulumi: $(STAMP)
	@scripts/ensure-pulumi "$(abspath $(PY))" >/dev/null
	@scripts/ensure-pulumi-yaml >/dev/null

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict appfabric_connect tests bench

# The whole suite runs against the installed wheel (Python 3.11; 3.12 and 3.13 run the unit,
# lifecycle and upgrade tests where present), in random order: see scripts/test-installed.
test: lint pulumi
	@scripts/test-installed "$(abspath $(PY))"

# The whole suite against the checkout (editable install), for quick iterations.
test-checkout: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(VENV)/bin/pytest

# Everything but the real Pulumi CLI, against the checkout: the loop while editing.
unit: $(STAMP)
	$(VENV)/bin/pytest -m "not e2e"

# The tests that run the real Pulumi CLI (marker e2e), but the SDK builds, against the checkout.
e2e: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(VENV)/bin/pytest -m "e2e and not sdk"

# The generated SDKs compiled and type-checked (marker sdk): needs Go, Node.js and npm.
sdk-test: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/pytest -m sdk

up: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(PY) scripts/demo-up

bench: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(PY) bench/run.py

# The provider package's Python, Node.js, Go and .NET SDKs, generated from the plugin's schema by
# Pulumi's own code generators (scripts/gen-sdks), into build/sdks/<language>.
sdks: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$(abspath $(VENV))/bin:$$PATH" scripts/gen-sdks build/sdks

emulator: $(STAMP)
	$(PY) -m appfabric_connect.emulator

clean:
	rm -rf $(VENV) .state .pytest_cache .mypy_cache .ruff_cache
