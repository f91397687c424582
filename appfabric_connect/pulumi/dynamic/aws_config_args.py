# Generated from schema.py by scripts/gen-args — do not edit.
"""A connection's own AWS identity types (``aws=``), named as pulumi-aws's ``ProviderArgs``."""

from collections.abc import Mapping, Sequence
from typing import Any, NotRequired, TypedDict

import pulumi


class AwsAssumeRoleArgsDict(TypedDict):
    """One role of ``assume_roles`` (pulumi-aws's ``ProviderAssumeRoleArgs``), as a dict."""

    role_arn: pulumi.Input[str]
    """the ARN of the IAM role to assume"""
    session_name: NotRequired[pulumi.Input[str] | None]
    """the role session's name"""
    external_id: NotRequired[pulumi.Input[str] | None]
    """the external ID the role's trust policy asks for"""
    duration: NotRequired[pulumi.Input[str] | None]
    """the session's duration, 15m to 12h, e.g. `1h`"""
    policy: NotRequired[pulumi.Input[str] | None]
    """a session policy (JSON)"""
    policy_arns: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]] | None]
    """the ARNs of managed session policies"""
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]] | None]
    """session tags: names and values"""
    transitive_tag_keys: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]] | None]
    """the session tags passed on to the next role"""
    source_identity: NotRequired[pulumi.Input[str] | None]
    """the source identity of the session"""


@pulumi.input_type
class AwsAssumeRoleArgs:
    """One role of ``assume_roles`` (pulumi-aws's ``ProviderAssumeRoleArgs``)."""

    def __init__(
        self,
        *,
        role_arn: pulumi.Input[str],
        session_name: pulumi.Input[str] | None = None,
        external_id: pulumi.Input[str] | None = None,
        duration: pulumi.Input[str] | None = None,
        policy: pulumi.Input[str] | None = None,
        policy_arns: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        transitive_tag_keys: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        source_identity: pulumi.Input[str] | None = None,
    ) -> None:
        pulumi.set(self, "role_arn", role_arn)
        pulumi.set(self, "session_name", session_name)
        pulumi.set(self, "external_id", external_id)
        pulumi.set(self, "duration", duration)
        pulumi.set(self, "policy", policy)
        pulumi.set(self, "policy_arns", policy_arns)
        pulumi.set(self, "tags", tags)
        pulumi.set(self, "transitive_tag_keys", transitive_tag_keys)
        pulumi.set(self, "source_identity", source_identity)

    @property
    @pulumi.getter
    def role_arn(self) -> pulumi.Input[str]:
        """the ARN of the IAM role to assume"""
        value: pulumi.Input[str] = pulumi.get(self, "role_arn")
        return value

    @property
    @pulumi.getter
    def session_name(self) -> pulumi.Input[str] | None:
        """the role session's name"""
        value: pulumi.Input[str] | None = pulumi.get(self, "session_name")
        return value

    @property
    @pulumi.getter
    def external_id(self) -> pulumi.Input[str] | None:
        """the external ID the role's trust policy asks for"""
        value: pulumi.Input[str] | None = pulumi.get(self, "external_id")
        return value

    @property
    @pulumi.getter
    def duration(self) -> pulumi.Input[str] | None:
        """the session's duration, 15m to 12h, e.g. `1h`"""
        value: pulumi.Input[str] | None = pulumi.get(self, "duration")
        return value

    @property
    @pulumi.getter
    def policy(self) -> pulumi.Input[str] | None:
        """a session policy (JSON)"""
        value: pulumi.Input[str] | None = pulumi.get(self, "policy")
        return value

    @property
    @pulumi.getter
    def policy_arns(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """the ARNs of managed session policies"""
        value: pulumi.Input[Sequence[pulumi.Input[str]]] | None = pulumi.get(self, "policy_arns")
        return value

    @property
    @pulumi.getter
    def tags(self) -> pulumi.Input[Mapping[str, pulumi.Input[str]]] | None:
        """session tags: names and values"""
        value: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = pulumi.get(self, "tags")
        return value

    @property
    @pulumi.getter
    def transitive_tag_keys(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """the session tags passed on to the next role"""
        value: pulumi.Input[Sequence[pulumi.Input[str]]] | None = pulumi.get(
            self, "transitive_tag_keys"
        )
        return value

    @property
    @pulumi.getter
    def source_identity(self) -> pulumi.Input[str] | None:
        """the source identity of the session"""
        value: pulumi.Input[str] | None = pulumi.get(self, "source_identity")
        return value


class AwsAssumeRoleWithWebIdentityArgsDict(TypedDict):
    """``assume_role_with_web_identity`` (``ProviderAssumeRoleWithWebIdentityArgs``), as a dict."""

    role_arn: pulumi.Input[str]
    """the ARN of the IAM role to assume"""
    session_name: NotRequired[pulumi.Input[str] | None]
    """the role session's name"""
    web_identity_token: NotRequired[pulumi.Input[str] | None]
    """the OIDC token; made a secret"""
    web_identity_token_file: NotRequired[pulumi.Input[str] | None]
    """a file holding the OIDC token"""
    duration: NotRequired[pulumi.Input[str] | None]
    """the session's duration, 15m to 12h, e.g. `1h`"""
    policy: NotRequired[pulumi.Input[str] | None]
    """a session policy (JSON)"""
    policy_arns: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]] | None]
    """the ARNs of managed session policies"""


