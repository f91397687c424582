"""Stripped-down dynamic providers that isolate the cost of each layer of a Create.

Served by the same ``python -m pulumi.dynamic`` process (4 gRPC workers) as the real provider,
and pickled by reference to this module (the provider process gets the repository on
PYTHONPATH):

* :class:`SleepProvider` waits one round trip and answers: gRPC, the dynamic-provider servicer
  and property (de)serialization only.
* :class:`Boto3Provider` makes the one ConnectAppAuthorization call with a shared boto3 client
  and answers: the above plus boto3, without any of the real provider's own logic.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import boto3
from pulumi.dynamic import CreateResult, ResourceProvider

_client: Any = None
_lock = threading.Lock()


class SleepProvider(ResourceProvider):
    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def create(self, props: dict[str, Any]) -> CreateResult:
        time.sleep(self.seconds)
        return CreateResult(props["app_authorization_identifier"], {"status": "Connected"})


class Boto3Provider(ResourceProvider):
    def create(self, props: dict[str, Any]) -> CreateResult:
        global _client
        with _lock:
            if _client is None:
                _client = boto3.session.Session().client(
                    "appfabric",
                    region_name=os.environ["AWS_REGION"],
                    endpoint_url=os.environ["AWS_ENDPOINT_URL_APPFABRIC"],
                )
        summary = _client.connect_app_authorization(
            appBundleIdentifier=props["app_bundle_identifier"],
            appAuthorizationIdentifier=props["app_authorization_identifier"],
        )["appAuthorizationSummary"]
        return CreateResult(summary["appAuthorizationArn"], {"status": summary["status"]})
