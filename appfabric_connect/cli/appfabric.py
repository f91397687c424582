"""A command's AppFabric access: its AWS flags, identifier checks, client and failure lines."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import botocore.exceptions

from ..aws import arn, clients
from ..aws.failures import Hints, failure_message
from ..aws.settings import AwsSettings, ConfigurationError
from .errors import CliError, UsageError

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import PaginatorConfigTypeDef

# A command-line call should fail in seconds, not after the provider's ten attempts.
CLI_MAX_ATTEMPTS = 3

AWS_ERRORS = (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError)

_HINTS = Hints(profile="--profile", region="--region", endpoint="--endpoint-url")


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


def check_identifier(kind: str, value: str) -> None:
    """Raises a UsageError unless ``value`` is an ARN or UUID of an app ``kind``."""
    parse = arn.parse_bundle if kind == "bundle" else arn.parse_authorization
    try:
        parse(value)
    except arn.IdentifierError as error:
        raise UsageError(f"--{kind} {error}") from None


def appfabric_client(
    args: argparse.Namespace,
    identifiers: list[str],
    fallback_region: str | None = None,
    fallback_endpoint: str | None = None,
    fallback_profile: str | None = None,
) -> tuple[AppFabricClient, str]:
    """A client and its region: --region, the region of the first ARN, the fallback, boto3's."""
    region = args.region or arn.region_of(*identifiers) or fallback_region
    settings = AwsSettings(
        profile=args.profile or fallback_profile,
        endpoint_url=args.endpoint_url or fallback_endpoint,
        max_attempts=CLI_MAX_ATTEMPTS,
    )
    try:
        region = region or clients.default_region(settings)
        if not region:
            raise CliError(
                "no AWS region: pass --region, give ARNs (they name their region), or set "
                "AWS_REGION"
            )
        return clients.client(settings, region), region
    except ConfigurationError as error:
        raise CliError(str(error)) from None


def aws_failure(operation: str, error: Exception, region: str) -> CliError:
    """One line for a failed AWS call, with what to check."""
    return CliError(failure_message(operation, error, region, _HINTS).rstrip("."))


def read_authorizations(
    client: AppFabricClient,
    region: str,
    bundle: str,
    wanted: list[str] | None = None,
    page_size: int | None = None,
) -> list[dict[str, Any]]:
    """GetAppAuthorization for each of ``wanted``, else for every authorization of ``bundle``
    (ListAppAuthorizations, every page: its summaries have no authType)."""
    pagination: PaginatorConfigTypeDef = {"PageSize": page_size} if page_size else {}
    operation = "ListAppAuthorizations"
    try:
        if not wanted:
            paginator = client.get_paginator("list_app_authorizations")
            wanted = [
                summary["appAuthorizationArn"]
                for page in paginator.paginate(
                    appBundleIdentifier=bundle, PaginationConfig=pagination
                )
                for summary in page["appAuthorizationSummaryList"]
            ]
        operation = "GetAppAuthorization"
        return [
            dict(
                client.get_app_authorization(
                    appBundleIdentifier=bundle, appAuthorizationIdentifier=identifier
                )["appAuthorization"]
            )
            for identifier in wanted
        ]
    except AWS_ERRORS as error:
        raise aws_failure(operation, error, region) from None
