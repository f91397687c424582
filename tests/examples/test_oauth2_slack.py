"""examples/oauth2-slack under Pulumi's mocks: pulumi-aws bundle and authorization, connected."""

from __future__ import annotations

from typing import Any

from tests.support.appfabric import REDIRECT_URI
from tests.support.mocks import (
    APP_AUTHORIZATION,
    APP_BUNDLE,
    BUNDLE_ARN,
    CONNECTION,
    MockedRun,
    authorization_arn,
    connection_auth_url,
    consent_url,
    is_secret,
    pulumi_test,
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


@pulumi_test
def test_oauth2_slack_connects_the_authorization_it_creates(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        connection = run.mocks.inputs("slack")
        assert connection["app_authorization_identifier"] == authorization_arn("slack")
        assert connection["app_bundle_identifier"] == BUNDLE_ARN
        assert run.mocks.inputs("slack", APP_AUTHORIZATION)["appBundleArn"] == BUNDLE_ARN

    return run.then(check)


@pulumi_test
def test_oauth2_slack_sends_the_code_as_a_secret_with_appfabrics_redirect_uri(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        auth_request = run.mocks.inputs("slack")["auth_request"]
        assert is_secret(auth_request)
        assert unsecret(auth_request) == {
            "redirect_uri": REDIRECT_URI,
            "code": "the-oauth-code",
        }

    return run.then(check)


@pulumi_test
def test_oauth2_slack_uses_the_configured_redirect_uri(
    run_example: MockedRun,
) -> Any:
    mine = "https://appfabric.example.com/oauth2/callback"
    run = run_example(EXAMPLE, {**CONFIG, "redirectUri": mine}, SECRETS)

    def check(_: dict[str, Any]) -> None:
        auth_request = unsecret(run.mocks.inputs("slack")["auth_request"])
        assert auth_request["redirect_uri"] == mine

    return run.then(check)


@pulumi_test
def test_oauth2_slack_creates_an_oauth2_authorization_with_a_secret_client_secret(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        authorization = run.mocks.inputs("slack", APP_AUTHORIZATION)
        assert (authorization["app"], authorization["authType"]) == ("SLACK", "oauth2")
        assert authorization["tenants"] == [
            {"tenantIdentifier": "T0ENG", "tenantDisplayName": "Engineering"}
        ]
        assert is_secret(authorization["credential"])
        assert unsecret(authorization["credential"]) == {
            "oauth2Credential": {"clientId": "1234.5678", "clientSecret": "slack-client-secret"}
        }

    return run.then(check)


@pulumi_test
def test_oauth2_slack_with_a_code_exports_the_connections_status_and_auth_url(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS, statuses={"slack": "TokenAutoRotationFailed"})

    def check(exports: dict[str, Any]) -> None:
        assert exports["status"] == "TokenAutoRotationFailed"
        assert exports["authUrl"] == connection_auth_url("slack")
        assert exports["bundleArn"] == BUNDLE_ARN
        assert exports["authorizationArn"] == authorization_arn("slack")

    return run.then(check)


@pulumi_test
def test_oauth2_slack_without_a_code_creates_the_authorization_and_exports_its_auth_url(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, {"slackClientSecret": "slack-client-secret"})

    def check(exports: dict[str, Any]) -> None:
        assert run.mocks.of_type(CONNECTION) == []
        assert len(run.mocks.of_type(APP_AUTHORIZATION)) == 1
        assert exports["status"] == "AwaitingCode"
        assert exports["authUrl"] == consent_url("slack")
        assert exports["nextStep"] == (
            f"python -m appfabric_connect authorize --bundle {BUNDLE_ARN} "
            f"--authorization {authorization_arn('slack')} --config-path slackCode"
        )

    return run.then(check)


@pulumi_test
def test_oauth2_slack_reuses_a_bundle_given_in_config(
    run_example: MockedRun,
) -> Any:
    mine = BUNDLE_ARN.replace("0f1c2d3e-", "11111111-")
    run = run_example(EXAMPLE, {**CONFIG, "bundleArn": mine}, SECRETS)

    def check(_: dict[str, Any]) -> None:
        assert run.mocks.of_type(APP_BUNDLE) == []
        assert run.mocks.inputs("slack", APP_AUTHORIZATION)["appBundleArn"] == mine
        assert run.mocks.inputs("slack")["app_bundle_identifier"] == mine

    return run.then(check)
