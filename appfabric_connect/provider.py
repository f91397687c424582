"""The names Pulumi state has held since 0.1.0, kept in this one module so old stacks still load.

Pulumi quirk: a dynamic resource's state holds its provider pickled by reference (module and
qualified name), and the engine prints a failure under its module-qualified name. Release
0.1.0 wrote ``appfabric_connect.provider.AppAuthorizationConnectionProvider`` with the
instance's attributes, among them an ``appfabric_connect.aws.AwsSettings``, and users have
read ``appfabric_connect.provider.ConnectionFailed: …`` since. The classes live elsewhere now;
what keeps those names valid is here and nowhere else.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeVar

from . import aws
from .aws.settings import AwsSettings

if TYPE_CHECKING:
    from .pulumi.dynamic.provider import AppAuthorizationConnectionProvider
    from .pulumi.messages import ConnectionFailed, ProviderBug

# Each name kept under this module, and where its class lives now.
KEPT = {
    "AppAuthorizationConnectionProvider": "appfabric_connect.pulumi.dynamic.provider",
    "ConnectionFailed": "appfabric_connect.pulumi.messages",
    "ProviderBug": "appfabric_connect.pulumi.messages",
}

__all__ = [
    "AppAuthorizationConnectionProvider",
    "ConnectionFailed",
    "PickledByReference",
    "ProviderBug",
    "kept_for_state",
]

_Class = TypeVar("_Class", bound=type)


def kept_for_state(cls: _Class) -> _Class:
    """Names ``cls`` by this module, the path state and messages have used since 0.1.0."""
    if KEPT.get(cls.__name__) != cls.__module__:
        raise TypeError(f"{cls.__module__}.{cls.__name__} is not one of the names kept for state")
    cls.__module__ = __name__
    return cls


class PickledByReference:
    """Pickles as a reference to its class alone: unpickling runs ``__init__``, so a blob from
    any release, 0.1.0's attributes included, loads as a fresh instance."""

    def __reduce__(self) -> tuple[type[Any], tuple[()]]:
        return (type(self), ())

    def __setstate__(self, _state: object) -> None:
        # Only 0.1.0's blob carries state (its instance's attributes): start afresh instead.
        self.__init__()  # type: ignore[misc]


def __getattr__(name: str) -> Any:
    # Resolved on demand: the classes import this module, and pickle finds them by getattr.
    if name in KEPT:
        return getattr(import_module(KEPT[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# 0.1.0's blob names its settings ``appfabric_connect.aws.AwsSettings``. Unpickling resolves the
# provider's class, and so imports this module, before it looks that name up.
setattr(aws, "AwsSettings", AwsSettings)  # noqa: B010
