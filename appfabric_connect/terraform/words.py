"""The core's remedies and hints in Terraform's words (the provider block, ``terraform apply``)."""

from __future__ import annotations

from ..aws.failures import Hints
from ..core import statuses
from ..core.failures import Action, Remedy

APPLY = "`terraform apply`"
NEW_CODE_ATTRIBUTES = (
    "auth_request.code_wo with auth_request.code_wo_version raised (or auth_request.code)"
)
# What each status asks of a Terraform user: (oauth2, apiKey); oauth2's "{new_code}" is how to
# get and give a new code.
_STATUS_REMEDIES: dict[str, tuple[str, str]] = {
    statuses.CONNECTED: (
        "connected and ready: nothing to do",
        "connected and ready: nothing to do",
    ),
    statuses.PENDING_CONNECT: (
        "not connected yet: {new_code}",
        f"not connected yet: run {APPLY} to connect it",
    ),
    statuses.CONNECTION_VALIDATION_FAILED: (
        "AppFabric could not validate the credentials: check the OAuth client ID and secret of "
        "the app authorization, then {new_code}",
        "AppFabric could not validate the API key: put a valid key on the app authorization "
        f"(aws_appfabric_app_authorization's credential), then run {APPLY}",
    ),
    statuses.TOKEN_AUTO_ROTATION_FAILED: (
        "AppFabric failed to refresh the access token: reconnect: {new_code}",
        f"AppFabric failed to refresh the access token: run {APPLY} to reconnect",
    ),
}
_NEW_CODE = (
    "open the authorization's auth_url, approve the app, and set the code from the redirect URL "
    f"as {NEW_CODE_ATTRIBUTES}, then run {APPLY}"
)


class TerraformWords:
    """What to do, said to a Terraform or OpenTofu user."""

    def remedy(self, remedy: Remedy) -> str:
        if remedy.action is Action.NEW_CODE:
            return how_to_get_code(remedy)
        if remedy.action is Action.FIX_STATUS:
            url = f" auth_url: {remedy.auth_url}" if remedy.auth_url else ""
            return f"{status_remedy(str(remedy.status), remedy.auth_type)}.{url}"
        if remedy.action is Action.WAIT_LONGER:
            return (
                "raise the resource's timeouts (create, update) or check the app's side, then "
                f"run {APPLY} again."
            )
        return "set the provider's `region`, or AWS_REGION / AWS_DEFAULT_REGION."

    def hints(self, setting_prefix: str) -> Hints:
        """Where a failure's message points to fix the profile, the region or the endpoint."""
        return Hints(
            profile="the provider's `profile` or AWS_PROFILE",
            region="the provider's `region` or AWS_REGION",
            endpoint="`endpoints { appfabric }` in the provider block",
        )


TERRAFORM = TerraformWords()


def status_remedy(status: str, auth_type: str | None) -> str:
    """What ``status`` asks of the user, for an authorization of ``auth_type`` (oauth2 if None)."""
    by_type = _STATUS_REMEDIES.get(status)
    if by_type is None:
        return f"unexpected status {status!r}: see the AppFabric console"
    oauth2, api_key = by_type
    return api_key if auth_type == "apiKey" else oauth2.format(new_code=_NEW_CODE)


def how_to_get_code(remedy: Remedy) -> str:
    # `appfabric-connect authorize` writes Pulumi stack config: nothing to name here.
    where = f"Open {remedy.auth_url} " if remedy.auth_url else "Open the authorization's auth_url "
    return (
        where + "in a browser, approve the app, and set the `code` from the redirect URL as "
        f"{NEW_CODE_ATTRIBUTES}, then run {APPLY}."
    )
