"""The core's remedies and hints in Terraform's words (the provider block, ``terraform apply``)."""

from __future__ import annotations

from ..core.words import FrontEndWords
from ..schema import AWS_ALIASES

TERRAFORM = FrontEndWords(
    apply="`terraform apply`",
    auth_url="auth_url",
    code_input=(
        "auth_request.code_wo with auth_request.code_wo_version raised (or auth_request.code)"
    ),
    authorization="aws_appfabric_app_authorization's",
    timeout="the resource's timeouts (create, update)",
    region_setting="the provider's `region`",
    profile_hint="the provider's `profile`",  # the message names AWS_PROFILE itself
    region_hint="the provider's `region` or AWS_REGION",
    endpoint_hint="`endpoints { appfabric }` in the provider block",
    stack="configuration",
    # terraform-provider-aws's argument names (`timeouts` for the connect timeout's block)
    input_names=tuple((ours, theirs) for theirs, ours in AWS_ALIASES.items()),
)
status_remedy = TERRAFORM.status_remedy
