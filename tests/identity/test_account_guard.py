"""aws:allowedAccountIds / aws:forbiddenAccountIds: one GetCallerIdentity, then every operation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect import ConnectionFailed
from appfabric_connect.aws import clients, identity
from appfabric_connect.emulator import EmulatorControl
from tests.identity.conftest import ROLE_TWO, Configured, api_key_inputs, signers

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

CHAIN = [{"roleArn": ROLE_TWO}]  # a session in account 222222222222


def test_an_account_not_allowed_fails_every_operation_with_no_appfabric_call(
    configured: Configured,
    base_keys: dict[str, str],
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.reset_calls()
    prov = configured(
        {**base_keys, "aws:assumeRoles": CHAIN, "aws:allowedAccountIds": ["111111111111"]}
    )
    inputs = api_key_inputs(api_key_authorization)
    expected = (
        "AWS account 222222222222 is not in `aws:allowedAccountIds` (111111111111): "
        "no AppFabric call was made."
    )
    with pytest.raises(ConnectionFailed) as create:
        prov.create(inputs)
    with pytest.raises(ConnectionFailed) as read:
        prov.read(inputs["app_authorization_identifier"], inputs)
    assert str(create.value) == str(read.value) == expected
    assert emulator_control.calls() == {}


def test_a_forbidden_account_fails_in_one_line(
    configured: Configured,
    base_keys: dict[str, str],
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.reset_calls()
    prov = configured(
        {**base_keys, "aws:assumeRoles": CHAIN, "aws:forbiddenAccountIds": ["222222222222"]}
    )
    with pytest.raises(ConnectionFailed) as failure:
        prov.create(api_key_inputs(api_key_authorization))
    assert str(failure.value) == (
        "AWS account 222222222222 is in `aws:forbiddenAccountIds`: no AppFabric call was made."
    )
    assert emulator_control.calls() == {}


def test_an_allowed_account_connects_after_one_get_caller_identity(
    configured: Configured,
    base_keys: dict[str, str],
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    prov = configured(
        {**base_keys, "aws:assumeRoles": CHAIN, "aws:allowedAccountIds": ["222222222222"]}
    )
    sts_calls: list[str] = []

    def count(**kwargs: Any) -> None:
        sts_calls.append(str(kwargs["event_name"]).rsplit(".", 1)[-1])

    settings = prov._config.settings
    identity.session(settings).register("before-call.sts", count)
    created = prov.create(api_key_inputs(api_key_authorization))
    for region in ("us-east-1", "us-west-2", "eu-west-1"):
        clients.client(settings, region)
    prov.read(created.id, created.outs or {})
    assert (created.outs or {})["status"] == "Connected"
    assert sts_calls == ["GetCallerIdentity"]
    assert signers(emulator_control)


def test_the_account_is_checked_with_no_role_too(
    configured: Configured,
    base_keys: dict[str, str],
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.reset_calls()
    prov = configured({**base_keys, "aws:allowedAccountIds": ["012345678901"]})
    with pytest.raises(ConnectionFailed, match=r"^AWS account 123456789012 is not in"):
        prov.create(api_key_inputs(api_key_authorization))
    assert emulator_control.calls() == {}
