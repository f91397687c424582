"""No credentials, wrong or missing region, endpoint down: one clear line naming what to set."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from tests.reliability.helpers import inputs, one_clear_line, uuid_of

CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
)


@pytest.fixture
def empty_aws_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No shared credentials or config file and no instance metadata: boto3 finds nothing."""
    for name in ("credentials", "config"):
        (tmp_path / name).write_text("")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def by_uuid(authorization: Any, **extra: Any) -> dict[str, Any]:
    """Inputs by UUID: the region then comes from `region`, config or the environment."""
    return {
        "app_bundle_identifier": str(authorization["appBundleArn"]).rsplit("/", 1)[1],
        "app_authorization_identifier": uuid_of(authorization),
        **extra,
    }


def create_fails(prov: AppAuthorizationConnectionProvider, props: dict[str, Any]) -> str:
    started = time.monotonic()
    with pytest.raises(ConnectionFailed) as raised:
        prov.create(props)
    assert time.monotonic() - started < 10
    message = one_clear_line(raised.value)
    print(f"\n{message}")
    return message


def test_no_credentials_fails_in_one_line_naming_the_variables_to_set(
    prov: AppAuthorizationConnectionProvider,
    api_key_authorization: Any,
    empty_aws_config: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    message = create_fails(prov, inputs(api_key_authorization))
    assert "no AWS credentials" in message
    assert "AWS_ACCESS_KEY_ID" in message
    assert "AWS_SECRET_ACCESS_KEY" in message
    assert "AWS_PROFILE" in message
    assert "aws:profile" in message


def test_wrong_region_fails_in_one_line_naming_the_region_to_set(
    prov: AppAuthorizationConnectionProvider,
    api_key_authorization: Any,
) -> None:
    message = create_fails(prov, by_uuid(api_key_authorization, region="eu-west-1"))
    assert "ResourceNotFoundException" in message
    assert "eu-west-1" in message
    assert "`region`" in message
    assert "aws:region" in message


def test_no_region_fails_in_one_line_naming_where_to_set_it(
    prov: AppAuthorizationConnectionProvider,
    api_key_authorization: Any,
    empty_aws_config: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    message = create_fails(prov, by_uuid(api_key_authorization))
    assert "No AWS region" in message
    assert "`region`" in message
    assert "aws:region" in message
    assert "AWS_REGION" in message


def test_endpoint_down_fails_in_one_line_naming_the_endpoint_setting(
    prov: AppAuthorizationConnectionProvider,
    api_key_authorization: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL_APPFABRIC", f"http://127.0.0.1:{port}")
    # One retry instead of ten: botocore's backoff for connection errors would take ~25 s.
    prov.configure(ConfigureRequest(Config({"appfabric-connect:maxAttempts": "1"}, "p")))
    message = create_fails(prov, inputs(api_key_authorization))
    assert f"endpoint http://127.0.0.1:{port} (region us-east-1)" in message  # not the URL path
    assert "AWS_ENDPOINT_URL_APPFABRIC" in message
    assert "appfabric-connect:endpoint" in message
