"""Adopt an AppFabric app authorization that was already connected (e.g. in the AWS console).

Nothing is created and no OAuth code is needed: the first `pulumi up` finds the authorization
Connected and records it in the stack; from then on `pulumi refresh` shows its status and
`pulumi up` reconnects it when it is not Connected.

Not `pulumi.ResourceOptions(import_=arn)`: Pulumi cannot import resources of Python dynamic
providers (https://github.com/pulumi/pulumi/issues/16175), so the resource refuses `import_`.
Declared without `auth_request`, the connection adopts an authorization that is Connected.
"""

import pulumi

from appfabric_connect import AppAuthorizationConnection, AuthRequestArgs
from appfabric_connect.aws.arn import IdentifierError, console_redirect_uri, parse_authorization

config = pulumi.Config()
# arn:aws:appfabric:REGION:ACCOUNT:appbundle/BUNDLE/appauthorization/AUTHORIZATION
authorization_arn = config.require("authorizationArn")
try:
    region = parse_authorization(authorization_arn).region
except IdentifierError:
    region = None
if region is None:  # not an ARN, or a bare UUID: neither names the bundle and region
    raise pulumi.RunError(
        "config authorizationArn must be the app authorization's ARN "
        "(arn:aws:appfabric:REGION:ACCOUNT:appbundle/UUID/appauthorization/UUID)"
    )
bundle_arn, _, _ = authorization_arn.partition("/appauthorization/")

# Only to reconnect an oauth2 authorization that is no longer Connected:
#   python -m appfabric_connect authorize ... --config-path code
code = config.get_secret("code")
redirect_uri = config.get("redirectUri") or console_redirect_uri(region)

connection = AppAuthorizationConnection(
    "adopted",
    app_bundle_identifier=bundle_arn,
    app_authorization_identifier=authorization_arn,
    auth_request=AuthRequestArgs(redirect_uri=redirect_uri, code=code) if code else None,
)

pulumi.export("status", connection.status)
pulumi.export("app", connection.app)
pulumi.export("tenant", connection.tenant)
pulumi.export("authorizationArn", connection.app_authorization_arn)
