"""The provider's settings: pulumi-aws's AWS settings and the package's own, as plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

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


# The package's own settings, by the schema's names (``OWN_SETTINGS`` and ``retry_mode``); a
# message names each by its stack-config key, whatever the front end.
OWN = {
    "endpoint": CONFIG_ENDPOINT,
    "connect_timeout": CONFIG_CONNECT_TIMEOUT,
    "max_attempts": CONFIG_MAX_ATTEMPTS,
    "retry_mode": CONFIG_RETRY_MODE,
}


def read_config(
    aws: Mapping[str, Any],
    words: Words,
    aws_prefix: str = "aws:",
    own: Mapping[str, Any] | None = None,
) -> ProviderConfig:
    """Reads pulumi-aws's settings ``aws`` (by its camelCase names, no namespace) and the
    package's own settings ``own`` (by the schema's names, see ``OWN``).

    Bad values and unsupported keys are problems, which ``check`` reports; they, and the
    settings' own messages, name pulumi-aws's keys with ``aws_prefix``.
    """
    problems: list[Problem] = []
    own = own or {}
    given = {key: value for key, value in aws.items() if value is not None}
    fields, aws_problems = provider_args.read(given, aws_prefix)
    problems += [Problem(p.key, p.reason) for p in aws_problems]
    aws_retry_mode = fields.pop("retry_mode")
    retry_mode = own.get("retry_mode") or aws_retry_mode or "standard"
    if retry_mode not in clients.RETRY_MODES:
        problems.append(
            Problem(CONFIG_RETRY_MODE, f"must be one of {', '.join(clients.RETRY_MODES)}")
        )
        retry_mode = "standard"
    max_attempts = _positive_number(own.get("max_attempts"), CONFIG_MAX_ATTEMPTS, problems)
    timeout = _positive_number(own.get("connect_timeout"), CONFIG_CONNECT_TIMEOUT, problems)
    settings = AwsSettings(
        **{
            **fields,
            "endpoint_url": own.get("endpoint") or fields["endpoint_url"],
            "retry_mode": cast(clients.RetryMode, retry_mode),
            "max_attempts": int(
                max_attempts or fields["max_attempts"] or clients.DEFAULT_MAX_ATTEMPTS
            ),
            "setting_prefix": aws_prefix,
        }
    )
    return ProviderConfig(words, settings, float(timeout or DEFAULT_CONNECT_TIMEOUT), problems)


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
