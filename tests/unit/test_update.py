"""update: reconnect in place; a spent OAuth code fails before any call to AWS."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.stub import Stubber

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.core.fingerprint import fingerprint, matches
from tests.unit.aws_stub import (
    AUTH_URL,
    AUTHORIZATION,
    AUTHORIZATION_ARN,
    CODE,
    WHEN,
    authorization,
    connect_params,
    identifiers_params,
    oauth_inputs,
    read_first,
    summary,
)


def olds(**changes: Any) -> dict[str, Any]:
    state = {
        **oauth_inputs(),
        "status": "TokenAutoRotationFailed",
        "auth_type": "oauth2",
        "app": "SLACK",
        "auth_url": AUTH_URL,
        "code_fingerprint": fingerprint(CODE),
        "updated_at": WHEN.isoformat(),
    }
    del state["auth_request"]
    return {**state, **changes}


def test_update_with_the_spent_code_fails_before_calling_aws_and_shows_the_auth_url(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    with pytest.raises(ConnectionFailed) as raised:
        prov.update(AUTHORIZATION_ARN, olds(), oauth_inputs())
    message = str(raised.value)
    assert "new code is needed" in message
    assert AUTH_URL in message
    assert AUTHORIZATION in message
    assert CODE not in message


def test_update_with_the_spent_code_fetches_the_auth_url_when_state_has_none(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response("get_app_authorization", authorization("PendingConnect"))
    with pytest.raises(ConnectionFailed, match="new code is needed") as raised:
        prov.update(AUTHORIZATION_ARN, olds(auth_url=None), oauth_inputs())
    assert AUTH_URL in str(raised.value)


def test_update_of_oauth2_without_a_code_says_a_code_is_needed(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    news = oauth_inputs()
    del news["auth_request"]
    with pytest.raises(ConnectionFailed, match="needs an OAuth code"):
        prov.update(AUTHORIZATION_ARN, olds(), news)


def test_update_reconnects_with_a_new_code_and_stores_its_fingerprint(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber, "Connected")  # unchanged since the state saw it: a deliberate rotation
    stubber.add_response(
        "connect_app_authorization", summary("Connected"), connect_params("fresh-code")
    )
    outs = prov.update(AUTHORIZATION_ARN, olds(), oauth_inputs("fresh-code")).outs or {}
    assert outs["status"] == "Connected"
    assert matches("fresh-code", outs["code_fingerprint"])
    assert outs["auth_url"] is None


def test_update_reconnects_an_api_key_authorization_without_auth_request(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response(
        "connect_app_authorization", summary("Connected", app="ASANA"), identifiers_params()
    )
    news = oauth_inputs()
    del news["auth_request"]
    old = olds(auth_type="apiKey", code_fingerprint=None, app="ASANA", status="PendingConnect")
    outs = prov.update(AUTHORIZATION_ARN, old, news).outs or {}
    assert outs["status"] == "Connected"
    assert outs["auth_type"] == "apiKey"


def test_delete_leaves_the_authorization_untouched(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    prov.delete(AUTHORIZATION_ARN, olds())  # the stubber fails on any call
