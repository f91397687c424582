"""The restJson1 codec: requests to validated parameters, outputs and errors to responses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import formatdate
from typing import Any

from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape

from ..aws.model import appfabric_model, violations
from .exceptions import AppFabricError, ValidationException


def _from_text(shape: Shape, text: str) -> Any:
    """Convert a query-string or header value to the member's type (left as text if it won't)."""
    if shape.type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            return text
    if shape.type_name == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


def parse_request(
    operation: OperationModel,
    labels: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
    body: bytes,
) -> dict[str, Any]:
    """Build the operation's input parameters from a restJson1 request, then validate them.

    `headers` has lower-case names.
    """
    shape = operation.input_shape
    if shape is None:
        return {}
    payload: Any = {}
    if body.strip():
        try:
            payload = json.loads(body)
        except ValueError:
            raise ValidationException("Request body is not valid JSON", "cannotParse") from None
        if not isinstance(payload, dict):
            raise ValidationException("Request body must be a JSON object", "cannotParse")
    params: dict[str, Any] = {}
    for member, member_shape in shape.members.items():
        location = member_shape.serialization.get("location")
        wire = member_shape.serialization.get("name", member)
        if location == "uri":
            if wire in labels:
                params[member] = labels[wire]
        elif location == "querystring":
            if wire in query:
                values = query[wire]
                if member_shape.type_name == "list":
                    assert isinstance(member_shape, ListShape)
                    params[member] = [_from_text(member_shape.member, v) for v in values]
                else:
                    params[member] = _from_text(member_shape, values[0])
        elif location == "header":
            if wire.lower() in headers:
                params[member] = _from_text(member_shape, headers[wire.lower()])
        elif member in payload and payload[member] is not None:
            params[member] = payload[member]
    found = violations(shape, params)
    if found:
        raise ValidationException.for_violations(found)
    return params


def _timestamp(value: datetime | float, fmt: str) -> Any:
    if isinstance(value, datetime):
        value = value.timestamp()
    if fmt == "unixTimestamp":
        return round(value, 3)
    if fmt == "rfc822":
        return formatdate(value, usegmt=True)
    moment = datetime.fromtimestamp(value, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _serialize(shape: Shape, value: Any, default_timestamp: str = "unixTimestamp") -> Any:
    kind = shape.type_name
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        return {
            key: _serialize(member, value[key])
            for key, member in shape.members.items()
            if value.get(key) is not None and "location" not in member.serialization
        }
    if kind == "list":
        assert isinstance(shape, ListShape)
        return [_serialize(shape.member, item) for item in value]
    if kind == "map":
        assert isinstance(shape, MapShape)
        return {key: _serialize(shape.value, item) for key, item in value.items()}
    if kind == "timestamp":
        return _timestamp(value, shape.serialization.get("timestampFormat", default_timestamp))
    return value


def _header_members(shape: StructureShape, value: Mapping[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, member in shape.members.items():
        if member.serialization.get("location") == "header" and value.get(key) is not None:
            item = value[key]
            if member.type_name == "timestamp":
                item = _timestamp(item, member.serialization.get("timestampFormat", "rfc822"))
            headers[member.serialization.get("name", key)] = str(item)
    return headers


def serialize_output(
    operation: OperationModel, value: Mapping[str, Any]
) -> tuple[int, dict[str, str], bytes]:
    """Serialize an operation's output: status as modeled, header members, JSON body.

    Members that are not in the output shape are dropped.
    """
    status = int(operation.http.get("responseCode", 200))
    shape = operation.output_shape
    headers: dict[str, str] = {}
    body: dict[str, Any] = {}
    if shape is not None:
        assert isinstance(shape, StructureShape)
        headers = _header_members(shape, value)
        body = _serialize(shape, value)
    if status == 204:
        return status, headers, b""
    headers["Content-Type"] = "application/json"
    return status, headers, json.dumps(body, separators=(",", ":")).encode()


def serialize_error(error: AppFabricError) -> tuple[int, dict[str, str], bytes]:
    """Serialize a modeled error in restJson1 form: X-Amzn-ErrorType header and a JSON body."""
    shape = appfabric_model().shape_for(error.code)
    assert isinstance(shape, StructureShape)
    members = error.members()
    headers = _header_members(shape, members)
    headers["X-Amzn-ErrorType"] = error.code
    headers["Content-Type"] = "application/json"
    body = json.dumps(_serialize(shape, members), separators=(",", ":")).encode()
    return int(shape.metadata["error"]["httpStatusCode"]), headers, body
