"""Secrets — the OAuth code, the provider's keys — stay out of state, plan and logs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.conftest import write_slack
from tests.terraform.workspace import PROVIDER_BLOCK, Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

ACCESS_KEY = "AKIATFPROVIDERBLOCK1"
SECRET_KEY = "tf-provider-block-secret-must-never-leak"
WITH_KEYS = PROVIDER_BLOCK.replace(
    'region = "us-east-1"',
    f'region     = "us-east-1"\n  access_key = "{ACCESS_KEY}"\n  secret_key = "{SECRET_KEY}"',
)


def test_state_holds_neither_the_write_only_code_nor_the_secret_key(
    workspace: Workspace, slack_code: Callable[[], str], emulator_control: EmulatorControl
) -> None:
    code = slack_code()
    write_slack(workspace, code)
    workspace.write(
        (workspace.directory / "main.tf").read_text().replace(PROVIDER_BLOCK, WITH_KEYS), ""
    )
    workspace.apply()
    state = workspace.state_text()
    assert workspace.connection("slack")["status"] == "Connected"
    assert code not in state
    assert SECRET_KEY not in state
    assert emulator_control.caller_keys() >= {ACCESS_KEY}  # the provider block's keys signed


def test_trace_log_and_plan_never_show_the_code(
    workspace: Workspace, slack_code: Callable[[], str]
) -> None:
    code = slack_code()
    write_slack(workspace, code)
    plan = workspace.run("plan", "-no-color", "-out=tfplan")
    shown = workspace.run("show", "-json", "tfplan")
    applied = workspace.run("apply", "-no-color", "tfplan", TF_LOG="trace")
    assert "Connected" in workspace.state_text()
    for output in (plan.stdout, plan.stderr, shown.stdout, applied.stdout, applied.stderr):
        assert code not in output
    assert "ApplyResourceChange" in applied.stderr  # the trace log was on
