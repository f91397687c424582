"""The connection's outputs, mapped from an AppFabric authorization (names from the schema)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import schema
from ..aws import model
from ..aws.once import once
from ..naming import camel
from . import statuses


def outputs(
    props: Mapping[str, Any],
    region: str,
    authorization: Mapping[str, Any],
    code_fingerprint: Any,
    connected_at: Any = None,
) -> dict[str, Any]:
    """Every output of ``schema.ECHOED_INPUTS`` and ``schema.OUTPUTS``, in that order; and, for a
    connection with its own ``aws`` identity, that identity without its secrets (see
    :func:`public_identity`).

    An output is read back from ``authorization`` (AppFabric's, camelCase) by its schema entry:
    see :func:`read_back`; ``code_fingerprint`` and ``connected_at`` are the core's own (a
    connect sets them, a read keeps the state's)."""
    outs: dict[str, Any] = {
        "app_bundle_identifier": props.get("app_bundle_identifier")
        or authorization.get("appBundleArn"),
        "app_authorization_identifier": props.get("app_authorization_identifier")
        or authorization.get("appAuthorizationArn"),
        "region": region,
    }
    computed = {"code_fingerprint": code_fingerprint, "connected_at": connected_at}
    for prop in schema.OUTPUTS:
        outs[prop.name] = computed[prop.name] if prop.from_core else read_back(prop, authorization)
    identity = public_identity(props.get("aws"))
    if identity is not None:
        outs["aws"] = identity
    return outs


def read_back(prop: schema.Property, authorization: Mapping[str, Any]) -> Any:
    """Output ``prop`` of an AppFabric authorization: its member ``camel(prop.name)``, an object's
    fields likewise, a timestamp (per botocore's model) as ISO 8601, else ``prop.default``."""
    value = authorization.get(camel(prop.name))
    if prop.fields:
        return {field.name: read_back(field, value or {}) for field in prop.fields}
    if prop.until_connected and authorization.get("status") == statuses.CONNECTED:
        # The authUrl embeds a fresh state parameter on every read (Terraform notes this): keep it
        # only while the user needs it, so a Connected authorization reads back identically.
        return None
    if camel(prop.name) in _timestamps():
        value = statuses.iso8601(value)
    return prop.default if value is None else value


@once
def _timestamps() -> frozenset[str]:
    """AppFabric's timestamp members of an authorization (botocore gives them as datetimes)."""
    return model.timestamp_members("AppAuthorization")


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
