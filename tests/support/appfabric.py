"""AppFabric as the tests see it: test credentials, the console redirect URI, statuses read back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from appfabric_connect.aws.arn import console_redirect_uri
from appfabric_connect.emulator import EmulatorControl

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

REGION = "us-east-1"
REDIRECT_URI = console_redirect_uri(REGION)
TEST_ACCESS_KEY = "AKIAEMULATOR"
TEST_SECRET_KEY = "emulator-secret-key-do-not-leak"


def authorization_of(
    appfabric: AppFabricClient, authorization: str | Mapping[str, Any]
) -> AppAuthorizationTypeDef:
    """The app authorization as AppFabric answers now; given by its ARN or an earlier answer."""
    if isinstance(authorization, str):
        arn = authorization
    else:
        arn = str(authorization["appAuthorizationArn"])
    bundle = arn.split("/appauthorization/", 1)[0]
    answer = appfabric.get_app_authorization(
        appBundleIdentifier=bundle, appAuthorizationIdentifier=arn
    )
    return answer["appAuthorization"]


def status_of(appfabric: AppFabricClient, authorization: str | Mapping[str, Any]) -> str:
    """The app authorization's status, read with a plain boto3 client."""
    return authorization_of(appfabric, authorization)["status"]


def connect_in_the_console(
    appfabric: AppFabricClient, control: EmulatorControl, authorization: Mapping[str, Any]
) -> str:
    """Connects an oauth2 authorization as the AWS console does (consent, then Connect with the
    code for the console's redirect URI); returns the status Connect answered."""
    code = control.obtain_code(str(authorization["authUrl"]), REDIRECT_URI)
    answer = appfabric.connect_app_authorization(
        appBundleIdentifier=str(authorization["appBundleArn"]),
        appAuthorizationIdentifier=str(authorization["appAuthorizationArn"]),
        authRequest={"redirectUri": REDIRECT_URI, "code": code},
    )
    return answer["appAuthorizationSummary"]["status"]
