"""Wire protocol: SigV4 scope, restJson1 errors and validation, routing, keep-alive, one write."""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from botocore.exceptions import ClientError

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from appfabric_connect.emulator.server import _Handler

from .helpers import capture, code_of, connection, error, raw

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef


def test_request_without_authorization_header_is_access_denied(
    emulator_control: EmulatorControl,
) -> None:
    status, headers, body = raw(emulator_control.url, "GET", "/appbundles", region=None)
    assert status == 403
    assert headers["x-amzn-errortype"] == "AccessDeniedException"
    assert set(json.loads(body)) == {"message"}


def test_authorization_header_without_sigv4_scope_is_access_denied(
    emulator_control: EmulatorControl,
) -> None:
    status, headers, _ = raw(
        emulator_control.url,
        "GET",
        "/appbundles",
        region=None,
        headers={"Authorization": "Bearer x"},
    )
    assert (status, headers["x-amzn-errortype"]) == (403, "AccessDeniedException")


def test_credential_scoped_to_another_service_is_access_denied(
    emulator_control: EmulatorControl,
) -> None:
    scope = "AWS4-HMAC-SHA256 Credential=A/20261128/us-east-1/s3/aws4_request, Signature=0"
    status, headers, body = raw(
        emulator_control.url, "GET", "/appbundles", region=None, headers={"Authorization": scope}
    )
    assert (status, headers["x-amzn-errortype"]) == (403, "AccessDeniedException")
    assert json.loads(body)["message"] == "Credential should be scoped to service 'appfabric'"


def test_region_comes_from_the_credential_scope(
    appfabric_factory: Callable[..., AppFabricClient],
) -> None:
    west = appfabric_factory("us-west-2")
    arn = west.create_app_bundle()["appBundle"]["arn"]
    auth = west.create_app_authorization(
        appBundleIdentifier=arn,
        app="ASANA",
        authType="apiKey",
        credential={"apiKeyCredential": {"apiKey": "k"}},
        tenant={"tenantIdentifier": "t", "tenantDisplayName": "T"},
    )["appAuthorization"]
    assert arn.startswith("arn:aws:appfabric:us-west-2:123456789012:appbundle/")
    assert auth["appAuthorizationArn"].startswith(f"{arn}/appauthorization/")
    east = appfabric_factory("us-east-1")
    assert east.list_app_bundles()["appBundleSummaryList"] == []
    with pytest.raises(ClientError) as excinfo:
        east.get_app_bundle(appBundleIdentifier=arn)
    assert code_of(excinfo) == "ResourceNotFoundException"


def test_console_redirect_default_follows_the_authorization_region(
    appfabric_factory: Callable[..., AppFabricClient], emulator_control: EmulatorControl
) -> None:
    west = appfabric_factory("us-west-2")
    arn = west.create_app_bundle()["appBundle"]["arn"]
    auth = west.create_app_authorization(
        appBundleIdentifier=arn,
        app="SLACK",
        authType="oauth2",
        credential={"oauth2Credential": {"clientId": "c", "clientSecret": "s"}},
        tenant={"tenantIdentifier": "t", "tenantDisplayName": "T"},
    )["appAuthorization"]
    target = auth["authUrl"].split("/", 3)[3]
    _, headers, _ = raw(emulator_control.url, "GET", "/" + target, region=None)
    assert headers["location"].startswith(
        "https://us-west-2.console.aws.amazon.com/appfabric/oauth2?"
    )


