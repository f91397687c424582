"""``authorize``: get an OAuth code for an app authorization and store it as a stack secret, or
(Terraform, OpenTofu) hand it to ``terraform apply`` through that child's environment only."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..aws import arn
from ..aws.clients import CONFIG_ENDPOINT
from ..core import statuses
from ..core.messages import sentence
from .appfabric import (
    AWS_ERRORS,
    add_aws_arguments,
    appfabric_client,
    aws_failure,
    check_identifier,
)
from .errors import CliError, UsageError
from .oauth_redirect import listen_for_redirect, parse_redirect, query_param, with_redirect_uri
from .pulumi_runner import PulumiCli
from .stack_config import ConfigTarget, connections, find_connection, pulumi_call, stack_settings
from .status import detect_engine
from .terraform_runner import StateConnection, TerraformCli, check_variable

DEFAULT_LISTEN_TIMEOUT = 600.0

ENGINES = ("pulumi", "terraform", "tofu")

DESCRIPTION = """\
Prints the app authorization's OAuth URL; you open it, approve the app, and paste back the
address the browser was redirected to (or let --listen receive it). The code in it is stored
with `pulumi config set --secret --path` at the `auth_request.code` of the stack's `connections`
entry for this authorization (or at --config-path), never printed. Then run `pulumi up`.

For Terraform or OpenTofu (--engine terraform|tofu; the default in a directory with *.tf files
and no Pulumi.yaml), it then runs `terraform apply` (or `tofu apply`) in --cwd with the code as
TF_VAR_<--variable> in that command's environment only: the variable your configuration passes
to auth_request.code_wo. Arguments after `--` go to apply (e.g. -- -auto-approve)."""

PULUMI_APPLY = "`pulumi up`"


def register(subcommands: Any) -> None:
    parser = subcommands.add_parser(
        "authorize",
        help="get an OAuth code for an oauth2 app authorization into the stack config",
        description=DESCRIPTION,
    )
    parser.add_argument("--bundle", required=True, help="app bundle ARN or UUID")
    parser.add_argument("--authorization", required=True, help="app authorization ARN or UUID")
    parser.add_argument("--stack", help="Pulumi stack (default: the selected stack)")
    parser.add_argument(
        "--cwd",
        default=".",
        help="Pulumi project or Terraform working directory (default: the current directory)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="where the code goes: a Pulumi stack's config, or `terraform apply` / `tofu apply` "
        "(default: terraform when --cwd has *.tf files and no Pulumi.yaml, else pulumi)",
    )
    terraform = parser.add_argument_group("Terraform and OpenTofu")
    terraform.add_argument(
        "--variable",
        metavar="NAME",
        help="the (ephemeral) variable your configuration passes to auth_request.code_wo: "
        "apply gets the code as TF_VAR_NAME in its environment only",
    )
    terraform.add_argument(
        "apply_args",
        nargs="*",
        metavar="-- APPLY_ARGS",
        help="arguments for `terraform apply`, after `--` (e.g. -- -auto-approve)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--connection",
        metavar="NAME",
        help="name of the `connections` entry (default: the entry whose "
        "app_authorization_identifier is --authorization)",
    )
    where.add_argument(
        "--config-path",
        metavar="PATH",
        help="config key (a --path expression) to store the code at instead, e.g. slackCode",
    )
    parser.add_argument(
        "--redirect-uri",
        help="redirect URI registered with the OAuth app (default: the entry's, or with "
        "Terraform the state's, auth_request.redirect_uri, else AppFabric's https://REGION.console.aws.amazon.com/"
        "appfabric/oauth2)",
    )
    parser.add_argument(
        "--listen",
        type=int,
        metavar="PORT",
        help="receive the redirect on 127.0.0.1:PORT instead of reading it from stdin "
        "(needs --redirect-uri that reaches that port; for local development)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_LISTEN_TIMEOUT,
        help=f"seconds --listen waits for the redirect (default {DEFAULT_LISTEN_TIMEOUT:g})",
    )
    add_aws_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Runs ``authorize``; returns the exit code."""
    check_identifier("bundle", args.bundle)
    check_identifier("authorization", args.authorization)
    _check_listen(args)
    engine = args.engine or (detect_engine(Path(args.cwd)) if Path(args.cwd).is_dir() else "pulumi")
    if engine != "pulumi":
        return _run_terraform(args, engine)
    for option, given in (
        ("--variable", args.variable),
        ("-- APPLY_ARGS", args.apply_args),
    ):
        if given:
            raise UsageError(f"{option} is for --engine terraform or tofu, not a Pulumi stack")
    if not Path(args.cwd).is_dir():
        raise UsageError(f"--cwd {args.cwd}: no such directory (the Pulumi project's)")
    cli = PulumiCli(args.cwd, stack=args.stack)
    settings = stack_settings(cli)
    target = (
        ConfigTarget(code_path=args.config_path, label=args.config_path)
        if args.config_path
        else find_connection(connections(cli), args.authorization, args.connection)
    )
    authorization, region = _get_authorization(args, settings)
    code, redirect_uri = _consent(
        args, authorization, region, target.configured_redirect_uri, PULUMI_APPLY
    )
    _store(cli, target, code, redirect_uri, args.stack)
    return 0


