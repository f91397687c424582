"""`authorize --engine terraform|tofu`: its arguments and one-line errors, the engine found or
detected, without the Pulumi CLI (`tests/terraform/test_authorize.py` runs the real apply)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support.cli import Result

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

# `terraform show -json` of a directory not applied yet; apply would fail the test.
FAKE_TERRAFORM = """#!/bin/sh
if [ "$1" = show ]; then echo '{"format_version":"1.0"}'; exit 0; fi
echo "unexpected: terraform $*" >&2
exit 9
"""


def _argv(bundle_arn: str, authorization: AppAuthorizationTypeDef, *extra: str) -> list[str]:
    arn = authorization["appAuthorizationArn"]
    return ["authorize", "--bundle", bundle_arn, "--authorization", arn, *extra]


@pytest.fixture
def no_engine_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH with neither terraform, tofu nor pulumi; returns that directory."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.fixture
def fake_terraform(no_engine_on_path: Path) -> Path:
    """A `terraform` on PATH that knows only `show -json` of an empty state."""
    found = no_engine_on_path / "terraform"
    found.write_text(FAKE_TERRAFORM)
    found.chmod(found.stat().st_mode | stat.S_IXUSR)
    return found


@pytest.fixture
def tf_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Terraform configuration directory (main.tf, no Pulumi.yaml), the working directory."""
    directory = tmp_path / "tf"
    directory.mkdir()
    (directory / "main.tf").write_text('variable "slack_code" {}\n')
    monkeypatch.chdir(directory)
    return directory


def test_a_tf_directory_is_detected_and_needs_the_variable_that_holds_the_code(
    run_cli: Callable[..., Result],
    tf_dir: Path,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, oauth2_authorization))

    assert result.code == 2
    assert result.err.strip() == (
        "python -m appfabric_connect authorize: error: --variable NAME is needed with "
        "Terraform: the variable your configuration passes to auth_request.code_wo (e.g. "
        "--variable slack_code for `code_wo = var.slack_code`)"
    )


@pytest.mark.parametrize("name", ["1code", "slack code", "var.slack_code", ""])
def test_a_variable_that_terraform_cannot_name_is_refused(
    run_cli: Callable[..., Result],
    tf_dir: Path,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
    name: str,
) -> None:
    result = run_cli(*_argv(bundle_arn, oauth2_authorization, "--variable", name))

    assert result.code == 2
    if name:
        assert f"--variable {name!r}: not a Terraform variable name" in result.err
    assert len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "option", [["--stack", "dev"], ["--connection", "slack"], ["--config-path", "slackCode"]]
)
def test_pulumi_options_are_refused_with_terraform(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
    option: list[str],
) -> None:
    result = run_cli(
        *_argv(bundle_arn, oauth2_authorization, "--engine", "terraform", "--variable", "c"),
        *option,
    )

    assert result.code == 2
    assert f"{option[0]} is for a Pulumi stack" in result.err


@pytest.mark.parametrize("extra", [["--variable", "slack_code"], ["--", "-auto-approve"]])
def test_terraform_options_are_refused_for_a_pulumi_stack(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
    extra: list[str],
) -> None:
    result = run_cli(*_argv(bundle_arn, oauth2_authorization, "--engine", "pulumi", *extra))

    assert result.code == 2
    assert "is for --engine terraform or tofu, not a Pulumi stack" in result.err


@pytest.mark.parametrize(
    ("engine", "named"), [("terraform", "`terraform` or `tofu`"), ("tofu", "`tofu`")]
)
def test_no_engine_on_path_is_one_line_before_any_consent(
    run_cli: Callable[..., Result],
    no_engine_on_path: Path,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
    engine: str,
    named: str,
) -> None:
    result = run_cli(
        *_argv(bundle_arn, oauth2_authorization, "--engine", engine, "--variable", "slack_code")
    )

    assert result.code == 1
    assert result.err.strip() == (
        f"python -m appfabric_connect authorize: error: {named} is not on PATH: install "
        "Terraform (>= 1.11) or OpenTofu, or run `authorize --engine pulumi` for a Pulumi stack"
    )
    assert "http" not in result.out  # no consent URL: no code is spent


def test_an_api_key_authorization_is_told_to_run_terraform_apply(
    run_cli: Callable[..., Result],
    fake_terraform: Path,
    tf_dir: Path,
    bundle_arn: str,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, api_key_authorization, "--variable", "slack_code"))

    assert result.code == 1
    assert result.err.strip().endswith(
        "uses apiKey: it needs no OAuth code; run `terraform apply` to connect it"
    )
    assert os.environ["PATH"] == str(fake_terraform.parent)
