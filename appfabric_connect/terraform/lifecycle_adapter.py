"""The one module that calls the connection's lifecycle (``appfabric_connect.core``).

Everything else in ``appfabric_connect.terraform`` speaks Terraform: attribute names as in the
schema (``app_bundle_arn``, ``auth_request[0].code_wo``, ``assume_role[1].role_arn``), values as
msgpack decodes them. This module maps them onto the core's names, calls it, and has it word
its failures with ``diagnostics.TERRAFORM`` (remedies: ``code_wo_version``, ``terraform apply``, the
provider block; inputs as this resource's attributes, ``connect_timeout`` → ``timeouts``) and
spell settings with ``SETTINGS`` (``("assume_roles", 0, "role_arn")`` → ``assume_role[0]…``).

What it calls: ``core.read_config`` (the provider block's settings), ``core.check`` (offline
validation), ``core.diff`` (replace / reconnect), ``core.create``, ``core.update`` (reconnect;
refuses a spent code before any Connect), ``core.read`` (one GetAppAuthorization; no id when the
authorization is gone), ``core.fingerprint`` for a state moved from terraform-provider-aws; and
the ``appfabric_connect`` logger, whose warnings become Terraform warnings.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import botocore.exceptions

from .. import core
from ..aws.failures import failure_message
from ..core import statuses
from ..core.fingerprint import fingerprint
from ..durations import seconds_within
from ..problems import AS_IS, Spelling
from ..schema import OBJECT, OUTPUTS, by_name
from ..unknown import is_unknown
from .diagnostics import TERRAFORM, Invalid, status_remedy
from .terraform_schema import SCHEMAS
from .values import known

_OUTPUTS = by_name(OUTPUTS)
# How Terraform users write a provider setting's path: the provider block's attribute and blocks
# (`assume_role[0].role_arn`: one block per role; `assume_role_with_web_identity[0]`: a block).
SETTINGS = Spelling(
    camel_case=False,
    renamed=tuple(
        (prop.name, name) for name, prop in SCHEMAS.settings.items() if name != prop.name
    ),
    one_item_lists=frozenset(
        prop.name for prop in SCHEMAS.settings.values() if prop.type == OBJECT and prop.fields
    ),
)


class Failure(Exception):
    """An operation that failed; the message is for Terraform users (no traceback, no secret)."""


@dataclass
class Outcome:
    """An operation's result and the warnings it logged, rendered for Terraform."""

    value: Any = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    reconnect: bool
    replace: list[str]  # Terraform attribute names


def _aws_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """The provider block as the core's settings: the schema's names, a block of at most one as
    its object, repeated blocks as a list of them; attributes not set left out."""
    found: dict[str, Any] = {}
    for name, value in known(config).items():
        setting = SCHEMAS.settings.get(name)
        if setting is None or value in (None, []):
            continue
        if setting.fields:
            entries = [_set(entry) for entry in value]
            value = (entries[0] if entries else None) if setting.type == OBJECT else entries
        found[setting.name] = value
    return found


def _set(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if value is not None}


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _operation(outcome: Outcome) -> Iterator[None]:
    """Collects the lifecycle's warnings; its failures become ``Failure``s, one line each."""
    handler = _Warnings()
    logger = logging.getLogger("appfabric_connect")
    logger.addHandler(handler)
    try:
        yield
    except core.Failure as error:
        raise Failure(error.render(TERRAFORM)) from None
    except Exception as error:
        # A bug: its traceback goes to the provider's stderr (TF_LOG), not to the diagnostic,
        # whose text is the exception's type alone (a message could quote a value).
        logging.getLogger(__name__).exception("unexpected error in the lifecycle")
        raise Failure(
            f"unexpected {type(error).__name__} in the appfabricconnect provider (details in "
            "its log: TF_LOG=debug); please report it"
        ) from None
    finally:
        logger.removeHandler(handler)
        outcome.warnings.extend(handler.messages)


def _go_duration(text: Any) -> float | None:
    """Seconds of a positive Go duration (a ``timeouts`` value: 1ns at least), else None."""
    return seconds_within(text, 1e-9)


