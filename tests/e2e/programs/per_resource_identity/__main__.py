"""Connections of one stack, each with its own identity (``aws=``): its own keys and role.

Config: ``bundle`` (ARN) and ``connections`` (list of ``{name, authorization, access_key,
role}``). Environment: ``PER_RESOURCE_SECRET_KEY``, the secret key of every connection's keys,
given in plain text: the resource makes it a secret.
"""

import os

import pulumi

from appfabric_connect import AppAuthorizationConnection, AwsAssumeRoleArgs, AwsConfigArgs

config = pulumi.Config()
for entry in config.require_object("connections"):
    connection = AppAuthorizationConnection(
        entry["name"],
        app_bundle_identifier=config.require("bundle"),
        app_authorization_identifier=entry["authorization"],
        aws=AwsConfigArgs(
            access_key=entry["access_key"],
            secret_key=os.environ["PER_RESOURCE_SECRET_KEY"],
            assume_roles=[AwsAssumeRoleArgs(role_arn=entry["role"], session_name=entry["name"])],
        ),
    )
    pulumi.export(entry["name"], {"status": connection.status})