@pulumi.input_type
class AwsAssumeRoleWithWebIdentityArgs:
    """``assume_role_with_web_identity`` (``ProviderAssumeRoleWithWebIdentityArgs``)."""

    def __init__(
        self,
        *,
        role_arn: pulumi.Input[str],
        session_name: pulumi.Input[str] | None = None,
        web_identity_token: pulumi.Input[str] | None = None,
        web_identity_token_file: pulumi.Input[str] | None = None,
        duration: pulumi.Input[str] | None = None,
        policy: pulumi.Input[str] | None = None,
        policy_arns: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
    ) -> None:
        pulumi.set(self, "role_arn", role_arn)
        pulumi.set(self, "session_name", session_name)
        pulumi.set(self, "web_identity_token", web_identity_token)
        pulumi.set(self, "web_identity_token_file", web_identity_token_file)
        pulumi.set(self, "duration", duration)
        pulumi.set(self, "policy", policy)
        pulumi.set(self, "policy_arns", policy_arns)

    @property
    @pulumi.getter
    def role_arn(self) -> pulumi.Input[str]:
        """the ARN of the IAM role to assume"""
        value: pulumi.Input[str] = pulumi.get(self, "role_arn")
        return value

    @property
    @pulumi.getter
    def session_name(self) -> pulumi.Input[str] | None:
        """the role session's name"""
        value: pulumi.Input[str] | None = pulumi.get(self, "session_name")
        return value

    @property
    @pulumi.getter
    def web_identity_token(self) -> pulumi.Input[str] | None:
        """the OIDC token; made a secret"""
        value: pulumi.Input[str] | None = pulumi.get(self, "web_identity_token")
        return value

    @property
    @pulumi.getter
    def web_identity_token_file(self) -> pulumi.Input[str] | None:
        """a file holding the OIDC token"""
        value: pulumi.Input[str] | None = pulumi.get(self, "web_identity_token_file")
        return value

    @property
    @pulumi.getter
    def duration(self) -> pulumi.Input[str] | None:
        """the session's duration, 15m to 12h, e.g. `1h`"""
        value: pulumi.Input[str] | None = pulumi.get(self, "duration")
        return value

    @property
    @pulumi.getter
    def policy(self) -> pulumi.Input[str] | None:
        """a session policy (JSON)"""
        value: pulumi.Input[str] | None = pulumi.get(self, "policy")
        return value

    @property
    @pulumi.getter
    def policy_arns(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """the ARNs of managed session policies"""
        value: pulumi.Input[Sequence[pulumi.Input[str]]] | None = pulumi.get(self, "policy_arns")
        return value


class AwsEndpointArgsDict(TypedDict):
    """One entry of ``endpoints``: the AppFabric and STS URLs, as a dict."""

    appfabric: NotRequired[pulumi.Input[str] | None]
    """the AppFabric endpoint URL"""
    sts: NotRequired[pulumi.Input[str] | None]
    """the STS endpoint URL"""


@pulumi.input_type
class AwsEndpointArgs:
    """One entry of ``endpoints``: the AppFabric and STS URLs."""

    def __init__(
        self, *, appfabric: pulumi.Input[str] | None = None, sts: pulumi.Input[str] | None = None
    ) -> None:
        pulumi.set(self, "appfabric", appfabric)
        pulumi.set(self, "sts", sts)

    @property
    @pulumi.getter
    def appfabric(self) -> pulumi.Input[str] | None:
        """the AppFabric endpoint URL"""
        value: pulumi.Input[str] | None = pulumi.get(self, "appfabric")
        return value

    @property
    @pulumi.getter
    def sts(self) -> pulumi.Input[str] | None:
        """the STS endpoint URL"""
        value: pulumi.Input[str] | None = pulumi.get(self, "sts")
        return value


AwsAssumeRoleArgsInput = AwsAssumeRoleArgs | AwsAssumeRoleArgsDict | dict[str, Any]
AwsAssumeRoleWithWebIdentityArgsInput = (
    AwsAssumeRoleWithWebIdentityArgs | AwsAssumeRoleWithWebIdentityArgsDict | dict[str, Any]
)
AwsEndpointArgsInput = AwsEndpointArgs | AwsEndpointArgsDict | dict[str, Any]


class AwsConfigArgsDict(TypedDict):
    """A connection's own AWS identity (pulumi-aws's ``ProviderArgs`` names), as a dict."""

    region: NotRequired[pulumi.Input[str] | None]
    """the default region, after the connection's `region` and its ARNs' region"""
    profile: NotRequired[pulumi.Input[str] | None]
    """the shared-config profile"""
    shared_config_files: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]] | None]
    """the shared config file (one)"""
    shared_credentials_files: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]] | None]
    """the shared credentials file (one)"""
    access_key: NotRequired[pulumi.Input[str] | None]
    """static access key ID; made a secret"""
    secret_key: NotRequired[pulumi.Input[str] | None]
    """static secret access key; made a secret"""
    token: NotRequired[pulumi.Input[str] | None]
    """session token of the static keys; made a secret"""
    assume_roles: NotRequired[pulumi.Input[Sequence[pulumi.Input[AwsAssumeRoleArgsInput]]] | None]
    """roles assumed in turn, each with the previous one's credentials; the last one makes the
    AppFabric calls"""
    assume_role_with_web_identity: NotRequired[
        pulumi.Input[AwsAssumeRoleWithWebIdentityArgsInput] | None
    ]
    """a role assumed with an OIDC token: the base of the role chain"""
    endpoints: NotRequired[pulumi.Input[Sequence[pulumi.Input[AwsEndpointArgsInput]]] | None]
    """`appfabric` and `sts` endpoint URLs"""
    sts_region: NotRequired[pulumi.Input[str] | None]
    """the region of STS (default: `region`)"""
    allowed_account_ids: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]] | None]
    """the only accounts this connection may be made in (one STS GetCallerIdentity per process and
    identity, before any AppFabric call)"""
    forbidden_account_ids: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]] | None]
    """accounts this connection must not be made in"""


