"""examples/multi-tenant under Pulumi's mocks: one bundle, a connection per config entry."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from tests.support.appfabric import REDIRECT_URI
from tests.support.mocks import (
    APP_AUTHORIZATION,
    APP_BUNDLE,
    BUNDLE_ARN,
    CONNECTION,
    MockedRun,
    MockedStack,
    authorization_arn,
    is_secret,
    pulumi_test,
    unsecret,
)

EXAMPLE = "multi-tenant"
EXISTING = authorization_arn("from-the-console")
ENTRIES: list[dict[str, Any]] = [
    {
        "name": "slack-eng",
        "app": "SLACK",
        "auth_type": "oauth2",
        "tenant_identifier": "T0ENG",
        "tenant_display_name": "Engineering",
        "client_id": "1234.5678",
        "client_secret": "slack-secret",
        "auth_request": {"redirect_uri": REDIRECT_URI, "code": "eng-code"},
    },
    {
        "name": "slack-sales",
        "app": "SLACK",
        "auth_type": "oauth2",
        "tenant_identifier": "T0SALES",
        "client_id": "1234.5678",
        "client_secret": "slack-secret",
    },
    {
        "name": "asana-ops",
        "app": "ASANA",
        "auth_type": "apiKey",
        "tenant_identifier": "1200000000000001",
        "api_key": "asana-token",
    },
    {"name": "okta-corp", "app_authorization_identifier": EXISTING},
]
CONFIG = {"aws:region": "us-east-1"}


def _run(
    run_example: MockedRun,
    entries: list[dict[str, Any]] = ENTRIES,
    statuses: dict[str, str] | None = None,
) -> MockedStack:
    # A list holding secrets is a secret config value, as `pulumi config set --secret --path`
    # makes it.
    return run_example(EXAMPLE, CONFIG, {"connections": entries}, statuses)


@pulumi_test
def test_multi_tenant_creates_one_bundle_for_every_new_authorization(
    run_example: MockedRun,
) -> Any:
    run = _run(run_example)

    def check(_: dict[str, Any]) -> None:
        assert len(run.mocks.of_type(APP_BUNDLE)) == 1
        created = run.mocks.of_type(APP_AUTHORIZATION)
        assert sorted(r.name for r in created) == ["asana-ops", "slack-eng", "slack-sales"]
        assert {r.inputs["appBundleArn"] for r in created} == {BUNDLE_ARN}

    return run.then(check)


@pulumi_test
def test_multi_tenant_connects_each_entry_to_its_authorization(
    run_example: MockedRun,
) -> Any:
    run = _run(run_example)

    def check(_: dict[str, Any]) -> None:
        for name, arn in [
            ("slack-eng", authorization_arn("slack-eng")),
            ("asana-ops", authorization_arn("asana-ops")),
            ("okta-corp", EXISTING),
        ]:
            inputs = run.mocks.inputs(name)
            assert inputs["app_authorization_identifier"] == arn
            assert inputs["app_bundle_identifier"] == BUNDLE_ARN

    return run.then(check)


@pulumi_test
def test_multi_tenant_exports_each_entrys_own_status_by_name(
    run_example: MockedRun,
) -> Any:
    statuses = {"slack-eng": "TokenAutoRotationFailed", "okta-corp": "PendingConnect"}
    run = _run(run_example, statuses=statuses)

    def check(exports: dict[str, Any]) -> None:
        assert exports["statuses"] == {
            "slack-eng": "TokenAutoRotationFailed",
            "slack-sales": "AwaitingCode",
            "asana-ops": "Connected",
            "okta-corp": "PendingConnect",
        }
        assert exports["authorizations"]["slack-sales"] == authorization_arn("slack-sales")

    return run.then(check)


@pulumi_test
def test_multi_tenant_exports_the_authorize_command_of_each_entry_awaiting_a_code(
    run_example: MockedRun,
) -> Any:
    run = _run(run_example)

    def check(exports: dict[str, Any]) -> None:
        assert exports["nextSteps"] == {
            "slack-sales": "python -m appfabric_connect authorize --connection slack-sales "
            f"--bundle {BUNDLE_ARN} --authorization {authorization_arn('slack-sales')}"
        }

    return run.then(check)


@pulumi_test
def test_multi_tenant_waits_for_a_code_before_connecting_a_new_oauth2_authorization(
    run_example: MockedRun,
) -> Any:
    run = _run(run_example)

    def check(_: dict[str, Any]) -> None:
        assert "slack-sales" not in {r.name for r in run.mocks.of_type(CONNECTION)}

    return run.then(check)


@pulumi_test
def test_multi_tenant_sends_codes_and_credentials_as_secrets(
    run_example: MockedRun,
) -> Any:
    run = _run(run_example)

    def check(_: dict[str, Any]) -> None:
        auth_request = run.mocks.inputs("slack-eng")["auth_request"]
        assert is_secret(auth_request)
        assert unsecret(auth_request) == {"redirect_uri": REDIRECT_URI, "code": "eng-code"}
        assert run.mocks.inputs("asana-ops").get("auth_request") is None
        for name in ("slack-eng", "asana-ops"):
            assert is_secret(run.mocks.inputs(name, APP_AUTHORIZATION)["credential"])

    return run.then(check)


@pulumi_test
def test_multi_tenant_with_existing_identifiers_creates_no_aws_resource(
    run_example: MockedRun,
) -> Any:
    mine = BUNDLE_ARN.replace("0f1c2d3e-", "22222222-")
    entries = [
        {"name": "okta-corp", "app_authorization_identifier": EXISTING},
        {
            "name": "slack-eng",
            "app_authorization_identifier": authorization_arn("slack", mine),
            "auth_request": {"code": "eng-code"},
        },
    ]
    run = run_example(EXAMPLE, {"bundleArn": mine}, {"connections": entries})

    def check(exports: dict[str, Any]) -> None:
        assert {r.typ for r in run.mocks.registered} == {CONNECTION}
        assert run.mocks.inputs("okta-corp")["app_bundle_identifier"] == mine
        slack = unsecret(run.mocks.inputs("slack-eng")["auth_request"])
        assert slack["redirect_uri"] == REDIRECT_URI  # the ARN's region, no aws:region needed
        assert set(exports["statuses"]) == {"okta-corp", "slack-eng"}

    return run.then(check)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"name": "x", "tenant": "T0"}, "unknown keys"),
        ({"app": "SLACK"}, "must be an object with a `name`"),
        ({"name": "x", "app": "SLACK"}, "needs app_authorization_identifier"),
    ],
)
def test_multi_tenant_rejects_a_bad_entry_with_a_clear_error(
    run_example: MockedRun, entry: dict[str, Any], expected: str
) -> None:
    with pytest.raises(pulumi.RunError, match=expected):
        _run(run_example, [entry])
