"""The provider's two failures: one the user can act on, and a bug to report."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..core.failures import Failure
from .messages import PULUMI


class ConnectionFailed(Exception):
    """A connection that could not be made; the message says what to do, in Pulumi's words.

    ``failure``: the core's failure it words (None when raised by a front end itself).
    """

    # The engine shows the exception's module-qualified name before its message: keep the public
    # path users have seen since 0.1.0 (``appfabric_connect.provider.ConnectionFailed: …``).
    __module__ = "appfabric_connect.provider"

    failure: Failure | None = None

    @classmethod
    def of(cls, failure: Failure) -> ConnectionFailed:
        worded = cls(failure.render(PULUMI))
        worded.failure = failure
        return worded


class ProviderBug(Exception):
    """An unexpected error inside the provider; carries its own traceback for a bug report."""

    __module__ = "appfabric_connect.provider"


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
