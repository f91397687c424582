"""How messages show what the user gave: short quotes, and numbers as they were written."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

QUOTE_LIMIT = 80


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """A string quoted, a long one cut to its first ``limit`` characters with its length; any
    other value as :func:`shown` describes it."""
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


def _quote(text: str, limit: int) -> str:
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text)} characters)"
