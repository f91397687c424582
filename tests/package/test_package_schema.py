"""The Pulumi package schema comes from schema.py; property maps cross the wire both ways."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.provider.experimental.property_value import Computed, PropertyValue

from appfabric_connect import schema
from appfabric_connect.aws import provider_args
from appfabric_connect.core import UNKNOWN
from appfabric_connect.naming import camel
from appfabric_connect.pulumi.package.connection import PackageConnection, ProviderSettings
from appfabric_connect.pulumi.package.names import RESOURCE_TOKEN
from appfabric_connect.pulumi.package.pulumi_schema import package_schema
from appfabric_connect.pulumi.package.wire import from_core, to_core, with_secrets


def _resource() -> dict[str, Any]:
    return dict(package_schema()["resources"][RESOURCE_TOKEN])


def _field(value: PropertyValue, key: str) -> PropertyValue:
    assert isinstance(value.value, Mapping), value
    return value.value[key]


def test_every_input_of_schema_py_is_a_camel_case_input_of_the_package() -> None:
    resource = _resource()

    inputs = [prop.name for prop in schema.INPUTS if not prop.dynamic_only]
    assert list(resource["inputProperties"]) == [camel(name) for name in inputs]
    assert resource["requiredInputs"] == ["appBundleIdentifier", "appAuthorizationIdentifier"]


def test_every_output_of_schema_py_is_an_output_of_the_package() -> None:
    outputs = set(_resource()["properties"])

    assert {camel(name) for name in (*schema.ECHOED_INPUTS, *schema.OUTPUT_NAMES)} == outputs


def test_the_oauth_code_is_a_secret_in_the_package_schema() -> None:
    types = package_schema()["types"]

    auth_request = types["appfabric-connect:index:AuthRequest"]
    assert auth_request["properties"]["code"]["secret"] is True
    assert auth_request["required"] == ["redirectUri", "code"]
    assert not {"code", "authRequest"} & set(_resource()["properties"])


def test_values_reach_the_core_in_snake_case_with_secrets_unwrapped_and_unknowns_marked() -> None:
    sent = {
        "appBundleIdentifier": PropertyValue(Computed()),
        "authRequest": PropertyValue(
            {
                "redirectUri": PropertyValue("https://example.com/cb"),
                "code": PropertyValue("the-code", is_secret=True),
            }
        ),
    }

    assert to_core(sent) == {
        "app_bundle_identifier": UNKNOWN,
        "auth_request": {"redirect_uri": "https://example.com/cb", "code": "the-code"},
    }


def test_the_code_goes_back_to_the_engine_as_a_secret_even_when_sent_in_plain_text() -> None:
    sent = {"authRequest": PropertyValue({"code": PropertyValue("the-code")})}

    for returned in (with_secrets(sent), from_core({"auth_request": {"code": "the-code"}})):
        code = _field(returned["authRequest"], "code")
        assert code.is_secret and code.value == "the-code"


def test_outputs_go_back_in_camel_case_with_numbers_as_floats() -> None:
    returned = from_core({"tenant": {"tenant_identifier": "T1"}, "connect_timeout": 30})

    assert _field(returned["tenant"], "tenantIdentifier") == PropertyValue("T1")
    assert returned["connectTimeout"] == PropertyValue(30.0)


def test_provider_settings_give_pulumi_aws_settings_and_the_packages_own_by_name() -> None:
    settings = ProviderSettings(
        {"region": PropertyValue("eu-west-1"), "connectTimeout": PropertyValue("30")}
    )

    assert settings.aws()["region"] == "eu-west-1"
    assert settings.own()["connect_timeout"] == "30"
    assert settings.aws()["profile"] is None


def test_every_pulumi_aws_setting_the_dynamic_resource_reads_is_a_provider_setting() -> None:
    provider = package_schema()["provider"]["inputProperties"]

    assert {camel(name) for name in provider_args.SUPPORTED} - {"assumeRole"} <= set(provider)
    assert set(package_schema()["config"]["variables"]) == set(provider)
    assert provider["assumeRoles"]["items"] == {
        "$ref": "#/types/appfabric-connect:index:ProviderAssumeRole"
    }
    assert {key for key, spec in provider.items() if spec.get("secret")} == {
        "accessKey",
        "secretKey",
        "token",
    }


def test_provider_settings_keep_pulumi_aws_names_and_whole_numbers() -> None:
    role = {"roleArn": PropertyValue("arn:aws:iam::111111111111:role/deploy")}
    settings = ProviderSettings(
        {
            "assumeRoles": PropertyValue([PropertyValue(role)]),
            "maxRetries": PropertyValue(5.0),
        }
    )

    assert settings.aws()["assumeRoles"] == [{"roleArn": "arn:aws:iam::111111111111:role/deploy"}]
    assert settings.aws()["maxRetries"] == 5


def test_check_config_names_an_unknown_setting_and_a_bad_value() -> None:
    checked = PackageConnection().check_config(
        {
            "regoin": PropertyValue("eu-west-1"),
            "assumeRoles": PropertyValue([PropertyValue({"sessionName": PropertyValue("x")})]),
            "version": PropertyValue("0.2.0"),
        }
    )

    failures = dict(checked.failures)
    assert set(failures) == {"regoin", "assumeRoles[0].roleArn"}
    assert "is not a setting of appfabric-connect" in failures["regoin"]
    assert "is required" in failures["assumeRoles[0].roleArn"]
