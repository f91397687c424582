"""``import-file``: a ``pulumi import --file`` file for a bundle's connections, read from AWS."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from ..aws.clients import CONFIG_ENDPOINT
from .appfabric import add_aws_arguments, appfabric_client, check_identifier, read_authorizations
from .errors import UsageError
from .pulumi_runner import PulumiCli
from .stack_config import stack_settings

RESOURCE_TYPE = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
NAMINGS = ("app-tenant", "app", "tenant", "uuid")
DESCRIPTION = """\
Writes a file for `pulumi import --file` with one AppAuthorizationConnection per app
authorization of the bundle (or per --authorization): its name, its id (the ARN), its inputs and
its outputs as read from AppFabric, so that the engine imports it without a Read (Pulumi >= 3.254).
No OAuth code is needed or written. Prints the declarations to paste into the program."""


def register(subcommands: Any) -> None:
    parser = subcommands.add_parser(
        "import-file",
        help="write a `pulumi import --file` file for existing connections",
        description=DESCRIPTION,
    )
    parser.add_argument("--bundle", required=True, help="app bundle ARN")
    parser.add_argument(
        "--authorization",
        action="append",
        default=[],
        metavar="ARN[=NAME]",
        help="an app authorization to import, optionally with its resource name (repeatable; "
        "default: every authorization of the bundle)",
    )
    parser.add_argument("--out", default="import.json", help="the file to write (import.json)")
    parser.add_argument(
        "--name-from",
        choices=NAMINGS,
        default="app-tenant",
        help="how resource names are made: app and tenant (default), app, tenant or UUID",
    )
    parser.add_argument("--stack", help="the stack whose aws:region and endpoint to use")
    parser.add_argument("--cwd", help="the Pulumi project directory (default: .)")
    add_aws_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Writes the import file and prints the declarations; 0 on success."""
    check_identifier("bundle", args.bundle)
    wanted = [_arn_and_name(value) for value in args.authorization]
    for authorization, _ in wanted:
        check_identifier("authorization", authorization)
    settings: dict[str, str] = {}
    if args.stack or args.cwd:
        settings = stack_settings(PulumiCli(args.cwd or ".", stack=args.stack))
    client, region = appfabric_client(
        args,
        [args.bundle],
        fallback_region=settings.get("aws:region"),
        fallback_endpoint=settings.get(CONFIG_ENDPOINT),
        fallback_profile=settings.get("aws:profile"),
    )
    names = dict(wanted)
    authorizations = read_authorizations(client, region, args.bundle, [arn for arn, _ in wanted])
    resources = import_resources(authorizations, region, args.name_from, names)
    Path(args.out).write_text(json.dumps({"resources": resources}, indent=2) + "\n")
    _print_instructions(args.out, resources)
    return 0


def import_resources(
    authorizations: list[dict[str, Any]],
    region: str,
    name_from: str = "app-tenant",
    names: dict[str, str | None] | None = None,
) -> list[dict[str, Any]]:
    """One import-file resource per authorization: type, name, id, inputs and outputs."""
    # Imported lazily: the Pulumi SDK (which the dynamic resource imports) is needed only here,
    # not by the other commands.
    from ..core.outputs import outputs
    from ..pulumi.dynamic.provider import serialized_provider

    # Pulumi quirk: the dynamic-provider server finds its provider in the serialized
    # `__provider` property, of the inputs (Check, Diff) and of the outputs (Read, Delete).
    provider = serialized_provider()
    used: set[str] = set()
    resources = []
    for authorization in authorizations:
        arn = str(authorization["appAuthorizationArn"])
        name = (names or {}).get(arn) or _unique(_name(authorization, name_from), used)
        used.add(name)
        inputs = {
            "app_bundle_identifier": authorization["appBundleArn"],
            "app_authorization_identifier": arn,
            "region": region,
        }
        resources.append(
            {
                "type": RESOURCE_TYPE,
                "name": name,
                "id": arn,
                "inputs": {"__provider": provider, **inputs},
                "outputs": {"__provider": provider, **outputs(inputs, region, authorization, None)},
            }
        )
    return resources


def declaration(resource: dict[str, Any]) -> str:
    """The program's declaration of an imported connection (what the import file's inputs say)."""
    inputs = resource["inputs"]
    variable = re.sub(r"\W", "_", resource["name"])
    variable = variable if variable[:1].isalpha() else f"connection_{variable}"
    return (
        f"{variable} = AppAuthorizationConnection(\n"
        f"    {json.dumps(resource['name'])},\n"
        f"    app_bundle_identifier={json.dumps(inputs['app_bundle_identifier'])},\n"
        f"    app_authorization_identifier={json.dumps(inputs['app_authorization_identifier'])},\n"
        f"    region={json.dumps(inputs['region'])},\n"
        ")"
    )


def _arn_and_name(value: str) -> tuple[str, str | None]:
    arn, _, name = value.partition("=")
    if "=" in value and not name:
        raise UsageError(f"--authorization {value}: give a name after '=' or none")
    return arn, name or None


def _name(authorization: dict[str, Any], name_from: str) -> str:
    tenant = authorization.get("tenant") or {}
    tenant_name = tenant.get("tenantDisplayName") or tenant.get("tenantIdentifier") or ""
    parts = {
        "app-tenant": [authorization.get("app") or "", tenant_name],
        "app": [authorization.get("app") or ""],
        "tenant": [tenant_name],
        "uuid": [str(authorization["appAuthorizationArn"]).rsplit("/", 1)[-1]],
    }[name_from]
    return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-") or "connection"


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def _print_instructions(out: str, resources: list[dict[str, Any]]) -> None:
    count = f"{len(resources)} connection{'s' if len(resources) != 1 else ''}"
    print(f"Wrote {out} ({count}). Import them with:\n")
    print(f"  pulumi import --file {out} --protect=false --generate-code=false --yes\n")
    print(
        "and declare them in the program (the same inputs, so `pulumi preview` shows no change):\n"
    )
    print("from appfabric_connect import AppAuthorizationConnection\n")
    for resource in resources:
        print(declaration(resource))
