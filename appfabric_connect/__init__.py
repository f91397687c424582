"""Pulumi dynamic provider for AWS AppFabric app-authorization connections."""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .args import (
        AppAuthorizationConnectionArgs,
        AppAuthorizationConnectionArgsDict,
        AppAuthorizationConnectionTenant,
        AuthRequestArgs,
        AuthRequestArgsDict,
    )
    from .aws_config_args import (
        AwsAssumeRoleArgs,
        AwsAssumeRoleArgsDict,
        AwsAssumeRoleWithWebIdentityArgs,
        AwsAssumeRoleWithWebIdentityArgsDict,
        AwsConfigArgs,
        AwsConfigArgsDict,
        AwsEndpointArgs,
        AwsEndpointArgsDict,
    )
    from .provider import AppAuthorizationConnectionProvider, ConnectionFailed
    from .resource import AppAuthorizationConnection

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
    "AppAuthorizationConnection": ".resource",
    "AppAuthorizationConnectionArgs": ".args",
    "AppAuthorizationConnectionArgsDict": ".args",
    "AppAuthorizationConnectionTenant": ".args",
    "AuthRequestArgs": ".args",
    "AuthRequestArgsDict": ".args",
    "AwsAssumeRoleArgs": ".aws_config_args",
    "AwsAssumeRoleArgsDict": ".aws_config_args",
    "AwsAssumeRoleWithWebIdentityArgs": ".aws_config_args",
    "AwsAssumeRoleWithWebIdentityArgsDict": ".aws_config_args",
    "AwsConfigArgs": ".aws_config_args",
    "AwsConfigArgsDict": ".aws_config_args",
    "AwsEndpointArgs": ".aws_config_args",
    "AwsEndpointArgsDict": ".aws_config_args",
    "AppAuthorizationConnectionProvider": ".provider",
    "ConnectionFailed": ".provider",
}


def __getattr__(name: str) -> Any:
    # Lazy, so that the emulator and the CLI tools start without importing Pulumi.
    if name in _HOMES:
        return getattr(import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
