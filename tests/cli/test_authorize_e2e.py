"""`authorize` with the real Pulumi CLI, on a temp stack of the root program and the emulator."""

from __future__ import annotations

import io
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.__main__ import main
from appfabric_connect.pulumi_cli import PulumiCli
from tests.e2e.harness import combined

from ..examples.real_pulumi import Project, new_project
from .browser import browser_redirect, printed_auth_url
from .conftest import Result

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_REDIRECT = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"


@pytest.fixture
def root_stack(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> Project:
    """The root program on a temp stack whose `connections[0]` is the SLACK authorization."""
    project = new_project(ROOT, tmp_path, monkeypatch)
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


def _authorize(project: Project, monkeypatch: pytest.MonkeyPatch, *argv: str) -> Result:
    out, err = io.StringIO(), io.StringIO()

    class PastingUser(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            return browser_redirect(printed_auth_url(out.getvalue())) + "\n"

    monkeypatch.setattr("sys.stdin", PastingUser())
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["authorize", "--cwd", str(project.path), "--stack", "dev", *argv])
    return Result(code, out.getvalue(), err.getvalue())


def _stored_code(project: Project) -> str:
    shown = PulumiCli(project.path, stack="dev").run(
        "config", "get", "--path", "connections[0].auth_request.code"
    )
    return shown.stdout.strip()


def test_authorize_stores_an_encrypted_secret_at_the_entrys_code_path(
    root_stack: Project,
    monkeypatch: pytest.MonkeyPatch,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    result = _authorize(
        root_stack,
        monkeypatch,
        "--bundle",
        bundle_arn,
        "--authorization",
        oauth2_authorization["appAuthorizationArn"],
    )

    assert result.code == 0, result.output
    entry = root_stack.stack_config()["appfabric-connect:connections"][0]
    assert set(entry["auth_request"]["code"]) == {"secure"}
    assert entry["auth_request"]["redirect_uri"] == CONSOLE_REDIRECT
    assert len(_stored_code(root_stack)) > 20


def test_authorize_keeps_the_code_out_of_output_and_command_lines(
    root_stack: Project,
    monkeypatch: pytest.MonkeyPatch,
    pulumi_argv: list[list[str]],
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    result = _authorize(
        root_stack,
        monkeypatch,
        "--bundle",
        bundle_arn,
        "--authorization",
        oauth2_authorization["appAuthorizationArn"],
    )

    code = _stored_code(root_stack)
    assert result.code == 0, result.output
    assert code not in result.output
    assert any("config" in argv and "set" in argv for argv in pulumi_argv)
    assert not [argv for argv in pulumi_argv if any(code in arg for arg in argv)]


def test_pulumi_up_connects_the_root_program_with_the_code_from_authorize(
    root_stack: Project,
    monkeypatch: pytest.MonkeyPatch,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    authorized = _authorize(
        root_stack,
        monkeypatch,
        "--bundle",
        bundle_arn,
        "--authorization",
        oauth2_authorization["appAuthorizationArn"],
    )
    assert authorized.code == 0, authorized.output

    up = root_stack.up()

    assert up.returncode == 0, combined(up)
    assert root_stack.outputs()["slack"]["status"] == "Connected"
