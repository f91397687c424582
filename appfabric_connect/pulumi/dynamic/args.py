# Generated from schema.py by scripts/gen-args — do not edit.
"""The connection's argument types (pulumi-aws's shapes: ``*Args`` and ``*ArgsDict``) and tenant."""

from typing import Any, NotRequired, Protocol, TypedDict

import pulumi

from .aws_config_args import AwsConfigInput


class AuthRequestArgsDict(TypedDict):
    """The OAuth2 ``authRequest``: the redirect URI and the code the app's consent page returned, as
    a dict."""

    redirect_uri: pulumi.Input[str]
    """the https:// redirect URI of the OAuth app"""
    code: pulumi.Input[str]
    """the OAuth authorization code from the consent page; always made a secret"""


@pulumi.input_type
class AuthRequestArgs:
    """The OAuth2 ``authRequest``: the redirect URI and the code the app's consent page returned."""

    def __init__(self, *, redirect_uri: pulumi.Input[str], code: pulumi.Input[str]) -> None:
        pulumi.set(self, "redirect_uri", redirect_uri)
        pulumi.set(self, "code", code)

    @property
    @pulumi.getter
    def redirect_uri(self) -> pulumi.Input[str]:
        """the https:// redirect URI of the OAuth app"""
        value: pulumi.Input[str] = pulumi.get(self, "redirect_uri")
        return value

    @property
    @pulumi.getter
    def code(self) -> pulumi.Input[str]:
        """the OAuth authorization code from the consent page; always made a secret"""
        value: pulumi.Input[str] = pulumi.get(self, "code")
        return value


class AuthRequestLike(Protocol):
    """Any object with ``redirect_uri`` and ``code``: pulumi-aws's
    ``AppAuthorizationConnectionAuthRequestArgs`` too."""

    @property
    def redirect_uri(self) -> pulumi.Input[str]: ...

    @property
    def code(self) -> pulumi.Input[str]: ...


class TimeoutsLike(Protocol):
    """pulumi-aws's ``AppAuthorizationConnectionTimeoutsArgs``: ``create``, a Go duration."""

    @property
    def create(self) -> pulumi.Input[str | None]: ...


class TimeoutsArgsDict(TypedDict):
    """pulumi-aws's ``timeouts`` as a dict: ``{"create": "30m"}`` is ``connect_timeout=1800``."""

    create: NotRequired[pulumi.Input[str | None]]


AuthRequestInput = AuthRequestArgs | AuthRequestArgsDict | AuthRequestLike | dict[str, Any]
TimeoutsInput = TimeoutsArgsDict | TimeoutsLike | dict[str, Any]


class AppAuthorizationConnectionArgsDict(TypedDict):
    """The arguments of an ``AppAuthorizationConnection``, as a dict."""

    app_bundle_identifier: pulumi.Input[str]
    """app bundle ARN or UUID"""
    app_authorization_identifier: pulumi.Input[str]
    """app authorization ARN (of that bundle) or UUID"""
    auth_request: NotRequired[pulumi.Input[AuthRequestInput] | None]
    """oauth2 only: `AuthRequestArgs(redirect_uri=, code=)` or `{"redirect_uri", "code"}`; the code
    is always made a secret"""
    region: NotRequired[pulumi.Input[str] | None]
    """AWS region; default: the ARNs' region, then `aws:region`, then boto3's chain
    (`AWS_DEFAULT_REGION`, profile), then `AWS_REGION`"""
    connect_timeout: NotRequired[pulumi.Input[float] | None]
    """seconds to wait for `PendingConnect` → `Connected` (default 300, or
    `appfabric-connect:connectTimeout`)"""
    aws: NotRequired[pulumi.Input[AwsConfigInput] | None]
    """this connection's own AWS identity, over the stack's `aws:*` config: `AwsConfigArgs(region=,
    profile=, assume_roles=[AwsAssumeRoleArgs(role_arn=)], …)`, pulumi-aws's `ProviderArgs` names;
    keys and tokens are made secrets; only a change of `region` or of the account (a role ARN's,
    `allowed_account_ids`) replaces"""


