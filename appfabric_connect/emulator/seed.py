"""Seed an AppFabric endpoint (normally the emulator) with plain boto3 calls for tests and demos."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef, CredentialTypeDef

AuthType = Literal["oauth2", "apiKey"]

DEMO_CLIENT_SECRET = "emulator-client-secret"
DEMO_API_KEY = "emulator-api-key"


@dataclass(frozen=True)
class Seeded:
    bundle_arn: str
    oauth2_authorization: AppAuthorizationTypeDef
    api_key_authorization: AppAuthorizationTypeDef


def seed_bundle(client: AppFabricClient) -> str:
    """The ARN of the region's app bundle, created if there is none (one is allowed per Region)."""
    existing = client.list_app_bundles()["appBundleSummaryList"]
    if existing:
        return existing[0]["arn"]
    return client.create_app_bundle()["appBundle"]["arn"]


def seed_authorization(
    client: AppFabricClient,
    bundle: str,
    auth_type: AuthType = "oauth2",
    app: str = "SLACK",
    tenant_id: str | None = None,
    tenant_name: str | None = None,
) -> AppAuthorizationTypeDef:
    """Create an app authorization (status PendingConnect) in `bundle` (ARN or UUID)."""
    credential: CredentialTypeDef
    if auth_type == "oauth2":
        client_id = f"{app.lower()}-client-id"
        credential = {
            "oauth2Credential": {"clientId": client_id, "clientSecret": DEMO_CLIENT_SECRET}
        }
    else:
        credential = {"apiKeyCredential": {"apiKey": DEMO_API_KEY}}
    response = client.create_app_authorization(
        appBundleIdentifier=bundle,
        app=app,
        authType=auth_type,
        credential=credential,
        tenant={
            "tenantIdentifier": tenant_id or f"{app.lower()}-tenant",
            "tenantDisplayName": tenant_name or f"{app.title()} (emulator)",
        },
    )
    return response["appAuthorization"]


def seed_demo(client: AppFabricClient) -> Seeded:
    """A bundle with an oauth2 SLACK and an apiKey ASANA authorization, both PendingConnect."""
    bundle = seed_bundle(client)
    slack = seed_authorization(client, bundle, "oauth2", "SLACK")
    asana = seed_authorization(client, bundle, "apiKey", "ASANA")
    return Seeded(bundle, slack, asana)
