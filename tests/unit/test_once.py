"""A refresh's reads, arriving together, build AppFabric's model once, not once each (#29)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from appfabric_connect.aws import model
from appfabric_connect.aws.once import once
from appfabric_connect.core import outputs


def _together(n: int, work: Callable[[], Any]) -> list[Any]:
    """``work`` on ``n`` threads released at the same moment; their results."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(index: int) -> None:
        barrier.wait()
        results[index] = work()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_first_call_made_by_many_threads_at_once_runs_once() -> None:
    calls: list[int] = []

    @once
    def slow(value: int) -> int:
        calls.append(value)
        time.sleep(0.01)  # long enough for every thread to find the cache empty
        return value * 2

    assert _together(20, lambda: slow(21)) == [42] * 20
    assert calls == [21]
    assert slow(2) == 4
    assert calls == [21, 2]


def test_concurrent_first_reads_load_the_service_model_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loads: list[object] = []
    read_json = model._read_json

    def counted(path: Any) -> dict[str, Any]:
        loads.append(path)
        time.sleep(0.01)
        return read_json(path)

    monkeypatch.setattr(model, "_read_json", counted)
    model._service.cache_clear()  # type: ignore[attr-defined]
    outputs._timestamps.cache_clear()  # type: ignore[attr-defined]
    try:
        found = _together(20, outputs._timestamps)
    finally:
        model._service.cache_clear()  # type: ignore[attr-defined]
        outputs._timestamps.cache_clear()  # type: ignore[attr-defined]

    assert len(loads) == 1
    assert all(timestamps == found[0] for timestamps in found)
