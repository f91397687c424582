"""Who a message is about, the remedies the core asks for, and warnings for the user."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from . import statuses
from .failures import Action, Failure, Remedy, sentence
from .target import Target

log = logging.getLogger("appfabric_connect")

# Where a warning goes besides the logger: a front end may add its own (the dynamic provider:
# pulumi.log.warn, which `pulumi up` shows), once per process.
warning_sinks: list[Callable[[str], None]] = []


def who(target: Target, authorization: Mapping[str, Any], first: bool = False) -> str:
    """``app authorization UUID (APP)``; capitalized when it starts a sentence (``first``)."""
    text = statuses.describe(target.authorization, authorization)
    return sentence(text) if first else text


def new_code(target: Target, auth_url: str | None) -> Remedy:
    """Approve the app at ``auth_url`` again and give the new code."""
    return Remedy(
        Action.NEW_CODE,
        property_name="auth_request.code",
        auth_url=auth_url,
        bundle=target.bundle,
        authorization=target.authorization,
    )


def fix_status(authorization: Mapping[str, Any]) -> Remedy:
    """What the authorization's status asks for (``authorization`` as AppFabric answers it)."""
    return Remedy(
        Action.FIX_STATUS,
        status=authorization["status"],
        auth_type=authorization.get("authType"),
        auth_url=authorization.get("authUrl") or authorization.get("auth_url"),
    )


def status_failure(target: Target, authorization: Mapping[str, Any]) -> Failure:
    status = authorization["status"]
    return Failure(
        f"{who(target, authorization, first=True)} is {status} after connecting:",
        fix_status(authorization),
    )


def failed_after_code(target: Target, authorization: Mapping[str, Any]) -> Failure:
    """ConnectionValidationFailed after AppFabric accepted this run's Connect with a code."""
    return Failure(
        f"{who(target, authorization, first=True)} is {authorization['status']} after "
        "AppFabric accepted this run's OAuth code. Most likely another run or "
        f"{target.words.stack} declaring this authorization sent the same code while it was "
        "connecting: a code works once, and using it twice can revoke what the first use made, "
        f"so give each code to one {target.words.stack} only. If no other run used it, AppFabric "
        "could not validate the app's OAuth client.",
        new_code(target, authorization.get("authUrl")),
    )


def still_pending(target: Target, authorization: Mapping[str, Any], timeout: float) -> Failure:
    return Failure(
        f"{who(target, authorization, first=True)} is still PendingConnect after "
        f"{timeout:g} s ({target.words.input_name('connect_timeout')}). Its last status was "
        "PendingConnect;",
        Remedy(Action.WAIT_LONGER, property_name="connect_timeout"),
    )


def warn(message: str) -> None:
    """A warning for the user: logged, and handed to each of ``warning_sinks``."""
    log.warning(message)
    for sink in warning_sinks:
        sink(message)
