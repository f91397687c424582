"""What a Pulumi user is told: the core's remedies and hints in Pulumi's words (stack config,
``pulumi up``), what each status asks, and the provider's two failures: one the user can act
on, and a bug to report."""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..aws.clients import CONFIG_CONNECT_TIMEOUT, CONFIG_ENDPOINT
from ..core.messages import Failure, FrontEndWords
from ..provider import kept_for_state

# What to do, said to a Pulumi user: the dynamic resource's and the provider package's.
PULUMI = FrontEndWords(
    apply="`pulumi up`",
    auth_url="authUrl",
    code_input=("this connection's auth_request.code (`pulumi config set --secret --path ...`)"),
    code_input_in_status=(
        "the connection's auth_request.code (`pulumi config set --secret --path ...`, or let "
        "`python -m appfabric_connect authorize` do both)"
    ),
    authorization="aws.appfabric.AppAuthorization",
    timeout=f"connect_timeout (or `pulumi config set {CONFIG_CONNECT_TIMEOUT} SECONDS`)",
    region_setting="the connection's `region`, `pulumi config set {setting} REGION`",
    profile_hint="`pulumi config set {prefix}profile NAME`",
    region_hint=(
        "the connection's `region`, `pulumi config set {prefix}region REGION` or AWS_REGION"
    ),
    endpoint_hint=f"`{CONFIG_ENDPOINT}`",
    authorize=(
        "python -m appfabric_connect authorize --bundle {bundle} --authorization {authorization}"
    ),
)


def in_dynamic_provider_server() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None) == "pulumi.dynamic.__main__"


def status_remedy(status: str, auth_type: str | None) -> str:
    """What to do about ``status`` for an authorization of ``auth_type`` (oauth2 when unknown)."""
    return PULUMI.status_remedy(status, auth_type)


@kept_for_state
class ConnectionFailed(Exception):
    """A connection that could not be made; the message says what to do, in Pulumi's words.

    ``failure``: the core's failure it words (None when raised by a front end itself).
    """

    failure: Failure | None = None

    @classmethod
    def of(cls, failure: Failure) -> ConnectionFailed:
        worded = cls(failure.render(PULUMI))
        worded.failure = failure
        return worded


@kept_for_state
class ProviderBug(Exception):
    """An unexpected error inside the provider; carries its own traceback for a bug report."""


_Method = TypeVar("_Method", bound=Callable[..., Any])


def one_line(method: _Method) -> _Method:
    """Words the core's ``Failure`` as a ``ConnectionFailed``, lets that through, and turns
    anything else into a ``ProviderBug`` whose message holds the traceback, with the OAuth code
    of the call masked."""

    @functools.wraps(method)
    def wrapper(*args: Any) -> Any:
        try:
            return method(*args)
        except Failure as failure:
            raise ConnectionFailed.of(failure) from None
        except ConnectionFailed:
            raise
        except Exception as error:
            detail = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=-8)}"
            for code in _codes_in(args):
                detail = detail.replace(code, "***")
            raise ProviderBug(
                f"appfabric-connect failed unexpectedly in {method.__name__}: {detail}"
            ) from None

    return wrapper  # type: ignore[return-value]


def _codes_in(args: tuple[Any, ...]) -> list[str]:
    codes = []
    for arg in args:
        auth_request = arg.get("auth_request") if isinstance(arg, Mapping) else None
        if isinstance(auth_request, Mapping) and isinstance(auth_request.get("code"), str):
            codes.append(auth_request["code"])
    return [code for code in codes if code]