def test_boto3_percent_encodes_arn_labels_and_the_emulator_decodes_them(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    arn = oauth2_authorization["appAuthorizationArn"]
    with capture(appfabric) as captured:
        got = appfabric.get_app_authorization(
            appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=arn
        )
    assert quote(arn, safe="") in captured.urls[0]
    assert got["appAuthorization"]["appAuthorizationArn"] == arn


def test_arn_label_with_only_slashes_encoded_is_decoded(
    emulator_control: EmulatorControl, bundle_arn: str
) -> None:
    target = "/appbundles/" + bundle_arn.replace("/", "%2F")
    status, _, body = raw(emulator_control.url, "GET", target)
    assert status == 200
    assert json.loads(body) == {"appBundle": {"arn": bundle_arn}}


def test_unimplemented_modeled_operation_is_an_unknown_operation(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        appfabric.list_ingestions(appBundleIdentifier=bundle_arn)
    assert error(excinfo)["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error(excinfo)["reason"] == "unknownOperation"


def test_unknown_route_is_an_unknown_operation(emulator_control: EmulatorControl) -> None:
    status, headers, body = raw(emulator_control.url, "PUT", "/nowhere")
    assert (status, headers["x-amzn-errortype"]) == (400, "ValidationException")
    assert json.loads(body)["reason"] == "unknownOperation"


def test_body_that_is_not_json_cannot_be_parsed(emulator_control: EmulatorControl) -> None:
    status, headers, body = raw(emulator_control.url, "POST", "/appbundles", body=b"{not json")
    assert (status, headers["x-amzn-errortype"]) == (400, "ValidationException")
    assert json.loads(body)["reason"] == "cannotParse"


def test_field_validation_lists_every_failing_field(
    appfabric_factory: Callable[..., AppFabricClient], bundle_arn: str
) -> None:
    client = appfabric_factory(parameter_validation=False)
    invalid: dict[str, Any] = {
        "appBundleIdentifier": bundle_arn,
        "app": "x" * 256,
        "authType": "password",
        "credential": {"oauth2Credential": {"clientId": "c"}},
        "tenant": {"tenantIdentifier": "t"},
    }
    with pytest.raises(client.exceptions.ValidationException) as excinfo:
        client.create_app_authorization(**invalid)
    body = error(excinfo)
    assert body["reason"] == "fieldValidationFailed"
    assert sorted(f["name"] for f in body["fieldList"]) == [
        "app",
        "authType",
        "credential.oauth2Credential.clientSecret",
        "tenant.tenantDisplayName",
    ]
    assert body["Error"]["Message"].startswith("4 validation errors detected")


def test_identifier_failing_the_model_pattern_is_a_validation_error(
    appfabric: AppFabricClient,
) -> None:
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        appfabric.get_app_bundle(appBundleIdentifier="not-an-identifier")
    assert error(excinfo)["fieldList"][0]["name"] == "appBundleIdentifier"
    assert "pattern" in error(excinfo)["fieldList"][0]["message"]


def test_max_results_outside_the_modeled_range_is_a_validation_error(
    appfabric_factory: Callable[..., AppFabricClient],
) -> None:
    client = appfabric_factory(parameter_validation=False)
    with pytest.raises(client.exceptions.ValidationException) as excinfo:
        client.list_app_bundles(maxResults=101)
    assert error(excinfo)["fieldList"] == [
        {"name": "maxResults", "message": "Member must have value less than or equal to 100"}
    ]


def test_redirect_uri_must_match_the_model_pattern(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        appfabric.connect_app_authorization(
            appBundleIdentifier=bundle_arn,
            appAuthorizationIdentifier=oauth2_authorization["appAuthorizationArn"],
            authRequest={"redirectUri": "ftp://nope", "code": "c"},
        )
    assert [f["name"] for f in error(excinfo)["fieldList"]] == ["authRequest.redirectUri"]


def test_unexpected_server_error_is_a_modeled_500(
    appfabric_factory: Callable[..., AppFabricClient],
    emulator: EmulatorServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(emulator.backend, "list_app_bundles", boom)
    client = appfabric_factory(max_attempts=1)
    with pytest.raises(client.exceptions.InternalServerException):
        client.list_app_bundles()


def test_keep_alive_connection_serves_many_requests(emulator_control: EmulatorControl) -> None:
    conn = connection(emulator_control.url)
    headers = {
        "Authorization": "AWS4-HMAC-SHA256 Credential=A/20261128/us-east-1/appfabric/aws4_request"
    }
    conn.request("GET", "/appbundles", headers=headers)
    conn.getresponse().read()
    sock = conn.sock
    for _ in range(20):
        conn.request("GET", "/appbundles", headers=headers)
        response = conn.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Length") == str(len(response.read()))
    assert conn.sock is sock
    conn.close()


class _FakeSocket:
    """Just enough of a socket for the request handler, recording options and sends."""

    def __init__(self, request: bytes) -> None:
        self._rfile = io.BytesIO(request)
        self.sent: list[bytes] = []
        self.options: dict[tuple[int, int], Any] = {}

    def makefile(self, mode: str, buffering: int = -1) -> io.BytesIO:
        return self._rfile

    def setsockopt(self, level: int, option: int, value: Any) -> None:
        self.options[(level, option)] = value

    def settimeout(self, timeout: float | None) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        self.sent.append(bytes(data))


@pytest.mark.parametrize(
    "target",
    ["/_emulator/health", "/appbundles", "/appbundles/00000000-0000-4000-8000-000000000000"],
)
def test_each_response_is_one_send_on_a_nodelay_socket(
    emulator: EmulatorServer, target: str
) -> None:
    fake = _FakeSocket(
        f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        "Authorization: AWS4-HMAC-SHA256 Credential=A/20261128/us-east-1/appfabric/aws4_request"
        "\r\n\r\n".encode()
    )
    _Handler(fake, ("127.0.0.1", 1), emulator._httpd)  # type: ignore[arg-type]
    assert fake.options[(socket.IPPROTO_TCP, socket.TCP_NODELAY)]
    assert len(fake.sent) == 1
    head, _, body = fake.sent[0].partition(b"\r\n\r\n")
    assert f"Content-Length: {len(body)}".encode() in head


def test_chunked_request_body_is_read(emulator_control: EmulatorControl) -> None:
    conn = connection(emulator_control.url)
    headers = {
        "Authorization": "AWS4-HMAC-SHA256 Credential=A/20261128/us-east-1/appfabric/aws4_request"
    }
    conn.request(
        "POST",
        "/appbundles",
        body=iter([b'{"tags":', b"[]}"]),
        headers=headers,
        encode_chunked=True,
    )
    response = conn.getresponse()
    assert response.status == 201
    assert json.loads(response.read())["appBundle"]["arn"].startswith(
        "arn:aws:appfabric:us-east-1:"
    )
    conn.close()
