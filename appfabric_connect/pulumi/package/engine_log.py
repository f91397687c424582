"""The plugin's warnings to the Pulumi engine's Log RPC, attached to the resource they are about."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import grpc
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

LOGGER = "appfabric_connect"
LOG_TIMEOUT_S = 10.0  # one Log call; the engine answers at once, a hung one must not hang us

_Result = TypeVar("_Result")
# google.protobuf ships no type stubs (types-protobuf is not a dependency).
Empty: Any = importlib.import_module("google.protobuf.empty_pb2").Empty

# The URN of the resource whose operation this thread runs ("" outside one: the whole update).
_urn: contextvars.ContextVar[str] = contextvars.ContextVar("appfabric_connect_urn", default="")


def attributed(urn: str, work: Callable[[], _Result]) -> Callable[[], _Result]:
    """``work``, to run anywhere (an executor's thread), with its warnings attached to ``urn``.

    The URN is set in a copy of the caller's context, so the caller's own is untouched
    (``loop.run_in_executor`` does not carry context variables to the thread by itself).
    """
    context = contextvars.copy_context()
    context.run(_urn.set, urn)
    return functools.partial(context.run, work)


class EngineLogHandler(logging.Handler):
    """Sends each WARNING (or worse) record to the engine at ``address``; never raises.

    If the engine cannot take it (it is gone, or the call fails), the message goes to stderr
    instead, as ``warning: ...`` (a debug diagnostic, or the terminal of a plugin run by hand);
    a stderr that fails too drops it. Sent or not, the operation goes on.
    """

    def __init__(self, address: str, timeout: float = LOG_TIMEOUT_S) -> None:
        super().__init__(logging.WARNING)
        self.timeout = timeout
        self._channel = grpc.insecure_channel(address)
        self._log: Any = engine_pb2_grpc.EngineStub(self._channel).Log

    def emit(self, record: logging.LogRecord) -> None:
        message = ""
        try:
            message = self.format(record)
            severity = engine_pb2.ERROR if record.levelno >= logging.ERROR else engine_pb2.WARNING
            request = engine_pb2.LogRequest(severity=severity, message=message, urn=_urn.get())
            self._log(request, timeout=self.timeout)
        except Exception:
            _to_stderr(record, message)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._channel.close()
        super().close()


class StderrHandler(logging.Handler):
    """``warning: ...`` on stderr, for a plugin run without an engine; never raises."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        _to_stderr(record, "")


def _to_stderr(record: logging.LogRecord, message: str) -> None:
    with contextlib.suppress(Exception):
        label = "error" if record.levelno >= logging.ERROR else "warning"
        sys.stderr.write(f"{label}: {message or record.getMessage()}\n")
        sys.stderr.flush()


def install(address: str | None) -> logging.Handler:
    """Routes the ``appfabric_connect`` logger's warnings to the engine at ``address`` (to
    stderr without one: the plugin run by hand). Once per process: main calls it."""
    # Pulumi quirk (CLI v3.274): a plugin's stderr becomes a `debug` diagnostic with no resource,
    # hidden without --debug; only Engine/Log shows a warning under its resource. And without a
    # handler, the library's NullHandler (appfabric_connect/__init__) would drop the record.
    handler = EngineLogHandler(address) if address else StderrHandler()
    logging.getLogger(LOGGER).addHandler(handler)
    return handler
