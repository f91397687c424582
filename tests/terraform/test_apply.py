"""``terraform apply`` connects: apiKey without a code, oauth2 with a write-only code."""

from __future__ import annotations

import pytest

from tests.terraform.workspace import Workspace

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
