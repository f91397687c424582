"""One client serves as many calls at once as a plugin runs operations, over pooled connections."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from appfabric_connect.aws import clients
from appfabric_connect.aws.settings import AwsSettings
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.package import servicer
from appfabric_connect.terraform import server

AUTHORIZATIONS = 8  # read over and over: a bundle holds 50 at most


@pytest.mark.parametrize(
    "front_end", [server.MAX_OPERATIONS, servicer.MAX_OPERATIONS], ids=["terraform", "package"]
)
def test_a_client_pools_a_connection_for_each_operation_a_plugin_runs_at_once(
    front_end: int,
) -> None:
    assert front_end <= clients.POOL_CONNECTIONS


def test_as_many_reads_at_once_as_a_plugin_runs_keep_their_connections(
    aws_env: str,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    make_authorization: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    made = [make_authorization("apiKey", "ASANA") for _ in range(AUTHORIZATIONS)]
    arns = [authorization["appAuthorizationArn"] for authorization in made]
    clients.clear_clients()
    client = clients.client(AwsSettings(), "us-east-1")
    emulator_control.set_faults(latency_ms=200)  # every read in flight at once
    try:
        with caplog.at_level(logging.WARNING), ThreadPoolExecutor(clients.POOL_CONNECTIONS) as pool:
            found = list(
                pool.map(
                    lambda i: client.get_app_authorization(
                        appBundleIdentifier=bundle_arn,
                        appAuthorizationIdentifier=arns[i % AUTHORIZATIONS],
                    ),
                    range(clients.POOL_CONNECTIONS),
                )
            )
    finally:
        emulator_control.set_faults(latency_ms=0)
        clients.clear_clients()

    assert len(found) == clients.POOL_CONNECTIONS
    assert [r.getMessage() for r in caplog.records if r.name.startswith("urllib3")] == []
