"""The provider's settings, read from stack config (``aws:*`` and ``appfabric-connect:*``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from pulumi.dynamic import CheckFailure

from ..aws import clients
from ..aws.clients import (
    CONFIG_CONNECT_TIMEOUT,
    CONFIG_ENDPOINT,
    CONFIG_MAX_ATTEMPTS,
    CONFIG_RETRY_MODE,
    AwsSettings,
)
from ..quoting import quoted

DEFAULT_CONNECT_TIMEOUT = 300.0


@dataclass(frozen=True)
class ProviderConfig:
    """What ``configure`` read: AWS settings, the default connect timeout, and config problems."""

    settings: AwsSettings = field(default_factory=AwsSettings)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    problems: list[CheckFailure] = field(default_factory=list)


class StackConfig(Protocol):
    """Namespaced stack config (``aws:region``), as the dynamic-provider server hands it over."""

    def get(self, key: str) -> Any: ...


def read_config(config: StackConfig) -> ProviderConfig:
    """Reads ``aws:region``, ``aws:profile``, ``appfabric-connect:*``; bad values are problems."""
    problems: list[CheckFailure] = []
    retry_mode = config.get(CONFIG_RETRY_MODE) or "standard"
    if retry_mode not in clients.RETRY_MODES:
        problems.append(
            CheckFailure(CONFIG_RETRY_MODE, f"must be one of {', '.join(clients.RETRY_MODES)}")
        )
        retry_mode = "standard"
    max_attempts = _positive_number(config.get(CONFIG_MAX_ATTEMPTS), CONFIG_MAX_ATTEMPTS, problems)
    timeout = _positive_number(config.get(CONFIG_CONNECT_TIMEOUT), CONFIG_CONNECT_TIMEOUT, problems)
    settings = AwsSettings(
        region=config.get("aws:region") or None,
        profile=config.get("aws:profile") or None,
        endpoint_url=config.get(CONFIG_ENDPOINT) or None,
        retry_mode=cast(clients.RetryMode, retry_mode),
        max_attempts=int(max_attempts or clients.DEFAULT_MAX_ATTEMPTS),
    )
    return ProviderConfig(settings, float(timeout or DEFAULT_CONNECT_TIMEOUT), problems)


def _positive_number(value: Any, key: str, problems: list[CheckFailure]) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = 0.0
    if number <= 0:
        problems.append(CheckFailure(key, f"must be a positive number, got {quoted(value)}"))
        return None
    return number
