"""The provider package under the real CLI, from a Pulumi YAML program and its Python SDK.

Each program declares the same connection (examples/yaml-apikey); every scenario runs for both.
The tests that only read a connected stack share one ``pulumi up`` per program (``shared_*``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import seed_authorization, seed_bundle
from tests.package.conftest import PACKAGE_PROGRAMS
from tests.support.appfabric import status_of
from tests.support.pulumi_project import EXAMPLES, PulumiProject, combined

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

pytestmark = pytest.mark.e2e

TOKEN = "appfabric-connect:index:AppAuthorizationConnection"
MakeProject = Callable[[Path, str], PulumiProject]
PROGRAMS = {"yaml": EXAMPLES / "yaml-apikey", "python-sdk": PACKAGE_PROGRAMS / "python_sdk"}


@pytest.fixture
def asana(make_authorization: Callable[..., Any]) -> dict[str, Any]:
    """A PendingConnect apiKey ASANA authorization."""
    return dict(make_authorization("apiKey", "ASANA"))


@pytest.fixture(params=sorted(PROGRAMS))
def program(request: pytest.FixtureRequest) -> Path:
    """The YAML example, or the same connection declared with the generated Python SDK."""
    if request.param == "python-sdk":
        request.getfixturevalue("python_sdk_on_path")
    return PROGRAMS[request.param]


def _stack(
    make: MakeProject, program: Path, bundle_arn: str, arn: str, name: str = "program"
) -> PulumiProject:
    stack = make(program, name)
    stack.set_config({"bundleArn": bundle_arn, "authorizationArn": arn})
    return stack


@pytest.fixture
def connected(
    make_package_project: MakeProject, program: Path, bundle_arn: str, asana: dict[str, Any]
) -> PulumiProject:
    """The program after ``pulumi up``."""
    stack = _stack(make_package_project, program, bundle_arn, asana["appAuthorizationArn"])
    stack.up()
    return stack


@pytest.fixture(scope="module", params=sorted(PROGRAMS))
def shared_program(request: pytest.FixtureRequest) -> str:
    """The program of the module's shared stack: ``yaml`` or ``python-sdk``."""
    return str(request.param)


@pytest.fixture(scope="module")
def shared_asana(shared_appfabric: AppFabricClient, shared_program: str) -> dict[str, Any]:
    """A PendingConnect apiKey ASANA authorization on the module's emulator, one per program."""
    bundle = seed_bundle(shared_appfabric)
    return dict(seed_authorization(shared_appfabric, bundle, "apiKey", "ASANA"))


@pytest.fixture(scope="module")
def shared_connected(
    make_shared_package_project: Callable[..., PulumiProject],
    shared_program: str,
    shared_asana: dict[str, Any],
) -> PulumiProject:
    """The program after one ``pulumi up``, shared by the tests that only read it."""
    stack = make_shared_package_project(
        PROGRAMS[shared_program], "program", python_sdk=shared_program == "python-sdk"
    )
    arn = shared_asana["appAuthorizationArn"]
    stack.set_config({"bundleArn": shared_asana["appBundleArn"], "authorizationArn": arn})
    stack.up()
    return stack


def test_up_connects_an_api_key_authorization(
    shared_connected: PulumiProject, shared_appfabric: AppFabricClient, shared_asana: dict[str, Any]
) -> None:
    arn = shared_asana["appAuthorizationArn"]

    assert shared_connected.outputs() == {"status": "Connected", "app": "ASANA", "arn": arn}
    assert status_of(shared_appfabric, arn) == "Connected"
    result = shared_connected.preview("--expect-no-changes", check=False)
    assert result.returncode == 0, combined(result)


def test_state_holds_a_package_resource_without_a_pickled_provider(
    shared_connected: PulumiProject,
) -> None:
    (resource,) = shared_connected.resources()

    assert resource["type"] == TOKEN
    assert resource["id"] == resource["outputs"]["appAuthorizationArn"]
    assert "__provider" not in resource["inputs"]
    assert "__provider" not in resource["outputs"]
    assert resource["provider"].split("::")[2] == "pulumi:providers:appfabric-connect"


def test_drift_fails_the_refresh_gate_and_up_refresh_reconnects(
    connected: PulumiProject,
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    asana: dict[str, Any],
) -> None:
    arn = asana["appAuthorizationArn"]
    emulator_control.set_status(arn, "TokenAutoRotationFailed")

    drifted = connected.preview("--refresh", "--expect-no-changes", check=False)
    assert drifted.returncode != 0, combined(drifted)
    assert "no changes were expected" in combined(drifted)

    connected.up("--refresh")
    assert connected.outputs()["status"] == "Connected"
    assert status_of(appfabric, arn) == "Connected"


def test_import_by_arn_then_preview_expects_no_changes(
    shared_connected: PulumiProject,
    make_shared_package_project: Callable[..., PulumiProject],
    shared_program: str,
    shared_asana: dict[str, Any],
) -> None:
    arn = shared_asana["appAuthorizationArn"]
    python_sdk = shared_program == "python-sdk"
    adopting = make_shared_package_project(PROGRAMS[shared_program], "adopting", python_sdk)
    adopting.set_config({"bundleArn": shared_asana["appBundleArn"], "authorizationArn": arn})

    # The Python language host here (scripts/pulumi-language-python, a stand-in) cannot write
    # the import's code (GenerateProgram); the YAML host can, and does.
    no_code = ["--generate-code=false"] if python_sdk else []
    adopting.cli.run("import", TOKEN, "connection", arn, "--yes", *no_code)

    (resource,) = adopting.resources()
    assert resource["id"] == arn
    assert resource["outputs"]["status"] == "Connected"
    assert resource["inputs"]["appAuthorizationIdentifier"] == arn
    result = adopting.preview("--expect-no-changes", check=False)
    assert result.returncode == 0, combined(result)


def test_destroy_empties_the_stack_and_leaves_the_authorization_connected(
    connected: PulumiProject, appfabric: AppFabricClient, asana: dict[str, Any]
) -> None:
    connected.cli.run("destroy", "--yes", "--skip-preview")

    assert connected.resources() == []
    assert status_of(appfabric, asana["appAuthorizationArn"]) == "Connected"


def test_a_failed_connect_is_reported_in_one_line_without_a_traceback(
    make_package_project: MakeProject,
    program: Path,
    bundle_arn: str,
    make_authorization: Callable[..., Any],
) -> None:
    slack = make_authorization("oauth2", "SLACK")  # oauth2, but declared without authRequest
    stack = _stack(make_package_project, program, bundle_arn, slack["appAuthorizationArn"])

    result = stack.up(check=False)

    assert result.returncode != 0
    output = combined(result)
    assert "ConnectAppAuthorization" in output, output
    assert "Traceback" not in output and 'File "' not in output, output


def test_preview_refresh_starts_the_plugin_cold_once_then_warm(connected: PulumiProject) -> None:
    # Under -v=9 --logflow the engine passes -v=9 on, and each start says which it is (the YAML
    # host starts one more, for the schema, without -v: not counted here).
    verbose = ("-v=9", "--logflow", "--logtostderr")
    done = connected.preview("--refresh", "--expect-no-changes", *verbose)

    said = combined(done)
    assert len(re.findall(r'"msg":"a cold start \(pid \d+\)', said)) == 1, said[-3000:]
    assert len(re.findall(r'"msg":"a warm start \(pid \d+\)', said)) == 1, said[-3000:]
