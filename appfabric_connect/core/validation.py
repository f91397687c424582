"""Offline validation of connection inputs (the provider's ``check``): every problem at once."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from .. import schema
from ..aws import arn, provider_args
from ..aws.arn import Identifier, IdentifierError
from ..aws.model import Violation, input_member, pattern, violations
from ..naming import camel
from ..problems import Problem
from ..quoting import quoted, shown
from ..unknown import is_unknown
from .messages import Words

INPUTS = schema.INPUT_NAMES
AUTH_REQUEST_FIELDS = schema.AUTH_REQUEST_NAMES
MAX_CONNECT_TIMEOUT = 24 * 3600
NAME_LIMIT = 80
_CONNECT = "ConnectAppAuthorization"


def has_unknown(value: Any) -> bool:
    """True if ``value``, or anything in it, is unknown until apply (preview)."""
    if isinstance(value, Mapping):
        return any(has_unknown(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(has_unknown(item) for item in value)
    return is_unknown(value)


def problems(news: Mapping[str, Any], words: Words | None = None) -> list[Problem]:
    """Every problem with ``news``, without any network call; inputs named in ``words``'."""
    bundle_input = words.input_name("app_bundle_identifier") if words else "app_bundle_identifier"
    found: list[Problem] = []
    for name in news:
        if name not in INPUTS:
            found.append(Problem((_cut(name),), _unknown_name(name, INPUTS)))
    bundle = _identifier(news, "app_bundle_identifier", arn.parse_bundle, found)
    authorization = _identifier(
        news, "app_authorization_identifier", arn.parse_authorization, found
    )
    if bundle and authorization and authorization.bundle_uuid:
        if authorization.bundle_uuid != bundle.uuid:
            found.append(
                Problem(
                    ("app_authorization_identifier",),
                    f"belongs to app bundle {authorization.bundle_uuid}, "
                    f"not to {bundle_input}'s bundle {bundle.uuid}",
                )
            )
        elif bundle.arn and (bundle.region, bundle.account) != (
            authorization.region,
            authorization.account,
        ):
            found.append(
                Problem(
                    ("app_authorization_identifier",),
                    f"is in another region or account than {bundle_input}",
                )
            )
    _region(news, (bundle, authorization), found)
    _auth_request(news.get("auth_request"), found)
    _connect_timeout(news.get("connect_timeout"), found)
    _aws(news.get("aws"), found)
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
        found.append(Problem((name,), "is required: an AppFabric ARN or a lowercase UUID"))
        return None
    if not isinstance(value, str):
        found.append(Problem((name,), f"must be a string (ARN or UUID), got {shown(value)}"))
        return None
    broken = _rules(violations(input_member(_CONNECT, camel(name)), value))
    if "min_length" in broken or "max_length" in broken:
        low, high = _length_limits(camel(name))
        found.append(Problem((name,), f"must be {low} to {high} characters long, got {len(value)}"))
        return None
    if "pattern" in broken:
        found.append(
            Problem((name,), f"must be an AppFabric ARN or a lowercase UUID, got {quoted(value)}")
        )
        return None
    try:
        parsed: Identifier = parse(value)
    except IdentifierError as error:
        found.append(Problem((name,), f"{error}, got {quoted(value)}"))
        return None
    return parsed


def _region(
    news: Mapping[str, Any], parsed: tuple[Identifier | None, ...], found: list[Problem]
) -> None:
    region = news.get("region")
    if region is None or is_unknown(region):
        return
    if not isinstance(region, str) or not arn.REGION_RE.fullmatch(region):
        found.append(
            Problem(("region",), f"must be an AWS region such as us-east-1, got {quoted(region)}")
        )
        return
    for identifier in parsed:
        if identifier and identifier.region and identifier.region != region:
            found.append(
                Problem(
                    ("region",), f"is {region} but the identifiers' ARNs are in {identifier.region}"
                )
            )
            return


