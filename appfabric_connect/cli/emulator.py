"""``appfabric-connect emulator``: the local AppFabric emulator, with its own options."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def register(subcommands: Any) -> None:
    parser = subcommands.add_parser(
        "emulator",
        help="run the local AppFabric emulator (options: `appfabric-connect emulator --help`)",
        add_help=False,
    )
    parser.set_defaults(run=lambda _args: run([]))


def run(options: Sequence[str]) -> int:
    """Runs the emulator with its own command line (main() hands it everything after the name:
    argparse would take the emulator's options, e.g. --help, for this CLI's)."""
    from ..emulator.__main__ import main  # the emulator needs neither Pulumi nor this CLI

    return main(options)
