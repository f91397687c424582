"""OAuth 2.0 code grant: the consent page and the rules Connect applies to codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from appfabric_connect.emulator import EmulatorControl, EmulatorControlError, EmulatorServer

from .helpers import CONSOLE_REDIRECT, connect_oauth, error, ids_of, raw, status_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import (
        AppAuthorizationTypeDef,
        ConnectAppAuthorizationResponseTypeDef,
    )


def _location_params(url: str, target: str) -> tuple[int, str, dict[str, list[str]]]:
    status, headers, _ = raw(url, "GET", target, region=None)
    location = headers.get("location", "")
    return status, location, parse_qs(urlsplit(location).query)


def _target(auth_url: str, **extra: str) -> str:
    parts = urlsplit(auth_url)
    query = parts.query + "".join(f"&{k}={v}" for k, v in extra.items())
    return f"{parts.path}?{query}"


def _connect(
    appfabric: AppFabricClient,
    bundle: str,
    auth: AppAuthorizationTypeDef,
    code: str,
    redirect_uri: str = CONSOLE_REDIRECT,
) -> ConnectAppAuthorizationResponseTypeDef:
    return appfabric.connect_app_authorization(
        **ids_of(bundle, auth), authRequest={"redirectUri": redirect_uri, "code": code}
    )


def test_consent_redirects_to_the_console_with_code_and_state(
    emulator_control: EmulatorControl, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    auth_url = oauth2_authorization["authUrl"]
    state = parse_qs(urlsplit(auth_url).query)["state"][0]
    status, location, params = _location_params(emulator_control.url, _target(auth_url))
    assert status == 302
    assert location.startswith(CONSOLE_REDIRECT + "?")
    assert params["state"] == [state]
    assert len(params["code"][0]) >= 20


def test_consent_redirects_to_the_given_redirect_uri(
    emulator_control: EmulatorControl, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    target = _target(oauth2_authorization["authUrl"], redirect_uri="https://example.com/cb")
    status, location, params = _location_params(emulator_control.url, target)
    assert status == 302
    assert location.startswith("https://example.com/cb?")
    assert "code" in params


def test_consent_with_unsupported_response_type_redirects_an_error(
    emulator_control: EmulatorControl, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    target = _target(oauth2_authorization["authUrl"]).replace(
        "response_type=code", "response_type=token"
    )
    status, _, params = _location_params(emulator_control.url, target)
    assert status == 302
    assert params["error"] == ["unsupported_response_type"]
    assert "code" not in params


def test_consent_rejects_a_wrong_client_id_without_redirecting(
    emulator_control: EmulatorControl, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    target = _target(oauth2_authorization["authUrl"]).replace("client_id=", "client_id=x")
    status, headers, body = raw(emulator_control.url, "GET", target, region=None)
    assert status == 400
    assert "location" not in headers
    assert b"invalid_client" in body


def test_consent_rejects_an_unknown_authorization(emulator_control: EmulatorControl) -> None:
    status, headers, _ = raw(
        emulator_control.url,
        "GET",
        "/oauth2/authorize?client_id=a&response_type=code&app_authorization=nope",
        region=None,
    )
    assert status == 400
    assert "location" not in headers


def test_consent_rejects_an_api_key_authorization(
    emulator_control: EmulatorControl, api_key_authorization: AppAuthorizationTypeDef
) -> None:
    ident = api_key_authorization["appAuthorizationArn"].rsplit("/", 1)[1]
    target = f"/oauth2/authorize?client_id=&response_type=code&app_authorization={ident}"
    status, _, _ = raw(emulator_control.url, "GET", target, region=None)
    assert status == 400


def test_auth_url_state_changes_between_reads(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    got = appfabric.get_app_authorization(
        appBundleIdentifier=bundle_arn,
        appAuthorizationIdentifier=oauth2_authorization["appAuthorizationArn"],
    )["appAuthorization"]
    assert got["authUrl"] != oauth2_authorization["authUrl"]
    assert got["authUrl"].split("&state=")[0] == oauth2_authorization["authUrl"].split("&state=")[0]


def test_connect_with_a_fresh_code_connects(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    assert (
        connect_oauth(appfabric, emulator_control, bundle_arn, oauth2_authorization) == "Connected"
    )
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "Connected"


def test_connect_with_a_custom_redirect_uri_connects(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    redirect = "https://app.example.com/oauth/callback"
    assert (
        connect_oauth(appfabric, emulator_control, bundle_arn, oauth2_authorization, redirect)
        == "Connected"
    )


def test_connect_with_spent_code_fails_and_marks_validation_failed(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    code = emulator_control.obtain_code(oauth2_authorization["authUrl"])
    wrong_redirect = "https://elsewhere.example.com/cb"
    with pytest.raises(appfabric.exceptions.ValidationException):
        _connect(appfabric, bundle_arn, oauth2_authorization, code, wrong_redirect)
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        _connect(appfabric, bundle_arn, oauth2_authorization, code)
    body = error(excinfo)
    assert body["reason"] == "fieldValidationFailed"
    assert [f["name"] for f in body["fieldList"]] == ["authRequest.code"]
    assert "already been used" in body["message"]
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "ConnectionValidationFailed"


def test_replaying_the_code_of_a_connected_authorization_fails_but_keeps_it_connected(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    code = emulator_control.obtain_code(oauth2_authorization["authUrl"])
    _connect(appfabric, bundle_arn, oauth2_authorization, code)
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        _connect(appfabric, bundle_arn, oauth2_authorization, code)
    assert "already been used" in error(excinfo)["message"]
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "Connected"


def test_connect_with_expired_code_fails_and_marks_validation_failed(
    appfabric: AppFabricClient,
    emulator: EmulatorServer,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(emulator.backend.store.codes, "ttl_s", 0.0)
    code = emulator_control.obtain_code(oauth2_authorization["authUrl"])
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        _connect(appfabric, bundle_arn, oauth2_authorization, code)
    assert "expired" in error(excinfo)["message"]
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "ConnectionValidationFailed"


def test_connect_with_code_issued_for_another_authorization_fails(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    mine = make_authorization("oauth2", "SLACK")
    theirs = make_authorization("oauth2", "OKTA")
    code = emulator_control.obtain_code(theirs["authUrl"])
    with pytest.raises(appfabric.exceptions.ValidationException):
        _connect(appfabric, bundle_arn, mine, code)
    assert status_of(appfabric, bundle_arn, mine) == "ConnectionValidationFailed"
    assert (
        _connect(appfabric, bundle_arn, theirs, code)["appAuthorizationSummary"]["status"]
        == "Connected"
    )


def test_connect_with_unknown_code_fails_and_marks_validation_failed(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        _connect(appfabric, bundle_arn, oauth2_authorization, "made-up-code")
    assert [f["name"] for f in error(excinfo)["fieldList"]] == ["authRequest.code"]
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "ConnectionValidationFailed"


def test_connect_with_another_redirect_uri_than_the_code_was_issued_for_fails(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    code = emulator_control.obtain_code(oauth2_authorization["authUrl"], "https://a.example.com/cb")
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        _connect(appfabric, bundle_arn, oauth2_authorization, code, "https://b.example.com/cb")
    assert [f["name"] for f in error(excinfo)["fieldList"]] == ["authRequest.redirectUri"]
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "ConnectionValidationFailed"


def test_code_issued_before_a_client_id_change_is_rejected(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    code = emulator_control.obtain_code(oauth2_authorization["authUrl"])
    appfabric.update_app_authorization(
        appBundleIdentifier=bundle_arn,
        appAuthorizationIdentifier=oauth2_authorization["appAuthorizationArn"],
        credential={"oauth2Credential": {"clientId": "new-client", "clientSecret": "s"}},
    )
    with pytest.raises(appfabric.exceptions.ValidationException):
        _connect(appfabric, bundle_arn, oauth2_authorization, code)


def test_rejected_code_never_appears_in_the_error(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    code = emulator_control.obtain_code(oauth2_authorization["authUrl"])
    _connect(appfabric, bundle_arn, oauth2_authorization, code)
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        _connect(appfabric, bundle_arn, oauth2_authorization, code)
    assert code not in str(excinfo.value.response)


def test_obtain_code_raises_when_consent_refuses(
    emulator_control: EmulatorControl, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    bad = oauth2_authorization["authUrl"].replace("client_id=", "client_id=x")
    with pytest.raises(EmulatorControlError) as excinfo:
        emulator_control.obtain_code(bad)
    assert excinfo.value.status == 400
