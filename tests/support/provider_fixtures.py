"""Provider fixtures: a fresh provider, and no botocore client cached from one test to the next."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import clients


@pytest.fixture(autouse=True)
def no_cached_clients() -> Iterator[None]:
    """The provider caches clients (credentials, endpoint, retry quota) per process: every test
    starts with none, whatever ran before it."""
    clients.clear_clients()
    yield
    clients.clear_clients()


@pytest.fixture
def prov() -> AppAuthorizationConnectionProvider:
    """The real provider, unconfigured (like a stack with no config)."""
    return AppAuthorizationConnectionProvider()
