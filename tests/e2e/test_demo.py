"""`make up`'s script, run as the README says: both demo connections end Connected."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pulumi_project import REPO, combined, copy_project_file, find_pulumi

pytestmark = pytest.mark.e2e


def test_the_demo_connects_slack_and_asana_on_the_emulator(tmp_path: Path) -> None:
    find_pulumi()
    checkout = tmp_path / "checkout"  # the script works on the checkout it lives in
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "demo-up", checkout / "scripts" / "demo-up")
    shutil.copy(REPO / "__main__.py", checkout / "__main__.py")
    copy_project_file(REPO, checkout)
    env = {**os.environ, "PULUMI_HOME": str(tmp_path / "home"), "PULUMI_SKIP_UPDATE_CHECK": "1"}
    for name in ("PULUMI_BACKEND_URL", "AWS_PROFILE", "AWS_ENDPOINT_URL"):
        env.pop(name, None)

    result = subprocess.run(
        [sys.executable, str(checkout / "scripts" / "demo-up")],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    output = combined(result)
    assert result.returncode == 0, output
    lines = output.splitlines()
    assert any(line.split()[:2] == ["slack", "Connected"] for line in lines), output
    assert any(line.split()[:2] == ["asana", "Connected"] for line in lines), output
    assert "Emulator stopped" in output
    assert (checkout / ".state").is_dir()
