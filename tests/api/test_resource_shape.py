"""The resource in pulumi-aws's shape: Args, ArgsDict, overloads, typed and documented outputs."""

from __future__ import annotations

import inspect
import typing
from typing import Any

import pulumi
import pytest

from appfabric_connect import (
    AppAuthorizationConnection,
    AppAuthorizationConnectionArgs,
    AppAuthorizationConnectionArgsDict,
    AppAuthorizationConnectionTenant,
    AuthRequestArgs,
    AuthRequestArgsDict,
    schema,
)
from appfabric_connect.pulumi.dynamic.args import AppAuthorizationConnectionKwargs
from appfabric_connect.schema import Property
from tests.support.mocks import BUNDLE_ARN, BUNDLE_UUID, TENANT, MockedRun, pulumi_test, unsecret

APIKEY = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e"
ECHOED = tuple(prop for prop in schema.INPUTS if prop.name in schema.ECHOED_INPUTS)
PYTHON_TYPES = {
    "str": str,
    "float": float,
    schema.TENANT: AppAuthorizationConnectionTenant,
    schema.AUTH_REQUEST: AuthRequestArgs,
}


def _doc(value: Any) -> str:
    return " ".join((inspect.getdoc(value) or "").split())


def _returns(getter: property) -> Any:
    assert getter.fget is not None
    return typing.get_type_hints(getter.fget)["return"]


@pytest.mark.parametrize("prop", (*ECHOED, *schema.OUTPUTS), ids=lambda p: p.name)
def test_every_output_is_a_property_documented_as_the_schema_says(prop: Property) -> None:
    getter = inspect.getattr_static(AppAuthorizationConnection, prop.name)

    assert isinstance(getter, property)
    assert _doc(getter) == prop.pulumi_doc


@pytest.mark.parametrize("prop", (*ECHOED, *schema.OUTPUTS), ids=lambda p: p.name)
def test_every_output_is_typed_as_the_schema_says(prop: Property) -> None:
    getter = inspect.getattr_static(AppAuthorizationConnection, prop.name)
    expected = PYTHON_TYPES[prop.python_type]
    always = prop.required or prop.name in schema.ECHOED_INPUTS

    output: Any = pulumi.Output
    assert _returns(getter) == output[expected if always else expected | None]


def test_the_tenant_output_type_has_the_schemas_fields_documented() -> None:
    fields = schema.by_name(schema.OUTPUTS)["tenant"].fields

    for field in fields:
        getter = inspect.getattr_static(AppAuthorizationConnectionTenant, field.name)
        assert _doc(getter) == field.pulumi_doc
        assert _returns(getter) is str
    tenant = schema.by_name(schema.OUTPUTS)["tenant"]
    assert _doc(AppAuthorizationConnectionTenant) == tenant.pulumi_doc


@pytest.mark.parametrize("prop", schema.INPUTS, ids=lambda p: p.name)
def test_every_input_is_a_documented_property_of_the_args_class(prop: Property) -> None:
    getter = inspect.getattr_static(AppAuthorizationConnectionArgs, prop.name)

    assert _doc(getter) == prop.pulumi_doc


def test_the_args_class_requires_exactly_the_schemas_required_inputs() -> None:
    parameters = inspect.signature(AppAuthorizationConnectionArgs).parameters
    required = [name for name, p in parameters.items() if p.default is inspect.Parameter.empty]

    assert list(parameters) == list(schema.INPUT_NAMES)
    assert required == list(schema.REQUIRED_INPUTS)


def test_the_args_dict_has_the_schemas_inputs_and_required_keys() -> None:
    keys = AppAuthorizationConnectionArgsDict.__annotations__

    assert list(keys) == list(schema.INPUT_NAMES)
    assert AppAuthorizationConnectionArgsDict.__required_keys__ == set(schema.REQUIRED_INPUTS)


def test_the_auth_request_types_have_the_schemas_fields() -> None:
    parameters = inspect.signature(AuthRequestArgs).parameters

    assert list(parameters) == list(schema.AUTH_REQUEST_NAMES)
    assert list(AuthRequestArgsDict.__annotations__) == list(schema.AUTH_REQUEST_NAMES)
    for field in schema.AUTH_REQUEST_FIELDS:
        assert _doc(inspect.getattr_static(AuthRequestArgs, field.name)) == field.pulumi_doc


def test_the_constructor_has_the_args_and_the_keyword_overloads() -> None:
    overloads = typing.get_overloads(AppAuthorizationConnection.__init__)

    args_form, keyword_form = (inspect.signature(o).parameters for o in overloads)
    assert list(args_form) == ["self", "resource_name", "args", "opts"]
    assert list(keyword_form) == ["self", "resource_name", "opts", "kwargs"]
    assert keyword_form["kwargs"].annotation == "Unpack[AppAuthorizationConnectionKwargs]"


def test_the_keyword_form_takes_every_input_and_pulumi_aws_names_for_them() -> None:
    keywords = AppAuthorizationConnectionKwargs.__annotations__

    assert list(keywords) == [*schema.INPUT_NAMES, *schema.AWS_ALIASES]
    assert AppAuthorizationConnectionKwargs.__required_keys__ == frozenset()


