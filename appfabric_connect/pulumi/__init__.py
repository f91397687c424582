"""The Pulumi front ends: the dynamic resource (``dynamic/``) and provider package (``package/``).

Owns: what both say and raise to a Pulumi user: the core's remedies and hints in Pulumi's words
(``messages.PULUMI``), what each status asks of a Pulumi user (``statuses``), and the failures
``ConnectionFailed`` and ``ProviderBug`` (``errors``; named ``appfabric_connect.provider.…`` as
since 0.1.0). Only the modules under this folder import ``pulumi``, the SDK (a test proves it);
these three do not, so that ``cli`` reads ``statuses`` without it.
May import: ``core``, ``aws``, ``naming``, ``problems``, ``quoting``, ``schema``.
"""
