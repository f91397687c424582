"""A code is sent only when a read shows it is needed: adopt, or wait for a connect in flight."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.stub import Stubber

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.core import connect
from appfabric_connect.core.fingerprint import fingerprint, matches
from tests.unit.aws_stub import (
    AUTH_URL,
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
    read_first(stubber, "Connected", look_again=False)  # no Connect: the stubber fails on any

    with caplog.at_level(logging.WARNING, logger="appfabric_connect"):
        outs = prov.create(oauth_inputs()).outs or {}

    assert outs["status"] == "Connected"
    assert matches(CODE, outs["code_fingerprint"])
    assert "the OAuth code was not sent" in caplog.text


def test_create_sends_the_code_to_a_fresh_pending_authorization_after_one_look_again(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    read_first(stubber, "PendingConnect")  # twice: before and after the pause, unchanged
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    prov.create(oauth_inputs())

    assert len(no_sleep) == 1 and 0 <= no_sleep[0] <= connect.LOOK_AGAIN_MIN_S


def test_create_adopts_a_connect_that_another_run_started_during_the_look_again(
    stubber: Stubber,
    prov: AppAuthorizationConnectionProvider,
    no_sleep: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    read_first(stubber, "PendingConnect", look_again=False)
    stubber.add_response("get_app_authorization", connecting_now(), identifiers_params())
    stubber.add_response(
        "get_app_authorization", changed("Connected", datetime.now(UTC)), identifiers_params()
    )  # and no Connect: the stubber fails on any other call

    with caplog.at_level(logging.WARNING, logger="appfabric_connect"):
        outs = prov.create(oauth_inputs()).outs or {}

    assert outs["status"] == "Connected"
    assert "a connect may be in flight" in caplog.text
    assert "the OAuth code was not sent" in caplog.text
    assert len(no_sleep) == 2  # the look-again pause, then one wait for the connect to settle


def test_create_sends_the_code_when_the_authorization_is_unchanged_after_the_look_again(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    long_ago = changed("PendingConnect", datetime.now(UTC) - timedelta(hours=1))
    stubber.add_response("get_app_authorization", long_ago, identifiers_params())
    stubber.add_response("get_app_authorization", long_ago, identifiers_params())
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    assert (prov.create(oauth_inputs()).outs or {})["status"] == "Connected"


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
    stubber.add_response("get_app_authorization", failed, identifiers_params())  # looked again
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    assert (prov.create(oauth_inputs()).outs or {})["status"] == "Connected"


def test_create_waits_for_a_connect_in_flight_no_longer_than_connect_timeout(
    stubber: Stubber,
    prov: AppAuthorizationConnectionProvider,
    no_sleep: list[float],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(random, "uniform", lambda _low, high: high)  # waits 0.5, 1, 2, 4
    still = connecting_now()
    for _ in range(7):  # the first read, one after each wait until the 10 s are out, once more
        stubber.add_response("get_app_authorization", still, identifiers_params())
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    prov.create({**oauth_inputs(), "connect_timeout": 10})

    *waits, look_again = no_sleep
    assert 8.5 < sum(waits) <= 10
    assert look_again == connect.LOOK_AGAIN_MIN_S  # the fake clock's reads take no time


def test_create_does_not_wait_for_a_pending_change_older_than_connect_timeout(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    long_ago = changed("PendingConnect", datetime.now(UTC) - timedelta(hours=1))
    stubber.add_response("get_app_authorization", long_ago, identifiers_params())
    stubber.add_response("get_app_authorization", long_ago, identifiers_params())
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())

    prov.create(oauth_inputs())

    assert len(no_sleep) == 1  # the look-again pause only: no wait for a connect to settle


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
    refused_as_used(stubber)
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


def refused_as_used(stubber: Stubber) -> None:
    """Connect refuses the code as already used (another run's Connect got there first)."""
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


def test_a_refused_code_waits_for_another_runs_connect_in_flight_and_adopts_it(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, caplog: pytest.LogCaptureFixture
) -> None:
    read_first(stubber)
    refused_as_used(stubber)
    stubber.add_response("get_app_authorization", connecting_now(), identifiers_params())
    stubber.add_response(
        "get_app_authorization", changed("Connected", datetime.now(UTC)), identifiers_params()
    )

    with caplog.at_level(logging.WARNING, logger="appfabric_connect"):
        outs = prov.create(oauth_inputs()).outs or {}

    assert outs["status"] == "Connected"
    assert "already Connected" in caplog.text and "another run or stack" in caplog.text


def test_failing_after_the_code_was_accepted_names_another_run_not_the_client_secret(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("PendingConnect"), connect_params())
    failed = changed("ConnectionValidationFailed", datetime.now(UTC))
    stubber.add_response("get_app_authorization", failed, identifiers_params())

    with pytest.raises(ConnectionFailed) as raised:
        prov.create(oauth_inputs())

    message = str(raised.value)
    assert "after AppFabric accepted this run's OAuth code" in message
    assert "another run or stack declaring this authorization sent the same code" in message
    assert AUTH_URL in message and "authorize --bundle" in message
    assert "client secret" not in message and "client ID" not in message
    assert CODE not in message


@pytest.mark.parametrize(
    ("round_trip", "bound"),
    [(0.0, 1.0), (0.01, 1.0), (0.05, 2.0), (0.1, 4.0), (0.3, 12.0), (1.0, 15.0)],
)
def test_the_look_again_pause_scales_with_the_first_reads_round_trip(
    round_trip: float, bound: float
) -> None:
    assert connect.look_again_bound(round_trip) == pytest.approx(bound)
