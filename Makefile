# The two commands a newcomer needs: `make up` (the demo) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: up venv test test-checkout lint unit fast e2e sdk-test bench emulator pulumi engines sdks clean \
	terraform-test tofu-smoke terraform-mirror terraform-demo bench-terraform bench-rpc \
	bench-scaling

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

# The Terraform-protocol engines: terraform >= 1.11 from PATH, and OpenTofu (from PATH, else built
# from the Go module proxy once and cached), so that the tofu smoke runs rather than skips.
engines:
	@scripts/ensure-terraform all >/dev/null

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict appfabric_connect tests bench

# The whole suite runs against the installed wheel (Python 3.11; 3.12 and 3.13 run the unit,
# lifecycle and upgrade tests where present), in random order: see scripts/test-installed.
test: lint pulumi engines
	@scripts/test-installed "$(abspath $(PY))"
	@echo "make test: the plugins' start and refresh beside their floors (figures, not a gate):"
	@BENCH_RUNS=3 $(PY) bench/rpc_costs.py || echo "make test: bench/rpc_costs.py did not finish"

# The whole suite against the checkout (editable install), for quick iterations.
test-checkout: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(VENV)/bin/pytest

# The loop while editing, in seconds: the provider's methods (botocore's Stubber), the public API
# and the README and layout checks, against the checkout.
unit: $(STAMP)
	$(VENV)/bin/pytest -m "not e2e" tests/unit tests/api tests/docs

# Everything but the real CLIs (about a minute and a half): the emulator over HTTP, moto's STS,
# the reliability storms, Pulumi's mocks.
fast: $(STAMP)
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

# Figures 1-8 (bench/run.py, about 10 min), then figure 9: paired runs racing one OAuth code, in
# one process by pause and through the real CLI against the release before it (bench/race.py);
# then the Terraform figures (bench/terraform.py, bench/TERRAFORM.md); then each plugin's cost per
# RPC and the drift gates beside their floors and #29's targets (bench/rpc_costs.py, about 2 min);
# then the gates at 50, 200 and 500 connections (bench/scaling.py, about 6 min).
bench: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(PY) bench/run.py && \
	  PATH="$$bin_dir:$$PATH" $(PY) -m bench.race all --before 8436c54 --save && \
	  $(PY) bench/terraform.py && \
	  PATH="$$bin_dir:$$PATH" $(PY) bench/rpc_costs.py --engines --save && \
	  PATH="$$bin_dir:$$PATH" $(PY) bench/scaling.py --save

# The per-RPC costs and drift gates alone (bench/rpc_costs.py; #29's targets printed beside them).
bench-rpc: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(PY) bench/rpc_costs.py --engines --save

# The drift gate at N = 50, 200 and 500 connections (bench/scaling.py: RESULTS.md figure 11).
bench-scaling: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$$PATH" $(PY) bench/scaling.py --save

# The Terraform figures alone (bench/terraform.py: bench/TERRAFORM.md).
bench-terraform: $(STAMP)
	$(PY) bench/terraform.py

# The provider package's Python, Node.js, Go and .NET SDKs, generated from the plugin's schema by
# Pulumi's own code generators (scripts/gen-sdks), into build/sdks/<language>.
sdks: $(STAMP)
	@bin_dir=$$(scripts/ensure-pulumi "$(abspath $(PY))") && \
	  PATH="$$bin_dir:$(abspath $(VENV))/bin:$$PATH" scripts/gen-sdks build/sdks

# The Terraform provider's suite (tests/terraform, marker `terraform`) under terraform >= 1.11, and
# its smoke (apply, drift plan, reconnect, destroy) under OpenTofu, built once from the Go module
# proxy into the cache beside the Pulumi CLI when no tofu is on PATH (scripts/ensure-terraform).
terraform-test: $(STAMP)
	$(VENV)/bin/pytest -m terraform

tofu-smoke: $(STAMP)
	@scripts/ensure-terraform tofu >/dev/null
	APPFABRIC_CONNECT_TF_ENGINE=tofu $(VENV)/bin/pytest -m terraform tests/terraform/test_smoke.py \
	  tests/terraform/test_mirror.py

# A filesystem mirror of the provider in build/terraform-mirror; prints the CLI configuration.
terraform-mirror: $(STAMP)
	@$(VENV)/bin/appfabric-connect terraform-mirror build/terraform-mirror

# examples/terraform-apikey against a fresh emulator: apply, drift gate, reconnect, destroy.
terraform-demo: $(STAMP)
	@$(PY) scripts/terraform-demo

emulator: $(STAMP)
	$(PY) -m appfabric_connect.emulator

clean:
	rm -rf $(VENV) .state .pytest_cache .mypy_cache .ruff_cache
