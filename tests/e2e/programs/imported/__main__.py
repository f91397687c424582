"""Tries to import an existing app authorization with ``import_`` (fails with a clear error).

Config: ``bundle`` and ``authorization`` (ARNs).
"""

import pulumi

from appfabric_connect import AppAuthorizationConnection

config = pulumi.Config()
authorization = config.require("authorization")

connection = AppAuthorizationConnection(
    "imported",
    app_bundle_identifier=config.require("bundle"),
    app_authorization_identifier=authorization,
    opts=pulumi.ResourceOptions(import_=authorization),
)
pulumi.export("imported", {"status": connection.status, "arn": connection.app_authorization_arn})
