"""configure: stack config sets region, profile, endpoint, retries and the connect timeout."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.stub import Stubber
from pulumi.dynamic import Config, ConfigureRequest

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.aws import clients
from tests.unit.aws_stub import authorization, connect_params, oauth_inputs, summary


def configured(values: dict[str, str]) -> AppAuthorizationConnectionProvider:
    prov = AppAuthorizationConnectionProvider()
    prov.configure(ConfigureRequest(Config(values, "project")))
    return prov


def test_stack_config_becomes_the_client_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[clients.AwsSettings, str]] = []

    def record(settings: clients.AwsSettings, region: str) -> Any:
        seen.append((settings, region))
        raise ConnectionFailed("recorded")

    monkeypatch.setattr(clients, "client", record)
    prov = configured(
        {
            "aws:region": "eu-west-1",
            "aws:profile": "ops",
            "appfabric-connect:endpoint": "http://127.0.0.1:4599",
            "appfabric-connect:retryMode": "adaptive",
            "appfabric-connect:maxAttempts": "4",
        }
    )
    with pytest.raises(ConnectionFailed):
        prov.create(oauth_inputs())
    assert seen == [
        (
            clients.AwsSettings(
                region="eu-west-1",
                profile="ops",
                endpoint_url="http://127.0.0.1:4599",
                retry_mode="adaptive",
                max_attempts=4,
            ),
            "eu-west-1",
        )
    ]


def test_a_client_gets_the_configured_retry_mode_and_attempts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUNITTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "unit-secret-key")
    client = clients.client(clients.AwsSettings(retry_mode="adaptive", max_attempts=4), "us-east-1")
    config: Any = client.meta.config
    assert config.retries == {"mode": "adaptive", "total_max_attempts": 4}


def stays_pending(stubber: Stubber) -> None:
    """Connect answers PendingConnect, and so does every later read."""
    stubber.add_response("connect_app_authorization", summary("PendingConnect"), connect_params())
    for _ in range(20):
        stubber.add_response("get_app_authorization", authorization("PendingConnect"))


def test_the_configured_connect_timeout_bounds_the_wait(
    spare_stubber: Stubber, no_sleep: list[float]
) -> None:
    prov = configured({"appfabric-connect:connectTimeout": "2"})
    stays_pending(spare_stubber)
    with pytest.raises(ConnectionFailed, match="after 2 s"):
        prov.create(oauth_inputs())
    assert sum(no_sleep) == pytest.approx(2, abs=0.01)


def test_the_resource_connect_timeout_wins_over_stack_config(
    spare_stubber: Stubber, no_sleep: list[float]
) -> None:
    prov = configured({"appfabric-connect:connectTimeout": "2"})
    stays_pending(spare_stubber)
    with pytest.raises(ConnectionFailed, match="after 1 s"):
        prov.create({**oauth_inputs(), "connect_timeout": 1})


def test_the_aws_profile_supplies_the_region(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    config_file = tmp_path / "config"
    config_file.write_text("[profile ops]\nregion = eu-west-2\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    seen: list[tuple[clients.AwsSettings, str]] = []

    def record(settings: clients.AwsSettings, region: str) -> Any:
        seen.append((settings, region))
        raise ConnectionFailed("recorded")

    monkeypatch.setattr(clients, "client", record)
    with pytest.raises(ConnectionFailed):
        configured({"aws:profile": "ops"}).create(oauth_inputs())
    assert seen == [(clients.AwsSettings(profile="ops"), "eu-west-2")]


def test_an_unknown_aws_profile_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    (tmp_path / "config").write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConnectionFailed) as raised:
        configured({"aws:profile": "nope"}).create(oauth_inputs())
    message = str(raised.value)
    assert "nope" in message
    assert "fix `aws:profile` or AWS_PROFILE" in message
    assert "\n" not in message
