"""How users are told about an app authorization: its name, dates, status and what to do."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

CONNECTED = "Connected"
PENDING_CONNECT = "PendingConnect"
CONNECTION_VALIDATION_FAILED = "ConnectionValidationFailed"
TOKEN_AUTO_ROTATION_FAILED = "TokenAutoRotationFailed"
FAILED = frozenset({CONNECTION_VALIDATION_FAILED, TOKEN_AUTO_ROTATION_FAILED})

_NEW_CODE = (
    "open the authorization's authUrl, approve the app, and set the code from the redirect URL "
    "as the connection's auth_request.code (`pulumi config set --secret --path ...`, or let "
    "`python -m appfabric_connect authorize` do both), then run `pulumi up`"
)

REMEDIES: dict[str, dict[str, str]] = {
    CONNECTED: {
        "oauth2": "connected and ready: nothing to do",
        "apiKey": "connected and ready: nothing to do",
    },
    PENDING_CONNECT: {
        "oauth2": f"not connected yet: {_NEW_CODE}",
        "apiKey": "not connected yet: run `pulumi up` to connect it",
    },
    CONNECTION_VALIDATION_FAILED: {
        "oauth2": (
            "AppFabric could not validate the credentials: check the OAuth client ID and secret "
            f"of the app authorization, then {_NEW_CODE}"
        ),
        "apiKey": (
            "AppFabric could not validate the API key: put a valid key on the app authorization "
            "(aws.appfabric.AppAuthorization credential), then run `pulumi up`"
        ),
    },
    TOKEN_AUTO_ROTATION_FAILED: {
        "oauth2": f"AppFabric failed to refresh the access token: reconnect: {_NEW_CODE}",
        "apiKey": "AppFabric failed to refresh the access token: run `pulumi up` to reconnect",
    },
}


def remedy(status: str, auth_type: str | None) -> str:
    """What to do about ``status`` for an authorization of ``auth_type`` (oauth2 when unknown)."""
    by_type = REMEDIES.get(status)
    if by_type is None:
        return f"unexpected status {status!r}: see the AppFabric console"
    return by_type.get(auth_type or "oauth2", by_type["oauth2"])


def describe(uuid: str, authorization: Mapping[str, Any], tenant: bool = False) -> str:
    """``app authorization UUID (APP)`` (``, tenant NAME`` too with ``tenant``), for messages."""
    app = authorization.get("app")
    tenant_name = (authorization.get("tenant") or {}).get("tenantDisplayName") if tenant else None
    label = ", ".join(str(part) for part in (app, tenant_name and f"tenant {tenant_name}") if part)
    return f"app authorization {uuid}" + (f" ({label})" if label else "")


def sentence(text: str) -> str:
    """``text`` with its first letter capitalized, for a message that starts with it."""
    return text[:1].upper() + text[1:]


def iso8601(value: Any) -> str | None:
    """An AppFabric timestamp (a datetime from botocore) as ISO 8601 text."""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if value is not None else None
