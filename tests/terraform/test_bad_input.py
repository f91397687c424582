"""A bad argument is one diagnostic naming it: no traceback, no AWS call."""

from __future__ import annotations

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.workspace import PROVIDER_BLOCK, Workspace, connection

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Error: ")]


def test_bad_bundle_arn_is_one_diagnostic_naming_it(
    workspace: Workspace, emulator_control: EmulatorControl
) -> None:
    assert workspace.seeded is not None
    arn = workspace.seeded.api_key_authorization["appAuthorizationArn"]
    workspace.write(connection("asana", "not-a-bundle", arn))
    emulator_control.reset_calls()
    done = workspace.run("plan", "-no-color", check=False)
    assert done.returncode == 1
    assert _errors(done.stderr) == ["Error: Invalid app_bundle_arn"], done.stderr
    assert "Traceback" not in done.stderr
    assert emulator_control.calls() == {}


def test_bad_provider_setting_is_one_diagnostic_naming_it(workspace: Workspace) -> None:
    assert workspace.seeded is not None
    arn = workspace.seeded.api_key_authorization["appAuthorizationArn"]
    bad = PROVIDER_BLOCK.replace(
        'region = "us-east-1"', 'region = "us-east-1"\n  retry_mode = "fast"'
    )
    workspace.write(connection("asana", workspace.seeded.bundle_arn, arn), bad)
    done = workspace.run("plan", "-no-color", check=False)
    assert _errors(done.stderr) == ["Error: Invalid retry_mode"], done.stderr
    assert "on main.tf line 9, in provider" in done.stderr  # Terraform points at the attribute


def test_role_without_role_arn_is_named_by_its_terraform_path(workspace: Workspace) -> None:
    assert workspace.seeded is not None
    arn = workspace.seeded.api_key_authorization["appAuthorizationArn"]
    bad = PROVIDER_BLOCK.replace(
        'region = "us-east-1"',
        'region = "us-east-1"\n  assume_role {\n    session_name = "ci"\n  }',
    )
    workspace.write(connection("asana", workspace.seeded.bundle_arn, arn), bad)
    done = workspace.run("plan", "-no-color", check=False)
    assert _errors(done.stderr) == ["Error: Invalid assume_role[0].role_arn"], done.stderr
    assert "pulumi" not in done.stderr.lower()
