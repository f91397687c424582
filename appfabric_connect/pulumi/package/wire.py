"""Property maps: the engine's (PropertyValue, camelCase), the core's (plain, snake_case)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi.provider.experimental.property_value import Computed, PropertyValue

from ... import schema
from ...naming import camel, snake
from ...unknown import UNKNOWN, is_unknown

# Paths (camelCase) that are secret whatever the engine says: the OAuth code.
SECRET_PATHS = frozenset(
    f"{camel(prop.name)}.{camel(field.name)}"
    for prop in schema.INPUTS
    for field in prop.fields
    if field.secret
) | frozenset(camel(prop.name) for prop in schema.INPUTS if prop.secret)


def to_core(values: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """Plain values with snake_case keys; secrets unwrapped, unknowns as the core's ``UNKNOWN``."""
    return {snake(key): _plain(value) for key, value in values.items()}


def settings_values(values: Mapping[str, PropertyValue]) -> dict[str, Any]:
    """Provider settings as plain values, names kept: pulumi-aws's (``assumeRoles[0].roleArn``).

    Whole numbers become ``int`` (the wire has only floats); unknowns become ``None``.
    """
    return {key: _plain(value, setting=True) for key, value in values.items()}


def _plain(value: PropertyValue, setting: bool = False) -> Any:
    inner = value.value
    if isinstance(inner, Computed):
        return None if setting else UNKNOWN
    if isinstance(inner, Mapping):
        return settings_values(inner) if setting else to_core(inner)
    if isinstance(inner, Sequence) and not isinstance(inner, str):
        return [_plain(item, setting) for item in inner]
    if setting and isinstance(inner, float) and inner.is_integer():
        return int(inner)
    return inner


def from_core(values: Mapping[str, Any], prefix: str = "") -> dict[str, PropertyValue]:
    """PropertyValues with camelCase keys; the paths of ``SECRET_PATHS`` made secret."""
    result: dict[str, PropertyValue] = {}
    for key, value in values.items():
        path = f"{prefix}{camel(key)}"
        result[camel(key)] = _wrapped(value, path).with_secret(path in SECRET_PATHS)
    return result


def _wrapped(value: Any, path: str) -> PropertyValue:
    if is_unknown(value):
        return PropertyValue.computed()
    if isinstance(value, Mapping):
        return PropertyValue(from_core(value, f"{path}."))
    if isinstance(value, list | tuple):
        return PropertyValue([_wrapped(item, path) for item in value])
    if isinstance(value, int) and not isinstance(value, bool):
        return PropertyValue(float(value))
    return PropertyValue(value)


def with_secrets(values: Mapping[str, PropertyValue], prefix: str = "") -> dict[str, PropertyValue]:
    """``values`` as the engine sent them, with ``SECRET_PATHS`` made secret if they were not."""
    result: dict[str, PropertyValue] = {}
    for key, value in values.items():
        path = f"{prefix}{key}"
        if isinstance(value.value, Mapping):
            value = value.with_value(with_secrets(value.value, f"{path}."))
        result[key] = value.with_secret(True) if path in SECRET_PATHS else value
    return result
