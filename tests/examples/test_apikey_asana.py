"""examples/apikey-asana under Pulumi's mocks: an apiKey authorization, connected without a code."""

from __future__ import annotations

from typing import Any

from tests.support.mocks import (
    APP_AUTHORIZATION,
    BUNDLE_ARN,
    TENANT,
    MockedRun,
    authorization_arn,
    is_secret,
    pulumi_test,
    unsecret,
)

EXAMPLE = "apikey-asana"
CONFIG = {"aws:region": "us-east-1", "tenantId": "1200000000000001", "tenantName": "Ops"}
SECRETS = {"asanaToken": "asana-service-account-token"}


@pulumi_test
def test_apikey_asana_connects_the_authorization_it_creates_without_an_auth_request(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        connection = run.mocks.inputs("asana")
        assert connection["app_authorization_identifier"] == authorization_arn("asana")
        assert connection["app_bundle_identifier"] == BUNDLE_ARN
        assert connection.get("auth_request") is None

    return run.then(check)


@pulumi_test
def test_apikey_asana_creates_an_api_key_authorization_with_a_secret_token(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        authorization = run.mocks.inputs("asana", APP_AUTHORIZATION)
        assert (authorization["app"], authorization["authType"]) == ("ASANA", "apiKey")
        assert is_secret(authorization["credential"])
        assert unsecret(authorization["credential"]) == {
            "apiKeyCredentials": [{"apiKey": "asana-service-account-token"}]
        }
        assert authorization["tenants"] == [
            {"tenantIdentifier": "1200000000000001", "tenantDisplayName": "Ops"}
        ]

    return run.then(check)


@pulumi_test
def test_apikey_asana_exports_its_connections_status_tenant_and_arns(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS, statuses={"asana": "PendingConnect"})

    def check(exports: dict[str, Any]) -> None:
        assert exports["status"] == "PendingConnect"
        assert exports["tenant"] == TENANT
        assert exports["authorizationArn"] == authorization_arn("asana")
        assert exports["bundleArn"] == BUNDLE_ARN

    return run.then(check)
