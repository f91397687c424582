"""AWS plumbing: botocore clients, AppFabric's service model, and ARNs.

Owns: clients and their settings (pulumi-aws's names and meanings), identity and the role
chain, allowed accounts, transport, retries, one-line AWS failures, the model and ARNs.
May import: ``durations``, ``naming``, ``problems``, ``quoting``, ``schema`` (never
``pulumi``, nor any front end).
"""
