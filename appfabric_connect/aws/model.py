"""AppFabric's botocore service model: the one source of shapes, and the one shape validator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape


@cache
def appfabric_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("appfabric")


def operation_model(name: str) -> OperationModel:
    return appfabric_model().operation_model(name)


def input_member(operation: str, *path: str) -> Shape:
    """The shape of a nested input member, e.g. ``("ConnectAppAuthorization", "authRequest")``."""
    shape = operation_model(operation).input_shape
    assert shape is not None, operation
    member: Shape = shape
    for name in path:
        assert isinstance(member, StructureShape), name
        member = member.members[name]
    return member


def constraint(shape: Shape, key: str) -> Any:
    return shape.metadata.get(key)


def enum_values(shape_name: str) -> list[str]:
    return list(appfabric_model().shape_for(shape_name).enum)  # type: ignore[attr-defined]


@cache
def compiled(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


def pattern(shape: Shape) -> re.Pattern[str] | None:
    raw = shape.metadata.get("pattern")
    return compiled(raw) if raw else None


@dataclass(frozen=True)
class Violation:
    """One broken constraint: where (``authRequest.code``), which rule, and the rule's limit."""

    path: str
    rule: str  # required, type, min_length, max_length, pattern, enum, min_value, max_value,
    # one_member
    limit: Any = None


_KINDS = {
    "structure": (dict,),
    "map": (dict,),
    "list": (list,),
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "float": (int, float),
    "double": (int, float),
    "timestamp": (str, int, float, datetime),
}
_KIND_NAMES = {"long": "integer", "float": "number", "double": "number"}


def violations(shape: Shape, value: Any, path: str = "") -> list[Violation]:
    """Every constraint of ``shape`` that ``value`` breaks (required, type, length, range, …).

    Smithy patterns are not implicitly anchored, so they are matched with ``re.search``.
    """
    found: list[Violation] = []
    _check(shape, value, path, found)
    return found


def _check(shape: Shape, value: Any, path: str, found: list[Violation]) -> None:
    kind = shape.type_name
    accepted = _KINDS.get(kind)
    is_bool = isinstance(value, bool)
    if accepted is not None and (
        not isinstance(value, accepted) or (is_bool and kind != "boolean")
    ):
        found.append(Violation(path, "type", _KIND_NAMES.get(kind, kind)))
        return
    if isinstance(shape, StructureShape):
        for required in shape.required_members:
            if value.get(required) is None:
                found.append(Violation(_join(path, required), "required"))
        present = [key for key in shape.members if value.get(key) is not None]
        if shape.is_tagged_union and len(present) != 1:
            found.append(Violation(path, "one_member"))
        for key in present:
            _check(shape.members[key], value[key], _join(path, key), found)
    elif isinstance(shape, ListShape):
        _range(shape, len(value), path, "length", found)
        for index, item in enumerate(value):
            _check(shape.member, item, f"{path}[{index}]", found)
    elif isinstance(shape, MapShape):
        _range(shape, len(value), path, "length", found)
        for key, item in value.items():
            _check(shape.key, key, f"{path}.key", found)
            _check(shape.value, item, f"{path}[{key}]", found)
    elif kind == "string":
        _range(shape, len(value), path, "length", found)
        model_pattern = pattern(shape)
        if model_pattern is not None and not model_pattern.search(value):
            found.append(Violation(path, "pattern", model_pattern.pattern))
        allowed = shape.metadata.get("enum")
        if allowed and value not in allowed:
            found.append(Violation(path, "enum", list(allowed)))
    elif kind in ("integer", "long"):
        _range(shape, value, path, "value", found)


def _range(shape: Shape, size: int, path: str, what: str, found: list[Violation]) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < low:
        found.append(Violation(path, f"min_{what}", low))
    if high is not None and size > high:
        found.append(Violation(path, f"max_{what}", high))


def _join(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member
