"""``appfabric-connect terraform-mirror DIR``: ``terraform init`` installs from it offline."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from appfabric_connect.emulator.seed import Seeded
from tests.terraform.conftest import write_asana
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def test_init_from_the_mirror_writes_the_lock_file_and_apply_connects(
    make_workspace: Callable[..., Workspace], seeded: Seeded, tmp_path: Path
) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "appfabric_connect", "terraform-mirror", str(tmp_path / "mirror")],
        capture_output=True,
        text=True,
        check=True,
    )
    config = tmp_path / "mirror.tfrc"
    config.write_text(printed.stdout)
    workspace = make_workspace(cli_config=config)
    workspace.seeded = seeded
    write_asana(workspace)
    workspace.run("init", "-no-color")
    lock = (workspace.directory / ".terraform.lock.hcl").read_text()
    assert 'provider "registry.terraform.io/appfabric-connect/appfabricconnect"' in lock
    workspace.apply()
    assert workspace.connection("asana")["status"] == "Connected"
