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

PACKAGE_PROGRAMS = Path(__file__).parent / "programs"

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


@pytest.fixture(scope="session")
def generated_sdks(plugin_dir: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``<dir>/<language>``: the SDKs ``scripts/gen-sdks`` generates from the plugin."""
    out = tmp_path_factory.mktemp("sdks")
    pulumi_dir = str(Path(find_pulumi()).parent)
    env = {
        **os.environ,
        "PATH": os.pathsep.join([plugin_dir, pulumi_dir, os.environ["PATH"]]),
        "PULUMI_HOME": str(out / ".pulumi-home"),
    }
    result = subprocess.run(
        [str(REPO / "scripts" / "gen-sdks"), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"scripts/gen-sdks failed:\n{result.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def python_sdk(generated_sdks: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated Python SDK, installed by pip into a directory of its own (for PYTHONPATH)."""
    target = tmp_path_factory.mktemp("python-sdk")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    result = subprocess.run(
        [*pip, "--no-deps", "--target", str(target), str(generated_sdks / "python")],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"pip could not install the Python SDK:\n{result.stderr}", pytrace=False)
    return target


@pytest.fixture
def package_env(pulumi_env: dict[str, str], yaml_host_dir: str, plugin_dir: str) -> dict[str, str]:
    """The CLI's environment, with the plugin and the YAML language host on PATH."""
    return {**pulumi_env, "PATH": os.pathsep.join([yaml_host_dir, plugin_dir, pulumi_env["PATH"]])}


@pytest.fixture
def python_sdk_on_path(package_env: dict[str, str], python_sdk: Path) -> None:
    """Puts the generated Python SDK on the PYTHONPATH of the programs this test runs."""
    paths = [str(python_sdk), package_env.get("PYTHONPATH", "")]
    package_env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)


@pytest.fixture
def make_package_project(
    package_env: dict[str, str], tmp_path: Path
) -> Callable[[Path, str], PulumiProject]:
    """``make_package_project(source, name)``: stack ``dev`` of a copy of the project ``source``."""

    def make(source: Path, name: str = "project") -> PulumiProject:
        return package_project(source, tmp_path / name, package_env)

    return make


@pytest.fixture(scope="module")
def make_shared_package_project(
    shared_pulumi_env: Callable[[Path], dict[str, str]],
    yaml_host_dir: str,
    plugin_dir: str,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Callable[..., PulumiProject]:
    """``(source, name, python_sdk=False)``: as ``make_package_project``, on the shared emulator."""

    def make(source: Path, name: str, python_sdk: bool = False) -> PulumiProject:
        directory = tmp_path_factory.mktemp("shared")
        env = shared_pulumi_env(directory)
        env["PATH"] = os.pathsep.join([yaml_host_dir, plugin_dir, env["PATH"]])
        if python_sdk:
            paths = [str(request.getfixturevalue("python_sdk")), env.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
        return package_project(source, directory / name, env)

    return make


def package_project(source: Path, directory: Path, env: dict[str, str]) -> PulumiProject:
    """Stack ``dev`` of a copy of the project ``source`` in ``directory``, run with ``env``."""
    shutil.copytree(source, directory)
    cli = RecordingCli(directory, stack=STACK, executable=find_pulumi())
    cli.env = dict(env)
    cli.select_stack(create=True)
    backend = Path(env["PULUMI_BACKEND_URL"].removeprefix("file://"))
    return PulumiProject(cli, directory, backend)
