"""The Terraform and OpenTofu provider ``appfabricconnect``: the core as a Terraform front end.

Owns: the plugin executable ``terraform-provider-appfabricconnect`` (``main``), go-plugin's
handshake and tfplugin6 (``server``, which says what its warm parent loads: ``warm``),
Terraform's plan/apply rules (``provider``), its schemas (derived from the package's ``schema``;
``blocks``), msgpack values, diagnostics, the filesystem mirror and its launcher, and the core's
remedies in Terraform's words (``diagnostics``); ``lifecycle_adapter`` is the one module that
calls the core. Needs the ``terraform`` extra.
May import: ``core``, ``aws``, ``schema``, ``naming``, ``problems``, ``unknown``, ``durations``,
``engine_watch``, ``warm``, ``__version__`` (never ``pulumi``).
"""

from __future__ import annotations

import sys

INSTALL_HINT = "pip install 'appfabric-connect[terraform]'"


def main() -> None:
    """Starts the plugin, or says which extra to install when its dependencies are missing."""
    try:
        from .server import main as serve
    except ImportError as error:  # msgpack or cryptography: the `terraform` extra
        sys.stderr.write(
            f"terraform-provider-appfabricconnect needs {error.name or 'its dependencies'}: "
            f"{INSTALL_HINT}\n"
        )
        sys.exit(1)
    serve()
