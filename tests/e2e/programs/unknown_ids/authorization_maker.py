"""A small dynamic resource that creates an AppFabric app authorization (PendingConnect) with boto3.

Its ``bundle_arn`` and ``authorization_arn`` are unknown until it is created, so during a preview
a connection that consumes them is checked with unknown identifiers. Defined in an importable
module, so the provider is pickled by reference and imported again in the provider process.
"""

from __future__ import annotations

from typing import Any

import boto3
import pulumi
from pulumi.dynamic import CreateResult, Resource, ResourceProvider

from appfabric_connect.emulator.seed import seed_authorization


def _client(region: str) -> Any:
    # AWS_ENDPOINT_URL_APPFABRIC and the credentials come from the environment.
    return boto3.client("appfabric", region_name=region)


class AuthorizationMakerProvider(ResourceProvider):
    serialize_as_secret_always = False

    def create(self, props: dict[str, Any]) -> CreateResult:
        created = seed_authorization(
            _client(props["region"]), props["bundle"], props["auth_type"], props["app"]
        )
        outs = {
            **props,
            "bundle_arn": created["appBundleArn"],
            "authorization_arn": created["appAuthorizationArn"],
        }
        return CreateResult(created["appAuthorizationArn"], outs)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        _client(props["region"]).delete_app_authorization(
            appBundleIdentifier=props["bundle_arn"], appAuthorizationIdentifier=id_
        )


class AuthorizationMaker(Resource):
    bundle_arn: pulumi.Output[str]
    authorization_arn: pulumi.Output[str]

    def __init__(
        self, name: str, *, bundle: str, auth_type: str, app: str, region: str = "us-east-1"
    ) -> None:
        props = {
            "bundle": bundle,
            "auth_type": auth_type,
            "app": app,
            "region": region,
            "bundle_arn": None,
            "authorization_arn": None,
        }
        super().__init__(AuthorizationMakerProvider(), name, props)
