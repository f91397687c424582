"""The dynamic provider behind ``AppAuthorizationConnection``: the core as a Pulumi front end.

Owns: ``AppAuthorizationConnectionProvider`` (pickled into state under this package's path),
the mapping of ``pulumi.dynamic`` values and results onto the core's, ``ConnectionFailed`` and
``ProviderBug``, and the core's remedies in Pulumi's words (``messages.PULUMI``).
May import: ``pulumi``, ``core``, ``aws``, ``statuses``, ``engine_watch``.
"""

from .errors import ConnectionFailed, ProviderBug
from .lifecycle import AppAuthorizationConnectionProvider

__all__ = ["AppAuthorizationConnectionProvider", "ConnectionFailed", "ProviderBug"]
