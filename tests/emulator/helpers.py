"""Helpers shared by the emulator tests: raw HTTP, error access, ids, OAuth connect, capture."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypedDict
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError

from appfabric_connect.emulator import EmulatorControl

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

CONSOLE_REDIRECT = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"
SIGV4 = (
    "AWS4-HMAC-SHA256 Credential=AKIAEMULATOR/20261128/{region}/appfabric/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=0000"
)


class AuthorizationIds(TypedDict):
    appBundleIdentifier: str
    appAuthorizationIdentifier: str


def ids_of(bundle: str, authorization: Mapping[str, Any]) -> AuthorizationIds:
    """The identifiers of an authorization's operations: its bundle and its ARN."""
    return {
        "appBundleIdentifier": bundle,
        "appAuthorizationIdentifier": authorization["appAuthorizationArn"],
    }


def connection(url: str) -> http.client.HTTPConnection:
    """A keep-alive HTTP connection to the emulator at `url`."""
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)


def error(excinfo: pytest.ExceptionInfo[ClientError]) -> dict[str, Any]:
    """The parsed error response of a ClientError (Error, modeled members, metadata)."""
    response: dict[str, Any] = dict(excinfo.value.response)
    return response


def code_of(excinfo: pytest.ExceptionInfo[ClientError]) -> str:
    return str(excinfo.value.response["Error"]["Code"])


def raw(
    url: str,
    method: str,
    target: str,
    body: Any = None,
    region: str | None = "us-east-1",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """One plain HTTP request; signed-looking (not really signed) unless region is None."""
    conn = connection(url)
    all_headers = dict(headers or {})
    if region is not None:
        all_headers.setdefault("Authorization", SIGV4.format(region=region))
    payload = body if isinstance(body, bytes) else (json.dumps(body).encode() if body else None)
    try:
        conn.request(method, target, body=payload, headers=all_headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def connect_oauth(
    client: AppFabricClient,
    control: EmulatorControl,
    bundle: str,
    authorization: Mapping[str, Any],
    redirect_uri: str = CONSOLE_REDIRECT,
) -> str:
    """Consent in the "browser", then ConnectAppAuthorization with the code; returns the status."""
    code = control.obtain_code(authorization["authUrl"], redirect_uri)
    response = client.connect_app_authorization(
        **ids_of(bundle, authorization), authRequest={"redirectUri": redirect_uri, "code": code}
    )
    return response["appAuthorizationSummary"]["status"]


def status_of(client: AppFabricClient, bundle: str, authorization: Mapping[str, Any]) -> str:
    response = client.get_app_authorization(**ids_of(bundle, authorization))
    return response["appAuthorization"]["status"]


class Captured:
    """Raw HTTP exchanges seen by a boto3 client: (operation, status, body) per response."""

    def __init__(self) -> None:
        self.responses: list[tuple[str, int, bytes]] = []
        self.urls: list[str] = []

    def on_before_parse(self, operation_model: Any, response_dict: Any, **kwargs: Any) -> None:
        self.responses.append(
            (operation_model.name, response_dict["status_code"], response_dict["body"])
        )

    def on_before_send(self, request: Any, **kwargs: Any) -> None:
        self.urls.append(request.url)


@contextmanager
def capture(client: AppFabricClient) -> Iterator[Captured]:
    captured = Captured()
    events = client.meta.events
    events.register("before-parse.appfabric.*", captured.on_before_parse)
    events.register("before-send.appfabric.*", captured.on_before_send)
    try:
        yield captured
    finally:
        events.unregister("before-parse.appfabric.*", captured.on_before_parse)
        events.unregister("before-send.appfabric.*", captured.on_before_send)
