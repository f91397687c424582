"""The suite's shared fixtures live in tests/support; these plugins make them visible everywhere."""

from __future__ import annotations

import asyncio
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import appfabric_connect

pytest_plugins = [
    "tests.support.emulator_fixtures",
    "tests.support.provider_fixtures",
    "tests.support.pulumi_fixtures",
    "tests.support.cli",
]


def pytest_report_header(config: pytest.Config) -> str:
    """Which appfabric_connect the tests run: the installed wheel or a checkout."""
    where = Path(appfabric_connect.__file__).parent
    return f"appfabric_connect {appfabric_connect.__version__}: {where}"


def pytest_sessionstart(session: pytest.Session) -> None:
    # scripts/test-installed runs the suite against the installed wheel: make sure it does.
    package = Path(appfabric_connect.__file__).resolve()
    if os.environ.get("APPFABRIC_CONNECT_EXPECT_INSTALLED") and (
        "site-packages" not in package.parts or session.config.rootpath in package.parents
    ):
        raise pytest.UsageError(f"expected the installed wheel, but imported {package}")


@pytest.fixture(autouse=True)
def event_loop_left_as_found() -> Iterator[None]:
    """A test may not change the main thread's current event loop: Pulumi's mocks run on it,
    so a test that did (``asyncio.run`` leaves none) would break the next mocked program."""
    policy = asyncio.get_event_loop_policy()
    loop = _current_loop(policy)
    yield
    try:
        left = policy.get_event_loop()
    except RuntimeError:
        left = None
    if left is not loop:
        policy.set_event_loop(loop)
        pytest.fail("the test changed the current event loop: run coroutines on a private loop")


def _current_loop(policy: asyncio.AbstractEventLoopPolicy) -> asyncio.AbstractEventLoop:
    """The thread's current loop, a new one made current if it has none (as Pulumi's mocks do;
    quietly: Python 3.12+ warns when get_event_loop makes one)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return policy.get_event_loop()
        except RuntimeError:
            loop = policy.new_event_loop()
            policy.set_event_loop(loop)
            return loop
