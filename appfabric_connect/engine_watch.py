"""Ends a plugin process once the Pulumi engine that started it is gone (e.g. after kill -9)."""

from __future__ import annotations

import os
import threading
import time

_started = threading.Lock()
_watching = False


def exit_with_engine(poll_s: float = 1.0) -> None:
    """Exits this process when its parent, the engine, dies; once per process, on a thread.

    Pulumi quirk: the SDK's dynamic-provider server (``python -m pulumi.dynamic``) never exits on
    its own; the engine ends it. An engine killed with SIGKILL cannot, and the process would
    wait forever. Pulumi's Go plugins health-check the engine for the same reason.
    """
    global _watching
    with _started:
        if _watching:
            return
        _watching = True
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_s)
        os._exit(0)  # the engine that would record any result is gone

    threading.Thread(target=watch, name="exit-with-engine", daemon=True).start()
