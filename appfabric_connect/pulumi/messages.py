"""The core's remedies and hints in Pulumi's words (stack config, ``pulumi up``)."""

from __future__ import annotations

import sys

from ..aws.clients import CONFIG_CONNECT_TIMEOUT, CONFIG_ENDPOINT
from ..core.words import FrontEndWords

# What to do, said to a Pulumi user: the dynamic resource's and the provider package's.
PULUMI = FrontEndWords(
    apply="`pulumi up`",
    auth_url="authUrl",
    code_input=("this connection's auth_request.code (`pulumi config set --secret --path ...`)"),
    code_input_in_status=(
        "the connection's auth_request.code (`pulumi config set --secret --path ...`, or let "
        "`python -m appfabric_connect authorize` do both)"
    ),
    authorization="aws.appfabric.AppAuthorization",
    timeout=f"connect_timeout (or `pulumi config set {CONFIG_CONNECT_TIMEOUT} SECONDS`)",
    region_setting="the connection's `region`, `pulumi config set {setting} REGION`",
    profile_hint="`pulumi config set {prefix}profile NAME`",
    region_hint=(
        "the connection's `region`, `pulumi config set {prefix}region REGION` or AWS_REGION"
    ),
    endpoint_hint=f"`{CONFIG_ENDPOINT}`",
    authorize=(
        "python -m appfabric_connect authorize --bundle {bundle} --authorization {authorization}"
    ),
)


def in_dynamic_provider_server() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "pulumi.dynamic.__main__"
