"""One line for a failed AWS call: the AWS error code and message, and what to check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import botocore.exceptions


@dataclass(frozen=True)
class Hints:
    """How the user sets what a failure message asks them to check (stack config, flags)."""

    profile: str
    region: str
    endpoint: str


def failure_message(
    operation: str,
    error: Exception,
    region: str,
    hints: Hints,
    subject: str = "",
    secret: str | None = None,
) -> str:
    """One line for a failed AWS call: the AWS error code and message, and what to check."""
    if isinstance(error, botocore.exceptions.ClientError):
        details = error.response.get("Error", {})
        code = str(details.get("Code", "Unknown"))
        text = f"{operation} failed{f' for {subject}' if subject else ''}: {code}"
        message = str(details.get("Message", "")).rstrip(".")
        text += f": {message}." if message else "."
        if code == "ResourceNotFoundException":
            text += (
                f" Check the identifiers and the region ({region}; set by {hints.region}): an "
                "authorization is found only in its own bundle and region."
            )
        elif code in {"AccessDeniedException", "UnrecognizedClientException"}:
            text += " Check the AWS credentials and their appfabric:* permissions."
    elif isinstance(error, botocore.exceptions.NoCredentialsError):
        text = (
            f"{operation}: no AWS credentials found. Set AWS_ACCESS_KEY_ID and "
            f"AWS_SECRET_ACCESS_KEY, or a profile with AWS_PROFILE or {hints.profile}."
        )
    elif isinstance(error, botocore.exceptions.EndpointConnectionError):
        text = (
            f"{operation}: cannot reach the AppFabric endpoint "
            f"{_origin(error.kwargs.get('endpoint_url'))} (region {region}). Check the region "
            f"({hints.region}; AppFabric is in few regions) and, for a local emulator, "
            f"AWS_ENDPOINT_URL_APPFABRIC or {hints.endpoint}."
        )
    else:
        text = f"{operation}: {error}"
    return text.replace(secret, "***") if secret else text


def _origin(url: Any) -> Any:
    """``scheme://host:port`` of a request URL: the endpoint, without the operation's path."""
    parts = urlsplit(str(url)) if url else None
    return f"{parts.scheme}://{parts.netloc}" if parts and parts.netloc else url
