"""The package's name and its type tokens."""

from __future__ import annotations

from ...schema import NAMESPACE

PACKAGE = NAMESPACE
RESOURCE_TOKEN = f"{PACKAGE}:index:AppAuthorizationConnection"
AUTH_REQUEST_TOKEN = f"{PACKAGE}:index:AuthRequest"
TENANT_TOKEN = f"{PACKAGE}:index:Tenant"