@pulumi.input_type
class AppAuthorizationConnectionArgs:
    """The arguments of an ``AppAuthorizationConnection``."""

    def __init__(
        self,
        *,
        app_bundle_identifier: pulumi.Input[str],
        app_authorization_identifier: pulumi.Input[str],
        auth_request: pulumi.Input[AuthRequestInput] | None = None,
        region: pulumi.Input[str] | None = None,
        connect_timeout: pulumi.Input[float] | None = None,
        aws: pulumi.Input[AwsConfigInput] | None = None,
    ) -> None:
        pulumi.set(self, "app_bundle_identifier", app_bundle_identifier)
        pulumi.set(self, "app_authorization_identifier", app_authorization_identifier)
        pulumi.set(self, "auth_request", auth_request)
        pulumi.set(self, "region", region)
        pulumi.set(self, "connect_timeout", connect_timeout)
        pulumi.set(self, "aws", aws)

    @property
    @pulumi.getter
    def app_bundle_identifier(self) -> pulumi.Input[str]:
        """app bundle ARN or UUID"""
        value: pulumi.Input[str] = pulumi.get(self, "app_bundle_identifier")
        return value

    @property
    @pulumi.getter
    def app_authorization_identifier(self) -> pulumi.Input[str]:
        """app authorization ARN (of that bundle) or UUID"""
        value: pulumi.Input[str] = pulumi.get(self, "app_authorization_identifier")
        return value

    @property
    @pulumi.getter
    def auth_request(self) -> pulumi.Input[AuthRequestInput] | None:
        """oauth2 only: `AuthRequestArgs(redirect_uri=, code=)` or `{"redirect_uri", "code"}`; the
        code is always made a secret"""
        value: pulumi.Input[AuthRequestInput] | None = pulumi.get(self, "auth_request")
        return value

    @property
    @pulumi.getter
    def region(self) -> pulumi.Input[str] | None:
        """AWS region; default: the ARNs' region, then `aws:region`, then boto3's chain
        (`AWS_DEFAULT_REGION`, profile), then `AWS_REGION`"""
        value: pulumi.Input[str] | None = pulumi.get(self, "region")
        return value

    @property
    @pulumi.getter
    def connect_timeout(self) -> pulumi.Input[float] | None:
        """seconds to wait for `PendingConnect` → `Connected` (default 300, or
        `appfabric-connect:connectTimeout`)"""
        value: pulumi.Input[float] | None = pulumi.get(self, "connect_timeout")
        return value

    @property
    @pulumi.getter
    def aws(self) -> pulumi.Input[AwsConfigInput] | None:
        """this connection's own AWS identity, over the stack's `aws:*` config:
        `AwsConfigArgs(region=, profile=, assume_roles=[AwsAssumeRoleArgs(role_arn=)], …)`,
        pulumi-aws's `ProviderArgs` names; keys and tokens are made secrets; only a change of
        `region` or of the account (a role ARN's, `allowed_account_ids`) replaces"""
        value: pulumi.Input[AwsConfigInput] | None = pulumi.get(self, "aws")
        return value


class AppAuthorizationConnectionKwargs(TypedDict, total=False):
    """The keyword arguments of ``AppAuthorizationConnection(resource_name, opts, **kwargs)``."""

    app_bundle_identifier: pulumi.Input[str] | None
    """app bundle ARN or UUID"""
    app_authorization_identifier: pulumi.Input[str] | None
    """app authorization ARN (of that bundle) or UUID"""
    auth_request: pulumi.Input[AuthRequestInput] | None
    """oauth2 only: `AuthRequestArgs(redirect_uri=, code=)` or `{"redirect_uri", "code"}`; the code
    is always made a secret"""
    region: pulumi.Input[str] | None
    """AWS region; default: the ARNs' region, then `aws:region`, then boto3's chain
    (`AWS_DEFAULT_REGION`, profile), then `AWS_REGION`"""
    connect_timeout: pulumi.Input[float] | None
    """seconds to wait for `PendingConnect` → `Connected` (default 300, or
    `appfabric-connect:connectTimeout`)"""
    aws: pulumi.Input[AwsConfigInput] | None
    """this connection's own AWS identity, over the stack's `aws:*` config: `AwsConfigArgs(region=,
    profile=, assume_roles=[AwsAssumeRoleArgs(role_arn=)], …)`, pulumi-aws's `ProviderArgs` names;
    keys and tokens are made secrets; only a change of `region` or of the account (a role ARN's,
    `allowed_account_ids`) replaces"""
    app_bundle_arn: pulumi.Input[str] | None
    """pulumi-aws's ``app_bundle_arn``: ``app_bundle_identifier``"""
    app_authorization_arn: pulumi.Input[str] | None
    """pulumi-aws's ``app_authorization_arn``: ``app_authorization_identifier``"""
    timeouts: pulumi.Input[TimeoutsInput] | None
    """pulumi-aws's ``timeouts.create``: ``connect_timeout``"""


@pulumi.output_type
class AppAuthorizationConnectionTenant(dict[str, Any]):
    """the application tenant: `tenant_identifier` and `tenant_display_name`"""

    def __init__(self, *, tenant_identifier: str, tenant_display_name: str) -> None:
        pulumi.set(self, "tenant_identifier", tenant_identifier)
        pulumi.set(self, "tenant_display_name", tenant_display_name)

    @property
    @pulumi.getter
    def tenant_identifier(self) -> str:
        """the tenant's ID in the application"""
        value: str = pulumi.get(self, "tenant_identifier")
        return value

    @property
    @pulumi.getter
    def tenant_display_name(self) -> str:
        """the tenant's display name"""
        value: str = pulumi.get(self, "tenant_display_name")
        return value
