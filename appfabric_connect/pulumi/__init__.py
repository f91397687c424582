"""The Pulumi front ends: the dynamic resource (``dynamic/``) and provider package (``package/``).

Owns: what both say and raise to a Pulumi user, in ``messages``: the core's remedies and hints
in Pulumi's words (``PULUMI``), what each status asks of a Pulumi user (``status_remedy``), and
the failures ``ConnectionFailed`` and ``ProviderBug`` (named ``appfabric_connect.provider.…`` as
since 0.1.0); pulumi-aws's stack config as the core reads it (``stack_config``) and its input
names, which check refuses (``pulumi_aws_names``). Only the
modules under this folder import ``pulumi``, the SDK (a test proves it); these two do not, so
that ``cli`` reads ``messages`` without it.
May import: ``core``, ``aws``, ``naming``, ``problems``, ``quoting``, ``schema``, ``provider``
(the names kept for 0.1.0's state).
"""
