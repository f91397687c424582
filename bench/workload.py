"""The calls the measurements make: through a provider process, in bursts, or with raw boto3."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ClassVar

from pulumi.dynamic import ResourceProvider

from bench.harness import Emulator
from bench.results import Sample
from tests.support.provider_process import ProviderProcess

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


class BenchProviderProcess(ProviderProcess):
    """A provider process in stack ``bench`` that the watchdog can kill."""

    live: ClassVar[set[int]] = set()
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, provider: ResourceProvider | None = None, env: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(env, provider=provider, stack="bench")
        self._started_pid: int | None = None

    def start(self) -> None:
        super().start()
        self._started_pid = self.pid
        with self._lock:
            self.live.add(self.pid)

    def stop(self) -> None:
        super().stop()
        if self._started_pid is not None:
            with self._lock:
                self.live.discard(self._started_pid)

    @classmethod
    def kill_all(cls) -> None:
        """Kills every provider process started and not stopped yet (watchdog)."""
        with cls._lock:
            pids = list(cls.live)
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time process ``pid`` has used so far (from /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def inputs(bundle: str, authorization: str) -> dict[str, Any]:
    return {"app_bundle_identifier": bundle, "app_authorization_identifier": authorization}


def counted(emulator: Emulator, fn: Callable[..., Any], *args: Any) -> tuple[Sample, Any]:
    """Wall time and API calls (as counted by the emulator) of ``fn(*args)``, and its result."""
    emulator.control.reset_calls()
    start = time.perf_counter()
    result = fn(*args)
    wall = time.perf_counter() - start
    return Sample(wall=wall, calls=emulator.control.calls()), result


def round_trips(client: AppFabricClient, bundle: str, authorizations: Sequence[str]) -> list[float]:
    """Sequential ConnectAppAuthorization calls with a warm boto3 client: one round trip each."""
    samples = []
    for arn in authorizations:
        start = time.perf_counter()
        client.connect_app_authorization(appBundleIdentifier=bundle, appAuthorizationIdentifier=arn)
        samples.append(time.perf_counter() - start)
    return samples


def concurrent_creates(
    process: ProviderProcess, bundle: str, authorizations: Sequence[str]
) -> float:
    """Wall time of ``len(authorizations)`` Creates issued at once from as many threads."""
    n = len(authorizations)
    barrier = threading.Barrier(n + 1)

    def one(index: int) -> str:
        barrier.wait()
        _, outs = process.create(f"c{index}", inputs(bundle, authorizations[index]))
        return str(outs["status"])

    with ThreadPoolExecutor(max_workers=n) as pool:
        futures = [pool.submit(one, index) for index in range(n)]
        barrier.wait()
        start = time.perf_counter()
        statuses = [future.result(timeout=300) for future in futures]
        wall = time.perf_counter() - start
    if set(statuses) != {"Connected"}:
        raise RuntimeError(f"creates did not all connect: {Counter(statuses)}")
    return wall


def raw_connects(clients: Sequence[AppFabricClient], bundle: str, arns: Sequence[str]) -> float:
    """Wall time of Connects from ``len(clients)`` threads, thread i using ``clients[i]``."""
    local = threading.local()
    handed = iter(clients)
    lock = threading.Lock()

    def client() -> AppFabricClient:
        if not hasattr(local, "client"):
            with lock:
                local.client = next(handed)
        return local.client  # type: ignore[no-any-return]

    def one(arn: str) -> None:
        client().connect_app_authorization(
            appBundleIdentifier=bundle, appAuthorizationIdentifier=arn
        )

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        start = time.perf_counter()
        list(pool.map(one, arns))
        return time.perf_counter() - start
