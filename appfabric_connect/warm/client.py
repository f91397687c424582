"""The first step of a warm start: a start hands itself to the warm parent of its engine run.

The Terraform launcher runs under ``python -S`` and its program holds the text of this file,
after the lines that take the working directory off ``sys.path``: before ``site`` (about 25 ms)
and before anything of the package, so it imports only the standard library, and it holds no
single quote (the launcher quotes it for the shell). The entry point of the package imports it
before grpc. ``parent`` holds the warm parent, and why. The exchange: the start sends one
REQUEST (the name and version of the plugin, its Python, directory, arguments and environment)
with its stdin, stdout and stderr (SCM_RIGHTS); it hears MESSAGEs: the PID of its child, then
the STATUS of the child (an exit code, or minus its signal).
"""

# No `from __future__ import annotations`: the launcher runs its own lines first (the working
# directory off sys.path), and a future import must come first. So every annotation that is
# more than a name is quoted: whatever python3 the launcher finds (3.6 on RHEL 8) must get as
# far as its clear "has no appfabric-connect" line.
import os
import stat
import struct
import sys
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    import socket
    from collections.abc import Mapping
    from typing import NoReturn

SWITCH_ENV = "APPFABRIC_CONNECT_WARM_START"  # "0", "off" or "false": every start is cold
REQUEST_LENGTH = struct.Struct("!I")
MESSAGE = struct.Struct("!ci")
PID, STATUS = b"P", b"S"
STDIO = (0, 1, 2)


class Request:
    """What a start sends its warm parent (with its stdio): who it is and what it runs in."""

    def __init__(
        self,
        plugin: str,
        version: str,
        executable: str,
        directory: str,
        arguments: "list[str]",
        environment: "dict[str, str]",
    ) -> None:
        self.plugin, self.version, self.executable = plugin, version, executable
        self.directory, self.arguments, self.environment = directory, arguments, environment

    def encode(self) -> bytes:
        fields = [self.plugin, self.version, self.executable, self.directory]
        fields += [str(len(self.arguments)), *self.arguments]
        fields += [f"{key}={value}" for key, value in self.environment.items()]
        return "\0".join(fields).encode("utf-8", "surrogateescape")

    @staticmethod
    def decode(data: bytes) -> "Request":
        """The request in ``data``; ValueError when it is not one."""
        fields = data.decode("utf-8", "surrogateescape").split("\0")
        if len(fields) < 5 or not fields[4].isdigit():
            raise ValueError("not a request")
        count = int(fields[4])
        arguments, rest = fields[5 : 5 + count], fields[5 + count :]
        if len(arguments) != count:
            raise ValueError("not a request")
        environment = dict(item.split("=", 1) for item in rest if "=" in item)
        plugin, version, executable, directory = fields[:4]
        return Request(plugin, version, executable, directory, arguments, environment)


def enabled(environ: "Mapping[str, str]") -> bool:
    """Warm starts are possible: on Linux with pidfds, not switched off."""
    return (
        environ.get(SWITCH_ENV, "").strip().lower() not in ("0", "off", "false", "no")
        and sys.platform == "linux"
        and pidfds_work()
    )


def pidfds_work() -> bool:
    """Linux >= 5.3, and no seccomp profile refusing them (RHEL 8 has 4.18)."""
    if not hasattr(os, "pidfd_open"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False
    return True


def private_directory(create: bool) -> "str | None":
    """``$TMPDIR/appfabric-connect-UID`` (else under /tmp), when it belongs to this user alone."""
    path = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"appfabric-connect-{os.getuid()}")
    if create:
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    mine = info.st_uid == os.getuid() and stat.S_ISDIR(info.st_mode)
    return path if mine and stat.S_IMODE(info.st_mode) == 0o700 else None


def socket_path(plugin: str, engine: int, version: str, create: bool = False) -> "str | None":
    """Where the warm parent of ``plugin`` for ``engine`` (a pid), this Python and ``version``
    listens."""
    directory = private_directory(create)
    if directory is None:
        return None
    key = zlib.crc32(f"{sys.executable}\0{version}".encode())
    return os.path.join(directory, f"warm-{plugin}-{engine}-{key:08x}.sock")


def attach(plugin: str, version: str, engine: int, arguments: "list[str]") -> None:
    """Has the warm parent of this engine run start the plugin with ``arguments``, and exits as
    its child exits; returns, having done nothing, when there is none (or it refuses): the start
    is then cold."""
    if not enabled(os.environ):
        return
    path = socket_path(plugin, engine, version)
    if path is None or not os.path.exists(path):
        return  # a cold start: it paid for none of the imports below
    import socket

    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
        peer = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
        if peer[1] != os.getuid():  # never hand this environment to another user
            raise ConnectionRefusedError
        request = Request(plugin, version, sys.executable, os.getcwd(), arguments, dict(os.environ))
        send_request(conn, request)
        import signal  # while the warm parent forks

        kind, value = read_message(conn)
    except (OSError, EOFError):
        conn.close()
        return
    if kind == PID:
        child = value
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(number, lambda received, _frame: forward(child, received))
        kind, value = wait_for_status(conn, child, os.getppid())
    exit_as(value)


def send_request(conn: "socket.socket", request: Request) -> None:
    import socket

    payload = request.encode()
    message = REQUEST_LENGTH.pack(len(payload)) + payload
    stdio = struct.pack(f"{len(STDIO)}i", *STDIO)
    sent = conn.sendmsg([message], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, stdio)])
    conn.sendall(message[sent:])


def read_exact(conn: "socket.socket", size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_message(conn: "socket.socket") -> "tuple[bytes, int]":
    kind, value = MESSAGE.unpack(read_exact(conn, MESSAGE.size))
    return kind, value


def forward(child: int, number: int) -> None:
    try:  # noqa: SIM105 - contextlib would be one more import before the handshake
        os.kill(child, number)
    except ProcessLookupError:
        pass


def wait_for_status(conn: "socket.socket", child: int, parent: int) -> "tuple[bytes, int]":
    """The status of the child. Like the engine watch of a cold plugin, this process ends when its
    ``parent`` (the engine, or its language host) does; the child ends with it
    (``parent.watch_start``)."""
    import select

    while True:
        ready, _, _ = select.select([conn], [], [], 1.0)
        if os.getppid() != parent:
            os._exit(0)
        if ready:
            try:
                return read_message(conn)
            except (OSError, EOFError):  # the warm parent is gone: wait for the child itself
                wait_for_exit(child)
                return STATUS, 1


def wait_for_exit(pid: int) -> None:
    import select

    try:
        handle = os.pidfd_open(pid)
    except OSError:
        return
    try:
        select.select([handle], [], [])
    finally:
        os.close(handle)


def exit_as(code: int) -> "NoReturn":
    """Ends this process as the child ended: with its code, or by its signal."""
    import select
    import signal

    if code < 0:
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
        select.select([], [], [], 1.0)  # the default action of the signal ends it
    os._exit(code if code >= 0 else 1)
