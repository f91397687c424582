"""How long a reconnect waits on a PendingConnect it cannot tell from a connect in flight."""

from __future__ import annotations

import os
import time
from typing import Any

import boto3

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from appfabric_connect.emulator.seed import seed_demo

REDIRECT_URI = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"
CONNECT_TIMEOUT_S = 20.0


def _props(authorization: Any, code: str) -> dict[str, Any]:
    return {
        "app_bundle_identifier": authorization["appBundleArn"],
        "app_authorization_identifier": authorization["appAuthorizationArn"],
        "auth_request": {"redirect_uri": REDIRECT_URI, "code": code},
        "connect_timeout": CONNECT_TIMEOUT_S,
    }


def _code(control: EmulatorControl, client: Any, authorization: Any) -> str:
    url = client.get_app_authorization(
        appBundleIdentifier=authorization["appBundleArn"],
        appAuthorizationIdentifier=authorization["appAuthorizationArn"],
    )["appAuthorization"]["authUrl"]
    return control.obtain_code(url, REDIRECT_URI)


def measure(case: str, age_s: float, server: EmulatorServer) -> tuple[float, int]:
    """(seconds the reconnect took, Connects it sent) for one case."""
    control = EmulatorControl(server.url)
    control.reset()
    client = boto3.client("appfabric", endpoint_url=server.url, region_name="us-east-1")
    authorization = seed_demo(client).oauth2_authorization
    arn = authorization["appAuthorizationArn"]
    provider = AppAuthorizationConnectionProvider()
    state = dict(
        provider.create(_props(authorization, _code(control, client, authorization))).outs or {}
    )
    new_code = _code(control, client, authorization)
    if case == "drift":  # UpdateAppAuthorization (or the console) set it back to PendingConnect
        control.set_status(arn, "PendingConnect")
    else:  # a killed run's connect, still in flight for 3 s
        control.set_status(arn, "ConnectionValidationFailed")
        control.set_faults(connect_delay_s=3)
        client.connect_app_authorization(
            appBundleIdentifier=authorization["appBundleArn"],
            appAuthorizationIdentifier=arn,
            authRequest={"redirectUri": REDIRECT_URI, "code": new_code},
        )
    time.sleep(age_s)
    state = dict(provider.read(arn, state).outs or {})  # the re-run's refresh
    control.reset_calls()
    started = time.monotonic()
    provider.update(arn, state, _props(authorization, new_code))
    return time.monotonic() - started, control.calls().get("ConnectAppAuthorization", 0)


def main() -> None:
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    print(f"connect_timeout = {CONNECT_TIMEOUT_S:g} s")
    print("| case | age of the change when the run reads it | run took | Connects sent |")
    print("|---|---|---|---|")
    with EmulatorServer(port=0) as server:
        os.environ["AWS_ENDPOINT_URL_APPFABRIC"] = server.url
        for case, age in (("in flight", 0.0), ("drift", 0.0), ("drift", 10.0)):
            took, connects = measure(case, age, server)
            print(f"| {case} | {age:g} s | {took:.1f} s | {connects} |")


if __name__ == "__main__":
    main()
