"""The Terraform schemas keep the shape that state and configurations depend on."""

from __future__ import annotations

import json
from pathlib import Path

from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf
from appfabric_connect.terraform.provider import Provider
from tests.terraform.shape import provider_shape

GOLDEN = Path(__file__).with_name("schema_shape.json")


def test_schemas_keep_the_shape_state_and_configurations_depend_on() -> None:
    """Names, types, flags, nesting and item counts; descriptions may change."""
    response = Provider().GetProviderSchema(tf.GetProviderSchema.Request(), None)
    assert provider_shape(response) == json.loads(GOLDEN.read_text())
