"""The one description of inputs and outputs: read at import, and scripts/gen-args' source."""

from __future__ import annotations

from dataclasses import dataclass

from .naming import camel

STRING, NUMBER, INTEGER, BOOLEAN = "string", "number", "integer", "boolean"
OBJECT, LIST = "object", "list"


@dataclass(frozen=True)
class Property:
    """One input or output: its name, type, what it means, and how Pulumi treats it.

    ``required`` means: an input that must be given, or an output that every read fills.
    """

    name: str
    type: str  # STRING, NUMBER, INTEGER, BOOLEAN, OBJECT or LIST (of strings or ``fields`` objects)
    doc: str
    required: bool = False
    secret: bool = False
    secret_note: str = (
        "made a secret"  # how Pulumi's docs say ``secret`` (Terraform: ``sensitive``)
    )
    replaces: bool = False  # a change replaces the connection
    fields: tuple[Property, ...] = ()  # an object's properties
    type_name: str = ""  # an object's type: its Python classes and Pulumi type are named after it
    aws_name: str = ""  # pulumi-aws's name for the same input ("timeouts.create": a nested one)
    dynamic_only: bool = False  # not in the package's schema (there it is provider configuration)
    # Outputs: read back from AppFabric's authorization, member ``camel(name)`` (botocore's
    # AppAuthorization shape), unless ``from_core``; ``default`` when AppFabric's answer lacks it.
    from_core: bool = False  # computed by the core (e.g. the code's fingerprint), not AppFabric's
    default: str | None = None
    until_connected: bool = False  # kept only while the authorization is not Connected
    changes_on_connect: bool = False  # an output a (re)connect changes: unknown until it is done

    @property
    def pulumi_doc(self) -> str:
        """``doc`` as Pulumi's front ends write it: a secret says so (``; made a secret``)."""
        return f"{self.doc}; {self.secret_note}" if self.secret else self.doc

    @property
    def python_type(self) -> str:
        """The Python type of a value: ``str``, ``float`` or the object's type name."""
        return {STRING: "str", NUMBER: "float"}.get(self.type, self.type_name or "list[str]")


AUTH_REQUEST = "AuthRequest"
TENANT = "AppAuthorizationConnectionTenant"

AUTH_REQUEST_FIELDS = (
    Property("redirect_uri", STRING, "the https:// redirect URI of the OAuth app", required=True),
    Property(
        "code",
        STRING,
        "the OAuth authorization code from the consent page",
        required=True,
        secret=True,
        secret_note="always made a secret",
    ),
)

AWS_CONFIG = "AwsConfig"
ASSUME_ROLE = "AwsAssumeRole"
WEB_IDENTITY = "AwsAssumeRoleWithWebIdentity"
ENDPOINT = "AwsEndpoint"
_ROLE_ARN = Property("role_arn", STRING, "the ARN of the IAM role to assume", required=True)
_SESSION = Property("session_name", STRING, "the role session's name")
_DURATION = Property("duration", STRING, "the session's duration, 15m to 12h, e.g. `1h`")
_POLICY = Property("policy", STRING, "a session policy (JSON)")
_POLICY_ARNS = Property("policy_arns", LIST, "the ARNs of managed session policies")

ASSUME_ROLE_FIELDS = (
    _ROLE_ARN,
    _SESSION,
    Property("external_id", STRING, "the external ID the role's trust policy asks for"),
    _DURATION,
    _POLICY,
    _POLICY_ARNS,
    Property("tags", OBJECT, "session tags: names and values"),
    Property("transitive_tag_keys", LIST, "the session tags passed on to the next role"),
    Property("source_identity", STRING, "the source identity of the session"),
)

WEB_IDENTITY_FIELDS = (
    _ROLE_ARN,
    _SESSION,
    Property("web_identity_token", STRING, "the OIDC token", secret=True),
    Property("web_identity_token_file", STRING, "a file holding the OIDC token"),
    _DURATION,
    _POLICY,
    _POLICY_ARNS,
)

ENDPOINT_FIELDS = (
    Property("appfabric", STRING, "the AppFabric endpoint URL"),
    Property("sts", STRING, "the STS endpoint URL"),
)

