"""Control API under /_emulator/: reset, forced status, faults, call counts and callers."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from appfabric_connect.emulator import EmulatorControl, EmulatorControlError, EmulatorServer
from tests.support.appfabric import TEST_ACCESS_KEY

from .helpers import CONSOLE_REDIRECT, code_of, error, ids_of, raw, status_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef


def test_reset_clears_bundles_faults_and_calls(
    appfabric: AppFabricClient, emulator_control: EmulatorControl, bundle_arn: str
) -> None:
    emulator_control.set_faults(latency_ms=1)
    emulator_control.reset()
    assert appfabric.list_app_bundles()["appBundleSummaryList"] == []
    assert emulator_control.faults()["latency_ms"] == 0
    assert emulator_control.calls() == {"ListAppBundles": 1}


def test_set_status_by_uuid_simulates_drift(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    ident = api_key_authorization["appAuthorizationArn"].rsplit("/", 1)[1]
    emulator_control.set_status(ident, "TokenAutoRotationFailed")
    assert status_of(appfabric, bundle_arn, api_key_authorization) == "TokenAutoRotationFailed"


def test_set_status_by_arn_simulates_drift(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.set_status(oauth2_authorization["appAuthorizationArn"], "Connected")
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "Connected"


def test_set_status_takes_a_raw_arn_in_the_path_as_documented(
    appfabric: AppFabricClient,
    emulator: EmulatorServer,
    bundle_arn: str,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    # README: POST /_emulator/appauthorizations/{uuid or ARN}/status, e.g. with curl: the
    # ARN's "/"s unencoded.
    arn = api_key_authorization["appAuthorizationArn"]
    request = urllib.request.Request(
        f"{emulator.url}/_emulator/appauthorizations/{arn}/status",
        data=json.dumps({"status": "TokenAutoRotationFailed"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["status"] == "TokenAutoRotationFailed"
    assert status_of(appfabric, bundle_arn, api_key_authorization) == "TokenAutoRotationFailed"


def test_set_status_rejects_a_status_outside_the_model_enum(
    emulator_control: EmulatorControl, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    with pytest.raises(EmulatorControlError) as excinfo:
        emulator_control.set_status(oauth2_authorization["appAuthorizationArn"], "Disconnected")
    assert excinfo.value.status == 400
    assert "TokenAutoRotationFailed" in excinfo.value.message


def test_set_status_of_unknown_authorization_is_404(emulator_control: EmulatorControl) -> None:
    with pytest.raises(EmulatorControlError) as excinfo:
        emulator_control.set_status("00000000-0000-4000-8000-000000000000", "Connected")
    assert excinfo.value.status == 404


def test_faults_are_returned_as_set(emulator_control: EmulatorControl) -> None:
    result = emulator_control.set_faults(latency_ms=5, throttle_rate=0.25, seed=7)
    assert result == emulator_control.faults()
    assert result == {
        "latency_ms": 5.0,
        "throttle_rate": 0.25,
        "error_rate": 0.0,
        "ambiguous_connects": 0,
        "connect_delay_s": 0.0,
        "seed": 7,
    }


@pytest.mark.parametrize(
    "faults",
    [
        {"nonsense": 1},
        {"throttle_rate": 1.5},
        {"latency_ms": -1},
        {"ambiguous_connects": 0.5},
        {"seed": "x"},
    ],
)
def test_invalid_faults_are_rejected_and_nothing_changes(
    emulator_control: EmulatorControl, faults: dict[str, Any]
) -> None:
    with pytest.raises(EmulatorControlError) as excinfo:
        emulator_control.set_faults(**faults)
    assert excinfo.value.status == 400
    assert emulator_control.faults()["throttle_rate"] == 0


def test_latency_fault_delays_every_api_request(
    appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    emulator_control.set_faults(latency_ms=60)
    started = time.perf_counter()
    appfabric.list_app_bundles()
    assert time.perf_counter() - started >= 0.06


def test_throttle_fault_answers_429_with_retry_after_and_is_not_applied(
    appfabric_factory: Callable[..., AppFabricClient], emulator_control: EmulatorControl
) -> None:
    client = appfabric_factory(max_attempts=1)
    emulator_control.set_faults(throttle_rate=1.0)
    with pytest.raises(client.exceptions.ThrottlingException) as excinfo:
        client.create_app_bundle()
    body = error(excinfo)
    assert body["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert body["ResponseMetadata"]["HTTPHeaders"]["retry-after"] in ("0", "1")
    assert (body["serviceCode"], bool(body["quotaCode"])) == ("appfabric", True)
    emulator_control.set_faults(throttle_rate=0.0)
    assert client.list_app_bundles()["appBundleSummaryList"] == []


def test_error_fault_answers_500_and_is_not_applied(
    appfabric_factory: Callable[..., AppFabricClient], emulator_control: EmulatorControl
) -> None:
    client = appfabric_factory(max_attempts=1)
    emulator_control.set_faults(error_rate=1.0)
    with pytest.raises(client.exceptions.InternalServerException) as excinfo:
        client.create_app_bundle()
    assert error(excinfo)["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert "retry-after" in error(excinfo)["ResponseMetadata"]["HTTPHeaders"]
    emulator_control.set_faults(error_rate=0.0)
    assert client.list_app_bundles()["appBundleSummaryList"] == []


def test_seeded_faults_are_repeatable(
    appfabric_factory: Callable[..., AppFabricClient], emulator_control: EmulatorControl
) -> None:
    client = appfabric_factory(max_attempts=1)

    def outcomes() -> list[str]:
        emulator_control.set_faults(throttle_rate=0.3, error_rate=0.3, seed=42)
        seen = []
        for _ in range(20):
            try:
                client.list_app_bundles()
                seen.append("ok")
            except ClientError as e:
                seen.append(e.response["Error"]["Code"])
        return seen

    first = outcomes()
    assert first == outcomes()
    assert {"ok", "ThrottlingException", "InternalServerException"} <= set(first)


def test_ambiguous_connect_is_applied_but_answers_500(
    appfabric_factory: Callable[..., AppFabricClient],
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    client = appfabric_factory(max_attempts=1)
    code = emulator_control.obtain_code(oauth2_authorization["authUrl"])
    emulator_control.set_faults(ambiguous_connects=1)
    ids = ids_of(bundle_arn, oauth2_authorization)
    with pytest.raises(client.exceptions.InternalServerException):
        client.connect_app_authorization(
            **ids, authRequest={"redirectUri": CONSOLE_REDIRECT, "code": code}
        )
    assert status_of(client, bundle_arn, oauth2_authorization) == "Connected"
    assert emulator_control.faults()["ambiguous_connects"] == 0
    with pytest.raises(ClientError) as excinfo:
        client.connect_app_authorization(
            **ids, authRequest={"redirectUri": CONSOLE_REDIRECT, "code": code}
        )
    assert code_of(excinfo) == "ValidationException"


def test_ambiguous_connects_count_down(
    appfabric_factory: Callable[..., AppFabricClient],
    emulator_control: EmulatorControl,
    bundle_arn: str,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    client = appfabric_factory(max_attempts=1)
    emulator_control.set_faults(ambiguous_connects=2)
    ids = ids_of(bundle_arn, api_key_authorization)
    codes: list[str] = []
    for _ in range(3):
        try:
            codes.append(
                client.connect_app_authorization(**ids)["appAuthorizationSummary"]["status"]
            )
        except ClientError as e:
            codes.append(e.response["Error"]["Code"])
    assert codes == ["InternalServerException", "InternalServerException", "Connected"]


def test_connect_delay_keeps_pending_connect_until_it_elapses(
    appfabric: AppFabricClient,
    emulator: EmulatorServer,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    api_key_authorization: AppAuthorizationTypeDef,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator_control.set_faults(connect_delay_s=60)
    ids = ids_of(bundle_arn, api_key_authorization)
    assert (
        appfabric.connect_app_authorization(**ids)["appAuthorizationSummary"]["status"]
        == "PendingConnect"
    )
    assert status_of(appfabric, bundle_arn, api_key_authorization) == "PendingConnect"
    real_clock = emulator.backend.clock
    monkeypatch.setattr(emulator.backend, "clock", lambda: real_clock() + 61)
    assert status_of(appfabric, bundle_arn, api_key_authorization) == "Connected"


def test_calls_count_every_api_request_including_faulted_ones(
    appfabric_factory: Callable[..., AppFabricClient], emulator_control: EmulatorControl
) -> None:
    client = appfabric_factory(max_attempts=1)
    client.list_app_bundles()
    emulator_control.set_faults(throttle_rate=1.0)
    with pytest.raises(ClientError):
        client.list_app_bundles()
    with pytest.raises(ClientError):
        client.create_app_bundle()
    assert emulator_control.calls() == {"ListAppBundles": 2, "CreateAppBundle": 1}


def test_unsigned_requests_are_counted(emulator_control: EmulatorControl) -> None:
    raw(emulator_control.url, "GET", "/appbundles", region=None)
    assert emulator_control.calls() == {"ListAppBundles": 1}


def test_reset_calls_resets_only_the_counts(
    appfabric: AppFabricClient, emulator_control: EmulatorControl, bundle_arn: str
) -> None:
    emulator_control.set_faults(latency_ms=1)
    emulator_control.reset_calls()
    assert emulator_control.calls() == {}
    assert emulator_control.faults()["latency_ms"] == 1
    assert appfabric.list_app_bundles()["appBundleSummaryList"] == [{"arn": bundle_arn}]


def test_callers_name_the_access_key_that_signed_each_call(
    appfabric_factory: Callable[..., AppFabricClient],
    emulator_control: EmulatorControl,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    appfabric_factory().list_app_bundles()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ASIASECONDCALLER")
    appfabric_factory().create_app_bundle()
    assert emulator_control.callers() == [
        {"operation": "ListAppBundles", "accessKeyId": TEST_ACCESS_KEY},
        {"operation": "CreateAppBundle", "accessKeyId": "ASIASECONDCALLER"},
    ]
    assert emulator_control.caller_keys() == {TEST_ACCESS_KEY, "ASIASECONDCALLER"}


def test_unsigned_requests_have_no_caller(emulator_control: EmulatorControl) -> None:
    raw(emulator_control.url, "GET", "/appbundles", region=None)
    assert emulator_control.callers() == []


def test_reset_calls_and_reset_forget_the_callers(
    appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    appfabric.list_app_bundles()
    emulator_control.reset_calls()
    assert emulator_control.callers() == []
    appfabric.list_app_bundles()
    emulator_control.reset()
    assert emulator_control.callers() == []


def test_faults_never_apply_to_the_control_api(emulator_control: EmulatorControl) -> None:
    emulator_control.set_faults(throttle_rate=1.0, error_rate=1.0)
    assert emulator_control.ping()
    assert emulator_control.calls() == {}


def test_unknown_control_route_is_404_and_wrong_method_405(
    emulator_control: EmulatorControl,
) -> None:
    assert raw(emulator_control.url, "GET", "/_emulator/nope", region=None)[0] == 404
    assert raw(emulator_control.url, "GET", "/_emulator/reset", region=None)[0] == 405


def test_control_api_rejects_malformed_json(emulator_control: EmulatorControl) -> None:
    status, _, body = raw(emulator_control.url, "POST", "/_emulator/faults", body=b"{", region=None)
    assert status == 400
    assert b"JSON" in body
