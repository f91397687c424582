"""What a Terraform user is told: the core's remedies and hints in Terraform's words (the provider
block, ``terraform apply``), and diagnostics, each naming its attribute when it has one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.messages import FrontEndWords
from ..schema import AWS_ALIASES
from .proto import tfplugin6_pb2 as tf

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[\"([^\"]*)\"\]")


def attribute_path(path: str) -> tf.AttributePath:
    """``assume_role[1].role_arn`` as Terraform's steps: attribute, element 1, attribute."""
    steps = []
    for name, index, key in _STEP.findall(path):
        if name:
            steps.append(tf.AttributePath.Step(attribute_name=name))
        elif index:
            steps.append(tf.AttributePath.Step(element_key_int=int(index)))
        else:
            steps.append(tf.AttributePath.Step(element_key_string=key))
    return tf.AttributePath(steps=steps)


def error(summary: str, detail: str = "", path: str | None = None) -> tf.Diagnostic:
    return _diagnostic(tf.Diagnostic.ERROR, summary, detail, path)


def warning(summary: str, detail: str = "", path: str | None = None) -> tf.Diagnostic:
    return _diagnostic(tf.Diagnostic.WARNING, summary, detail, path)


def _diagnostic(severity: int, summary: str, detail: str, path: str | None) -> tf.Diagnostic:
    found = tf.Diagnostic(severity=severity, summary=summary, detail=detail)
    if path:
        found.attribute.CopyFrom(attribute_path(path))
    return found


@dataclass(frozen=True)
class Invalid:
    """A problem as Terraform shows it: the attribute's path (``assume_role[0].role_arn``; "" for
    the block) and what is wrong."""

    path: str
    message: str


def problems(found: Iterable[Invalid], prefix: str = "") -> list[tf.Diagnostic]:
    """An error per bad attribute, pointing at it."""
    return [
        error(f"Invalid {prefix}{p.path}", f"{prefix}{p.path} {p.message}", p.path) for p in found
    ]


def warnings(messages: Iterable[str]) -> list[tf.Diagnostic]:
    """One diagnostic each, summarized by its first clause (Terraform folds equal summaries)."""
    return [
        warning(re.split(r"(?<=[.:])\s", message, maxsplit=1)[0].rstrip(".:"), message)
        for message in messages
    ]


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
