"""Two runs, one code: the look-again read sees another run's connect, in every front end."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest
from pulumi.provider.experimental.property_value import PropertyValue

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.core import connect
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.package.connection import PackageConnection
from appfabric_connect.terraform.lifecycle_adapter import Connections
from tests.support.appfabric import REDIRECT_URI, status_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef


def _dynamic_resource(authorization: AppAuthorizationTypeDef, code: str) -> str:
    outs = (
        AppAuthorizationConnectionProvider()
        .create(
            {
                "app_bundle_identifier": authorization["appBundleArn"],
                "app_authorization_identifier": authorization["appAuthorizationArn"],
                "auth_request": {"redirect_uri": REDIRECT_URI, "code": code},
            }
        )
        .outs
    )
    return str((outs or {})["status"])


def _provider_package(authorization: AppAuthorizationTypeDef, code: str) -> str:
    request = {"redirectUri": PropertyValue(REDIRECT_URI), "code": PropertyValue(code)}
    _id, outs = PackageConnection().create(
        {
            "appBundleIdentifier": PropertyValue(authorization["appBundleArn"]),
            "appAuthorizationIdentifier": PropertyValue(authorization["appAuthorizationArn"]),
            "authRequest": PropertyValue(request),
        }
    )
    return str(outs["status"].value)


def _terraform_provider(authorization: AppAuthorizationTypeDef, code: str) -> str:
    created = Connections().create(
        {
            "app_bundle_arn": authorization["appBundleArn"],
            "app_authorization_arn": authorization["appAuthorizationArn"],
            "auth_request": [{"redirect_uri": REDIRECT_URI, "code_wo": code}],
        }
    )
    return str(created.value["status"])


FRONT_ENDS: dict[str, Callable[[AppAuthorizationTypeDef, str], str]] = {
    "dynamic resource": _dynamic_resource,
    "provider package": _provider_package,
    "terraform provider": _terraform_provider,
}


@pytest.fixture
def other_run_connects_during_the_pause(
    appfabric: AppFabricClient, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Mapping[str, Any], str], list[float]]:
    """While this run pauses before its second read, another run sends the same code."""

    def arrange(authorization: Mapping[str, Any], code: str) -> list[float]:
        pauses: list[float] = []

        def pause(seconds: float) -> None:
            if not pauses:
                appfabric.connect_app_authorization(
                    appBundleIdentifier=str(authorization["appBundleArn"]),
                    appAuthorizationIdentifier=str(authorization["appAuthorizationArn"]),
                    authRequest={"redirectUri": REDIRECT_URI, "code": code},
                )
            pauses.append(seconds)

        monkeypatch.setattr(connect, "sleep", pause)
        return pauses

    return arrange


@pytest.mark.parametrize("front_end", FRONT_ENDS.values(), ids=FRONT_ENDS.keys())
def test_a_connect_another_run_sent_during_the_pause_is_adopted_and_the_code_not_sent_again(
    front_end: Callable[[AppAuthorizationTypeDef, str], str],
    other_run_connects_during_the_pause: Callable[[Mapping[str, Any], str], list[float]],
    oauth2_authorization: AppAuthorizationTypeDef,
    obtain_code: Callable[[Mapping[str, Any]], str],
    emulator_control: EmulatorControl,
    appfabric: AppFabricClient,
) -> None:
    code = obtain_code(oauth2_authorization)
    pauses = other_run_connects_during_the_pause(oauth2_authorization, code)
    emulator_control.reset_calls()

    status = front_end(oauth2_authorization, code)

    assert status == "Connected"
    assert status_of(appfabric, oauth2_authorization) == "Connected"
    assert emulator_control.calls().get("ConnectAppAuthorization") == 1  # the other run's only
    assert len(pauses) == 1 and 0 <= pauses[0] <= connect.LOOK_AGAIN_MAX_S
