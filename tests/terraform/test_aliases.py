"""Two aliased providers, each signing with its own assumed role (moto's STS)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.support.sts import BASE_ACCESS_KEY, BASE_SECRET_KEY, Sts
from tests.terraform.workspace import PROVIDER_BLOCK, Workspace, connection

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

PROD_ROLE = "arn:aws:iam::222222222222:role/appfabric-deployer"
DEV_ROLE = "arn:aws:iam::111111111111:role/appfabric-dev"
CONNECT = "ConnectAppAuthorization"
TERRAFORM_BLOCK = PROVIDER_BLOCK.split('provider "appfabricconnect"')[0]
KEYS_IN_BLOCK = f'access_key = "{BASE_ACCESS_KEY}"\n  secret_key = "{BASE_SECRET_KEY}"'


def _provider(alias: str, role: str, sts_url: str, keys: str) -> str:
    return f"""
provider "appfabricconnect" {{
  alias  = "{alias}"
  region = "us-east-1"
  {keys}
  assume_role {{
    role_arn     = "{role}"
    session_name = "{alias}"
  }}
  endpoints {{
    sts = "{sts_url}"
  }}
}}
"""


def _roles(control: EmulatorControl, sts: Sts, operation: str) -> set[str | None]:
    """The role of each key that signed ``operation`` (None: not a role session)."""
    callers = control.callers()
    return {sts.role_of(c["accessKeyId"]) for c in callers if c["operation"] == operation}


@pytest.mark.parametrize("base_identity", ["environment", "provider block"])
def test_each_aliased_provider_signs_with_its_own_role(
    base_identity: str,
    workspace: Workspace,
    sts: Sts,
    emulator_control: EmulatorControl,
    make_authorization: Callable[..., Any],
) -> None:
    seeded = workspace.seeded
    assert seeded is not None
    keys = ""
    if base_identity == "environment":
        workspace.env.update(
            AWS_ACCESS_KEY_ID=BASE_ACCESS_KEY, AWS_SECRET_ACCESS_KEY=BASE_SECRET_KEY
        )
    else:
        keys = KEYS_IN_BLOCK
    other = make_authorization("apiKey", "TERRAFORMCLOUD")["appAuthorizationArn"]
    asana = seeded.api_key_authorization["appAuthorizationArn"]
    workspace.write(
        _provider("prod", PROD_ROLE, sts.url, keys)
        + _provider("dev", DEV_ROLE, sts.url, keys)
        + connection("prod", seeded.bundle_arn, asana, extra="\n  provider = appfabricconnect.prod")
        + connection("dev", seeded.bundle_arn, other, extra="\n  provider = appfabricconnect.dev"),
        TERRAFORM_BLOCK,
    )
    emulator_control.reset_calls()
    workspace.apply("-target=appfabricconnect_app_authorization_connection.prod")
    assert _roles(emulator_control, sts, CONNECT) == {PROD_ROLE}
    emulator_control.reset_calls()
    workspace.apply()  # refreshes prod, connects dev
    assert _roles(emulator_control, sts, CONNECT) == {DEV_ROLE}
    assert _roles(emulator_control, sts, "GetAppAuthorization") == {PROD_ROLE}
