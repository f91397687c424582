"""Fixtures for the provider package under the real Pulumi CLI: the plugin, the YAML host, projects.

The engine finds the plugin ``pulumi-resource-appfabric-connect`` (this virtualenv's console
script) and the YAML language host (``scripts/ensure-pulumi-yaml``) on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.pulumi_project import (
    REPO,
    STACK,
    PulumiProject,
    RecordingCli,
    find_pulumi,
)

PLUGIN = "pulumi-resource-appfabric-connect"


@pytest.fixture(scope="session")
def yaml_host_dir() -> str:
    """The directory of ``pulumi-language-yaml`` (built from the Go module proxy once, cached)."""
    result = subprocess.run(
        [str(REPO / "scripts" / "ensure-pulumi-yaml")], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"scripts/ensure-pulumi-yaml failed:\n{result.stderr}", pytrace=False)
    return result.stdout.strip()


@pytest.fixture(scope="session")
def plugin_dir() -> str:
    """The directory holding this virtualenv's ``pulumi-resource-appfabric-connect``."""
    scripts = Path(sys.executable).parent
    if not (scripts / PLUGIN).is_file():
        pytest.fail(f"no {PLUGIN} in {scripts}: run `pip install -e .`", pytrace=False)
    return str(scripts)


@pytest.fixture
def package_env(pulumi_env: dict[str, str], yaml_host_dir: str, plugin_dir: str) -> dict[str, str]:
    """The CLI's environment, with the plugin and the YAML language host on PATH."""
    return {**pulumi_env, "PATH": os.pathsep.join([yaml_host_dir, plugin_dir, pulumi_env["PATH"]])}


@pytest.fixture
def make_package_project(
    package_env: dict[str, str], tmp_path: Path
) -> Callable[[Path, str], PulumiProject]:
    """``make_package_project(source, name)``: stack ``dev`` of a copy of the project ``source``."""

    def make(source: Path, name: str = "project") -> PulumiProject:
        directory = tmp_path / name
        shutil.copytree(source, directory)
        cli = RecordingCli(directory, stack=STACK, executable=find_pulumi())
        cli.env = dict(package_env)
        cli.select_stack(create=True)
        backend = Path(package_env["PULUMI_BACKEND_URL"].removeprefix("file://"))
        return PulumiProject(cli, directory, backend)

    return make
