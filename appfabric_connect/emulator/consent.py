"""The OAuth consent page (RFC 6749 section 4.1) the emulated application shows the user."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from ..aws.arn import console_redirect_uri
from .http_types import Request, Response, json_response

if TYPE_CHECKING:
    from .models import AppFabricBackend
    from .store import AppAuthorization

AUTHORIZE_PATH = "/oauth2/authorize"


class ConsentError(Exception):
    """An authorization request that must not be redirected back (RFC 6749 section 4.1.2.1)."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


def auth_url(host: str, client_id: str, authorization: str) -> str:
    """The consent URL; a fresh `state` each time, as the real authUrl changes between reads."""
    query = urlencode(
        {
            "client_id": client_id,
            "response_type": "code",
            "app_authorization": authorization,
            "state": secrets.token_urlsafe(16),
        }
    )
    return f"http://{host}{AUTHORIZE_PATH}?{query}"


def authorize(backend: AppFabricBackend, request: Request) -> Response:
    """Consent page: the user "approves" at once and the browser is redirected with a code."""
    if request.method != "GET":
        return json_response(405, {"error": "invalid_request", "error_description": "use GET"})
    query = request.query

    def param(name: str) -> str | None:
        values = query.get(name)
        return values[0] if values else None

    authorization = param("app_authorization") or ""
    client_id = param("client_id") or ""
    state = param("state")
    try:
        region = _region(backend, authorization, client_id)
    except ConsentError as e:
        return json_response(400, {"error": e.error, "error_description": e.description})
    redirect_uri = param("redirect_uri") or console_redirect_uri(region)
    if not _valid_redirect(redirect_uri):
        description = "redirect_uri must be an absolute http(s) URI without a fragment"
        return json_response(400, {"error": "invalid_request", "error_description": description})
    if param("response_type") != "code":
        return _redirect(redirect_uri, error="unsupported_response_type", state=state)
    try:
        code = _issue_code(backend, authorization, client_id, redirect_uri)
    except ConsentError as e:
        return json_response(400, {"error": e.error, "error_description": e.description})
    return _redirect(redirect_uri, code=code, state=state)


def _authorization(backend: AppFabricBackend, uuid: str, client_id: str) -> AppAuthorization:
    auth = backend.store.authorizations.get(uuid)
    if auth is None or auth.auth_type != "oauth2":
        raise ConsentError("invalid_request", "unknown app_authorization")
    if auth.client_id != client_id:
        raise ConsentError("invalid_client", "client_id does not match the app authorization")
    return auth


def _region(backend: AppFabricBackend, authorization: str, client_id: str) -> str:
    store = backend.store
    with store.lock:
        auth = _authorization(backend, authorization, client_id)
        return store.bundles[auth.bundle_uuid].region


def _issue_code(
    backend: AppFabricBackend, authorization: str, client_id: str, redirect_uri: str
) -> str:
    store = backend.store
    with store.lock:
        auth = _authorization(backend, authorization, client_id)
        code = store.codes.issue(auth.uuid, client_id, redirect_uri, backend.clock())
        store.save()
        return code


def _valid_redirect(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment


def _redirect(redirect_uri: str, **params: str | None) -> Response:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    separator = "&" if "?" in redirect_uri else "?"
    return Response(302, {"Location": f"{redirect_uri}{separator}{query}"})
