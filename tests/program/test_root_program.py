"""The root program and the resource under Pulumi's mocks: what they declare, pass and export."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from appfabric_connect import AppAuthorizationConnection, AuthRequestArgs, schema
from appfabric_connect.pulumi.dynamic.program import declare_connections
from tests.support.appfabric import REDIRECT_URI
from tests.support.mocks import (
    BUNDLE_ARN,
    BUNDLE_UUID,
    CONNECTION,
    TENANT,
    MockedRun,
    connection_auth_url,
    is_secret,
    pulumi_test,
    unsecret,
)

OAUTH = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
APIKEY = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e"
ENTRIES = [
    {
        "name": "slack",
        "app_bundle_identifier": BUNDLE_UUID,
        "app_authorization_identifier": OAUTH,
        "auth_request": {"redirect_uri": REDIRECT_URI, "code": "the-code"},
    },
    {
        "name": "asana",
        "app_bundle_identifier": BUNDLE_UUID,
        "app_authorization_identifier": APIKEY,
        "region": "eu-west-1",
        "connect_timeout": 30,
    },
]


@pulumi_test
def test_the_program_declares_one_connection_per_config_entry_named_after_it(
    pulumi_mocks: MockedRun,
) -> Any:
    stack = pulumi_mocks()
    connections = declare_connections(ENTRIES)

    def check(_: Any) -> None:
        assert list(connections) == ["slack", "asana"]
        assert sorted(stack.mocks.names(CONNECTION)) == ["asana", "slack"]
        assert len(stack.mocks.registered) == 2

    return stack.then(check)


@pulumi_test
def test_the_program_passes_each_entrys_inputs_to_its_connection(
    pulumi_mocks: MockedRun,
) -> Any:
    stack = pulumi_mocks()
    declare_connections(ENTRIES)

    def check(_: Any) -> None:
        inputs = stack.mocks.inputs("asana")
        assert inputs["app_bundle_identifier"] == BUNDLE_UUID
        assert inputs["app_authorization_identifier"] == APIKEY
        assert inputs["region"] == "eu-west-1"
        assert inputs["connect_timeout"] == 30
        assert inputs.get("auth_request") is None

    return stack.then(check)


@pulumi_test
def test_the_program_sends_the_code_as_a_secret(pulumi_mocks: MockedRun) -> Any:
    stack = pulumi_mocks()
    declare_connections(ENTRIES)

    def check(_: Any) -> None:
        auth_request = stack.mocks.inputs("slack")["auth_request"]
        assert is_secret(auth_request)
        assert unsecret(auth_request) == {"redirect_uri": REDIRECT_URI, "code": "the-code"}

    return stack.then(check)


@pulumi_test
def test_the_program_exports_each_connections_own_status_app_tenant_arn_and_auth_url(
    pulumi_mocks: MockedRun,
) -> Any:
    stack = pulumi_mocks(statuses={"slack": "TokenAutoRotationFailed"})
    declare_connections(ENTRIES)

    def check(exports: dict[str, Any]) -> None:
        assert exports["slack"] == {
            "status": "TokenAutoRotationFailed",
            "app": "SLACK",
            "tenant": TENANT,
            "arn": OAUTH,
            "auth_url": connection_auth_url("slack"),
        }
        assert exports["asana"]["status"] == "Connected"
        assert exports["asana"]["arn"] == APIKEY
        assert exports["asana"]["auth_url"] is None

    return stack.then(check)


@pulumi_test
def test_auth_request_args_make_a_plain_string_code_secret(pulumi_mocks: MockedRun) -> Any:
    stack = pulumi_mocks()
    connection = AppAuthorizationConnection(
        "direct",
        app_bundle_identifier=BUNDLE_UUID,
        app_authorization_identifier=OAUTH,
        auth_request=AuthRequestArgs(redirect_uri=REDIRECT_URI, code="plain-code"),
    )

    def check(_: Any) -> None:
        auth_request = stack.mocks.inputs("direct")["auth_request"]
        assert is_secret(auth_request)
        assert unsecret(auth_request) == {"redirect_uri": REDIRECT_URI, "code": "plain-code"}

    return connection.id.apply(check)


@pulumi_test
def test_the_resource_exposes_every_provider_output_as_an_attribute(
    pulumi_mocks: MockedRun,
) -> Any:
    stack = pulumi_mocks()
    connection = AppAuthorizationConnection(
        "typed", app_bundle_identifier=BUNDLE_UUID, app_authorization_identifier=APIKEY
    )
    values = pulumi.Output.all(*(getattr(connection, name) for name in schema.OUTPUT_NAMES))

    def check(resolved: list[Any]) -> None:
        answered = stack.mocks.outputs("typed")
        assert dict(zip(schema.OUTPUT_NAMES, resolved, strict=True)) == {
            name: answered[name] for name in schema.OUTPUT_NAMES
        }

    return values.apply(check)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ({"name": "x"}, "must be a list"),
        (["slack"], r"connections\[0\]` must be an object"),
        ([{"app_bundle_identifier": BUNDLE_UUID}], r"connections\[0\]`.name is required"),
        ([{"name": "a", "bundle": BUNDLE_UUID}], "unknown keys 'bundle'"),
        ([ENTRIES[0], ENTRIES[0]], "used twice"),
        (
            [{"name": "a", "app_bundle_identifier": BUNDLE_UUID}],
            r"connections\[0\]`.app_authorization_identifier is required: app authorization ARN",
        ),
    ],
)
def test_the_program_rejects_bad_config_with_a_clear_error(
    pulumi_mocks: MockedRun, entries: Any, expected: str
) -> None:
    pulumi_mocks()
    with pytest.raises(pulumi.RunError, match=expected):
        declare_connections(entries)


def test_the_resource_rejects_import_pointing_to_the_pulumi_issue(
    pulumi_mocks: MockedRun,
) -> None:
    pulumi_mocks()
    with pytest.raises(pulumi.RunError, match="pulumi/pulumi#16175"):
        AppAuthorizationConnection(
            "imported",
            app_bundle_identifier=BUNDLE_UUID,
            app_authorization_identifier=APIKEY,
            opts=pulumi.ResourceOptions(import_=f"{BUNDLE_ARN}/appauthorization/{APIKEY}"),
        )


def test_the_list_error_shows_every_key_an_entry_accepts(pulumi_mocks: MockedRun) -> None:
    pulumi_mocks()
    with pytest.raises(pulumi.RunError) as raised:
        declare_connections({"name": "x"})

    shown = str(raised.value).partition("{")[2].rstrip("}")
    assert [key.rstrip("?") for key in shown.split(", ")] == ["name", *schema.INPUT_NAMES]
