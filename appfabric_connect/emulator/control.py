"""Control API under /_emulator/ for tests and demos: reset, status, faults, calls and callers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..aws.model import enum_values
from .faults import FaultError
from .http_types import Request, Response, json_response
from .models import AppFabricBackend
from .urls import split_path

PREFIX = "/_emulator"


class ControlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _body(request: Request) -> dict[str, Any]:
    if not request.body.strip():
        return {}
    try:
        value = json.loads(request.body)
    except ValueError:
        raise ControlError(400, "request body is not valid JSON") from None
    if not isinstance(value, dict):
        raise ControlError(400, "request body must be a JSON object")
    return value


def _reset(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    backend.store.clear()
    backend.faults.reset()
    return {"status": "ok"}


def _health(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    return {"status": "ok"}


def _set_status(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    """Simulated service-side drift: the authorization (ARN or UUID) simply has `status` now."""
    status = _body(request).get("status")
    allowed = enum_values("AppAuthorizationStatus")
    if status not in allowed:
        raise ControlError(400, f"status must be one of {', '.join(allowed)}")
    identifier, store = args[0], backend.store
    with store.lock:
        auth = store.authorization(identifier)
        if auth is None:
            raise ControlError(404, f"app authorization {identifier} does not exist")
        auth.status, auth.connects_at, auth.updated_at = status, None, backend.clock()
        store.save()
        return {"appAuthorizationArn": auth.arn, "status": auth.status}


def _get_faults(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    return backend.faults.current()


def _set_faults(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    try:
        return backend.faults.update(_body(request))
    except FaultError as e:
        raise ControlError(400, str(e)) from None


def _calls(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    return backend.faults.call_counts()


def _callers(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    return backend.faults.caller_list()


def _reset_calls(backend: AppFabricBackend, request: Request, args: list[str]) -> Any:
    backend.faults.reset_calls()
    return {"status": "ok"}


Handler = Callable[[AppFabricBackend, Request, list[str]], Any]

ROUTES: tuple[tuple[str, tuple[str, ...], Handler], ...] = (
    ("GET", ("health",), _health),
    ("POST", ("reset",), _reset),
    # "**": the UUID, or a raw ARN whose "/"s split it into several segments
    ("POST", ("appauthorizations", "**", "status"), _set_status),
    ("GET", ("faults",), _get_faults),
    ("POST", ("faults",), _set_faults),
    ("GET", ("calls",), _calls),
    ("POST", ("calls", "reset"), _reset_calls),
    ("GET", ("callers",), _callers),
)


def _match(pattern: tuple[str, ...], segments: list[str]) -> list[str] | None:
    if "**" in pattern:  # one or more segments, given to the handler joined by "/"
        at = pattern.index("**")
        tail = len(pattern) - at - 1
        if len(segments) < len(pattern):
            return None
        middle = "/".join(segments[at : len(segments) - tail])
        segments = [*segments[:at], middle, *segments[len(segments) - tail :]]
        pattern = (*pattern[:at], "*", *pattern[at + 1 :])
    if len(pattern) != len(segments):
        return None
    args = []
    for expected, actual in zip(pattern, segments, strict=True):
        if expected == "*":
            args.append(actual)
        elif expected != actual:
            return None
    return args


def handle(backend: AppFabricBackend, request: Request) -> Response:
    segments = split_path(request.path)[1:]
    path_known = False
    for method, pattern, handler in ROUTES:
        args = _match(pattern, segments)
        if args is None:
            continue
        path_known = True
        if method != request.method:
            continue
        try:
            return json_response(200, handler(backend, request, args))
        except ControlError as e:
            return json_response(e.status, {"error": e.message})
    if path_known:
        return json_response(405, {"error": f"method {request.method} not allowed"})
    return json_response(404, {"error": f"no control route {request.path}"})
