"""Which authorization a call is about, in which region, and the calls made on it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import botocore.exceptions
from botocore import xform_name
from botocore.exceptions import ClientError

from ..aws import arn, clients, provider_args
from ..aws.failures import Hints, failure_message
from ..aws.settings import AwsSettings, ConfigurationError
from ..problems import AS_IS
from ..unknown import is_unknown
from .messages import Action, Failure, Remedy, Words
from .outputs import OWN_CREDENTIALS
from .validation import has_unknown

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


@dataclass(frozen=True)
class Target:
    client: AppFabricClient
    region: str
    bundle: str  # UUID
    authorization: str  # UUID
    hints: Hints
    words: Words


def resolve(
    settings: AwsSettings, words: Words, props: Mapping[str, Any], id_: str | None = None
) -> Target:
    """The target of ``props`` (or of the id alone, an authorization ARN, as ``get`` gives);
    its failures' hints in ``words``."""
    settings = settings_for(settings, props, strict=True)
    authorization_id = props.get("app_authorization_identifier") or id_ or ""
    bundle_id = props.get("app_bundle_identifier")
    try:
        parsed = arn.parse_authorization(
            id_ if id_ and id_.startswith("arn:") else authorization_id
        )
    except arn.IdentifierError as error:
        raise Failure(f"{words.input_name('app_authorization_identifier')} {error}") from None
    if not bundle_id:
        if not parsed.bundle_uuid:
            raise Failure(
                f"{words.input_name('app_bundle_identifier')} is required when the authorization "
                "is given by UUID"
            )
        bundle_id = parsed.bundle_uuid
    region = desired_region(settings, {**props, "app_authorization_identifier": authorization_id})
    if id_ and parsed.region:
        region = parsed.region
    if not region:
        raise Failure(
            "No AWS region:",
            Remedy(
                Action.SET_REGION,
                property_name="region",
                setting=settings.spelling(("region",)),
            ),
        )
    try:
        client = clients.client(settings, region)
    except ConfigurationError as error:
        raise Failure(str(error)) from None
    hints = words.hints(settings.setting_prefix)
    return Target(client, region, arn.bundle_uuid(bundle_id), parsed.uuid, hints, words)


def settings_for(
    settings: AwsSettings, props: Mapping[str, Any], *, strict: bool = False
) -> AwsSettings:
    """``settings`` under the resource's own ``aws`` input, its known settings (the unknown
    ones of a preview left out); ``strict``: a problem with it is a Failure."""
    given = props.get("aws")
    if not isinstance(given, Mapping):
        return settings
    known = {
        key: value
        for key, value in given.items()
        if not has_unknown(value) and key != OWN_CREDENTIALS  # state's marker, see outputs
    }
    fields, problems = provider_args.read_resource(known)
    if problems and strict:
        raise Failure(f"{AS_IS(problems[0].path)} {problems[0].reason}")
    return settings.overridden(fields)


def desired_region(settings: AwsSettings, props: Mapping[str, Any]) -> str | None:
    """Resource ``region`` → the identifiers' ARN region → ``aws.region`` → ``aws:region`` →
    boto3's chain. ``settings``: those of the resource (``settings_for``).

    None while the region, an identifier or ``aws.region`` is unknown (preview).
    """
    region = props.get("region")
    if isinstance(region, str) and region:
        return region
    if is_unknown(region):
        return None
    for name in ("app_authorization_identifier", "app_bundle_identifier"):
        value = props.get(name)
        if is_unknown(value):
            return None
        from_arn = arn.region_of(value) if isinstance(value, str) else None
        if from_arn:
            return from_arn
    aws = props.get("aws")
    if is_unknown(aws) or (isinstance(aws, Mapping) and is_unknown(aws.get("region"))):
        return None
    try:
        return clients.default_region(settings)
    except ConfigurationError as error:
        raise Failure(str(error)) from None


def call(target: Target, operation: str, **kwargs: Any) -> dict[str, Any]:
    """One AppFabric call on the target; a failure to reach AWS at all is a Failure."""
    method: Callable[..., Any] = getattr(target.client, xform_name(operation))
    try:
        return cast(
            dict[str, Any],
            method(
                appBundleIdentifier=target.bundle,
                appAuthorizationIdentifier=target.authorization,
                **kwargs,
            ),
        )
    except botocore.exceptions.BotoCoreError as error:
        secret = kwargs.get("authRequest", {}).get("code")
        raise Failure(
            failure_message(operation, error, target.region, target.hints, secret=secret)
        ) from None


def get(target: Target) -> dict[str, Any]:
    """GetAppAuthorization; any failure is a Failure."""
    try:
        return dict(call(target, "GetAppAuthorization")["appAuthorization"])
    except ClientError as error:
        raise failure("GetAppAuthorization", target, error) from None


def failure(operation: str, target: Target, error: ClientError, code: str | None = None) -> Failure:
    subject = f"app authorization {target.authorization}"
    return Failure(
        failure_message(operation, error, target.region, target.hints, subject, secret=code)
    )


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", "Unknown"))
