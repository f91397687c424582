"""AppFabric identifiers: ARNs and UUIDs of app bundles and app authorizations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .once import once

_UUID = r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
UUID_RE = re.compile(_UUID)
REGION_RE = re.compile(r"[a-z]{2}(?:-[a-z]+)+-\d{1,2}")
_ARN_RE = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):(?P<service>[^:]*):(?P<region>[^:]*):(?P<account>[^:]*):"
    r"(?P<resource>.+)"
)
_BUNDLE_RESOURCE_RE = re.compile(rf"appbundle/(?P<bundle>{_UUID})")
_AUTHORIZATION_RESOURCE_RE = re.compile(
    rf"appbundle/(?P<bundle>{_UUID})/appauthorization/(?P<authorization>{_UUID})"
)
CONSOLE_REDIRECT_URI = "https://{region}.console.aws.amazon.com/appfabric/oauth2"


class IdentifierError(ValueError):
    """An identifier that is neither an AppFabric ARN of the right kind nor a lowercase UUID."""


@dataclass(frozen=True)
class Identifier:
    """A parsed app bundle or app authorization identifier (ARN or UUID)."""

    uuid: str
    bundle_uuid: str | None = None
    arn: str | None = None
    region: str | None = None
    account: str | None = None


def parse_bundle(value: str) -> Identifier:
    if UUID_RE.fullmatch(value):
        return Identifier(uuid=value, bundle_uuid=value)
    arn = _parse_arn(value)
    match = _BUNDLE_RESOURCE_RE.fullmatch(arn.group("resource"))
    if not match:
        raise IdentifierError(
            "must be an app bundle ARN (arn:aws:appfabric:REGION:ACCOUNT:appbundle/UUID) "
            "or its UUID"
        )
    return _from_arn(value, arn, match.group("bundle"), match.group("bundle"))


def parse_authorization(value: str) -> Identifier:
    if UUID_RE.fullmatch(value):
        return Identifier(uuid=value)
    arn = _parse_arn(value)
    match = _AUTHORIZATION_RESOURCE_RE.fullmatch(arn.group("resource"))
    if not match:
        raise IdentifierError(
            "must be an app authorization ARN "
            "(arn:aws:appfabric:REGION:ACCOUNT:appbundle/UUID/appauthorization/UUID) or its UUID"
        )
    return _from_arn(value, arn, match.group("authorization"), match.group("bundle"))


def authorization_uuid(value: str) -> str:
    """The UUID of an authorization given as ARN or UUID; the value itself if it is neither."""
    try:
        return parse_authorization(value).uuid
    except IdentifierError:
        return value


def bundle_uuid(value: str) -> str:
    """The UUID of a bundle given as ARN or UUID; the value itself if it is neither."""
    try:
        return parse_bundle(value).uuid
    except IdentifierError:
        return value


def region_of(*identifiers: str) -> str | None:
    """The region of the first bundle or authorization ARN among ``identifiers``."""
    for value in identifiers:
        for parse in (parse_authorization, parse_bundle):
            try:
                region = parse(value).region
            except IdentifierError:
                continue
            if region:
                return region
    return None


@once
def partition_for(region: str) -> str:
    """The AWS partition of ``region`` (``aws``, ``aws-cn``, …), as botocore knows it; ``aws``
    for a region botocore does not know (as botocore's own clients assume)."""
    import botocore.exceptions
    import botocore.session

    try:
        return str(botocore.session.get_session().get_partition_for_region(region))
    except botocore.exceptions.UnknownRegionError:
        return "aws"


def bundle_arn(region: str, account: str, bundle: str) -> str:
    return f"arn:{partition_for(region)}:appfabric:{region}:{account}:appbundle/{bundle}"


def authorization_arn(region: str, account: str, bundle: str, authorization: str) -> str:
    return f"{bundle_arn(region, account, bundle)}/appauthorization/{authorization}"


def console_redirect_uri(region: str) -> str:
    """AppFabric's own OAuth redirect URI in ``region``'s console."""
    return CONSOLE_REDIRECT_URI.format(region=region)


def _parse_arn(value: str) -> re.Match[str]:
    arn = _ARN_RE.fullmatch(value)
    if not arn:
        raise IdentifierError("must be an AppFabric ARN or a lowercase UUID")
    if arn.group("service") != "appfabric":
        raise IdentifierError(
            f"is an ARN of service '{arn.group('service')}', "
            "expected an AppFabric ARN (arn:aws:appfabric:…)"
        )
    if not REGION_RE.fullmatch(arn.group("region")):
        raise IdentifierError(f"has no valid region in its ARN ('{arn.group('region')}')")
    if not re.fullmatch(r"\d{12}", arn.group("account")):
        raise IdentifierError("has no 12-digit account ID in its ARN")
    return arn


def _from_arn(value: str, arn: re.Match[str], uuid: str, bundle: str) -> Identifier:
    return Identifier(
        uuid=uuid,
        bundle_uuid=bundle,
        arn=value,
        region=arn.group("region"),
        account=arn.group("account"),
    )
