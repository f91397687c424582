"""The provider's settings, read from namespaced config (``aws:*``, ``appfabric-connect:*``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from ..aws import clients, provider_args
from ..aws.clients import (
    CONFIG_CONNECT_TIMEOUT,
    CONFIG_ENDPOINT,
    CONFIG_MAX_ATTEMPTS,
    CONFIG_RETRY_MODE,
    AwsSettings,
)
from ..quoting import quoted
from .failures import Problem, Words

DEFAULT_CONNECT_TIMEOUT = 300.0


@dataclass(frozen=True)
class ProviderConfig:
    """What ``configure`` read: AWS settings, the default connect timeout, config problems, and
    the front end's words for what to do."""

    words: Words
    settings: AwsSettings = field(default_factory=AwsSettings)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    problems: list[Problem] = field(default_factory=list)


class StackConfig(Protocol):
    """Namespaced stack config (``aws:region``), as the dynamic-provider server hands it over."""

    def get(self, key: str) -> Any: ...


def read_config(config: StackConfig, words: Words, aws_prefix: str = "aws:") -> ProviderConfig:
    """Reads every ``aws:*`` key (pulumi-aws's meaning) and ``appfabric-connect:*``.

    Bad values and unsupported keys are problems, which ``check`` reports; they, and the
    settings' own messages, name pulumi-aws's keys with ``aws_prefix``.
    """
    problems: list[Problem] = []
    aws, aws_problems = provider_args.read(_aws_keys(config), aws_prefix)
    problems += [Problem(p.key, p.reason) for p in aws_problems]
    aws_retry_mode = aws.pop("retry_mode")
    retry_mode = config.get(CONFIG_RETRY_MODE) or aws_retry_mode or "standard"
    if retry_mode not in clients.RETRY_MODES:
        problems.append(
            Problem(CONFIG_RETRY_MODE, f"must be one of {', '.join(clients.RETRY_MODES)}")
        )
        retry_mode = "standard"
    max_attempts = _positive_number(config.get(CONFIG_MAX_ATTEMPTS), CONFIG_MAX_ATTEMPTS, problems)
    timeout = _positive_number(config.get(CONFIG_CONNECT_TIMEOUT), CONFIG_CONNECT_TIMEOUT, problems)
    settings = AwsSettings(
        **{
            **aws,
            "endpoint_url": config.get(CONFIG_ENDPOINT) or aws["endpoint_url"],
            "retry_mode": cast(clients.RetryMode, retry_mode),
            "max_attempts": int(
                max_attempts or aws["max_attempts"] or clients.DEFAULT_MAX_ATTEMPTS
            ),
            "setting_prefix": aws_prefix,
        }
    )
    return ProviderConfig(words, settings, float(timeout or DEFAULT_CONNECT_TIMEOUT), problems)


def _aws_keys(config: StackConfig) -> dict[str, Any]:
    """Every ``aws:`` key of the stack config, without its namespace."""
    # Pulumi quirk: the dynamic provider's Config offers get() only; its values are in _props.
    values = getattr(config, "_props", None)
    if not isinstance(values, Mapping):
        values = {f"aws:{key}": config.get(f"aws:{key}") for key in provider_args.SUPPORTED}
    return {
        key.removeprefix("aws:"): value
        for key, value in values.items()
        if key.startswith("aws:") and value is not None
    }


def _positive_number(value: Any, key: str, problems: list[Problem]) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = 0.0
    if number <= 0:
        problems.append(Problem(key, f"must be a positive number, got {quoted(value)}"))
        return None
    return number
