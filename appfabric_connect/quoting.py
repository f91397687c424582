"""How messages show what the user gave: whole quotes, and numbers as they were written.

A quoted string is shown whole up to ``QUOTE_LIMIT`` characters: the longest identifier an AWS
API takes (STS AssumeRole's RoleArn, 2048; AppFabric's identifiers, 1011), so the part a user
misspelt is never cut off. Only longer values, which no identifier is, are cut. Secrets are never
given to these functions: callers name a secret setting without its value; and a URL's OAuth
parameters (a redirect URL pasted with its ``code``) are masked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

QUOTE_LIMIT = 2048


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """A string quoted whole (one longer than ``limit``, which no identifier is, cut to its first
    ``limit`` characters with its length); any other value as :func:`shown` describes it."""
    return _quote(value, limit) if isinstance(value, str) else shown(value)


def shown(value: Any) -> str:
    """What kind of value the user gave, numbers as written: ``the number 5``, ``a list``."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        # Pulumi sends every number as a float: 5 arrives as 5.0.
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        return f"the number {number}"
    if isinstance(value, str):
        return f"the string {_quote(value, QUOTE_LIMIT)}"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "nothing"
    return type(value).__name__


# Query parameters that carry an OAuth secret (RFC 6749 §4.1.2, §4.2.2) or a key.
_SECRET_PARAMETER = re.compile(
    r"([?&#](?:code|access_token|refresh_token|id_token|client_secret|token)=)[^&#\s]+",
    re.IGNORECASE,
)


def _quote(text: str, limit: int) -> str:
    text = _SECRET_PARAMETER.sub(r"\1***", text)
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text)} characters)"
