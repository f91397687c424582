"""The command line: its parser, one subcommand per module, and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from . import authorize, emulator, import_file, status, terraform_mirror
from .errors import ArgumentParser, CliError

SCRIPT = "appfabric-connect"
PROG = SCRIPT if Path(sys.argv[0]).name == SCRIPT else "python -m appfabric_connect"


def parser() -> ArgumentParser:
    """The command line: one subcommand per module (authorize, status, emulator)."""
    top = ArgumentParser(
        prog=PROG,
        description="Tools for AWS AppFabric app authorizations managed with appfabric-connect.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subcommands = top.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=ArgumentParser
    )
    for module in (authorize, status, emulator, import_file, terraform_mirror):
        module.register(subcommands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Runs a command; returns its exit code (2 for usage errors, 1 for failures)."""
    prog = PROG
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["emulator"]:
        return emulator.run(argv[1:])
    try:
        args = parser().parse_args(argv)
        prog = f"{PROG} {args.command}"
        code: int = args.run(args)
        return code
    except CliError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"\n{prog}: cancelled", file=sys.stderr)
        return 130
