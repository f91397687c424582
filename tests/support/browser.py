"""The user's browser in the tests: open the consent URL, approve, read the address bar."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def browser_redirect(auth_url: str) -> str:
    """What the address bar shows after approving at ``auth_url``: the redirect's Location."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
    try:
        with opener.open(auth_url, timeout=10) as response:
            raise AssertionError(f"the consent page answered {response.status}, not a redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 302, answer.read()
        return str(answer.headers["Location"])


def printed_auth_url(stdout: str) -> str:
    """The authorization URL `authorize` printed (its indented line)."""
    return next(line.strip() for line in stdout.splitlines() if line.startswith("  http"))
