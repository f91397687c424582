"""Reads an existing app authorization with ``AppAuthorizationConnection.get`` (no connect).

Config: ``authorization`` (an ARN).
"""

import pulumi

from appfabric_connect import AppAuthorizationConnection

existing = AppAuthorizationConnection.get("existing", pulumi.Config().require("authorization"))
pulumi.export(
    "existing",
    {"status": existing.status, "app": existing.app, "arn": existing.app_authorization_arn},
)
