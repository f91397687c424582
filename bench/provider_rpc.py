"""The real provider process, with the Check, Diff and Update calls the engine also makes."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime.proto import provider_pb2

from appfabric_connect.provider_process import ProviderProcess, _plain, _struct, _urn

_live: set[BenchProviderProcess] = set()
_live_lock = threading.Lock()


class BenchProviderProcess(ProviderProcess):
    """A :class:`ProviderProcess` that also checks, diffs and updates, and knows its pid.

    ``provider`` replaces the real provider by another one (its module must be importable in
    the provider process: ``env`` can set PYTHONPATH).
    """

    def __init__(
        self, provider: ResourceProvider | None = None, env: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(env=env)
        if provider is not None:
            self.blob = serialize_provider(provider)

    def start(self) -> None:
        with _live_lock:
            _live.add(self)
        super().start()

    def stop(self) -> None:
        super().stop()
        with _live_lock:
            _live.discard(self)

    @property
    def pid(self) -> int:
        assert self._process is not None, "not started"
        return self._process.pid

    def cpu_seconds(self) -> float:
        """User + system CPU time the provider process has used so far (from /proc)."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def check(self, name: str, news: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        request = provider_pb2.CheckRequest(
            urn=_urn(name), olds=_struct({}), news=_struct({**news, "__provider": self.blob})
        )
        response = self._stub.Check(request)
        return _plain(response.inputs), [f.reason for f in response.failures]

    def diff(
        self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> tuple[bool, list[str]]:
        request = provider_pb2.DiffRequest(
            id=id_,
            urn=_urn(name),
            olds=_struct({**olds, "__provider": self.blob}),
            news=_struct({**news, "__provider": self.blob}),
        )
        response = self._stub.Diff(request)
        return response.changes == provider_pb2.DiffResponse.DIFF_SOME, list(response.replaces)

    def update(
        self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> dict[str, Any]:
        request = provider_pb2.UpdateRequest(
            id=id_,
            urn=_urn(name),
            olds=_struct({**olds, "__provider": self.blob}),
            news=_struct({**news, "__provider": self.blob}),
        )
        return _plain(self._stub.Update(request).properties)


def kill_all() -> None:
    """Kills every provider process this benchmark started and has not stopped (watchdog)."""
    with _live_lock:
        live = list(_live)
    for process in live:
        if process._process is not None:
            process._process.kill()


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result
