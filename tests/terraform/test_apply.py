"""``terraform apply`` connects: apiKey without a code, oauth2 with a write-only code."""

from __future__ import annotations

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.workspace import Workspace, connection

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def test_api_key_connection_is_connected_after_apply(asana_applied: Workspace) -> None:
    assert asana_applied.connection("asana")["status"] == "Connected"


def test_oauth2_connection_with_write_only_code_is_connected_after_apply(
    slack_applied: Workspace,
) -> None:
    state = slack_applied.connection("slack")
    assert (state["status"], state["app"], state["auth_type"]) == ("Connected", "SLACK", "oauth2")


def test_plan_after_apply_has_no_changes(slack_applied: Workspace) -> None:
    assert slack_applied.plan_exit_code() == 0


def test_identifiers_given_as_uuids_connect(workspace: Workspace) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    bundle_uuid = seeded.bundle_arn.rsplit("/", 1)[1]
    authorization_uuid = seeded.api_key_authorization["appAuthorizationArn"].rsplit("/", 1)[1]
    workspace.write(connection("asana", bundle_uuid, authorization_uuid))
    workspace.apply()
    state = workspace.connection("asana")
    assert (state["status"], state["id"]) == (
        "Connected",
        seeded.api_key_authorization["appAuthorizationArn"],
    )


def test_uuid_changed_to_its_arn_is_no_replacement_and_no_connect(
    workspace: Workspace, emulator_control: EmulatorControl
) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    arn = seeded.api_key_authorization["appAuthorizationArn"]
    workspace.write(connection("asana", seeded.bundle_arn, arn.rsplit("/", 1)[1]))
    workspace.apply()
    workspace.write(connection("asana", seeded.bundle_arn, arn))
    emulator_control.reset_calls()
    applied = workspace.apply()
    assert "Resources: 0 added, 1 changed, 0 destroyed" in applied.stdout
    assert "ConnectAppAuthorization" not in emulator_control.calls()
