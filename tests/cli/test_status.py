"""`python -m appfabric_connect status`: a bundle's authorizations, statuses and remedies."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from appfabric_connect.core import statuses
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.messages import status_remedy
from appfabric_connect.terraform.diagnostics import TERRAFORM
from tests.support.cli import Result

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

MakeAuthorization = Callable[..., "AppAuthorizationTypeDef"]


def _arn(authorization: AppAuthorizationTypeDef) -> str:
    return authorization["appAuthorizationArn"]


@pytest.fixture
def mixed(
    make_authorization: MakeAuthorization, emulator_control: EmulatorControl
) -> dict[str, AppAuthorizationTypeDef]:
    """Four authorizations: Connected, PendingConnect, ConnectionValidationFailed, and
    TokenAutoRotationFailed."""
    made = {
        "connected": make_authorization("apiKey", "ASANA", tenant_name="Ops"),
        "pending": make_authorization("oauth2", "SLACK", tenant_name="Engineering"),
        "invalid": make_authorization("apiKey", "TERRAFORMCLOUD", tenant_name="Platform"),
        "expired": make_authorization("oauth2", "OKTA", tenant_name="Corp"),
    }
    emulator_control.set_status(_arn(made["connected"]), statuses.CONNECTED)
    emulator_control.set_status(_arn(made["invalid"]), statuses.CONNECTION_VALIDATION_FAILED)
    emulator_control.set_status(_arn(made["expired"]), statuses.TOKEN_AUTO_ROTATION_FAILED)
    return made


def test_status_lists_app_tenant_auth_type_and_status_of_every_authorization(
    run_cli: Callable[..., Result], bundle_arn: str, mixed: dict[str, AppAuthorizationTypeDef]
) -> None:
    result = run_cli("status", "--bundle", bundle_arn)

    header, *lines = result.out.split("\n\n")[0].splitlines()
    rows = [line.split() for line in lines if not line.startswith(" ")]
    assert header.split() == ["APP", "TENANT", "AUTH", "STATUS", "AUTHORIZATION"]
    assert [(r[0], r[-3], r[-2]) for r in rows] == [
        ("ASANA", "apiKey", "Connected"),
        ("SLACK", "oauth2", "PendingConnect"),
        ("TERRAFORMCLOUD", "apiKey", "ConnectionValidationFailed"),
        ("OKTA", "oauth2", "TokenAutoRotationFailed"),
    ]
    assert "Engineering (slack-tenant)" in result.out
    assert mixed["pending"]["appAuthorizationArn"].rsplit("/", 1)[1] in result.out


def test_status_exits_1_and_says_what_to_do_when_any_is_not_connected(
    run_cli: Callable[..., Result], bundle_arn: str, mixed: dict[str, AppAuthorizationTypeDef]
) -> None:
    result = run_cli("status", "--bundle", bundle_arn)

    assert result.code == 1
    for status, auth_type in [
        (statuses.PENDING_CONNECT, "oauth2"),
        (statuses.CONNECTION_VALIDATION_FAILED, "apiKey"),
        (statuses.TOKEN_AUTO_ROTATION_FAILED, "oauth2"),
    ]:
        assert f"what to do: {status_remedy(status, auth_type)}" in result.out
    assert "3 of 4 app authorizations not Connected." in result.out


def test_status_suggests_authorize_for_oauth2_authorizations_that_are_not_connected(
    run_cli: Callable[..., Result], bundle_arn: str, mixed: dict[str, AppAuthorizationTypeDef]
) -> None:
    result = run_cli("status", "--bundle", bundle_arn)

    command = "python -m appfabric_connect authorize --bundle {} --authorization {}"
    assert command.format(bundle_arn, _arn(mixed["pending"])) in result.out
    assert command.format(bundle_arn, _arn(mixed["expired"])) in result.out
    assert f"--authorization {_arn(mixed['invalid'])}" not in result.out  # apiKey


@pytest.mark.parametrize("how", ["flag", "detected"])
def test_status_words_what_to_do_for_terraform(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    mixed: dict[str, AppAuthorizationTypeDef],
    how: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if how == "flag":
        result = run_cli("status", "--bundle", bundle_arn, "--engine", "terraform")
    else:
        (tmp_path / "main.tf").write_text("")
        monkeypatch.chdir(tmp_path)
        result = run_cli("status", "--bundle", bundle_arn)
    assert result.code == 1
    remedy = TERRAFORM.status_remedy(statuses.PENDING_CONNECT, "oauth2")
    assert f"what to do: {remedy}" in result.out
    assert "terraform apply" in result.out and "code_wo" in result.out
    assert "pulumi" not in result.out.lower()
    command = "get a new code: python -m appfabric_connect authorize --bundle {} --authorization {}"
    pending = command.format(bundle_arn, _arn(mixed["pending"])) + " --variable NAME"
    assert pending in result.out  # runs `terraform apply` with the code as TF_VAR_NAME


def test_status_exits_0_when_all_are_connected(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    make_authorization: MakeAuthorization,
    emulator_control: EmulatorControl,
) -> None:
    for app in ("SLACK", "ASANA"):
        emulator_control.set_status(_arn(make_authorization("oauth2", app)), statuses.CONNECTED)

    result = run_cli("status", "--bundle", bundle_arn)

    assert result.code == 0
    assert "All 2 app authorizations Connected." in result.out
    assert "what to do" not in result.out


def test_status_of_a_bundle_without_authorizations_exits_0(
    run_cli: Callable[..., Result], bundle_arn: str
) -> None:
    result = run_cli("status", "--bundle", bundle_arn)

    assert result.code == 0
    assert "has no app authorizations" in result.out


def test_status_json_prints_a_machine_readable_list(
    run_cli: Callable[..., Result], bundle_arn: str, mixed: dict[str, AppAuthorizationTypeDef]
) -> None:
    result = run_cli("status", "--bundle", bundle_arn, "--json")

    listed = json.loads(result.out)
    assert result.code == 1
    assert [(r["app"], r["auth_type"], r["status"], r["connected"]) for r in listed] == [
        ("ASANA", "apiKey", "Connected", True),
        ("SLACK", "oauth2", "PendingConnect", False),
        ("TERRAFORMCLOUD", "apiKey", "ConnectionValidationFailed", False),
        ("OKTA", "oauth2", "TokenAutoRotationFailed", False),
    ]
    slack = listed[1]
    assert slack["app_authorization_arn"] == _arn(mixed["pending"])
    assert slack["tenant_identifier"] == "slack-tenant"
    assert slack["tenant_display_name"] == "Engineering"
    assert slack["remedy"] == status_remedy("PendingConnect", "oauth2")
    assert slack["authorize_command"].startswith("python -m appfabric_connect authorize")
    assert listed[0]["authorize_command"] is None
    assert listed[0]["updated_at"]


def test_status_json_exits_0_when_all_are_connected(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    make_authorization: MakeAuthorization,
    emulator_control: EmulatorControl,
) -> None:
    emulator_control.set_status(_arn(make_authorization("apiKey", "ASANA")), statuses.CONNECTED)

    result = run_cli("status", "--bundle", bundle_arn, "--json")

    assert result.code == 0
    assert [r["status"] for r in json.loads(result.out)] == ["Connected"]


def test_status_reads_every_page_of_authorizations(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    make_authorization: MakeAuthorization,
    emulator_control: EmulatorControl,
) -> None:
    made = [make_authorization("apiKey", f"APP{i}") for i in range(5)]
    emulator_control.reset_calls()

    result = run_cli("status", "--bundle", bundle_arn, "--json", "--page-size", "2")

    assert [r["app_authorization_arn"] for r in json.loads(result.out)] == [_arn(a) for a in made]
    assert emulator_control.calls()["ListAppAuthorizations"] == 3


def test_status_takes_the_region_from_the_bundle_arn(
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    bundle_arn: str,
    mixed: dict[str, AppAuthorizationTypeDef],
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")  # the bundle is in us-east-1

    result = run_cli("status", "--bundle", bundle_arn, "--json")

    assert len(json.loads(result.out)) == 4


def test_status_reports_an_unknown_bundle_in_one_line(
    run_cli: Callable[..., Result], aws_env: str
) -> None:
    missing = (
        "arn:aws:appfabric:us-east-1:123456789012:appbundle/00000000-0000-4000-8000-000000000000"
    )

    result = run_cli("status", "--bundle", missing)

    assert result.code == 1
    assert result.err.startswith(
        "python -m appfabric_connect status: error: ListAppAuthorizations failed: "
        "ResourceNotFoundException"
    )
    assert "Check the identifiers and the region (us-east-1; set by --region)" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_status_reports_an_unreachable_endpoint_in_one_line(
    run_cli: Callable[..., Result], aws_env: str, bundle_arn: str
) -> None:
    result = run_cli("status", "--bundle", bundle_arn, "--endpoint-url", "http://127.0.0.1:9")

    assert result.code == 1
    assert "cannot reach the AppFabric endpoint http://127.0.0.1:9" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_status_usage_errors_exit_2(run_cli: Callable[..., Result]) -> None:
    result = run_cli("status", "--bundle", "not-a-bundle")

    assert result.code == 2
    assert "--bundle must be an AppFabric ARN or a lowercase UUID" in result.err


def test_module_entry_point_lists_both_commands() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "appfabric_connect", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert shown.returncode == 0
    assert "authorize" in shown.stdout
    assert "status" in shown.stdout


def test_module_entry_point_exits_2_without_a_command() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "appfabric_connect"], capture_output=True, text=True, check=False
    )

    assert shown.returncode == 2
    assert "Traceback" not in shown.stderr
    assert len(shown.stderr.strip().splitlines()) == 1
