"""Warm starts: a plugin start forks from a parent of the same engine run that has loaded it all.

Terraform quirk: a plan starts the plugin once for the schema, then once per provider
configuration in each walk (validate, plan; apply adds its own), one start at a time (its
``BuiltinEvalContext.InitProvider`` holds ``ProviderLock``), and each start would pay Python,
grpc, the lifecycle and botocore again (about 0.2 s of CPU). So the first start of an engine run
(a cold start) also forks a warm parent, which loads all of that once, then serves the run's
later starts: the launcher connects to it (``warm_client``) and hands over its stdin, stdout,
stderr, environment and directory, and the warm parent forks a child that is the plugin from
there on, as a cold start would be. The launcher's process stays the one the engine started,
waits for and signals: it forwards signals to the child and exits as the child exits.

The warm parent is this user's alone (a 0700 directory; each peer's uid checked, both ways),
serves one engine process (its pid names the socket) with one Python and version (checked), and
ends when that engine ends or after IDLE_S without a start. It holds the environment of the
start that forked it, as that start did, and nothing it is sent outlives the fork. Linux only
(pidfds); elsewhere, and with ``APPFABRIC_CONNECT_WARM_START=0``, every start is cold.
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
from collections.abc import Callable
from typing import NoReturn

from .warm_client import (
    MESSAGE,
    PID,
    REQUEST_LENGTH,
    STATUS,
    STDIO,
    enabled,
    read_exact,
    socket_path,
)

IDLE_S = 30.0  # a warm parent with no start for this long ends
WARM_START = "a warm start"  # as its debug log says (TF_LOG_PROVIDER=debug)
MAX_REQUEST = 4 << 20


def spawn(version: str) -> bool:
    """Forks this engine run's warm parent (True when it did). Called by a cold start before it
    starts any thread or server (grpc is imported, not started: fork-safe)."""
    if not enabled(os.environ):
        return False
    engine = os.getppid()
    path = socket_path(engine, version, create=True)
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
        _warm_parent(listener, path, bound, engine)
    finally:
        os._exit(0)


def _warm_parent(listener: socket.socket, path: str, bound: int, engine: int) -> None:
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
        forks = Forks(listener, path, bound, os.pidfd_open(engine))
        forks.serve()
    finally:
        if forks is not None:
            forks.stop_accepting()


def _load_plugin() -> None:
    """What every start imports by its first calls: the lifecycle and the protocol's messages."""
    from .proto import (  # noqa: F401
        grpc_broker_pb2_grpc,
        grpc_controller_pb2_grpc,
        grpc_stdio_pb2_grpc,
        tfplugin6_pb2_grpc,
    )
    from .provider import Provider  # noqa: F401


def _load_aws() -> None:
    """What a start's first AppFabric or STS call imports (about 0.15 s): boto3 and botocore;
    imports only (no client, no credential)."""
    import boto3  # noqa: F401
    import botocore.session  # noqa: F401
    from botocore.config import Config  # noqa: F401


# What the warm parent loads, in order, when no start waits: the plugin at once, boto3 and
# botocore once it has forked a child or after LATER_S. The start that follows the first one of
# a run (the schema's) comes about 0.1 s after the plugin is loaded, and would otherwise wait
# for botocore: the run's first reads come a start later.
LOADS = (_load_plugin, _load_aws)
LATER_S = 1.0


class Forks:
    """The warm parent's loop: accept a start, fork its child, report the child's exit."""

    def __init__(self, listener: socket.socket, path: str, bound: int, engine_handle: int) -> None:
        self.listener, self.path, self.bound = listener, path, bound
        self.engine_handle = engine_handle
        self.children: dict[int, tuple[int, socket.socket]] = {}  # pidfd: (pid, its start)
        self.poller = select.poll()
        self.poller.register(listener.fileno(), select.POLLIN)
        self.poller.register(engine_handle, select.POLLIN)
        self.accepting = True

    def serve(self, loads: tuple[Callable[[], None], ...] = LOADS) -> None:
        started = last = time.monotonic()
        pending = list(loads)
        forked = False
        while self.accepting or self.children:
            first = len(pending) == len(loads)
            due = bool(pending) and self.accepting
            due = due and (first or forked or time.monotonic() - started >= LATER_S)
            events = self.poller.poll(0 if due else 100 if pending else 1000)
            if not events and due:
                pending.pop(0)()
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
            fds, fields = _receive_request(conn)
            if len(fds) != len(STDIO) or not self.same_plugin(fields):
                raise ValueError("not a start of this plugin")
        except (OSError, ValueError, EOFError, struct.error):
            for fd in fds:
                os.close(fd)
            conn.close()
            return False
        child = os.fork()
        if child == 0:
            self.become_plugin(conn, fds, fields, client)
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

    def same_plugin(self, fields: list[str]) -> bool:
        from .. import __version__

        return len(fields) >= 3 and fields[0] == __version__ and fields[1] == sys.executable

    def report(self, handle: int) -> None:
        child, conn = self.children.pop(handle)
        self.poller.unregister(handle)
        os.close(handle)
        _, status = os.waitpid(child, 0)
        send_message(conn, STATUS, os.waitstatus_to_exitcode(status))
        conn.close()

    def become_plugin(
        self, conn: socket.socket, fds: list[int], fields: list[str], client: int
    ) -> NoReturn:
        """In the child: the start's stdio, environment and directory, then the plugin; its
        status goes to the start as it exits (the warm parent may be busy loading)."""

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
            os.chdir(fields[2])
            os.environ.clear()
            os.environ.update(dict(item.split("=", 1) for item in fields[3:] if "=" in item))
            signal.signal(signal.SIGINT, signal.default_int_handler)
            for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
                signal.signal(number, signal.SIG_DFL)
            from .server import refuse_direct_run, run

            refuse_direct_run()
            run(watch=lambda: watch_start(client), exit_now=finish, start=WARM_START)
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


def _receive_request(conn: socket.socket) -> tuple[list[int], list[str]]:
    """The start's three stdio descriptors and its fields (version, Python, directory, env)."""
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
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    return fds, body.decode("utf-8", "surrogateescape").split("\0")


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
