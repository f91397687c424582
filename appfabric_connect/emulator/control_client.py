"""Python client of the emulator's control API and of its OAuth consent page (stdlib only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit, urlunsplit


class EmulatorControlError(RuntimeError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class EmulatorControl:
    """Drives /_emulator/ (reset, status, faults, calls) and plays the browser for OAuth.

    Requests bypass any proxy configured in the environment.
    """

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}/_emulator/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                message = str(json.loads(payload)["error"])
            except (ValueError, KeyError, TypeError):
                message = payload.decode(errors="replace")
            raise EmulatorControlError(e.code, message) from None

    def ping(self) -> bool:
        """True when the emulator answers."""
        try:
            return bool(self._call("GET", "health").get("status") == "ok")
        except (OSError, EmulatorControlError):
            return False

    def reset(self) -> None:
        self._call("POST", "reset")

    def set_status(self, authorization: str, status: str) -> None:
        """Force an app authorization's status; `authorization` is its ARN or UUID."""
        self._call(
            "POST", f"appauthorizations/{quote(authorization, safe='')}/status", {"status": status}
        )

    def set_faults(self, **faults: float | int | None) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", "faults", dict(faults))
        return result

    def faults(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "faults")
        return result

    def calls(self) -> dict[str, int]:
        result: dict[str, int] = self._call("GET", "calls")
        return result

    def callers(self) -> list[dict[str, str]]:
        """Each AppFabric call so far: ``{"operation", "accessKeyId"}`` (SigV4's), in order."""
        result: list[dict[str, str]] = self._call("GET", "callers")
        return result

    def caller_keys(self) -> set[str]:
        """The access key IDs that signed the AppFabric calls so far."""
        return {caller["accessKeyId"] for caller in self.callers()}

    def reset_calls(self) -> None:
        self._call("POST", "calls/reset")

    def obtain_code(self, auth_url: str, redirect_uri: str | None = None) -> str:
        """Do what the browser does: open authUrl, and take the code from the redirect."""
        parts = urlsplit(auth_url)
        query = parse_qs(parts.query, keep_blank_values=True)
        if redirect_uri is not None:
            query["redirect_uri"] = [redirect_uri]
        url = urlunsplit(parts._replace(query=urlencode(query, doseq=True)))
        try:
            with self._opener.open(url, timeout=self.timeout) as response:
                raise EmulatorControlError(response.status, "the consent page did not redirect")
        except urllib.error.HTTPError as e:
            location = e.headers.get("Location") if e.code in (301, 302, 303, 307) else None
            if location is None:
                raise EmulatorControlError(e.code, e.read().decode(errors="replace")) from None
        params = parse_qs(urlsplit(location).query)
        if "code" not in params:
            error = params.get("error", ["no code in the redirect"])[0]
            raise EmulatorControlError(302, error)
        return params["code"][0]
