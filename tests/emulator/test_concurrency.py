"""Many clients at once: every create and connect succeeds and the counts add up."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import seed_authorization

from .helpers import connect_oauth

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

CLIENTS = 50


def test_fifty_parallel_clients_create_and_connect_authorizations(
    appfabric_factory: Callable[..., AppFabricClient],
    emulator_control: EmulatorControl,
    bundle_arn: str,
) -> None:
    clients = [appfabric_factory() for _ in range(CLIENTS)]

    def work(index: int) -> str:
        client = clients[index]
        if index % 2:
            auth = seed_authorization(client, bundle_arn, "apiKey", "ASANA", tenant_id=f"t{index}")
            return client.connect_app_authorization(
                appBundleIdentifier=bundle_arn,
                appAuthorizationIdentifier=auth["appAuthorizationArn"],
            )["appAuthorizationSummary"]["status"]
        auth = seed_authorization(client, bundle_arn, "oauth2", "SLACK", tenant_id=f"t{index}")
        return connect_oauth(client, emulator_control, bundle_arn, auth)

    emulator_control.reset_calls()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = list(pool.map(work, range(CLIENTS)))

    assert statuses == ["Connected"] * CLIENTS
    listed = clients[0].list_app_authorizations(appBundleIdentifier=bundle_arn)
    summaries = listed["appAuthorizationSummaryList"]
    assert len(summaries) == CLIENTS
    assert len({s["appAuthorizationArn"] for s in summaries}) == CLIENTS
    assert {s["status"] for s in summaries} == {"Connected"}
    assert emulator_control.calls() == {
        "CreateAppAuthorization": CLIENTS,
        "ConnectAppAuthorization": CLIENTS,
        "ListAppAuthorizations": 1,
    }
