"""`aws=`: a connection's own identity, over the stack's, against a real STS."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.models import DEFAULT_ACCOUNT
from tests.identity.conftest import ROLE_ONE, ROLE_TWO, Configured, api_key_inputs, signers
from tests.support.pulumi_project import PulumiProject
from tests.support.sts import Sts

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

CONNECTION = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
PROJECT = "appfabric-connect"
# Two roles of the emulator's one account: a role in another account would replace the
# connection (its ARN names the emulator's account).
TEAM_ROLES = tuple(f"arn:aws:iam::{DEFAULT_ACCOUNT}:role/{team}" for team in ("blue", "green"))
OWN_SECRET_KEY = "per-resource-secret-key-4b1e-must-never-leak"


def with_aws(authorization: AppAuthorizationTypeDef, **aws: Any) -> dict[str, Any]:
    return {**api_key_inputs(authorization), "aws": aws}


def test_each_connection_is_signed_by_its_own_role(
    configured: Configured,
    base_keys: dict[str, str],
    sts: Sts,
    emulator_control: EmulatorControl,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    provider = configured(base_keys)
    for role in (ROLE_ONE, ROLE_TWO):
        inputs = with_aws(make_authorization("apiKey", "ASANA"), assume_roles=[{"role_arn": role}])
        emulator_control.reset_calls()
        created = provider.create(inputs)
        provider.update(str(created.id), created.outs or {}, inputs)
        assert {sts.role_of(key) for key in signers(emulator_control)} == {role}


def test_the_connections_keys_replace_the_stacks_whole_identity(
    configured: Configured,
    base_keys: dict[str, str],
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    provider = configured({**base_keys, "aws:assumeRoles": [{"roleArn": ROLE_ONE}]})
    emulator_control.reset_calls()
    keys = {"access_key": "AKIAOWNKEYS", "secret_key": OWN_SECRET_KEY}
    provider.create(with_aws(api_key_authorization, **keys))
    assert signers(emulator_control) == {"AKIAOWNKEYS"}


def test_without_aws_the_stacks_identity_signs(
    configured: Configured,
    base_keys: dict[str, str],
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    provider = configured({**base_keys, "aws:assumeRoles": [{"roleArn": ROLE_ONE}]})
    emulator_control.reset_calls()
    provider.create(api_key_inputs(api_key_authorization))
    assert {sts.role_of(key) for key in signers(emulator_control)} == {ROLE_ONE}


def test_the_connections_allowed_accounts_are_guarded_with_no_appfabric_call(
    configured: Configured,
    base_keys: dict[str, str],
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    provider: AppAuthorizationConnectionProvider = configured(base_keys)
    emulator_control.reset_calls()
    inputs = with_aws(
        api_key_authorization,
        assume_roles=[{"role_arn": ROLE_ONE}],
        allowed_account_ids=["222222222222"],
    )
    with pytest.raises(ConnectionFailed) as raised:
        provider.create(inputs)
    assert "111111111111" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert emulator_control.callers() == []


@pytest.mark.e2e
def test_two_connections_of_one_stack_each_signed_by_its_own_role_and_the_key_stays_secret(
    make_project: Callable[..., PulumiProject],
    make_authorization: Callable[..., AppAuthorizationTypeDef],
    bundle_arn: str,
    emulator_control: EmulatorControl,
    sts: Sts,
) -> None:
    stack = make_project(program="per_resource_identity")
    stack.cli.env["PER_RESOURCE_SECRET_KEY"] = OWN_SECRET_KEY
    identities = {"first": TEAM_ROLES[0], "second": TEAM_ROLES[1]}
    config = {"aws:region": "us-east-1", "aws:endpoints[0].sts": sts.url, "bundle": bundle_arn}
    for index, (name, role) in enumerate(identities.items()):
        authorization = make_authorization("apiKey", "ASANA")["appAuthorizationArn"]
        config |= {
            f"connections[{index}].name": name,
            f"connections[{index}].authorization": authorization,
            f"connections[{index}].access_key": f"AKIA{name.upper()}KEYS",
            f"connections[{index}].role": role,
        }
    stack.set_config(config)
    emulator_control.reset_calls()

    stack.up("--target", f"urn:pulumi:dev::{PROJECT}::{CONNECTION}::first")
    first = {sts.role_of(c["accessKeyId"]) for c in emulator_control.callers()}
    emulator_control.reset_calls()
    stack.up()
    second = {sts.role_of(c["accessKeyId"]) for c in emulator_control.callers()}

    assert (first, second) == ({TEAM_ROLES[0]}, {TEAM_ROLES[1]})
    assert stack.statuses() == {"first": "Connected", "second": "Connected"}
    assert stack.leaks([OWN_SECRET_KEY]) == []
    assert OWN_SECRET_KEY not in str(stack.export())
