"""A container credentials endpoint (ECS, CodeBuild, EKS Pod Identity) on loopback, for botocore."""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

CONTAINER_ACCESS_KEY = "ASIACONTAINERTASKROLE"
CONTAINER_SECRET_KEY = "container-secret-key-7e21-must-never-leak"
CONTAINER_TOKEN = "container-session-token"
CONTAINER_PATH = "/v2/credentials/task"


@dataclass
class ContainerCredentials:
    """What botocore's ContainerProvider reads from AWS_CONTAINER_CREDENTIALS_FULL_URI."""

    url: str
    served: list[str]  # the paths asked for, in order


class _Handler(BaseHTTPRequestHandler):
    served: list[str]

    def do_GET(self) -> None:
        self.served.append(self.path)
        if self.path != CONTAINER_PATH:
            self.send_error(404)
            return
        expiration = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=6)
        body = json.dumps(
            {
                "AccessKeyId": CONTAINER_ACCESS_KEY,
                "SecretAccessKey": CONTAINER_SECRET_KEY,
                "Token": CONTAINER_TOKEN,
                "Expiration": expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def container_credentials() -> Iterator[ContainerCredentials]:
    """The endpoint on a free port of 127.0.0.1 (botocore only trusts loopback over http)."""
    served: list[str] = []
    handler = type("Handler", (_Handler,), {"served": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield ContainerCredentials(f"http://{host!s}:{port}{CONTAINER_PATH}", served)
    finally:
        server.shutdown()
        thread.join()