@pytest.mark.parametrize("missing", schema.REQUIRED_INPUTS)
def test_a_missing_required_argument_is_a_type_error_naming_it_at_construction(
    pulumi_mocks: MockedRun, missing: str
) -> None:
    stack = pulumi_mocks()
    given: dict[str, Any] = {
        "app_bundle_identifier": BUNDLE_UUID,
        "app_authorization_identifier": APIKEY,
    }
    del given[missing]

    with pytest.raises(TypeError, match=f"^Missing required property '{missing}'$"):
        AppAuthorizationConnection("incomplete", **given)
    assert stack.mocks.registered == []


def test_a_misspelt_keyword_is_a_type_error_naming_it_and_the_likely_one(
    pulumi_mocks: MockedRun,
) -> None:
    stack = pulumi_mocks()

    with pytest.raises(TypeError) as raised:
        AppAuthorizationConnection(  # type: ignore[call-overload]
            "misspelt",
            app_bundle_identifier=BUNDLE_UUID,
            app_authorization_identifier=APIKEY,
            conect_timeout=30,
        )

    assert str(raised.value) == (
        "AppAuthorizationConnection got an unexpected keyword argument 'conect_timeout'; "
        "did you mean 'connect_timeout'?"
    )
    assert stack.mocks.registered == []


def test_an_unknown_key_of_an_args_dict_is_a_type_error_listing_the_arguments(
    pulumi_mocks: MockedRun,
) -> None:
    stack = pulumi_mocks()
    given = {"app_bundle_identifier": BUNDLE_UUID, "app_authorization_identifier": APIKEY}

    with pytest.raises(TypeError, match="unexpected keyword argument 'colour' \\(arguments: "):
        AppAuthorizationConnection("extra", {**given, "colour": "blue"})  # type: ignore[call-overload]
    assert stack.mocks.registered == []


@pulumi_test
def test_the_args_form_registers_the_same_inputs_as_the_keyword_form(
    pulumi_mocks: MockedRun,
) -> Any:
    stack = pulumi_mocks()
    given: dict[str, Any] = {
        "app_bundle_identifier": BUNDLE_UUID,
        "app_authorization_identifier": APIKEY,
        "region": "eu-west-1",
        "connect_timeout": 30,
    }
    as_dict = typing.cast(AppAuthorizationConnectionArgsDict, given)
    connections = [
        AppAuthorizationConnection("keywords", **given),
        AppAuthorizationConnection("args", AppAuthorizationConnectionArgs(**given)),
        AppAuthorizationConnection("dict", as_dict),
    ]

    def check(_: Any) -> None:
        inputs = [stack.mocks.inputs(name) for name in ("keywords", "args", "dict")]
        assert inputs[0] == inputs[1] == inputs[2]
        assert {k: inputs[0][k] for k in given} == given

    # All three registered before the check: one resolving first says nothing of the others.
    return pulumi.Output.all(*(connection.id for connection in connections)).apply(check)


@pulumi_test
def test_the_tenant_output_is_a_typed_object(pulumi_mocks: MockedRun) -> Any:
    pulumi_mocks()
    connection = AppAuthorizationConnection(
        "typed", app_bundle_identifier=BUNDLE_UUID, app_authorization_identifier=APIKEY
    )

    def check(tenant: AppAuthorizationConnectionTenant) -> None:
        assert isinstance(tenant, AppAuthorizationConnectionTenant)
        assert tenant.tenant_identifier == TENANT["tenant_identifier"]
        assert tenant.tenant_display_name == TENANT["tenant_display_name"]
        assert tenant["tenant_identifier"] == TENANT["tenant_identifier"]  # still a dict

    return connection.tenant.apply(check)


@pulumi_test
def test_get_looks_up_an_existing_connection_by_id_without_inputs(pulumi_mocks: MockedRun) -> Any:
    stack = pulumi_mocks()
    arn = f"{BUNDLE_ARN}/appauthorization/{APIKEY}"
    existing = AppAuthorizationConnection.get("existing", arn)

    def check(status: str) -> None:
        assert status == "Connected"
        registered = stack.mocks.registered[-1]
        assert (registered.name, registered.resource_id) == ("existing", arn)

    return existing.status.apply(check)


def test_import_is_refused_in_one_line_pointing_at_the_import_file_command(
    pulumi_mocks: MockedRun,
) -> None:
    pulumi_mocks()
    with pytest.raises(pulumi.RunError) as raised:
        AppAuthorizationConnection(
            "imported",
            app_bundle_identifier=BUNDLE_UUID,
            app_authorization_identifier=APIKEY,
            opts=pulumi.ResourceOptions(import_=APIKEY),
        )

    message = str(raised.value)
    assert "\n" not in message
    assert "appfabric-connect import-file --bundle ARN" in message
    assert "pulumi import --file import.json" in message


@pulumi_test
def test_the_code_of_an_auth_request_args_is_a_secret(pulumi_mocks: MockedRun) -> Any:
    stack = pulumi_mocks()
    connection = AppAuthorizationConnection(
        "oauth",
        AppAuthorizationConnectionArgs(
            app_bundle_identifier=BUNDLE_UUID,
            app_authorization_identifier=APIKEY,
            auth_request=AuthRequestArgs(redirect_uri="https://example.com/cb", code="c0de"),
        ),
    )

    def check(_: Any) -> None:
        sent = stack.mocks.inputs("oauth")["auth_request"]
        assert unsecret(sent) == {"redirect_uri": "https://example.com/cb", "code": "c0de"}
        assert sent != unsecret(sent)

    return connection.id.apply(check)