def auth_request_of(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """The ``auth_request`` block of a configuration or state (a list of at most one), or {}."""
    requests = (value or {}).get("auth_request") or []
    return requests[0] if requests and isinstance(requests[0], Mapping) else {}


def code_of(config: Mapping[str, Any]) -> Any:
    """The OAuth code the configuration gives: ``code_wo``, else ``code``; None: no code (null,
    or empty as an unset pipeline secret expands)."""
    request = auth_request_of(config)
    wo = request.get("code_wo")
    return (wo if wo is not None else request.get("code")) or None


def code_wo_raised(state: Mapping[str, Any] | None, config: Mapping[str, Any]) -> bool:
    """``code_wo_version`` changed from the state's: the configuration rotates the code. A first
    version (after an import or a move) is adopted, not a rotation."""
    old = auth_request_of(state).get("code_wo_version")
    new = auth_request_of(config).get("code_wo_version")
    return old is not None and new is not None and new != old


def _core_inputs(config: Mapping[str, Any], timeout_name: str = "create") -> dict[str, Any]:
    """The lifecycle's inputs from the resource's (or data source's) configuration.

    A null ``code_wo`` (and no ``code``) is no code: Terraform's write-only convention, where a
    pipeline passes the code only when it raises ``code_wo_version``, so null means "nothing new",
    never "not known yet"."""
    props: dict[str, Any] = {
        "app_bundle_identifier": config.get("app_bundle_arn"),
        "app_authorization_identifier": config.get("app_authorization_arn"),
    }
    if config.get("region") is not None:
        props["region"] = config["region"]
    request = (config.get("auth_request") or [None])[0]
    if isinstance(request, Mapping):
        props["auth_request"] = {
            "redirect_uri": request.get("redirect_uri"),
            "code": code_of(config),
        }
    timeouts = config.get("timeouts") or {}
    timeout = _go_duration(timeouts.get(timeout_name)) or _go_duration(timeouts.get("create"))
    if timeout:
        props["connect_timeout"] = timeout
    return props


def _core_state(state: Mapping[str, Any]) -> dict[str, Any]:
    """The lifecycle's outputs as this resource's state holds them."""
    found = {name: state.get(attribute) for name, attribute in SCHEMAS.echoed.items()}
    for name, attribute in SCHEMAS.outputs.items():
        fields = _OUTPUTS[name].fields
        value = state.get(attribute)
        if fields:  # an object: Terraform's list of one
            value = {field.name: ((value or [{}])[0] or {}).get(field.name) for field in fields}
        found[name] = value
    return found


def _terraform_outputs(outs: Mapping[str, Any]) -> dict[str, Any]:
    """The lifecycle's outputs as this resource's computed attributes; its identifiers as the
    configuration gave them (ARN or UUID): an import takes them from here."""
    found = {attribute: outs.get(name) for name, attribute in SCHEMAS.echoed.items()}
    for name, attribute in SCHEMAS.outputs.items():
        fields = _OUTPUTS[name].fields
        value = outs.get(name)
        if fields:
            value = [{field.name: (value or {}).get(field.name) for field in fields}]
        found[attribute] = value
    return found


def _has_unknown(value: Any) -> bool:
    if isinstance(value, Mapping):
        return any(_has_unknown(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_unknown(item) for item in value)
    return is_unknown(value)


def _resource_path(name: str) -> str:
    return SCHEMAS.paths.get(name, name)


class Connections:
    """One provider configuration (Terraform starts one process per ``provider`` block)."""

    def __init__(self) -> None:
        self.config = core.ProviderConfig(TERRAFORM)

    @staticmethod
    def provider_problems(config: Mapping[str, Any]) -> list[Invalid]:
        """Every bad provider attribute, offline (unknown values pass)."""
        config_read = core.read_config(_aws_settings(config), TERRAFORM, SETTINGS)
        return [Invalid(SETTINGS(p.path), p.reason) for p in config_read.problems]

    def configure(self, config: Mapping[str, Any]) -> list[Invalid]:
        """Reads the provider block; returns what only a configured provider sees, once for the
        block rather than once per resource: no AWS credentials (path ""), a missing profile."""
        self.config = core.read_config(_aws_settings(config), TERRAFORM, SETTINGS)
        if _has_unknown(config):  # e.g. keys from a resource: known at apply
            return []
        settings = self.config.settings
        if settings.source_in_environment(os.environ):  # a pipeline's keys: botocore not needed
            return []
        from ..aws import identity  # botocore's session: ~0.15 s, not for a plan without reads

        try:
            if identity.has_source_credentials(settings):
                return []
        except identity.ConfigurationError as error:
            return [Invalid("profile", str(error))]
        message = failure_message(
            "Configuring the provider",
            botocore.exceptions.NoCredentialsError(),
            settings.region or "",
            TERRAFORM.hints(""),
        )
        return [Invalid("", message)]

    def resource_problems(self, config: Mapping[str, Any]) -> list[Invalid]:
        """Every bad resource attribute, offline (unknown values pass)."""
        code_path = (
            "auth_request[0].code_wo"
            if auth_request_of(config).get("code_wo") is not None
            else _resource_path("auth_request.code")
        )
        found = [
            Invalid(
                code_path if f.path == ("auth_request", "code") else _resource_path(AS_IS(f.path)),
                f.reason,
            )
            for f in core.check(self.config, _core_inputs(config))
            if not f.setting  # provider settings: ValidateProviderConfig names them
        ]
        timeouts = config.get("timeouts") or {}
        for name in ("create", "update"):
            value = timeouts.get(name)
            if value is not None and not is_unknown(value) and not _go_duration(value):
                found.append(
                    Invalid(
                        f"timeouts.{name}",
                        f'must be a duration such as "30m" or "1h30m", got "{value}"',
                    )
                )
        return found

    def plan(self, state: Mapping[str, Any], config: Mapping[str, Any]) -> Plan:
        """No API call: replace (another bundle, authorization or region) or reconnect."""
        outcome = Outcome()
        props = _core_inputs(config)
        if auth_request_of(config).get("code_wo") is not None and not code_wo_raised(state, config):
            # Terraform: a write-only value never plans a change by itself (it is in neither
            # state nor plan); only a raised code_wo_version does.
            props["auth_request"]["code"] = None
        with _operation(outcome):
            diffed = core.diff(self.config, _core_state(state), props)
        replace = [_resource_path(name) for name in diffed.replaces or []]
        return Plan(bool(diffed.changes) and not replace, replace)

    def create(self, config: Mapping[str, Any]) -> Outcome:
        outcome = Outcome()
        with _operation(outcome):
            outcome.value = _terraform_outputs(
                core.create(self.config, _core_inputs(config)).outputs
            )
        return outcome

    def update(self, state: Mapping[str, Any], config: Mapping[str, Any]) -> Outcome:
        outcome = Outcome()
        props = _core_inputs(config, "update")
        with _operation(outcome):
            result = core.update(self.config, _core_state(state), props)
            outcome.value = _terraform_outputs(result.outputs)
        return outcome

    def read(self, state: Mapping[str, Any]) -> Outcome:
        """Refresh or import (the id alone); ``value`` None when the authorization is gone."""
        outcome = Outcome()
        olds = {k: v for k, v in _core_state(state).items() if v is not None}
        olds.pop("tenant", None)
        with _operation(outcome):
            result = core.read(self.config, str(state.get("id")), olds)
            if result.id:
                outcome.value = _terraform_outputs(result.outputs)
        return outcome

    @staticmethod
    def moved(source: Mapping[str, Any]) -> dict[str, Any]:
        """This resource's state from terraform-provider-aws's: its OAuth code is not kept, only
        its fingerprint, so that the code is known as spent; the next refresh reads the rest."""
        request = (source.get("auth_request") or [None])[0] or {}
        code = request.get("code")
        return {
            "id": source.get("id") or source.get("app_authorization_arn"),
            "app_bundle_arn": source.get("app_bundle_arn"),
            "app_authorization_arn": source.get("app_authorization_arn"),
            "app": source.get("app"),
            "tenant": source.get("tenant"),
            "auth_request": [{"redirect_uri": request.get("redirect_uri")}] if request else [],
            "timeouts": source.get("timeouts"),
            "code_fingerprint": fingerprint(code) if isinstance(code, str) and code else None,
        }

    def lookup(self, config: Mapping[str, Any]) -> Outcome:
        """Any authorization, by its identifiers: the data source's read."""
        props = _core_inputs(config)
        props.pop("auth_request", None)
        outcome = Outcome()
        with _operation(outcome):
            result = core.read(self.config, str(config.get("app_authorization_arn")), props)
            if not result.id:
                raise core.Failure(
                    f"app authorization {config.get('app_authorization_arn')} was not found "
                    f"in app bundle {config.get('app_bundle_arn')}."
                )
            outs = _terraform_outputs(result.outputs)
            outs["connected"] = outs["status"] == statuses.CONNECTED
            outs["remedy"] = status_remedy(outs["status"], outs["auth_type"])
            outcome.value = outs
        return outcome
