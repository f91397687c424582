"""The dynamic provider behind ``AppAuthorizationConnection``: connect, read status, reconnect."""

from .errors import ConnectionFailed, ProviderBug
from .lifecycle import AppAuthorizationConnectionProvider

__all__ = ["AppAuthorizationConnectionProvider", "ConnectionFailed", "ProviderBug"]
