"""The browser side of OAuth for ``authorize``: consent URL, redirect, a one-shot listener."""

from __future__ import annotations

import http.server
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import CliError


def query_param(url: str, name: str) -> str | None:
    values = parse_qs(urlsplit(url).query, keep_blank_values=True).get(name)
    return values[0] if values else None


def with_redirect_uri(auth_url: str, redirect_uri: str) -> str:
    """``auth_url`` with its ``redirect_uri`` query parameter set (replaced if present)."""
    parts = urlsplit(auth_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query = [(name, value) for name, value in query if name != "redirect_uri"]
    query.append(("redirect_uri", redirect_uri))
    return urlunsplit(parts._replace(query=urlencode(query)))


@dataclass(frozen=True)
class Redirect:
    """What the app sent the browser back with. ``repr`` never shows the code."""

    code: str
    state: str | None

    def __repr__(self) -> str:
        return f"Redirect(code=***, state={self.state!r})"


def parse_redirect(text: str, expected_state: str | None) -> Redirect:
    """The code from a pasted redirect URL (or its query string); its ``state`` must be the
    authorization URL's, when that had one.

    Error messages never include the pasted text: it holds the code.
    """
    text = text.strip()
    query = urlsplit(text).query if "://" in text or text.startswith("/") else text.lstrip("?")
    params = parse_qs(query, keep_blank_values=True)
    error = _first(params, "error")
    if error:
        description = _first(params, "error_description")
        raise CliError(
            f"the app did not authorize AppFabric: error={error}"
            + (f" ({description})" if description else "")
            + ". Open the authorization URL again and approve the app"
        )
    code = _first(params, "code")
    if not code:
        raise CliError(
            "no `code` parameter in what was given: paste the whole address the browser was "
            "sent to after approving the app (it contains ?code=…)"
        )
    state = _first(params, "state")
    if expected_state is not None and state != expected_state:
        raise CliError(
            "the redirect's `state` does not match the authorization URL printed above: it "
            "comes from another consent attempt. Open the URL printed above and try again"
        )
    return Redirect(code, state)


def _first(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def listen_for_redirect(
    port: int, path: str, timeout: float, on_ready: Callable[[], None] = lambda: None
) -> str:
    """Serves 127.0.0.1:``port`` until a request for ``path`` carries ``code`` or ``error``.

    Calls ``on_ready`` once listening. Returns that request's path and query. Other requests (a
    favicon…) get a 404. Nothing is logged: the query holds the code.
    """
    received: list[str] = []
    expected = path or "/"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = parse_qs(parts.query)
            if (parts.path or "/") != expected or not ({"code", "error"} & set(params)):
                self.send_error(404)
                return
            received.append(self.path)
            body = (
                b"<!doctype html><title>AppFabric authorization</title>"
                b"<p>Authorization received. You can close this tab and go back to the terminal."
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Silent: the request line holds the code."""

    try:
        server = http.server.HTTPServer(("127.0.0.1", port), Handler)
    except OSError as error:
        raise CliError(f"cannot listen on 127.0.0.1:{port}: {error.strerror}") from None
    server.timeout = 0.5
    deadline = time.monotonic() + timeout
    try:
        on_ready()
        while not received:
            if time.monotonic() >= deadline:
                raise CliError(
                    f"no redirect reached 127.0.0.1:{port}{expected} within {timeout:g} s"
                )
            server.handle_request()
    finally:
        server.server_close()
    return received[0]
