"""What the engine shows when the provider fails: one line for known failures, a report for bugs."""

from __future__ import annotations

import socket
from typing import Any

import grpc
import pytest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import clients
from appfabric_connect.provider import ProviderBug
from tests.support.provider_process import ProviderProcess
from tests.unit.aws_stub import AUTHORIZATION, CODE, oauth_inputs


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_the_engine_gets_one_line_naming_the_failure_and_what_to_set() -> None:
    env = {
        "AWS_ACCESS_KEY_ID": "AKIAUNITTEST",
        "AWS_SECRET_ACCESS_KEY": "unit-secret-key",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_APPFABRIC": f"http://127.0.0.1:{closed_port()}",
        "AWS_MAX_ATTEMPTS": "1",
    }
    with ProviderProcess(env) as process:
        process.configure({"appfabric-connect:maxAttempts": "1"})
        with pytest.raises(grpc.RpcError) as raised:
            process.create("c", oauth_inputs())
    details = raised.value.details()
    assert "\n" not in details.strip()
    assert details.startswith("appfabric_connect.provider.ConnectionFailed: ")
    assert "cannot reach the AppFabric endpoint" in details
    assert "AWS_ENDPOINT_URL_APPFABRIC" in details
    assert CODE not in details


def test_an_unexpected_error_becomes_a_provider_bug_with_its_traceback_and_no_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_client(*_: Any) -> Any:
        raise ValueError(f"invalid literal for int() with base 10: '{CODE}'")

    monkeypatch.setattr(clients, "client", broken_client)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with pytest.raises(ProviderBug) as raised:
        AppAuthorizationConnectionProvider().create(oauth_inputs())
    message = str(raised.value)
    assert message.startswith("appfabric-connect failed unexpectedly in create: ValueError")
    assert "broken_client" in message  # the traceback, for a bug report
    assert CODE not in message


def test_a_known_failure_is_not_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    with pytest.raises(Exception, match="No AWS region") as raised:
        AppAuthorizationConnectionProvider().create(
            {**oauth_inputs(), "app_authorization_identifier": AUTHORIZATION}
        )
    assert type(raised.value).__name__ == "ConnectionFailed"
