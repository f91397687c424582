"""AppFabric's botocore service model: the one source of shapes, and the one shape validator.

Offline validation and outputs read the model's JSON themselves (``ModelShape``): importing
botocore's model classes costs about 0.1 s, more than a plugin's whole start should. The emulator
and the clients use botocore's ``ServiceModel`` (``appfabric_model``); ``violations`` takes either.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .once import once

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel

SERVICE = "appfabric"
# botocore.model.Shape.METADATA_ATTRS: the traits a shape's ``metadata`` holds.
_METADATA_ATTRS = (
    "required",
    "min",
    "max",
    "pattern",
    "sensitive",
    "enum",
    "idempotencyToken",
    "error",
    "exception",
    "endpointdiscoveryid",
    "retryable",
    "document",
    "union",
    "contextParam",
    "clientContextParams",
    "requiresLength",
)


class Shape(Protocol):
    """What ``violations`` reads of a shape: botocore's ``Shape`` or a ``ModelShape``."""

    @property
    def name(self) -> str: ...

    @property
    def type_name(self) -> str: ...

    @property
    def metadata(self) -> dict[str, Any]: ...


@once
def appfabric_model() -> ServiceModel:
    import botocore.session

    return botocore.session.get_session().get_service_model(SERVICE)


def operation_model(name: str) -> OperationModel:
    return appfabric_model().operation_model(name)


class ModelShape:
    """A shape of the service model, read as botocore's ``ShapeResolver`` resolves it: a
    member's traits over its target's. Has the attributes of botocore's Shape, StructureShape,
    ListShape and MapShape that validation reads."""

    def __init__(self, name: str, spec: dict[str, Any], shapes: dict[str, Any]) -> None:
        self.name = name
        self.type_name: str = spec["type"]
        self._spec = spec
        self._shapes = shapes

    @cached_property
    def metadata(self) -> dict[str, Any]:
        return {key: self._spec[key] for key in _METADATA_ATTRS if key in self._spec}

    @property
    def required_members(self) -> list[str]:
        return list(self.metadata.get("required", []))

    @property
    def is_tagged_union(self) -> bool:
        return bool(self.metadata.get("union", False))

    @property
    def enum(self) -> list[str]:
        return list(self.metadata.get("enum", []))

    @cached_property
    def members(self) -> dict[str, ModelShape]:
        return {name: self._ref(ref) for name, ref in self._spec.get("members", {}).items()}

    @cached_property
    def member(self) -> ModelShape:
        return self._ref(self._spec["member"])

    @cached_property
    def key(self) -> ModelShape:
        return self._ref(self._spec["key"])

    @cached_property
    def value(self) -> ModelShape:
        return self._ref(self._spec["value"])

    def _ref(self, ref: dict[str, Any]) -> ModelShape:
        return shape_named(ref["shape"], {k: v for k, v in ref.items() if k != "shape"})


def shape_named(name: str, traits: dict[str, Any] | None = None) -> ModelShape:
    """The model's shape ``name``, with a member's ``traits`` over its own."""
    shapes = _service()["shapes"]
    return ModelShape(name, {**shapes[name], **(traits or {})}, shapes)


@once
def _service() -> dict[str, Any]:
    """The service model's JSON: botocore's own file, read without importing botocore."""
    root = _botocore_data()
    versions = sorted(p for p in (root / SERVICE).iterdir() if p.is_dir()) if root else []
    path = _json_file(versions[-1] / "service-2") if versions else None
    if path is None:
        from botocore.loaders import create_loader

        return dict(create_loader().load_service_model(SERVICE, "service-2"))
    return _read_json(path)


@once
def botocore_data(name: str) -> dict[str, Any]:
    """botocore's data file ``name`` (``endpoints``), as ``Session.get_data`` loads it."""
    root = _botocore_data()
    path = _json_file(root / name) if root else None
    if path is None:
        import botocore.session

        return dict(botocore.session.get_session().get_data(name))
    return _read_json(path)


def _botocore_data() -> Path | None:
    """botocore's packaged data directory, when no other data path could override it (then
    botocore's loader is asked, as it searches them)."""
    customer = Path.home() / ".aws" / "models"
    if os.environ.get("AWS_DATA_PATH") or customer.exists():
        return None
    spec = importlib.util.find_spec("botocore")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations))) / "data"
    return root if root.is_dir() else None


def _json_file(stem: Path) -> Path | None:
    for suffix in (".json", ".json.gz"):  # botocore's own order (loaders._JSON_OPEN_METHODS)
        path = stem.with_name(stem.name + suffix)
        if path.is_file():
            return path
    return None


def _read_json(path: Path) -> dict[str, Any]:
    with gzip.open(path) if path.suffix == ".gz" else path.open("rb") as text:
        return dict(json.load(text))


def input_member(operation: str, *path: str) -> ModelShape:
    """The shape of a nested input member, e.g. ``("ConnectAppAuthorization", "authRequest")``."""
    ref = _service()["operations"][operation]["input"]
    member = shape_named(ref["shape"], {k: v for k, v in ref.items() if k != "shape"})
    for name in path:
        assert member.type_name == "structure", name
        member = member.members[name]
    return member


def timestamp_members(shape_name: str) -> frozenset[str]:
    """The members of structure ``shape_name`` that the model types as timestamps."""
    members = shape_named(shape_name).members
    return frozenset(name for name, shape in members.items() if shape.type_name == "timestamp")


def enum_values(shape_name: str) -> list[str]:
    return list(appfabric_model().shape_for(shape_name).enum)  # type: ignore[attr-defined]


@once
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


def _check(shape: Any, value: Any, path: str, found: list[Violation]) -> None:
    # botocore's shapes or ModelShapes alike: by type name, not class
    kind = shape.type_name
    accepted = _KINDS.get(kind)
    is_bool = isinstance(value, bool)
    if accepted is not None and (
        not isinstance(value, accepted) or (is_bool and kind != "boolean")
    ):
        found.append(Violation(path, "type", _KIND_NAMES.get(kind, kind)))
        return
    if kind == "structure":
        for required in shape.required_members:
            if value.get(required) is None:
                found.append(Violation(_join(path, required), "required"))
        present = [key for key in shape.members if value.get(key) is not None]
        if shape.is_tagged_union and len(present) != 1:
            found.append(Violation(path, "one_member"))
        for key in present:
            _check(shape.members[key], value[key], _join(path, key), found)
    elif kind == "list":
        _range(shape, len(value), path, "length", found)
        for index, item in enumerate(value):
            _check(shape.member, item, f"{path}[{index}]", found)
    elif kind == "map":
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