AWS_CONFIG_FIELDS = (
    Property(
        "region", STRING, "the default region, after the connection's `region` and its ARNs' region"
    ),
    Property("profile", STRING, "the shared-config profile"),
    Property("shared_config_files", LIST, "the shared config file (one)"),
    Property("shared_credentials_files", LIST, "the shared credentials file (one)"),
    Property("access_key", STRING, "static access key ID", secret=True),
    Property("secret_key", STRING, "static secret access key", secret=True),
    Property("token", STRING, "session token of the static keys", secret=True),
    Property(
        "assume_roles",
        LIST,
        "roles assumed in turn, each with the previous one's credentials; the last one makes the "
        "AppFabric calls",
        fields=ASSUME_ROLE_FIELDS,
        type_name=ASSUME_ROLE,
    ),
    Property(
        "assume_role_with_web_identity",
        OBJECT,
        "a role assumed with an OIDC token: the base of the role chain",
        fields=WEB_IDENTITY_FIELDS,
        type_name=WEB_IDENTITY,
    ),
    Property(
        "endpoints",
        LIST,
        "`appfabric` and `sts` endpoint URLs",
        fields=ENDPOINT_FIELDS,
        type_name=ENDPOINT,
    ),
    Property("sts_region", STRING, "the region of STS (default: `region`)"),
    Property(
        "allowed_account_ids",
        LIST,
        "the only accounts this connection may be made in (one STS GetCallerIdentity per process "
        "and identity, before any AppFabric call)",
    ),
    Property("forbidden_account_ids", LIST, "accounts this connection must not be made in"),
)

# pulumi-aws's provider settings beyond a resource's own identity: the package's provider takes
# them all (`appfabric-connect:<name>`, or an explicit provider's arguments).
PROVIDER_ONLY_AWS_FIELDS = (
    Property("custom_ca_bundle", STRING, "a PEM file of CA certificates for AWS's endpoints"),
    Property("http_proxy", STRING, "the proxy for http:// endpoints"),
    Property("https_proxy", STRING, "the proxy for https:// endpoints"),
    Property("no_proxy", STRING, "hosts reached without the proxies (comma-separated)"),
    Property("insecure", BOOLEAN, "skip TLS verification (an emulator's self-signed certificate)"),
    Property("use_fips_endpoint", BOOLEAN, "use AWS's FIPS endpoints"),
    Property("use_dualstack_endpoint", BOOLEAN, "use AWS's dual-stack (IPv6) endpoints"),
    Property("max_retries", INTEGER, "botocore's total attempts per AWS call (as pulumi-aws's)"),
    Property("retry_mode", STRING, "botocore's retry mode: `standard` (default) or `adaptive`"),
    Property(
        "skip_credentials_validation",
        BOOLEAN,
        "`false`: check the credentials with GetCallerIdentity first; unset or `true`: the "
        "first AppFabric call checks them",
    ),
    Property("skip_region_validation", BOOLEAN, "accept a region botocore does not know yet"),
)

# What each input object type is: its Args classes' docstrings (scripts/gen-args).
TYPE_DOCS = {
    AWS_CONFIG: "A connection's own AWS identity (pulumi-aws's ``ProviderArgs`` names)",
    ASSUME_ROLE: "One role of ``assume_roles`` (pulumi-aws's ``ProviderAssumeRoleArgs``)",
    WEB_IDENTITY: "``assume_role_with_web_identity`` (``ProviderAssumeRoleWithWebIdentityArgs``)",
    ENDPOINT: "One entry of ``endpoints``: the AppFabric and STS URLs",
    AUTH_REQUEST: (
        "The OAuth2 ``authRequest``: the redirect URI and the code the app's consent page returned"
    ),
    "AppAuthorizationConnection": "The arguments of an ``AppAuthorizationConnection``",
}

# The package's own settings beyond pulumi-aws's: stack config `appfabric-connect:<camelName>`
# for the dynamic resource (with `retry_mode`), and the provider package's arguments.
NAMESPACE = "appfabric-connect"
OWN_SETTINGS = (
    Property("endpoint", STRING, "the AppFabric endpoint URL (e.g. an emulator)"),
    Property(
        "connect_timeout",
        NUMBER,
        "default seconds to wait for `PendingConnect` → `Connected` (300)",
    ),
    Property("max_attempts", NUMBER, "botocore's total attempts per AWS call"),
)


def setting_key(name: str) -> str:
    """The stack-config key of the package's setting ``name``: ``appfabric-connect:maxAttempts``."""
    known = {prop.name for prop in (*OWN_SETTINGS, *PROVIDER_ONLY_AWS_FIELDS)}
    if name not in known:
        raise KeyError(name)
    return f"{NAMESPACE}:{camel(name)}"


TENANT_FIELDS = (
    Property("tenant_identifier", STRING, "the tenant's ID in the application", required=True),
    Property("tenant_display_name", STRING, "the tenant's display name", required=True),
)

