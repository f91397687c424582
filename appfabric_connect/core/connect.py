"""Connecting an authorization: Connect, then wait for Connected, adopting what is connected."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError

from ..aws.retries import AmbiguousConnectError
from ..unknown import is_unknown
from . import messages, statuses, target
from .fingerprint import fingerprint
from .messages import Failure, fix_status, new_code, who
from .outputs import outputs
from .target import Target

POLL_FIRST_DELAY = 0.5
POLL_MAX_DELAY = 5.0
# Before sending an OAuth code: a pause, then a second read. Two runs that read at the same
# moment then send at different moments, and the later one sees the earlier one's connect unless
# the pauses end within about one round trip of each other: so the pause is drawn from [0, bound)
# with bound = LOOK_AGAIN_ROUND_TRIPS round trips of the first read, within [MIN, MAX] seconds,
# and two runs that read together collide in about 2 / LOOK_AGAIN_ROUND_TRIPS of cases, whatever
# the latency. The figures come from bench/race.py (bench/RESULTS.md, figure 9).
LOOK_AGAIN_ROUND_TRIPS = 40
LOOK_AGAIN_MIN_S = 1.0
LOOK_AGAIN_MAX_S = 15.0

# Module-level so tests can drive the clock; the provider instance itself stays tiny to pickle.
sleep = time.sleep
monotonic = time.monotonic


def connect(
    to: Target,
    props: Mapping[str, Any],
    auth_type: str | None,
    timeout: float,
    known_updated_at: str | None = None,
) -> dict[str, Any]:
    """Connects ``to`` with the auth request of ``props``; the outputs once it is Connected.

    An OAuth code is sent only when a read shows it is needed. ``known_updated_at`` is the
    authorization's ``updatedAt`` when this connection last connected it (update); None on
    create. An auth request without a code (None or empty: none given on this run) sends none.
    """
    auth_request = props.get("auth_request") or None
    code = (auth_request.get("code") or None) if auth_request else None
    timeout = props.get("connect_timeout") or timeout
    if auth_request and code is None:
        return _without_new_code(to, props, timeout)
    if code:
        adopted = _connected_without_code(to, known_updated_at, timeout)
        if adopted is not None:
            return _connected(props, to, adopted, code)
    kwargs: dict[str, Any] = {}
    if auth_request:
        kwargs["authRequest"] = sendable(to, auth_request)
    try:
        summary = target.call(to, "ConnectAppAuthorization", **kwargs)["appAuthorizationSummary"]
    except AmbiguousConnectError as error:
        summary = _after_ambiguous_connect(to, error)
    except ClientError as error:
        summary = _adopt_if_connected(to, error, code, timeout)
    authorization: dict[str, Any] = dict(summary)
    authorization.setdefault("authType", auth_type or ("oauth2" if auth_request else "apiKey"))
    if authorization["status"] == statuses.PENDING_CONNECT:
        authorization = _wait_connected(to, timeout)
    if code and authorization["status"] == statuses.CONNECTION_VALIDATION_FAILED:
        raise messages.failed_after_code(to, authorization)
    if authorization["status"] != statuses.CONNECTED:
        raise messages.status_failure(to, authorization)
    return _connected(props, to, authorization, code)


def _connected(
    props: Mapping[str, Any], to: Target, authorization: Mapping[str, Any], code: str | None
) -> dict[str, Any]:
    """The outputs of a connection this run left Connected: ``connected_at`` is now."""
    return outputs(
        props,
        to.region,
        authorization,
        fingerprint(code) if code else None,
        statuses.iso8601(authorization.get("updatedAt")),
    )


def _without_new_code(to: Target, props: Mapping[str, Any], timeout: float) -> dict[str, Any]:
    """No code given on this run: a Connected authorization is adopted, an apiKey one connected
    without an auth request, and an oauth2 one that is not Connected needs a code."""
    authorization = target.get(to)
    if authorization["status"] == statuses.CONNECTED:
        messages.warn(
            f"{who(to, authorization, first=True)} is already Connected: adopting it (no OAuth "
            "code was given, and none is needed)."
        )
        return _connected(props, to, authorization, None)
    if authorization.get("authType") == "apiKey":
        return connect(to, {**props, "auth_request": None}, "apiKey", timeout)
    raise Failure(
        f"{who(to, authorization, first=True)} is {authorization['status']}: connecting it "
        "needs an OAuth code, and none was given.",
        new_code(to, authorization.get("authUrl")),
    )


def sendable(to: Target, auth_request: Mapping[str, Any]) -> dict[str, str]:
    """ConnectAppAuthorization's ``authRequest``: only a code that is a code is ever sent.

    A front end hands the core a placeholder for a value not known until apply (a preview's,
    or a write-only value left out); none of them, nor an empty or non-text code, may reach
    AppFabric, which would spend the authorization's chance on it (ConnectionValidationFailed).
    """
    code = auth_request.get("code")
    redirect_uri = auth_request.get("redirect_uri")
    if not isinstance(code, str) or not code or is_unknown(code):
        raise Failure(
            f"ConnectAppAuthorization for app authorization {to.authorization} was not sent: "
            "the auth request's OAuth code is not known on this run (a value known only at "
            "apply, or none given), and only a code from the consent page may be sent.",
            new_code(to, None),
        )
    if not isinstance(redirect_uri, str) or not redirect_uri or is_unknown(redirect_uri):
        raise Failure(
            f"ConnectAppAuthorization for app authorization {to.authorization} was not sent: "
            "the auth request's redirect_uri is not known on this run."
        )
    return {"redirectUri": redirect_uri, "code": code}


def _connected_without_code(
    to: Target, known_updated_at: str | None, timeout: float
) -> dict[str, Any] | None:
    """The authorization if it is Connected by now without our code, else None (send it).

    Safety (appfabric-notes.md: what a replayed code does to a Connected authorization is not
    documented, and OAuth 2 says it SHOULD revoke the tokens issued from it): a code may already
    have been sent by an interrupted run of ours, or by another stack declaring the same
    authorization. So the code is sent only to an authorization that is not Connected and has
    no connect in flight: a PendingConnect one whose ``updatedAt`` moved after what the state
    knew (after ``createdAt`` on create) less than ``connect_timeout`` ago may be connecting; it
    is given that long to settle. Connected on create, or connected after what the state knew
    on update, is adopted; Connected and unchanged on update is a deliberate rotation.

    AppFabric has no conditional Connect, so two runs that read in the same instant would both
    send. Before sending, the authorization is read once more after a random pause; if it moved
    meanwhile, the same rules apply to that read, with the read before it as what was known.
    """
    since = _moment(known_updated_at)
    started = monotonic()
    first = target.get(to)
    round_trip = monotonic() - started
    adopted, seen = _adopted(
        to, first, since or _moment(first.get("createdAt")), known_updated_at, timeout
    )
    if adopted is not None:
        return adopted
    sleep(random.uniform(0, look_again_bound(round_trip)))
    again = target.get(to)
    if again.get("updatedAt") == seen.get("updatedAt") and again["status"] == seen["status"]:
        return None
    return _adopted(to, again, _moment(seen.get("updatedAt")), known_updated_at, timeout)[0]


def look_again_bound(round_trip: float) -> float:
    """The bound of the pause before the second read, for a first read that took ``round_trip``."""
    return min(LOOK_AGAIN_MAX_S, max(LOOK_AGAIN_MIN_S, LOOK_AGAIN_ROUND_TRIPS * round_trip))


def _adopted(
    to: Target,
    authorization: dict[str, Any],
    since: datetime | None,
    known_updated_at: str | None,
    timeout: float,
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """(``authorization`` once settled if it is Connected after ``since``, else None; the last
    read of it)."""
    if _maybe_connecting(authorization, since, timeout):
        messages.warn(
            f"{who(to, authorization, first=True)} is PendingConnect and changed at "
            f"{statuses.iso8601(authorization.get('updatedAt'))}: a connect may be in flight "
            f"(an interrupted run, or another {to.words.stack} declaring it). Waiting for it to "
            f"settle (up to {to.words.input_name('connect_timeout')}, {timeout:g} s) before "
            "sending the OAuth code."
        )
        authorization = _settle(to, authorization, timeout)
    if authorization["status"] != statuses.CONNECTED:
        return None, authorization
    if known_updated_at is not None and not _after(authorization.get("updatedAt"), since):
        return None, authorization  # unchanged since the state saw it: the new code rotates it
    when = " since the state last saw it" if known_updated_at is not None else ""
    messages.warn(
        f"{who(to, authorization, first=True)} is already Connected{when} (by an interrupted "
        f"run, another {to.words.stack} or the console): adopting it; the OAuth code was not sent."
    )
    return authorization, authorization


def _maybe_connecting(
    authorization: Mapping[str, Any], since: datetime | None, timeout: float
) -> bool:
    updated = _moment(authorization.get("updatedAt"))
    return (
        authorization["status"] == statuses.PENDING_CONNECT
        and updated is not None
        and _after(updated, since)
        and (datetime.now(UTC) - updated).total_seconds() < timeout
    )


def _settle(to: Target, authorization: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Polls until ``authorization`` leaves PendingConnect or ``timeout`` after its updatedAt."""
    updated = _moment(authorization.get("updatedAt"))
    assert updated is not None
    left = timeout - (datetime.now(UTC) - updated).total_seconds()
    deadline = monotonic() + max(0.0, left)
    delay = POLL_FIRST_DELAY
    while authorization["status"] == statuses.PENDING_CONNECT and monotonic() < deadline:
        sleep(min(_jittered(delay), max(0.0, deadline - monotonic())))
        authorization = target.get(to)
        delay = min(delay * 2, POLL_MAX_DELAY)
    return authorization


