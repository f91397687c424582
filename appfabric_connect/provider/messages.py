"""What the provider tells the user: warnings, and what to do about a failed connection."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from typing import Any

import pulumi

from .. import statuses
from ..aws.clients import CONFIG_CONNECT_TIMEOUT
from .errors import ConnectionFailed
from .target import Target

log = logging.getLogger("appfabric_connect")


def who(target: Target, authorization: Mapping[str, Any], first: bool = False) -> str:
    """``app authorization UUID (APP)``; capitalized when it starts a sentence (``first``)."""
    text = statuses.describe(target.authorization, authorization)
    return statuses.sentence(text) if first else text


def auth_url_hint(authorization: Mapping[str, Any]) -> str:
    url = authorization.get("authUrl") or authorization.get("auth_url")
    return f" authUrl: {url}" if url else ""


def how_to_get_code(target: Target, auth_url: str | None) -> str:
    where = f"Open {auth_url} " if auth_url else "Open the authorization's authUrl "
    return (
        where + "in a browser, approve the app, and set the `code` from the redirect URL as "
        "this connection's auth_request.code (`pulumi config set --secret --path ...`), then "
        "run `pulumi up`. `python -m appfabric_connect authorize --bundle "
        f"{target.bundle} --authorization {target.authorization}` does all but the last step."
    )


def status_failure(target: Target, authorization: Mapping[str, Any]) -> ConnectionFailed:
    status = authorization["status"]
    return ConnectionFailed(
        f"{who(target, authorization, first=True)} is {status} after connecting: "
        f"{statuses.remedy(status, authorization.get('authType'))}." + auth_url_hint(authorization)
    )


def failed_after_code(target: Target, authorization: Mapping[str, Any]) -> ConnectionFailed:
    """ConnectionValidationFailed after AppFabric accepted this run's Connect with a code."""
    return ConnectionFailed(
        f"{who(target, authorization, first=True)} is {authorization['status']} after "
        "AppFabric accepted this run's OAuth code. Most likely another run or stack declaring "
        "this authorization sent the same code while it was connecting: a code works once, and "
        "using it twice can revoke what the first use made, so give each code to one stack "
        "only. If no other run used it, AppFabric could not validate the app's OAuth client. "
        + how_to_get_code(target, authorization.get("authUrl"))
    )


def still_pending(target: Target, authorization: Mapping[str, Any], timeout: float) -> str:
    return (
        f"{who(target, authorization, first=True)} is still PendingConnect after "
        f"{timeout:g} s (connect_timeout). Its last status was PendingConnect; raise "
        f"connect_timeout (or `pulumi config set {CONFIG_CONNECT_TIMEOUT} SECONDS`) "
        "or check the app's side, then run `pulumi up` again."
    )


def warn(message: str) -> None:
    """A warning for the user: ``pulumi up`` shows the provider process's stderr."""
    log.warning(message)
    if in_dynamic_provider_server():  # elsewhere the logging record is enough
        pulumi.log.warn(message)


def in_dynamic_provider_server() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "pulumi.dynamic.__main__"
