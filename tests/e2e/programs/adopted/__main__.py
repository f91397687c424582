"""Adopts an existing, already Connected app authorization: declared without a code.

Config: ``bundle`` and ``authorization`` (ARNs).
"""

import pulumi

from appfabric_connect import AppAuthorizationConnection

config = pulumi.Config()
connection = AppAuthorizationConnection(
    "adopted",
    app_bundle_identifier=config.require("bundle"),
    app_authorization_identifier=config.require("authorization"),
)
pulumi.export("adopted", {"status": connection.status, "arn": connection.app_authorization_arn})
