"""AppFabric's botocore service model: the one source of patterns, lengths and enums."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import botocore.session
from botocore.model import ServiceModel, Shape


@cache
def appfabric_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("appfabric")


def input_member(operation: str, *path: str) -> Shape:
    """The shape of a nested input member, e.g. ``("ConnectAppAuthorization", "authRequest")``."""
    shape = appfabric_model().operation_model(operation).input_shape
    assert shape is not None, operation
    member: Shape = shape
    for name in path:
        member = member.members[name]  # type: ignore[attr-defined]
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
