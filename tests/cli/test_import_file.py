"""`appfabric-connect import-file`: a `pulumi import --file` file read from AppFabric."""

from __future__ import annotations

import json
import pickle
from base64 import b64decode
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.core import statuses
from appfabric_connect.emulator import EmulatorControl
from tests.support.cli import Result

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

MakeAuthorization = Callable[..., "AppAuthorizationTypeDef"]
TYPE = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
# tests/conftest.py's pytest_plugins lacks tests.support.cli: its fixture is registered here.


@pytest.fixture
def two(
    make_authorization: MakeAuthorization, emulator_control: EmulatorControl
) -> list[AppAuthorizationTypeDef]:
    """A Connected oauth2 SLACK (Engineering) and apiKey ASANA (Ops) authorization."""
    made = [
        make_authorization("oauth2", "SLACK", tenant_name="Engineering"),
        make_authorization("apiKey", "ASANA", tenant_name="Ops"),
    ]
    for authorization in made:
        emulator_control.set_status(authorization["appAuthorizationArn"], statuses.CONNECTED)
    return made


def _written(tmp_path: Path) -> list[dict[str, Any]]:
    resources: list[dict[str, Any]] = json.loads((tmp_path / "import.json").read_text())[
        "resources"
    ]
    return resources


def test_import_file_writes_every_authorization_of_the_bundle_named_after_app_and_tenant(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    two: list[AppAuthorizationTypeDef],
    tmp_path: Path,
) -> None:
    result = run_cli("import-file", "--bundle", bundle_arn, "--out", str(tmp_path / "import.json"))

    assert result.code == 0, result.err
    resources = _written(tmp_path)
    assert [(r["type"], r["name"], r["id"]) for r in resources] == [
        (TYPE, "slack-engineering", two[0]["appAuthorizationArn"]),
        (TYPE, "asana-ops", two[1]["appAuthorizationArn"]),
    ]


def test_import_file_gives_inputs_and_outputs_with_the_provider_and_no_code(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    two: list[AppAuthorizationTypeDef],
    tmp_path: Path,
) -> None:
    run_cli("import-file", "--bundle", bundle_arn, "--out", str(tmp_path / "import.json"))

    slack = _written(tmp_path)[0]
    provider = pickle.loads(b64decode(slack["inputs"].pop("__provider")))
    assert isinstance(provider, AppAuthorizationConnectionProvider)
    assert slack["inputs"] == {
        "app_bundle_identifier": bundle_arn,
        "app_authorization_identifier": two[0]["appAuthorizationArn"],
        "region": "us-east-1",
    }
    outputs = slack["outputs"]
    assert outputs["__provider"]
    assert (outputs["status"], outputs["app"], outputs["auth_type"]) == (
        "Connected",
        "SLACK",
        "oauth2",
    )
    assert outputs["tenant"]["tenant_display_name"] == "Engineering"
    assert outputs["code_fingerprint"] is None
    assert "auth_request" not in slack["inputs"] and "auth_request" not in outputs


def test_import_file_imports_only_the_authorizations_given_under_the_names_given(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    two: list[AppAuthorizationTypeDef],
    tmp_path: Path,
) -> None:
    asana = two[1]["appAuthorizationArn"]
    result = run_cli(
        "import-file",
        "--bundle",
        bundle_arn,
        "--authorization",
        f"{asana}=ops-asana",
        "--out",
        str(tmp_path / "import.json"),
    )

    assert result.code == 0, result.err
    assert [(r["name"], r["id"]) for r in _written(tmp_path)] == [("ops-asana", asana)]


def test_import_file_prints_the_import_command_and_the_declarations_to_paste(
    run_cli: Callable[..., Result],
    bundle_arn: str,
    two: list[AppAuthorizationTypeDef],
    tmp_path: Path,
) -> None:
    out = str(tmp_path / "import.json")
    result = run_cli("import-file", "--bundle", bundle_arn, "--out", out, "--name-from", "app")

    assert f"pulumi import --file {out} --protect=false --generate-code=false --yes" in result.out
    assert "from appfabric_connect import AppAuthorizationConnection" in result.out
    assert 'asana = AppAuthorizationConnection(\n    "asana",\n' in result.out
    assert f'app_authorization_identifier="{two[0]["appAuthorizationArn"]}"' in result.out


def test_import_file_fails_in_one_line_for_an_authorization_that_does_not_exist(
    run_cli: Callable[..., Result], bundle_arn: str, tmp_path: Path
) -> None:
    missing = f"{bundle_arn}/appauthorization/00000000-0000-4000-8000-000000000000"
    result = run_cli(
        "import-file",
        "--bundle",
        bundle_arn,
        "--authorization",
        missing,
        "--out",
        str(tmp_path / "x.json"),
    )

    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1
    assert "GetAppAuthorization" in result.err
    assert not (tmp_path / "x.json").exists()
