"""A code is sent only when a read shows it is needed: adopt, or wait for a connect in flight."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.stub import Stubber

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.core.fingerprint import fingerprint, matches
from tests.unit.aws_stub import (
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


def changed(status: str, updated: datetime, created: datetime = WHEN) -> dict[str, Any]:
    """An authorization read back with its own createdAt and updatedAt."""
    answer = authorization(status)
    answer["appAuthorization"].update(createdAt=created, updatedAt=updated)
    return answer


def connecting_now() -> dict[str, Any]:
    """PendingConnect, changed a second ago, long after it was created: a connect in flight."""
    return changed("PendingConnect", datetime.now(UTC) - timedelta(seconds=1))


def state(**changes: Any) -> dict[str, Any]:
    """The outputs of a Connected connection as the state last knew them."""
    outs = {
        **oauth_inputs(),
        "status": "Connected",
        "auth_type": "oauth2",
        "app": "SLACK",
        "code_fingerprint": fingerprint(CODE),
        "updated_at": WHEN.isoformat(),
    }
    del outs["auth_request"]
    return {**outs, **changes}


def test_create_adopts_a_connected_authorization_without_sending_the_code(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, caplog: pytest.LogCaptureFixture
) -> None:
    read_first(stubber, "Connected")  # and no Connect: the stubber fails on any other call

    with caplog.at_level(logging.WARNING, logger="appfabric_connect"):
        outs = prov.create(oauth_inputs()).outs or {}

    assert outs["status"] == "Connected"
    assert matches(CODE, outs["code_fingerprint"])
    assert "the OAuth code was not sent" in caplog.text


def test_create_sends_the_code_to_a_fresh_pending_authorization_at_once(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    read_first(stubber, "PendingConnect")
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    prov.create(oauth_inputs())

    assert no_sleep == []


def test_create_waits_for_a_connect_in_flight_and_adopts_what_it_connected(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    stubber.add_response("get_app_authorization", connecting_now(), identifiers_params())
    stubber.add_response("get_app_authorization", connecting_now(), identifiers_params())
    stubber.add_response(
        "get_app_authorization", changed("Connected", datetime.now(UTC)), identifiers_params()
    )

    outs = prov.create(oauth_inputs()).outs or {}

    assert outs["status"] == "Connected"
    assert len(no_sleep) == 2


def test_create_sends_the_code_when_the_connect_in_flight_failed(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    stubber.add_response("get_app_authorization", connecting_now(), identifiers_params())
    failed = changed("ConnectionValidationFailed", datetime.now(UTC))
    stubber.add_response("get_app_authorization", failed, identifiers_params())
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    assert (prov.create(oauth_inputs()).outs or {})["status"] == "Connected"


def test_create_waits_for_a_connect_in_flight_no_longer_than_connect_timeout(
    stubber: Stubber,
    prov: AppAuthorizationConnectionProvider,
    no_sleep: list[float],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(random, "uniform", lambda _low, high: high)  # waits 0.5, 1, 2, 4
    for _ in range(6):  # the first read, then one after each wait until the 10 s are out
        stubber.add_response("get_app_authorization", connecting_now(), identifiers_params())
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    prov.create({**oauth_inputs(), "connect_timeout": 10})

    assert 8.5 < sum(no_sleep) <= 10


def test_create_does_not_wait_for_a_pending_change_older_than_connect_timeout(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    long_ago = changed("PendingConnect", datetime.now(UTC) - timedelta(hours=1))
    stubber.add_response("get_app_authorization", long_ago, identifiers_params())
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    prov.create(oauth_inputs())

    assert no_sleep == []


def test_update_adopts_an_authorization_connected_after_the_state_last_saw_it(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    later = changed("Connected", WHEN + timedelta(minutes=5))
    stubber.add_response("get_app_authorization", later, identifiers_params())
    olds = state(status="TokenAutoRotationFailed")

    outs = prov.update(AUTHORIZATION_ARN, olds, oauth_inputs("fresh-code")).outs or {}

    assert outs["status"] == "Connected"
    assert matches("fresh-code", outs["code_fingerprint"])


def test_update_with_a_fresh_code_rotates_an_unchanged_connected_authorization(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber, "Connected")  # updatedAt == the state's updated_at
    stubber.add_response(
        "connect_app_authorization", summary("Connected"), connect_params("fresh-code")
    )

    prov.update(AUTHORIZATION_ARN, state(), oauth_inputs("fresh-code"))


def test_a_refused_code_is_blamed_on_the_code_not_the_client_secret(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_client_error(
        "connect_app_authorization",
        "ValidationException",
        "The authorization code has already been used",
        400,
        modeled_fields={
            "message": "The authorization code has already been used",
            "reason": "fieldValidationFailed",
            "fieldList": [{"name": "authRequest.code", "message": "already used"}],
        },
        expected_params=connect_params(),
    )
    stubber.add_response(
        "get_app_authorization", authorization("ConnectionValidationFailed"), identifiers_params()
    )

    with pytest.raises(ConnectionFailed) as raised:
        prov.create(oauth_inputs())

    message = str(raised.value)
    assert "spent by an earlier (possibly interrupted) run or by another stack" in message
    assert "client ID" not in message
    assert "authorize --bundle" in message
    assert CODE not in message
