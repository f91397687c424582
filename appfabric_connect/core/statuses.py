"""An app authorization's statuses, and how messages name it and its dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

CONNECTED = "Connected"
PENDING_CONNECT = "PendingConnect"
CONNECTION_VALIDATION_FAILED = "ConnectionValidationFailed"
TOKEN_AUTO_ROTATION_FAILED = "TokenAutoRotationFailed"
FAILED = frozenset({CONNECTION_VALIDATION_FAILED, TOKEN_AUTO_ROTATION_FAILED})


def describe(uuid: str, authorization: Mapping[str, Any], tenant: bool = False) -> str:
    """``app authorization UUID (APP)`` (``, tenant NAME`` too with ``tenant``), for messages."""
    app = authorization.get("app")
    tenant_name = (authorization.get("tenant") or {}).get("tenantDisplayName") if tenant else None
    label = ", ".join(str(part) for part in (app, tenant_name and f"tenant {tenant_name}") if part)
    return f"app authorization {uuid}" + (f" ({label})" if label else "")


def iso8601(value: Any) -> str | None:
    """An AppFabric timestamp (a datetime from botocore) as ISO 8601 text."""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if value is not None else None
