"""examples/oauth2-slack under Pulumi's mocks: pulumi-aws bundle and authorization, connected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi

from .conftest import (
    APP_AUTHORIZATION,
    APP_BUNDLE,
    BUNDLE_ARN,
    CONNECTION,
    Run,
    authorization_arn,
    is_secret,
    unsecret,
)

EXAMPLE = "oauth2-slack"
CONFIG = {
    "aws:region": "us-east-1",
    "slackClientId": "1234.5678",
    "tenantId": "T0ENG",
    "tenantName": "Engineering",
}
SECRETS = {"slackClientSecret": "slack-client-secret", "slackCode": "the-oauth-code"}
CONSOLE_REDIRECT = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"


@pulumi.runtime.test
def test_oauth2_slack_connects_the_authorization_it_creates(
    run_example: Callable[..., Run],
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        connection = run.mocks.inputs(CONNECTION, "slack")
        assert connection["app_authorization_identifier"] == authorization_arn("slack")
        assert connection["app_bundle_identifier"] == BUNDLE_ARN
        assert run.mocks.inputs(APP_AUTHORIZATION, "slack")["appBundleArn"] == BUNDLE_ARN

    return run.then(check)


@pulumi.runtime.test
def test_oauth2_slack_sends_the_code_as_a_secret_with_appfabrics_redirect_uri(
    run_example: Callable[..., Run],
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        auth_request = run.mocks.inputs(CONNECTION, "slack")["auth_request"]
        assert is_secret(auth_request)
        assert unsecret(auth_request) == {
            "redirect_uri": CONSOLE_REDIRECT,
            "code": "the-oauth-code",
        }

    return run.then(check)


@pulumi.runtime.test
def test_oauth2_slack_uses_the_configured_redirect_uri(run_example: Callable[..., Run]) -> Any:
    mine = "https://appfabric.example.com/oauth2/callback"
    run = run_example(EXAMPLE, {**CONFIG, "redirectUri": mine}, SECRETS)

    def check(_: dict[str, Any]) -> None:
        auth_request = unsecret(run.mocks.inputs(CONNECTION, "slack")["auth_request"])
        assert auth_request["redirect_uri"] == mine

    return run.then(check)


@pulumi.runtime.test
def test_oauth2_slack_creates_an_oauth2_authorization_with_a_secret_client_secret(
    run_example: Callable[..., Run],
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        authorization = run.mocks.inputs(APP_AUTHORIZATION, "slack")
        assert (authorization["app"], authorization["authType"]) == ("SLACK", "oauth2")
        assert authorization["tenants"] == [
            {"tenantIdentifier": "T0ENG", "tenantDisplayName": "Engineering"}
        ]
        assert is_secret(authorization["credential"])
        assert unsecret(authorization["credential"]) == {
            "oauth2Credential": {"clientId": "1234.5678", "clientSecret": "slack-client-secret"}
        }

    return run.then(check)


@pulumi.runtime.test
def test_oauth2_slack_exports_status_auth_url_and_arns(run_example: Callable[..., Run]) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(exports: dict[str, Any]) -> None:
        assert exports["status"] == "Connected"
        assert "authUrl" in exports
        assert exports["bundleArn"] == BUNDLE_ARN
        assert exports["authorizationArn"] == authorization_arn("slack")

    return run.then(check)


@pulumi.runtime.test
def test_oauth2_slack_without_a_code_creates_the_authorization_and_exports_its_auth_url(
    run_example: Callable[..., Run],
) -> Any:
    run = run_example(EXAMPLE, CONFIG, {"slackClientSecret": "slack-client-secret"})

    def check(exports: dict[str, Any]) -> None:
        assert run.mocks.of_type(CONNECTION) == []
        assert len(run.mocks.of_type(APP_AUTHORIZATION)) == 1
        assert exports["status"] == "AwaitingCode"
        assert exports["authUrl"].startswith("https://slack.com/oauth/v2/authorize")
        assert exports["nextStep"] == (
            f"python -m appfabric_connect authorize --bundle {BUNDLE_ARN} "
            f"--authorization {authorization_arn('slack')} --config-path slackCode"
        )

    return run.then(check)


@pulumi.runtime.test
def test_oauth2_slack_reuses_a_bundle_given_in_config(run_example: Callable[..., Run]) -> Any:
    mine = BUNDLE_ARN.replace("0f1c2d3e-", "11111111-")
    run = run_example(EXAMPLE, {**CONFIG, "bundleArn": mine}, SECRETS)

    def check(_: dict[str, Any]) -> None:
        assert run.mocks.of_type(APP_BUNDLE) == []
        assert run.mocks.inputs(APP_AUTHORIZATION, "slack")["appBundleArn"] == mine
        assert run.mocks.inputs(CONNECTION, "slack")["app_bundle_identifier"] == mine

    return run.then(check)
