"""The provider's Terraform schemas (provider block, resource, data source) and their shape.

Names follow terraform-provider-aws: its provider block's identity settings, and the arguments
of its ``aws_appfabric_app_authorization_connection``, plus our outputs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .proto import tfplugin6_pb2 as tf

STRING, NUMBER, BOOL = "string", "number", "bool"
STRINGS: Any = ["list", STRING]
STRING_SET: Any = ["set", STRING]
STRING_MAP: Any = ["map", STRING]
TENANTS: Any = [
    "list",
    ["object", {"tenant_display_name": STRING, "tenant_identifier": STRING}],
]

RESOURCE = "appfabricconnect_app_authorization_connection"
DATA_SOURCE = "appfabricconnect_app_authorization"
SCHEMA_VERSION = 0


@dataclass(frozen=True)
class Attr:
    name: str
    type: Any  # a cty type, as Terraform's JSON spells it
    description: str
    required: bool = False
    optional: bool = False
    computed: bool = False
    sensitive: bool = False
    write_only: bool = False

    def proto(self) -> tf.Schema.Attribute:
        return tf.Schema.Attribute(
            name=self.name,
            type=json.dumps(self.type).encode(),
            description=self.description,
            required=self.required,
            optional=self.optional,
            computed=self.computed,
            sensitive=self.sensitive,
            write_only=self.write_only,
        )


@dataclass(frozen=True)
class Nested:
    name: str
    block: Block
    nesting: Literal["list", "single"] = "list"
    max_items: int = 0

    def proto(self) -> tf.Schema.NestedBlock:
        mode = (
            tf.Schema.NestedBlock.LIST if self.nesting == "list" else tf.Schema.NestedBlock.SINGLE
        )
        return tf.Schema.NestedBlock(
            type_name=self.name, block=self.block.proto(), nesting=mode, max_items=self.max_items
        )


@dataclass(frozen=True)
class Block:
    attributes: tuple[Attr, ...]
    blocks: tuple[Nested, ...] = ()
    description: str = ""

    def proto(self) -> tf.Schema.Block:
        return tf.Schema.Block(
            attributes=[a.proto() for a in self.attributes],
            block_types=[b.proto() for b in self.blocks],
            description=self.description,
        )

    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.attributes) + tuple(b.name for b in self.blocks)

    def conform(self, value: Mapping[str, Any] | None) -> dict[str, Any]:
        """``value`` with exactly this block's attributes and blocks (missing ones null/empty)."""
        value = value or {}
        shaped: dict[str, Any] = {a.name: value.get(a.name) for a in self.attributes}
        for nested in self.blocks:
            item = value.get(nested.name)
            if nested.nesting == "single":
                shaped[nested.name] = None if item is None else nested.block.conform(item)
            else:
                shaped[nested.name] = [nested.block.conform(i) for i in item or []]
        return shaped

    def write_only_nulled(self, value: dict[str, Any]) -> dict[str, Any]:
        """``value`` with every write-only attribute null, as plan and state must have it."""
        shaped = dict(value)
        for attr in self.attributes:
            if attr.write_only:
                shaped[attr.name] = None
        for nested in self.blocks:
            item = shaped.get(nested.name)
            if isinstance(item, list):
                shaped[nested.name] = [nested.block.write_only_nulled(i) for i in item]
            elif isinstance(item, dict):
                shaped[nested.name] = nested.block.write_only_nulled(item)
        return shaped


def schema(block: Block, version: int = 0) -> tf.Schema:
    return tf.Schema(version=version, block=block.proto())


def _s(name: str, description: str, **flags: bool) -> Attr:
    return Attr(name, STRING, description, **flags)


_ROLE_ARN = _s("role_arn", "ARN of the IAM role to assume.", optional=True)
_SESSION = _s("session_name", "Session name of the assumed role.", optional=True)
_DURATION = _s("duration", "Session duration, 15m to 12h, e.g. `1h`.", optional=True)
_POLICY = _s("policy", "Session policy (JSON).", optional=True)
_POLICY_ARNS = Attr("policy_arns", STRING_SET, "Managed session policy ARNs.", optional=True)

