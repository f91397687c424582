"""The dynamic resource ``AppAuthorizationConnection``: the core as a Pulumi dynamic provider.

Owns: the resource (``resource``), its argument and output types (``args``, ``aws_config_args``,
``resource_outputs``: generated from ``schema`` by ``scripts/gen-args``), pulumi-aws's argument
forms (``pulumi_aws_args``), the root program's logic (``program``), and
``AppAuthorizationConnectionProvider`` (``provider``: the mapping of ``pulumi.dynamic`` values and
results onto the core's; pickled into state as ``appfabric_connect.provider``).
May import: ``pulumi``, ``core``, ``pulumi/messages``, ``pulumi/stack_config``,
``pulumi/pulumi_aws_names``, ``schema``, ``naming``, ``problems``, ``unknown``, ``durations``,
``quoting``, ``engine_watch``, ``provider`` (the names kept for 0.1.0's state).
"""
