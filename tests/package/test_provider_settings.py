"""The package provider's identity settings: stack config, and explicit provider instances.

The tests that only read the teams' deployed stack share one ``pulumi up`` per program.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import seed_authorization, seed_bundle
from tests.identity.conftest import ROLE_ONE, ROLE_TWO
from tests.identity.test_per_resource import OWN_SECRET_KEY, TEAM_ROLES
from tests.identity.test_pulumi_cli import (
    assert_signed_by_the_last_role,
    destroy,
    pipeline_credentials,
)
from tests.package.conftest import PACKAGE_PROGRAMS
from tests.support.pulumi_project import EXAMPLES, PulumiProject, combined
from tests.support.sts import Sts, sts, sts_server

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

__all__ = ["sts", "sts_server"]
pytestmark = pytest.mark.e2e

MakeProject = Callable[[Path, str], PulumiProject]
TEAMS = {"blue": TEAM_ROLES[0], "green": TEAM_ROLES[1]}
PROVIDER_TYPE = "pulumi:providers:appfabric-connect"
CONNECTION_TYPE = "appfabric-connect:index:AppAuthorizationConnection"
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"
PROGRAM_NAMES = ["yaml-explicit-providers", "python_explicit_providers"]


@pytest.fixture(params=PROGRAM_NAMES)
def program(request: pytest.FixtureRequest) -> Path:
    if request.param.startswith("python"):
        request.getfixturevalue("python_sdk_on_path")
    return PACKAGE_PROGRAMS / str(request.param)


@pytest.fixture
def teams_stack(
    make_package_project: MakeProject,
    program: Path,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
    bundle_arn: str,
    sts: Sts,
) -> PulumiProject:
    """The program's stack: a provider per team (its own role), and a connection through each."""
    stack = make_package_project(program, program.name)
    _configure_teams(stack, bundle_arn, lambda: make_authorization("apiKey", "ASANA"), sts.url)
    return stack


@pytest.fixture(scope="module", params=PROGRAM_NAMES)
def shared_teams_stack(
    request: pytest.FixtureRequest,
    make_shared_package_project: Callable[..., PulumiProject],
    shared_appfabric: AppFabricClient,
    sts_server: Sts,
) -> PulumiProject:
    """The teams' stack after one ``pulumi up``, shared by the tests that only read it."""
    name = str(request.param)
    stack = make_shared_package_project(
        PACKAGE_PROGRAMS / name, name, python_sdk=name.startswith("python")
    )
    bundle = seed_bundle(shared_appfabric)
    asana = functools.partial(seed_authorization, shared_appfabric, bundle, "apiKey", "ASANA")
    _configure_teams(stack, bundle, asana, sts_server.url)
    stack.up()
    return stack


def _configure_teams(
    stack: PulumiProject,
    bundle_arn: str,
    new_authorization: Callable[[], AppAuthorizationTypeDef],
    sts_url: str,
) -> None:
    """A provider per team (its own role), and a connection through each (a new authorization)."""
    config = {"bundleArn": bundle_arn, "accessKey": "AKIAPIPELINEKEYS", "stsUrl": sts_url}
    for team, role in TEAMS.items():
        config[f"{team}Role"] = role
        config[f"{team}Authorization"] = new_authorization()["appAuthorizationArn"]
    stack.set_config(config)
    stack.set_secret("secretKey", OWN_SECRET_KEY)


def _urn(stack: PulumiProject, type_: str, name: str) -> str:
    return f"urn:pulumi:dev::{stack.path.name}::{type_}::{name}"


def test_each_connection_is_signed_by_its_explicit_providers_role(
    teams_stack: PulumiProject, emulator_control: EmulatorControl, sts: Sts
) -> None:
    signed_by: dict[str, set[str | None]] = {}
    for team in TEAMS:
        emulator_control.reset_calls()
        teams_stack.up(
            "--target",
            _urn(teams_stack, PROVIDER_TYPE, f"{team}-provider"),
            "--target",
            _urn(teams_stack, CONNECTION_TYPE, team),
        )
        signed_by[team] = {sts.role_of(c["accessKeyId"]) for c in emulator_control.callers()}

    assert signed_by == {team: {role} for team, role in TEAMS.items()}
    assert teams_stack.outputs() == {"blue": "Connected", "green": "Connected"}


