"""Terraform values on the wire: msgpack ``DynamicValue``s, unknowns, and schema-shaped objects.

Terraform encodes an object with every attribute of its schema, nulls included, and an unknown
value as msgpack extension 0 (a refined unknown, extension 12, is unknown too).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import msgpack

from ..unknown import UNKNOWN
from .proto import tfplugin6_pb2 as tf

_UNKNOWN_EXT = 0
_REFINED_UNKNOWN_EXT = 12


def _ext_hook(code: int, data: bytes) -> Any:
    if code in (_UNKNOWN_EXT, _REFINED_UNKNOWN_EXT):
        return UNKNOWN
    return msgpack.ExtType(code, data)


def _default(value: Any) -> Any:
    if value is UNKNOWN:
        return msgpack.ExtType(_UNKNOWN_EXT, b"\x00")
    raise TypeError(f"cannot encode {type(value).__name__} for Terraform")


def decode(value: tf.DynamicValue | None) -> Any:
    """A DynamicValue as Python: dicts, lists, str, int/float, bool, None, UNKNOWN."""
    if value is None:
        return None
    if value.msgpack:
        return msgpack.unpackb(value.msgpack, ext_hook=_ext_hook, raw=False, strict_map_key=False)
    if value.json:
        return json.loads(value.json)
    return None


def encode(value: Any) -> tf.DynamicValue:
    return tf.DynamicValue(msgpack=msgpack.packb(value, default=_default, use_bin_type=True))


def has_unknown(value: Any) -> bool:
    if isinstance(value, Mapping):
        return any(has_unknown(item) for item in value.values())
    if isinstance(value, list):
        return any(has_unknown(item) for item in value)
    return value is UNKNOWN


def known(value: Any) -> Any:
    """``value`` with every unknown part left out (None in its place)."""
    if isinstance(value, Mapping):
        return {key: known(item) for key, item in value.items()}
    if isinstance(value, list):
        return [known(item) for item in value]
    return None if value is UNKNOWN else value
