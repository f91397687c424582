"""Drift: refresh records the live status; anything but Connected plans the reconnect."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.conftest import write_slack
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

ROTATION_FAILED = "TokenAutoRotationFailed"


def _drift(workspace: Workspace, control: EmulatorControl, name: str) -> None:
    control.set_status(workspace.connection(name)["id"], ROTATION_FAILED)


def test_drifted_connection_makes_plan_exit_2(
    asana_applied: Workspace, emulator_control: EmulatorControl
) -> None:
    _drift(asana_applied, emulator_control, "asana")
    assert asana_applied.plan_exit_code() == 2


def test_refresh_only_apply_records_the_live_status(
    asana_applied: Workspace, emulator_control: EmulatorControl
) -> None:
    _drift(asana_applied, emulator_control, "asana")
    asana_applied.apply("-refresh-only")
    assert asana_applied.connection("asana")["status"] == ROTATION_FAILED


def test_apply_reconnects_a_drifted_api_key_connection(
    asana_applied: Workspace, emulator_control: EmulatorControl
) -> None:
    _drift(asana_applied, emulator_control, "asana")
    asana_applied.apply()
    assert asana_applied.connection("asana")["status"] == "Connected"
    assert asana_applied.plan_exit_code() == 0


def test_spent_code_is_refused_without_a_connect_call(
    slack_applied: Workspace, emulator_control: EmulatorControl
) -> None:
    _drift(slack_applied, emulator_control, "slack")
    emulator_control.reset_calls()
    done = slack_applied.apply(check=False)
    assert done.returncode == 1
    message = " ".join(done.stderr.split())
    assert "code_wo_version" in message and "already used" in message, message
    assert "ConnectAppAuthorization" not in emulator_control.calls()


def test_spent_code_message_gives_the_auth_url_and_no_pulumi_word(
    slack_applied: Workspace, emulator_control: EmulatorControl
) -> None:
    _drift(slack_applied, emulator_control, "slack")
    done = slack_applied.apply(check=False)
    message = " ".join(done.stderr.split())
    assert "auth_url: http" in message, message
    assert "pulumi" not in message.lower(), message


def test_new_code_with_a_raised_code_wo_version_reconnects(
    slack_applied: Workspace, emulator_control: EmulatorControl, slack_code: Callable[[], str]
) -> None:
    _drift(slack_applied, emulator_control, "slack")
    write_slack(slack_applied, slack_code(), version=2)
    slack_applied.apply()
    assert slack_applied.connection("slack")["status"] == "Connected"
