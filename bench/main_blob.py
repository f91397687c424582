"""Prints (JSON) the serialized-provider sizes: by reference, and defined in ``__main__``.

Run in its own process by ``bench/pulumi_up.py``. The ``__main__`` case is what a user gets who
pastes the provider class into the root program: dill then pickles the class by value (its code,
and recursively the globals its methods use). It is reproduced by executing the source of the
class's module (relative imports made absolute) in a fresh module registered as ``__main__``.
"""

from __future__ import annotations

import base64
import importlib.util
import inspect
import json
import re
import sys
import types

from pulumi.dynamic.dynamic import serialize_provider

from appfabric_connect import AppAuthorizationConnectionProvider


def _sizes(blob: str) -> dict[str, int]:
    return {"base64": len(blob), "pickle": len(base64.b64decode(blob))}


def by_reference() -> dict[str, int]:
    return _sizes(serialize_provider(AppAuthorizationConnectionProvider()))


def defining_module(cls: type) -> types.ModuleType:
    """The module whose source defines ``cls`` (its ``__module__`` may name the package)."""
    method = next(value for value in vars(cls).values() if inspect.isfunction(value))
    filename = method.__code__.co_filename
    return next(m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == filename)


def in_main() -> dict[str, int]:
    home = defining_module(AppAuthorizationConnectionProvider)
    package = home.__package__ or ""
    source = re.sub(
        r"^(\s*)from (\.+[\w.]*) import",
        lambda m: f"{m[1]}from {importlib.util.resolve_name(m[2], package)} import",
        inspect.getsource(home),
        flags=re.MULTILINE,
    )
    module = types.ModuleType("__main__")
    module.__file__ = "__main__.py"
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = module
    try:
        exec(compile(source, "__main__.py", "exec"), module.__dict__)
        provider_class = module.__dict__[AppAuthorizationConnectionProvider.__name__]
        provider_class.__module__ = "__main__"  # a class pasted into a program does not pin it
        blob = serialize_provider(provider_class())
    finally:
        sys.modules["__main__"] = saved
    return _sizes(blob)


def main() -> None:
    try:
        sizes: dict[str, int] | None = in_main()
        error = ""
    except Exception as failure:  # reported as the figure: dill cannot pickle it by value
        sizes, error = None, f"{type(failure).__name__}: {failure}"
    print(json.dumps({"by_reference": by_reference(), "in_main": sizes, "in_main_error": error}))


if __name__ == "__main__":
    main()
