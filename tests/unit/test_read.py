"""read: one GetAppAuthorization refreshes every output; a gone authorization drops out."""

from __future__ import annotations

from typing import Any

from botocore.stub import Stubber

from appfabric_connect import AppAuthorizationConnectionProvider
from tests.unit.aws_stub import (
    AUTH_URL,
    AUTHORIZATION_ARN,
    BUNDLE_ARN,
    authorization,
    identifiers_params,
    oauth_inputs,
)


def stored_state(**changes: Any) -> dict[str, Any]:
    return {**oauth_inputs(), "status": "Connected", "code_fingerprint": "sha256:a:b", **changes}


def test_read_refreshes_the_status_with_one_call(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response(
        "get_app_authorization", authorization("TokenAutoRotationFailed"), identifiers_params()
    )
    result = prov.read(AUTHORIZATION_ARN, stored_state())
    assert result.id == AUTHORIZATION_ARN
    assert (result.outs or {})["status"] == "TokenAutoRotationFailed"


def test_read_fills_every_output(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response("get_app_authorization", authorization("Connected"))
    outs = prov.read(AUTHORIZATION_ARN, stored_state()).outs or {}
    assert outs["created_at"] == "2026-11-28T12:00:00+00:00"
    assert outs["auth_type"] == "oauth2"
    assert outs["persona"] == "admin"
    assert outs["app_bundle_arn"] == BUNDLE_ARN


def test_read_keeps_the_code_fingerprint(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response("get_app_authorization", authorization("Connected"))
    assert (prov.read(AUTHORIZATION_ARN, stored_state()).outs or {})["code_fingerprint"] == (
        "sha256:a:b"
    )


def test_read_keeps_the_auth_url_only_while_not_connected(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response("get_app_authorization", authorization("Connected"))
    stubber.add_response("get_app_authorization", authorization("PendingConnect"))
    assert (prov.read(AUTHORIZATION_ARN, stored_state()).outs or {})["auth_url"] is None
    assert (prov.read(AUTHORIZATION_ARN, stored_state()).outs or {})["auth_url"] == AUTH_URL


def test_read_returns_an_empty_id_when_the_authorization_is_gone(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_client_error("get_app_authorization", "ResourceNotFoundException", "not found", 404)
    result = prov.read(AUTHORIZATION_ARN, stored_state())
    assert not result.id


def test_read_keeps_the_stored_inputs_on_refresh(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response("get_app_authorization", authorization("Connected"))
    assert prov.read(AUTHORIZATION_ARN, stored_state()).inputs is None


def test_read_works_from_the_id_alone_for_import(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response("get_app_authorization", authorization("Connected"), identifiers_params())
    result = prov.read(AUTHORIZATION_ARN, {})
    assert result.id == AUTHORIZATION_ARN
    assert result.inputs == {
        "app_bundle_identifier": BUNDLE_ARN,
        "app_authorization_identifier": AUTHORIZATION_ARN,
        "region": "us-east-1",
    }
    assert (result.outs or {})["status"] == "Connected"
