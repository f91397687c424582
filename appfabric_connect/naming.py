"""camelCase and snake_case: the one conversion between Pulumi's wire names and ours."""

from __future__ import annotations

import re

_WORD_START = re.compile(r"(?<=[a-z0-9])([A-Z])")


def camel(name: str) -> str:
    """``app_bundle_identifier`` → ``appBundleIdentifier`` (a camelCase name is kept)."""
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def snake(name: str) -> str:
    """``assumeRoles[0].roleArn`` → ``assume_roles[0].role_arn`` (a snake_case name is kept);
    only a letter that starts a word is lowered, so a misspelt key reads as it was written."""
    return _WORD_START.sub(lambda match: f"_{match.group(1).lower()}", name)
