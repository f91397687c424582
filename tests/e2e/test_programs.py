"""Test programs (``tests/e2e/programs/``): unknown identifiers, adoption, ``import_``, ``get``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from tests.support.appfabric import authorization_of, connect_in_the_console, status_of
from tests.support.pulumi_project import UNKNOWN, PulumiProject, combined, step_of, step_ops

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

pytestmark = pytest.mark.e2e

MakeProject = Callable[..., PulumiProject]


def _connect_out_of_band(appfabric: AppFabricClient, seeded: Seeded) -> str:
    """Connects the seeded apiKey authorization with boto3; returns its ARN."""
    arn = seeded.api_key_authorization["appAuthorizationArn"]
    summary = appfabric.connect_app_authorization(
        appBundleIdentifier=seeded.bundle_arn, appAuthorizationIdentifier=arn
    )["appAuthorizationSummary"]
    assert summary["status"] == "Connected"
    return arn


def test_preview_succeeds_with_identifiers_from_unknown_outputs_then_up_connects(
    make_project: MakeProject,
    seeded: Seeded,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
) -> None:
    stack = make_project(program="unknown_ids")
    stack.set_config({"bundle": seeded.bundle_arn, "with_oauth2": "true"})
    stack.set_secret("slack_code", "code-for-an-authorization-not-yet-created")
    emulator_control.reset_calls()

    result = stack.preview(check=False)
    assert result.returncode == 0, combined(result)
    preview = stack.preview_json()
    for name in ("asana", "slack"):
        assert step_ops(preview, name) == ["create"]
        inputs = step_of(preview, name)["newState"]["inputs"]
        assert inputs["app_bundle_identifier"] == UNKNOWN
        assert inputs["app_authorization_identifier"] == UNKNOWN
    assert emulator_control.calls() == {}  # a preview creates and connects nothing

    stack.set_config({"with_oauth2": "false"})
    stack.up()

    outputs = stack.outputs()
    assert set(outputs) == {"asana"}
    assert outputs["asana"]["status"] == "Connected"
    created = authorization_of(appfabric, outputs["asana"]["arn"])
    assert (created["app"], created["status"]) == ("ASANA", "Connected")


def test_import_option_fails_with_one_clear_line_pointing_to_adoption(
    make_project: MakeProject, seeded: Seeded, appfabric: AppFabricClient
) -> None:
    arn = _connect_out_of_band(appfabric, seeded)
    stack = make_project(program="imported")
    stack.set_config({"bundle": seeded.bundle_arn, "authorization": arn})

    result = stack.up(check=False)

    assert result.returncode != 0
    output = combined(result)
    assert "`import_` does not work for Python dynamic providers" in output
    assert "adopts an authorization that is already Connected" in output
    assert "Traceback" not in output


def test_up_adopts_a_connected_oauth2_authorization_declared_without_a_code(
    make_project: MakeProject,
    seeded: Seeded,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
) -> None:
    slack = seeded.oauth2_authorization
    arn = slack["appAuthorizationArn"]
    connect_in_the_console(appfabric, emulator_control, slack)
    stack = make_project(program="adopted")
    stack.set_config({"bundle": seeded.bundle_arn, "authorization": arn})
    emulator_control.reset_calls()

    result = stack.up(check=False)

    assert result.returncode == 0, combined(result)
    assert "already Connected" in combined(result)  # the adoption warning
    (adopted,) = stack.resources()
    assert adopted["id"] == arn
    assert stack.outputs()["adopted"] == {"status": "Connected", "arn": arn}
    assert status_of(appfabric, arn) == "Connected"
    calls = emulator_control.calls()
    assert calls.get("ConnectAppAuthorization") == 1, calls  # refused: no code was sent
    assert calls.get("GetAppAuthorization", 0) >= 1, calls


def test_get_reads_the_status_of_an_existing_authorization(
    make_project: MakeProject,
    seeded: Seeded,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
) -> None:
    arn = _connect_out_of_band(appfabric, seeded)
    emulator_control.set_status(arn, "TokenAutoRotationFailed")
    stack = make_project(program="lookup")
    stack.set_config({"authorization": arn})
    emulator_control.reset_calls()

    stack.up()

    assert stack.outputs()["existing"] == {
        "status": "TokenAutoRotationFailed",
        "app": "ASANA",
        "arn": arn,
    }
    assert emulator_control.calls() == {"GetAppAuthorization": 1}  # one read, no connect
