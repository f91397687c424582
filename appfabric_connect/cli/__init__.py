"""The ``python -m appfabric_connect`` commands: ``authorize``, ``status``, ``import-file``, …

Owns: argument parsing, the browser-side OAuth redirect, stack config through the Pulumi CLI.
May import: ``aws``, ``core``, ``emulator``, ``pulumi/statuses`` (what each status asks of a
Pulumi user), ``terraform`` (its mirror, for ``terraform-mirror``); ``pulumi`` and
``pulumi/dynamic`` only lazily, in ``import-file`` (the other commands start without the Pulumi
SDK).
"""
