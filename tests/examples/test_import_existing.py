"""examples/import-existing under Pulumi's mocks: a connection declared from an ARN alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest

from .conftest import BUNDLE_ARN, CONNECTION, Run, authorization_arn, is_secret, unsecret

EXAMPLE = "import-existing"
ARN = authorization_arn("console")


@pulumi.runtime.test
def test_import_existing_declares_only_the_connection_from_the_arn(
    run_example: Callable[..., Run],
) -> Any:
    run = run_example(EXAMPLE, {"authorizationArn": ARN})

    def check(_: dict[str, Any]) -> None:
        assert [r.typ for r in run.mocks.registered] == [CONNECTION]
        connection = run.mocks.inputs(CONNECTION, "adopted")
        assert connection["app_authorization_identifier"] == ARN
        assert connection["app_bundle_identifier"] == BUNDLE_ARN
        assert connection.get("auth_request") is None

    return run.then(check)


@pulumi.runtime.test
def test_import_existing_reconnects_with_a_code_from_config_kept_secret(
    run_example: Callable[..., Run],
) -> Any:
    run = run_example(EXAMPLE, {"authorizationArn": ARN}, {"code": "a-new-code"})

    def check(_: dict[str, Any]) -> None:
        auth_request = run.mocks.inputs(CONNECTION, "adopted")["auth_request"]
        assert is_secret(auth_request)
        assert unsecret(auth_request) == {
            "redirect_uri": "https://us-east-1.console.aws.amazon.com/appfabric/oauth2",
            "code": "a-new-code",
        }

    return run.then(check)


@pulumi.runtime.test
def test_import_existing_exports_status_app_tenant_and_arn(
    run_example: Callable[..., Run],
) -> Any:
    run = run_example(EXAMPLE, {"authorizationArn": ARN})

    def check(exports: dict[str, Any]) -> None:
        assert exports["status"] == "Connected"
        assert exports["authorizationArn"] == ARN
        assert {"app", "tenant"} <= set(exports)

    return run.then(check)


def test_import_existing_rejects_a_uuid_with_a_clear_error(
    run_example: Callable[..., Run],
) -> None:
    with pytest.raises(pulumi.RunError, match="must be the app authorization's ARN"):
        run_example(EXAMPLE, {"authorizationArn": ARN.rsplit("/", 1)[1]})
