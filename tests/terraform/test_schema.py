"""The Terraform schemas come from appfabric_connect.schema, in the shape Terraform has known."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from appfabric_connect import schema as spec
from appfabric_connect.schema import Property
from appfabric_connect.terraform import terraform_schema as schema
from appfabric_connect.terraform.lifecycle_adapter import (
    _core_state,
    _terraform_outputs,
)
from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf
from appfabric_connect.terraform.provider import Provider
from appfabric_connect.terraform.resource import RECONNECTED
from appfabric_connect.terraform.terraform_blocks import Attr
from tests.terraform.shape import provider_shape

GOLDEN = Path(__file__).with_name("schema_shape.json")
SETTINGS = spec.AWS_CONFIG_FIELDS + spec.PROVIDER_ONLY_AWS_FIELDS
TENANT = {"tenant_identifier": "T1", "tenant_display_name": "Team"}


def test_schemas_keep_the_shape_state_and_configurations_depend_on() -> None:
    """Names, types, flags, nesting and item counts; descriptions may change. After a deliberate
    change: ``python -m tests.terraform.shape`` rewrites the golden file."""
    response = Provider().GetProviderSchema(tf.GetProviderSchema.Request(), None)
    assert provider_shape(response) == json.loads(GOLDEN.read_text())


NEW_SETTINGS = [
    (Property("max_backoff", spec.INTEGER, "the longest wait"), "number", {"optional"}),
    (Property("role_tag", spec.STRING, "a secret tag", secret=True), "string", {"sensitive"}),
    (Property("extra_files", spec.LIST, "more files"), ["list", "string"], set()),
    (Property("labels", spec.OBJECT, "names and values"), ["map", "string"], set()),
    (Property("skip_it", spec.BOOLEAN, "skip it"), "bool", set()),
]


@pytest.mark.parametrize(
    ("prop", "cty", "flags"), NEW_SETTINGS, ids=lambda v: getattr(v, "name", "")
)
def test_a_setting_added_to_the_schema_reaches_the_provider_block(
    prop: Property, cty: Any, flags: set[str]
) -> None:
    built = schema.build(settings=(*SETTINGS, prop))
    attr = built.provider.attribute(prop.name)
    assert attr.type == cty
    assert _flags(attr) == {"optional", *flags}
    assert attr.description == schema.description(prop.doc)
    assert built.settings[prop.name] is prop  # the adapter passes it on by its camelCase key


def test_a_settings_object_added_to_the_schema_is_a_provider_block_of_at_most_one() -> None:
    fields = (Property("url", spec.STRING, "the URL", required=True),)
    prop = Property("proxy", spec.OBJECT, "a proxy", fields=fields, type_name="Proxy")
    nested = schema.build(settings=(*SETTINGS, prop)).provider.nested("proxy")
    assert (nested.nesting, nested.max_items) == ("list", 1)
    assert _flags(nested.block.attribute("url")) == {"optional"}


def test_an_output_added_to_the_schema_reaches_the_resource_and_the_data_source() -> None:
    prop = Property("health", spec.STRING, "how the app feels", secret=True)
    built = schema.build(outputs=(*spec.OUTPUTS, prop))
    for block in (built.resource, built.data_source):
        assert _flags(block.attribute("health")) == {"computed", "sensitive"}
    assert built.outputs["health"] == "health"
    assert "health" in built.read_back


def test_an_input_added_to_the_schema_reaches_the_resource() -> None:
    prop = Property("label", spec.STRING, "a label", aws_name="label")
    built = schema.build(inputs=(*spec.INPUTS, prop))
    assert _flags(built.resource.attribute("label")) == {"optional"}
    assert built.paths["label"] == "label"


def test_every_output_has_an_attribute_or_is_an_identifier() -> None:
    identifiers = {p.aws_name for p in spec.INPUTS if p.aws_name}
    for prop in spec.OUTPUTS:
        assert prop.name in schema.SCHEMAS.outputs or prop.name in identifiers


def test_the_attributes_a_reconnect_changes_are_computed_ones() -> None:
    computed = {a.name for a in schema.RESOURCE_BLOCK.attributes if a.computed}
    assert set(RECONNECTED) <= computed
    assert set(schema.SCHEMAS.read_back) <= computed


def test_every_provider_attribute_and_block_is_a_setting_of_the_lifecycle() -> None:
    assert set(schema.SCHEMAS.settings) == set(schema.PROVIDER.names())
    assert schema.SCHEMAS.settings["sts_region"].name == "sts_region"
    assert schema.SCHEMAS.settings["assume_role"].name == "assume_roles"


def test_the_lifecycle_outputs_fill_every_attribute_and_read_back_from_state() -> None:
    outs: dict[str, Any] = {name: f"{name}-value" for name in spec.OUTPUT_NAMES}
    outs.update({name: f"{name}-given" for name in spec.ECHOED_INPUTS}, tenant=TENANT)
    state = _terraform_outputs(outs)
    assert set(state) == {a.name for a in schema.RESOURCE_BLOCK.attributes}
    assert state["id"] == "app_authorization_arn-value"
    assert state["app_bundle_arn"] == "app_bundle_identifier-given"  # as configured
    assert state["tenant"] == [TENANT]
    outs.pop("app_bundle_arn")  # not in Terraform's state: app_bundle_arn is the configured one
    assert _core_state(state) == outs


@pytest.mark.parametrize(
    ("doc", "description"),
    [
        ("the STS endpoint URL", "The STS endpoint URL."),
        ("attempts per call (as pulumi-aws's)", "Attempts per call (as terraform-provider-aws's)."),
    ],
)
def test_descriptions_are_the_schema_docs_as_terraform_sentences(
    doc: str, description: str
) -> None:
    assert schema.description(doc) == description


SECRETS = [
    prop
    for group in (spec.AUTH_REQUEST_FIELDS, spec.AWS_CONFIG_FIELDS, spec.WEB_IDENTITY_FIELDS)
    for prop in group
    if prop.secret
]


@pytest.mark.parametrize("prop", SECRETS, ids=[prop.name for prop in SECRETS])
def test_a_secret_says_so_in_pulumi_s_docs_and_terraform_marks_it_sensitive_instead(
    prop: Property,
) -> None:
    assert prop.pulumi_doc == f"{prop.doc}; {prop.secret_note}"
    assert "made a secret" not in schema.description(prop.doc)


def _flags(attr: Attr) -> set[str]:
    names = ("required", "optional", "computed", "sensitive", "write_only")
    return {name for name in names if getattr(attr, name)}
