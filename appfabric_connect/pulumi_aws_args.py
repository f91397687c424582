"""pulumi-aws's argument names and forms for the connection, mapped onto this resource's inputs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pulumi

from . import schema

# Go's time.ParseDuration, which pulumi-aws's `timeouts` strings follow: "30m", "1h30m", "1.5h".
_GO_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
_GO_PART = re.compile(r"(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_GO_DURATION = re.compile(rf"[+-]?(?:{_GO_PART.pattern})+|[+-]?0")


def go_duration_seconds(text: str) -> float:
    """Seconds in a Go duration string; a ValueError unless ``text`` is one."""
    if not _GO_DURATION.fullmatch(text):
        raise ValueError(text)
    seconds = float(sum(float(number) * _GO_UNITS[unit] for number, unit in _GO_PART.findall(text)))
    return -seconds if text.startswith("-") else seconds


def field(value: Any, name: str) -> Any:
    """``name`` (snake_case) of an Args object, an output object or a dict in either case."""
    if isinstance(value, Mapping):
        if name in value:
            return value[name]
        return value.get(_camel(name))
    return getattr(value, name, None)


def auth_request(value: Any) -> Any:
    """The auth request as a dict with snake_case keys whose ``code`` is always a secret."""
    if value is None:
        return None
    if isinstance(value, pulumi.Output):
        return pulumi.Output.secret(value.apply(auth_request))
    if isinstance(value, Mapping):
        plain = {_snake(str(key)): item for key, item in value.items()}
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


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
