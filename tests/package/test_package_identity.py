"""The package provider's identity settings: its messages name them as the user set them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pulumi.provider.experimental.property_value import PropertyValue

from appfabric_connect import ConnectionFailed
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.package.connection import PackageConnection
from tests.identity.conftest import ROLE_TWO
from tests.support.sts import BASE_ACCESS_KEY, BASE_SECRET_KEY, Sts, sts, sts_server

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

__all__ = ["sts", "sts_server"]


def _values(*items: str) -> PropertyValue:
    return PropertyValue([PropertyValue(item) for item in items])


def test_an_account_not_allowed_names_the_providers_setting_and_makes_no_appfabric_call(
    aws_env: str,
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    connection = PackageConnection()
    connection.configure(
        {
            "accessKey": PropertyValue(BASE_ACCESS_KEY),
            "secretKey": PropertyValue(BASE_SECRET_KEY, is_secret=True),
            "assumeRoles": PropertyValue([PropertyValue({"roleArn": PropertyValue(ROLE_TWO)})]),
            "endpoints": PropertyValue([PropertyValue({"sts": PropertyValue(sts.url)})]),
            "allowedAccountIds": _values("111111111111"),
        }
    )
    emulator_control.reset_calls()

    with pytest.raises(ConnectionFailed) as failure:
        connection.create(
            {
                "appBundleIdentifier": PropertyValue(api_key_authorization["appBundleArn"]),
                "appAuthorizationIdentifier": PropertyValue(
                    api_key_authorization["appAuthorizationArn"]
                ),
            }
        )

    assert str(failure.value) == (
        "AWS account 222222222222 is not in `appfabric-connect:allowedAccountIds` "
        "(111111111111): no AppFabric call was made."
    )
    assert emulator_control.calls() == {}
