"""The dynamic provider behind ``AppAuthorizationConnection``: connect, read status, reconnect."""

from __future__ import annotations

import functools
import logging
import random
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

import botocore.exceptions
import pulumi
from botocore import xform_name
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

from . import aws, identifiers, statuses, validation
from .aws import (
    CONFIG_CONNECT_TIMEOUT,
    CONFIG_ENDPOINT,
    CONFIG_MAX_ATTEMPTS,
    CONFIG_RETRY_MODE,
    AmbiguousConnectError,
    AwsSettings,
    ConfigurationError,
)
from .fingerprint import fingerprint, matches
from .validation import is_unknown

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

log = logging.getLogger("appfabric_connect")

DEFAULT_CONNECT_TIMEOUT = 300.0
_HINTS = aws.Hints(
    profile="`pulumi config set aws:profile NAME`",
    region="the connection's `region`, `pulumi config set aws:region REGION` or AWS_REGION",
    endpoint=f"`{CONFIG_ENDPOINT}`",
)
POLL_FIRST_DELAY = 0.5
POLL_MAX_DELAY = 5.0

# Module-level so tests can drive the clock; the provider instance itself stays tiny to pickle.
sleep = time.sleep
monotonic = time.monotonic


class ConnectionFailed(Exception):
    """A connection that could not be made; the message says what to do."""


class ProviderBug(Exception):
    """An unexpected error inside the provider; carries its own traceback for a bug report."""


_Method = Callable[..., Any]


def _one_line(method: _Method) -> _Method:
    """Lets ``ConnectionFailed`` through as is and turns anything else into a ``ProviderBug``
    whose message holds the traceback, with the OAuth code of the call masked."""

    @functools.wraps(method)
    def wrapper(*args: Any) -> Any:
        try:
            return method(*args)
        except ConnectionFailed:
            raise
        except Exception as error:
            detail = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=-8)}"
            for code in _codes_in(args):
                detail = detail.replace(code, "***")
            raise ProviderBug(
                f"appfabric-connect failed unexpectedly in {method.__name__}: {detail}"
            ) from None

    return wrapper


def _codes_in(args: tuple[Any, ...]) -> list[str]:
    codes = []
    for arg in args:
        auth_request = arg.get("auth_request") if isinstance(arg, Mapping) else None
        if isinstance(auth_request, Mapping) and isinstance(auth_request.get("code"), str):
            codes.append(auth_request["code"])
    return [code for code in codes if code]


def _in_dynamic_provider_server() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "pulumi.dynamic.__main__"


@dataclass(frozen=True)
class _Target:
    client: AppFabricClient
    region: str
    bundle: str
    authorization: str  # UUID