def _moment(value: Any) -> datetime | None:
    """A timestamp from botocore (datetime) or from state (ISO 8601 text), or None."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _after(value: Any, since: datetime | None) -> bool:
    moment = _moment(value)
    return moment is not None and (since is None or moment > since)


def _jittered(delay: float) -> float:
    # "Equal jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): waiting for one
    # resource, not contending, so keep half of each wait and avoid full jitter's long tail.
    return delay / 2 + random.uniform(0, delay / 2)


def auth_url(to: Target, known: Mapping[str, Any]) -> str | None:
    """The authorization's consent URL: from ``known`` outputs, else one read (None if it fails)."""
    url = known.get("auth_url")
    if url:
        return str(url)
    try:
        found = target.get(to).get("authUrl")
    except Failure:
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
    raise Failure(
        f"ConnectAppAuthorization for {who(to, authorization)} got no clear answer "
        f"({error.detail}) and the authorization is {authorization['status']}. The OAuth code "
        "may have been used, so it was not sent again.",
        new_code(to, authorization.get("authUrl")),
    )


def _adopt_if_connected(
    to: Target, error: ClientError, code: str | None, timeout: float
) -> Mapping[str, Any]:
    """After a refused Connect: the authorization if it is (or, connecting, becomes) Connected."""
    if target.error_code(error) in {"ResourceNotFoundException", "AccessDeniedException"}:
        raise target.failure("ConnectAppAuthorization", to, error, code) from None
    try:
        authorization = target.get(to)
        if _maybe_connecting(authorization, _moment(authorization.get("createdAt")), timeout):
            authorization = _settle(to, authorization, timeout)  # another run's connect
    except Failure:
        raise target.failure("ConnectAppAuthorization", to, error, code) from None
    status = authorization["status"]
    if status == statuses.CONNECTED:
        why = (
            f"its code was already used, e.g. by another run or {to.words.stack}, or a run whose "
            "result was lost"
            if code
            else "it was connected elsewhere, e.g. in the console"
        )
        messages.warn(
            f"ConnectAppAuthorization for app authorization {to.authorization} failed "
            f"({target.error_code(error)}), but the authorization is already Connected ({why}): "
            "adopting it."
        )
        return authorization
    if code and _code_refused(error):
        raise Failure(
            f"{target.failure('ConnectAppAuthorization', to, error, code)} "
            f"{who(to, authorization, first=True)} is {status}. AppFabric refused the OAuth code "
            "itself: a code works once and expires within minutes, so it was probably spent by "
            f"an earlier (possibly interrupted) run or by another {to.words.stack} declaring this "
            "authorization, or it is too old.",
            new_code(to, authorization.get("authUrl")),
        ) from None
    if status in statuses.FAILED | {statuses.PENDING_CONNECT}:
        raise Failure(
            f"{target.failure('ConnectAppAuthorization', to, error, code)} "
            f"{who(to, authorization, first=True)} is {status}:",
            fix_status(authorization),
        ) from None
    raise target.failure("ConnectAppAuthorization", to, error, code) from None


def _code_refused(error: ClientError) -> bool:
    """A ValidationException about the code itself (its fieldList names ``authRequest.code``)."""
    fields: Any = dict(error.response).get("fieldList") or []
    return target.error_code(error) == "ValidationException" and any(
        isinstance(field, dict) and field.get("name") == "authRequest.code" for field in fields
    )


def _wait_connected(to: Target, timeout: float) -> dict[str, Any]:
    deadline = monotonic() + timeout
    delay = POLL_FIRST_DELAY
    while True:
        sleep(min(_jittered(delay), max(0.0, deadline - monotonic())))
        authorization = target.get(to)
        if authorization["status"] != statuses.PENDING_CONNECT:
            return authorization
        if monotonic() >= deadline:
            raise messages.still_pending(to, authorization, timeout)
        delay = min(delay * 2, POLL_MAX_DELAY)