def _consent(
    args: argparse.Namespace,
    authorization: dict[str, Any],
    region: str,
    configured_redirect_uri: str | None,
    apply: str,
) -> tuple[str, str]:
    """Prints the consent URL, receives the redirect; returns the code and the redirect URI."""
    redirect_uri = args.redirect_uri or configured_redirect_uri
    auth_url = str(authorization["authUrl"])
    if redirect_uri:
        auth_url = with_redirect_uri(auth_url, redirect_uri)
    else:
        redirect_uri = query_param(auth_url, "redirect_uri") or arn.console_redirect_uri(region)
    _print_instructions(authorization, auth_url, redirect_uri, args.listen, apply)
    pasted = (
        _receive(args.listen, redirect_uri, args.timeout)
        if args.listen is not None
        else _read_pasted()
    )
    return parse_redirect(pasted, query_param(auth_url, "state")).code, redirect_uri


def _run_terraform(args: argparse.Namespace, engine: str) -> int:
    """The Terraform side: the state's connection first (its redirect URI and version), then
    the consent, then ``apply`` with the code in its environment alone (never in its arguments,
    a file or this command's output)."""
    for option, given in (
        ("--stack", args.stack),
        ("--connection", args.connection),
        ("--config-path", args.config_path),
    ):
        if given:
            raise UsageError(
                f"{option} is for a Pulumi stack: with Terraform, name the variable that holds "
                "the code with --variable"
            )
    if not args.variable:
        raise UsageError(
            "--variable NAME is needed with Terraform: the variable your configuration passes "
            "to auth_request.code_wo (e.g. --variable slack_code for "
            "`code_wo = var.slack_code`)"
        )
    check_variable("--variable", args.variable)
    if not Path(args.cwd).is_dir():
        raise UsageError(f"--cwd {args.cwd}: no such directory (the Terraform configuration's)")
    terraform = TerraformCli.find(engine, Path(args.cwd).resolve())
    apply = f"`{terraform.name} apply`"
    state = terraform.connection(args.authorization)
    authorization, region = _get_authorization(args, {}, apply)
    _warn_if_connected(authorization, state, apply)
    code, redirect_uri = _consent(
        args, authorization, region, state.redirect_uri if state else None, apply
    )
    print(
        f"\nRunning {apply} in {terraform.cwd} with the code as TF_VAR_{args.variable} in its "
        f"environment only (the configuration's auth_request.redirect_uri must be "
        f"{redirect_uri}).",
        flush=True,
    )
    return terraform.apply({f"TF_VAR_{args.variable}": code}, args.apply_args)


def _warn_if_connected(
    authorization: dict[str, Any], state: StateConnection | None, apply: str
) -> None:
    """A Connected connection in the state reconnects only when its code_wo_version changes (a
    write-only value alone plans nothing): say so before the consent spends a code."""
    if authorization.get("status") == statuses.CONNECTED and state is not None:
        print(
            f"warning: {_described(authorization)} is Connected: {apply} sends the new code "
            "only if auth_request.code_wo_version is raised in the configuration (the state "
            f"has {state.code_wo_version}); otherwise it plans no change",
            file=sys.stderr,
        )


