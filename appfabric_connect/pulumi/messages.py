"""The core's remedies and hints in Pulumi's words (stack config, ``pulumi up``)."""

from __future__ import annotations

import sys

from ..aws.clients import CONFIG_CONNECT_TIMEOUT, CONFIG_ENDPOINT
from ..aws.failures import Hints
from ..core.failures import Action, Remedy
from . import statuses


class PulumiWords:
    """What to do, said to a Pulumi user: the dynamic resource's and the provider package's."""

    def remedy(self, remedy: Remedy) -> str:
        if remedy.action is Action.NEW_CODE:
            return how_to_get_code(remedy)
        if remedy.action is Action.FIX_STATUS:
            url = f" authUrl: {remedy.auth_url}" if remedy.auth_url else ""
            return f"{statuses.remedy(str(remedy.status), remedy.auth_type)}.{url}"
        if remedy.action is Action.WAIT_LONGER:
            return (
                f"raise connect_timeout (or `pulumi config set {CONFIG_CONNECT_TIMEOUT} SECONDS`) "
                "or check the app's side, then run `pulumi up` again."
            )
        return (
            f"set the connection's `region`, `pulumi config set {remedy.setting} REGION`, or "
            "AWS_REGION / AWS_DEFAULT_REGION."
        )

    def hints(self, setting_prefix: str) -> Hints:
        """Where a failure's message points to fix the profile, the region or the endpoint."""
        return Hints(
            profile=f"`pulumi config set {setting_prefix}profile NAME`",
            region=f"the connection's `region`, `pulumi config set {setting_prefix}region "
            "REGION` or AWS_REGION",
            endpoint=f"`{CONFIG_ENDPOINT}`",
        )


PULUMI = PulumiWords()


def how_to_get_code(remedy: Remedy) -> str:
    where = f"Open {remedy.auth_url} " if remedy.auth_url else "Open the authorization's authUrl "
    return (
        where + "in a browser, approve the app, and set the `code` from the redirect URL as "
        "this connection's auth_request.code (`pulumi config set --secret --path ...`), then "
        f"run `pulumi up`. `{remedy.authorize_command}` does all but the last step."
    )


def in_dynamic_provider_server() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "pulumi.dynamic.__main__"
