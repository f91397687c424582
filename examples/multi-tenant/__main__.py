"""Many tenants in one AWS AppFabric app bundle, declared and connected from one config list.

Each entry of the `connections` list either describes an app authorization to create (app,
auth_type, tenant_identifier, credentials) or names an existing one (app_authorization_identifier).
The stack output `statuses` maps each entry's name to its status.
"""

from typing import Any

import pulumi
import pulumi_aws as aws

from appfabric_connect import AppAuthorizationConnection, AuthRequestArgs
from appfabric_connect.aws.arn import console_redirect_uri

CREATE_KEYS = (
    "app",
    "auth_type",
    "tenant_identifier",
    "tenant_display_name",
    "client_id",
    "client_secret",
    "api_key",
)
KEYS = ("name", "app_authorization_identifier", "auth_request", *CREATE_KEYS)

config = pulumi.Config()
entries: list[dict[str, Any]] = config.require_object("connections")


def check(index: int, entry: Any) -> None:
    where = f"config `connections[{index}]`"
    if not isinstance(entry, dict) or not entry.get("name"):
        raise pulumi.RunError(f"{where} must be an object with a `name`")
    unknown = sorted(set(entry) - set(KEYS))
    if unknown:
        raise pulumi.RunError(f"{where} has unknown keys {unknown}; expected some of {KEYS}")
    if not entry.get("app_authorization_identifier"):
        missing = [key for key in ("app", "auth_type", "tenant_identifier") if key not in entry]
        if missing:
            raise pulumi.RunError(
                f"{where} needs app_authorization_identifier, or {missing} to create one"
            )


def credential(entry: dict[str, Any]) -> aws.appfabric.AppAuthorizationCredentialArgs:
    if entry["auth_type"] == "oauth2":
        return aws.appfabric.AppAuthorizationCredentialArgs(
            oauth2_credential=aws.appfabric.AppAuthorizationCredentialOauth2CredentialArgs(
                client_id=entry["client_id"],
                client_secret=pulumi.Output.secret(entry["client_secret"]),
            )
        )
    return aws.appfabric.AppAuthorizationCredentialArgs(
        api_key_credentials=[
            aws.appfabric.AppAuthorizationCredentialApiKeyCredentialArgs(
                api_key=pulumi.Output.secret(entry["api_key"])
            )
        ]
    )


def appfabric_redirect_uri(existing_arn: str | None) -> str:
    """AppFabric's own redirect URI, in the region of `aws:region` or else of the ARN."""
    aws_config = pulumi.Config("aws")
    if existing_arn and not aws_config.get("region"):
        region = existing_arn.split(":")[3]
    else:
        region = aws_config.require("region")
    return console_redirect_uri(region)


for index, entry in enumerate(entries):
    check(index, entry)

# One app bundle per account and Region: reuse yours with `pulumi config set bundleArn ARN`.
bundle_arn: pulumi.Input[str] | None = config.get("bundleArn")
if bundle_arn is None and any(not e.get("app_authorization_identifier") for e in entries):
    bundle_arn = aws.appfabric.AppBundle("appfabric").arn

statuses: dict[str, pulumi.Input[str]] = {}
authorizations: dict[str, pulumi.Input[str]] = {}
next_steps: dict[str, pulumi.Input[str]] = {}
for entry in entries:
    name = entry["name"]
    existing = entry.get("app_authorization_identifier")
    request = entry.get("auth_request") or {}
    if existing:
        authorization_arn: pulumi.Input[str] = existing
        bundle = bundle_arn or existing.split("/appauthorization/")[0]
    else:
        authorization = aws.appfabric.AppAuthorization(
            name,
            app=entry["app"],
            app_bundle_arn=bundle_arn,
            auth_type=entry["auth_type"],
            credential=credential(entry),
            tenants=[
                aws.appfabric.AppAuthorizationTenantArgs(
                    tenant_identifier=entry["tenant_identifier"],
                    tenant_display_name=entry.get("tenant_display_name")
                    or entry["tenant_identifier"],
                )
            ],
        )
        authorization_arn, bundle = authorization.arn, bundle_arn
        if entry["auth_type"] == "oauth2" and not request.get("code"):
            # A new oauth2 authorization needs a code from its consent page first.
            statuses[name], authorizations[name] = "AwaitingCode", authorization_arn
            next_steps[name] = pulumi.Output.concat(
                f"python -m appfabric_connect authorize --connection {name} --bundle ",
                bundle_arn,
                " --authorization ",
                authorization_arn,
            )
            continue
    connection = AppAuthorizationConnection(
        name,
        app_bundle_identifier=bundle,
        app_authorization_identifier=authorization_arn,
        auth_request=AuthRequestArgs(
            redirect_uri=request.get("redirect_uri") or appfabric_redirect_uri(existing),
            code=request["code"],
        )
        if request.get("code")
        else None,
    )
    statuses[name] = connection.status
    authorizations[name] = connection.app_authorization_arn

pulumi.export("statuses", statuses)
pulumi.export("authorizations", authorizations)
pulumi.export("nextSteps", next_steps)  # an `authorize` command per entry awaiting a code
