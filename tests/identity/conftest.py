"""The identity tests: the provider against a real STS (moto's server) and the emulator."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.emulator import EmulatorControl
from tests.support.sts import BASE_ACCESS_KEY, BASE_SECRET_KEY, Sts, sts, sts_server

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

__all__ = ["sts", "sts_server"]

ROLE_ONE = "arn:aws:iam::111111111111:role/ci-hop"
ROLE_TWO = "arn:aws:iam::222222222222:role/appfabric-deployer"

Configured = Callable[[Mapping[str, Any]], AppAuthorizationConnectionProvider]


@pytest.fixture
def configured(aws_env: str, sts: Sts) -> Configured:
    """A provider configured with ``values`` (JSON-encoded like the CLI's objects and lists),
    STS at moto's server and AppFabric at the emulator."""

    def configure(values: Mapping[str, Any]) -> AppAuthorizationConnectionProvider:
        config = {"aws:region": "us-east-1", "aws:endpoints": [{"sts": sts.url}], **values}
        raw = {k: v if isinstance(v, str) else json.dumps(v) for k, v in config.items()}
        provider = AppAuthorizationConnectionProvider()
        provider.configure(ConfigureRequest(Config(raw, "project")))
        return provider

    return configure


@pytest.fixture
def base_keys() -> dict[str, str]:
    """The pipeline's own identity, as static keys in stack config."""
    return {"aws:accessKey": BASE_ACCESS_KEY, "aws:secretKey": BASE_SECRET_KEY}


def api_key_inputs(authorization: AppAuthorizationTypeDef) -> dict[str, Any]:
    return {
        "app_bundle_identifier": authorization["appBundleArn"],
        "app_authorization_identifier": authorization["appAuthorizationArn"],
    }


def signers(control: EmulatorControl) -> set[str]:
    """The access key IDs that signed the AppFabric calls so far (at least one call)."""
    keys = control.caller_keys()
    assert keys, "no AppFabric call was made"
    return keys
