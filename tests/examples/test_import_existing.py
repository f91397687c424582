"""examples/import-existing under Pulumi's mocks: a connection declared from an ARN alone."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from tests.support.appfabric import REDIRECT_URI
from tests.support.mocks import (
    BUNDLE_ARN,
    CONNECTION,
    TENANT,
    MockedRun,
    authorization_arn,
    is_secret,
    pulumi_test,
    unsecret,
)

EXAMPLE = "import-existing"
ARN = authorization_arn("console")


@pulumi_test
def test_import_existing_declares_only_the_connection_from_the_arn(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, {"authorizationArn": ARN})

    def check(_: dict[str, Any]) -> None:
        assert [r.typ for r in run.mocks.registered] == [CONNECTION]
        connection = run.mocks.inputs("adopted")
        assert connection["app_authorization_identifier"] == ARN
        assert connection["app_bundle_identifier"] == BUNDLE_ARN
        assert connection.get("auth_request") is None

    return run.then(check)


@pulumi_test
def test_import_existing_reconnects_with_a_code_from_config_kept_secret(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, {"authorizationArn": ARN}, {"code": "a-new-code"})

    def check(_: dict[str, Any]) -> None:
        auth_request = run.mocks.inputs("adopted")["auth_request"]
        assert is_secret(auth_request)
        assert unsecret(auth_request) == {
            "redirect_uri": REDIRECT_URI,
            "code": "a-new-code",
        }

    return run.then(check)


@pulumi_test
def test_import_existing_exports_the_connections_status_app_tenant_and_arn(
    run_example: MockedRun,
) -> Any:
    run = run_example(
        EXAMPLE, {"authorizationArn": ARN}, statuses={"adopted": "TokenAutoRotationFailed"}
    )

    def check(exports: dict[str, Any]) -> None:
        assert exports == {
            "status": "TokenAutoRotationFailed",
            "app": "SLACK",
            "tenant": TENANT,
            "authorizationArn": ARN,
        }

    return run.then(check)


def test_import_existing_rejects_a_uuid_with_a_clear_error(
    run_example: MockedRun,
) -> None:
    with pytest.raises(pulumi.RunError, match="must be the app authorization's ARN"):
        run_example(EXAMPLE, {"authorizationArn": ARN.rsplit("/", 1)[1]})
