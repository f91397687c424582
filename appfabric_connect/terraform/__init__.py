"""The Terraform and OpenTofu provider ``appfabricconnect``: a front end of the same lifecycle.

``terraform-provider-appfabricconnect`` (``main``) is the plugin executable; ``server`` speaks
go-plugin and tfplugin6, ``provider`` Terraform's plan/apply rules, and ``lifecycle_adapter`` is
the one module that calls the connection's lifecycle. It needs the ``terraform`` extra.
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
