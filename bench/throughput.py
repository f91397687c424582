"""Figure 2: N concurrent creates through one warm provider process, against N/4 round trips."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bench.harness import (
    CONFIG,
    LATENCY_MS,
    RT_SAMPLES,
    RUNS,
    SIZES,
    WORKERS,
    Emulator,
    Seeder,
    log,
)
from bench.results import Diagnostics
from bench.stats import Stats, seconds
from bench.workload import (
    BenchProviderProcess,
    concurrent_creates,
    cpu_seconds,
    inputs,
    round_trips,
)

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


def measure_throughput(
    emulator: Emulator, seeder: Seeder, client: AppFabricClient, diagnostics: Diagnostics
) -> tuple[dict[str, list[float]], list[float]]:
    """Burst wall times by N, and the round trips sampled between the bursts.

    At the largest N, also records where the time goes into ``diagnostics``: CPU per create,
    requests in flight, HTTP connections, and one create at a time taken apart.
    """
    log(f"2/5 throughput: N = {', '.join(map(str, SIZES))} concurrent creates, one provider")
    throughput: dict[str, list[float]] = {}
    rts: list[float] = []
    with BenchProviderProcess() as process:
        process.configure(CONFIG)
        warm = seeder.api_keys(1)
        process.create("warm-up", inputs(seeder.bundle, warm[0]))
        for n in SIZES:
            samples = throughput.setdefault(str(n), [])
            for _ in range(RUNS):
                arns = seeder.api_keys(n + RT_SAMPLES)
                emulator.control.set_faults(latency_ms=LATENCY_MS)
                try:
                    rts += round_trips(client, seeder.bundle, arns[n:])
                    emulator.control.reset_calls()
                    before = (cpu_seconds(process.pid), time.process_time(), time.perf_counter())
                    samples.append(concurrent_creates(process, seeder.bundle, arns[:n]))
                    after = (cpu_seconds(process.pid), time.process_time())
                    calls = emulator.control.calls()
                finally:
                    emulator.control.set_faults(latency_ms=0)
                if calls != {"ConnectAppAuthorization": n}:
                    raise RuntimeError(f"N={n}: unexpected API calls {calls}")
                if n == max(SIZES):
                    diagnostics["cpu_provider"].append((after[0] - before[0]) / n)
                    diagnostics["cpu_driver"].append((after[1] - before[1]) / n)
                    served = emulator.log.api(before[2])
                    busy = sum(s.end - s.start for s in served) / samples[-1]
                    diagnostics["busy_slots"].append(busy)
                    diagnostics["connections"].append(len({s.thread for s in served}))
            rt = statistics.median(rts)
            log(
                f"    N={n:>2}: {seconds(Stats.of(samples), 3)}; one round trip {rt * 1000:.1f} ms;"
                f" ratio to N/4 x RT {statistics.median(samples) / (n / WORKERS * rt):.2f}"
            )
        diagnostics["sequential"] = sequential_breakdown(emulator, seeder, client, process)
    return throughput, rts


def sequential_breakdown(
    emulator: Emulator, seeder: Seeder, client: AppFabricClient, process: BenchProviderProcess
) -> dict[str, list[float]]:
    """One create at a time: time before the request reaches the emulator, in it, and after."""
    parts: dict[str, list[float]] = {}
    arns = seeder.api_keys(2 * RUNS * 2)
    calls: list[tuple[str, Callable[[str], Any]]] = [
        ("provider", lambda arn: process.create("s", inputs(seeder.bundle, arn))),
        (
            "boto3",
            lambda arn: client.connect_app_authorization(
                appBundleIdentifier=seeder.bundle, appAuthorizationIdentifier=arn
            ),
        ),
    ]
    with emulator.latency(LATENCY_MS):
        for index, arn in enumerate(arns):
            name, call = calls[index % 2]
            start = time.perf_counter()
            call(arn)
            end = time.perf_counter()
            (served,) = emulator.log.api(start)
            parts.setdefault(f"{name} before", []).append(served.start - start)
            parts.setdefault(f"{name} emulator", []).append(served.end - served.start)
            parts.setdefault(f"{name} after", []).append(end - served.end)
            parts.setdefault(f"{name} total", []).append(end - start)
    return parts