PROVIDER = Block(
    description="AWS AppFabric app-authorization connections, with status and drift detection.",
    attributes=(
        _s("region", "AWS region (else AWS_REGION / AWS_DEFAULT_REGION, profile).", optional=True),
        _s("profile", "Shared config profile.", optional=True),
        _s("access_key", "AWS access key ID.", optional=True, sensitive=True),
        _s("secret_key", "AWS secret access key.", optional=True, sensitive=True),
        _s("token", "AWS session token.", optional=True, sensitive=True),
        Attr("shared_config_files", STRINGS, "Shared config file (one).", optional=True),
        Attr("shared_credentials_files", STRINGS, "Shared credentials file (one).", optional=True),
        _s("sts_region", "Region of the STS endpoint.", optional=True),
        Attr("allowed_account_ids", STRING_SET, "Only these AWS accounts.", optional=True),
        Attr("forbidden_account_ids", STRING_SET, "Never these AWS accounts.", optional=True),
        Attr("max_retries", NUMBER, "Attempts in all per call (default 10).", optional=True),
        _s("retry_mode", "`standard` (default) or `adaptive`.", optional=True),
        Attr("skip_credentials_validation", BOOL, "false: GetCallerIdentity first.", optional=True),
        Attr(
            "skip_region_validation", BOOL, "Accept a region botocore does not know.", optional=True
        ),
        _s("custom_ca_bundle", "CA bundle file for TLS.", optional=True),
        Attr("insecure", BOOL, "Skip TLS verification.", optional=True),
        _s("http_proxy", "HTTP proxy URL.", optional=True),
        _s("https_proxy", "HTTPS proxy URL.", optional=True),
        _s("no_proxy", "Hosts reached without the proxy.", optional=True),
        Attr("use_fips_endpoint", BOOL, "Use FIPS endpoints.", optional=True),
        Attr("use_dualstack_endpoint", BOOL, "Use dual-stack endpoints.", optional=True),
    ),
    blocks=(
        Nested(
            "assume_role",
            Block(
                (
                    _ROLE_ARN,
                    _SESSION,
                    _s("external_id", "External ID of the role's trust policy.", optional=True),
                    _DURATION,
                    _POLICY,
                    _POLICY_ARNS,
                    Attr("tags", STRING_MAP, "Session tags.", optional=True),
                    Attr("transitive_tag_keys", STRING_SET, "Tags passed on.", optional=True),
                    _s("source_identity", "Source identity of the session.", optional=True),
                ),
                description="An IAM role to assume; repeat the block for a chain.",
            ),
        ),
        Nested(
            "assume_role_with_web_identity",
            Block(
                (
                    _ROLE_ARN,
                    _SESSION,
                    _s("web_identity_token", "OIDC token.", optional=True, sensitive=True),
                    _s("web_identity_token_file", "File holding the OIDC token.", optional=True),
                    _DURATION,
                    _POLICY,
                    _POLICY_ARNS,
                ),
            ),
            max_items=1,
        ),
        Nested(
            "endpoints",
            Block(
                (
                    _s("appfabric", "AppFabric endpoint URL.", optional=True),
                    _s("sts", "STS endpoint URL.", optional=True),
                )
            ),
            max_items=1,
        ),
    ),
)

_READ_ONLY = (
    _s("id", "The app authorization ARN.", computed=True),
    _s("status", "Status read back on every refresh: Connected, PendingConnect, …", computed=True),
    _s("app", "The application, e.g. SLACK.", computed=True),
    Attr("tenant", TENANTS, "The application tenant.", computed=True),
    _s("auth_type", "oauth2 or apiKey.", computed=True),
    _s("persona", "Always admin.", computed=True),
    _s("auth_url", "OAuth consent URL, only while not Connected.", computed=True),
    _s("created_at", "When the authorization was created (ISO 8601).", computed=True),
    _s("updated_at", "When the authorization last changed (ISO 8601).", computed=True),
)
_IDENTIFIERS = (
    _s("app_bundle_arn", "App bundle ARN or UUID.", required=True),
    _s("app_authorization_arn", "App authorization ARN (of that bundle) or UUID.", required=True),
    _s(
        "region",
        "AWS region; default: the ARNs', then the provider's.",
        optional=True,
        computed=True,
    ),
)

RESOURCE_BLOCK = Block(
    description="Connects an AppFabric app authorization and reports its status.",
    attributes=(
        *_IDENTIFIERS,
        *_READ_ONLY,
        _s("code_fingerprint", "Salted SHA-256 of the last OAuth code used.", computed=True),
    ),
    blocks=(
        Nested(
            "auth_request",
            Block(
                (
                    _s(
                        "redirect_uri", "The https:// redirect URI of the OAuth app.", required=True
                    ),
                    _s(
                        "code",
                        "OAuth code (kept in state, sensitive); prefer code_wo.",
                        optional=True,
                        sensitive=True,
                    ),
                    _s(
                        "code_wo",
                        "OAuth code, write-only (Terraform >= 1.11): never in plan or state.",
                        optional=True,
                        sensitive=True,
                        write_only=True,
                    ),
                    Attr(
                        "code_wo_version",
                        NUMBER,
                        "Change it to send a new code_wo.",
                        optional=True,
                    ),
                ),
                description="oauth2 only: the redirect URI and the code from the consent page.",
            ),
            max_items=1,
        ),
        Nested(
            "timeouts",
            Block(
                (
                    _s("create", "How long to wait for Connected (Go duration).", optional=True),
                    _s("update", "How long a reconnect waits for Connected.", optional=True),
                )
            ),
            nesting="single",
        ),
    ),
)

DATA_SOURCE_BLOCK = Block(
    description="Status and details of any app authorization, managed here or not.",
    attributes=(
        *_IDENTIFIERS,
        *_READ_ONLY,
        Attr("connected", BOOL, "status == Connected.", computed=True),
        _s("remedy", "What to do about the status.", computed=True),
    ),
)
