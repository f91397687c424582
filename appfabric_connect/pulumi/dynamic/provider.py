"""``AppAuthorizationConnectionProvider``: the core's lifecycle as a Pulumi dynamic provider."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN as WIRE_UNKNOWN

from ... import core
from ...core.config import OWN, ProviderConfig, read_config
from ...core.messages import warning_sinks
from ...engine_watch import exit_with_engine
from ...naming import camel
from ...problems import AS_IS, Spelling
from ...provider import PickledByReference, kept_for_state
from ...schema import NAMESPACE
from ...unknown import UNKNOWN
from ..messages import PULUMI, in_dynamic_provider_server, one_line
from ..pulumi_aws_names import pulumi_aws_names
from ..stack_config import stack_config_values


@kept_for_state
class AppAuthorizationConnectionProvider(PickledByReference, ResourceProvider):
    """Connects an AppFabric app authorization and reports its status.

    Holds no client, session or credential: clients are made lazily in the provider process
    (``aws.clients.client``), and ``configure`` reads every setting from stack config.
    """

    # Nothing secret is captured by this provider, so its state blob needn't be encrypted.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._config = ProviderConfig(PULUMI)

    def configure(self, req: ConfigureRequest) -> None:
        """Reads ``aws:region``, ``aws:profile`` and ``appfabric-connect:*`` from stack config."""
        if in_dynamic_provider_server():
            # Pulumi quirk: the dynamic-provider server reports any exception to the engine as
            # traceback.format_exc(), frames and all. With no frames, the user sees one line:
            # "ConnectionFailed: <what to do>". Unexpected errors keep theirs (see one_line).
            sys.tracebacklimit = 0
            exit_with_engine()
            # `pulumi up` shows the provider process's stderr only as debug output.
            if pulumi.log.warn not in warning_sinks:
                warning_sinks.append(pulumi.log.warn)
        self.configure_from(req.config)

    def configure_from(self, config: Any, aws_prefix: str = "aws:") -> None:
        """Reads every setting from stack config ``config`` (``aws:region``,
        ``appfabric-connect:endpoint``, …); messages name pulumi-aws's settings with
        ``aws_prefix``."""
        # Pulumi quirk: the dynamic provider's Config (pulumi.dynamic.config) offers get() only;
        # every key, which pulumi-aws's unknown ones need, is in its _props.
        values = getattr(config, "_props", None) or {}
        aws, problems = stack_config_values(
            {key[4:]: value for key, value in values.items() if key.startswith("aws:")}
        )
        own = {name: config.get(f"{NAMESPACE}:{camel(name)}") for name in OWN}
        found = read_config(aws, PULUMI, Spelling(aws_prefix), own)
        self._config = replace(found, problems=problems + found.problems)

    @one_line
    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validates ``news`` offline and reports every problem at once; unknowns pass."""
        inputs, aliased = pulumi_aws_names(_plain(_without_provider(news)))
        problems = aliased + core.check(self._config, inputs)
        failures = [CheckFailure(self._config.spell(p, AS_IS), p.reason) for p in problems]
        return CheckResult(news, failures)

    @one_line
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Connects the authorization (one Connect call when it answers ``Connected``)."""
        created = core.create(self._config, _plain(_without_provider(props)))
        return CreateResult(created.id, created.outputs)

    @one_line
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """One GetAppAuthorization; an empty id if the authorization (or its bundle) is gone.

        Works from the id alone (an authorization ARN), as ``get`` needs; it then also returns
        the inputs. (``import_`` never gets here: the engine reads imports with no properties, so
        the SDK cannot find this provider, pulumi/pulumi#16175.)
        """
        found = core.read(self._config, id_, props)
        return ReadResult(found.id, found.outputs, found.inputs)

    @one_line
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """The core's diff: what replaces the connection, and whether it reconnects."""
        found = core.diff(self._config, olds, _plain(_without_provider(news)))
        return DiffResult(
            changes=found.changes, replaces=found.replaces, delete_before_replace=False
        )

    @one_line
    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Reconnects. A spent OAuth code fails here, before any Connect."""
        updated = core.update(self._config, olds, _plain(_without_provider(news)))
        return UpdateResult(updated.outputs)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """AppFabric has no disconnect API: the authorization is left as it is.

        Delete the authorization itself (e.g. ``aws.appfabric.AppAuthorization``) to revoke access.
        """


def serialized_provider() -> str:
    """The provider as a resource's ``__provider`` property holds it (``import-file`` writes it)."""
    return str(serialize_provider(AppAuthorizationConnectionProvider()))


def _without_provider(props: dict[str, Any]) -> dict[str, Any]:
    """The inputs without the SDK's ``__provider`` (this provider, pickled), which is no input."""
    return {key: value for key, value in props.items() if key != "__provider"}


def _plain(value: Any) -> Any:
    """``value`` with Pulumi's unknowns — the SDK's ``Unknown`` objects (check and diff get
    them) and the wire's marker text — as the core's ``UNKNOWN``, which is never sent."""
    if isinstance(value, Unknown) or value == WIRE_UNKNOWN:
        return UNKNOWN
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    return value
