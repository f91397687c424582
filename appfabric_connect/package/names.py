"""Property names on the wire (Pulumi schema camelCase) and in the shared core (snake_case)."""

from __future__ import annotations

import re

PACKAGE = "appfabric-connect"
RESOURCE_TOKEN = f"{PACKAGE}:index:AppAuthorizationConnection"
AUTH_REQUEST_TOKEN = f"{PACKAGE}:index:AuthRequest"
TENANT_TOKEN = f"{PACKAGE}:index:Tenant"

_UPPER = re.compile(r"(?<=[a-z0-9])([A-Z])")


def camel(name: str) -> str:
    """``app_bundle_identifier`` → ``appBundleIdentifier``."""
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def snake(name: str) -> str:
    """``appBundleIdentifier`` → ``app_bundle_identifier`` (a snake_case name is kept)."""
    return _UPPER.sub(r"_\1", name).lower()


def camel_path(path: str) -> str:
    """``auth_request.code`` → ``authRequest.code``; a config key (``ns:key``) is kept."""
    if ":" in path:
        return path
    return ".".join(camel(part) for part in path.split("."))
