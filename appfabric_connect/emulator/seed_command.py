"""``appfabric-emulator seed``: a running emulator's app bundle and app authorizations, made from
the command line (no Pulumi, no Terraform), printed as ARNs, JSON or Terraform variables."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, NoReturn

from .control_client import EmulatorControl
from .seed import AuthType, seed_authorization, seed_bundle

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

PROG = "appfabric-emulator seed"
DEFAULT_URL = "http://127.0.0.1:4599"
AUTH_TYPES: tuple[AuthType, ...] = ("oauth2", "apiKey")
# The admin guide's apiKey apps; every other app defaults to oauth2.
API_KEY_APPS = frozenset({"ASANA", "TERRAFORMCLOUD"})
DEFAULT_APPS = ("SLACK:oauth2", "ASANA:apiKey")

DESCRIPTION = f"""\
Creates, in a running emulator, the region's app bundle (or reuses it: AppFabric allows one per
Region) and one PendingConnect app authorization per --app, then prints their ARNs (or --json, or
--tfvars for the Terraform examples). Default apps: {", ".join(DEFAULT_APPS)}."""


@dataclass(frozen=True)
class App:
    """One --app: the app's name and its auth type."""

    name: str
    auth_type: AuthType


@dataclass(frozen=True)
class SeededAuthorization:
    app: str
    auth_type: str
    status: str
    app_authorization_arn: str
    auth_url: str | None


class _Parser(argparse.ArgumentParser):
    """Bad arguments are one line (and exit code 2), not usage plus a line."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        sys.exit(2)


def _app(text: str) -> App:
    name, _, auth_type = text.partition(":")
    if not name or len(name) > 255 or not name.strip() == name:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give APP or APP:AUTH_TYPE, e.g. SLACK:oauth2 (APP: 1-255 characters)"
        )
    if not auth_type:
        auth_type = "apiKey" if name.upper() in API_KEY_APPS else "oauth2"
    if auth_type not in AUTH_TYPES:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the auth type must be oauth2 or apiKey, not {auth_type!r}"
        )
    return App(name, auth_type)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=DESCRIPTION)
    parser.add_argument(
        "--url",
        default=os.environ.get("AWS_ENDPOINT_URL_APPFABRIC") or DEFAULT_URL,
        help="the emulator's URL (default: AWS_ENDPOINT_URL_APPFABRIC, else %(default)s)",
    )
    parser.add_argument(
        "--region",
        default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
        help="region of the bundle (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)",
    )
    parser.add_argument(
        "--app",
        dest="apps",
        action="append",
        type=_app,
        metavar="APP[:AUTH_TYPE]",
        help="an app authorization to create (repeatable); AUTH_TYPE oauth2 or apiKey, "
        "default apiKey for ASANA and TERRAFORMCLOUD, else oauth2",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument(
        "--tfvars",
        action="store_true",
        help="print app_bundle_arn and app_authorization_arn as a terraform.tfvars file (the "
        "variables of examples/terraform-*; needs exactly one --app)",
    )
    return parser


def _client(url: str, region: str) -> AppFabricClient:
    """A boto3 client for the emulator: any credentials sign (the emulator needs a SigV4
    header, and takes the region from it); the environment's when set."""
    import boto3  # only here: the emulator itself runs without boto3

    session = boto3.session.Session(
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID") or "AKIAEMULATOR",
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY") or "emulator",
        aws_session_token=os.environ.get("AWS_SESSION_TOKEN") or None,
        region_name=region,
    )
    return session.client("appfabric", endpoint_url=url)


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    apps: list[App] = args.apps or [_app(text) for text in DEFAULT_APPS]
    if args.tfvars and len(apps) != 1:
        print(
            f"{PROG}: error: --tfvars prints one app_authorization_arn: give exactly one --app "
            f"(got {len(apps)})",
            file=sys.stderr,
        )
        return 2
    url = args.url.rstrip("/")
    if not EmulatorControl(url).ping():
        print(
            f"{PROG}: error: no AppFabric emulator answers at {url}: start one with "
            "`python -m appfabric_connect.emulator` or pass its URL with --url",
            file=sys.stderr,
        )
        return 1
    import botocore.exceptions

    client = _client(url, args.region)
    try:
        bundle = seed_bundle(client)
        made = [seed_authorization(client, bundle, app.auth_type, app.name) for app in apps]
    except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    seeded = [
        SeededAuthorization(
            app=a["app"],
            auth_type=a["authType"],
            status=a["status"],
            app_authorization_arn=a["appAuthorizationArn"],
            auth_url=a.get("authUrl"),
        )
        for a in made
    ]
    if args.json:
        answer = {"app_bundle_arn": bundle, "app_authorizations": [asdict(a) for a in seeded]}
        print(json.dumps(answer, indent=2))
    elif args.tfvars:
        print(f'app_bundle_arn        = "{bundle}"')
        print(f'app_authorization_arn = "{seeded[0].app_authorization_arn}"')
    else:
        width = max(len(a.app) for a in seeded)
        print(f"app bundle  {bundle}")
        for a in seeded:
            print(f"{a.app.ljust(width)} {a.auth_type.ljust(6)} {a.app_authorization_arn}")
    return 0
