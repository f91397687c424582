"""``python -m appfabric_connect``: the ``authorize`` and ``status`` commands."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from . import cli_authorize, cli_status
from .cli_common import ArgumentParser, CliError

PROG = "python -m appfabric_connect"


def parser() -> ArgumentParser:
    """The command line: one subcommand per module (cli_authorize, cli_status)."""
    top = ArgumentParser(
        prog=PROG,
        description="Tools for AWS AppFabric app authorizations managed with appfabric-connect.",
    )
    subcommands = top.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=ArgumentParser
    )
    for module in (cli_authorize, cli_status):
        module.register(subcommands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Runs a command; returns its exit code (2 for usage errors, 1 for failures)."""
    prog = PROG
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


if __name__ == "__main__":
    sys.exit(main())
