"""Fault injection settings of the emulator's control API (latency, throttling, errors)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class FaultError(ValueError):
    """A fault setting that is unknown or out of range."""


@dataclass
class Faults:
    latency_ms: float = 0.0
    throttle_rate: float = 0.0
    error_rate: float = 0.0
    ambiguous_connects: int = 0
    connect_delay_s: float = 0.0
    seed: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def updated(self, changes: Mapping[str, Any]) -> Faults:
        """A copy with `changes` applied, after checking every name and value."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise FaultError(f"unknown fault setting(s): {', '.join(unknown)}")
        out = dataclasses.replace(self)
        for key, value in changes.items():
            setattr(out, key, _check(key, value))
        return out


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultError(f"{key} must be a number")
    if value < 0:
        raise FaultError(f"{key} must not be negative")
    return float(value)


def _check(key: str, value: Any) -> Any:
    if key == "seed":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise FaultError("seed must be an integer or null")
        return value
    if key == "ambiguous_connects":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise FaultError("ambiguous_connects must be a non-negative integer")
        return value
    number = _number(key, value)
    if key in ("throttle_rate", "error_rate") and number > 1:
        raise FaultError(f"{key} must be between 0 and 1")
    return number
