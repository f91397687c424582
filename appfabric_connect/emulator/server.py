"""HTTP/1.1 keep-alive server for the emulator, and EmulatorServer to run it on a thread."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
import threading
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, cast

from .app import EmulatorApp
from .http_types import Request, Response
from .models import DEFAULT_ACCOUNT, AppFabricBackend
from .store import Store

logger = logging.getLogger(__name__)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # socketserver listens with a backlog of 5: more new connections at once (16 parallel
    # creates) lose SYNs, which clients resend 1 s later. A real endpoint does not.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: EmulatorApp, verbose: bool) -> None:
        self.app = app
        self.verbose = verbose
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def track(self, connection: socket.socket, add: bool) -> None:
        with self._connections_lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up are routine; anything else is logged, never printed raw."""
        if not isinstance(sys.exc_info()[1], OSError):
            logger.exception("error serving %s", client_address)

    def close_connections(self) -> None:
        """Hang up idle keep-alive connections so their threads end with the server."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    """Keep-alive handler; TCP_NODELAY and one send per response avoid Nagle/delayed-ACK stalls."""

    protocol_version = "HTTP/1.1"
    server_version = "AppFabricEmulator/0.1"
    disable_nagle_algorithm = True
    timeout = 120

    @property
    def _server(self) -> _HTTPServer:
        return cast(_HTTPServer, self.server)

    def setup(self) -> None:
        super().setup()
        self._server.track(self.connection, True)

    def finish(self) -> None:
        self._server.track(self.connection, False)
        super().finish()

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        try:
            body = self._read_body()
        except ValueError:
            self._send(Response(400, {"Content-Type": "text/plain"}, b"bad request body"))
            self.close_connection = True
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = Request(self.command, self.path, headers, body)
        self._send(self._server.app.handle(request))

    def _send(self, response: Response) -> None:
        try:
            reason = HTTPStatus(response.status).phrase
        except ValueError:
            reason = ""
        lines = [f"{self.protocol_version} {response.status} {reason}"]
        headers = {
            "Server": self.version_string(),
            "Date": formatdate(usegmt=True),
            **response.headers,
            "Content-Length": str(len(response.body)),
        }
        if self.close_connection:
            headers["Connection"] = "close"
        lines.extend(f"{name}: {value}" for name, value in headers.items())
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        payload = head if self.command == "HEAD" else head + response.body
        self.wfile.write(payload)
        if self._server.verbose:
            self.log_request(response.status)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle

    def log_message(self, format: str, *args: Any) -> None:
        if self._server.verbose:
            super().log_message(format, *args)


class EmulatorServer:
    """The emulator on a background thread (the shape of moto's ThreadedMotoServer)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        region: str = "us-east-1",
        account: str = DEFAULT_ACCOUNT,
        state_file: str | os.PathLike[str] | None = None,
        *,
        verbose: bool = False,
    ) -> None:
        self.host = host
        self.port = port
        self.region = region
        self.backend = AppFabricBackend(account, Store(state_file))
        self.app = EmulatorApp(self.backend, region)
        self.verbose = verbose
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the emulator is not running")
        host = self.host if self.host not in ("", "0.0.0.0") else "127.0.0.1"
        return f"http://{host}:{self._httpd.server_address[1]}"

    def start(self) -> None:
        """Bind and serve on a daemon thread; returns once connections are accepted."""
        if self._httpd is not None:
            raise RuntimeError("the emulator is already running")
        httpd = _HTTPServer((self.host, self.port), self.app, self.verbose)
        self._httpd = httpd
        self.app.host = self.url.removeprefix("http://")
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        httpd.shutdown()
        httpd.server_close()
        httpd.close_connections()
        thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> EmulatorServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
