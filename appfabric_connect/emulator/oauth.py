"""OAuth 2.0 authorization-code grant (RFC 6749 section 4.1) played by the emulated application."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from .http_types import Request, Response, json_response

if TYPE_CHECKING:
    from .models import AppFabricBackend

AUTHORIZE_PATH = "/oauth2/authorize"
CODE_TTL_S = 600.0


def default_redirect_uri(region: str) -> str:
    return f"https://{region}.console.aws.amazon.com/appfabric/oauth2"


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


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class ConsentError(Exception):
    """An authorization request that must not be redirected back (RFC 6749 section 4.1.2.1)."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


class CodeRejected(Exception):
    """A code that cannot be redeemed; `field` names the offending authRequest member."""

    def __init__(self, field: str, message: str, replayed: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.replayed = replayed


@dataclass
class IssuedCode:
    authorization: str
    client_id: str
    redirect_uri: str
    expires_at: float
    used: bool = False


class CodeStore:
    """Issued codes, kept by SHA-256 digest only, so the codes themselves are never stored."""

    def __init__(self) -> None:
        self._codes: dict[str, IssuedCode] = {}

    def issue(
        self, authorization: str, client_id: str, redirect_uri: str, now: float, ttl: float
    ) -> str:
        self._codes = {k: v for k, v in self._codes.items() if v.expires_at > now}
        code = secrets.token_urlsafe(24)
        self._codes[_digest(code)] = IssuedCode(authorization, client_id, redirect_uri, now + ttl)
        return code

    def redeem(
        self, code: str, authorization: str, client_id: str, redirect_uri: str, now: float
    ) -> None:
        """Spend `code` for `authorization`, or raise CodeRejected (the message omits the code)."""
        issued = self._codes.get(_digest(code))
        if issued is None or issued.authorization != authorization:
            # Inferred: a code presented for another authorization is not spent for its owner.
            raise CodeRejected("authRequest.code", "The authorization code is not valid")
        # Inferred: presenting a code to its own authorization spends it, even if it is rejected.
        was_used, issued.used = issued.used, True
        if was_used:
            raise CodeRejected(
                "authRequest.code", "The authorization code has already been used", replayed=True
            )
        if now >= issued.expires_at:
            raise CodeRejected("authRequest.code", "The authorization code has expired")
        if issued.client_id != client_id:
            raise CodeRejected(
                "authRequest.code", "The authorization code was issued to another client"
            )
        if issued.redirect_uri != redirect_uri:
            raise CodeRejected(
                "authRequest.redirectUri",
                "The redirect URI does not match the one the authorization code was issued for",
            )

    def revoke(self, authorization: str) -> None:
        self._codes = {k: v for k, v in self._codes.items() if v.authorization != authorization}

    def clear(self) -> None:
        self._codes.clear()

    def to_json(self) -> dict[str, Any]:
        return {digest: asdict(code) for digest, code in self._codes.items()}

    def load_json(self, data: Mapping[str, Any]) -> None:
        self._codes = {digest: IssuedCode(**code) for digest, code in data.items()}


def _valid_redirect(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment


def _redirect(redirect_uri: str, **params: str | None) -> Response:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    separator = "&" if "?" in redirect_uri else "?"
    return Response(302, {"Location": f"{redirect_uri}{separator}{query}"})


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
        region = backend.consent_region(authorization, client_id)
    except ConsentError as e:
        return json_response(400, {"error": e.error, "error_description": e.description})
    redirect_uri = param("redirect_uri") or default_redirect_uri(region)
    if not _valid_redirect(redirect_uri):
        description = "redirect_uri must be an absolute http(s) URI without a fragment"
        return json_response(400, {"error": "invalid_request", "error_description": description})
    if param("response_type") != "code":
        return _redirect(redirect_uri, error="unsupported_response_type", state=state)
    try:
        code = backend.issue_code(authorization, client_id, redirect_uri)
    except ConsentError as e:
        return json_response(400, {"error": e.error, "error_description": e.description})
    return _redirect(redirect_uri, code=code, state=state)
