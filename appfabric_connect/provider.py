"""The pickled path, kept for state: Pulumi state names ``appfabric_connect.provider``."""

from .pulumi.dynamic.provider import AppAuthorizationConnectionProvider
from .pulumi.messages import ConnectionFailed, ProviderBug

__all__ = ["AppAuthorizationConnectionProvider", "ConnectionFailed", "ProviderBug"]
