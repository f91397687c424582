"""What each status asks of a Pulumi user; the statuses themselves are the core's."""

from __future__ import annotations

from ..core.failures import sentence
from ..core.statuses import (
    CONNECTED,
    CONNECTION_VALIDATION_FAILED,
    FAILED,
    PENDING_CONNECT,
    TOKEN_AUTO_ROTATION_FAILED,
    describe,
    iso8601,
)

__all__ = [
    "CONNECTED",
    "CONNECTION_VALIDATION_FAILED",
    "FAILED",
    "PENDING_CONNECT",
    "REMEDIES",
    "TOKEN_AUTO_ROTATION_FAILED",
    "describe",
    "iso8601",
    "remedy",
    "sentence",
]

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
