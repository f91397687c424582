"""AWS plumbing: botocore clients, AppFabric's service model, and ARNs.

Owns: clients and their settings (pulumi-aws's names and meanings), identity and the role
chain, allowed accounts, transport, retries, one-line AWS failures, the model and ARNs.
May import: ``durations``, ``naming``, ``problems``, ``quoting``, ``schema`` (never
``pulumi``, nor any front end).
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # State written by 0.1.0 holds the provider pickled with its settings, an
    # ``appfabric_connect.aws.AwsSettings``: unpickling it must still find that name.
    if name == "AwsSettings":
        from .settings import AwsSettings

        return AwsSettings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
