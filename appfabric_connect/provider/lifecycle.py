"""``AppAuthorizationConnectionProvider``: the dynamic provider's check/create/read/diff/update."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import ClientError
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

from .. import statuses
from ..aws import arn
from ..aws.settings import AwsSettings
from ..engine_watch import exit_with_engine
from ..fingerprint import matches
from . import target, validation
from .config import ProviderConfig, StackConfig, read_config
from .connect import auth_url, connect
from .errors import ConnectionFailed, one_line
from .messages import auth_url_hint, how_to_get_code, in_dynamic_provider_server, warn, who
from .outputs import OWN_CREDENTIALS, outputs
from .validation import is_unknown


class AppAuthorizationConnectionProvider(ResourceProvider):
    """Connects an AppFabric app authorization and reports its status.

    Holds no client, session or credential: clients are made lazily in the provider process
    (``aws.clients.client``), and ``configure`` reads every setting from stack config.
    """

    # Pickled by reference under this public path (0.1.0's too): the class may move between
    # modules without stranding the stacks whose state holds it.
    __module__ = "appfabric_connect.provider"
    # Nothing secret is captured by this provider, so its state blob needn't be encrypted.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._config = ProviderConfig()

    def __reduce__(self) -> tuple[type[AppAuthorizationConnectionProvider], tuple[()]]:
        # Pulumi quirk: state keeps the provider pickled, and a stack written by one release is
        # unpickled by the next. Pickling only a reference to the class means unpickling runs
        # __init__ and configure() rebuilds every setting, whatever attributes a release adds.
        return (type(self), ())

    def __setstate__(self, _state: object) -> None:
        # A blob written by 0.1.0 carries the instance's attributes: configure() rebuilds them.
        self._config = ProviderConfig()

    def configure(self, req: ConfigureRequest) -> None:
        """Reads ``aws:region``, ``aws:profile`` and ``appfabric-connect:*`` from stack config."""
        if in_dynamic_provider_server():
            # Pulumi quirk: the dynamic-provider server reports any exception to the engine as
            # traceback.format_exc(), frames and all. With no frames, the user sees one line:
            # "ConnectionFailed: <what to do>". Unexpected errors keep theirs (see one_line).
            sys.tracebacklimit = 0
            exit_with_engine()
        self.configure_from(req.config)

    def configure_from(self, config: StackConfig, aws_prefix: str = "aws:") -> None:
        """Reads every setting from ``config``, by namespaced key (``aws:region``, …); messages
        name pulumi-aws's settings with ``aws_prefix``."""
        self._config = read_config(config, aws_prefix)

    @one_line
    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validates ``news`` offline and reports every problem at once; unknowns pass."""
        failures = [CheckFailure(p.property, p.reason) for p in validation.problems(news)]
        return CheckResult(news, [*self._config.problems, *failures])

    @one_line
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Connects the authorization (one Connect call when it answers ``Connected``)."""
        to = target.resolve(self._config.settings, props)
        outs = connect(to, props, None, self._config.connect_timeout)
        return CreateResult(outs["app_authorization_arn"], outs)

    @one_line
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """One GetAppAuthorization; an empty id if the authorization (or its bundle) is gone.

        Works from the id alone (an authorization ARN), as ``get`` needs; it then also returns
        the inputs. (``import_`` never gets here: the engine reads imports with no properties, so
        the SDK cannot find this provider, pulumi/pulumi#16175.)
        """
        to = target.resolve(self._config.settings, props, id_)
        try:
            authorization = target.call(to, "GetAppAuthorization")["appAuthorization"]
        except ClientError as error:
            if _read_without_own_keys(props):
                # Its own keys are not in state: this read used another identity, and "not
                # found" or "denied" may only mean that. Never drop what we cannot see.
                warn(
                    f"{who(to, props, first=True)} has its own AWS keys, which refresh cannot "
                    f"use: it was read without them and got "
                    f"{target.error_code(error)}; its state is kept as it was."
                )
                return ReadResult(id_, props)
            if target.error_code(error) == "ResourceNotFoundException":
                return ReadResult(None, {})
            raise target.failure("GetAppAuthorization", to, error) from None
        outs = outputs(props, to.region, authorization, props.get("code_fingerprint"))
        from_id_only = "app_authorization_identifier" not in props
        inputs = (
            {
                "app_bundle_identifier": authorization["appBundleArn"],
                "app_authorization_identifier": authorization["appAuthorizationArn"],
                "region": to.region,
            }
            if from_id_only
            else None
        )
        return ReadResult(authorization["appAuthorizationArn"], outs, inputs)

    @one_line
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """No API call: identifiers (by UUID) or region changed → replace; an ``aws`` input
        whose identity names another account than the connection's ARN's (role ARNs,
        ``allowed_account_ids``) → replace; new code or a status other than ``Connected`` →
        update (reconnect). Any other change of ``aws`` (keys, session names) is no change."""
        replaces = [
            name
            for name, uuid_of in (
                ("app_bundle_identifier", arn.bundle_uuid),
                ("app_authorization_identifier", arn.authorization_uuid),
            )
            if _changed(olds.get(name), news.get(name), uuid_of)
        ]
        settings = target.settings_for(self._config.settings, news)
        new_region = target.desired_region(settings, news)
        if new_region is not None and olds.get("region") and new_region != olds["region"]:
            replaces.append("region")
        aws = news.get("aws")
        if aws and not validation.has_unknown(aws) and _other_account(olds, settings):
            replaces.append("aws")
        reconnect = _new_code(olds, news.get("auth_request")) or (
            olds.get("status") != statuses.CONNECTED
        )
        return DiffResult(
            changes=bool(replaces) or reconnect,
            replaces=replaces,
            delete_before_replace=False,
        )

    @one_line
    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Reconnects. A spent OAuth code fails here, before any Connect."""
        to = target.resolve(self._config.settings, news)
        auth_type = olds.get("auth_type")
        auth_request = news.get("auth_request")
        if auth_type == "oauth2":
            if not auth_request:
                raise ConnectionFailed(
                    f"{who(to, olds)} is oauth2 and {olds.get('status')}: reconnecting needs "
                    f"an OAuth code. {how_to_get_code(to, auth_url(to, olds))}"
                )
            if matches(auth_request["code"], olds.get("code_fingerprint")):
                status = olds.get("status")
                what = (  # a failed status may need more than a new code (e.g. the secret)
                    f"{statuses.remedy(status, auth_type)}."
                    + auth_url_hint({"auth_url": auth_url(to, olds)})
                    if status in statuses.FAILED
                    else how_to_get_code(to, auth_url(to, olds))
                )
                raise ConnectionFailed(
                    f"{who(to, olds)} is {status} and its OAuth code was already "
                    f"used: a new code is needed. {statuses.sentence(what)}"
                )
        outs = connect(
            to, news, auth_type, self._config.connect_timeout, olds.get("updated_at") or ""
        )
        return UpdateResult(outs)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """AppFabric has no disconnect API: the authorization is left as it is.

        Delete the authorization itself (e.g. ``aws.appfabric.AppAuthorization``) to revoke access.
        """


def _other_account(olds: Mapping[str, Any], settings: AwsSettings) -> bool:
    """The identity names accounts (STS alone knows the rest), and not the connection's."""
    try:
        account = arn.parse_authorization(str(olds.get("app_authorization_arn") or "")).account
    except arn.IdentifierError:
        return False
    if not account:
        return False
    accounts = settings.accounts()
    outside = accounts is not None and account not in accounts
    return outside or account in settings.forbidden_account_ids


def _read_without_own_keys(props: Mapping[str, Any]) -> bool:
    identity = props.get("aws")
    return isinstance(identity, Mapping) and bool(identity.get(OWN_CREDENTIALS))


def _changed(old: Any, new: Any, uuid_of: Any) -> bool:
    if is_unknown(new):
        return True
    if not isinstance(old, str) or not isinstance(new, str):  # None, or input check rejects
        return bool(old != new)
    return bool(uuid_of(old) != uuid_of(new))


def _new_code(olds: Mapping[str, Any], auth_request: Any) -> bool:
    if auth_request is None:
        return False
    if is_unknown(auth_request):
        return True
    code = auth_request.get("code") if isinstance(auth_request, Mapping) else None
    if is_unknown(code):
        return True
    return isinstance(code, str) and not matches(code, olds.get("code_fingerprint"))
