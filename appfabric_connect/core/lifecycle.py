"""The connection's lifecycle: check, create, read, diff and update, plain values in and out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from ..aws import arn
from ..aws.settings import AwsSettings
from ..problems import Problem
from ..unknown import is_unknown
from . import statuses, target, validation
from .config import ProviderConfig
from .connect import auth_url, connect
from .fingerprint import matches
from .messages import Action, Failure, Remedy, new_code, warn, who
from .outputs import OWN_CREDENTIALS, outputs


@dataclass(frozen=True)
class Created:
    id: str  # the authorization's ARN
    outputs: dict[str, Any]


@dataclass(frozen=True)
class Read:
    id: str | None  # None: the authorization (or its bundle) is gone
    outputs: dict[str, Any]
    inputs: dict[str, Any] | None  # found from the id alone (an import, a get); else None


@dataclass(frozen=True)
class Diff:
    changes: bool
    replaces: list[str]  # inputs whose change replaces the connection; no change reconnects


@dataclass(frozen=True)
class Updated:
    outputs: dict[str, Any]


def check(config: ProviderConfig, inputs: Mapping[str, Any]) -> list[Problem]:
    """Every problem with the settings and ``inputs``, offline; unknowns pass."""
    return [*config.problems, *validation.problems(inputs, config.words)]


def create(config: ProviderConfig, inputs: Mapping[str, Any]) -> Created:
    """Connects the authorization (one Connect call when it answers ``Connected``)."""
    to = target.resolve(config.settings, config.words, inputs)
    outs = connect(to, inputs, None, config.connect_timeout)
    return Created(outs["app_authorization_arn"], outs)


def read(config: ProviderConfig, id_: str, state: Mapping[str, Any]) -> Read:
    """One GetAppAuthorization; an id of None if the authorization (or its bundle) is gone.

    Works from the id alone (an authorization ARN); it then also returns the inputs.
    """
    to = target.resolve(config.settings, config.words, state, id_)
    try:
        authorization = target.call(to, "GetAppAuthorization")["appAuthorization"]
    except ClientError as error:
        if _read_without_own_keys(state):
            # Its own keys are not in state: this read used another identity, and "not
            # found" or "denied" may only mean that. Never drop what we cannot see.
            warn(
                f"{who(to, state, first=True)} has its own AWS keys, which refresh cannot "
                f"use: it was read without them and got "
                f"{target.error_code(error)}; its state is kept as it was."
            )
            return Read(id_, dict(state), None)
        if target.error_code(error) == "ResourceNotFoundException":
            return Read(None, {}, None)
        raise target.failure("GetAppAuthorization", to, error) from None
    outs = outputs(
        state,
        to.region,
        authorization,
        state.get("code_fingerprint"),
        state.get("connected_at"),
    )
    from_id_only = "app_authorization_identifier" not in state
    inputs = (
        {
            "app_bundle_identifier": authorization["appBundleArn"],
            "app_authorization_identifier": authorization["appAuthorizationArn"],
            "region": to.region,
        }
        if from_id_only
        else None
    )
    return Read(authorization["appAuthorizationArn"], outs, inputs)


def diff(config: ProviderConfig, state: Mapping[str, Any], inputs: Mapping[str, Any]) -> Diff:
    """No API call: identifiers (by UUID) or region changed → replace; an ``aws`` input whose
    identity names another account than the connection's ARN's (role ARNs,
    ``allowed_account_ids``) → replace; new code or a status other than ``Connected`` → update
    (reconnect). Any other change of ``aws`` (keys, session names) is no change."""
    replaces = [
        name
        for name, uuid_of in (
            ("app_bundle_identifier", arn.bundle_uuid),
            ("app_authorization_identifier", arn.authorization_uuid),
        )
        if _changed(state.get(name), inputs.get(name), uuid_of)
    ]
    settings = target.settings_for(config.settings, inputs)
    new_region = target.desired_region(settings, inputs)
    if new_region is not None and state.get("region") and new_region != state["region"]:
        replaces.append("region")
    aws = inputs.get("aws")
    if aws and not validation.has_unknown(aws) and _other_account(state, settings):
        replaces.append("aws")
    reconnect = _new_code(state, inputs.get("auth_request")) or (
        state.get("status") != statuses.CONNECTED
    )
    return Diff(changes=bool(replaces) or reconnect, replaces=replaces)


def update(config: ProviderConfig, state: Mapping[str, Any], inputs: Mapping[str, Any]) -> Updated:
    """Reconnects. A spent OAuth code fails here, before any Connect."""
    to = target.resolve(config.settings, config.words, inputs)
    auth_type = state.get("auth_type")
    auth_request = inputs.get("auth_request")
    if auth_type == "oauth2":
        if not auth_request or not auth_request.get("code"):
            raise Failure(
                f"{who(to, state)} is oauth2 and {state.get('status')}: reconnecting needs "
                "an OAuth code.",
                new_code(to, auth_url(to, state)),
            )
        if matches(auth_request["code"], state.get("code_fingerprint")):
            status = state.get("status")
            url = auth_url(to, state)
            # A failed status may need more than a new code (e.g. the client secret).
            remedy = (
                Remedy(Action.FIX_STATUS, status=status, auth_type=auth_type, auth_url=url)
                if status in statuses.FAILED
                else new_code(to, url)
            )
            raise Failure(
                f"{who(to, state)} is {status} and its OAuth code was already used: a new code "
                "is needed.",
                remedy,
            )
    # What this connection last connected, not what a refresh saw since: a refresh records the
    # PendingConnect of a killed run's connect in flight, which must still be told from ours.
    known = state.get("connected_at") or state.get("updated_at") or ""
    outs = connect(to, inputs, auth_type, config.connect_timeout, known)
    return Updated(outs)


def _other_account(state: Mapping[str, Any], settings: AwsSettings) -> bool:
    """The identity names accounts (STS alone knows the rest), and not the connection's."""
    try:
        account = arn.parse_authorization(str(state.get("app_authorization_arn") or "")).account
    except arn.IdentifierError:
        return False
    if not account:
        return False
    accounts = settings.accounts()
    outside = accounts is not None and account not in accounts
    return outside or account in settings.forbidden_account_ids


def _read_without_own_keys(state: Mapping[str, Any]) -> bool:
    identity = state.get("aws")
    return isinstance(identity, Mapping) and bool(identity.get(OWN_CREDENTIALS))


def _changed(old: Any, new: Any, uuid_of: Any) -> bool:
    if is_unknown(new):
        return True
    if not isinstance(old, str) or not isinstance(new, str):  # None, or input check rejects
        return bool(old != new)
    return bool(uuid_of(old) != uuid_of(new))


def _new_code(state: Mapping[str, Any], auth_request: Any) -> bool:
    if auth_request is None:
        return False
    if is_unknown(auth_request):
        return True
    code = auth_request.get("code") if isinstance(auth_request, Mapping) else None
    if is_unknown(code):
        return True
    return isinstance(code, str) and bool(code) and not matches(code, state.get("code_fingerprint"))
