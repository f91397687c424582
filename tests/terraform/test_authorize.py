"""``appfabric-connect authorize`` for a Terraform configuration: no Pulumi CLI, the emulator's
consent page, a real ``terraform apply`` (or ``tofu apply``) of the provider installed through the
filesystem mirror, and the code in no file and no output."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from appfabric_connect.terraform import mirror
from tests.terraform.authorize_run import (
    Authorized,
    engine_option,
    files_holding,
    run_authorize,
)
from tests.terraform.workspace import Workspace, connection

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

PIPELINE_VARIABLE = """
variable "slack_code" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = null # no new code between rotations: a Connected connection plans nothing
}
"""


@pytest.fixture
def slack_workspace(
    make_workspace: Callable[..., Workspace], seeded: Seeded, mirror_config: Path
) -> Iterator[Workspace]:
    """The SLACK connection with `code_wo = var.slack_code`, `terraform init` from the mirror;
    no code in its environment (authorize brings it)."""
    workspace = make_workspace(cli_config=mirror_config)
    workspace.env[mirror.PYTHON_ENV] = sys.executable
    workspace.env.pop("TF_VAR_slack_code", None)
    workspace.seeded = seeded
    arn = seeded.oauth2_authorization["appAuthorizationArn"]
    workspace.write(
        PIPELINE_VARIABLE + connection("slack", seeded.bundle_arn, arn, code_wo="var.slack_code")
    )
    workspace.run("init", "-no-color")
    yield workspace


def _authorize(workspace: Workspace, engine: str, *extra: str) -> Authorized:
    seeded = workspace.seeded
    assert seeded is not None
    arn = seeded.oauth2_authorization["appAuthorizationArn"]
    return run_authorize(workspace, engine, seeded.bundle_arn, arn, *extra)


def test_authorize_connects_through_terraform_apply_with_the_code_in_no_file_or_output(
    slack_workspace: Workspace, engine: str, tmp_path: Path, mirror_config: Path
) -> None:
    authorized = _authorize(slack_workspace, engine, *engine_option(engine))

    assert authorized.returncode == 0, authorized.output
    assert "with the code as TF_VAR_slack_code in its environment only" in authorized.output
    assert "Apply complete!" in authorized.output
    assert slack_workspace.connection("slack")["status"] == "Connected"
    assert authorized.code not in authorized.output
    assert authorized.code not in slack_workspace.state_text()
    assert not files_holding(tmp_path, authorized.code)
    assert not files_holding(mirror_config.parent, authorized.code)
    # Between rotations the pipeline passes no code: nothing to do.
    assert slack_workspace.plan_exit_code() == 0


def test_authorize_reconnects_a_drifted_connection_without_a_version_change(
    slack_workspace: Workspace, engine: str, emulator_control: EmulatorControl, tmp_path: Path
) -> None:
    first = _authorize(slack_workspace, engine, *engine_option(engine))
    assert first.returncode == 0, first.output
    fingerprint = slack_workspace.connection("slack")["code_fingerprint"]
    emulator_control.set_status(
        slack_workspace.connection("slack")["id"], "TokenAutoRotationFailed"
    )
    assert slack_workspace.plan_exit_code() == 2  # the drift: a reconnect is planned

    again = _authorize(slack_workspace, engine, *engine_option(engine))

    assert again.returncode == 0, again.output
    state = slack_workspace.connection("slack")
    assert state["status"] == "Connected"
    assert state["code_fingerprint"] != fingerprint  # the new code was sent
    assert state["auth_request"][0]["code_wo_version"] == 1
    assert again.code not in again.output
    assert not files_holding(tmp_path, again.code)
    assert slack_workspace.plan_exit_code() == 0


def test_authorize_warns_that_a_connected_connection_needs_a_raised_version(
    slack_workspace: Workspace, engine: str
) -> None:
    first = _authorize(slack_workspace, engine, *engine_option(engine))
    assert first.returncode == 0, first.output

    again = _authorize(slack_workspace, engine, *engine_option(engine))

    assert again.returncode == 0, again.output
    assert (
        "is Connected: `"
        + Path(engine).name
        + " apply` sends the new code only if auth_request.code_wo_version is raised in the "
        "configuration (the state has 1); otherwise it plans no change"
    ) in again.output
    assert "No changes." in again.output