@pulumi.input_type
class AwsConfigArgs:
    """A connection's own AWS identity (pulumi-aws's ``ProviderArgs`` names)."""

    def __init__(
        self,
        *,
        region: pulumi.Input[str] | None = None,
        profile: pulumi.Input[str] | None = None,
        shared_config_files: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        shared_credentials_files: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        access_key: pulumi.Input[str] | None = None,
        secret_key: pulumi.Input[str] | None = None,
        token: pulumi.Input[str] | None = None,
        assume_roles: pulumi.Input[Sequence[pulumi.Input[AwsAssumeRoleArgsInput]]] | None = None,
        assume_role_with_web_identity: pulumi.Input[AwsAssumeRoleWithWebIdentityArgsInput]
        | None = None,
        endpoints: pulumi.Input[Sequence[pulumi.Input[AwsEndpointArgsInput]]] | None = None,
        sts_region: pulumi.Input[str] | None = None,
        allowed_account_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        forbidden_account_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
    ) -> None:
        pulumi.set(self, "region", region)
        pulumi.set(self, "profile", profile)
        pulumi.set(self, "shared_config_files", shared_config_files)
        pulumi.set(self, "shared_credentials_files", shared_credentials_files)
        pulumi.set(self, "access_key", access_key)
        pulumi.set(self, "secret_key", secret_key)
        pulumi.set(self, "token", token)
        pulumi.set(self, "assume_roles", assume_roles)
        pulumi.set(self, "assume_role_with_web_identity", assume_role_with_web_identity)
        pulumi.set(self, "endpoints", endpoints)
        pulumi.set(self, "sts_region", sts_region)
        pulumi.set(self, "allowed_account_ids", allowed_account_ids)
        pulumi.set(self, "forbidden_account_ids", forbidden_account_ids)

    @property
    @pulumi.getter
    def region(self) -> pulumi.Input[str] | None:
        """the default region, after the connection's `region` and its ARNs' region"""
        value: pulumi.Input[str] | None = pulumi.get(self, "region")
        return value

    @property
    @pulumi.getter
    def profile(self) -> pulumi.Input[str] | None:
        """the shared-config profile"""
        value: pulumi.Input[str] | None = pulumi.get(self, "profile")
        return value

    @property
    @pulumi.getter
    def shared_config_files(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """the shared config file (one)"""
        value: pulumi.Input[Sequence[pulumi.Input[str]]] | None = pulumi.get(
            self, "shared_config_files"
        )
        return value

    @property
    @pulumi.getter
    def shared_credentials_files(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """the shared credentials file (one)"""
        value: pulumi.Input[Sequence[pulumi.Input[str]]] | None = pulumi.get(
            self, "shared_credentials_files"
        )
        return value

    @property
    @pulumi.getter
    def access_key(self) -> pulumi.Input[str] | None:
        """static access key ID; made a secret"""
        value: pulumi.Input[str] | None = pulumi.get(self, "access_key")
        return value

    @property
    @pulumi.getter
    def secret_key(self) -> pulumi.Input[str] | None:
        """static secret access key; made a secret"""
        value: pulumi.Input[str] | None = pulumi.get(self, "secret_key")
        return value

    @property
    @pulumi.getter
    def token(self) -> pulumi.Input[str] | None:
        """session token of the static keys; made a secret"""
        value: pulumi.Input[str] | None = pulumi.get(self, "token")
        return value

    @property
    @pulumi.getter
    def assume_roles(self) -> pulumi.Input[Sequence[pulumi.Input[AwsAssumeRoleArgsInput]]] | None:
        """roles assumed in turn, each with the previous one's credentials; the last one makes the
        AppFabric calls"""
        value: pulumi.Input[Sequence[pulumi.Input[AwsAssumeRoleArgsInput]]] | None = pulumi.get(
            self, "assume_roles"
        )
        return value

    @property
    @pulumi.getter
    def assume_role_with_web_identity(
        self,
    ) -> pulumi.Input[AwsAssumeRoleWithWebIdentityArgsInput] | None:
        """a role assumed with an OIDC token: the base of the role chain"""
        value: pulumi.Input[AwsAssumeRoleWithWebIdentityArgsInput] | None = pulumi.get(
            self, "assume_role_with_web_identity"
        )
        return value

    @property
    @pulumi.getter
    def endpoints(self) -> pulumi.Input[Sequence[pulumi.Input[AwsEndpointArgsInput]]] | None:
        """`appfabric` and `sts` endpoint URLs"""
        value: pulumi.Input[Sequence[pulumi.Input[AwsEndpointArgsInput]]] | None = pulumi.get(
            self, "endpoints"
        )
        return value

    @property
    @pulumi.getter
    def sts_region(self) -> pulumi.Input[str] | None:
        """the region of STS (default: `region`)"""
        value: pulumi.Input[str] | None = pulumi.get(self, "sts_region")
        return value

    @property
    @pulumi.getter
    def allowed_account_ids(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """the only accounts this connection may be made in (one STS GetCallerIdentity per process
        and identity, before any AppFabric call)"""
        value: pulumi.Input[Sequence[pulumi.Input[str]]] | None = pulumi.get(
            self, "allowed_account_ids"
        )
        return value

    @property
    @pulumi.getter
    def forbidden_account_ids(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """accounts this connection must not be made in"""
        value: pulumi.Input[Sequence[pulumi.Input[str]]] | None = pulumi.get(
            self, "forbidden_account_ids"
        )
        return value


AwsConfigInput = AwsConfigArgs | AwsConfigArgsDict | dict[str, Any]
