"""Offline validation of connection inputs (the provider's ``check``): every problem at once."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi.output import Unknown

from . import identifiers
from .identifiers import Identifier, IdentifierError
from .service_model import constraint, input_member, pattern

UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # pulumi.runtime.rpc.UNKNOWN

INPUTS = (
    "app_bundle_identifier",
    "app_authorization_identifier",
    "auth_request",
    "region",
    "connect_timeout",
)
AUTH_REQUEST_FIELDS = ("redirect_uri", "code")
MAX_CONNECT_TIMEOUT = 24 * 3600
_IGNORED = frozenset({"__provider"})
_CONNECT = "ConnectAppAuthorization"


@dataclass(frozen=True)
class Problem:
    property: str
    reason: str


def is_unknown(value: Any) -> bool:
    """True for a value not known until apply (preview): the SDK's ``Unknown`` or its sentinel."""
    return isinstance(value, Unknown) or value == UNKNOWN_SENTINEL


def problems(news: Mapping[str, Any]) -> list[Problem]:
    """Every problem with ``news``, without any network call."""
    found: list[Problem] = []
    for name in news:
        if name not in INPUTS and name not in _IGNORED:
            found.append(Problem(name, _unknown_name(name, INPUTS)))
    bundle = _identifier(news, "app_bundle_identifier", identifiers.parse_bundle, found)
    authorization = _identifier(
        news, "app_authorization_identifier", identifiers.parse_authorization, found
    )
    if bundle and authorization and authorization.bundle_uuid:
        if authorization.bundle_uuid != bundle.uuid:
            found.append(
                Problem(
                    "app_authorization_identifier",
                    f"belongs to app bundle {authorization.bundle_uuid}, "
                    f"not to app_bundle_identifier's bundle {bundle.uuid}",
                )
            )
        elif bundle.arn and (bundle.region, bundle.account) != (
            authorization.region,
            authorization.account,
        ):
            found.append(
                Problem(
                    "app_authorization_identifier",
                    "is in another region or account than app_bundle_identifier",
                )
            )
    _region(news, (bundle, authorization), found)
    _auth_request(news.get("auth_request"), found)
    _connect_timeout(news.get("connect_timeout"), found)
    return found


def _identifier(
    news: Mapping[str, Any],
    name: str,
    parse: Any,
    found: list[Problem],
) -> Identifier | None:
    value = news.get(name)
    if is_unknown(value):
        return None
    if value is None or value == "":
        found.append(Problem(name, "is required: an AppFabric ARN or a lowercase UUID"))
        return None
    if not isinstance(value, str):
        found.append(Problem(name, f"must be a string (ARN or UUID), got {_type(value)}"))
        return None
    shape = input_member(_CONNECT, _camel(name))
    low, high = constraint(shape, "min"), constraint(shape, "max")
    if not low <= len(value) <= high:
        found.append(Problem(name, f"must be {low} to {high} characters long, got {len(value)}"))
        return None
    model_pattern = pattern(shape)
    if model_pattern and not model_pattern.search(value):
        found.append(
            Problem(name, f"must be an AppFabric ARN or a lowercase UUID, got {_show(value)}")
        )
        return None
    try:
        parsed: Identifier = parse(value)
    except IdentifierError as error:
        found.append(Problem(name, f"{error}, got {_show(value)}"))
        return None
    return parsed


def _region(
    news: Mapping[str, Any], parsed: tuple[Identifier | None, ...], found: list[Problem]
) -> None:
    region = news.get("region")
    if region is None or is_unknown(region):
        return
    if not isinstance(region, str) or not identifiers.REGION_RE.fullmatch(region):
        found.append(
            Problem("region", f"must be an AWS region such as us-east-1, got {_show(region)}")
        )
        return
    for identifier in parsed:
        if identifier and identifier.region and identifier.region != region:
            found.append(
                Problem(
                    "region", f"is {region} but the identifiers' ARNs are in {identifier.region}"
                )
            )
            return


def _auth_request(value: Any, found: list[Problem]) -> None:
    if value is None or is_unknown(value):
        return
    if not isinstance(value, Mapping):
        found.append(
            Problem("auth_request", f"must be an object {{redirect_uri, code}}, got {_type(value)}")
        )
        return
    for name in value:
        if name not in AUTH_REQUEST_FIELDS:
            found.append(Problem(f"auth_request.{name}", _unknown_name(name, AUTH_REQUEST_FIELDS)))
    redirect_uri = value.get("redirect_uri")
    if not is_unknown(redirect_uri):
        shape = input_member(_CONNECT, "authRequest", "redirectUri")
        if not isinstance(redirect_uri, str) or not redirect_uri:
            found.append(
                Problem(
                    "auth_request.redirect_uri",
                    "is required: the https:// redirect URI of the OAuth app",
                )
            )
        elif len(redirect_uri) > constraint(shape, "max"):
            found.append(
                Problem(
                    "auth_request.redirect_uri",
                    f"must be at most {constraint(shape, 'max')} characters, "
                    f"got {len(redirect_uri)}",
                )
            )
        elif (model_pattern := pattern(shape)) and not model_pattern.fullmatch(redirect_uri):
            found.append(
                Problem(
                    "auth_request.redirect_uri",
                    f"must be an https:// URL, got {_show(redirect_uri)}",
                )
            )
    code = value.get("code")
    if not is_unknown(code):
        shape = input_member(_CONNECT, "authRequest", "code")
        low, high = constraint(shape, "min"), constraint(shape, "max")
        # The code is a secret: describe it, never show it.
        if code is None or code == "":
            found.append(
                Problem(
                    "auth_request.code",
                    "is required: the OAuth authorization code (set it as a secret)",
                )
            )
        elif not isinstance(code, str):
            found.append(Problem("auth_request.code", f"must be a string, got {_type(code)}"))
        elif not low <= len(code) <= high:
            found.append(
                Problem(
                    "auth_request.code", f"must be {low} to {high} characters long, got {len(code)}"
                )
            )


def _connect_timeout(value: Any, found: list[Problem]) -> None:
    if value is None or is_unknown(value):
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        found.append(Problem("connect_timeout", f"must be a number of seconds, got {_type(value)}"))
    elif not 0 < value <= MAX_CONNECT_TIMEOUT:
        found.append(
            Problem(
                "connect_timeout", f"must be more than 0 and at most {MAX_CONNECT_TIMEOUT} seconds"
            )
        )


def _unknown_name(name: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of {', '.join(known)}"
    return f"is not a known property{hint}"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _type(value: Any) -> str:
    return type(value).__name__


def _show(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"