def _object(name: str, value: Any, expected: str, found: list[Problem]) -> Mapping[str, Any] | None:
    """``value`` if it is an object; else None: not given, not known yet, or (a problem) not an
    object."""
    if value is None or is_unknown(value):
        return None
    if not isinstance(value, Mapping):
        found.append(Problem((name,), f"must be an object {expected}, got {shown(value)}"))
        return None
    return value


def _auth_request(given: Any, found: list[Problem]) -> None:
    value = _object("auth_request", given, "{redirect_uri, code}", found)
    if value is None:
        return
    for name in value:
        if name not in AUTH_REQUEST_FIELDS:
            found.append(
                Problem(("auth_request", _cut(name)), _unknown_name(name, AUTH_REQUEST_FIELDS))
            )
    for name, why in (("redirect_uri", _redirect_uri_problem), ("code", _code_problem)):
        given = value.get(name)
        if not is_unknown(given) and (reason := why(given)):
            found.append(Problem(("auth_request", name), reason))


def _redirect_uri_problem(redirect_uri: Any) -> str | None:
    shape = input_member(_CONNECT, "authRequest", "redirectUri")
    broken = _rules(violations(shape, redirect_uri))
    if not isinstance(redirect_uri, str) or not redirect_uri:
        return "is required: the https:// redirect URI of the OAuth app"
    if "max_length" in broken:
        return f"must be at most {broken['max_length']} characters, got {len(redirect_uri)}"
    if "#" in redirect_uri:
        return (
            "must not have a #fragment: OAuth 2 forbids one in a redirection URI "
            f"(RFC 6749 §3.1.2), got {quoted(redirect_uri)}"
        )
    model_pattern = pattern(shape)
    # fullmatch: Smithy patterns are unanchored, but a redirect URI is one URL, whole.
    if model_pattern and not model_pattern.fullmatch(redirect_uri):
        return f"must be an https:// URL, got {quoted(redirect_uri)}"
    return None


def _code_problem(code: Any) -> str | None:
    # The code is a secret: describe it, never show it. None or empty: no new code on this run
    # (a pipeline sets it only when it rotates); diff and update decide whether one is needed.
    if code is None or code == "":
        return None
    if not isinstance(code, str):
        return f"must be a string, got {shown(code)}"
    if {"min_length", "max_length"} & set(
        _rules(violations(input_member(_CONNECT, "authRequest", "code"), code))
    ):
        low, high = _length_limits("authRequest", "code")
        return f"must be {low} to {high} characters long, got {len(code)}"
    return None


def _connect_timeout(value: Any, found: list[Problem]) -> None:
    if value is None or is_unknown(value):
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        found.append(
            Problem(("connect_timeout",), f"must be a number of seconds, got {shown(value)}")
        )
    elif not 0 < value <= MAX_CONNECT_TIMEOUT:
        reason = f"must be more than 0 and at most {MAX_CONNECT_TIMEOUT} seconds"
        found.append(Problem(("connect_timeout",), reason))


def _aws(given: Any, found: list[Problem]) -> None:
    """The resource's own identity: the settings known now (a preview's unknowns pass)."""
    value = _object("aws", given, "such as AwsConfigArgs(region=…)", found)
    if value is None:
        return
    known = {key: item for key, item in value.items() if not has_unknown(item)}
    _, problems = provider_args.read_resource(known)
    found.extend(problems)


def _rules(found: list[Violation]) -> dict[str, object]:
    """The rules broken, with their limits, by rule name."""
    return {violation.rule: violation.limit for violation in found}


def _length_limits(*path: str) -> tuple[int, int]:
    shape = input_member(_CONNECT, *path)
    return shape.metadata["min"], shape.metadata["max"]


def _unknown_name(name: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of {', '.join(known)}"
    return f"is not a known property{hint}"


def _cut(name: str) -> str:
    """A property name as messages show it: an unknown one may be any length (a name, not an
    identifier a user must fix, so it is cut at NAME_LIMIT)."""
    return name if len(name) <= NAME_LIMIT else f"{name[:NAME_LIMIT]}…"
