"""What each status asks of a Pulumi user (the statuses themselves: ``core.statuses``)."""

from __future__ import annotations

from .messages import PULUMI


def remedy(status: str, auth_type: str | None) -> str:
    """What to do about ``status`` for an authorization of ``auth_type`` (oauth2 when unknown)."""
    return PULUMI.status_remedy(status, auth_type)
