"""The smoke under OpenTofu (the suite's other engine): apply, drift plan, reconnect, destroy."""

from __future__ import annotations

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.conftest import engine_or_skip, write_asana
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


@pytest.fixture
def tofu_workspace(workspace: Workspace) -> Workspace:
    workspace.engine = engine_or_skip("tofu")
    return workspace


def test_tofu_applies_sees_drift_reconnects_and_destroys(
    tofu_workspace: Workspace, emulator_control: EmulatorControl
) -> None:
    write_asana(tofu_workspace)
    tofu_workspace.apply()
    arn = tofu_workspace.connection("asana")["id"]
    emulator_control.set_status(arn, "TokenAutoRotationFailed")
    assert tofu_workspace.plan_exit_code() == 2
    tofu_workspace.apply()
    assert tofu_workspace.connection("asana")["status"] == "Connected"
    tofu_workspace.run("destroy", "-auto-approve", "-no-color")
    assert tofu_workspace.resources() == {}
