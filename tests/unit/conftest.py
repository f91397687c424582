"""Fixtures for provider unit tests: a botocore Stubber in place of AppFabric."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from appfabric_connect import AppAuthorizationConnectionProvider, aws, provider


@pytest.fixture
def stubber(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stubber]:
    """AppFabric answered by a Stubber; every expected call must have been made."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUNITTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "unit-secret-key")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.session.Session().client("appfabric", region_name="us-east-1")
    regions: list[str] = []

    def stubbed_client(settings: aws.AwsSettings, region: str) -> Any:
        regions.append(region)
        return client

    monkeypatch.setattr(aws, "client", stubbed_client)
    with Stubber(client) as stub:
        stub.regions = regions  # type: ignore[attr-defined]
        yield stub
        stub.assert_no_pending_responses()


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A fake clock: ``provider.sleep`` advances it instead of waiting; returns the sleeps."""
    now = [1000.0]
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(provider, "sleep", fake_sleep)
    monkeypatch.setattr(provider, "monotonic", lambda: now[0])
    return sleeps


@pytest.fixture
def prov() -> AppAuthorizationConnectionProvider:
    return AppAuthorizationConnectionProvider()