INPUTS = (
    Property(
        "app_bundle_identifier",
        STRING,
        "app bundle ARN or UUID",
        required=True,
        replaces=True,
        aws_name="app_bundle_arn",
    ),
    Property(
        "app_authorization_identifier",
        STRING,
        "app authorization ARN (of that bundle) or UUID",
        required=True,
        replaces=True,
        aws_name="app_authorization_arn",
    ),
    Property(
        "auth_request",
        OBJECT,
        'oauth2 only: `AuthRequestArgs(redirect_uri=, code=)` or `{"redirect_uri", "code"}`; '
        "the code is always made a secret",
        fields=AUTH_REQUEST_FIELDS,
        type_name=AUTH_REQUEST,
        aws_name="auth_request",
    ),
    Property(
        "region",
        STRING,
        "AWS region; default: the ARNs' region, then `aws:region`, then boto3's chain "
        "(`AWS_DEFAULT_REGION`, profile), then `AWS_REGION`",
        replaces=True,
        aws_name="region",
    ),
    Property(
        "connect_timeout",
        NUMBER,
        "seconds to wait for `PendingConnect` → `Connected` (default 300, or "
        "`appfabric-connect:connectTimeout`)",
        aws_name="timeouts.create",
    ),
    Property(
        "aws",
        OBJECT,
        "this connection's own AWS identity, over the stack's `aws:*` config: "
        "`AwsConfigArgs(region=, profile=, assume_roles=[AwsAssumeRoleArgs(role_arn=)], …)`, "
        "pulumi-aws's `ProviderArgs` names; keys and tokens are made secrets; only a change of "
        "`region` or of the account (a role ARN's, `allowed_account_ids`) replaces",
        fields=AWS_CONFIG_FIELDS,
        type_name=AWS_CONFIG,
        dynamic_only=True,
    ),
)

# Inputs that are outputs too: what the connection was declared with, as resolved.
ECHOED_INPUTS = ("app_bundle_identifier", "app_authorization_identifier", "region")

OUTPUTS = (
    Property(
        "app_authorization_arn",
        STRING,
        "the app authorization ARN; the resource id",
        required=True,
    ),
    Property("app_bundle_arn", STRING, "the app bundle ARN", required=True),
    Property("app", STRING, "the application, e.g. `SLACK`", required=True),
    Property(
        "tenant",
        OBJECT,
        "the application tenant: `tenant_identifier` and `tenant_display_name`",
        required=True,
        fields=TENANT_FIELDS,
        type_name=TENANT,
    ),
    Property(
        "status",
        STRING,
        "the authorization's status, read back on every refresh",
        required=True,
        changes_on_connect=True,
    ),
    Property(
        "updated_at",
        STRING,
        "when the authorization last changed (ISO 8601)",
        required=True,
        changes_on_connect=True,
    ),
    Property(
        "created_at",
        STRING,
        "when the authorization was created (ISO 8601); filled by the first refresh when "
        "Connect answered `Connected` at once",
    ),
    Property("auth_type", STRING, "`oauth2` or `apiKey`"),
    # ConnectAppAuthorization answers an AppAuthorizationSummary, which has no persona.
    Property("persona", STRING, "always `admin`", required=True, default="admin"),
    Property(
        "auth_url",
        STRING,
        "the app's OAuth consent URL, only while the authorization is not `Connected` (it "
        "embeds a fresh state parameter on every read)",
        until_connected=True,
        changes_on_connect=True,
    ),
    Property(
        "code_fingerprint",
        STRING,
        "a salted SHA-256 of the last OAuth code used, never the code",
        from_core=True,
        changes_on_connect=True,
    ),
    Property(
        "connected_at",
        STRING,
        "the authorization's `updatedAt` when this connection's last create or update left it "
        "`Connected` (ISO 8601); a refresh keeps it, so a connect in flight that a refresh saw "
        "is still told from this connection's own",
        from_core=True,
        changes_on_connect=True,
    ),
)


def names(properties: tuple[Property, ...]) -> tuple[str, ...]:
    return tuple(prop.name for prop in properties)


def by_name(properties: tuple[Property, ...]) -> dict[str, Property]:
    return {prop.name: prop for prop in properties}


def secret_names(properties: tuple[Property, ...]) -> frozenset[str]:
    """The names of the secret properties of ``properties``, at any depth."""
    return frozenset(
        name
        for prop in properties
        for name in ((prop.name,) if prop.secret else ()) + tuple(secret_names(prop.fields))
    )


INPUT_NAMES = names(INPUTS)
OUTPUT_NAMES = names(OUTPUTS)
AUTH_REQUEST_NAMES = names(AUTH_REQUEST_FIELDS)
REQUIRED_INPUTS = tuple(prop.name for prop in INPUTS if prop.required)
AWS_CONFIG_NAMES = names(AWS_CONFIG_FIELDS)
# pulumi-aws's top-level argument names that differ from ours, and the input each one is.
AWS_ALIASES = {
    prop.aws_name.split(".")[0]: prop.name
    for prop in INPUTS
    if prop.aws_name and prop.aws_name != prop.name
}
