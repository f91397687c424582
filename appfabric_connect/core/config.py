"""The provider's settings: pulumi-aws's AWS settings and the package's own, as plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from ..aws import provider_args
from ..aws.settings import DEFAULT_MAX_ATTEMPTS, RETRY_MODES, STACK_CONFIG, AwsSettings, RetryMode
from ..problems import Problem, Spelling
from ..quoting import quoted
from ..schema import NAMESPACE as _NAMESPACE
from .messages import Words

DEFAULT_CONNECT_TIMEOUT = 300.0
# How the dynamic resource's stack config names the package's own settings.
NAMESPACE = Spelling(f"{_NAMESPACE}:")


@dataclass(frozen=True)
class ProviderConfig:
    """What ``configure`` read: AWS settings, the default connect timeout, config problems, and
    the front end's words for what to do and spellings of the settings' paths."""

    words: Words
    settings: AwsSettings = field(default_factory=AwsSettings)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    problems: list[Problem] = field(default_factory=list)
    own_spelling: Spelling = NAMESPACE

    def spell(self, problem: Problem, inputs: Spelling) -> str:
        """Where ``problem`` is, as the user writes it: a setting as configured, an input as
        ``inputs`` spells the front end's inputs."""
        if problem.own:
            return self.own_spelling(problem.path)
        return (self.settings.spelling if problem.setting else inputs)(problem.path)


# The package's own settings, by the schema's names (``OWN_SETTINGS`` and ``retry_mode``).
OWN = ("endpoint", "connect_timeout", "max_attempts", "retry_mode")


def read_config(
    aws: Mapping[str, Any],
    words: Words,
    spelling: Spelling = STACK_CONFIG,
    own: Mapping[str, Any] | None = None,
    own_spelling: Spelling = NAMESPACE,
) -> ProviderConfig:
    """Reads the AWS settings ``aws`` (by the schema's names, or pulumi-aws's camelCase ones)
    and the package's own settings ``own`` (``OWN``, by the schema's names).

    Bad values and unsupported keys are problems, which ``check`` reports; their reasons name
    settings as ``spelling`` (and ``own_spelling``) write them.
    """
    own = own or {}
    given = provider_args.schema_names(
        {key: value for key, value in aws.items() if value is not None}
    )
    fields, problems = provider_args.read(given, spelling)
    aws_retry_mode = fields.pop("retry_mode")
    retry_mode = own.get("retry_mode") or aws_retry_mode or "standard"
    if retry_mode not in RETRY_MODES:
        reason = f"must be one of {', '.join(RETRY_MODES)}"
        problems.append(Problem(("retry_mode",), reason, setting=True, own=True))
        retry_mode = "standard"
    max_attempts = _positive_number(own.get("max_attempts"), "max_attempts", problems)
    timeout = _positive_number(own.get("connect_timeout"), "connect_timeout", problems)
    settings = AwsSettings(
        **{
            **fields,
            "endpoint_url": own.get("endpoint") or fields["endpoint_url"],
            "retry_mode": cast(RetryMode, retry_mode),
            "max_attempts": int(max_attempts or fields["max_attempts"] or DEFAULT_MAX_ATTEMPTS),
            "spelling": spelling,
        }
    )
    timeout_s = float(timeout or DEFAULT_CONNECT_TIMEOUT)
    return ProviderConfig(words, settings, timeout_s, problems, own_spelling)


def _positive_number(value: Any, name: str, problems: list[Problem]) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = 0.0
    if number <= 0:
        reason = f"must be a positive number, got {quoted(value)}"
        problems.append(Problem((name,), reason, setting=True, own=True))
        return None
    return number
