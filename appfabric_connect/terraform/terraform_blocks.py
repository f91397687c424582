"""Terraform schema blocks: attributes and nested blocks, as protobuf and as value shapes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .proto import tfplugin6_pb2 as tf

STRING, NUMBER, BOOL = "string", "number", "bool"
STRINGS: Any = ["list", STRING]
STRING_SET: Any = ["set", STRING]
STRING_MAP: Any = ["map", STRING]


@dataclass(frozen=True)
class Attr:
    name: str
    type: Any  # a cty type, as Terraform's JSON spells it
    description: str
    required: bool = False
    optional: bool = False
    computed: bool = False
    sensitive: bool = False
    write_only: bool = False

    def proto(self) -> tf.Schema.Attribute:
        return tf.Schema.Attribute(
            name=self.name,
            type=json.dumps(self.type, sort_keys=True).encode(),
            description=self.description,
            required=self.required,
            optional=self.optional,
            computed=self.computed,
            sensitive=self.sensitive,
            write_only=self.write_only,
        )


@dataclass(frozen=True)
class Nested:
    name: str
    block: Block
    nesting: Literal["list", "single"] = "list"
    max_items: int = 0

    def proto(self) -> tf.Schema.NestedBlock:
        mode = (
            tf.Schema.NestedBlock.LIST if self.nesting == "list" else tf.Schema.NestedBlock.SINGLE
        )
        return tf.Schema.NestedBlock(
            type_name=self.name, block=self.block.proto(), nesting=mode, max_items=self.max_items
        )


@dataclass(frozen=True)
class Block:
    attributes: tuple[Attr, ...]
    blocks: tuple[Nested, ...] = ()
    description: str = ""

    def proto(self) -> tf.Schema.Block:
        return tf.Schema.Block(
            attributes=[a.proto() for a in self.attributes],
            block_types=[b.proto() for b in self.blocks],
            description=self.description,
        )

    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.attributes) + tuple(b.name for b in self.blocks)

    def attribute(self, name: str) -> Attr:
        return next(a for a in self.attributes if a.name == name)

    def nested(self, name: str) -> Nested:
        return next(b for b in self.blocks if b.name == name)

    def conform(self, value: Mapping[str, Any] | None) -> dict[str, Any]:
        """``value`` with exactly this block's attributes and blocks (missing ones null/empty)."""
        value = value or {}
        shaped: dict[str, Any] = {a.name: value.get(a.name) for a in self.attributes}
        for nested in self.blocks:
            item = value.get(nested.name)
            if nested.nesting == "single":
                shaped[nested.name] = None if item is None else nested.block.conform(item)
            else:
                shaped[nested.name] = [nested.block.conform(i) for i in item or []]
        return shaped

    def write_only_nulled(self, value: dict[str, Any]) -> dict[str, Any]:
        """``value`` with every write-only attribute null, as plan and state must have it."""
        shaped = dict(value)
        for attr in self.attributes:
            if attr.write_only:
                shaped[attr.name] = None
        for nested in self.blocks:
            item = shaped.get(nested.name)
            if isinstance(item, list):
                shaped[nested.name] = [nested.block.write_only_nulled(i) for i in item]
            elif isinstance(item, dict):
                shaped[nested.name] = nested.block.write_only_nulled(item)
        return shaped


def schema(block: Block, version: int = 0) -> tf.Schema:
    return tf.Schema(version=version, block=block.proto())
