"""The provider package ``appfabric-connect``: the connection as a real Pulumi provider.

Owns: the plugin's gRPC server, its schema (from ``schema``), the engine's property maps to and
from the core's plain values, and warnings sent to the engine's Log RPC.
May import: ``pulumi``, ``core``, ``provider`` (its Pulumi words and failures), ``naming``,
``schema``, ``engine_watch``.
"""
