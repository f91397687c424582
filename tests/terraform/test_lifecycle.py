"""Import by ARN and destroy: neither sends a code nor touches the authorization in AWS."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.support.appfabric import REDIRECT_URI
from tests.terraform.workspace import Workspace, connection, import_block

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def test_destroy_leaves_the_authorization_connected(
    asana_applied: Workspace, appfabric: AppFabricClient
) -> None:
    arn = asana_applied.connection("asana")["id"]
    asana_applied.run("destroy", "-auto-approve", "-no-color")
    assert asana_applied.resources() == {}
    bundle = arn.split("/appauthorization/")[0]
    found = appfabric.get_app_authorization(
        appBundleIdentifier=bundle, appAuthorizationIdentifier=arn
    )
    assert found["appAuthorization"]["status"] == "Connected"


def test_import_block_adopts_a_connected_authorization_without_connect(
    workspace: Workspace,
    appfabric: AppFabricClient,
    obtain_code: Callable[[Mapping[str, Any]], str],
    emulator_control: EmulatorControl,
) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    authorization = seeded.oauth2_authorization
    arn = authorization["appAuthorizationArn"]
    appfabric.connect_app_authorization(
        appBundleIdentifier=seeded.bundle_arn,
        appAuthorizationIdentifier=arn,
        authRequest={"redirectUri": REDIRECT_URI, "code": obtain_code(authorization)},
    )
    workspace.write(connection("slack", seeded.bundle_arn, arn) + import_block("slack", arn))
    emulator_control.reset_calls()
    workspace.apply()
    state = workspace.connection("slack")
    assert (state["status"], state["app"], state["id"]) == ("Connected", "SLACK", arn)
    assert "ConnectAppAuthorization" not in emulator_control.calls()
    assert workspace.plan_exit_code() == 0


def test_generated_config_of_an_import_then_plans_no_change(
    workspace: Workspace, appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    arn = seeded.api_key_authorization["appAuthorizationArn"]
    appfabric.connect_app_authorization(
        appBundleIdentifier=seeded.bundle_arn, appAuthorizationIdentifier=arn
    )
    workspace.write(import_block("asana", arn))
    workspace.run("plan", "-no-color", "-generate-config-out=generated.tf")
    generated = (workspace.directory / "generated.tf").read_text()
    assert f'app_bundle_arn        = "{seeded.bundle_arn}"' in generated
    emulator_control.reset_calls()
    workspace.apply()
    assert workspace.plan_exit_code() == 0
    assert "ConnectAppAuthorization" not in emulator_control.calls()


def test_terraform_import_command_records_the_live_status(
    workspace: Workspace, emulator_control: EmulatorControl
) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    arn = seeded.api_key_authorization["appAuthorizationArn"]
    workspace.write(connection("asana", seeded.bundle_arn, arn))
    workspace.run("import", "-no-color", "appfabricconnect_app_authorization_connection.asana", arn)
    assert workspace.connection("asana")["status"] == "PendingConnect"
    assert "ConnectAppAuthorization" not in emulator_control.calls()
