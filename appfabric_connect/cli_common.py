"""What the command-line tools share: their errors, the AppFabric client and AWS error messages."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn

import botocore.exceptions

from . import aws, identifiers

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

# A command-line call should fail in seconds, not after the provider's ten attempts.
CLI_MAX_ATTEMPTS = 3


class CliError(Exception):
    """A failure the user can act on; its message is one line and holds no secret."""

    exit_code = 1


class UsageError(CliError):
    """Arguments that make no sense together (exit code 2, as argparse uses)."""

    exit_code = 2


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line (a UsageError) instead of usage + exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def add_aws_arguments(parser: argparse.ArgumentParser) -> None:
    """--region, --profile and --endpoint-url, the same settings the provider reads."""
    group = parser.add_argument_group("AWS")
    group.add_argument(
        "--region",
        help="AWS region (default: the region of the ARN given, then aws:region of the stack, "
        "AWS_REGION / AWS_DEFAULT_REGION or the profile's region)",
    )
    group.add_argument("--profile", help="AWS profile (default: AWS_PROFILE)")
    group.add_argument(
        "--endpoint-url",
        help="AppFabric endpoint, e.g. the local emulator's URL "
        "(default: AWS_ENDPOINT_URL_APPFABRIC, or AWS's endpoint for the region)",
    )


def appfabric_client(
    args: argparse.Namespace,
    arns: Iterable[str],
    fallback_region: str | None = None,
    fallback_endpoint: str | None = None,
    fallback_profile: str | None = None,
) -> tuple[AppFabricClient, str]:
    """A client and its region: --region, the region of the first ARN, the fallback, boto3's."""
    region = args.region or _arn_region(arns) or fallback_region
    settings = aws.AwsSettings(
        profile=args.profile or fallback_profile,
        endpoint_url=args.endpoint_url or fallback_endpoint,
        max_attempts=CLI_MAX_ATTEMPTS,
    )
    try:
        region = region or aws.default_region(settings)
        if not region:
            raise CliError(
                "no AWS region: pass --region, give ARNs (they name their region), or set "
                "AWS_REGION"
            )
        return aws.client(settings, region), region
    except aws.ConfigurationError as error:
        raise CliError(str(error)) from None


def _arn_region(arns: Iterable[str]) -> str | None:
    for arn in arns:
        if arn.startswith("arn:"):
            try:
                region = identifiers.parse_authorization(arn).region
            except identifiers.IdentifierError:
                try:
                    region = identifiers.parse_bundle(arn).region
                except identifiers.IdentifierError:
                    continue
            if region:
                return region
    return None


def check_identifier(kind: str, value: str) -> None:
    """Raises a UsageError unless ``value`` is an ARN or UUID of an app ``kind``."""
    parse = identifiers.parse_bundle if kind == "bundle" else identifiers.parse_authorization
    try:
        parse(value)
    except identifiers.IdentifierError as error:
        raise UsageError(f"--{kind} {error}") from None


_HINTS = aws.Hints(profile="--profile", region="--region", endpoint="--endpoint-url")


def aws_failure(operation: str, error: Exception, region: str) -> CliError:
    """One line for a failed AWS call, with what to check."""
    return CliError(aws.failure_message(operation, error, region, _HINTS).rstrip("."))


AWS_ERRORS = (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError)
