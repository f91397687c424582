"""A value not known until apply (a preview's, a plan's): one marker for the core and the wires."""

from __future__ import annotations

from typing import Any, Final


class Unknown:
    """The marker each front end maps its framework's unknown to (Terraform's msgpack decodes to
    it directly). It is no text, so nothing can send it as one."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"  # the one instance, also when pickled


UNKNOWN: Final = Unknown()


def is_unknown(value: Any) -> bool:
    """True for a value not known until apply."""
    return value is UNKNOWN
