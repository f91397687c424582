"""OAuth authorization codes issued by the consent page, kept by digest and spent once."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

CODE_TTL_S = 600.0


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


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class CodeStore:
    """Issued codes, kept by SHA-256 digest only, so the codes themselves are never stored."""

    def __init__(self, ttl_s: float = CODE_TTL_S) -> None:
        self.ttl_s = ttl_s
        self._codes: dict[str, IssuedCode] = {}

    def issue(self, authorization: str, client_id: str, redirect_uri: str, now: float) -> str:
        self._codes = {k: v for k, v in self._codes.items() if v.expires_at > now}
        code = secrets.token_urlsafe(24)
        expires_at = now + self.ttl_s
        self._codes[_digest(code)] = IssuedCode(authorization, client_id, redirect_uri, expires_at)
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
