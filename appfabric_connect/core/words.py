"""A front end's words as data: its command, names and settings; the sentences are built here."""

from __future__ import annotations

from dataclasses import dataclass

from ..aws.failures import Hints
from . import statuses
from .failures import Action, Remedy

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
