"""A real STS for the tests: moto's server on a free loopback port, and what it was asked."""

from __future__ import annotations

import contextlib
import io
import json
import re
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

STS_REGION = "us-east-1"
BASE_ACCESS_KEY = "AKIASTSBASEIDENTITY"
BASE_SECRET_KEY = "sts-base-secret-key-3f9a1c-must-never-leak"
TRUST_NOBODY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
ALLOW_ASSUME_ANY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}],
    }
)


@dataclass(frozen=True)
class StsCall:
    """One request STS received: its Action, and the access key ID that signed it (None:
    unsigned, as AssumeRoleWithWebIdentity is)."""

    action: str
    access_key: str | None


@dataclass
class StsCallLog:
    """What the recording server saw, in order; shared by the server thread and the tests."""

    calls: list[StsCall] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, call: StsCall) -> None:
        with self.lock:
            self.calls.append(call)

    def snapshot(self) -> list[StsCall]:
        with self.lock:
            return list(self.calls)

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()


_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/")


def _recording(app: Callable[..., Any], log: StsCallLog) -> Callable[..., Any]:
    """A WSGI wrapper noting each STS request's Action and signer before moto answers it."""

    def record(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "/").startswith("/moto-api"):
            return app(environ, start_response)  # type: ignore[no-any-return]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        action = (form.get("Action") or query.get("Action") or ["?"])[0]
        signed = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
        if signed is None:
            signed = _CREDENTIAL.search("Credential=" + (query.get("X-Amz-Credential") or [""])[0])
        log.add(StsCall(action, signed.group(1) if signed else None))
        return app(environ, start_response)  # type: ignore[no-any-return]

    return record


class _RecordingMotoServer(ThreadedMotoServer):
    """moto's threaded server, its app wrapped so that every STS request is recorded."""

    def __init__(self, log: StsCallLog) -> None:
        super().__init__(ip_address="127.0.0.1", port=0, verbose=False)
        self.log = log

    def _server_entry(self) -> None:
        app = _recording(DomainDispatcherApplication(create_backend_app), self.log)
        self._server = make_server(
            self._ip_address, self._port, app, True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()


@dataclass(frozen=True)
class Sts:
    """moto's server, reached over HTTP exactly as botocore reaches AWS STS."""

    url: str
    log: StsCallLog = field(default_factory=StsCallLog, compare=False)

    def _open(self, path: str, data: bytes | None = None) -> bytes:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method="POST" if data is not None else "GET",
            headers={"Content-Type": "text/plain"},  # moto reads the raw body, not a form
        )
        with opener.open(request, timeout=10) as response:
            return bytes(response.read())

    def reset(self) -> None:
        self._open("/moto-api/reset", b"")
        self.log.clear()

    def calls(self) -> list[StsCall]:
        """Every request STS received since the last reset, in order."""
        return self.log.snapshot()

    def assumed_roles(self) -> list[dict[str, str]]:
        """Every role session STS handed out, in order: access_key_id, role_arn, …"""
        data = json.loads(self._open("/moto-api/data.json"))
        return list(data.get("sts", {}).get("AssumedRole", []))

    def role_of(self, access_key_id: str) -> str | None:
        """The role ARN whose session the access key belongs to (None: not a role session)."""
        for role in self.assumed_roles():
            if role["access_key_id"] == access_key_id:
                return str(role["role_arn"])
        return None

    def client(
        self, access_key: str = BASE_ACCESS_KEY, secret_key: str = BASE_SECRET_KEY
    ) -> object:
        return boto3.client(
            "sts",
            endpoint_url=self.url,
            region_name=STS_REGION,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
        )

    @contextlib.contextmanager
    def enforcing_iam(self) -> Iterator[None]:
        """moto checks IAM policies and trust relationships (it allows everything otherwise)."""
        previous = json.loads(self._open("/moto-api/reset-auth", b"0"))
        try:
            yield
        finally:
            count = previous["PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT"]
            self._open("/moto-api/reset-auth", count.encode())

    def locked_role(self) -> tuple[str, str, str]:
        """(access key, secret key, role ARN): an IAM user allowed to call AssumeRole, and a
        role whose trust policy does not name that user, so STS refuses it (AccessDenied)."""
        iam = boto3.client(
            "iam",
            endpoint_url=self.url,
            region_name=STS_REGION,
            aws_access_key_id=BASE_ACCESS_KEY,
            aws_secret_access_key=BASE_SECRET_KEY,
        )
        iam.create_user(UserName="pipeline")
        iam.put_user_policy(
            UserName="pipeline", PolicyName="assume", PolicyDocument=ALLOW_ASSUME_ANY
        )
        key = iam.create_access_key(UserName="pipeline")["AccessKey"]
        role = iam.create_role(RoleName="locked", AssumeRolePolicyDocument=TRUST_NOBODY)["Role"]
        return key["AccessKeyId"], key["SecretAccessKey"], role["Arn"]


@pytest.fixture(scope="session")
def sts_server() -> Iterator[Sts]:
    """moto's server for the whole session, on a free port of 127.0.0.1, recording its calls."""
    log = StsCallLog()
    server = _RecordingMotoServer(log)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield Sts(f"http://{host}:{port}", log)
    finally:
        server.stop()


@pytest.fixture
def sts(sts_server: Sts) -> Sts:
    """The session's STS, forgetting every role session, user and role of earlier tests."""
    sts_server.reset()
    return sts_server
