"""pulumi-aws's stack config (``aws:*``) as the core reads settings: objects decoded from JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..naming import snake
from ..problems import Problem
from ..quoting import quoted
from ..schema import AWS_CONFIG_FIELDS

# Settings whose object holds a secret (the web identity's token): not shown when not JSON.
_HOLDS_SECRET = frozenset({"assume_role_with_web_identity"})
# Keys and tokens: taken as given, never decoded nor shown.
_SECRETS = frozenset(prop.name for prop in AWS_CONFIG_FIELDS if prop.secret)


def stack_config_values(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """``aws:`` keys (without the namespace) and their values, object and list config decoded
    from its JSON text; and a problem for each value that is not JSON."""
    decoded: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in values.items():
        if isinstance(value, str) and value[:1] in ("[", "{") and snake(key) not in _SECRETS:
            # Pulumi quirk: object and list config (`pulumi config set --path`) reaches a
            # dynamic provider as a JSON string.
            try:
                value = json.loads(value)
            except ValueError:
                name = snake(key)
                shown = "" if name in _HOLDS_SECRET else f", got {quoted(value)}"
                problems.append(Problem((name,), f"must be valid JSON{shown}", setting=True))
                continue
        decoded[key] = value
    return decoded, problems
