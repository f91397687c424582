"""Plain request and response values passed between the HTTP server and the handlers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def query(self) -> dict[str, list[str]]:
        _, _, query = self.target.partition("?")
        return parse_qs(query, keep_blank_values=True)


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def json_response(status: int, value: Any) -> Response:
    body = json.dumps(value, separators=(",", ":")).encode()
    return Response(status, {"Content-Type": "application/json"}, body)
