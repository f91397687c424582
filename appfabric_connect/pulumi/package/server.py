"""``pulumi-resource-appfabric-connect``: the provider plugin's gRPC server, run by the engine.

It tells the engine its port after importing grpc alone. The Pulumi SDK, the servicer and the
engine log (``servicer``; the SDK alone takes about 0.2 s to import) load on a thread from then
on, while the engine connects; a call that comes first waits for them. No call is served, and no
warning is logged, before they are loaded. The first start of an engine run (a cold start) also
forks the run's warm parent (``warm``), which loads them and botocore once: the run's later
starts (``start``) are its children, loaded already.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

import grpc
import grpc.aio

from ...engine_watch import exit_with_engine

if TYPE_CHECKING:
    from ...warm.parent import Plugin
    from .servicer import ConnectionServicer

__all__ = ["ConnectionServicer", "Provider", "main", "serve"]

COLD_START, WARM_START = "a cold start", "a warm start"
START_LOG_LEVEL = 9  # pulumi -v=9 --logflow: the plugin says which start it is


class Provider(grpc.GenericRpcHandler):  # type: ignore[misc]  # grpc has no stubs
    """``pulumirpc.ResourceProvider``, its handlers loaded once, by ``load`` or the first call."""

    def __init__(self, engine: str | None) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._handler: grpc.GenericRpcHandler | None = None
        self._servicer: ConnectionServicer | None = None

    def load(self) -> grpc.GenericRpcHandler:
        with self._lock:
            if self._handler is None:
                from .servicer import method_handlers

                self._handler, self._servicer = method_handlers(self._engine)
            return self._handler

    def service(self, handler_call_details: Any) -> Any:
        return self.load().service(handler_call_details)

    def finish(self) -> None:
        """Waits for the operations still running (e.g. a Connect when the engine stopped us).
        Not for a load still running (it holds the lock, and no operation runs before it)."""
        servicer = self._servicer
        if servicer is not None:
            servicer.finish()


async def serve(provider: Provider) -> None:
    """Listens on a free loopback port and tells the engine which, on stdout; stops listening
    when the engine stops the plugin (Pulumi quirk: SIGINT to its process group, then SIGKILL
    after a cooldown)."""
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((provider,))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    stopped = asyncio.Event()
    # Not asyncio.run's own handler, which cancels this task and raises KeyboardInterrupt
    # through grpc's shutdown: the server stops here, then run() waits for the operations.
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, stopped.set)
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    threading.Thread(target=provider.load, name="load-provider", daemon=True).start()
    await stopped.wait()
    await server.stop(grace=None)


def main(plugin: str = "package") -> None:
    """A cold start (``start.main``): under an engine, it first forks the engine run's warm
    parent for the starts that follow, named ``plugin``."""
    engine = engine_address()
    if engine is not None:
        from ...warm.parent import spawn
        from .start import engine_run

        spawn(warm_plugin(plugin), engine_run())
    run(engine)


def engine_address() -> str | None:
    """The engine's address (the first argument), for its Log RPC; other flags are ignored."""
    parser = argparse.ArgumentParser(description="The appfabric-connect Pulumi provider plugin")
    parser.add_argument("engine", nargs="?", help="the engine's address, for its Log RPC")
    known, _ = parser.parse_known_args()
    return known.engine  # type: ignore[no-any-return]


def verbosity() -> int:
    """The engine's ``-v=N`` (``pulumi -v=N --logflow`` passes it on to plugins), else 0."""
    levels = [arg[3:] for arg in sys.argv[1:] if arg.startswith("-v=")]
    return max((int(level) for level in levels if level.isdigit()), default=0)


def run(
    engine: str | None,
    watch: Callable[[], None] = exit_with_engine,
    exit_now: Callable[[int], NoReturn] = os._exit,
    start: str = COLD_START,
) -> NoReturn:
    """The plugin, cold or forked by the warm parent (``start`` says which, on stderr under
    ``pulumi -v=9 --logflow``): ``watch()`` (which ends the process with its engine), then the
    server until the engine stops it (SIGINT); the operations still running finish, and the
    process ends by ``exit_now`` without the interpreter's teardown (grpc's, the modules': the
    engine waits for a plugin to end)."""
    if verbosity() >= START_LOG_LEVEL:
        sys.stderr.write(f"{start} (pid {os.getpid()})\n")
        sys.stderr.flush()
    watch()
    provider = Provider(engine)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(provider))
    provider.finish()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    exit_now(0)


def warm_plugin(name: str) -> Plugin:
    """The warm parent of this plugin: it loads the servicer (the SDK, the lifecycle) at once,
    then botocore and the models (``core.preload_aws``)."""
    from ... import __version__
    from ...warm.parent import Plugin

    return Plugin(name, __version__, (_load_servicer, _load_aws), _serve_warm)


def _load_servicer() -> None:
    from . import servicer  # noqa: F401


def _load_aws() -> list[Callable[[], None]]:
    # Imported here, in the warm parent: the core is not the cold start's to pay before its port.
    from ...core import preload_aws

    return preload_aws()


def _serve_warm(watch: Callable[[], None], exit_now: Callable[[int], NoReturn]) -> None:
    run(engine_address(), watch, exit_now, WARM_START)


def __getattr__(name: str) -> Any:
    # The servicer's home was this module: its names stay importable from here.
    if name == "ConnectionServicer":
        from .servicer import ConnectionServicer

        return ConnectionServicer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
