"""pulumi-aws's argument names and forms for the connection, mapped onto this resource's inputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from ... import schema
from ...durations import go_duration_seconds
from ...naming import camel, snake


def field(value: Any, name: str) -> Any:
    """``name`` (snake_case) of an Args object, an output object or a dict in either case."""
    if isinstance(value, Mapping):
        if name in value:
            return value[name]
        return value.get(camel(name))
    return getattr(value, name, None)


def auth_request(value: Any) -> Any:
    """The auth request as a dict with snake_case keys whose ``code`` is always a secret."""
    if value is None:
        return None
    if isinstance(value, pulumi.Output):
        return pulumi.Output.secret(value.apply(auth_request))
    if isinstance(value, Mapping):
        plain = {snake(str(key)): item for key, item in value.items()}
    else:
        plain = {name: field(value, name) for name in schema.AUTH_REQUEST_NAMES}
    if plain.get("code") is not None:
        plain["code"] = pulumi.Output.secret(plain["code"])
    return plain


def inputs(given: Mapping[str, Any]) -> dict[str, Any]:
    """Our inputs from arguments under our names or pulumi-aws's.

    Where both names of one input are given, both are kept, so that ``check`` says so; a
    ``timeouts.create`` that is not a Go duration is kept as ``timeouts`` for ``check`` to name.
    """
    result = {name: given.get(name) for name in schema.INPUT_NAMES}
    for alias, ours in schema.AWS_ALIASES.items():
        value = given.get(alias)
        if alias == "timeouts" and value is not None:
            create = field(value, "create")
            value = None if create is None else {"create": create}
            mapped = None if create is None else _timeout_seconds(create)
        else:
            mapped = value
        if value is None:
            continue
        if result[ours] is None and mapped is not None:
            result[ours] = mapped
        else:
            result[alias] = value
    result["auth_request"] = auth_request(result["auth_request"])
    return result


def _timeout_seconds(create: Any) -> Any:
    """Seconds, an Output of them, or None for a string that is not a Go duration."""
    if isinstance(create, pulumi.Output):
        return create.apply(_seconds_or_given)
    seconds = _seconds_or_given(create)
    return None if seconds is create else seconds


def _seconds_or_given(create: Any) -> Any:
    try:
        return go_duration_seconds(create)
    except (TypeError, ValueError):
        return create
