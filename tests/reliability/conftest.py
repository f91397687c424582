"""Fixtures for reliability tests: the real provider against the real emulator over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider, aws
from appfabric_connect.emulator import EmulatorControl
from tests.reliability.helpers import REDIRECT_URI


@pytest.fixture(autouse=True)
def fresh_clients() -> Iterator[None]:
    """``aws`` caches clients (and their retry quota) per process: none leak between tests."""
    aws.clear_clients()
    yield
    aws.clear_clients()


@pytest.fixture
def prov(aws_env: str) -> AppAuthorizationConnectionProvider:
    """The real provider, unconfigured (like a stack with no config), pointed at the emulator."""
    return AppAuthorizationConnectionProvider()


@pytest.fixture
def new_code(emulator_control: EmulatorControl) -> Callable[[Any], str]:
    """A fresh OAuth code for an oauth2 authorization: the "browser" approves at once."""

    def obtain(authorization: Any) -> str:
        return emulator_control.obtain_code(authorization["authUrl"], REDIRECT_URI)

    return obtain
