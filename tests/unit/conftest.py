"""Fixtures for provider unit tests: a botocore Stubber in place of AppFabric, and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import boto3
import pytest
from botocore.stub import Stubber

from appfabric_connect.aws import clients
from appfabric_connect.aws.settings import AwsSettings
from appfabric_connect.core import connect

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


@pytest.fixture
def regions_asked() -> list[str]:
    """The region of every client the provider asked for, in order."""
    return []


@pytest.fixture
def stubbed_client(monkeypatch: pytest.MonkeyPatch, regions_asked: list[str]) -> AppFabricClient:
    """The one AppFabric client the provider gets, whatever its settings and region."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUNITTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "unit-secret-key")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.session.Session().client("appfabric", region_name="us-east-1")

    def stubbed(settings: AwsSettings, region: str) -> AppFabricClient:
        regions_asked.append(region)
        return client

    monkeypatch.setattr(clients, "client", stubbed)
    return client


@pytest.fixture
def stubber(stubbed_client: AppFabricClient) -> Iterator[Stubber]:
    """AppFabric answered by a Stubber; every expected call must have been made, and no other."""
    with Stubber(stubbed_client) as stub:
        yield stub
        stub.assert_no_pending_responses()


@pytest.fixture
def spare_stubber(stubbed_client: AppFabricClient) -> Iterator[Stubber]:
    """A Stubber that may keep answers unused: for waits that end on the clock, not on an answer."""
    with Stubber(stubbed_client) as stub:
        yield stub


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A fake clock for every unit test: the provider's sleeps advance it instead of waiting;
    returns the sleeps."""
    now = [1000.0]
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(connect, "sleep", fake_sleep)
    monkeypatch.setattr(connect, "monotonic", lambda: now[0])
    return sleeps
