"""The connection's outputs, mapped from an AppFabric authorization (names from the schema)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import schema, statuses


def outputs(
    props: Mapping[str, Any],
    region: str,
    authorization: Mapping[str, Any],
    code_fingerprint: Any,
) -> dict[str, Any]:
    """Every output of ``schema.ECHOED_INPUTS`` and ``schema.OUTPUTS``, in that order."""
    tenant = authorization.get("tenant") or {}
    status = authorization["status"]
    values = {
        "app_bundle_identifier": props.get("app_bundle_identifier")
        or authorization.get("appBundleArn"),
        "app_authorization_identifier": props.get("app_authorization_identifier")
        or authorization.get("appAuthorizationArn"),
        "region": region,
        "app_authorization_arn": authorization["appAuthorizationArn"],
        "app_bundle_arn": authorization["appBundleArn"],
        "app": authorization["app"],
        "tenant": {
            "tenant_identifier": tenant.get("tenantIdentifier"),
            "tenant_display_name": tenant.get("tenantDisplayName"),
        },
        "status": status,
        "updated_at": statuses.iso8601(authorization.get("updatedAt")),
        "created_at": statuses.iso8601(authorization.get("createdAt")),
        "auth_type": authorization.get("authType"),
        "persona": authorization.get("persona", "admin"),
        # The authUrl embeds a fresh state parameter on every read (Terraform notes this): keep it
        # only while the user needs it, so a Connected authorization reads back identically.
        "auth_url": authorization.get("authUrl") if status != statuses.CONNECTED else None,
        "code_fingerprint": code_fingerprint,
    }
    return {name: values[name] for name in (*schema.ECHOED_INPUTS, *schema.OUTPUT_NAMES)}
