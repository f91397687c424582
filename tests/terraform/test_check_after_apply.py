"""A `check {}` that tells the truth after apply (issue 28, item 4), measured with the real CLI.

A data source read at plan sees the status before the reconnect, so a successful apply ends with
the stale warning. `depends_on` on the connection defers the read to apply only when the
connection has a change planned: after a reconnect the check sees the new status, and a plan with
nothing to do still reads it at plan (the drift gate stays at 0)."""

from __future__ import annotations

import subprocess

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.conftest import write_asana
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

DRIFT = "TokenAutoRotationFailed"
WARNING = "ASANA is {status}"


def _check(bundle: str, authorization: str, depends_on: bool) -> str:
    after = (
        "\n  depends_on = [appfabricconnect_app_authorization_connection.asana]"
        if depends_on
        else ""
    )
    return f"""
data "appfabricconnect_app_authorization" "asana" {{
  app_bundle_arn        = "{bundle}"
  app_authorization_arn = "{authorization}"{after}
}}

check "asana_connected" {{
  assert {{
    condition     = data.appfabricconnect_app_authorization.asana.connected
    error_message = "ASANA is ${{data.appfabricconnect_app_authorization.asana.status}}"
  }}
}}
"""


def _applied_with_check(workspace: Workspace, depends_on: bool) -> str:
    """The ASANA connection and the check, applied (Connected); returns the authorization ARN."""
    seeded = workspace.seeded
    assert seeded is not None
    authorization = seeded.api_key_authorization["appAuthorizationArn"]
    write_asana(workspace)
    main = workspace.directory / "main.tf"
    main.write_text(main.read_text() + _check(seeded.bundle_arn, authorization, depends_on))
    workspace.apply()
    return authorization


def _output(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr


def test_without_depends_on_a_successful_reconnect_ends_with_the_stale_warning(
    workspace: Workspace, emulator_control: EmulatorControl
) -> None:
    authorization = _applied_with_check(workspace, depends_on=False)
    assert workspace.plan_exit_code() == 0
    emulator_control.set_status(authorization, DRIFT)

    planned = workspace.run("plan", "-no-color", "-detailed-exitcode", check=False)
    applied = workspace.apply()

    assert workspace.connection("asana")["status"] == "Connected"
    assert "Check block assertion failed" in _output(applied)
    assert WARNING.format(status=DRIFT) in _output(applied)  # read at plan, before the reconnect
    assert planned.returncode == 2
    assert WARNING.format(status=DRIFT) in _output(planned)
    assert workspace.plan_exit_code() == 0


def test_depends_on_the_connection_checks_the_status_after_the_reconnect(
    workspace: Workspace, emulator_control: EmulatorControl
) -> None:
    authorization = _applied_with_check(workspace, depends_on=True)
    assert workspace.plan_exit_code() == 0  # nothing to do: read at plan, the gate stays at 0
    emulator_control.set_status(authorization, DRIFT)

    planned = workspace.run("plan", "-no-color", "-detailed-exitcode", check=False)
    applied = workspace.apply()

    assert planned.returncode == 2  # the reconnect
    assert "will be read during apply" in _output(planned)
    assert WARNING.format(status=DRIFT) not in _output(planned)  # the check waits for apply
    assert workspace.connection("asana")["status"] == "Connected"
    assert "Check block assertion failed" not in _output(applied), _output(applied)
    assert WARNING.format(status="") not in _output(applied)
    assert workspace.plan_exit_code() == 0
