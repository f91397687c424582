"""An Asana organization connected to AWS AppFabric with a service-account token (apiKey)."""

import pulumi
import pulumi_aws as aws

from appfabric_connect import AppAuthorizationConnection

config = pulumi.Config()

# One app bundle per account and Region: reuse yours with `pulumi config set bundleArn ARN`.
bundle_arn = config.get("bundleArn") or aws.appfabric.AppBundle("appfabric").arn

authorization = aws.appfabric.AppAuthorization(
    "asana",
    app="ASANA",
    app_bundle_arn=bundle_arn,
    auth_type="apiKey",
    credential=aws.appfabric.AppAuthorizationCredentialArgs(
        api_key_credentials=[
            aws.appfabric.AppAuthorizationCredentialApiKeyCredentialArgs(
                api_key=config.require_secret("asanaToken"),
            )
        ],
    ),
    tenants=[
        aws.appfabric.AppAuthorizationTenantArgs(
            tenant_identifier=config.require("tenantId"),
            tenant_display_name=config.get("tenantName") or config.require("tenantId"),
        )
    ],
)

# An apiKey authorization connects with no auth_request: the token is on the authorization.
connection = AppAuthorizationConnection(
    "asana",
    app_bundle_identifier=bundle_arn,
    app_authorization_identifier=authorization.arn,
)

pulumi.export("bundleArn", bundle_arn)
pulumi.export("authorizationArn", connection.app_authorization_arn)
pulumi.export("status", connection.status)
pulumi.export("tenant", connection.tenant)
