"""Go durations (``time.ParseDuration``), pulumi-aws's form for timeouts and role sessions."""

from __future__ import annotations

import re

_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
_PART = re.compile(r"(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_DURATION = re.compile(rf"[+-]?(?:{_PART.pattern})+|[+-]?0")

# An assumed role's session: pulumi-aws (and STS) take 15 minutes to 12 hours.
ROLE_MIN_SECONDS = 15 * 60
ROLE_MAX_SECONDS = 12 * 3600


def go_duration_seconds(text: str) -> float:
    """Seconds in a Go duration string ("30m", "1h30m", "1.5h"); a ValueError unless it is one."""
    if not _DURATION.fullmatch(text):
        raise ValueError(text)
    seconds = float(sum(float(number) * _UNITS[unit] for number, unit in _PART.findall(text)))
    return -seconds if text.startswith("-") else seconds


def seconds_within(text: object, low: float, high: float = float("inf")) -> float | None:
    """Seconds in Go duration ``text`` when it is one from ``low`` to ``high``, else None."""
    try:
        seconds = go_duration_seconds(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return seconds if seconds is not None and low <= seconds <= high else None


def role_duration_seconds(text: str) -> int | None:
    """Whole seconds of a role session's Go duration, or None unless it is one from 15m to 12h."""
    seconds = seconds_within(text, ROLE_MIN_SECONDS, ROLE_MAX_SECONDS)
    return None if seconds is None else int(seconds)
