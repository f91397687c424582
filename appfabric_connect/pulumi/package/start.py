"""``pulumi-resource-appfabric-connect``: a later start of an engine run goes warm, else cold."""

from __future__ import annotations

import os
import sys

from ... import __version__
from ...warm.client import attach

PLUGIN = "package"  # the warm parent's name for this plugin (``warm``)
LANGUAGE_HOST = "pulumi-language"  # /proc's comm: the first 15 bytes of pulumi-language-yaml


def main() -> None:
    """The plugin's entry point: ``pulumi-resource-appfabric-connect ENGINE_ADDRESS [flags]``."""
    attach_to_warm_parent(PLUGIN)
    from .server import main as serve

    serve(PLUGIN)


def attach_to_warm_parent(plugin: str) -> None:
    """Under an engine (its address first), a later start of its run is forked by the run's
    warm parent and this process ends as that child does; else this returns (a cold start)."""
    if len(sys.argv) > 1:
        attach(plugin, __version__, engine_run(), sys.argv[1:])


def engine_run() -> int:
    """The pid of the ``pulumi`` command this start serves: its parent, or its parent's when that
    is a language host (Pulumi quirk: the YAML host starts the plugin for its schema)."""
    parent = os.getppid()
    try:
        with open(f"/proc/{parent}/comm") as comm:
            if not comm.read().startswith(LANGUAGE_HOST):
                return parent
        with open(f"/proc/{parent}/stat") as stat:
            return int(stat.read().rpartition(")")[2].split()[1])
    except (OSError, ValueError, IndexError):
        return parent


if __name__ == "__main__":
    main()
