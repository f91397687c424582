"""Helpers shared by the reliability tests."""

from __future__ import annotations

from typing import Any

from tests.support.appfabric import REDIRECT_URI


def inputs(authorization: Any, code: str | None = None, **extra: Any) -> dict[str, Any]:
    """Connection inputs by ARN, as a Pulumi program would pass them."""
    props: dict[str, Any] = {
        "app_bundle_identifier": authorization["appBundleArn"],
        "app_authorization_identifier": authorization["appAuthorizationArn"],
        **extra,
    }
    if code is not None:
        props["auth_request"] = {"redirect_uri": REDIRECT_URI, "code": code}
    return props


def uuid_of(authorization: Any) -> str:
    """The UUID of an authorization (boto3 answer) or connection (provider outputs)."""
    arn = authorization.get("appAuthorizationArn") or authorization["app_authorization_arn"]
    return str(arn).rsplit("/", 1)[1]


def one_clear_line(error: BaseException) -> str:
    """The error's message, after checking it is one line with no botocore traceback chained."""
    message = str(error)
    assert message, message
    assert "\n" not in message, message
    assert error.__cause__ is None, repr(error.__cause__)
    # Raised `from None` inside an except block, or outside any: no chained error is shown.
    assert error.__suppress_context__ or error.__context__ is None, repr(error.__context__)
    assert "Traceback" not in message
    return message
