"""What the core says: failures and their remedies as data, each front end's words for them, who a
message is about, and warnings for the user."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..aws.failures import Hints
from . import statuses

if TYPE_CHECKING:
    from .target import Target


class Action(enum.Enum):
    """What the user has to do, whatever front end words it."""

    NEW_CODE = "new_code"  # approve the app at auth_url, set the code as property_name, apply
    FIX_STATUS = "fix_status"  # what `status` asks of an authorization of `auth_type`, then apply
    WAIT_LONGER = "wait_longer"  # raise property_name (the timeout) or check the app, apply again
    SET_REGION = "set_region"  # set property_name (the region) or `setting`, or AWS_REGION


@dataclass(frozen=True)
class Remedy:
    """What to do about a failure, as data: each front end renders it in its own words."""

    action: Action
    property_name: str | None = None  # the input the user sets, e.g. ``auth_request.code``
    setting: str | None = None  # the provider setting that would do, e.g. ``aws:region``
    auth_url: str | None = None  # where the app is approved (oauth2)
    status: str | None = None  # FIX_STATUS: the authorization's status
    auth_type: str | None = None  # FIX_STATUS: oauth2 or apiKey
    bundle: str | None = None  # NEW_CODE: the bundle's UUID, for the authorize command
    authorization: str | None = None  # NEW_CODE: the authorization's UUID, likewise


class Words(Protocol):
    """How a front end says what to do: a remedy, where each AWS setting is set, its name for
    what declares a connection (``stack``) and for each input."""

    @property
    def stack(self) -> str: ...

    def remedy(self, remedy: Remedy) -> str: ...

    def hints(self, setting_prefix: str) -> Hints: ...

    def input_name(self, name: str) -> str: ...


class Failure(Exception):
    """A connection that could not be made: ``what`` happened, and ``remedy``, to be worded.

    ``str()`` is ``what`` alone; a front end shows ``render(its_words)``.
    """

    def __init__(self, what: str, remedy: Remedy | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.remedy = remedy

    @property
    def property_name(self) -> str | None:
        """The input the remedy asks the user to set, if any."""
        return self.remedy.property_name if self.remedy else None

    def render(self, words: Words) -> str:
        """``what`` and the remedy in ``words``: a new sentence after a period, else a clause."""
        if self.remedy is None:
            return self.what
        todo = words.remedy(self.remedy)
        return f"{self.what} {sentence(todo) if self.what.endswith('.') else todo}"


def sentence(text: str) -> str:
    """``text`` with its first letter capitalized, for a message that starts with it."""
    return text[:1].upper() + text[1:]


# What each status asks of the user, for (oauth2, apiKey): ``{new_code}`` is how to get and give
# a new code, ``{apply}`` the front end's command, ``{authorization}`` its app authorization type.
STATUS_REMEDIES: dict[str, tuple[str, str]] = {
    statuses.CONNECTED: (
        "connected and ready: nothing to do",
        "connected and ready: nothing to do",
    ),
    statuses.PENDING_CONNECT: (
        "not connected yet: {new_code}",
        "not connected yet: run {apply} to connect it",
    ),
    statuses.CONNECTION_VALIDATION_FAILED: (
        "AppFabric could not validate the credentials: check the OAuth client ID and secret of "
        "the app authorization, then {new_code}",
        "AppFabric could not validate the API key: put a valid key on the app authorization "
        "({authorization} credential), then run {apply}",
    ),
    statuses.TOKEN_AUTO_ROTATION_FAILED: (
        "AppFabric failed to refresh the access token: reconnect: {new_code}",
        "AppFabric failed to refresh the access token: run {apply} to reconnect",
    ),
}


@dataclass(frozen=True)
class FrontEndWords:
    """How one front end says what to do (``core.Words``): each field is a phrase of its own.

    ``{setting}`` in ``region_setting`` is the region's setting; ``{prefix}`` in the hints is the
    prefix of the AWS settings (``aws:``, ``appfabric-connect:``)."""

    apply: str  # the command that applies a change: "`pulumi up`"
    auth_url: str  # the consent URL's output name
    code_input: str  # where a new code is given, after "set the `code` … as"
    authorization: str  # the type that holds an app authorization's credential
    timeout: str  # what to raise when a connect takes too long
    region_setting: str  # where to set the region
    profile_hint: str
    region_hint: str
    endpoint_hint: str
    code_input_in_status: str = ""  # the same in a status's remedy, if it says more
    # The command that gets a new code, with {bundle} and {authorization} (UUIDs); empty: none.
    authorize: str = ""
    stack: str = "stack"  # what declares a connection: a stack, a configuration
    input_names: tuple[tuple[str, str], ...] = ()  # the schema's input name → this front end's

    def input_name(self, name: str) -> str:
        """Input ``name`` (the schema's) as this front end's users write it."""
        return dict(self.input_names).get(name, name)

    def remedy(self, remedy: Remedy) -> str:
        if remedy.action is Action.NEW_CODE:
            return self.how_to_get_code(remedy)
        if remedy.action is Action.FIX_STATUS:
            url = f" {self.auth_url}: {remedy.auth_url}" if remedy.auth_url else ""
            return f"{self.status_remedy(str(remedy.status), remedy.auth_type)}.{url}"
        if remedy.action is Action.WAIT_LONGER:
            return f"raise {self.timeout} or check the app's side, then run {self.apply} again."
        region = self.region_setting.replace("{setting}", str(remedy.setting))
        return f"set {region}, or AWS_REGION / AWS_DEFAULT_REGION."

    def status_remedy(self, status: str, auth_type: str | None) -> str:
        """What ``status`` asks of the user, for an authorization of ``auth_type`` (oauth2 if
        None)."""
        by_type = STATUS_REMEDIES.get(status)
        if by_type is None:
            return f"unexpected status {status!r}: see the AppFabric console"
        oauth2, api_key = by_type
        new_code = (
            f"open the authorization's {self.auth_url}, approve the app, and set the code from the "
            f"redirect URL as {self.code_input_in_status or self.code_input}, then run {self.apply}"
        )
        chosen = api_key if auth_type == "apiKey" else oauth2
        return chosen.format(new_code=new_code, apply=self.apply, authorization=self.authorization)

    def how_to_get_code(self, remedy: Remedy) -> str:
        where = remedy.auth_url or f"the authorization's {self.auth_url}"
        then = ""
        if self.authorize and remedy.bundle and remedy.authorization:
            ids = {"bundle": remedy.bundle, "authorization": remedy.authorization}
            command = self.authorize.format(**ids)
            then = f" `{command}` does all but the last step."
        return (
            f"Open {where} in a browser, approve the app, and set the `code` from the redirect URL "
            f"as {self.code_input}, then run {self.apply}.{then}"
        )

    def hints(self, setting_prefix: str) -> Hints:
        """Where a failure's message points to fix the profile, the region or the endpoint."""
        return Hints(
            profile=self.profile_hint.replace("{prefix}", setting_prefix),
            region=self.region_hint.replace("{prefix}", setting_prefix),
            endpoint=self.endpoint_hint.replace("{prefix}", setting_prefix),
        )


log = logging.getLogger("appfabric_connect")

# Where a warning goes besides the logger: a front end may add its own (the dynamic provider:
# pulumi.log.warn, which `pulumi up` shows), once per process.
warning_sinks: list[Callable[[str], None]] = []


def who(target: Target, authorization: Mapping[str, Any], first: bool = False) -> str:
    """``app authorization UUID (APP)``; capitalized when it starts a sentence (``first``)."""
    text = statuses.describe(target.authorization, authorization)
    return sentence(text) if first else text


def new_code(target: Target, auth_url: str | None) -> Remedy:
    """Approve the app at ``auth_url`` again and give the new code."""
    return Remedy(
        Action.NEW_CODE,
        property_name="auth_request.code",
        auth_url=auth_url,
        bundle=target.bundle,
        authorization=target.authorization,
    )


def fix_status(authorization: Mapping[str, Any]) -> Remedy:
    """What the authorization's status asks for (``authorization`` as AppFabric answers it)."""
    return Remedy(
        Action.FIX_STATUS,
        status=authorization["status"],
        auth_type=authorization.get("authType"),
        auth_url=authorization.get("authUrl") or authorization.get("auth_url"),
    )


def status_failure(target: Target, authorization: Mapping[str, Any]) -> Failure:
    status = authorization["status"]
    return Failure(
        f"{who(target, authorization, first=True)} is {status} after connecting:",
        fix_status(authorization),
    )


def failed_after_code(target: Target, authorization: Mapping[str, Any]) -> Failure:
    """ConnectionValidationFailed after AppFabric accepted this run's Connect with a code."""
    return Failure(
        f"{who(target, authorization, first=True)} is {authorization['status']} after "
        "AppFabric accepted this run's OAuth code. Most likely another run or "
        f"{target.words.stack} declaring this authorization sent the same code while it was "
        "connecting: a code works once, and using it twice can revoke what the first use made, "
        f"so give each code to one {target.words.stack} only. If no other run used it, AppFabric "
        "could not validate the app's OAuth client.",
        new_code(target, authorization.get("authUrl")),
    )


def still_pending(target: Target, authorization: Mapping[str, Any], timeout: float) -> Failure:
    return Failure(
        f"{who(target, authorization, first=True)} is still PendingConnect after "
        f"{timeout:g} s ({target.words.input_name('connect_timeout')}). Its last status was "
        "PendingConnect;",
        Remedy(Action.WAIT_LONGER, property_name="connect_timeout"),
    )


def warn(message: str) -> None:
    """A warning for the user: logged, and handed to each of ``warning_sinks``."""
    log.warning(message)
    for sink in warning_sinks:
        sink(message)