def test_refresh_reads_each_connection_with_its_providers_role(
    shared_teams_stack: PulumiProject, shared_emulator: EmulatorControl, sts: Sts
) -> None:
    shared_emulator.reset_calls()

    shared_teams_stack.refresh()

    callers = shared_emulator.callers()
    assert [c["operation"] for c in callers] == ["GetAppAuthorization"] * 2
    assert {sts.role_of(c["accessKeyId"]) for c in callers} == set(TEAMS.values())
    assert shared_teams_stack.preview("--expect-no-changes", check=False).returncode == 0


def test_the_providers_secret_key_never_reaches_state_or_output_in_plain_text(
    shared_teams_stack: PulumiProject,
) -> None:
    providers = shared_teams_stack.resources(PROVIDER_TYPE)
    assert len(providers) == 2
    # The engine's mark of a secret value in state (Pulumi's "secret" signature).
    assert all(SECRET_SIGNATURE in p["inputs"]["secretKey"] for p in providers), providers
    assert shared_teams_stack.leaks([OWN_SECRET_KEY]) == []
    assert OWN_SECRET_KEY not in str(shared_teams_stack.export())


def test_a_bad_provider_setting_fails_the_preview_naming_it(
    make_package_project: MakeProject, bundle_arn: str
) -> None:
    stack = make_package_project(PACKAGE_PROGRAMS / "yaml-bad-provider", "bad-provider")
    stack.set_config({"bundleArn": bundle_arn})

    result = stack.preview(check=False)

    assert result.returncode != 0
    output = combined(result)
    assert "assumeRoles[0].duration" in output and "forever" in output, output
    assert "Traceback" not in output, output


def test_stack_config_configures_the_default_provider_with_a_role_chain(
    make_package_project: MakeProject,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
    bundle_arn: str,
    emulator_control: EmulatorControl,
    sts: Sts,
) -> None:
    stack = make_package_project(EXAMPLES / "yaml-apikey", "default-provider")
    authorization = make_authorization("apiKey", "ASANA")["appAuthorizationArn"]
    stack.set_config(
        {
            "bundleArn": bundle_arn,
            "authorizationArn": authorization,
            "appfabric-connect:accessKey": "AKIAPIPELINEKEYS",
            "appfabric-connect:assumeRoles[0].roleArn": TEAMS["blue"],
            "appfabric-connect:assumeRoles[0].sessionName": "pipeline",
            "appfabric-connect:endpoints[0].sts": sts.url,
        }
    )
    stack.set_secret("appfabric-connect:secretKey", OWN_SECRET_KEY)
    emulator_control.reset_calls()

    stack.up()
    stack.refresh()

    callers = emulator_control.callers()
    assert {c["operation"] for c in callers} >= {"ConnectAppAuthorization", "GetAppAuthorization"}
    assert {sts.role_of(c["accessKeyId"]) for c in callers} == {TEAMS["blue"]}
    assert stack.outputs()["status"] == "Connected"
    assert stack.leaks([OWN_SECRET_KEY]) == []


def test_env_keys_and_a_two_role_chain_sign_up_refresh_and_destroy_as_the_last_role(
    make_package_project: MakeProject,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
    bundle_arn: str,
    emulator_control: EmulatorControl,
    sts: Sts,
) -> None:
    stack = make_package_project(EXAMPLES / "yaml-apikey", "env-keys")
    pipeline_credentials(stack.cli.env)
    authorization = make_authorization("apiKey", "ASANA")["appAuthorizationArn"]
    stack.set_config(
        {
            "bundleArn": bundle_arn,
            "authorizationArn": authorization,
            "appfabric-connect:assumeRoles[0].roleArn": ROLE_ONE,
            "appfabric-connect:assumeRoles[1].roleArn": ROLE_TWO,
            "appfabric-connect:endpoints[0].sts": sts.url,
            "appfabric-connect:allowedAccountIds[0]": "222222222222",
        }
    )
    emulator_control.reset_calls()

    stack.up()
    stack.refresh()
    assert stack.outputs()["status"] == "Connected"
    destroy(stack)

    assert stack.resources() == []
    assert_signed_by_the_last_role(emulator_control.callers(), sts.calls(), sts)
