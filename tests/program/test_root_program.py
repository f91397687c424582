"""The root program's wiring, with Pulumi's mocks: one connection per config entry, code secret."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi.runtime import rpc

from appfabric_connect import AppAuthorizationConnection, AuthRequestArgs
from appfabric_connect.program import declare_connections

BUNDLE = "0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
OAUTH = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
APIKEY = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e"
BUNDLE_ARN = f"arn:aws:appfabric:us-east-1:123456789012:appbundle/{BUNDLE}"
REDIRECT = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"


class Mocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        arn = f"{BUNDLE_ARN}/appauthorization/{args.inputs['app_authorization_identifier']}"
        outputs = {"status": "Connected", "app": "SLACK", "app_authorization_arn": arn}
        return arn, {**args.inputs, **outputs}

    def inputs_of(self, name: str) -> dict[str, Any]:
        return next(r.inputs for r in self.registered if r.name == name)

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def mocks() -> Mocks:
    mocks = Mocks()
    pulumi.runtime.set_mocks(mocks, preview=False)
    return mocks


ENTRIES = [
    {
        "name": "slack",
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": OAUTH,
        "auth_request": {"redirect_uri": REDIRECT, "code": "the-code"},
    },
    {"name": "asana", "app_bundle_identifier": BUNDLE, "app_authorization_identifier": APIKEY},
]


@pulumi.runtime.test
def test_program_declares_one_connection_per_config_entry(mocks: Mocks) -> Any:
    connections = declare_connections(ENTRIES)

    def check(statuses: list[str]) -> None:
        assert statuses == ["Connected", "Connected"]
        assert sorted(r.name for r in mocks.registered) == ["asana", "slack"]
        assert {r.typ for r in mocks.registered} == {
            "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
        }

    return pulumi.Output.all(*(c.status for c in connections.values())).apply(check)


@pulumi.runtime.test
def test_program_passes_the_identifiers_through(mocks: Mocks) -> Any:
    connections = declare_connections(ENTRIES)

    def check(_: Any) -> None:
        inputs = mocks.inputs_of("asana")
        assert inputs["app_bundle_identifier"] == BUNDLE
        assert inputs["app_authorization_identifier"] == APIKEY
        assert inputs.get("auth_request") is None

    return connections["asana"].status.apply(check)


@pulumi.runtime.test
def test_program_sends_the_code_as_a_secret(mocks: Mocks) -> Any:
    connections = declare_connections(ENTRIES)

    def check(_: Any) -> None:
        auth_request = mocks.inputs_of("slack")["auth_request"]
        assert rpc.is_rpc_secret(auth_request)
        assert rpc.unwrap_rpc_secret(auth_request)["code"] == "the-code"

    return connections["slack"].status.apply(check)


@pulumi.runtime.test
def test_resource_makes_a_plain_string_code_secret_with_auth_request_args(mocks: Mocks) -> Any:
    connection = AppAuthorizationConnection(
        "direct",
        app_bundle_identifier=BUNDLE,
        app_authorization_identifier=OAUTH,
        auth_request=AuthRequestArgs(redirect_uri=REDIRECT, code="plain-code"),
    )

    def check(_: Any) -> None:
        assert rpc.is_rpc_secret(mocks.inputs_of("direct")["auth_request"])

    return connection.status.apply(check)


@pulumi.runtime.test
def test_resource_exposes_typed_outputs(mocks: Mocks) -> Any:
    connection = AppAuthorizationConnection(
        "typed", app_bundle_identifier=BUNDLE, app_authorization_identifier=APIKEY
    )
    return pulumi.Output.all(connection.status, connection.app, connection.id).apply(
        lambda values: _assert(
            values[0] == "Connected" and values[1] == "SLACK" and APIKEY in values[2]
        )
    )


def _assert(condition: bool) -> None:
    assert condition


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ({"name": "x"}, "must be a list"),
        (["slack"], r"connections\[0\]` must be an object"),
        ([{"app_bundle_identifier": BUNDLE}], r"connections\[0\]`.name is required"),
        ([{"name": "a", "bundle": BUNDLE}], "unknown keys bundle"),
        ([{"name": "a"}, {"name": "a"}], "used twice"),
    ],
)
def test_program_rejects_bad_config_with_a_clear_error(
    mocks: Mocks, entries: Any, expected: str
) -> None:
    with pytest.raises(pulumi.RunError, match=expected):
        declare_connections(entries)


def test_resource_rejects_import_with_a_clear_error(mocks: Mocks) -> None:
    with pytest.raises(pulumi.RunError, match="pulumi/pulumi#16175"):
        AppAuthorizationConnection(
            "imported",
            app_bundle_identifier=BUNDLE,
            app_authorization_identifier=APIKEY,
            opts=pulumi.ResourceOptions(import_=f"{BUNDLE_ARN}/appauthorization/{APIKEY}"),
        )
