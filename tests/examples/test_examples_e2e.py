"""Examples that need no pulumi-aws resource at run time, run by the real CLI on the emulator."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from appfabric_connect.core import statuses
from appfabric_connect.emulator import EmulatorControl
from tests.support.appfabric import connect_in_the_console
from tests.support.cli import Result
from tests.support.pulumi_project import EXAMPLES, STACK, PulumiProject, combined

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

pytestmark = pytest.mark.e2e
MakeProject = Callable[..., PulumiProject]
RunCli = Callable[..., Result]


def _authorize(run_cli: RunCli, project: PulumiProject, *argv: str) -> Result:
    """`authorize` in-process for `project`'s stack; the user approves in the browser."""
    return run_cli("authorize", "--cwd", str(project.path), "--stack", STACK, *argv)


@pytest.fixture
def import_existing(make_project: MakeProject) -> PulumiProject:
    return make_project(EXAMPLES / "import-existing")


def test_import_existing_adopts_an_authorization_connected_in_the_console(
    import_existing: PulumiProject,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    connect_in_the_console(appfabric, emulator_control, oauth2_authorization)
    arn = oauth2_authorization["appAuthorizationArn"]
    import_existing.cli.config_set("authorizationArn", arn)

    up = import_existing.up(check=False)

    assert up.returncode == 0, combined(up)
    outputs = import_existing.outputs()
    assert (outputs["status"], outputs["app"], outputs["authorizationArn"]) == (
        "Connected",
        "SLACK",
        arn,
    )
    preview = import_existing.cli.run("preview", "--expect-no-changes", check=False)
    assert preview.returncode == 0, combined(preview)


def test_import_existing_reconnects_with_a_code_from_authorize(
    import_existing: PulumiProject,
    run_cli: RunCli,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    connect_in_the_console(appfabric, emulator_control, oauth2_authorization)
    arn = oauth2_authorization["appAuthorizationArn"]
    emulator_control.set_status(arn, statuses.TOKEN_AUTO_ROTATION_FAILED)
    import_existing.cli.config_set("authorizationArn", arn)
    refused = import_existing.up(check=False)
    assert refused.returncode != 0
    assert "TokenAutoRotationFailed" in refused.stdout + refused.stderr

    authorized = _authorize(
        run_cli,
        import_existing,
        "--bundle",
        bundle_arn,
        "--authorization",
        arn,
        "--config-path",
        "code",
    )
    up = import_existing.up(check=False)

    assert authorized.code == 0, authorized.output
    assert up.returncode == 0, combined(up)
    assert import_existing.outputs()["status"] == "Connected"


def test_multi_tenant_with_existing_identifiers_connects_every_entry(
    make_project: MakeProject,
    run_cli: RunCli,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    project = make_project(EXAMPLES / "multi-tenant")
    slack = make_authorization("oauth2", "SLACK", tenant_name="Engineering")
    asana = make_authorization("apiKey", "ASANA", tenant_name="Ops")
    project.cli.config_set("bundleArn", bundle_arn)
    for index, (name, authorization) in enumerate([("slack-eng", slack), ("asana-ops", asana)]):
        project.cli.config_set(f"connections[{index}].name", name, path=True)
        project.cli.config_set(
            f"connections[{index}].app_authorization_identifier",
            authorization["appAuthorizationArn"],
            path=True,
        )
    authorized = _authorize(
        run_cli,
        project,
        "--bundle",
        bundle_arn,
        "--authorization",
        slack["appAuthorizationArn"],
    )
    assert authorized.code == 0, authorized.output

    up = project.up(check=False)

    assert up.returncode == 0, combined(up)
    assert project.outputs()["statuses"] == {"slack-eng": "Connected", "asana-ops": "Connected"}
