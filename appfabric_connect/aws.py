"""boto3 clients for AppFabric: settings from stack config, cached per process, never pickled."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import boto3
import botocore.exceptions
from botocore.config import Config

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

DEFAULT_MAX_ATTEMPTS = 10  # in all, the first try included
CONFIG_ENDPOINT = "appfabric-connect:endpoint"
CONFIG_CONNECT_TIMEOUT = "appfabric-connect:connectTimeout"
CONFIG_RETRY_MODE = "appfabric-connect:retryMode"
CONFIG_MAX_ATTEMPTS = "appfabric-connect:maxAttempts"
RetryMode = Literal["standard", "adaptive"]
RETRY_MODES: tuple[RetryMode, ...] = ("standard", "adaptive")
USER_AGENT = "appfabric-connect"


@dataclass(frozen=True)
class AwsSettings:
    """Where and how to call AppFabric; from stack config (``aws:region``, ``aws:profile``, …)."""

    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    retry_mode: RetryMode = "standard"
    max_attempts: int = DEFAULT_MAX_ATTEMPTS


class ConfigurationError(Exception):
    """Something the user must set before AppFabric can be called."""


class AmbiguousConnectError(Exception):
    """Connect may have been applied (5xx or read timeout) and was not retried."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


_clients: dict[tuple[AwsSettings, str], AppFabricClient] = {}
_lock = threading.Lock()


def default_region(settings: AwsSettings) -> str | None:
    """``aws:region``, then boto3's chain (AWS_DEFAULT_REGION, the profile), then AWS_REGION."""
    if settings.region:
        return settings.region
    return _chain_region(settings.profile, tuple(os.environ.get(name) for name in _REGION_ENV))


_REGION_ENV = ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE")


@functools.lru_cache(maxsize=16)
def _chain_region(profile: str | None, _env: tuple[str | None, ...]) -> str | None:
    # Cached per profile and environment: a boto3 Session costs ~15 ms, and diff asks per resource.
    try:
        region = boto3.session.Session(profile_name=profile).region_name
    except botocore.exceptions.ProfileNotFound as error:
        raise ConfigurationError(f"{error}: fix `aws:profile` or AWS_PROFILE") from None
    # boto3 ignores AWS_REGION, which pulumi-aws and the other AWS SDKs read.
    return region or os.environ.get("AWS_REGION") or None


def client(settings: AwsSettings, region: str) -> AppFabricClient:
    """A client for ``region``, created once per process and settings (clients are thread-safe)."""
    key = (settings, region)
    with _lock:
        cached = _clients.get(key)
        if cached is None:
            cached = _clients[key] = _new_client(settings, region)
        return cached


def clear_clients() -> None:
    with _lock:
        _clients.clear()


def _new_client(settings: AwsSettings, region: str) -> AppFabricClient:
    try:
        session = boto3.session.Session(profile_name=settings.profile)
    except botocore.exceptions.ProfileNotFound as error:
        raise ConfigurationError(f"{error}: fix `aws:profile` or AWS_PROFILE") from None
    new = session.client(
        "appfabric",
        region_name=region,
        # None lets boto3 use AWS_ENDPOINT_URL_APPFABRIC / AWS_ENDPOINT_URL itself.
        endpoint_url=settings.endpoint_url,
        config=Config(
            retries={"mode": settings.retry_mode, "total_max_attempts": settings.max_attempts},
            user_agent_extra=USER_AGENT,
            connect_timeout=10,
            read_timeout=60,
            max_pool_connections=16,
            # check() has validated every input against this same model before any call;
            # botocore's second pass costs ~0.3 ms of CPU per call under the provider's GIL.
            parameter_validation=False,
        ),
    )
    new.meta.events.register(
        "needs-retry.appfabric.ConnectAppAuthorization", _no_blind_connect_retry
    )
    new.meta.events.register_first("needs-retry.appfabric", honour_retry_after)
    return new


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


def _no_blind_connect_retry(
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


@dataclass(frozen=True)
class Hints:
    """How the user sets what a failure message asks them to check (stack config, flags)."""

    profile: str
    region: str
    endpoint: str


def failure_message(
    operation: str,
    error: Exception,
    region: str,
    hints: Hints,
    subject: str = "",
    secret: str | None = None,
) -> str:
    """One line for a failed AWS call: the AWS error code and message, and what to check."""
    if isinstance(error, botocore.exceptions.ClientError):
        details = error.response.get("Error", {})
        code = str(details.get("Code", "Unknown"))
        text = f"{operation} failed{f' for {subject}' if subject else ''}: {code}"
        message = str(details.get("Message", "")).rstrip(".")
        text += f": {message}." if message else "."
        if code == "ResourceNotFoundException":
            text += (
                f" Check the identifiers and the region ({region}; set by {hints.region}): an "
                "authorization is found only in its own bundle and region."
            )
        elif code in {"AccessDeniedException", "UnrecognizedClientException"}:
            text += " Check the AWS credentials and their appfabric:* permissions."
    elif isinstance(error, botocore.exceptions.NoCredentialsError):
        text = (
            f"{operation}: no AWS credentials found. Set AWS_ACCESS_KEY_ID and "
            f"AWS_SECRET_ACCESS_KEY, or a profile with AWS_PROFILE or {hints.profile}."
        )
    elif isinstance(error, botocore.exceptions.EndpointConnectionError):
        text = (
            f"{operation}: cannot reach the AppFabric endpoint "
            f"{_origin(error.kwargs.get('endpoint_url'))} (region {region}). Check the region "
            f"({hints.region}; AppFabric is in few regions) and, for a local emulator, "
            f"AWS_ENDPOINT_URL_APPFABRIC or {hints.endpoint}."
        )
    else:
        text = f"{operation}: {error}"
    return text.replace(secret, "***") if secret else text


def _origin(url: Any) -> Any:
    """``scheme://host:port`` of a request URL: the endpoint, without the operation's path."""
    parts = urlsplit(str(url)) if url else None
    return f"{parts.scheme}://{parts.netloc}" if parts and parts.netloc else url
