"""Request pipeline: control API, OAuth consent page, and the AppFabric API with its faults."""

from __future__ import annotations

import contextlib
import logging
import re
import time
import uuid

from ..aws.model import appfabric_model, operation_model
from . import consent, control
from .exceptions import (
    AccessDeniedException,
    AppFabricError,
    InternalServerException,
    ValidationException,
)
from .http_types import Request, Response
from .models import AppFabricBackend
from .protocol import parse_request, serialize_error, serialize_output
from .responses import AppFabricResponse, RequestContext
from .urls import match_route

logger = logging.getLogger(__name__)

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/(\d{8})/([^/,\s]*)/([^/,\s]+)/aws4_request")
_AMBIGUOUS = "ConnectAppAuthorization"


class EmulatorApp:
    """Turns a Request into a Response; transport-independent, so it is easy to test."""

    def __init__(self, backend: AppFabricBackend, region: str, host: str = "127.0.0.1") -> None:
        self.backend = backend
        self.region = region
        self.host = host
        self.responses = AppFabricResponse(backend)

    def handle(self, request: Request) -> Response:
        path = request.path
        if path == control.PREFIX or path.startswith(control.PREFIX + "/"):
            return control.handle(self.backend, request)
        if path == consent.AUTHORIZE_PATH:
            return consent.authorize(self.backend, request)
        try:
            status, headers, body = self._call(request)
        except AppFabricError as e:
            status, headers, body = serialize_error(e)
        except Exception:
            logger.exception("unhandled error in %s %s", request.method, path)
            status, headers, body = serialize_error(InternalServerException("Internal error"))
        headers["x-amzn-RequestId"] = str(uuid.uuid4())
        return Response(status, headers, body)

    def _credential_scope(self, request: Request) -> tuple[str, str]:
        """Access key ID and region of the SigV4 credential scope; the signature is not checked."""
        authorization = request.headers.get("authorization", "")
        if authorization.startswith("AWS4-HMAC-SHA256 "):
            scope = _CREDENTIAL.search(authorization)
        else:
            query = request.query
            signed = query.get("X-Amz-Algorithm") == ["AWS4-HMAC-SHA256"]
            credential = query.get("X-Amz-Credential", [""])[0]
            scope = _CREDENTIAL.search(f"Credential={credential}") if signed else None
            if not signed:
                raise AccessDeniedException("Request is missing a SigV4 Authorization header")
        if scope is None:
            raise AccessDeniedException("Authorization header has no valid credential scope")
        service = appfabric_model().signing_name
        if scope[4] != service:
            raise AccessDeniedException(f"Credential should be scoped to service '{service}'")
        return scope[1], scope[3] or self.region

    def _call(self, request: Request) -> tuple[int, dict[str, str], bytes]:
        matched = match_route(request.method, request.path)
        if matched is None:
            # Inferred: an unmodeled route is answered like an unknown operation.
            raise ValidationException(
                f"No AppFabric operation matches {request.method} {request.path}",
                "unknownOperation",
            )
        route, labels = matched
        faults = self.backend.faults
        faults.record_call(route.operation)
        if faults.latency_s > 0:
            time.sleep(faults.latency_s)
        access_key, region = self._credential_scope(request)
        faults.record_caller(route.operation, access_key)
        fault = faults.draw()
        if fault is not None:
            raise fault
        handler = self.responses.handler(route.operation)
        if handler is None:
            raise ValidationException(
                f"Operation {route.operation} is not supported by the AppFabric emulator",
                "unknownOperation",
            )
        operation = operation_model(route.operation)
        params = parse_request(operation, labels, request.query, request.headers, request.body)
        ctx = RequestContext(region, request.headers.get("host") or self.host)
        if route.operation == _AMBIGUOUS and faults.take_ambiguous_connect():
            with contextlib.suppress(AppFabricError):
                handler(params, ctx)
            raise InternalServerException("Internal server error (injected fault)", 0)
        return serialize_output(operation, handler(params, ctx))
