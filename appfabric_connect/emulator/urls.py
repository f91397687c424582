"""Route table of the AppFabric REST API, derived from botocore's service model."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import unquote

from ..aws.model import appfabric_model


@dataclass(frozen=True)
class Route:
    operation: str
    method: str
    uri: str

    @functools.cached_property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.uri.split("?", 1)[0].split("/")[1:])

    def match(self, segments: list[str]) -> dict[str, str] | None:
        """Labels captured from the already-decoded path segments, or None."""
        labels: dict[str, str] = {}
        for index, template in enumerate(self.segments):
            if template.startswith("{") and template.endswith("+}"):
                labels[template[1:-2]] = "/".join(segments[index:])
                return labels
            if index >= len(segments):
                return None
            if template.startswith("{") and template.endswith("}"):
                labels[template[1:-1]] = segments[index]
            elif template != segments[index]:
                return None
        return labels if len(segments) == len(self.segments) else None


@functools.cache
def routes() -> tuple[Route, ...]:
    model = appfabric_model()
    table = []
    for name in model.operation_names:
        http = model.operation_model(name).http
        table.append(Route(name, http["method"], http["requestUri"]))
    return tuple(table)


def split_path(raw_path: str) -> list[str]:
    """Path segments, split on '/' before percent-decoding (ARN labels arrive as `%2F`)."""
    return [unquote(segment) for segment in raw_path.split("/")[1:]]


def match_route(method: str, raw_path: str) -> tuple[Route, dict[str, str]] | None:
    segments = split_path(raw_path)
    for route in routes():
        if route.method == method:
            labels = route.match(segments)
            if labels is not None:
                return route, labels
    return None
