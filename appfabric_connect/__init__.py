"""Pulumi dynamic provider for AWS AppFabric app-authorization connections."""

from .provider import AppAuthorizationConnectionProvider, ConnectionFailed
from .resource import AppAuthorizationConnection, AuthRequestArgs

__all__ = [
    "AppAuthorizationConnection",
    "AppAuthorizationConnectionProvider",
    "AuthRequestArgs",
    "ConnectionFailed",
]
