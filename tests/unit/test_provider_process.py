"""The provider-process driver: engine-shaped requests that leave the caller's event loop alone."""

from __future__ import annotations

import asyncio

import pulumi

from tests.support.mocks import CONNECTION, Mocks, pulumi_test
from tests.support.provider_process import ProviderProcess, from_struct, to_struct, urn


def test_serializing_a_request_keeps_the_callers_event_loop_current() -> None:
    loop = asyncio.get_event_loop_policy().get_event_loop()
    to_struct({"app_bundle_identifier": "bundle"})
    assert asyncio.get_event_loop_policy().get_event_loop() is loop


def test_pulumi_mocks_run_a_program_after_a_provider_process_call() -> None:
    with ProviderProcess() as process:
        process.configure({"aws:region": "us-east-1"})
    pulumi.runtime.set_mocks(Mocks(), preview=False)
    ids: list[str] = []

    @pulumi_test
    def program() -> pulumi.Output[None]:
        inputs = {"app_authorization_identifier": "authorization-arn"}
        return pulumi.CustomResource(CONNECTION, "conn", inputs).id.apply(ids.append)

    program()
    assert ids == ["authorization-arn"]


def test_a_struct_round_trip_keeps_the_values_and_drops_the_provider_blob() -> None:
    values = {"app_bundle_identifier": "bundle", "tenant": {"id": "t-1"}, "__provider": "blob"}
    assert from_struct(to_struct(values)) == {
        "app_bundle_identifier": "bundle",
        "tenant": {"id": "t-1"},
    }


def test_the_urn_names_the_stack_it_is_given() -> None:
    assert urn("conn", stack="dev") == (
        "urn:pulumi:dev::appfabric-connect::"
        "pulumi-python:dynamic/appfabric:AppAuthorizationConnection::conn"
    )
