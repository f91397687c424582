"""One stack, several AWS accounts: per account, a bundle, an apiKey authorization, a connection.

pulumi-aws reaches each account through an explicit provider that assumes the account's role;
the connection takes the same settings as its own `aws` input (a dynamic resource cannot take a
pulumi-aws provider).
"""

import pulumi
import pulumi_aws as aws

from appfabric_connect import AppAuthorizationConnection, AwsAssumeRoleArgs, AwsConfigArgs

config = pulumi.Config()
region = pulumi.Config("aws").require("region")
SESSION = "appfabric-connect"

# accounts: [{"name": "prod", "roleArn": "arn:aws:iam::111111111111:role/deployer",
#             "tenantId": "...", "tenantName": "..."}, ...]; tokens: `<name>AsanaToken` secrets.
for account in config.require_object("accounts"):
    name = account["name"]
    provider = aws.Provider(
        name,
        region=region,
        assume_roles=[
            aws.ProviderAssumeRoleArgs(role_arn=account["roleArn"], session_name=SESSION)
        ],
    )
    in_account = pulumi.ResourceOptions(provider=provider)
    bundle = aws.appfabric.AppBundle(name, opts=in_account)
    authorization = aws.appfabric.AppAuthorization(
        name,
        app="ASANA",
        app_bundle_arn=bundle.arn,
        auth_type="apiKey",
        credential=aws.appfabric.AppAuthorizationCredentialArgs(
            api_key_credentials=[
                aws.appfabric.AppAuthorizationCredentialApiKeyCredentialArgs(
                    api_key=config.require_secret(f"{name}AsanaToken"),
                )
            ],
        ),
        tenants=[
            aws.appfabric.AppAuthorizationTenantArgs(
                tenant_identifier=account["tenantId"],
                tenant_display_name=account.get("tenantName") or account["tenantId"],
            )
        ],
        opts=in_account,
    )
    connection = AppAuthorizationConnection(
        name,
        app_bundle_identifier=bundle.arn,
        app_authorization_identifier=authorization.arn,
        aws=AwsConfigArgs(
            region=region,
            assume_roles=[AwsAssumeRoleArgs(role_arn=account["roleArn"], session_name=SESSION)],
        ),
    )
    pulumi.export(name, {"status": connection.status, "arn": connection.app_authorization_arn})
