"""``make terraform-demo``: examples/terraform-apikey up, drift gate, reconnect, destroy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.terraform.conftest import ROOT

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def test_terraform_demo_runs_the_apikey_example_through_drift_and_destroy(engine: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "terraform-demo")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "gate clean (exit 0), destroyed" in done.stdout
