"""The ``python -m appfabric_connect`` commands: ``authorize``, ``status``, ``import-file``, …

Owns: argument parsing, the browser-side OAuth redirect, stack config through the Pulumi CLI.
May import: ``aws``, ``core``, ``emulator``, ``pulumi/messages`` (what each status asks of a
Pulumi user), ``terraform`` (its mirror, for ``terraform-mirror``); ``pulumi/dynamic`` only
lazily, in ``import-file`` (its provider, serialized; the other commands start without the Pulumi
SDK). Runs the Pulumi CLI as a subprocess; never imports ``pulumi``, the SDK.
"""
