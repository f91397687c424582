"""A temporary Pulumi project and stack run by the real CLI against the emulator (e2e tests)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from appfabric_connect.pulumi_cli import PulumiCli
from tests.e2e.harness import copy_project_file, find_pulumi

STACK = "dev"
PASSPHRASE = "appfabric-connect-e2e"


@dataclass
class Project:
    """A copy of a Pulumi program in a temp dir, with a file backend and stack `dev`."""

    path: Path
    cli: PulumiCli

    def up(self) -> subprocess.CompletedProcess[str]:
        return self.cli.run("up", "--yes", "--skip-preview", check=False)

    def outputs(self) -> dict[str, Any]:
        return self.cli.outputs()

    def stack_config(self) -> dict[str, Any]:
        """The stack's config file, as stored (secrets encrypted)."""
        text = (self.path / f"Pulumi.{STACK}.yaml").read_text()
        return dict(yaml.safe_load(text)["config"])


def new_project(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """Copies the program in ``source`` and creates its stack; the PULUMI_* variables go into
    the environment too, so that a PulumiCli made in-process (by `authorize`) finds the stack."""
    find_pulumi()
    path = tmp_path / "project"
    path.mkdir()
    shutil.copy(source / "__main__.py", path / "__main__.py")
    copy_project_file(source, path)
    (tmp_path / "state").mkdir()
    (tmp_path / "home").mkdir()
    env = {
        "PULUMI_BACKEND_URL": f"file://{tmp_path / 'state'}",
        "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
        "PULUMI_HOME": str(tmp_path / "home"),
        "PULUMI_SKIP_UPDATE_CHECK": "1",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PULUMI_ACCESS_TOKEN", raising=False)
    cli = PulumiCli(path, stack=STACK)
    cli.select_stack(create=True)
    return Project(path, cli)
