"""Connections whose identifiers are another resource's outputs, unknown during a preview.

Config: ``bundle`` (an app bundle ARN); ``with_oauth2`` (bool) adds an oauth2 SLACK pair whose
connection carries the secret config ``slack_code``.
"""

import pulumi

# The program's own directory is on sys.path when Pulumi runs it.
from authorization_maker import AuthorizationMaker  # type: ignore[import-not-found]

from appfabric_connect import AppAuthorizationConnection, AuthRequestArgs
from appfabric_connect.aws.arn import console_redirect_uri

REDIRECT_URI = console_redirect_uri("us-east-1")

config = pulumi.Config()
bundle = config.require("bundle")

asana = AuthorizationMaker("asana-authorization", bundle=bundle, auth_type="apiKey", app="ASANA")
asana_connection = AppAuthorizationConnection(
    "asana",
    app_bundle_identifier=asana.bundle_arn,
    app_authorization_identifier=asana.authorization_arn,
)
pulumi.export(
    "asana", {"status": asana_connection.status, "arn": asana_connection.app_authorization_arn}
)

if config.get_bool("with_oauth2"):
    slack = AuthorizationMaker(
        "slack-authorization", bundle=bundle, auth_type="oauth2", app="SLACK"
    )
    slack_connection = AppAuthorizationConnection(
        "slack",
        app_bundle_identifier=slack.bundle_arn,
        app_authorization_identifier=slack.authorization_arn,
        auth_request=AuthRequestArgs(
            redirect_uri=REDIRECT_URI, code=config.require_secret("slack_code")
        ),
    )
    pulumi.export(
        "slack", {"status": slack_connection.status, "arn": slack_connection.app_authorization_arn}
    )
