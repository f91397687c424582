"""Runs every benchmark against the emulator and writes ``bench/results.json``.

Everything runs on this machine against the AppFabric emulator on 127.0.0.1 with an injected
round-trip latency of 50 ms. Figures:

1. API calls per lifecycle operation (counted by the emulator), and a create that stays
   PendingConnect for 2 s; beside a baseline that waits like Terraform's resource.
2. Throughput: N concurrent creates through one real provider process (4 gRPC workers, like the
   engine's), against the physical limit N/4 x one round trip; and where the time goes.
3. `pulumi up` with the real CLI for 0 (engine baseline), 1 and 20 connections.
4. State size: the `__provider` blob and the exported stack; the blob of a provider in __main__.
5. Provider cold start: process start to the first Create answered.
6. Install size: a fresh venv with the wheel alone, and with the examples extra.
7. Identity cost: STS calls per provider process with an assumed-role chain; create times.
8. Parallelism: creates in flight during `pulumi up` of 16 connections left PendingConnect, the
   dynamic resource (4 gRPC workers) vs the provider package (YAML program) by `--parallel`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import pulumi_runs
from bench.diagnostics import measure_variants
from bench.harness import (
    LATENCY_MS,
    PENDING_S,
    REPO,
    RUNS,
    SIZES,
    START,
    UP_SIZES,
    WORKERS,
    Emulator,
    ExternalEmulator,
    Seeder,
    appfabric_client,
    clean_environment,
    log,
)
from bench.identity_cost import measure_identity_cost
from bench.install_size import measure_install_sizes
from bench.lifecycle import measure_cold_start, measure_lifecycle, measure_pending
from bench.machine import loadavg, machine, versions
from bench.parallelism import measure_parallelism
from bench.pulumi_up import measure_blobs, measure_up
from bench.results import RESULTS, Diagnostics, Results, Settings, save
from bench.throughput import measure_throughput
from bench.workload import BenchProviderProcess

TIME_LIMIT_S = 900.0  # figure 8 alone takes 200 to 250 s (3 runs of four `pulumi up`s)
_scratch: list[Path] = []  # temporary directories the watchdog removes


def ensure_pulumi_on_path() -> None:
    if shutil.which("pulumi"):
        return
    log("pulumi is not on PATH: scripts/ensure-pulumi (uses its cache)")
    result = subprocess.run(
        [str(REPO / "scripts" / "ensure-pulumi"), sys.executable],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    os.environ["PATH"] = f"{result.stdout.strip()}{os.pathsep}{os.environ['PATH']}"


def watchdog() -> threading.Timer:
    """Past the time limit: kill every process the benchmark started, remove scratch, exit 3."""

    def expire() -> None:
        print(f"bench: over {TIME_LIMIT_S:.0f} s, stopping", file=sys.stderr, flush=True)
        BenchProviderProcess.kill_all()
        pulumi_runs.kill_all()
        ExternalEmulator.kill_all()
        for path in _scratch:
            shutil.rmtree(path, ignore_errors=True)
        os._exit(3)

    timer = threading.Timer(TIME_LIMIT_S, expire)
    timer.daemon = True
    timer.start()
    return timer


def measure() -> Results:
    started = datetime.now(UTC)
    settings = Settings(
        runs=RUNS,
        latency_ms=LATENCY_MS,
        workers=WORKERS,
        sizes=list(SIZES),
        up_sizes=list(UP_SIZES),
        pending_s=PENDING_S,
    )
    diagnostics = Diagnostics(
        cpu_provider=[],
        cpu_driver=[],
        busy_slots=[],
        connections=[],
        sequential={},
        variants={},
        apart_rt=[],
        cpu_breakdown={},
    )
    host = machine()
    log(f"machine: {host}")
    with tempfile.TemporaryDirectory(prefix="appfabric-bench-") as tmp, Emulator() as emulator:
        scratch = Path(tmp)
        _scratch.append(scratch)
        env = clean_environment(emulator.url, scratch)
        os.environ.clear()
        os.environ.update(env)
        software = versions(env)
        log(f"versions: {software}")
        log(f"emulator on {emulator.url}; latency {LATENCY_MS} ms; {RUNS} runs per figure")
        client = appfabric_client(emulator.url)
        seeder = Seeder(client)
        lifecycle, checks = measure_lifecycle(emulator, seeder, client)
        pending = measure_pending(emulator, seeder, client)
        throughput, round_trips = measure_throughput(emulator, seeder, client, diagnostics)
        measure_variants(emulator, seeder, statistics.median(round_trips), diagnostics)
        ups, state = measure_up(emulator, seeder, scratch)
        blobs = measure_blobs()
        cold = measure_cold_start(emulator, seeder)
        identity = measure_identity_cost(emulator)
        parallelism = measure_parallelism(emulator, seeder, scratch)
    install_mib = measure_install_sizes()
    return Results(
        started=started.isoformat(),
        elapsed=time.perf_counter() - START,
        settings=settings,
        machine=host,
        versions=software,
        load_end=loadavg(),
        lifecycle=lifecycle,
        lifecycle_checks=checks,
        pending=pending,
        round_trips=round_trips,
        throughput=throughput,
        diagnostics=diagnostics,
        cold=cold,
        ups=ups,
        state=state,
        blobs=blobs,
        install_mib=install_mib,
        identity=identity,
        parallelism=parallelism,
    )


def main() -> int:
    timer = watchdog()
    ensure_pulumi_on_path()
    save(measure())
    timer.cancel()
    log(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
