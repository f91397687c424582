"""The root program (connections from stack config) under the real Pulumi CLI and the emulator."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import seed_authorization
from tests.support.appfabric import authorization_of, status_of
from tests.support.pulumi_project import E2E_SECRET_KEY, PulumiProject, combined, step_ops

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

pytestmark = pytest.mark.e2e

ObtainCode = Callable[[Mapping[str, Any]], str]


def _arns(stack: PulumiProject) -> tuple[str, str, str]:
    """(bundle ARN, slack's ARN, asana's ARN) of a ``connected_stack``."""
    assert stack.seeded is not None
    return (
        stack.seeded.bundle_arn,
        stack.seeded.oauth2_authorization["appAuthorizationArn"],
        stack.seeded.api_key_authorization["appAuthorizationArn"],
    )


def _drift_api_key(appfabric: AppFabricClient, bundle: str, arn: str) -> None:
    """UpdateAppAuthorization out of band: AppFabric sets a Connected one back to PendingConnect."""
    appfabric.update_app_authorization(
        appBundleIdentifier=bundle,
        appAuthorizationIdentifier=arn,
        credential={"apiKeyCredential": {"apiKey": "rotated-out-of-band"}},
    )
    assert status_of(appfabric, arn) == "PendingConnect"


def test_up_connects_oauth2_and_api_key_connections_then_preview_expects_no_changes(
    connected_stack: PulumiProject, appfabric: AppFabricClient
) -> None:
    _, slack, asana = _arns(connected_stack)

    outputs = connected_stack.outputs()
    assert {name: value["status"] for name, value in outputs.items()} == {
        "slack": "Connected",
        "asana": "Connected",
    }
    assert outputs["slack"]["arn"] == slack
    assert outputs["slack"]["app"] == "SLACK"
    assert outputs["asana"]["arn"] == asana
    assert outputs["asana"]["app"] == "ASANA"
    assert status_of(appfabric, slack) == "Connected"
    assert status_of(appfabric, asana) == "Connected"

    result = connected_stack.preview("--expect-no-changes", check=False)
    assert result.returncode == 0, combined(result)


def test_refresh_records_out_of_band_drift_and_preview_plans_a_reconnect(
    connected_stack: PulumiProject, appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    bundle, slack, asana = _arns(connected_stack)
    _drift_api_key(appfabric, bundle, asana)
    emulator_control.set_status(slack, "TokenAutoRotationFailed")

    connected_stack.refresh()

    outputs = connected_stack.outputs()
    assert outputs["asana"]["status"] == "PendingConnect"
    assert outputs["slack"]["status"] == "TokenAutoRotationFailed"
    assert "/oauth2/authorize?" in (outputs["slack"]["auth_url"] or "")
    state = {r["urn"].rsplit("::", 1)[1]: r["outputs"] for r in connected_stack.resources()}
    assert state["asana"]["status"] == "PendingConnect"
    assert state["slack"]["status"] == "TokenAutoRotationFailed"

    preview = connected_stack.preview_json()
    assert step_ops(preview, "asana") == ["update"]
    assert step_ops(preview, "slack") == ["update"]
    assert preview["changeSummary"].get("update") == 2, preview["changeSummary"]


def test_refresh_preview_gate_passes_on_a_clean_stack_and_fails_on_drift(
    connected_stack: PulumiProject, appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    gate = ("--refresh", "--expect-no-changes")
    clean = connected_stack.preview(*gate, check=False)
    assert clean.returncode == 0, combined(clean)

    bundle, slack, asana = _arns(connected_stack)
    _drift_api_key(appfabric, bundle, asana)
    emulator_control.set_status(slack, "TokenAutoRotationFailed")

    drifted = connected_stack.preview(*gate, check=False)
    assert drifted.returncode != 0, combined(drifted)
    assert "no changes were expected" in combined(drifted)
    assert "2 to update" in drifted.stdout


def test_up_reconnects_a_drifted_api_key_connection(
    connected_stack: PulumiProject, appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    bundle, _, asana = _arns(connected_stack)
    _drift_api_key(appfabric, bundle, asana)
    connected_stack.refresh()
    assert connected_stack.statuses()["asana"] == "PendingConnect"
    emulator_control.reset_calls()

    connected_stack.up()

    assert connected_stack.statuses() == {"slack": "Connected", "asana": "Connected"}
    assert status_of(appfabric, asana) == "Connected"
    assert emulator_control.calls().get("ConnectAppAuthorization") == 1  # asana only


def test_up_with_the_spent_oauth2_code_fails_naming_the_auth_url_and_not_the_code(
    connected_stack: PulumiProject, appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    _, slack, _ = _arns(connected_stack)
    emulator_control.set_status(slack, "TokenAutoRotationFailed")
    connected_stack.refresh()
    emulator_control.reset_calls()

    result = connected_stack.up(check=False)

    text = combined(result)
    assert result.returncode != 0, text
    assert "a new code is needed" in text
    # The authUrl's state parameter changes on every read; the rest identifies the consent page.
    auth_url = authorization_of(appfabric, slack)["authUrl"]
    assert auth_url.split("&state=", 1)[0] in text
    (spent_code,) = connected_stack.codes
    assert spent_code not in text
    assert "ConnectAppAuthorization" not in emulator_control.calls()  # refused before any call
    assert status_of(appfabric, slack) == "TokenAutoRotationFailed"


def test_up_with_a_new_oauth2_code_reconnects(
    connected_stack: PulumiProject,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    obtain_code: ObtainCode,
) -> None:
    _, slack, _ = _arns(connected_stack)
    emulator_control.set_status(slack, "TokenAutoRotationFailed")
    connected_stack.refresh()
    auth_url = connected_stack.outputs()["slack"]["auth_url"]  # what the user would open

    connected_stack.set_code(0, obtain_code({"authUrl": auth_url}))
    connected_stack.up()

    assert connected_stack.statuses() == {"slack": "Connected", "asana": "Connected"}
    assert connected_stack.outputs()["slack"]["auth_url"] is None
    assert status_of(appfabric, slack) == "Connected"


def test_state_and_command_output_never_hold_the_oauth_code_or_aws_secret_key(
    connected_stack: PulumiProject, emulator_control: EmulatorControl, obtain_code: ObtainCode
) -> None:
    """Through up, drift, a refused spent code, a new code and export: no plaintext secret."""
    _, slack, _ = _arns(connected_stack)
    emulator_control.set_status(slack, "TokenAutoRotationFailed")
    connected_stack.refresh()
    assert connected_stack.up(check=False).returncode != 0  # the spent code, refused
    connected_stack.set_code(
        0, obtain_code({"authUrl": connected_stack.outputs()["slack"]["auth_url"]})
    )
    connected_stack.up()

    secrets = [*connected_stack.codes, E2E_SECRET_KEY]
    assert len(connected_stack.codes) == 2
    exported = connected_stack.cli.run("stack", "export").stdout
    for secret in secrets:
        assert secret not in exported
    slack_state = next(
        r for r in json.loads(exported)["deployment"]["resources"] if r["urn"].endswith("::slack")
    )
    code = slack_state["inputs"]["auth_request"]["code"]
    assert isinstance(code, dict), code
    assert "ciphertext" in code, code  # stored as an encrypted secret
    assert connected_stack.leaks(secrets) == []
    assert connected_stack.leaks([slack]), "the leak search finds what is there (an ARN)"


def test_changing_the_authorization_identifier_replaces_the_connection(
    connected_stack: PulumiProject, appfabric: AppFabricClient
) -> None:
    bundle, _, old_asana = _arns(connected_stack)
    new_asana = seed_authorization(appfabric, bundle, "apiKey", "ASANA", tenant_id="asana-2")
    new_arn = new_asana["appAuthorizationArn"]
    connected_stack.set_config({"connections[1].app_authorization_identifier": new_arn})

    preview = connected_stack.preview_json()
    assert step_ops(preview, "asana") == ["replace"]
    assert set(step_ops(preview, "slack")) <= {"same"}  # sames are listed only with --show-sames

    connected_stack.up()

    outputs = connected_stack.outputs()
    assert outputs["asana"]["arn"] == new_arn
    assert outputs["asana"]["status"] == "Connected"
    assert status_of(appfabric, new_arn) == "Connected"
    # The replaced connection's delete is a no-op: AppFabric has no disconnect.
    assert status_of(appfabric, old_asana) == "Connected"


def test_destroy_leaves_the_authorizations_untouched(
    connected_stack: PulumiProject, appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    _, slack, asana = _arns(connected_stack)
    emulator_control.reset_calls()

    connected_stack.cli.run("destroy", "--yes", "--skip-preview")

    assert connected_stack.resources() == []
    assert status_of(appfabric, slack) == "Connected"
    assert status_of(appfabric, asana) == "Connected"
    calls = emulator_control.calls()
    assert not {op for op in calls if op.startswith(("Delete", "Update", "Connect"))}, calls
