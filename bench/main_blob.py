"""Prints (JSON) the serialized-provider sizes: by reference, and defined in ``__main__``.

Run in its own process by ``bench/run.py``. The ``__main__`` case is what a user gets who pastes
the provider class into the root program: dill then pickles the class by value (its code, and
recursively the globals its methods use). It is reproduced by executing the provider's source
(relative imports made absolute) in a fresh module registered as ``__main__``.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import types
from pathlib import Path

from pulumi.dynamic.dynamic import serialize_provider

import appfabric_connect
from appfabric_connect.provider import AppAuthorizationConnectionProvider

SOURCE = Path(appfabric_connect.__file__).with_name("provider.py")


def _sizes(blob: str) -> dict[str, int]:
    return {"base64": len(blob), "pickle": len(base64.b64decode(blob))}


def by_reference() -> dict[str, int]:
    return _sizes(serialize_provider(AppAuthorizationConnectionProvider()))


def in_main() -> dict[str, int]:
    source = re.sub(
        r"^from \.(\w*) import",
        lambda m: f"from appfabric_connect{'.' + m[1] if m[1] else ''} import",
        SOURCE.read_text(),
        flags=re.MULTILINE,
    )
    module = types.ModuleType("__main__")
    module.__file__ = "__main__.py"
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = module
    try:
        exec(compile(source, "__main__.py", "exec"), module.__dict__)
        provider_class = module.__dict__["AppAuthorizationConnectionProvider"]
        assert provider_class.__module__ == "__main__"
        blob = serialize_provider(provider_class())
    finally:
        sys.modules["__main__"] = saved
    return _sizes(blob)


if __name__ == "__main__":
    print(json.dumps({"by_reference": by_reference(), "in_main": in_main()}))
