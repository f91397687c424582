"""A Terraform schema's shape: names, types, flags, nesting and item counts; no descriptions."""

from __future__ import annotations

import json
from typing import Any

from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf

_FLAGS = ("required", "optional", "computed", "sensitive", "write_only", "deprecated")


def block_shape(block: tf.Schema.Block) -> dict[str, Any]:
    return {
        "attributes": {
            attr.name: {
                "type": json.loads(attr.type),
                "flags": [flag for flag in _FLAGS if getattr(attr, flag)],
            }
            for attr in sorted(block.attributes, key=lambda a: a.name)
        },
        "blocks": {
            nested.type_name: {
                "nesting": tf.Schema.NestedBlock.NestingMode.Name(nested.nesting),
                "min_items": nested.min_items,
                "max_items": nested.max_items,
                "block": block_shape(nested.block),
            }
            for nested in sorted(block.block_types, key=lambda b: b.type_name)
        },
    }


def schema_shape(schema: tf.Schema) -> dict[str, Any]:
    return {"version": schema.version, "block": block_shape(schema.block)}


def provider_shape(response: tf.GetProviderSchema.Response) -> dict[str, Any]:
    """``GetProviderSchema``'s answer as JSON-able data, every map sorted by name."""
    return {
        "provider": schema_shape(response.provider),
        "resources": {
            name: schema_shape(response.resource_schemas[name])
            for name in sorted(response.resource_schemas)
        },
        "data_sources": {
            name: schema_shape(response.data_source_schemas[name])
            for name in sorted(response.data_source_schemas)
        },
    }


def main() -> None:
    """Rewrites the golden shape from today's schemas: after a deliberate change of them."""
    from appfabric_connect.terraform.provider import Provider
    from tests.terraform.test_schema import GOLDEN

    response = Provider().GetProviderSchema(tf.GetProviderSchema.Request(), None)
    GOLDEN.write_text(json.dumps(provider_shape(response), indent=2) + "\n")


if __name__ == "__main__":
    main()
