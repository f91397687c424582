"""`authorize` with the real Pulumi CLI, on a temp stack of the root program and the emulator."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.cli.pulumi_runner import PulumiCli
from tests.support.appfabric import REDIRECT_URI
from tests.support.cli import Result
from tests.support.pulumi_project import PulumiProject, combined

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

pytestmark = pytest.mark.e2e


@pytest.fixture
def root_stack(
    make_project: Callable[..., PulumiProject],
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> PulumiProject:
    """The root program on a temp stack whose `connections[0]` is the SLACK authorization."""
    project = make_project()
    project.cli.config_set("aws:region", "us-east-1")
    project.cli.config_set("connections[0].name", "slack", path=True)
    project.cli.config_set("connections[0].app_bundle_identifier", bundle_arn, path=True)
    project.cli.config_set(
        "connections[0].app_authorization_identifier",
        oauth2_authorization["appAuthorizationArn"],
        path=True,
    )
    return project


@pytest.fixture
def pulumi_argv(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every command line PulumiCli runs from here on."""
    seen: list[list[str]] = []
    real_run = subprocess.run

    def recording_run(argv: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(list(argv))
        return real_run(argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", recording_run)
    return seen


def _authorize(
    run_cli: Callable[..., Result], project: PulumiProject, bundle_arn: str, authorization_arn: str
) -> Result:
    """`authorize` on the project's stack; the user pastes what the browser was sent to."""
    return run_cli(
        "authorize",
        "--cwd",
        str(project.path),
        "--stack",
        "dev",
        "--bundle",
        bundle_arn,
        "--authorization",
        authorization_arn,
    )


def _stored_code(project: PulumiProject) -> str:
    shown = PulumiCli(project.path, stack="dev").run(
        "config", "get", "--path", "connections[0].auth_request.code"
    )
    return shown.stdout.strip()


def test_authorize_stores_an_encrypted_secret_at_the_entrys_code_path(
    run_cli: Callable[..., Result],
    root_stack: PulumiProject,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    result = _authorize(
        run_cli, root_stack, bundle_arn, oauth2_authorization["appAuthorizationArn"]
    )

    assert result.code == 0, result.output
    entry = root_stack.stack_config()["appfabric-connect:connections"][0]
    assert set(entry["auth_request"]["code"]) == {"secure"}
    assert entry["auth_request"]["redirect_uri"] == REDIRECT_URI
    assert len(_stored_code(root_stack)) > 20


def test_authorize_keeps_the_code_out_of_output_and_command_lines(
    run_cli: Callable[..., Result],
    root_stack: PulumiProject,
    pulumi_argv: list[list[str]],
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    result = _authorize(
        run_cli, root_stack, bundle_arn, oauth2_authorization["appAuthorizationArn"]
    )

    code = _stored_code(root_stack)
    assert result.code == 0, result.output
    assert code not in result.output
    set_code = ["config", "set", "--secret", "--path", "connections[0].auth_request.code"]
    assert set_code in [argv[1:6] for argv in pulumi_argv]
    assert not [argv for argv in pulumi_argv if any(code in arg for arg in argv)]


def test_pulumi_up_connects_the_root_program_with_the_code_from_authorize(
    run_cli: Callable[..., Result],
    root_stack: PulumiProject,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    authorized = _authorize(
        run_cli, root_stack, bundle_arn, oauth2_authorization["appAuthorizationArn"]
    )
    assert authorized.code == 0, authorized.output

    up = root_stack.up()

    assert up.returncode == 0, combined(up)
    assert root_stack.outputs()["slack"]["status"] == "Connected"
