"""The package resource's lifecycle: engine property maps in, the core's answers out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pulumi.provider.experimental.property_value import PropertyValue

from ... import core
from ...core.config import OWN, ProviderConfig, read_config
from ...naming import camel
from ...problems import Spelling
from ..messages import PULUMI, one_line
from ..pulumi_aws_names import pulumi_aws_names
from ..stack_config import stack_config_values
from .names import PACKAGE
from .pulumi_schema import CONFIG
from .wire import from_core, settings_values, to_core, with_secrets

PropertyMap = dict[str, PropertyValue]
CONFIG_NAMES = frozenset(camel(prop.name) for prop in CONFIG)
ENGINE_KEYS = frozenset(("version", "pluginDownloadURL"))  # the engine's, in every provider's
# How this package's users write a setting or input: as its schema does (``assumeRoles[0]``), and
# the same in its namespace, as runtime messages name settings (``appfabric-connect:profile``).
AS_WRITTEN = Spelling()
NAMESPACED = Spelling(f"{PACKAGE}:")
_OWN_ONLY = frozenset(camel(name) for name in OWN) - {"retryMode"}  # retryMode: pulumi-aws's too


class ProviderSettings:
    """The provider's configuration (its own namespace only): pulumi-aws's settings and the
    package's own, by their camelCase names."""

    def __init__(self, args: Mapping[str, PropertyValue]) -> None:
        self._values = settings_values(args)

    def aws(self) -> dict[str, Any]:
        return {key: self._values.get(key) for key in sorted(CONFIG_NAMES - _OWN_ONLY)}

    def own(self) -> dict[str, Any]:
        return {name: self._values.get(camel(name)) for name in OWN}

    def read(self, spelling: Spelling) -> ProviderConfig:
        """The core's configuration; messages name the settings as ``spelling`` writes them."""
        aws, problems = stack_config_values(self.aws())
        config = read_config(aws, PULUMI, spelling, self.own(), spelling)
        return replace(config, problems=problems + config.problems)

    def unknown_keys(self) -> list[str]:
        return sorted(set(self._values) - CONFIG_NAMES - ENGINE_KEYS)


@dataclass(frozen=True)
class Checked:
    inputs: PropertyMap
    failures: list[tuple[str, str]] = field(default_factory=list)  # (property path, reason)


@dataclass(frozen=True)
class Diffed:
    changes: bool
    replaces: list[str]
    delete_before_replace: bool


@dataclass(frozen=True)
class Read:
    resource_id: str  # empty: the authorization is gone
    properties: PropertyMap
    inputs: PropertyMap


class PackageConnection:
    """Each operation converts names and values, calls the core, and words its failures."""

    def __init__(self) -> None:
        self.config = ProviderConfig(PULUMI)

    def check_config(self, news: PropertyMap) -> Checked:
        """Every unknown setting and every bad value, named as the user wrote them."""
        settings = ProviderSettings(news)
        unknown = [
            (key, f"is not a setting of {PACKAGE} (settings: {', '.join(sorted(CONFIG_NAMES))})")
            for key in settings.unknown_keys()
        ]
        config = settings.read(AS_WRITTEN)
        problems = [(config.spell(p, AS_WRITTEN), p.reason) for p in config.problems]
        return Checked(news, unknown + problems)

    def configure(self, args: Mapping[str, PropertyValue]) -> None:
        self.config = ProviderSettings(args).read(NAMESPACED)

    def check(self, olds: PropertyMap, news: PropertyMap) -> Checked:
        inputs, aliased = pulumi_aws_names(to_core(news))
        problems = aliased + one_line(core.check)(self.config, inputs)
        failures = [(self.config.spell(p, AS_WRITTEN), p.reason) for p in problems]
        return Checked(with_secrets(news), failures)

    def diff(self, resource_id: str, state: PropertyMap, news: PropertyMap) -> Diffed:
        found = one_line(core.diff)(self.config, to_core(state), to_core(news))
        return Diffed(found.changes, [camel(name) for name in found.replaces], False)

    def create(self, news: PropertyMap) -> tuple[str, PropertyMap]:
        created = one_line(core.create)(self.config, to_core(news))
        return created.id, from_core(created.outputs)

    def read(self, resource_id: str, state: PropertyMap, inputs: PropertyMap) -> Read:
        """A refresh (``state`` and ``inputs`` known) or an import (the id alone)."""
        found = one_line(core.read)(self.config, resource_id, to_core(state))
        if not found.id:
            return Read("", {}, {})
        found_inputs = from_core(found.inputs) if found.inputs else with_secrets(inputs)
        return Read(found.id, from_core(found.outputs), found_inputs)

    def update(self, resource_id: str, state: PropertyMap, news: PropertyMap) -> PropertyMap:
        updated = one_line(core.update)(self.config, to_core(state), to_core(news))
        return from_core(updated.outputs)

    def delete(self, resource_id: str, state: PropertyMap) -> None:
        """AppFabric has no disconnect API: the authorization is left as it is."""
