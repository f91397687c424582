"""An emulator restored from a release's recorded state, and a project that imports its stack."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from tests.support.pulumi_project import (
    REPO,
    PulumiProject,
    RecordingCli,
    copy_project_file,
    find_pulumi,
    pulumi_environment,
)

FIXTURES = Path(__file__).parent
STACK = "upgrade"
PASSPHRASE = "appfabric-connect-upgrade"  # the one tests/upgrade/record_fixture.py used


@pytest.fixture
def restored_emulator(tmp_path: Path) -> Iterator[Callable[[str], EmulatorControl]]:
    """``restored_emulator("v0.1.0")``: an emulator started from that release's recorded state."""
    servers: list[EmulatorServer] = []

    def start(release: str) -> EmulatorControl:
        state = tmp_path / f"emulator-{release}.json"
        shutil.copy(FIXTURES / release / "emulator-state.json", state)
        server = EmulatorServer(port=0, state_file=state)
        server.start()
        servers.append(server)
        return EmulatorControl(server.url)

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def imported_stack(
    restored_emulator: Callable[[str], EmulatorControl], pulumi_home: Path, tmp_path: Path
) -> Iterator[Callable[[str], PulumiProject]]:
    """``imported_stack("v0.1.0")``: that release's stack export imported into a fresh stack of
    the root program, on a new backend, against the emulator restored from the same release."""

    def make(release: str) -> PulumiProject:
        control = restored_emulator(release)
        backend = tmp_path / "backend"
        backend.mkdir()
        env = pulumi_environment(backend, pulumi_home, control.url, tmp_path)
        env["PULUMI_CONFIG_PASSPHRASE"] = PASSPHRASE
        project = tmp_path / "project"
        project.mkdir()
        copy_project_file(REPO, project)
        shutil.copy(REPO / "__main__.py", project / "__main__.py")
        shutil.copy(FIXTURES / release / f"Pulumi.{STACK}.yaml", project)
        cli = RecordingCli(project, stack=STACK, executable=find_pulumi())
        cli.env = env
        cli.run("stack", "init", STACK, stack=False)
        export = json.loads((FIXTURES / release / "stack.json").read_text())
        (tmp_path / "stack.json").write_text(json.dumps(export))
        cli.run("stack", "import", "--file", str(tmp_path / "stack.json"))
        return PulumiProject(cli, project, backend)

    yield make
