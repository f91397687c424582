"""``status``: every app authorization of a bundle, its status and what to do about it."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..aws import arn
from ..core import statuses
from ..pulumi.messages import status_remedy
from ..terraform.diagnostics import TERRAFORM
from .appfabric import add_aws_arguments, appfabric_client, check_identifier, read_authorizations
from .errors import UsageError

DESCRIPTION = """\
Lists the app authorizations of an app bundle with their app, tenant, auth type and status, and
what to do about each one that is not Connected. Exit code 0 when all are Connected, 1 otherwise
(or on an error), 2 for bad arguments. What to do is worded for the engine: --engine, else
terraform when the working directory has .tf files and no Pulumi.yaml, else pulumi."""

ENGINES = ("pulumi", "terraform")


@dataclass(frozen=True)
class Row:
    """One app authorization, as `status --json` prints it."""

    app_authorization_arn: str
    app: str
    tenant_identifier: str | None
    tenant_display_name: str | None
    auth_type: str | None
    status: str
    connected: bool
    remedy: str
    authorize_command: str | None
    updated_at: str | None


def register(subcommands: Any) -> None:
    parser = subcommands.add_parser(
        "status",
        help="list a bundle's app authorizations, their status and what to do",
        description=DESCRIPTION,
    )
    parser.add_argument("--bundle", required=True, help="app bundle ARN or UUID")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.add_argument(
        "--page-size",
        type=int,
        default=None,
        help="ListAppAuthorizations page size (default: the service's)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="word what to do for Pulumi or Terraform/OpenTofu (default: terraform when the "
        "working directory has *.tf files and no Pulumi.yaml, else pulumi)",
    )
    add_aws_arguments(parser)
    parser.set_defaults(run=run)


def detect_engine(directory: Path) -> str:
    """terraform for a Terraform/OpenTofu configuration (``*.tf``, ``*.tofu``), else pulumi."""
    if (directory / "Pulumi.yaml").exists() or (directory / "Pulumi.yml").exists():
        return "pulumi"
    found = any(directory.glob("*.tf")) or any(directory.glob("*.tofu"))
    return "terraform" if found else "pulumi"


def run(args: argparse.Namespace) -> int:
    """Runs ``status``; returns 0 if every authorization is Connected, else 1."""
    check_identifier("bundle", args.bundle)
    if args.page_size is not None and not 1 <= args.page_size <= 100:
        raise UsageError("--page-size must be between 1 and 100")
    client, region = appfabric_client(args, [args.bundle])
    authorizations = read_authorizations(client, region, args.bundle, page_size=args.page_size)
    engine = args.engine or detect_engine(Path.cwd())
    rows = [_row(args.bundle, a, engine) for a in authorizations]
    if args.json:
        print(json.dumps([asdict(row) for row in rows], indent=2))
    else:
        _print_table(args.bundle, rows)
    return 0 if all(row.connected for row in rows) else 1


def _row(bundle: str, authorization: dict[str, Any], engine: str = "pulumi") -> Row:
    status = str(authorization["status"])
    auth_type = authorization.get("authType")
    tenant = authorization.get("tenant") or {}
    connected = status == statuses.CONNECTED
    arn = str(authorization["appAuthorizationArn"])
    # With Terraform, `authorize` runs `terraform apply` with the code as TF_VAR_NAME: NAME is
    # the variable the configuration passes to auth_request.code_wo, which only the user knows.
    command = (
        f"python -m appfabric_connect authorize --bundle {bundle} --authorization {arn}"
        + (" --variable NAME" if engine == "terraform" else "")
        if auth_type == "oauth2" and not connected
        else None
    )
    remedy = (
        TERRAFORM.status_remedy(status, auth_type)
        if engine == "terraform"
        else status_remedy(status, auth_type)
    )
    return Row(
        app_authorization_arn=arn,
        app=str(authorization.get("app")),
        tenant_identifier=tenant.get("tenantIdentifier"),
        tenant_display_name=tenant.get("tenantDisplayName"),
        auth_type=auth_type,
        status=status,
        connected=connected,
        remedy=remedy,
        authorize_command=command,
        updated_at=statuses.iso8601(authorization.get("updatedAt")),
    )


def _print_table(bundle: str, rows: list[Row]) -> None:
    if not rows:
        print(f"App bundle {bundle} has no app authorizations.")
        return
    header = ("APP", "TENANT", "AUTH", "STATUS", "AUTHORIZATION")
    cells = [
        (
            row.app,
            _tenant(row),
            row.auth_type or "?",
            row.status,
            arn.authorization_uuid(row.app_authorization_arn),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header) - 1)]

    def line(values: tuple[str, ...]) -> str:
        padded = [value.ljust(width) for value, width in zip(values, widths, strict=False)]
        return "  ".join([*padded, values[-1]])

    print(line(header))
    for row, values in zip(rows, cells, strict=True):
        print(line(values))
        if not row.connected:
            print(f"    what to do: {row.remedy}")
            if row.authorize_command:
                print(f"    get a new code: {row.authorize_command}")
    waiting = sum(not row.connected for row in rows)
    total = f"{len(rows)} app authorization{'s' if len(rows) != 1 else ''}"
    if waiting:
        print(f"\n{waiting} of {total} not Connected.")
    else:
        print(f"\nAll {total} Connected.")


def _tenant(row: Row) -> str:
    name, identifier = row.tenant_display_name, row.tenant_identifier
    if name and identifier and name != identifier:
        return f"{name} ({identifier})"
    return name or identifier or "-"
