"""What each status asks of a Pulumi user; the statuses themselves are the core's."""

from __future__ import annotations

from ..core.failures import sentence
from ..core.statuses import (
    CONNECTED,
    CONNECTION_VALIDATION_FAILED,
    FAILED,
    PENDING_CONNECT,
    TOKEN_AUTO_ROTATION_FAILED,
    describe,
    iso8601,
)
from .messages import PULUMI

__all__ = [
    "CONNECTED",
    "CONNECTION_VALIDATION_FAILED",
    "FAILED",
    "PENDING_CONNECT",
    "TOKEN_AUTO_ROTATION_FAILED",
    "describe",
    "iso8601",
    "remedy",
    "sentence",
]


def remedy(status: str, auth_type: str | None) -> str:
    """What to do about ``status`` for an authorization of ``auth_type`` (oauth2 when unknown)."""
    return PULUMI.status_remedy(status, auth_type)
