"""A stack created under this Python is refreshed, reconnected and destroyed under another one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.support.pulumi_project import PulumiProject

pytestmark = pytest.mark.e2e

OTHER_BIN = "APPFABRIC_CONNECT_OTHER_PULUMI_BIN"


@pytest.fixture
def other_python_bin() -> Path:
    """The PATH entry (scripts/ensure-pulumi's) whose plugins run another CPython."""
    value = os.environ.get(OTHER_BIN)
    if not value:
        message = f"{OTHER_BIN} is not set: `make test` (scripts/test-installed) sets it"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return Path(value)


def _plugin_python(bin_dir: Path) -> str:
    """The interpreter that the dynamic-provider plugin in ``bin_dir`` runs."""
    script = (bin_dir / "pulumi-resource-pulumi-python").read_text()
    return script.split("exec ", 1)[1].split()[0].strip('"')


def test_a_stack_created_here_is_refreshed_and_destroyed_under_another_python(
    connected_stack: PulumiProject, emulator_control: EmulatorControl, other_python_bin: Path
) -> None:
    other = subprocess.run(
        [_plugin_python(other_python_bin), "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert other != str(sys.version_info[:2]), "the other interpreter is this one"
    connected_stack.cli.env["PATH"] = f"{other_python_bin}{os.pathsep}{os.environ['PATH']}"
    asana = connected_stack.outputs()["asana"]["arn"]
    emulator_control.set_status(asana, "TokenAutoRotationFailed")
    emulator_control.reset_calls()

    connected_stack.refresh()
    drifted = connected_stack.statuses()["asana"]
    connected_stack.up()
    reconnected = connected_stack.statuses()["asana"]
    connected_stack.cli.run("destroy", "--yes", "--skip-preview")

    assert drifted == "TokenAutoRotationFailed"
    assert reconnected == "Connected"
    assert emulator_control.calls().get("ConnectAppAuthorization") == 1
    assert connected_stack.resources() == []
