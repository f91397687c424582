"""A connection's own ``aws`` identity is kept in state without its secrets, and refresh uses it."""

from __future__ import annotations

from typing import Any

from botocore.stub import Stubber

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.core.outputs import public_identity
from tests.unit.aws_stub import (
    AUTHORIZATION_ARN,
    authorization,
    connect_params,
    identifiers_params,
    oauth_inputs,
    read_first,
    summary,
)

ROLE = "arn:aws:iam::123456789012:role/deployer"
OWN_KEYS = {"access_key": "AKIAOWNKEY", "secret_key": "own-secret-key-never-in-state"}


def state_with(aws: dict[str, Any]) -> dict[str, Any]:
    return {**oauth_inputs(), "status": "Connected", "aws": public_identity(aws)}


def test_outputs_keep_the_identity_without_keys_or_tokens(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())
    aws = {**OWN_KEYS, "token": "tok", "assume_roles": [{"role_arn": ROLE}]}

    outs = prov.create({**oauth_inputs(), "aws": aws}).outs or {}

    assert outs["aws"] == {"assume_roles": [{"role_arn": ROLE}], "own_credentials": True}
    assert "own-secret-key-never-in-state" not in repr(outs)


def test_outputs_of_a_role_only_identity_need_no_keys(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    outs = prov.create({**oauth_inputs(), "aws": {"assume_roles": [{"role_arn": ROLE}]}}).outs

    assert (outs or {})["aws"] == {"assume_roles": [{"role_arn": ROLE}]}


def test_refresh_keeps_a_connection_with_its_own_keys_it_cannot_read(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_client_error(
        "get_app_authorization", "ResourceNotFoundException", "not in this account", 404
    )
    state = state_with({**OWN_KEYS})

    result = prov.read(AUTHORIZATION_ARN, state)

    assert result.id == AUTHORIZATION_ARN
    assert result.outs == state


def test_refresh_drops_a_role_only_connection_that_is_gone(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_client_error(
        "get_app_authorization", "ResourceNotFoundException", "gone", 404, expected_params=None
    )

    result = prov.read(AUTHORIZATION_ARN, state_with({"assume_roles": [{"role_arn": ROLE}]}))

    assert not result.id


def test_refresh_carries_the_identity_forward(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response("get_app_authorization", authorization("Connected"), identifiers_params())
    state = state_with({"assume_roles": [{"role_arn": ROLE}]})

    outs = prov.read(AUTHORIZATION_ARN, state).outs or {}

    assert outs["aws"] == {"assume_roles": [{"role_arn": ROLE}]}


def test_every_secret_field_of_the_schema_is_kept_out_of_state() -> None:
    roles = [{"role_arn": "arn:aws:iam::111111111111:role/r"}]
    aws = {
        "access_key": "AKIA",
        "secretKey": "s",
        "token": "t",
        "assume_role_with_web_identity": {"role_arn": "r", "webIdentityToken": "oidc"},
        "assume_roles": roles,
    }
    assert public_identity(aws) == {
        "assume_role_with_web_identity": {"role_arn": "r"},
        "assume_roles": roles,
        "own_credentials": True,
    }
