"""The package's name and its type tokens."""

from __future__ import annotations

from ...schema import NAMESPACE

PACKAGE = NAMESPACE
RESOURCE_TOKEN = f"{PACKAGE}:index:AppAuthorizationConnection"
