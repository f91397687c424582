"""The one description of the connection's inputs and outputs, which everything else reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Property:
    """One input or output: its name, type, what it means, and how Pulumi treats it."""

    name: str
    type: str  # "string", "number" or "object"
    doc: str
    required: bool = False
    secret: bool = False
    replaces: bool = False  # a change replaces the connection
    fields: tuple[Property, ...] = ()


AUTH_REQUEST_FIELDS = (
    Property("redirect_uri", "string", "the https:// redirect URI of the OAuth app", required=True),
    Property(
        "code",
        "string",
        "the OAuth authorization code from the consent page; always made a secret",
        required=True,
        secret=True,
    ),
)

INPUTS = (
    Property("app_bundle_identifier", "string", "app bundle ARN or UUID", True, replaces=True),
    Property(
        "app_authorization_identifier",
        "string",
        "app authorization ARN (of that bundle) or UUID",
        True,
        replaces=True,
    ),
    Property(
        "auth_request",
        "object",
        'oauth2 only: `AuthRequestArgs(redirect_uri=, code=)` or `{"redirect_uri", "code"}`; '
        "the code is always made a secret",
        fields=AUTH_REQUEST_FIELDS,
    ),
    Property(
        "region",
        "string",
        "AWS region; default: the ARNs' region, then `aws:region`, then boto3's chain "
        "(`AWS_DEFAULT_REGION`, profile), then `AWS_REGION`",
        replaces=True,
    ),
    Property(
        "connect_timeout",
        "number",
        "seconds to wait for `PendingConnect` → `Connected` (default 300, or "
        "`appfabric-connect:connectTimeout`)",
    ),
)

# Inputs that are outputs too: what the connection was declared with, as resolved.
ECHOED_INPUTS = ("app_bundle_identifier", "app_authorization_identifier", "region")

OUTPUTS = (
    Property("app_authorization_arn", "string", "the app authorization ARN; the resource id"),
    Property("app_bundle_arn", "string", "the app bundle ARN"),
    Property("app", "string", "the application, e.g. `SLACK`"),
    Property(
        "tenant",
        "object",
        "the application tenant: `tenant_identifier` and `tenant_display_name`",
        fields=(
            Property("tenant_identifier", "string", "the tenant's ID in the application"),
            Property("tenant_display_name", "string", "the tenant's display name"),
        ),
    ),
    Property("status", "string", "the authorization's status, read back on every refresh"),
    Property("updated_at", "string", "when the authorization last changed (ISO 8601)"),
    Property(
        "created_at",
        "string",
        "when the authorization was created (ISO 8601); filled by the first refresh when "
        "Connect answered `Connected` at once",
    ),
    Property("auth_type", "string", "`oauth2` or `apiKey`"),
    Property("persona", "string", "always `admin`"),
    Property(
        "auth_url",
        "string",
        "the app's OAuth consent URL, only while the authorization is not `Connected` (it "
        "embeds a fresh state parameter on every read)",
    ),
    Property(
        "code_fingerprint",
        "string",
        "a salted SHA-256 of the last OAuth code used, never the code",
    ),
)


def names(properties: tuple[Property, ...]) -> tuple[str, ...]:
    return tuple(prop.name for prop in properties)


INPUT_NAMES = names(INPUTS)
OUTPUT_NAMES = names(OUTPUTS)
AUTH_REQUEST_NAMES = names(AUTH_REQUEST_FIELDS)
REPLACING_INPUTS = tuple(prop.name for prop in INPUTS if prop.replaces)
