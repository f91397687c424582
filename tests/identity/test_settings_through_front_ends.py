"""Each setting of the schema, given through each front end, reaches the core as the same value;
a bad nested one is named at each front end's own path."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest
from pulumi.provider.experimental.property_value import PropertyValue

from appfabric_connect import AppAuthorizationConnectionProvider, schema
from appfabric_connect.core.config import ProviderConfig
from appfabric_connect.naming import camel
from appfabric_connect.pulumi.package.connection import PackageConnection
from appfabric_connect.terraform.lifecycle_adapter import Connections
from appfabric_connect.terraform.terraform_schema import SCHEMAS
from tests.identity.test_settings_from_schema import SAMPLES

# The schema's settings, each with the settings it needs beside it (pulumi-aws's names).
SETTINGS = [prop for prop in (*schema.AWS_CONFIG_FIELDS, *schema.PROVIDER_ONLY_AWS_FIELDS)]
_TERRAFORM_NAME = {prop.name: name for name, prop in SCHEMAS.settings.items()}


class _StackConfig:
    """Stack config as Pulumi's dynamic-provider server hands it over: text, objects as JSON."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._props = {
            f"aws:{key}": value if isinstance(value, str) else json.dumps(value)
            for key, value in values.items()
        }

    def get(self, key: str) -> Any:
        return self._props.get(key)


def through_stack_config(values: dict[str, Any]) -> ProviderConfig:
    provider = AppAuthorizationConnectionProvider()
    provider.configure_from(_StackConfig(values))
    return provider._config


def _property(value: Any) -> PropertyValue:
    if isinstance(value, dict):
        return PropertyValue({k: _property(v) for k, v in value.items()})
    if isinstance(value, list):
        return PropertyValue([_property(v) for v in value])
    if isinstance(value, int) and not isinstance(value, bool):
        return PropertyValue(float(value))  # the wire has only floats
    return PropertyValue(value)


def through_the_package(values: dict[str, Any]) -> ProviderConfig:
    connection = PackageConnection()
    connection.configure({key: _property(value) for key, value in values.items()})
    return connection.config


def _block(value: Any) -> Any:
    """pulumi-aws's object (camelCase fields) as a Terraform block's attributes."""
    return {snake_of(key): item for key, item in value.items()}


def snake_of(key: str) -> str:
    return next(field for field in _FIELDS if camel(field) == key)


_FIELDS = {f.name for prop in SETTINGS for f in prop.fields}


def through_the_provider_block(values: dict[str, Any]) -> ProviderConfig:
    block: dict[str, Any] = {}
    for key, value in values.items():
        name = next(prop.name for prop in SETTINGS if camel(prop.name) == key)
        if isinstance(value, dict):
            value = [_block(value)]  # a block of at most one
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            value = [_block(item) for item in value]  # repeated blocks
        block[_TERRAFORM_NAME[name]] = value
    connections = Connections()
    connections.configure(block)
    return connections.config


FRONT_ENDS: dict[str, Callable[[dict[str, Any]], ProviderConfig]] = {
    "stack config": through_stack_config,
    "package": through_the_package,
    "terraform": through_the_provider_block,
}


def _read(config: ProviderConfig) -> dict[str, Any]:
    """What the core received: every AWS setting (but how messages spell them) and how many
    problems it found."""
    fields = dataclasses.fields(config.settings)
    found = {f.name: getattr(config.settings, f.name) for f in fields if f.name != "spelling"}
    return {**found, "problems": len(config.problems)}


@pytest.mark.parametrize("prop", SETTINGS, ids=lambda prop: prop.name)
def test_a_setting_reaches_the_core_as_the_same_value_through_each_front_end(
    prop: schema.Property,
) -> None:
    value, beside = SAMPLES[camel(prop.name)]
    given = {**beside, camel(prop.name): value}

    read = {name: through(given) for name, through in FRONT_ENDS.items()}

    for name, config in read.items():
        assert config.problems == [] or prop.name == "skip_region_validation", (name, config)
    first = _read(read["stack config"])
    assert first != _read(through_stack_config(beside)), "the setting changed nothing"
    assert all(_read(config) == first for config in read.values()), read


def test_a_bad_nested_value_is_named_at_each_front_ends_own_path() -> None:
    role = "arn:aws:iam::111111111111:role/ok"
    given = {"assumeRoles": [{"roleArn": role}, {"roleArn": role, "duration": "9d"}]}

    named = {
        name: [config.spell(p, config.settings.spelling) for p in config.problems]
        for name, config in ((name, through(given)) for name, through in FRONT_ENDS.items())
    }

    assert named == {
        "stack config": ["aws:assumeRoles[1].duration"],
        "package": ["appfabric-connect:assumeRoles[1].duration"],
        "terraform": ["assume_role[1].duration"],
    }
