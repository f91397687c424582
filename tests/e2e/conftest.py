"""Fixtures for end-to-end runs of the real Pulumi CLI against the session's AppFabric emulator.

Each test gets a throwaway project (``make_project``: the repo's ``Pulumi.yaml`` plus the root
``__main__.py`` or a program from ``tests/e2e/programs/<name>/``) on a ``file://`` backend of
its own, a session-wide ``PULUMI_HOME``, and AWS settings that point at the emulator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator.seed import Seeded, seed_demo
from tests.support.pulumi_project import PulumiProject

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


@pytest.fixture
def seeded(appfabric: AppFabricClient) -> Seeded:
    """A bundle with a PendingConnect oauth2 SLACK and apiKey ASANA authorization."""
    return seed_demo(appfabric)


@pytest.fixture
def connected_stack(
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    obtain_code: Callable[[Mapping[str, Any]], str],
) -> PulumiProject:
    """The root program with ``slack`` (oauth2, with a code) and ``asana`` (apiKey), after up."""
    stack = make_project()
    stack.seeded = seeded
    stack.set_connections(
        seeded.bundle_arn,
        [
            ("slack", seeded.oauth2_authorization["appAuthorizationArn"], True),
            ("asana", seeded.api_key_authorization["appAuthorizationArn"], False),
        ],
    )
    stack.set_code(0, obtain_code(seeded.oauth2_authorization))
    stack.up()
    return stack
