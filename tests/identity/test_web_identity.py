"""aws:assumeRoleWithWebIdentity: a CI's OIDC token (file or value) becomes the role's session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from appfabric_connect import ConnectionFailed
from appfabric_connect.emulator import EmulatorControl
from tests.identity.conftest import ROLE_ONE, ROLE_TWO, Configured, api_key_inputs, signers
from tests.support.sts import Sts

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

WEB_ROLE = "arn:aws:iam::333333333333:role/github-oidc"


def test_calls_are_signed_by_the_role_assumed_with_the_token_file(
    configured: Configured,
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
    tmp_path: Path,
) -> None:
    token_file = tmp_path / "oidc-token"
    token_file.write_text("eyJhbGciOiJSUzI1NiJ9.ci-token.signature")
    emulator_control.reset_calls()
    web = {"roleArn": WEB_ROLE, "webIdentityTokenFile": str(token_file), "sessionName": "ci"}
    prov = configured({"aws:assumeRoleWithWebIdentity": web})
    prov.create(api_key_inputs(api_key_authorization))
    assert {sts.role_of(key) for key in signers(emulator_control)} == {WEB_ROLE}


def test_the_web_identity_is_the_base_of_the_role_chain(
    configured: Configured,
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.reset_calls()
    prov = configured(
        {
            "aws:assumeRoleWithWebIdentity": {"roleArn": WEB_ROLE, "webIdentityToken": "oidc-1"},
            "aws:assumeRoles": [{"roleArn": ROLE_ONE}, {"roleArn": ROLE_TWO}],
        }
    )
    prov.create(api_key_inputs(api_key_authorization))
    assert [s["role_arn"] for s in sts.assumed_roles()] == [WEB_ROLE, ROLE_ONE, ROLE_TWO]
    assert {sts.role_of(key) for key in signers(emulator_control)} == {ROLE_TWO}


def test_a_missing_token_file_fails_in_one_line_before_any_appfabric_call(
    configured: Configured,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
    tmp_path: Path,
) -> None:
    emulator_control.reset_calls()
    missing = tmp_path / "no-token"
    prov = configured(
        {
            "aws:assumeRoleWithWebIdentity": {
                "roleArn": WEB_ROLE,
                "webIdentityTokenFile": str(missing),
            }
        }
    )
    with pytest.raises(ConnectionFailed) as failure:
        prov.create(api_key_inputs(api_key_authorization))
    message = str(failure.value)
    assert message.startswith(
        f"Cannot assume role {WEB_ROLE} with a web identity (`aws:assumeRoleWithWebIdentity`): "
    )
    assert str(missing) in message and "\n" not in message
    assert emulator_control.calls() == {}
