"""What the measurements share: settings, environment, emulators with a request log, seeding."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import boto3
from botocore.config import Config

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from appfabric_connect.emulator.models import DEFAULT_ACCOUNT
from appfabric_connect.emulator.seed import seed_authorization, seed_bundle
from appfabric_connect.emulator.urls import match_route

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

    from appfabric_connect.emulator.http_types import Request, Response

REPO = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
LATENCY_MS = 50
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = (1, 10, 40)  # concurrent creates through one provider process
WORKERS = 4  # gRPC worker threads of a pulumi.dynamic provider process
UP_SIZES = (0, 1, 20)  # connections per `pulumi up`
PENDING_S = 2.0  # how long Connect leaves an authorization PendingConnect
RT_SAMPLES = 5  # round trips sampled between the throughput runs
CONFIG = {"aws:region": REGION}
ACCESS_KEY = "AKIABENCHEMULATOR"
SECRET_KEY = "bench-emulator-secret-key"
LOCAL = "127.0.0.1,localhost"
START = time.perf_counter()


def log(message: str) -> None:
    """A progress line, stamped with the seconds since the benchmark started."""
    print(f"[{time.perf_counter() - START:6.1f}s] {message}", flush=True)


# -- environment -------------------------------------------------------------------------------


def clean_environment(endpoint: str, scratch: Path) -> dict[str, str]:
    """The caller's environment without AWS_*/PULUMI_* settings, pointed at the emulator only."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "PULUMI_")) and key != "BOTO_CONFIG"
    }
    env.update(
        {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_ENDPOINT_URL_APPFABRIC": endpoint,
            "AWS_CONFIG_FILE": str(scratch / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(scratch / "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            # Everything is on 127.0.0.1: no proxy may see it (grpc honours these too).
            "NO_PROXY": LOCAL,
            "no_proxy": LOCAL,
        }
    )
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env.pop(name, None)
    return env


# -- the emulator, with a log of every request it serves -----------------------------------------


@dataclass(frozen=True)
class Served:
    """One request the emulator served: its operation (or path) and when (perf_counter)."""

    what: str
    start: float
    end: float
    thread: int  # the emulator's handler thread: one per HTTP connection
    target: str = ""  # the app authorization the call names (ARN or ID), if any


@dataclass
class RequestLog:
    """Timestamps of the requests the in-process emulator serves (same clock as the driver)."""

    entries: list[Served] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def api(self, since: float = 0.0) -> list[Served]:
        with self.lock:
            return [e for e in self.entries if e.start >= since and not e.what.startswith("/")]


class Emulator:
    """The AppFabric emulator on 127.0.0.1 (in this process), its control client and a log."""

    def __init__(self, account: str = DEFAULT_ACCOUNT) -> None:
        self.server = EmulatorServer(host="127.0.0.1", port=0, region=REGION, account=account)
        self.log = RequestLog()
        self.control: EmulatorControl

    def __enter__(self) -> Emulator:
        self.server.start()
        self.control = EmulatorControl(self.server.url)
        app = self.server.app
        handle = app.handle

        def logged(request: Request) -> Response:
            start = time.perf_counter()
            response = handle(request)
            end = time.perf_counter()
            what, target = _operation(request)
            served = Served(what, start, end, threading.get_ident(), target)
            with self.log.lock:
                self.log.entries.append(served)
            return response

        app.handle = logged  # type: ignore[method-assign]
        return self

    def __exit__(self, *_: object) -> None:
        self.server.stop()

    @property
    def url(self) -> str:
        return self.server.url

    @contextmanager
    def latency(self, milliseconds: float) -> Iterator[None]:
        self.control.set_faults(latency_ms=milliseconds)
        try:
            yield
        finally:
            self.control.set_faults(latency_ms=0)


def _operation(request: Request) -> tuple[str, str]:
    """The operation (or the path) of ``request``, and the app authorization it names."""
    if request.path.startswith("/_emulator") or request.path.startswith("/oauth"):
        return request.path, ""
    matched = match_route(request.method, request.path)
    if matched is None:
        return request.path, ""
    route, labels = matched
    return route.operation, labels.get("appAuthorizationIdentifier", "")


def appfabric_client(endpoint: str) -> AppFabricClient:
    """A plain boto3 AppFabric client against the emulator (16 pooled connections)."""
    return boto3.session.Session().client(
        "appfabric",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"mode": "standard"}, max_pool_connections=16),
    )


class Seeder:
    """Fresh apiKey authorizations (PendingConnect) in the region's bundle.

    A bundle holds at most 50 authorizations and a region one bundle, so each call first deletes
    the authorizations the previous one made. Call it with the emulator at zero latency.
    """

    def __init__(self, client: AppFabricClient) -> None:
        self.client = client
        self.bundle = seed_bundle(client)
        self.count = 0
        self._made: list[str] = []

    def api_keys(self, n: int) -> list[str]:
        for arn in self._made:
            self.client.delete_app_authorization(
                appBundleIdentifier=self.bundle, appAuthorizationIdentifier=arn
            )
        self._made = []
        for _ in range(n):
            self.count += 1
            authorization = seed_authorization(
                self.client, self.bundle, "apiKey", "ASANA", tenant_id=f"bench-{self.count}"
            )
            self._made.append(authorization["appAuthorizationArn"])
        return list(self._made)


class ExternalEmulator:
    """The emulator in a process of its own (``python -m appfabric_connect.emulator``)."""

    live: ClassVar[set[subprocess.Popen[str]]] = set()

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.url = ""

    def __enter__(self) -> ExternalEmulator:
        argv = [sys.executable, "-m", "appfabric_connect.emulator", "--host", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*argv, "--port", "0"], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
        )
        ExternalEmulator.live.add(self.process)
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 30.0)
        line = self.process.stdout.readline() if ready else ""
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if found is None:
            self.__exit__()
            raise RuntimeError(f"the emulator process did not start: {line!r}")
        self.url = found[0]
        return self

    def __exit__(self, *_: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            ExternalEmulator.live.discard(self.process)
            self.process = None

    @property
    def control(self) -> EmulatorControl:
        return EmulatorControl(self.url)

    @classmethod
    def kill_all(cls) -> None:
        for process in list(cls.live):
            process.kill()
