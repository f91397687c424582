"""Moving from terraform-provider-aws's ``aws_appfabric_app_authorization_connection`` with a
``moved {}`` block (MoveResourceState): no reconnect, and the code leaves the state.

terraform-provider-aws cannot be downloaded here: ``standin_aws`` serves that resource's schema
and create (Connect with the code, kept in state as the real provider keeps it), from the same
filesystem mirror as this provider.
"""

from __future__ import annotations

import stat
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from appfabric_connect.terraform import mirror
from tests.support.appfabric import REDIRECT_URI
from tests.terraform.conftest import ROOT
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

HEAD = """
terraform {
  required_providers {
    aws              = { source = "hashicorp/aws" }
    appfabricconnect = { source = "appfabric-connect/appfabricconnect" }
  }
}
provider "aws" {
  region = "us-east-1"
}
provider "appfabricconnect" {
  region = "us-east-1"
}
"""


def _standin_aws_zip(directory: Path) -> None:
    where = directory / mirror.HOST / "hashicorp" / "aws"
    where.mkdir(parents=True)
    launcher = (
        f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m tests.terraform.standin_aws\n'
    )
    entry = zipfile.ZipInfo("terraform-provider-aws", date_time=(2020, 1, 1, 0, 0, 0))
    entry.external_attr = (stat.S_IFREG | 0o755) << 16
    archive = where / f"terraform-provider-aws_6.0.0_{mirror.terraform_platform()}.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(entry, launcher)


def _resource(kind: str, seeded: Seeded, code: str) -> str:
    arn = seeded.oauth2_authorization["appAuthorizationArn"]
    return f"""
resource "{kind}" "slack" {{
  app_bundle_arn        = "{seeded.bundle_arn}"
  app_authorization_arn = "{arn}"
  auth_request {{
    redirect_uri = "{REDIRECT_URI}"
    {code}
  }}
}}
"""


def test_moved_block_takes_over_without_a_connect_and_drops_the_code_from_state(
    make_workspace: Callable[..., Workspace],
    seeded: Seeded,
    slack_code: Callable[[], str],
    emulator_control: EmulatorControl,
    tmp_path: Path,
) -> None:
    mirror.write_mirror(tmp_path / "mirror")
    _standin_aws_zip(tmp_path / "mirror")
    config = tmp_path / "mirror.tfrc"
    config.write_text(
        f'provider_installation {{\n  filesystem_mirror {{\n    path = "{tmp_path / "mirror"}"\n'
        "  }\n}\n"
    )
    workspace = make_workspace(cli_config=config)
    workspace.env[mirror.PYTHON_ENV] = sys.executable  # the mirror's launcher names no Python
    code = slack_code()
    workspace.env["TF_VAR_slack_code"] = code
    variable = 'variable "slack_code" {\n  type      = string\n  sensitive = true\n%s}\n'
    aws = _resource("aws_appfabric_app_authorization_connection", seeded, "code = var.slack_code")
    workspace.write(variable % "" + aws, HEAD)
    workspace.run("init", "-no-color")
    workspace.apply()
    assert code in workspace.state_text()  # what terraform-provider-aws leaves in state

    ours = _resource(
        "appfabricconnect_app_authorization_connection",
        seeded,
        "code_wo = var.slack_code\n    code_wo_version = 1",
    )
    moved = (
        "moved {\n  from = aws_appfabric_app_authorization_connection.slack\n"
        "  to   = appfabricconnect_app_authorization_connection.slack\n}\n"
    )
    workspace.write(variable % "  ephemeral = true\n" + ours + moved, HEAD)
    emulator_control.reset_calls()
    applied = workspace.apply()
    # moved (the change: code_wo_version recorded), not created and adopted
    assert "Resources: 0 added, 1 changed, 0 destroyed" in applied.stdout
    assert workspace.connection("slack")["status"] == "Connected"
    assert "ConnectAppAuthorization" not in emulator_control.calls()
    assert code not in workspace.state_text()
    assert workspace.plan_exit_code() == 0
