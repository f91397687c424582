"""The connection's outputs, mapped from an AppFabric authorization (names from the schema)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import schema
from ..naming import camel
from . import statuses


def outputs(
    props: Mapping[str, Any],
    region: str,
    authorization: Mapping[str, Any],
    code_fingerprint: Any,
) -> dict[str, Any]:
    """Every output of ``schema.ECHOED_INPUTS`` and ``schema.OUTPUTS``, in that order; and, for a
    connection with its own ``aws`` identity, that identity without its secrets (see
    :func:`public_identity`)."""
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
    outs = {name: values[name] for name in (*schema.ECHOED_INPUTS, *schema.OUTPUT_NAMES)}
    identity = public_identity(props.get("aws"))
    if identity is not None:
        outs["aws"] = identity
    return outs


# Keys and tokens of the ``aws`` input (the schema's secret fields, at any depth), in both the
# snake_case and camelCase forms it accepts.
_SECRET_KEYS = frozenset(
    form for name in schema.secret_names(schema.AWS_CONFIG_FIELDS) for form in (name, camel(name))
)
OWN_CREDENTIALS = "own_credentials"


def public_identity(aws: Any) -> dict[str, Any] | None:
    """The ``aws`` input without keys or tokens, for state: refresh reads the authorization with
    the connection's own identity, which a dynamic provider's read knows only from the outputs.
    ``own_credentials`` says keys or a token were left out (refresh cannot use them)."""
    if not isinstance(aws, Mapping):
        return None
    removed = False

    def strip(value: Any) -> Any:
        nonlocal removed
        if isinstance(value, Mapping):
            kept = {}
            for key, item in value.items():
                if key in _SECRET_KEYS:
                    removed = removed or item is not None
                else:
                    kept[key] = strip(item)
            return kept
        if isinstance(value, list):
            return [strip(item) for item in value]
        return value

    public: dict[str, Any] = strip(aws)
    public.pop(OWN_CREDENTIALS, None)
    if removed or aws.get(OWN_CREDENTIALS):
        public[OWN_CREDENTIALS] = True
    return public