class AppAuthorizationConnectionProvider(ResourceProvider):
    """Connects an AppFabric app authorization and reports its status.

    Holds no client, session or credential: clients are made lazily in the provider process
    (``aws.client``), so the pickled provider is a reference to this class plus its settings.
    """

    # Nothing secret is captured by this provider, so its state blob needn't be encrypted.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._settings = AwsSettings()
        self._connect_timeout = DEFAULT_CONNECT_TIMEOUT
        self._config_problems: list[CheckFailure] = []

    def configure(self, req: ConfigureRequest) -> None:
        """Reads ``aws:region``, ``aws:profile`` and ``appfabric-connect:*`` from stack config."""
        if _in_dynamic_provider_server():
            # Pulumi quirk: the dynamic-provider server reports any exception to the engine as
            # traceback.format_exc(), frames and all. With no frames, the user sees one line:
            # "ConnectionFailed: <what to do>". Unexpected errors keep theirs (see _one_line).
            sys.tracebacklimit = 0
        config = req.config
        problems: list[CheckFailure] = []
        retry_mode = config.get(CONFIG_RETRY_MODE) or "standard"
        if retry_mode not in aws.RETRY_MODES:
            problems.append(
                CheckFailure(CONFIG_RETRY_MODE, f"must be one of {', '.join(aws.RETRY_MODES)}")
            )
            retry_mode = "standard"
        max_attempts = _positive_number(
            config.get(CONFIG_MAX_ATTEMPTS), CONFIG_MAX_ATTEMPTS, problems
        )
        timeout = _positive_number(
            config.get(CONFIG_CONNECT_TIMEOUT), CONFIG_CONNECT_TIMEOUT, problems
        )
        self._settings = AwsSettings(
            region=config.get("aws:region") or None,
            profile=config.get("aws:profile") or None,
            endpoint_url=config.get(CONFIG_ENDPOINT) or None,
            retry_mode=cast(aws.RetryMode, retry_mode),
            max_attempts=int(max_attempts or aws.DEFAULT_MAX_ATTEMPTS),
        )
        self._connect_timeout = float(timeout or DEFAULT_CONNECT_TIMEOUT)
        self._config_problems = problems

    @_one_line
    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validates ``news`` offline and reports every problem at once; unknowns pass."""
        failures = [CheckFailure(p.property, p.reason) for p in validation.problems(news)]
        return CheckResult(news, [*self._config_problems, *failures])

    @_one_line
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Connects the authorization (one Connect call when it answers ``Connected``)."""
        target = self._target(props)
        outs = self._connect(target, props, auth_type=None)
        return CreateResult(outs["app_authorization_arn"], outs)

    @_one_line
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """One GetAppAuthorization; an empty id if the authorization (or its bundle) is gone.

        Works from the id alone (an authorization ARN), as ``get`` needs; it then also returns
        the inputs. (``import_`` never gets here: the engine reads imports with no properties, so
        the SDK cannot find this provider, pulumi/pulumi#16175.)
        """
        target = self._target(props, id_)
        try:
            authorization = self._call(target, "GetAppAuthorization")["appAuthorization"]
        except ClientError as error:
            if _code(error) == "ResourceNotFoundException":
                return ReadResult(None, {})
            raise self._failure("GetAppAuthorization", target, error) from None
        outs = _outputs(props, target, authorization, props.get("code_fingerprint"))
        from_id_only = "app_authorization_identifier" not in props
        inputs = (
            {
                "app_bundle_identifier": authorization["appBundleArn"],
                "app_authorization_identifier": authorization["appAuthorizationArn"],
                "region": target.region,
            }
            if from_id_only
            else None
        )
        return ReadResult(authorization["appAuthorizationArn"], outs, inputs)

    @_one_line
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """No API call: identifiers (by UUID) or region changed → replace; new code or a
        status other than ``Connected`` → update (reconnect)."""
        replaces = [
            name
            for name, uuid_of in (
                ("app_bundle_identifier", identifiers.bundle_uuid),
                ("app_authorization_identifier", identifiers.authorization_uuid),
            )
            if _changed(olds.get(name), news.get(name), uuid_of)
        ]
        new_region = self._desired_region(news)
        if new_region is not None and olds.get("region") and new_region != olds["region"]:
            replaces.append("region")
        reconnect = _new_code(olds, news.get("auth_request")) or (
            olds.get("status") != statuses.CONNECTED
        )
        return DiffResult(
            changes=bool(replaces) or reconnect,
            replaces=replaces,
            delete_before_replace=False,
        )

    @_one_line
    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Reconnects. A spent OAuth code fails here, before any Connect."""
        target = self._target(news)
        auth_type = olds.get("auth_type")
        auth_request = news.get("auth_request")
        if auth_type == "oauth2":
            if not auth_request:
                raise ConnectionFailed(
                    f"{_who(target, olds)} is oauth2 and {olds.get('status')}: reconnecting needs "
                    f"an OAuth code. {self._how_to_get_code(target, olds)}"
                )
            if matches(auth_request["code"], olds.get("code_fingerprint")):
                status = olds.get("status")
                what = (  # a failed status may need more than a new code (e.g. the secret)
                    f"{statuses.remedy(status, auth_type)}."
                    + _auth_url_hint({"auth_url": self._auth_url(target, olds)})
                    if status in statuses.FAILED
                    else self._how_to_get_code(target, olds)
                )
                raise ConnectionFailed(
                    f"{_who(target, olds)} is {status} and its OAuth code was already "
                    f"used: a new code is needed. {what[:1].upper()}{what[1:]}"
                )
        outs = self._connect(target, news, auth_type=auth_type)
        return UpdateResult(outs)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """AppFabric has no disconnect API: the authorization is left as it is.

        Delete the authorization itself (e.g. ``aws.appfabric.AppAuthorization``) to revoke access.
        """

    # -- connect -------------------------------------------------------------------------------

    def _connect(
        self, target: _Target, props: Mapping[str, Any], auth_type: str | None
    ) -> dict[str, Any]:
        auth_request = props.get("auth_request") or None
        code = auth_request["code"] if auth_request else None
        kwargs: dict[str, Any] = {}
        if auth_request:
            kwargs["authRequest"] = {
                "redirectUri": auth_request["redirect_uri"],
                "code": auth_request["code"],
            }
        try:
            summary = self._call(target, "ConnectAppAuthorization", **kwargs)[
                "appAuthorizationSummary"
            ]
        except AmbiguousConnectError as error:
            summary = self._after_ambiguous_connect(target, error)
        except ClientError as error:
            summary = self._adopt_if_connected(target, error, code)
        fingerprint_ = fingerprint(code) if code else None
        authorization: dict[str, Any] = dict(summary)
        authorization.setdefault("authType", auth_type or ("oauth2" if auth_request else "apiKey"))
        if authorization["status"] == statuses.PENDING_CONNECT:
            authorization = self._wait_connected(target, props)
        if authorization["status"] != statuses.CONNECTED:
            raise self._status_failure(target, authorization)
        return _outputs(props, target, authorization, fingerprint_)

    def _after_ambiguous_connect(
        self, target: _Target, error: AmbiguousConnectError
    ) -> Mapping[str, Any]:
        # Only a Connect carrying an OAuth code is ambiguous (aws._no_blind_connect_retry).
        authorization = self._get(target)
        if authorization["status"] == statuses.CONNECTED:
            _warn(
                f"ConnectAppAuthorization for app authorization {target.authorization} got no "
                f"clear answer ({error.detail}), but the authorization is Connected: done."
            )
            return authorization
        raise ConnectionFailed(
            f"ConnectAppAuthorization for {_who(target, authorization)} got no clear answer "
            f"({error.detail}) and the authorization is {authorization['status']}. The OAuth code "
            "may have been used, so it was not sent again. "
            + self._how_to_get_code(target, _outputs({}, target, authorization, None))
        )

    def _adopt_if_connected(
        self, target: _Target, error: ClientError, code: str | None
    ) -> Mapping[str, Any]:
        if _code(error) in {"ResourceNotFoundException", "AccessDeniedException"}:
            raise self._failure("ConnectAppAuthorization", target, error, code) from None
        try:
            authorization = self._get(target)
        except ConnectionFailed:
            raise self._failure("ConnectAppAuthorization", target, error, code) from None
        if authorization["status"] == statuses.CONNECTED:
            why = (
                "its code was already used, e.g. by a run whose result was lost"
                if code
                else "it was connected elsewhere, e.g. in the console"
            )
            _warn(
                f"ConnectAppAuthorization for app authorization {target.authorization} failed "
                f"({_code(error)}), but the authorization is already Connected ({why}): "
                "adopting it."
            )
            return authorization
        if authorization["status"] in statuses.FAILED | {statuses.PENDING_CONNECT}:
            raise ConnectionFailed(
                f"{self._failure('ConnectAppAuthorization', target, error, code)} "
                f"{_who(target, authorization, first=True)} is {authorization['status']}: "
                f"{statuses.remedy(authorization['status'], authorization.get('authType'))}."
                + _auth_url_hint(authorization)
            ) from None
        raise self._failure("ConnectAppAuthorization", target, error, code) from None

    def _wait_connected(self, target: _Target, props: Mapping[str, Any]) -> dict[str, Any]:
        timeout = props.get("connect_timeout") or self._connect_timeout
        deadline = monotonic() + timeout
        delay = POLL_FIRST_DELAY
        while True:
            # "Equal jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): waiting
            # for one resource, not contending, so keep half of each wait and avoid full
            # jitter's long tail after a slow connect.
            wait = delay / 2 + random.uniform(0, delay / 2)
            sleep(min(wait, max(0.0, deadline - monotonic())))
            authorization = self._get(target)
            if authorization["status"] != statuses.PENDING_CONNECT:
                return authorization
            if monotonic() >= deadline:
                raise ConnectionFailed(
                    f"{_who(target, authorization, first=True)} is still PendingConnect after "
                    f"{timeout:g} s (connect_timeout). Its last status was PendingConnect; raise "
                    f"connect_timeout (or `pulumi config set {CONFIG_CONNECT_TIMEOUT} SECONDS`) "
                    "or check the app's side, then run `pulumi up` again."
                )
            delay = min(delay * 2, POLL_MAX_DELAY)

    def _status_failure(
        self, target: _Target, authorization: Mapping[str, Any]
    ) -> ConnectionFailed:
        status = authorization["status"]
        return ConnectionFailed(
            f"{_who(target, authorization, first=True)} is {status} after connecting: "
            f"{statuses.remedy(status, authorization.get('authType'))}."
            + _auth_url_hint(authorization)
        )

    def _auth_url(self, target: _Target, known: Mapping[str, Any]) -> str | None:
        auth_url = known.get("auth_url")
        if not auth_url:
            try:
                auth_url = self._get(target).get("authUrl")
            except ConnectionFailed:
                auth_url = None
        return cast(str | None, auth_url)

    def _how_to_get_code(self, target: _Target, known: Mapping[str, Any]) -> str:
        auth_url = self._auth_url(target, known)
        where = f"Open {auth_url} " if auth_url else "Open the authorization's authUrl "
        return (
            where + "in a browser, approve the app, and set the `code` from the redirect URL as "
            "this connection's auth_request.code (`pulumi config set --secret --path ...`), then "
            "run `pulumi up`. `python -m appfabric_connect authorize --bundle "
            f"{target.bundle} --authorization {target.authorization}` does all but the last step."
        )

    # -- AWS plumbing --------------------------------------------------------------------------

    def _get(self, target: _Target) -> dict[str, Any]:
        try:
            return dict(self._call(target, "GetAppAuthorization")["appAuthorization"])
        except ClientError as error:
            raise self._failure("GetAppAuthorization", target, error) from None

    def _call(self, target: _Target, operation: str, **kwargs: Any) -> dict[str, Any]:
        method: Callable[..., Any] = getattr(target.client, xform_name(operation))
        try:
            return cast(
                dict[str, Any],
                method(
                    appBundleIdentifier=target.bundle,
                    appAuthorizationIdentifier=target.authorization,
                    **kwargs,
                ),
            )
        except botocore.exceptions.BotoCoreError as error:
            secret = kwargs.get("authRequest", {}).get("code")
            raise ConnectionFailed(
                aws.failure_message(operation, error, target.region, _HINTS, secret=secret)
            ) from None

    def _failure(
        self, operation: str, target: _Target, error: ClientError, code: str | None = None
    ) -> ConnectionFailed:
        subject = f"app authorization {target.authorization}"
        return ConnectionFailed(
            aws.failure_message(operation, error, target.region, _HINTS, subject, secret=code)
        )

    def _target(self, props: Mapping[str, Any], id_: str | None = None) -> _Target:
        authorization_id = props.get("app_authorization_identifier") or id_ or ""
        bundle_id = props.get("app_bundle_identifier")
        try:
            parsed = identifiers.parse_authorization(
                id_ if id_ and id_.startswith("arn:") else authorization_id
            )
        except identifiers.IdentifierError as error:
            raise ConnectionFailed(f"app_authorization_identifier {error}") from None
        if not bundle_id:
            if not parsed.bundle_uuid:
                raise ConnectionFailed(
                    "app_bundle_identifier is required when the authorization is given by UUID"
                )
            bundle_id = parsed.bundle_uuid
        region = self._desired_region({**props, "app_authorization_identifier": authorization_id})
        if id_ and parsed.region:
            region = parsed.region
        if not region:
            raise ConnectionFailed(
                "No AWS region: set the connection's `region`, `pulumi config set aws:region "
                "REGION`, or AWS_REGION / AWS_DEFAULT_REGION."
            )
        try:
            client = aws.client(self._settings, region)
        except ConfigurationError as error:
            raise ConnectionFailed(str(error)) from None
        return _Target(client, region, identifiers.bundle_uuid(bundle_id), parsed.uuid)

    def _desired_region(self, props: Mapping[str, Any]) -> str | None:
        """Resource ``region`` → the identifiers' ARN region → ``aws:region`` → boto3's chain."""
        region = props.get("region")
        if isinstance(region, str) and region:
            return region
        if is_unknown(region):
            return None
        for name, parse in (
            ("app_authorization_identifier", identifiers.parse_authorization),
            ("app_bundle_identifier", identifiers.parse_bundle),
        ):
            value = props.get(name)
            if isinstance(value, str) and value.startswith("arn:"):
                try:
                    parsed = parse(value)
                except identifiers.IdentifierError:
                    continue
                if parsed.region:
                    return parsed.region
            elif is_unknown(value):
                return None
        try:
            return aws.default_region(self._settings)
        except ConfigurationError as error:
            raise ConnectionFailed(str(error)) from None


def _outputs(
    props: Mapping[str, Any],
    target: _Target,
    authorization: Mapping[str, Any],
    code_fingerprint: Any,
) -> dict[str, Any]:
    tenant = authorization.get("tenant") or {}
    status = authorization["status"]
    return {
        "app_bundle_identifier": props.get("app_bundle_identifier")
        or authorization.get("appBundleArn"),
        "app_authorization_identifier": props.get("app_authorization_identifier")
        or authorization.get("appAuthorizationArn"),
        "region": target.region,
        "app_authorization_arn": authorization["appAuthorizationArn"],
        "app_bundle_arn": authorization["appBundleArn"],
        "app": authorization["app"],
        "tenant": {
            "tenant_identifier": tenant.get("tenantIdentifier"),
            "tenant_display_name": tenant.get("tenantDisplayName"),
        },
        "status": status,
        "updated_at": _iso(authorization.get("updatedAt")),
        "created_at": _iso(authorization.get("createdAt")),
        "auth_type": authorization.get("authType"),
        "persona": authorization.get("persona", "admin"),
        # The authUrl embeds a fresh state parameter on every read (Terraform notes this): keep it
        # only while the user needs it, so a Connected authorization reads back identically.
        "auth_url": authorization.get("authUrl") if status != statuses.CONNECTED else None,
        "code_fingerprint": code_fingerprint,
    }


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if value is not None else None


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


def _who(target: _Target, authorization: Mapping[str, Any], first: bool = False) -> str:
    app = authorization.get("app")
    who = f"{'App' if first else 'app'} authorization {target.authorization}"
    return who + (f" ({app})" if app else "")


def _auth_url_hint(authorization: Mapping[str, Any]) -> str:
    url = authorization.get("authUrl") or authorization.get("auth_url")
    return f" authUrl: {url}" if url else ""


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", "Unknown"))


def _warn(message: str) -> None:
    """A warning for the user: ``pulumi up`` shows the provider process's stderr."""
    log.warning(message)
    if _in_dynamic_provider_server():  # elsewhere the logging record is enough
        pulumi.log.warn(message)


def _positive_number(value: Any, key: str, problems: list[CheckFailure]) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = 0.0
    if number <= 0:
        problems.append(CheckFailure(key, f"must be a positive number, got {value!r}"))
        return None
    return number
