"""Injected faults (latency, throttling, errors, ambiguous and slow connects) and call counts."""

from __future__ import annotations

import dataclasses
import random
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .exceptions import InternalServerException, ThrottlingException


class FaultError(ValueError):
    """A fault setting that is unknown or out of range."""


@dataclass
class FaultSettings:
    latency_ms: float = 0.0
    throttle_rate: float = 0.0
    error_rate: float = 0.0
    ambiguous_connects: int = 0
    connect_delay_s: float = 0.0
    seed: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def updated(self, changes: Mapping[str, Any]) -> FaultSettings:
        """A copy with `changes` applied, after checking every name and value."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise FaultError(f"unknown fault setting(s): {', '.join(unknown)}")
        out = dataclasses.replace(self)
        for key, value in changes.items():
            setattr(out, key, _check(key, value))
        return out


class Faults:
    """The fault settings in force, their random source, and the API calls counted so far."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.settings = FaultSettings()
        self.random = random.Random()
        self.calls: Counter[str] = Counter()
        self.callers: list[dict[str, str]] = []

    def reset(self) -> None:
        with self._lock:
            self.settings = FaultSettings()
            self.random = random.Random()
            self.calls.clear()
            self.callers.clear()

    def update(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.settings = self.settings.updated(changes)
            if "seed" in changes:
                self.random = random.Random(self.settings.seed)
            return self.settings.as_dict()

    def current(self) -> dict[str, Any]:
        with self._lock:
            return self.settings.as_dict()

    def record_call(self, operation: str) -> None:
        with self._lock:
            self.calls[operation] += 1

    def record_caller(self, operation: str, access_key_id: str) -> None:
        with self._lock:
            self.callers.append({"operation": operation, "accessKeyId": access_key_id})

    def caller_list(self) -> list[dict[str, str]]:
        """Who made each call, in order: the operation and the SigV4 access key ID."""
        with self._lock:
            return [dict(caller) for caller in self.callers]

    def call_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self.calls)

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()
            self.callers.clear()

    @property
    def latency_s(self) -> float:
        return self.settings.latency_ms / 1000.0

    @property
    def connect_delay_s(self) -> float:
        return self.settings.connect_delay_s

    def draw(self) -> ThrottlingException | InternalServerException | None:
        """A random throttle or server error per the settings (the request is not applied)."""
        with self._lock:
            settings = self.settings
            if settings.throttle_rate > 0 and self.random.random() < settings.throttle_rate:
                # serviceCode/quotaCode values are inferred.
                return ThrottlingException("Rate exceeded", "RequestsPerSecond", 0)
            if settings.error_rate > 0 and self.random.random() < settings.error_rate:
                return InternalServerException("Internal server error (injected fault)", 0)
            return None

    def take_ambiguous_connect(self) -> bool:
        """True (and one fewer left) if the next Connect is to be applied but answered 500."""
        with self._lock:
            if self.settings.ambiguous_connects <= 0:
                return False
            self.settings.ambiguous_connects -= 1
            return True


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
