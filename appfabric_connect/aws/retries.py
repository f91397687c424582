"""botocore retry hooks: AppFabric's Retry-After honoured, no blind re-send of an OAuth code."""

from __future__ import annotations

import contextlib
from typing import Any

import botocore.exceptions


class AmbiguousConnectError(Exception):
    """Connect may have been applied (5xx or read timeout) and was not retried."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def honour_retry_after(response: Any = None, **_: Any) -> None:
    """Lets botocore's backoff see AppFabric's ``Retry-After`` (seconds, as modeled).

    botocore's standard backoff reads only ``x-amz-retry-after`` (milliseconds); this copies
    the modeled header into it before the retry handler runs, and decides nothing itself.
    """
    if response is None or response[0] is None:
        return None
    headers = response[0].headers
    seconds = headers.get("Retry-After")
    if seconds is None or "x-amz-retry-after" in headers:
        return None
    with contextlib.suppress(ValueError):  # an HTTP-date: left to botocore's own backoff
        headers["x-amz-retry-after"] = str(int(float(seconds) * 1000))
    return None


def no_blind_connect_retry(
    response: Any = None,
    caught_exception: Exception | None = None,
    request_dict: dict[str, Any] | None = None,
    **_: Any,
) -> None:
    # botocore retries 5xx answers and read timeouts; for Connect that would re-send a single-use
    # OAuth code the service may already have spent, turning a success into a failure. Throttling
    # (the request was refused, not applied) and connection failures stay botocore's to retry.
    # This handler runs before the generic needs-retry.appfabric handler and vetoes by raising.
    body = (request_dict or {}).get("body") or b""
    if b"authRequest" not in (body if isinstance(body, bytes) else str(body).encode()):
        return None
    if caught_exception is not None:
        if isinstance(
            caught_exception,
            botocore.exceptions.ConnectTimeoutError | botocore.exceptions.EndpointConnectionError,
        ):
            return None
        raise AmbiguousConnectError(type(caught_exception).__name__)
    if response is not None and response[0].status_code >= 500:
        raise AmbiguousConnectError(f"HTTP {response[0].status_code}")
    return None
