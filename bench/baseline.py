"""The baseline: a create that waits like Terraform's aws_appfabric_app_authorization_connection.

Terraform calls ConnectAppAuthorization, then waits with the Plugin SDK's ``StateChangeConf``
(Pending PendingConnect, Target Connected): a first GetAppAuthorization at once, then the wait
starts at 100 ms and doubles before each further poll (200 ms, 400 ms, 800 ms, …, at most 10 s).
So it makes at least two calls even when Connect already answered Connected.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

FIRST_WAIT = 0.1
MAX_WAIT = 10.0


@dataclass(frozen=True)
class BaselineResult:
    status: str
    polls: int


def terraform_like_create(
    client: AppFabricClient, bundle: str, authorization: str, timeout: float = 300.0
) -> BaselineResult:
    """Connect, then poll GetAppAuthorization until Connected (StateChangeConf's schedule)."""
    start = time.perf_counter()
    client.connect_app_authorization(
        appBundleIdentifier=bundle, appAuthorizationIdentifier=authorization
    )
    wait = 0.0
    polls = 0
    while True:
        if wait:
            time.sleep(wait)
        status = client.get_app_authorization(
            appBundleIdentifier=bundle, appAuthorizationIdentifier=authorization
        )["appAuthorization"]["status"]
        polls += 1
        if status != "PendingConnect" or time.perf_counter() - start > timeout:
            return BaselineResult(status, polls)
        wait = min((wait or FIRST_WAIT) * 2, MAX_WAIT)
