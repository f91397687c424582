"""AppFabric answers and provider inputs for Stubber-based unit tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from botocore.stub import Stubber
from pulumi.output import Unknown

from tests.support.appfabric import REDIRECT_URI

BUNDLE = "0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
AUTHORIZATION = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
ACCOUNT = "123456789012"
BUNDLE_ARN = f"arn:aws:appfabric:us-east-1:{ACCOUNT}:appbundle/{BUNDLE}"
AUTHORIZATION_ARN = f"{BUNDLE_ARN}/appauthorization/{AUTHORIZATION}"
CODE = "oauth-code-7f3a9c1e-super-secret"
AUTH_URL = "https://slack.com/oauth/v2/authorize?client_id=abc&state=xyz"
WHEN = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
# A value the engine does not know yet (during a preview).
UNKNOWN = Unknown()  # type: ignore[no-untyped-call]


def summary(status: str = "Connected", app: str = "SLACK") -> dict[str, Any]:
    return {
        "appAuthorizationSummary": {
            "appAuthorizationArn": AUTHORIZATION_ARN,
            "appBundleArn": BUNDLE_ARN,
            "app": app,
            "tenant": {"tenantIdentifier": "T0123", "tenantDisplayName": "Acme"},
            "status": status,
            "updatedAt": WHEN,
        }
    }


def authorization(
    status: str = "Connected", auth_type: str = "oauth2", app: str = "SLACK"
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "appAuthorizationArn": AUTHORIZATION_ARN,
        "appBundleArn": BUNDLE_ARN,
        "app": app,
        "tenant": {"tenantIdentifier": "T0123", "tenantDisplayName": "Acme"},
        "authType": auth_type,
        "status": status,
        "createdAt": WHEN,
        "updatedAt": WHEN,
        "persona": "admin",
    }
    if auth_type == "oauth2":
        item["authUrl"] = AUTH_URL
    return {"appAuthorization": item}


def read_first(stubber: Stubber, status: str = "PendingConnect", look_again: bool = True) -> None:
    """The reads made before an OAuth code is spent: by default a fresh, unconnected authorization
    (createdAt == updatedAt: no connect can be in flight), read again unchanged after the pause
    (``look_again``; not when the first read is adopted)."""
    for _ in range(2 if look_again else 1):
        stubber.add_response("get_app_authorization", authorization(status), identifiers_params())


def oauth_inputs(code: str = CODE) -> dict[str, Any]:
    return {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "auth_request": {"redirect_uri": REDIRECT_URI, "code": code},
    }


def identifiers_params() -> dict[str, Any]:
    return {"appBundleIdentifier": BUNDLE, "appAuthorizationIdentifier": AUTHORIZATION}


def connect_params(code: str = CODE) -> dict[str, Any]:
    return {**identifiers_params(), "authRequest": {"redirectUri": REDIRECT_URI, "code": code}}
