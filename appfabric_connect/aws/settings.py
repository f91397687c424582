"""What the provider calls AWS with: region, endpoints, identity, transport; frozen records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, NoReturn

from ..problems import Spelling

# How the dynamic resource's stack config names a setting: `aws:assumeRoles[0].roleArn`.
STACK_CONFIG = Spelling("aws:")

DEFAULT_MAX_ATTEMPTS = 10  # in all, the first try included
RetryMode = Literal["standard", "adaptive"]
RETRY_MODES: tuple[RetryMode, ...] = ("standard", "adaptive")


class ConfigurationError(Exception):
    """Something the user must set before AppFabric can be called."""


class Secret:
    """A secret string (key, token): equal and hashable by value, never shown, never pickled."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret is never pickled: it lives in the provider process only")


@dataclass(frozen=True)
class AssumeRole:
    """One hop of ``aws:assumeRoles`` (pulumi-aws's ``ProviderAssumeRoleArgs``)."""

    role_arn: str
    session_name: str | None = None
    external_id: str | None = None
    duration_seconds: int | None = None
    policy: str | None = None
    policy_arns: tuple[str, ...] = ()
    tags: tuple[tuple[str, str], ...] = ()
    transitive_tag_keys: tuple[str, ...] = ()
    source_identity: str | None = None

    def request(self) -> dict[str, Any]:
        """Everything but RoleArn, as botocore's STS AssumeRole parameters."""
        args: dict[str, Any] = {
            "RoleSessionName": self.session_name,
            "ExternalId": self.external_id,
            "DurationSeconds": self.duration_seconds,
            "Policy": self.policy,
            "PolicyArns": [{"arn": arn} for arn in self.policy_arns] or None,
            "Tags": [{"Key": k, "Value": v} for k, v in self.tags] or None,
            "TransitiveTagKeys": list(self.transitive_tag_keys) or None,
            "SourceIdentity": self.source_identity,
        }
        return {name: value for name, value in args.items() if value is not None}


@dataclass(frozen=True)
class WebIdentity:
    """``aws:assumeRoleWithWebIdentity`` (``ProviderAssumeRoleWithWebIdentityArgs``)."""

    role_arn: str
    session_name: str | None = None
    token: Secret | None = None
    token_file: str | None = None
    duration_seconds: int | None = None
    policy: str | None = None
    policy_arns: tuple[str, ...] = ()

    def request(self) -> dict[str, Any]:
        """Everything but RoleArn and the token, as STS AssumeRoleWithWebIdentity parameters."""
        args: dict[str, Any] = {
            "RoleSessionName": self.session_name,
            "DurationSeconds": self.duration_seconds,
            "Policy": self.policy,
            "PolicyArns": [{"arn": arn} for arn in self.policy_arns] or None,
        }
        return {name: value for name, value in args.items() if value is not None}


@dataclass(frozen=True)
class AwsSettings:
    """Where and how to call AppFabric, and as whom; from stack config (``aws:*``, …)."""

    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    retry_mode: RetryMode = "standard"
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    shared_config_file: str | None = None
    shared_credentials_file: str | None = None
    access_key: Secret | None = None
    secret_key: Secret | None = None
    token: Secret | None = None
    assume_roles: tuple[AssumeRole, ...] = ()
    web_identity: WebIdentity | None = None
    sts_endpoint: str | None = None
    sts_region: str | None = None
    allowed_account_ids: tuple[str, ...] = ()
    forbidden_account_ids: tuple[str, ...] = ()
    validate_credentials: bool = False
    ca_bundle: str | None = None
    insecure: bool = False
    http_proxy: str | None = None
    https_proxy: str | None = None
    no_proxy: str | None = None
    use_fips_endpoint: bool | None = None
    use_dualstack_endpoint: bool | None = None
    # How messages name a setting: `aws:assumeRoles` (stack config of the dynamic resource),
    # `appfabric-connect:assumeRoles` (the provider package's settings), `assume_role`.
    spelling: Spelling = STACK_CONFIG

    @property
    def setting_prefix(self) -> str:
        """The namespace of the settings, as stack-config hints write it (``aws:``)."""
        return self.spelling.prefix

    def named(self, key: str) -> str:
        """Setting ``key`` (the schema's name) as the user set it, quoted: ```aws:assumeRoles```."""
        return f"`{self.spelling((key,))}`"

    def identity(self) -> AwsSettings:
        """These settings less the AppFabric endpoint: the key of one identity's credentials."""
        return replace(self, endpoint_url=None)

    def source_in_environment(self, environ: Mapping[str, str]) -> bool:
        """Whether the identity's first hop is the environment's ``AWS_ACCESS_KEY_ID`` and
        ``AWS_SECRET_ACCESS_KEY``, known without botocore: boto3's documented order puts them
        ahead of every file and metadata source. Any profile (given, ``AWS_PROFILE``) is left
        to botocore, which also checks that it exists."""
        given = self.web_identity or (self.access_key and self.secret_key) or self.profile
        profile = environ.get("AWS_PROFILE") or environ.get("AWS_DEFAULT_PROFILE")
        keys = environ.get("AWS_ACCESS_KEY_ID") and environ.get("AWS_SECRET_ACCESS_KEY")
        return not (given or profile) and bool(keys)

    @property
    def checks_account(self) -> bool:
        return bool(self.allowed_account_ids or self.forbidden_account_ids)

    def overridden(self, given: Mapping[str, Any]) -> AwsSettings:
        """These settings under a resource's own (its ``aws`` input): each field given wins; a
        credential source given (keys, profile, web identity) replaces the whole identity, role
        chain included; either account list given replaces both."""
        cleared: dict[str, Any] = {}
        if any(name in given for name in _CREDENTIAL_SOURCES):
            cleared.update(dict.fromkeys(_CREDENTIAL_SOURCES), assume_roles=())
        if any(name in given for name in _ACCOUNT_LISTS):
            cleared.update(allowed_account_ids=(), forbidden_account_ids=())
        return replace(self, **{**cleared, **given})

    def accounts(self) -> frozenset[str] | None:
        """The accounts this identity can be in, as known without STS: the last role's, else the
        web identity role's, else ``allowed_account_ids``; None when they say nothing."""
        roles = [role.role_arn for role in self.assume_roles]
        if self.web_identity:
            roles.insert(0, self.web_identity.role_arn)
        if roles:
            account = role_account(roles[-1])
            return frozenset({account}) if account else None
        return frozenset(self.allowed_account_ids) or None


_CREDENTIAL_SOURCES = ("access_key", "secret_key", "token", "profile", "web_identity")
_ACCOUNT_LISTS = ("allowed_account_ids", "forbidden_account_ids")


def role_account(role_arn: str) -> str | None:
    """The account ID of an IAM role ARN (``arn:aws:iam::111111111111:role/x``)."""
    parts = role_arn.split(":")
    account = parts[4] if len(parts) > 5 else ""
    return account if account.isdigit() and len(account) == 12 else None
