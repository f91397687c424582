"""``data "appfabricconnect_app_authorization"``: any authorization's status, in ``check {}``."""

from __future__ import annotations

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def _check_block(bundle: str, authorization: str) -> str:
    return f"""
data "appfabricconnect_app_authorization" "asana" {{
  app_bundle_arn        = "{bundle}"
  app_authorization_arn = "{authorization}"
}}

check "asana_connected" {{
  assert {{
    condition     = data.appfabricconnect_app_authorization.asana.connected
    error_message = "ASANA is ${{data.appfabricconnect_app_authorization.asana.status}}"
  }}
}}
"""


def test_check_block_warns_when_an_unmanaged_authorization_is_not_connected(
    workspace: Workspace, emulator_control: EmulatorControl
) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    authorization = seeded.api_key_authorization["appAuthorizationArn"]
    workspace.write(_check_block(seeded.bundle_arn, authorization))
    emulator_control.set_status(authorization, "TokenAutoRotationFailed")
    done = workspace.run("plan", "-no-color")
    assert "ASANA is TokenAutoRotationFailed" in done.stdout + done.stderr


def test_data_source_reads_status_app_and_tenant(workspace: Workspace) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    authorization = seeded.api_key_authorization["appAuthorizationArn"]
    workspace.write(
        f"""
data "appfabricconnect_app_authorization" "asana" {{
  app_bundle_arn        = "{seeded.bundle_arn}"
  app_authorization_arn = "{authorization}"
}}
output "asana" {{
  value = data.appfabricconnect_app_authorization.asana
}}
"""
    )
    workspace.apply()
    found = workspace.run("output", "-json", "asana").stdout
    assert '"status":"PendingConnect"' in found and '"app":"ASANA"' in found, found
    assert '"tenant_identifier":"asana-tenant"' in found, found


def test_check_block_on_a_connected_authorization_leaves_the_drift_gate_at_0(
    asana_applied: Workspace,
) -> None:
    seeded = asana_applied.seeded
    assert seeded is not None
    authorization = seeded.api_key_authorization["appAuthorizationArn"]
    main = asana_applied.directory / "main.tf"
    main.write_text(main.read_text() + _check_block(seeded.bundle_arn, authorization))
    assert asana_applied.plan_exit_code() == 0
