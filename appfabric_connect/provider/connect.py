"""Connecting an authorization: Connect, then wait for Connected, adopting what is connected."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import ClientError

from .. import statuses
from ..aws.retries import AmbiguousConnectError
from ..fingerprint import fingerprint
from . import messages, target
from .errors import ConnectionFailed
from .messages import auth_url_hint, how_to_get_code, who
from .outputs import outputs
from .target import Target

POLL_FIRST_DELAY = 0.5
POLL_MAX_DELAY = 5.0

# Module-level so tests can drive the clock; the provider instance itself stays tiny to pickle.
sleep = time.sleep
monotonic = time.monotonic


def connect(
    to: Target, props: Mapping[str, Any], auth_type: str | None, timeout: float
) -> dict[str, Any]:
    """Connects ``to`` with the auth request of ``props``; the outputs once it is Connected."""
    auth_request = props.get("auth_request") or None
    code = auth_request["code"] if auth_request else None
    kwargs: dict[str, Any] = {}
    if auth_request:
        kwargs["authRequest"] = {
            "redirectUri": auth_request["redirect_uri"],
            "code": auth_request["code"],
        }
    try:
        summary = target.call(to, "ConnectAppAuthorization", **kwargs)["appAuthorizationSummary"]
    except AmbiguousConnectError as error:
        summary = _after_ambiguous_connect(to, error)
    except ClientError as error:
        summary = _adopt_if_connected(to, error, code)
    authorization: dict[str, Any] = dict(summary)
    authorization.setdefault("authType", auth_type or ("oauth2" if auth_request else "apiKey"))
    if authorization["status"] == statuses.PENDING_CONNECT:
        authorization = _wait_connected(to, props.get("connect_timeout") or timeout)
    if authorization["status"] != statuses.CONNECTED:
        raise messages.status_failure(to, authorization)
    return outputs(props, to.region, authorization, fingerprint(code) if code else None)


def auth_url(to: Target, known: Mapping[str, Any]) -> str | None:
    """The authorization's consent URL: from ``known`` outputs, else one read (None if it fails)."""
    url = known.get("auth_url")
    if url:
        return str(url)
    try:
        found = target.get(to).get("authUrl")
    except ConnectionFailed:
        return None
    return str(found) if found else None


def _after_ambiguous_connect(to: Target, error: AmbiguousConnectError) -> Mapping[str, Any]:
    # Only a Connect carrying an OAuth code is ambiguous (retries.no_blind_connect_retry).
    authorization = target.get(to)
    if authorization["status"] == statuses.CONNECTED:
        messages.warn(
            f"ConnectAppAuthorization for app authorization {to.authorization} got no "
            f"clear answer ({error.detail}), but the authorization is Connected: done."
        )
        return authorization
    raise ConnectionFailed(
        f"ConnectAppAuthorization for {who(to, authorization)} got no clear answer "
        f"({error.detail}) and the authorization is {authorization['status']}. The OAuth code "
        "may have been used, so it was not sent again. "
        + how_to_get_code(to, authorization.get("authUrl"))
    )


def _adopt_if_connected(to: Target, error: ClientError, code: str | None) -> Mapping[str, Any]:
    if target.error_code(error) in {"ResourceNotFoundException", "AccessDeniedException"}:
        raise target.failure("ConnectAppAuthorization", to, error, code) from None
    try:
        authorization = target.get(to)
    except ConnectionFailed:
        raise target.failure("ConnectAppAuthorization", to, error, code) from None
    status = authorization["status"]
    if status == statuses.CONNECTED:
        why = (
            "its code was already used, e.g. by a run whose result was lost"
            if code
            else "it was connected elsewhere, e.g. in the console"
        )
        messages.warn(
            f"ConnectAppAuthorization for app authorization {to.authorization} failed "
            f"({target.error_code(error)}), but the authorization is already Connected ({why}): "
            "adopting it."
        )
        return authorization
    if status in statuses.FAILED | {statuses.PENDING_CONNECT}:
        raise ConnectionFailed(
            f"{target.failure('ConnectAppAuthorization', to, error, code)} "
            f"{who(to, authorization, first=True)} is {status}: "
            f"{statuses.remedy(status, authorization.get('authType'))}."
            + auth_url_hint(authorization)
        ) from None
    raise target.failure("ConnectAppAuthorization", to, error, code) from None


def _wait_connected(to: Target, timeout: float) -> dict[str, Any]:
    deadline = monotonic() + timeout
    delay = POLL_FIRST_DELAY
    while True:
        # "Equal jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): waiting
        # for one resource, not contending, so keep half of each wait and avoid full
        # jitter's long tail after a slow connect.
        wait = delay / 2 + random.uniform(0, delay / 2)
        sleep(min(wait, max(0.0, deadline - monotonic())))
        authorization = target.get(to)
        if authorization["status"] != statuses.PENDING_CONNECT:
            return authorization
        if monotonic() >= deadline:
            raise ConnectionFailed(messages.still_pending(to, authorization, timeout))
        delay = min(delay * 2, POLL_MAX_DELAY)
