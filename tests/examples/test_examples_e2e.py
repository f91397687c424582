"""Examples that need no pulumi-aws resource at run time, run by the real CLI on the emulator."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from appfabric_connect import statuses
from appfabric_connect.__main__ import main
from appfabric_connect.emulator import EmulatorControl
from tests.e2e.harness import combined

from ..cli.browser import browser_redirect, printed_auth_url
from .conftest import EXAMPLES
from .real_pulumi import Project, new_project

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

pytestmark = pytest.mark.e2e

CONSOLE_REDIRECT = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"


def _connect_in_the_console(
    appfabric: AppFabricClient,
    control: EmulatorControl,
    bundle_arn: str,
    authorization: AppAuthorizationTypeDef,
) -> None:
    code = control.obtain_code(authorization["authUrl"], CONSOLE_REDIRECT)
    appfabric.connect_app_authorization(
        appBundleIdentifier=bundle_arn,
        appAuthorizationIdentifier=authorization["appAuthorizationArn"],
        authRequest={"redirectUri": CONSOLE_REDIRECT, "code": code},
    )


def _authorize(project: Project, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str]:
    """`authorize` in-process for `project`'s stack; the user approves in the browser."""
    out, err = io.StringIO(), io.StringIO()

    class PastingUser(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            return browser_redirect(printed_auth_url(out.getvalue())) + "\n"

    monkeypatch.setattr("sys.stdin", PastingUser())
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["authorize", "--cwd", str(project.path), "--stack", "dev", *argv])
    return code, out.getvalue() + err.getvalue()


@pytest.fixture
def import_existing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aws_env: str) -> Project:
    return new_project(EXAMPLES / "import-existing", tmp_path, monkeypatch)


def test_import_existing_adopts_an_authorization_connected_in_the_console(
    import_existing: Project,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    _connect_in_the_console(appfabric, emulator_control, bundle_arn, oauth2_authorization)
    arn = oauth2_authorization["appAuthorizationArn"]
    import_existing.cli.config_set("authorizationArn", arn)

    up = import_existing.up()

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
    import_existing: Project,
    monkeypatch: pytest.MonkeyPatch,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    _connect_in_the_console(appfabric, emulator_control, bundle_arn, oauth2_authorization)
    arn = oauth2_authorization["appAuthorizationArn"]
    emulator_control.set_status(arn, statuses.TOKEN_AUTO_ROTATION_FAILED)
    import_existing.cli.config_set("authorizationArn", arn)
    refused = import_existing.up()
    assert refused.returncode != 0
    assert "TokenAutoRotationFailed" in refused.stdout + refused.stderr

    code, said = _authorize(
        import_existing,
        monkeypatch,
        "--bundle",
        bundle_arn,
        "--authorization",
        arn,
        "--config-path",
        "code",
    )
    up = import_existing.up()

    assert code == 0, said
    assert up.returncode == 0, combined(up)
    assert import_existing.outputs()["status"] == "Connected"


def test_multi_tenant_with_existing_identifiers_connects_every_entry(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    project = new_project(EXAMPLES / "multi-tenant", tmp_path, monkeypatch)
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
    code, said = _authorize(
        project,
        monkeypatch,
        "--bundle",
        bundle_arn,
        "--authorization",
        slack["appAuthorizationArn"],
    )
    assert code == 0, said

    up = project.up()

    assert up.returncode == 0, combined(up)
    assert project.outputs()["statuses"] == {"slack-eng": "Connected", "asana-ops": "Connected"}
