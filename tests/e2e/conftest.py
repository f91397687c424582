"""Fixtures for end-to-end runs of the real Pulumi CLI against the session's AppFabric emulator.

Each test gets a throwaway project directory (the repo's ``Pulumi.yaml`` plus the root
``__main__.py`` or a program from ``tests/e2e/programs/<name>/``), a ``file://`` backend of its
own, a session-wide ``PULUMI_HOME``, and AWS settings that point at the emulator.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded, seed_demo
from tests.e2e.harness import (
    E2E_ACCESS_KEY,
    E2E_SECRET_KEY,
    PROGRAMS,
    REDIRECT_URI,
    REGION,
    REPO,
    STACK,
    E2EStack,
    RecordingCli,
    copy_project_file,
    find_pulumi,
)

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


@pytest.fixture(scope="session")
def pulumi_executable() -> str:
    return find_pulumi()


@pytest.fixture(scope="session")
def pulumi_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PULUMI_HOME for the session: the engine's plugin cache and credentials live here."""
    return tmp_path_factory.mktemp("pulumi-home")


@pytest.fixture
def e2e_env(
    pulumi_executable: str, pulumi_home: Path, emulator_control: EmulatorControl, tmp_path: Path
) -> dict[str, str]:
    """The CLI's whole environment: no AWS or Pulumi setting of the caller leaks in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "PULUMI_")) and k not in {"BOTO_CONFIG"}
    }
    backend = tmp_path / "backend"
    backend.mkdir()
    env.update(
        {
            "PULUMI_BACKEND_URL": f"file://{backend}",
            "PULUMI_CONFIG_PASSPHRASE": "e2e-passphrase",
            "PULUMI_HOME": str(pulumi_home),
            "PULUMI_SKIP_UPDATE_CHECK": "1",
            "AWS_ENDPOINT_URL_APPFABRIC": emulator_control.url,
            "AWS_ACCESS_KEY_ID": E2E_ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": E2E_SECRET_KEY,
            "AWS_REGION": REGION,
            "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        }
    )
    return env


@pytest.fixture
def make_stack(
    pulumi_executable: str, e2e_env: dict[str, str], tmp_path: Path
) -> Callable[..., E2EStack]:
    """``make_stack(program=None)``: a selected stack of a new project (root program by default)."""

    def make(program: str | None = None) -> E2EStack:
        project = tmp_path / "project"
        project.mkdir()
        copy_project_file(REPO, project)
        if program is None:
            shutil.copy(REPO / "__main__.py", project / "__main__.py")
        else:
            source = PROGRAMS / program
            assert (source / "__main__.py").is_file(), f"no test program {source}"
            shutil.copytree(source, project, dirs_exist_ok=True, ignore=_ignore_caches)
        cli = RecordingCli(project, stack=STACK, executable=pulumi_executable)
        cli.env = dict(e2e_env)
        cli.select_stack(create=True)
        backend = Path(e2e_env["PULUMI_BACKEND_URL"].removeprefix("file://"))
        return E2EStack(cli, project, backend)

    return make


def _ignore_caches(_directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name in {"__pycache__", ".pytest_cache"}]


@pytest.fixture
def seeded(appfabric: AppFabricClient) -> Seeded:
    """A bundle with a PendingConnect oauth2 SLACK and apiKey ASANA authorization."""
    return seed_demo(appfabric)


@pytest.fixture
def obtain_code(emulator_control: EmulatorControl) -> Callable[[Mapping[str, Any]], str]:
    """Approves an oauth2 authorization at its authUrl like a browser; returns the code."""

    def obtain(authorization: Mapping[str, Any]) -> str:
        return emulator_control.obtain_code(str(authorization["authUrl"]), REDIRECT_URI)

    return obtain


@pytest.fixture
def connected_stack(
    make_stack: Callable[..., E2EStack],
    seeded: Seeded,
    obtain_code: Callable[[Mapping[str, Any]], str],
) -> E2EStack:
    """The root program with ``slack`` (oauth2, with a code) and ``asana`` (apiKey), after up."""
    stack = make_stack()
    stack.seeded = seeded
    stack.set_connections(
        seeded.bundle_arn,
        [
            ("slack", seeded.oauth2_authorization["appAuthorizationArn"], True),
            ("asana", seeded.api_key_authorization["appAuthorizationArn"], False),
        ],
    )
    stack.set_code(0, obtain_code(seeded.oauth2_authorization))
    stack.up()
    return stack
