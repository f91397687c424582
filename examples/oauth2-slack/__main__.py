"""A Slack workspace connected to AWS AppFabric: bundle and oauth2 authorization, then connection.

The first `pulumi up` creates the authorization (there is no OAuth code yet); `authorize` stores
the code from Slack's consent page as the secret `slackCode`; the next `pulumi up` connects.
"""

import pulumi
import pulumi_aws as aws

from appfabric_connect import AppAuthorizationConnection, AuthRequestArgs
from appfabric_connect.aws.arn import console_redirect_uri

config = pulumi.Config()
region = pulumi.Config("aws").require("region")
# Must be the redirect URI the code was issued for: AppFabric's own unless you registered another.
redirect_uri = config.get("redirectUri") or console_redirect_uri(region)

# One app bundle per account and Region: reuse yours with `pulumi config set bundleArn ARN`.
bundle_arn = config.get("bundleArn") or aws.appfabric.AppBundle("appfabric").arn

authorization = aws.appfabric.AppAuthorization(
    "slack",
    app="SLACK",
    app_bundle_arn=bundle_arn,
    auth_type="oauth2",
    credential=aws.appfabric.AppAuthorizationCredentialArgs(
        oauth2_credential=aws.appfabric.AppAuthorizationCredentialOauth2CredentialArgs(
            client_id=config.require("slackClientId"),
            client_secret=config.require_secret("slackClientSecret"),
        ),
    ),
    tenants=[
        aws.appfabric.AppAuthorizationTenantArgs(
            tenant_identifier=config.require("tenantId"),
            tenant_display_name=config.get("tenantName") or config.require("tenantId"),
        )
    ],
)

pulumi.export("bundleArn", bundle_arn)
pulumi.export("authorizationArn", authorization.arn)

# `config.require_secret("slackCode")` would stop the first `pulumi up`, which must create the
# authorization before Slack can issue a code for it: declare the connection once a code is set.
code = config.get_secret("slackCode")
if code is None:
    pulumi.export("status", "AwaitingCode")
    pulumi.export("authUrl", authorization.auth_url)
    pulumi.export(
        "nextStep",
        pulumi.Output.concat(
            "python -m appfabric_connect authorize --bundle ",
            bundle_arn,
            " --authorization ",
            authorization.arn,
            " --config-path slackCode",
        ),
    )
else:
    connection = AppAuthorizationConnection(
        "slack",
        app_bundle_identifier=bundle_arn,
        app_authorization_identifier=authorization.arn,
        auth_request=AuthRequestArgs(redirect_uri=redirect_uri, code=code),
    )
    pulumi.export("status", connection.status)
    pulumi.export("authUrl", connection.auth_url)  # set only while the connection needs a code
