"""``terraform-mirror DIR``: a filesystem mirror of the Terraform provider, and its CLI config."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Writes a Terraform/OpenTofu filesystem mirror of the appfabricconnect provider into DIR (a zip
for this platform, holding a launcher that runs this Python) and prints the CLI configuration
that uses it; save it as the file TF_CLI_CONFIG_FILE names (or ~/.terraformrc), then
`terraform init` installs the provider offline and writes .terraform.lock.hcl. With
--dev-overrides, writes the launcher itself into DIR and prints a dev_overrides configuration
instead (no `terraform init`; for development)."""


def register(subcommands: Any) -> None:
    parser = subcommands.add_parser(
        "terraform-mirror",
        help="write a filesystem mirror of the Terraform provider and print the CLI config",
        description=DESCRIPTION,
    )
    parser.add_argument("directory", metavar="DIR", type=Path, help="the mirror's directory")
    parser.add_argument(
        "--dev-overrides",
        action="store_true",
        help="write the launcher for dev_overrides instead of a mirror",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the Python the provider runs with (default: this one)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..terraform import mirror  # the provider's dependencies are only needed to run it

    if args.dev_overrides:
        where = mirror.write_launcher(args.directory, args.python)
        config = mirror.dev_overrides_config(args.directory)
    else:
        where = mirror.write_mirror(args.directory, args.python)
        config = mirror.mirror_config(args.directory)
    print(f"# wrote {where}", file=sys.stderr)
    print(config, end="")
    return 0
