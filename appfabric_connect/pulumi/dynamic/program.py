"""The root program's logic: one connection per entry of the stack config list ``connections``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from ... import schema
from ...quoting import quoted, shown
from .resource import AppAuthorizationConnection

ENTRY_KEYS = ("name", *schema.INPUT_NAMES)
# How an entry looks, from the schema: `{name, app_bundle_identifier, …, region?, …}`.
_ENTRY_FIELDS = (prop.name if prop.required else f"{prop.name}?" for prop in schema.INPUTS)
ENTRY_SHAPE = "{" + ", ".join(("name", *_ENTRY_FIELDS)) + "}"


def declare_connections(entries: Any) -> dict[str, AppAuthorizationConnection]:
    """Declares the connections listed in ``entries`` and exports status, app, tenant and ARN."""
    if not isinstance(entries, list):
        raise pulumi.RunError(f"config `connections` must be a list of objects {ENTRY_SHAPE}")
    connections: dict[str, AppAuthorizationConnection] = {}
    for index, entry in enumerate(entries):
        name = _entry_name(index, entry, connections)
        args = {key: entry.get(key) for key in ENTRY_KEYS[1:]}
        connection = AppAuthorizationConnection(name, **args)
        connections[name] = connection
        pulumi.export(
            name,
            {
                "status": connection.status,
                "app": connection.app,
                "tenant": connection.tenant,
                "arn": connection.app_authorization_arn,
                "auth_url": connection.auth_url,
            },
        )
    return connections


def _entry_name(index: int, entry: Any, seen: Mapping[str, object]) -> str:
    where = f"config `connections[{index}]`"
    if not isinstance(entry, dict):
        raise pulumi.RunError(f"{where} must be an object, got {shown(entry)}")
    extra = sorted(set(entry) - set(ENTRY_KEYS))
    if extra:
        raise pulumi.RunError(
            f"{where} has unknown keys {', '.join(quoted(key) for key in extra)}; "
            f"expected {', '.join(ENTRY_KEYS)}"
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise pulumi.RunError(f"{where}.name is required: a unique name for the connection")
    if name in seen:
        raise pulumi.RunError(f"{where}.name {quoted(name)} is used twice; names must be unique")
    for key in schema.REQUIRED_INPUTS:
        if entry.get(key) is None:
            meaning = schema.by_name(schema.INPUTS)[key].pulumi_doc
            raise pulumi.RunError(f"{where}.{key} is required: {meaning}")
    return name
