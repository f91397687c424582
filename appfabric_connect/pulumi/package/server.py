"""``pulumi-resource-appfabric-connect``: the provider plugin's gRPC server, run by the engine.

It tells the engine its port after importing grpc alone. The Pulumi SDK, the servicer and the
engine log (``servicer``; the SDK alone takes about 0.2 s to import) load on a thread from then
on, while the engine connects; a call that comes first waits for them. No call is served, and no
warning is logged, before they are loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import threading
from typing import TYPE_CHECKING, Any

import grpc
import grpc.aio

from ...engine_watch import exit_with_engine

if TYPE_CHECKING:
    from .servicer import ConnectionServicer

__all__ = ["ConnectionServicer", "Provider", "main", "serve"]


class Provider(grpc.GenericRpcHandler):  # type: ignore[misc]  # grpc has no stubs
    """``pulumirpc.ResourceProvider``, its handlers loaded once, by ``load`` or the first call."""

    def __init__(self, engine: str | None) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._handler: grpc.GenericRpcHandler | None = None

    def load(self) -> grpc.GenericRpcHandler:
        with self._lock:
            if self._handler is None:
                from .servicer import method_handlers

                self._handler = method_handlers(self._engine)
            return self._handler

    def service(self, handler_call_details: Any) -> Any:
        return self.load().service(handler_call_details)


async def serve(engine: str | None = None) -> None:
    """Listens on a free loopback port and tells the engine which, on stdout."""
    provider = Provider(engine)
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((provider,))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    threading.Thread(target=provider.load, name="load-provider", daemon=True).start()
    await server.wait_for_termination()


def main() -> None:
    """The plugin's entry point: ``pulumi-resource-appfabric-connect ENGINE_ADDRESS [flags]``."""
    parser = argparse.ArgumentParser(description="The appfabric-connect Pulumi provider plugin")
    parser.add_argument("engine", nargs="?", help="the engine's address, for its Log RPC")
    known, _ = parser.parse_known_args()
    exit_with_engine()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(known.engine))


def __getattr__(name: str) -> Any:
    # The servicer's home was this module: its names stay importable from here.
    if name == "ConnectionServicer":
        from .servicer import ConnectionServicer

        return ConnectionServicer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
