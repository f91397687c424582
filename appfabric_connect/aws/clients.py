"""boto3 clients for AppFabric: settings from stack config, cached per process, never pickled."""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import boto3
import botocore.exceptions
from botocore.config import Config

from . import retries

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
        "needs-retry.appfabric.ConnectAppAuthorization", retries.no_blind_connect_retry
    )
    new.meta.events.register_first("needs-retry.appfabric", retries.honour_retry_after)
    return new
