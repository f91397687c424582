"""aws:assumeRoles: each hop assumed once per process with the previous hop's credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from appfabric_connect import ConnectionFailed
from appfabric_connect.emulator import EmulatorControl
from tests.identity.conftest import (
    ROLE_ONE,
    ROLE_TWO,
    Configured,
    api_key_inputs,
    signers,
)
from tests.support.sts import Sts

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

CHAIN = [{"roleArn": ROLE_ONE, "sessionName": "ci"}, {"roleArn": ROLE_TWO, "duration": "1h"}]


def test_every_appfabric_call_is_signed_by_the_last_role_of_the_chain(
    configured: Configured,
    base_keys: dict[str, str],
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.reset_calls()
    prov = configured({**base_keys, "aws:assumeRoles": CHAIN})
    created = prov.create(api_key_inputs(api_key_authorization))
    prov.read(created.id, created.outs or {})
    assert {sts.role_of(key) for key in signers(emulator_control)} == {ROLE_TWO}


def test_each_role_of_the_chain_is_assumed_once_per_process(
    configured: Configured,
    base_keys: dict[str, str],
    sts: Sts,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    prov = configured({**base_keys, "aws:assumeRoles": CHAIN})
    created = prov.create(api_key_inputs(api_key_authorization))
    for _ in range(3):
        prov.read(created.id, created.outs or {})
    configured({**base_keys, "aws:assumeRoles": CHAIN}).read(created.id, created.outs or {})
    sessions = sts.assumed_roles()
    assert [(s["role_arn"], s["session_name"]) for s in sessions][:1] == [(ROLE_ONE, "ci")]
    assert [s["role_arn"] for s in sessions] == [ROLE_ONE, ROLE_TWO]


def test_the_older_single_assume_role_is_a_chain_of_one(
    configured: Configured,
    base_keys: dict[str, str],
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.reset_calls()
    prov = configured({**base_keys, "aws:assumeRole": {"roleArn": ROLE_TWO}})
    prov.create(api_key_inputs(api_key_authorization))
    assert {sts.role_of(key) for key in signers(emulator_control)} == {ROLE_TWO}


def test_a_role_sts_refuses_fails_in_one_line_naming_the_role_and_the_step(
    configured: Configured,
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    access_key, secret_key, locked = sts.locked_role()
    emulator_control.reset_calls()
    prov = configured(
        {
            "aws:accessKey": access_key,
            "aws:secretKey": secret_key,
            "aws:assumeRoles": [{"roleArn": locked}],
        }
    )
    with sts.enforcing_iam(), pytest.raises(ConnectionFailed) as failure:
        prov.create(api_key_inputs(api_key_authorization))
    assert str(failure.value) == (
        f"Cannot assume role {locked} (`aws:assumeRoles` step 1 of 1): STS AccessDenied."
    )
    assert emulator_control.calls() == {}
