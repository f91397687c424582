"""Salted SHA-256 fingerprints of OAuth codes: detect a new code without storing it."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_SCHEME = "sha256"


def fingerprint(code: str) -> str:
    salt = secrets.token_hex(16)
    return f"{_SCHEME}:{salt}:{_digest(salt, code)}"


def matches(code: str, stored: object) -> bool:
    """True if ``stored`` is the fingerprint of ``code``."""
    if not isinstance(stored, str):
        return False
    scheme, _, rest = stored.partition(":")
    salt, _, digest = rest.partition(":")
    if scheme != _SCHEME or not salt or not digest:
        return False
    return hmac.compare_digest(digest, _digest(salt, code))


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()
