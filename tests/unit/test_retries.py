"""Retries are botocore's: AppFabric's modeled Retry-After reaches its backoff."""

from __future__ import annotations

from typing import Any, cast

from botocore.awsrequest import AWSResponse
from botocore.retries.standard import ExponentialBackoff, RetryContext

from appfabric_connect.aws import clients, retries
from appfabric_connect.aws.settings import AwsSettings


def throttled(headers: dict[str, str]) -> AWSResponse:
    # botocore takes any mapping of headers; its stubs ask for HTTPHeaders.
    return AWSResponse("https://appfabric.us-east-1.amazonaws.com", 429, cast(Any, headers), None)


def backoff_with(response: AWSResponse) -> float:
    context = RetryContext(
        attempt_number=1,
        http_response=response,
        parsed_response={"Error": {"Code": "ThrottlingException"}},
    )
    return float(ExponentialBackoff(random=lambda: 0.0).delay_amount(context))


def test_retry_after_seconds_become_botocores_retry_hint() -> None:
    response = throttled({"Retry-After": "3"})
    retries.honour_retry_after(response=(response, {}))
    assert response.headers["x-amz-retry-after"] == "3000"
    assert backoff_with(response) == 3.0


def test_without_the_hint_botocore_would_not_wait_for_retry_after() -> None:
    assert backoff_with(throttled({"Retry-After": "3"})) == 0.0


def test_an_existing_botocore_hint_is_kept() -> None:
    response = throttled({"Retry-After": "3", "x-amz-retry-after": "500"})
    retries.honour_retry_after(response=(response, {}))
    assert response.headers["x-amz-retry-after"] == "500"


def test_a_retry_after_date_is_left_to_botocore() -> None:
    response = throttled({"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"})
    retries.honour_retry_after(response=(response, {}))
    assert "x-amz-retry-after" not in response.headers


def test_a_provider_client_waits_as_long_as_retry_after_asks(monkeypatch: Any) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUNITTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "unit-secret-key")
    client = clients.client(AwsSettings(), "us-east-1")
    answers = client.meta.events.emit(
        "needs-retry.appfabric.GetAppAuthorization",
        response=(throttled({"Retry-After": "3"}), {"Error": {"Code": "ThrottlingException"}}),
        endpoint=None,
        operation=client.meta.service_model.operation_model("GetAppAuthorization"),
        attempts=1,
        caught_exception=None,
        request_dict={"context": {}},
    )
    delays = [delay for _, delay in answers if delay is not None]
    assert delays == [3.0]  # botocore's own backoff, at most 1 s on a first throttle otherwise