def _check_listen(args: argparse.Namespace) -> None:
    if args.listen is not None:
        if not 0 < args.listen < 65536:
            raise UsageError(f"--listen {args.listen}: not a port number")
        if not args.redirect_uri:
            raise UsageError(
                "--listen needs --redirect-uri: the redirect URI registered with the app, "
                f"which must reach 127.0.0.1:{args.listen}"
            )
        local = urlsplit(args.redirect_uri)
        if local.hostname in {"localhost", "127.0.0.1"} and local.port != args.listen:
            raise UsageError(
                f"--redirect-uri {args.redirect_uri} does not reach --listen port {args.listen}"
            )


def _store(
    cli: PulumiCli, target: ConfigTarget, code: str, redirect_uri: str, stack_name: str | None
) -> None:
    """Sets the code (secret) and, for a `connections` entry, its redirect URI if it differs."""
    notes = [f"{target.code_path} (secret)"]
    if target.redirect_path and target.configured_redirect_uri != redirect_uri:
        path = target.redirect_path
        pulumi_call(lambda: cli.config_set(path, redirect_uri, path=True))
        notes.append(f"{path} = {redirect_uri}")
    pulumi_call(lambda: cli.config_set(target.code_path, code, secret=True, path=True), code)
    stack = f"stack {stack_name}" if stack_name else "the selected stack"
    print(f"\nSet {' and '.join(notes)} in {stack}.")
    if not target.redirect_path:
        print(f"Your program must pass redirect_uri={redirect_uri} with this code.")
    print(
        "The code is single-use and expires in minutes: run `pulumi up` now to connect "
        f"{target.label}."
    )


def _get_authorization(
    args: argparse.Namespace, settings: dict[str, str], apply: str = PULUMI_APPLY
) -> tuple[dict[str, Any], str]:
    client, region = appfabric_client(
        args,
        [args.authorization, args.bundle],
        fallback_region=settings.get("aws:region"),
        fallback_endpoint=settings.get(CONFIG_ENDPOINT),
        fallback_profile=settings.get("aws:profile"),
    )
    try:
        authorization = dict(
            client.get_app_authorization(
                appBundleIdentifier=args.bundle, appAuthorizationIdentifier=args.authorization
            )["appAuthorization"]
        )
    except AWS_ERRORS as error:
        raise aws_failure("GetAppAuthorization", error, region) from None
    who = _described(authorization)
    if authorization.get("authType") != "oauth2":
        raise CliError(
            f"{who} uses {authorization.get('authType')}: it needs no OAuth code; "
            f"run {apply} to connect it"
        )
    if not authorization.get("authUrl"):
        raise CliError(f"{who} has no authUrl: check its OAuth client ID in AppFabric")
    return authorization, region


def _described(authorization: dict[str, Any]) -> str:
    """``App authorization UUID (APP, tenant NAME)``, to start a sentence with."""
    uuid = arn.authorization_uuid(str(authorization.get("appAuthorizationArn", "")))
    return sentence(statuses.describe(uuid, authorization, tenant=True))


def _print_instructions(
    authorization: dict[str, Any],
    auth_url: str,
    redirect_uri: str,
    listen: int | None,
    apply: str = PULUMI_APPLY,
) -> None:
    print(f"{_described(authorization)} is {authorization.get('status')}.")
    print(f"Open this URL in a browser, sign in to {authorization.get('app')} and approve:\n")
    print(f"  {auth_url}\n", flush=True)
    if urlsplit(redirect_uri).scheme != "https":
        print(
            f"warning: redirect URI {redirect_uri} is not https://; ConnectAppAuthorization "
            f"accepts only https redirect URIs, so {apply} will reject it",
            file=sys.stderr,
        )
    if listen is None:
        print(
            f"The browser is then sent to {redirect_uri}?code=…&state=…: copy that whole "
            "address from the address bar as soon as it shows, and paste it here."
        )


def _read_pasted() -> str:
    try:
        if sys.stdin.isatty():
            line = getpass.getpass("Redirect URL (input hidden): ")
        else:
            print("Redirect URL: ", flush=True)
            line = sys.stdin.readline()
    except EOFError:
        line = ""
    if not line.strip():
        raise CliError("no redirect URL was given")
    return line


def _receive(port: int, redirect_uri: str, timeout: float) -> str:
    path = urlsplit(redirect_uri).path or "/"

    def ready() -> None:
        print(
            f"Waiting up to {timeout:g} s for the redirect to {redirect_uri} on "
            f"http://127.0.0.1:{port}{path} (Ctrl-C to stop)...",
            flush=True,
        )

    return listen_for_redirect(port, path, timeout, ready)
