"""The warm parent: a plugin start forks from a parent of the same engine run that has loaded it.

Both engines start a plugin many times in one command, one start at a time, and each start
would pay Python, grpc, the plugin and botocore again (about 0.2-0.5 s of CPU).
- Terraform quirk: a plan starts the plugin once for the schema, then once per provider
  configuration in each walk (validate, plan; apply adds its own), in series (its
  ``BuiltinEvalContext.InitProvider`` holds ``ProviderLock``).
- Pulumi quirk: ``preview --refresh`` starts the package plugin for the refresh, again for the
  preview, and the YAML language host starts it once more for the schema; each explicit provider
  is a start of its own.
So the first start of an engine run (a cold start) also forks a warm parent, which loads all of
that once, then serves the run's later starts: each connects to it (``client``) and hands over
its stdin, stdout, stderr, arguments, environment and directory, and the warm parent forks a
child that is the plugin from there on, as a cold start would be. The start's process stays the
one the engine started, waits for and signals: it forwards signals to the child and exits as the
child exits.

The warm parent is this user's alone (a 0700 directory; each peer's uid checked, both ways),
serves one plugin of one engine process (its pid names the socket) with one Python and version
(checked), and ends when that engine ends or after IDLE_S without a start. It holds the
environment of the start that forked it, as that start did, and nothing it is sent outlives the
fork. Linux only (pidfds); elsewhere, and with ``APPFABRIC_CONNECT_WARM_START=0``, every start
is cold.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NoReturn, Protocol, TypeAlias

from .client import (
    MESSAGE,
    PID,
    REQUEST_LENGTH,
    STATUS,
    STDIO,
    Request,
    enabled,
    read_exact,
    socket_path,
)

IDLE_S = 30.0  # a warm parent with no start for this long ends
MAX_REQUEST = 4 << 20
# What the warm parent loads once it has forked a child, or after LATER_S, when the plugin's
# first loads are done: the start after a run's first one comes soon after it and would otherwise
# wait for them (Terraform's first start is the schema's; its reads come a start later).
LATER_S = 1.0


# A load that returns loads was split in steps: they run next, one per turn of the loop, so a
# start that comes meanwhile waits for one step, not for all of them.
Load: TypeAlias = Callable[[], "Sequence[Load] | None"]


class ServeWarm(Protocol):
    def __call__(self, watch: Callable[[], None], exit_now: Callable[[int], NoReturn]) -> None:
        """Serves as the plugin (its ``sys.argv``, environment, directory and stdio are the
        start's): ``watch()`` ends the process when the start ends; it ends with ``exit_now``."""


@dataclass(frozen=True)
class Plugin:
    """What a warm parent of one plugin loads, and how its child serves."""

    name: str  # part of the socket's name: one plugin's start never reaches another's parent
    version: str
    loads: Sequence[Load]  # in order, when no start waits: the first at once
    serve: ServeWarm


def spawn(plugin: Plugin, engine: int) -> bool:
    """Forks the warm parent of ``plugin`` for the run of ``engine`` (a pid); True when it did.
    Called by a cold start before it starts any thread or server (grpc is imported, not started:
    fork-safe)."""
    if not enabled(os.environ):
        return False
    path = socket_path(plugin.name, engine, plugin.version, create=True)
    if path is None:
        return False
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    temporary = f"{path}.{os.getpid()}"
    try:
        listener.bind(temporary)
        listener.listen(16)
        os.replace(temporary, path)  # over one a killed parent left behind
        bound = os.stat(path).st_ino
    except OSError:
        listener.close()
        return False
    if os.fork() != 0:
        listener.close()
        return True
    try:
        _warm_parent(plugin, listener, path, bound, engine)
    finally:
        os._exit(0)


def _warm_parent(
    plugin: Plugin, listener: socket.socket, path: str, bound: int, engine: int
) -> None:
    """The warm parent: detached from the start that forked it (its own session, no stdio),
    loads the plugin, then forks a child per start until the engine ends or IDLE_S passes."""
    os.setsid()
    os.chdir("/")  # pins no directory of the run's (each child takes its start's)
    null = os.open(os.devnull, os.O_RDWR)
    for target in STDIO:
        os.dup2(null, target)
    # The start's other descriptors (and /dev/null's, now stdio), by name: closing up to
    # SC_OPEN_MAX could mean a billion calls where close_range is missing.
    for name in os.listdir("/proc/self/fd"):
        if int(name) > 2 and int(name) != listener.fileno():
            with contextlib.suppress(OSError):  # e.g. the listing's own, closed already
                os.close(int(name))
    forks = None
    try:
        forks = Forks(plugin, listener, path, bound, os.pidfd_open(engine))
        forks.serve()
    finally:
        if forks is not None:
            forks.stop_accepting()


class Forks:
    """The warm parent's loop: accept a start, fork its child, report the child's exit."""

    def __init__(
        self, plugin: Plugin, listener: socket.socket, path: str, bound: int, engine_handle: int
    ) -> None:
        self.plugin = plugin
        self.listener, self.path, self.bound = listener, path, bound
        self.engine_handle = engine_handle
        self.children: dict[int, tuple[int, socket.socket]] = {}  # pidfd: (pid, its start)
        self.poller = select.poll()
        self.poller.register(listener.fileno(), select.POLLIN)
        self.poller.register(engine_handle, select.POLLIN)
        self.accepting = True

    def serve(self) -> None:
        started = last = time.monotonic()
        pending = list(self.plugin.loads)
        first = True
        forked = False
        while self.accepting or self.children:
            due = bool(pending) and self.accepting
            due = due and (first or forked or time.monotonic() - started >= LATER_S)
            events = self.poller.poll(0 if due else 100 if pending else 1000)
            if not events and due:
                first = False
                load = pending.pop(0)
                with contextlib.suppress(Exception):  # a child loads what is missing itself
                    pending[0:0] = load() or ()
                # Each child's garbage collector would otherwise walk (and so copy) all it
                # inherits: about 60 ms of the first calls after each start.
                gc.freeze()
                continue
            for fd, _events in events:
                if fd == self.engine_handle:
                    self.poller.unregister(fd)
                    self.stop_accepting()
                elif fd == self.listener.fileno() and self.accepting:
                    forked = self.start_one() or forked
                    last = time.monotonic()
                elif fd in self.children:
                    self.report(fd)
                    last = time.monotonic()
            if self.accepting and not self.children and time.monotonic() - last > IDLE_S:
                self.stop_accepting()

    def stop_accepting(self) -> None:
        if not self.accepting:
            return
        self.accepting = False
        self.poller.unregister(self.listener.fileno())
        try:
            if os.stat(self.path).st_ino == self.bound:  # not a newer warm parent's
                os.unlink(self.path)
        except OSError:
            pass
        self.listener.close()

    def start_one(self) -> bool:
        """Forks the child of one start (True), or refuses it."""
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return False
        fds: list[int] = []
        try:
            conn.settimeout(5.0)
            client, uid, _gid = struct.unpack(
                "3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
            )
            if uid != os.getuid():
                raise ValueError("another user")
            fds, request = _receive_request(conn)
            if len(fds) != len(STDIO) or not self.same_plugin(request):
                raise ValueError("not a start of this plugin")
        except (OSError, ValueError, EOFError, struct.error):
            for fd in fds:
                os.close(fd)
            conn.close()
            return False
        child = os.fork()
        if child == 0:
            self.become_plugin(conn, fds, request, client)
        for fd in fds:
            os.close(fd)
        try:
            handle = os.pidfd_open(child)
        except OSError:  # it has ended already
            os.waitpid(child, 0)
            conn.close()
            return False
        self.children[handle] = (child, conn)
        self.poller.register(handle, select.POLLIN)
        return True

    def same_plugin(self, request: Request) -> bool:
        return (request.plugin, request.version, request.executable) == (
            self.plugin.name,
            self.plugin.version,
            sys.executable,
        )

    def report(self, handle: int) -> None:
        child, conn = self.children.pop(handle)
        self.poller.unregister(handle)
        os.close(handle)
        _, status = os.waitpid(child, 0)
        send_message(conn, STATUS, os.waitstatus_to_exitcode(status))
        conn.close()

    def become_plugin(
        self, conn: socket.socket, fds: list[int], request: Request, client: int
    ) -> NoReturn:
        """In the child: the start's stdio, arguments, environment and directory, then the
        plugin; its status goes to the start as it exits (the warm parent may be busy loading)."""

        def finish(code: int) -> NoReturn:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(OSError, ValueError):
                    stream.flush()
            send_message(conn, STATUS, code)
            os._exit(code)

        code: object = 1
        try:
            send_message(conn, PID, os.getpid())
            self.listener.close()
            os.close(self.engine_handle)
            for handle, (_pid, other) in self.children.items():
                os.close(handle)
                other.close()
            for target, fd in zip(STDIO, fds, strict=True):
                os.dup2(fd, target)
                os.close(fd)
            os.chdir(request.directory)
            sys.argv[1:] = request.arguments
            os.environ.clear()
            os.environ.update(request.environment)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
                signal.signal(number, signal.SIG_DFL)
            self.plugin.serve(watch=lambda: watch_start(client), exit_now=finish)
            code = 0
        except SystemExit as stop:
            code = stop.code
            if isinstance(code, str):
                sys.stderr.write(code + "\n")
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            finish(code if isinstance(code, int) else 0 if code is None else 1)


def send_message(conn: socket.socket, kind: bytes, value: int) -> None:
    with contextlib.suppress(OSError):  # the start is gone: its child sees it (watch_start)
        conn.sendall(MESSAGE.pack(kind, value))


def _receive_request(conn: socket.socket) -> tuple[list[int], Request]:
    """The start's three stdio descriptors and its request."""
    data, ancillary, flags, _ = conn.recvmsg(65536, socket.CMSG_SPACE(4 * len(STDIO)))
    fds: list[int] = []
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.extend(struct.unpack(f"{len(payload) // 4}i", payload[: len(payload) // 4 * 4]))
    try:
        if flags & socket.MSG_CTRUNC or len(data) < REQUEST_LENGTH.size:
            raise ValueError("a truncated request")
        (size,) = REQUEST_LENGTH.unpack(data[: REQUEST_LENGTH.size])
        if size > MAX_REQUEST:
            raise ValueError("a request too large")
        body = data[REQUEST_LENGTH.size :]
        if len(body) < size:
            body += read_exact(conn, size - len(body))
        request = Request.decode(body)
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    return fds, request


def watch_start(client: int, exit_now: Callable[[int], object] = os._exit) -> None:
    """The warm child's engine watch: it ends when the start that asked for it does (which
    ends with the engine), as a cold plugin ends with its engine."""
    import threading

    try:
        handle = os.pidfd_open(client)
    except OSError:
        exit_now(0)
        return

    def watch() -> None:
        select.select([handle], [], [])
        exit_now(0)

    threading.Thread(target=watch, name="exit-with-start", daemon=True).start()
