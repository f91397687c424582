"""Pulumi fixtures: programs under Pulumi's mocks, and throwaway projects for the real CLI.

A stack that several tests only read is deployed once per module (``shared_*`` fixtures), on an
emulator of the module's own: the session's emulator is reset before every test.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import boto3
import pulumi
import pytest

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from tests.support.appfabric import REGION, TEST_ACCESS_KEY, TEST_SECRET_KEY
from tests.support.mocks import MockedRun, mocked_stack
from tests.support.pulumi_project import (
    PROGRAMS,
    REPO,
    PulumiProject,
    new_project,
    pulumi_environment,
)

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


@pytest.fixture
def pulumi_mocks(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockedRun]:
    """``pulumi_mocks(project=, config=, secrets=, statuses=)``: mocks set up for a program run;
    the stack config is emptied again afterwards."""
    yield functools.partial(mocked_stack, monkeypatch)
    pulumi.runtime.set_all_config({}, [])


@pytest.fixture(scope="session")
def pulumi_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PULUMI_HOME for the session: the engine's plugin cache and credentials live here."""
    return tmp_path_factory.mktemp("pulumi-home")


@pytest.fixture
def pulumi_env(
    aws_env: str, pulumi_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """The CLI's environment: a backend of the test's own, AWS pointed at the emulator.

    Its PULUMI_* variables go into this process's environment too, so that a PulumiCli made
    in-process (by `authorize`) finds the same stacks.
    """
    backend = tmp_path / "backend"
    backend.mkdir()
    env = pulumi_environment(backend, pulumi_home, aws_env, tmp_path)
    for name, value in env.items():
        if name.startswith("PULUMI_"):
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("PULUMI_ACCESS_TOKEN", raising=False)
    return env


@pytest.fixture
def make_project(pulumi_env: dict[str, str], tmp_path: Path) -> Callable[..., PulumiProject]:
    """``make_project(source=REPO, program=None, directory="project")``: the selected stack
    ``dev`` of a new project with ``source``'s Pulumi.yaml and ``__main__.py`` (or
    ``tests/e2e/programs/<program>``); several projects of one test share its backend."""

    def make(
        source: Path = REPO, program: str | None = None, directory: str = "project"
    ) -> PulumiProject:
        files = None if program is None else PROGRAMS / program
        return new_project(tmp_path / directory, pulumi_env, source, files)

    return make


# -- stacks deployed once per module, for the tests that only read them ------------------------


@pytest.fixture(scope="module")
def shared_emulator() -> Iterator[EmulatorControl]:
    """The control client of an emulator of the module's own, which no test resets."""
    with EmulatorServer(port=0) as server:
        yield EmulatorControl(server.url)


@pytest.fixture(scope="module")
def shared_appfabric(shared_emulator: EmulatorControl) -> AppFabricClient:
    """A boto3 AppFabric client (us-east-1, test credentials) against the module's emulator."""
    session = boto3.session.Session(
        aws_access_key_id=TEST_ACCESS_KEY,
        aws_secret_access_key=TEST_SECRET_KEY,
        region_name=REGION,
    )
    return session.client("appfabric", endpoint_url=shared_emulator.url)


@pytest.fixture(scope="module")
def shared_pulumi_env(
    shared_emulator: EmulatorControl, pulumi_home: Path
) -> Callable[[Path], dict[str, str]]:
    """``(directory)``: the CLI environment, a backend in ``directory``, on the shared emulator."""

    def make(directory: Path) -> dict[str, str]:
        backend = directory / "backend"
        backend.mkdir()
        return pulumi_environment(backend, pulumi_home, shared_emulator.url, directory)

    return make
