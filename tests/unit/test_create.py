"""create: one Connect when it answers Connected; waits, adopts and fails clearly otherwise."""

from __future__ import annotations

import logging

import pytest
from botocore.stub import Stubber

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.core.fingerprint import matches
from tests.unit.aws_stub import (
    AUTH_URL,
    AUTHORIZATION,
    AUTHORIZATION_ARN,
    BUNDLE_ARN,
    CODE,
    authorization,
    connect_params,
    identifiers_params,
    oauth_inputs,
    read_first,
    summary,
)


def test_create_makes_one_connect_call_when_it_answers_connected(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())
    prov.create(oauth_inputs())  # the fixture fails if any other call was made or one is left


def test_create_uses_the_authorization_arn_as_id(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())
    assert prov.create(oauth_inputs()).id == AUTHORIZATION_ARN


def test_create_outputs_status_and_details_in_snake_case(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())
    outs = prov.create(oauth_inputs()).outs or {}
    assert outs["status"] == "Connected"
    assert outs["app"] == "SLACK"
    assert outs["app_bundle_arn"] == BUNDLE_ARN
    assert outs["tenant"] == {"tenant_identifier": "T0123", "tenant_display_name": "Acme"}
    assert outs["updated_at"] == "2026-11-28T12:00:00+00:00"
    assert outs["auth_type"] == "oauth2"
    assert outs["persona"] == "admin"
    assert outs["region"] == "us-east-1"


def test_create_outputs_never_contain_the_code_but_a_fingerprint_of_it(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())
    outs = prov.create(oauth_inputs()).outs or {}
    assert CODE not in repr(outs)
    assert "auth_request" not in outs
    assert matches(CODE, outs["code_fingerprint"])


def test_create_connects_an_api_key_authorization_without_auth_request(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_response(
        "connect_app_authorization", summary("Connected", app="ASANA"), identifiers_params()
    )
    inputs = oauth_inputs()
    del inputs["auth_request"]
    outs = prov.create(inputs).outs or {}
    assert outs["auth_type"] == "apiKey"
    assert outs["code_fingerprint"] is None


def test_create_polls_with_backoff_until_connected_when_pending(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("PendingConnect"), connect_params())
    for status in ("PendingConnect", "PendingConnect", "Connected"):
        stubber.add_response("get_app_authorization", authorization(status), identifiers_params())
    outs = prov.create(oauth_inputs()).outs or {}
    assert outs["status"] == "Connected"
    assert outs["created_at"] == "2026-11-28T12:00:00+00:00"
    assert len(no_sleep) == 1 + 3  # the look-again pause before the code, then three polls


def test_create_fails_after_the_timeout_naming_authorization_status_and_timeout(
    spare_stubber: Stubber, prov: AppAuthorizationConnectionProvider, no_sleep: list[float]
) -> None:
    read_first(spare_stubber)
    spare_stubber.add_response(
        "connect_app_authorization", summary("PendingConnect"), connect_params()
    )
    for _ in range(40):
        spare_stubber.add_response("get_app_authorization", authorization("PendingConnect"))
    with pytest.raises(ConnectionFailed) as raised:
        prov.create({**oauth_inputs(), "connect_timeout": 3})
    message = str(raised.value)
    assert AUTHORIZATION in message
    assert "PendingConnect" in message
    assert "3 s" in message
    _look_again, *polls = no_sleep
    assert sum(polls) == pytest.approx(3, abs=0.01)


def test_create_fails_on_connection_validation_failed_with_uuid_app_and_remedy(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_client_error(
        "connect_app_authorization",
        "ValidationException",
        "The authorization code is invalid",
        400,
        expected_params=connect_params(),
    )
    stubber.add_response(
        "get_app_authorization", authorization("ConnectionValidationFailed"), identifiers_params()
    )
    with pytest.raises(ConnectionFailed) as raised:
        prov.create(oauth_inputs())
    message = str(raised.value)
    assert AUTHORIZATION in message
    assert "SLACK" in message
    assert "ConnectionValidationFailed" in message
    assert "ValidationException" in message
    assert AUTH_URL in message
    assert "pulumi up" in message
    assert CODE not in message


def test_create_adopts_an_already_connected_authorization_when_connect_fails(
    stubber: Stubber,
    prov: AppAuthorizationConnectionProvider,
    caplog: pytest.LogCaptureFixture,
) -> None:
    read_first(stubber)
    stubber.add_client_error(
        "connect_app_authorization", "ValidationException", "code already used", 400
    )
    stubber.add_response("get_app_authorization", authorization("Connected"))
    with caplog.at_level(logging.WARNING, logger="appfabric_connect"):
        result = prov.create(oauth_inputs())
    assert result.id == AUTHORIZATION_ARN
    assert (result.outs or {})["status"] == "Connected"
    assert "adopting" in caplog.text
    assert AUTHORIZATION in caplog.text


def test_create_error_is_one_line_and_hides_the_code_even_if_aws_echoes_it(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    read_first(stubber)
    stubber.add_client_error(
        "connect_app_authorization", "AccessDeniedException", f"denied for {CODE}", 403
    )
    with pytest.raises(ConnectionFailed) as raised:
        prov.create(oauth_inputs())
    message = str(raised.value)
    assert "\n" not in message
    assert CODE not in message
    assert message.startswith(
        f"ConnectAppAuthorization failed for app authorization {AUTHORIZATION}: "
        "AccessDeniedException"
    )
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__


def test_create_reports_a_missing_authorization_without_adopting(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    stubber.add_client_error(
        "get_app_authorization", "ResourceNotFoundException", "no such authorization", 404
    )
    with pytest.raises(ConnectionFailed, match=r"ResourceNotFoundException.*region"):
        prov.create(oauth_inputs())


def test_create_uses_the_region_of_the_arns(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider, regions_asked: list[str]
) -> None:
    arn_west = AUTHORIZATION_ARN.replace("us-east-1", "eu-west-1")
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"))
    prov.create({**oauth_inputs(), "app_authorization_identifier": arn_west})
    assert regions_asked == ["eu-west-1"]
