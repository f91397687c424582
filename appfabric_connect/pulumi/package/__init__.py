"""The provider package ``appfabric-connect``: the connection as a real Pulumi provider.

Owns: the plugin ``pulumi-resource-appfabric-connect`` (``start.main``: a warm start, or a cold
one by ``server.main``), its gRPC server, its schema (from ``schema``), the engine's property
maps to and from the core's plain values, and warnings sent to the engine's Log RPC.
May import: ``pulumi``, ``core``, ``problems``, ``unknown``, ``pulumi/stack_config``,
``pulumi/pulumi_aws_names``, ``pulumi/messages`` (its failures and Pulumi words), ``naming``,
``schema``, ``engine_watch``, ``warm``, ``__version__``.
"""
