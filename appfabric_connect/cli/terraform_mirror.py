"""``terraform-mirror DIR``: a filesystem mirror of the Terraform provider, and its CLI config."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Writes a Terraform/OpenTofu filesystem mirror of the appfabricconnect provider into DIR (one zip
per platform under registry.terraform.io and registry.opentofu.org, the same bytes on every
machine) and prints the CLI configuration that uses it; save it as the file TF_CLI_CONFIG_FILE
names (or ~/.terraformrc, ~/.tofurc), then `terraform init` or `tofu init` installs the provider
offline and writes .terraform.lock.hcl. The zip's launcher runs $APPFABRIC_CONNECT_PYTHON, else
the Python of the `appfabric-connect` command on PATH, else `python3` on PATH. With
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
        help="the Python the provider runs with: checked; with --dev-overrides the launcher "
        "defaults to it (default: this one), for a mirror set APPFABRIC_CONNECT_PYTHON to it "
        "where terraform runs (the mirror's zip names no Python)",
    )
    parser.add_argument(
        "--platform",
        action="append",
        default=[],
        metavar="OS_ARCH",
        help="another platform to write a zip for, e.g. freebsd_amd64 (always: "
        "darwin_amd64, darwin_arm64, linux_amd64, linux_arm64 and this machine's)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..terraform import mirror  # the provider's dependencies are only needed to run it

    if args.python is not None:
        problem = mirror.python_problem(args.python)
        if problem is not None:
            print(f"appfabric-connect terraform-mirror: {problem}", file=sys.stderr)
            return 2
    bad = [p for p in args.platform if not re.fullmatch(r"[a-z0-9]+_[a-z0-9]+", p)]
    if bad:
        print(
            f"appfabric-connect terraform-mirror: --platform {bad[0]}: expected OS_ARCH such as "
            "linux_amd64",
            file=sys.stderr,
        )
        return 2
    if args.dev_overrides:
        where = mirror.write_launcher(args.directory, args.python or sys.executable)
        config = mirror.dev_overrides_config(args.directory)
        print(f"# wrote {where}", file=sys.stderr)
    else:
        written = mirror.write_mirror(args.directory, tuple(args.platform))
        print(f"# wrote {len(written)} zips under {args.directory}", file=sys.stderr)
        _say_which_python(mirror, args.python)
        config = mirror.mirror_config(args.directory)
    print(config, end="")
    return 0


def _say_which_python(mirror: Any, python: str | None) -> None:
    """Which Python the launcher finds in this environment, or the one line of what to do."""
    if python is not None:
        print(
            f"# the provider runs with {mirror.PYTHON_ENV}, else the appfabric-connect command's "
            f"Python, else python3: export {mirror.PYTHON_ENV}={python} where terraform runs",
            file=sys.stderr,
        )
        return
    found, said = mirror.check_launcher()
    if found:
        print(f"# in this environment the provider runs with {said}", file=sys.stderr)
    else:
        print(f"# warning: {said}", file=sys.stderr)
