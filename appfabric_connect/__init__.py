"""Pulumi dynamic provider for AWS AppFabric app-authorization connections."""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pulumi.dynamic.args import (
        AppAuthorizationConnectionArgs,
        AppAuthorizationConnectionArgsDict,
        AppAuthorizationConnectionTenant,
        AuthRequestArgs,
        AuthRequestArgsDict,
    )
    from .pulumi.dynamic.aws_config_args import (
        AwsAssumeRoleArgs,
        AwsAssumeRoleArgsDict,
        AwsAssumeRoleWithWebIdentityArgs,
        AwsAssumeRoleWithWebIdentityArgsDict,
        AwsConfigArgs,
        AwsConfigArgsDict,
        AwsEndpointArgs,
        AwsEndpointArgsDict,
    )
    from .pulumi.dynamic.provider import AppAuthorizationConnectionProvider
    from .pulumi.dynamic.resource import AppAuthorizationConnection
    from .pulumi.messages import ConnectionFailed

__version__ = "0.2.0"

__all__ = [
    "AppAuthorizationConnection",
    "AppAuthorizationConnectionArgs",
    "AppAuthorizationConnectionArgsDict",
    "AppAuthorizationConnectionProvider",
    "AppAuthorizationConnectionTenant",
    "AuthRequestArgs",
    "AuthRequestArgsDict",
    "AwsAssumeRoleArgs",
    "AwsAssumeRoleArgsDict",
    "AwsAssumeRoleWithWebIdentityArgs",
    "AwsAssumeRoleWithWebIdentityArgsDict",
    "AwsConfigArgs",
    "AwsConfigArgsDict",
    "AwsEndpointArgs",
    "AwsEndpointArgsDict",
    "ConnectionFailed",
    "__version__",
]

# A library's loggers stay silent unless the application configures logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())

_HOMES = {
    "AppAuthorizationConnection": ".pulumi.dynamic.resource",
    "AppAuthorizationConnectionArgs": ".pulumi.dynamic.args",
    "AppAuthorizationConnectionArgsDict": ".pulumi.dynamic.args",
    "AppAuthorizationConnectionTenant": ".pulumi.dynamic.args",
    "AuthRequestArgs": ".pulumi.dynamic.args",
    "AuthRequestArgsDict": ".pulumi.dynamic.args",
    "AwsAssumeRoleArgs": ".pulumi.dynamic.aws_config_args",
    "AwsAssumeRoleArgsDict": ".pulumi.dynamic.aws_config_args",
    "AwsAssumeRoleWithWebIdentityArgs": ".pulumi.dynamic.aws_config_args",
    "AwsAssumeRoleWithWebIdentityArgsDict": ".pulumi.dynamic.aws_config_args",
    "AwsConfigArgs": ".pulumi.dynamic.aws_config_args",
    "AwsConfigArgsDict": ".pulumi.dynamic.aws_config_args",
    "AwsEndpointArgs": ".pulumi.dynamic.aws_config_args",
    "AwsEndpointArgsDict": ".pulumi.dynamic.aws_config_args",
    "AppAuthorizationConnectionProvider": ".pulumi.dynamic.provider",
    "ConnectionFailed": ".pulumi.messages",
}


def __getattr__(name: str) -> Any:
    # Lazy, so that the emulator and the CLI tools start without importing Pulumi.
    if name in _HOMES:
        return getattr(import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
