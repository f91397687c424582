"""check: offline validation that names every bad property at once."""

from __future__ import annotations

from typing import Any

import pytest

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import clients
from tests.support.appfabric import REDIRECT_URI
from tests.unit.aws_stub import (
    AUTHORIZATION,
    AUTHORIZATION_ARN,
    BUNDLE,
    BUNDLE_ARN,
    CODE,
    UNKNOWN,
    oauth_inputs,
)


def failures(news: dict[str, Any]) -> dict[str, str]:
    result = AppAuthorizationConnectionProvider().check({}, news)
    return {f.property: f.reason for f in result.failures}


def test_check_accepts_uuid_identifiers_and_an_auth_request() -> None:
    assert failures(oauth_inputs()) == {}


def test_check_accepts_arns_of_the_same_bundle() -> None:
    news = {"app_bundle_identifier": BUNDLE_ARN, "app_authorization_identifier": AUTHORIZATION_ARN}
    assert failures(news) == {}


def test_check_returns_the_inputs_it_was_given() -> None:
    news = oauth_inputs()
    assert AppAuthorizationConnectionProvider().check({}, news).inputs == news


def test_check_reports_every_problem_at_once() -> None:
    found = failures(
        {
            "app_bundle_identifier": "not-an-id",
            "app_authorization_identifier": 42,
            "auth_request": {"redirect_uri": "http://example.com/cb", "code": 42},
            "region": "Mars",
        }
    )
    assert set(found) == {
        "app_bundle_identifier",
        "app_authorization_identifier",
        "auth_request.redirect_uri",
        "auth_request.code",
        "region",
    }


def test_check_requires_both_identifiers() -> None:
    found = failures({})
    assert "is required" in found["app_bundle_identifier"]
    assert "is required" in found["app_authorization_identifier"]


def test_check_rejects_an_uppercase_uuid() -> None:
    found = failures({**oauth_inputs(), "app_bundle_identifier": BUNDLE.upper()})
    assert "lowercase UUID" in found["app_bundle_identifier"]


def test_check_rejects_an_arn_of_another_service() -> None:
    news = {**oauth_inputs(), "app_bundle_identifier": "arn:aws:s3:::my-bucket"}
    assert "AppFabric ARN" in failures(news)["app_bundle_identifier"]


def test_check_rejects_a_bundle_arn_given_as_the_authorization() -> None:
    news = {**oauth_inputs(), "app_authorization_identifier": BUNDLE_ARN}
    assert "app authorization ARN" in failures(news)["app_authorization_identifier"]


def test_check_rejects_an_authorization_arn_given_as_the_bundle() -> None:
    news = {**oauth_inputs(), "app_bundle_identifier": AUTHORIZATION_ARN}
    assert "app bundle ARN" in failures(news)["app_bundle_identifier"]


def test_check_rejects_an_authorization_of_another_bundle() -> None:
    other = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    news = {"app_bundle_identifier": other, "app_authorization_identifier": AUTHORIZATION_ARN}
    reason = failures(news)["app_authorization_identifier"]
    assert BUNDLE in reason
    assert other in reason


def test_check_rejects_an_http_redirect_uri() -> None:
    news = oauth_inputs()
    news["auth_request"]["redirect_uri"] = "http://localhost/callback"
    assert "https://" in failures(news)["auth_request.redirect_uri"]


def test_check_rejects_a_code_over_2048_characters_without_showing_it() -> None:
    news = oauth_inputs(code="x" * 2049)
    reason = failures(news)["auth_request.code"]
    assert "1 to 2048" in reason
    assert "xxxx" not in reason


def test_check_rejects_a_non_string_code() -> None:
    assert "must be a string" in failures(oauth_inputs(code=123))["auth_request.code"]  # type: ignore[arg-type]


def test_check_rejects_a_typo_in_a_property_name_and_suggests_the_right_one() -> None:
    news = oauth_inputs()
    news["app_bundle_identifer"] = news.pop("app_bundle_identifier")
    found = failures(news)
    assert "did you mean 'app_bundle_identifier'" in found["app_bundle_identifer"]


def test_check_rejects_an_unknown_auth_request_field() -> None:
    news = oauth_inputs()
    news["auth_request"]["redirectUri"] = REDIRECT_URI
    assert "did you mean 'redirect_uri'" in failures(news)["auth_request.redirectUri"]


def test_check_rejects_an_auth_request_that_is_not_an_object() -> None:
    assert "must be an object" in failures({**oauth_inputs(), "auth_request": CODE})["auth_request"]


def test_check_rejects_a_region_that_contradicts_the_arns() -> None:
    news = {
        "app_bundle_identifier": BUNDLE_ARN,
        "app_authorization_identifier": AUTHORIZATION_ARN,
        "region": "eu-west-1",
    }
    assert "us-east-1" in failures(news)["region"]


def test_check_rejects_a_non_positive_connect_timeout() -> None:
    assert "connect_timeout" in failures({**oauth_inputs(), "connect_timeout": 0})


@pytest.mark.parametrize(
    "news",
    [
        {"app_bundle_identifier": UNKNOWN, "app_authorization_identifier": AUTHORIZATION},
        {"app_bundle_identifier": BUNDLE, "app_authorization_identifier": UNKNOWN},
        {**oauth_inputs(), "auth_request": UNKNOWN},
        {**oauth_inputs(), "auth_request": {"redirect_uri": UNKNOWN, "code": UNKNOWN}},
        {**oauth_inputs(), "region": UNKNOWN},
        {**oauth_inputs(), "connect_timeout": UNKNOWN},
    ],
)
def test_check_lets_unknown_values_pass_during_preview(news: dict[str, Any]) -> None:
    assert failures(news) == {}


def test_check_makes_no_api_call(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_client(*_: Any) -> Any:
        raise AssertionError("check must not create a client")

    monkeypatch.setattr(clients, "client", no_client)
    assert failures({**oauth_inputs(), "region": "us-east-1"}) == {}


def test_check_never_shows_the_code_in_any_failure() -> None:
    news = oauth_inputs(code=CODE)
    news["auth_request"]["extra"] = 1
    news["app_bundle_identifier"] = "bad"
    assert all(CODE not in reason for reason in failures(news).values())


def test_check_reports_bad_provider_config_as_failures() -> None:
    from pulumi.dynamic import Config, ConfigureRequest

    prov = AppAuthorizationConnectionProvider()
    prov.configure(
        ConfigureRequest(
            Config(
                {"appfabric-connect:retryMode": "yolo", "appfabric-connect:connectTimeout": "-1"},
                "p",
            )
        )
    )
    found = {f.property for f in prov.check({}, oauth_inputs()).failures}
    assert found == {"appfabric-connect:retryMode", "appfabric-connect:connectTimeout"}


def test_check_accepts_authorization_arn_with_bundle_uuid() -> None:
    assert (
        failures(
            {"app_bundle_identifier": BUNDLE, "app_authorization_identifier": AUTHORIZATION_ARN}
        )
        == {}
    )


def test_check_names_our_input_for_a_pulumi_aws_name_that_reached_it_alone() -> None:
    news = {"app_bundle_arn": BUNDLE_ARN, "app_authorization_identifier": AUTHORIZATION_ARN}

    assert failures(news) == {
        "app_bundle_arn": "is pulumi-aws's name for app_bundle_identifier: give "
        "app_bundle_identifier instead",
        "app_bundle_identifier": "is required: an AppFabric ARN or a lowercase UUID",
    }
