"""The provider block is checked at plan (ValidateProviderConfig, ConfigureProvider): one
diagnostic per bad attribute, pointing at it; missing credentials once, at the provider block."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.workspace import PROVIDER_BLOCK, Workspace, connection

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

ROLE = "arn:aws:iam::123456789012:role/deployer"


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Error: ")]


def _provider(body: str) -> str:
    return PROVIDER_BLOCK.replace('  region = "us-east-1"\n', body)


def _asana(workspace: Workspace) -> str:
    assert workspace.seeded is not None
    arn = workspace.seeded.api_key_authorization["appAuthorizationArn"]
    return connection("asana", workspace.seeded.bundle_arn, arn)


BAD = {
    "region": ('  region = "us-eest-1"\n', "Error: Invalid region", "'us-eest-1' is not an AWS"),
    "endpoint": (
        '  region = "us-east-1"\n  endpoints {\n    appfabric = "localhost:4599"\n  }\n',
        "Error: Invalid endpoints[0].appfabric",
        "must be an http:// or https:// URL",
    ),
    "role_arn": (
        '  region = "us-east-1"\n  assume_role {\n    role_arn = "not-an-arn"\n  }\n',
        "Error: Invalid assume_role[0].role_arn",
        "must be an IAM role ARN",
    ),
    "duration": (
        f'  region = "us-east-1"\n  assume_role {{\n    role_arn = "{ROLE}"\n'
        '    duration = "5m"\n  }\n',
        "Error: Invalid assume_role[0].duration",
        "must be a duration between 15m and 12h",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_bad_provider_setting_fails_plan_at_its_attribute(
    workspace: Workspace, emulator_control: EmulatorControl, case: str
) -> None:
    body, error, detail = BAD[case]
    workspace.write(_asana(workspace), _provider(body))
    emulator_control.reset_calls()
    done = workspace.run("plan", "-no-color", check=False)
    assert done.returncode == 1
    assert _errors(done.stderr) == [error], done.stderr
    assert detail in " ".join(done.stderr.split()), done.stderr
    assert 'in provider "appfabricconnect"' in done.stderr  # Terraform points at the attribute
    assert "please report it" not in done.stderr and "Traceback" not in done.stderr
    assert emulator_control.calls() == {}


def test_several_bad_settings_are_one_diagnostic_each(workspace: Workspace) -> None:
    body = (
        '  region = "us-eest-1"\n  endpoints {\n    appfabric = "localhost:4599"\n  }\n'
        '  assume_role {\n    role_arn = "not-an-arn"\n  }\n'
        f'  assume_role {{\n    role_arn = "{ROLE}"\n    duration = "13h"\n  }}\n'
    )
    workspace.write(_asana(workspace), _provider(body))
    done = workspace.run("plan", "-no-color", check=False)
    assert sorted(_errors(done.stderr)) == [
        "Error: Invalid assume_role[0].role_arn",
        "Error: Invalid assume_role[1].duration",
        "Error: Invalid endpoints[0].appfabric",
        "Error: Invalid region",
    ], done.stderr


def test_skip_region_validation_accepts_a_region_botocore_does_not_know(
    workspace: Workspace,
) -> None:
    body = '  region = "moon-base-1"\n  skip_region_validation = true\n'
    workspace.write(_asana(workspace), _provider(body))
    assert workspace.plan_exit_code() == 2  # a create planned, no error


def test_missing_credentials_are_one_diagnostic_at_the_provider_block(
    workspace: Workspace, tmp_path: Path
) -> None:
    assert workspace.seeded is not None
    slack = workspace.seeded.oauth2_authorization["appAuthorizationArn"]
    data = f"""
data "appfabricconnect_app_authorization" "asana" {{
  app_bundle_arn        = "{workspace.seeded.bundle_arn}"
  app_authorization_arn = "{workspace.seeded.api_key_authorization["appAuthorizationArn"]}"
}}
"""
    workspace.write(
        _asana(workspace) + connection("slack", workspace.seeded.bundle_arn, slack) + data
    )
    for name in list(workspace.env):
        if name.startswith("AWS_") and name not in ("AWS_ENDPOINT_URL_APPFABRIC",):
            del workspace.env[name]
    workspace.env.update(
        AWS_CONFIG_FILE=str(tmp_path / "no-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        HOME=str(tmp_path),
    )
    done = workspace.run("plan", "-no-color", check=False)
    assert done.returncode == 1
    assert _errors(done.stderr) == ["Error: No AWS credentials"], done.stderr
    text = " ".join(done.stderr.split())
    assert text.count("AWS_PROFILE") == 1, text
    assert 'with provider["' in text and 'in provider "appfabricconnect"' in text, text
    assert os.environ.get("AWS_SECRET_ACCESS_KEY", "\0") not in done.stderr
