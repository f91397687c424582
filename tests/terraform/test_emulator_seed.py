"""Getting started without Pulumi, as the README's emulator section says: the emulator seeded
from the command line (`seed --tfvars`), an example configuration, `terraform init` from the
filesystem mirror, then `apply` (apiKey) or `authorize` (oauth2)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from appfabric_connect.terraform import mirror
from tests.terraform.authorize_run import engine_option, files_holding, run_authorize
from tests.terraform.conftest import ROOT
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]


def _example(
    make_workspace: Callable[..., Workspace], mirror_config: Path, name: str, app: str
) -> tuple[Workspace, dict[str, str]]:
    """examples/NAME copied, `python -m appfabric_connect.emulator seed --app APP --tfvars >
    terraform.tfvars` in it, `terraform init`; returns it and the variables seeded."""
    workspace = make_workspace(cli_config=mirror_config)
    workspace.env[mirror.PYTHON_ENV] = sys.executable
    shutil.copytree(ROOT / "examples" / name, workspace.directory, dirs_exist_ok=True)
    with (workspace.directory / "terraform.tfvars").open("w") as tfvars:
        subprocess.run(
            [sys.executable, "-m", "appfabric_connect.emulator", "seed", "--app", app, "--tfvars"],
            cwd=workspace.directory,
            env=workspace.env,  # AWS_ENDPOINT_URL_APPFABRIC: the README's export line
            stdout=tfvars,
            check=True,
            timeout=60,
        )
    variables = {
        name.strip(): value.strip().strip('"')
        for name, value in (
            line.split("=", 1)
            for line in (workspace.directory / "terraform.tfvars").read_text().splitlines()
        )
    }
    workspace.run("init", "-no-color")
    return workspace, variables


def test_the_apikey_example_applies_against_a_seeded_emulator(
    make_workspace: Callable[..., Workspace], mirror_config: Path, aws_env: str
) -> None:
    workspace, _ = _example(make_workspace, mirror_config, "terraform-apikey", "ASANA")

    workspace.apply()

    assert workspace.connection("asana")["status"] == "Connected"
    assert workspace.plan_exit_code() == 0


def test_the_oauth2_example_connects_with_authorize_against_a_seeded_emulator(
    make_workspace: Callable[..., Workspace], mirror_config: Path, engine: str, tmp_path: Path
) -> None:
    workspace, variables = _example(make_workspace, mirror_config, "terraform-oauth2", "SLACK")

    authorized = run_authorize(
        workspace,
        engine,
        variables["app_bundle_arn"],
        variables["app_authorization_arn"],
        *engine_option(engine),
    )

    assert authorized.returncode == 0, authorized.output
    assert workspace.connection("slack")["status"] == "Connected"
    assert authorized.code not in authorized.output
    assert not files_holding(tmp_path, authorized.code)
