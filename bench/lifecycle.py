"""Figures 1 and 5: API calls per lifecycle operation, a create left pending, the cold start."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from bench.baseline import terraform_like_create
from bench.harness import CONFIG, LATENCY_MS, PENDING_S, RUNS, Emulator, Seeder, log
from bench.results import Sample
from bench.workload import BenchProviderProcess, counted, inputs

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


def measure_lifecycle(
    emulator: Emulator, seeder: Seeder, client: AppFabricClient
) -> tuple[dict[str, list[Sample]], list[str]]:
    """Each operation's samples by name, and what run 1 answered (a sanity check)."""
    log("1/5 API calls per lifecycle operation (warm provider process, 50 ms latency)")
    results: dict[str, list[Sample]] = {}
    checks: list[str] = []

    def record(name: str, sample: Sample) -> None:
        results.setdefault(name, []).append(sample)

    with BenchProviderProcess() as process:
        process.configure(CONFIG)
        warm = inputs(seeder.bundle, seeder.api_keys(1)[0])
        process.check("warm-up", warm)  # the first Check loads the service model: not counted
        id_, outs = process.create("warm-up", warm)
        process.update("warm-up", id_, process.read("warm-up", id_, outs)[1], warm)
        for run in range(RUNS):
            arn, other = seeder.api_keys(2)
            news = inputs(seeder.bundle, arn)
            with emulator.latency(LATENCY_MS):
                sample, (_, failures) = counted(emulator, process.check, "c", news)
                record("check", sample)
                sample, (id_, outs) = counted(emulator, process.create, "c", news)
                record("create (Connect answers Connected)", sample)
                sample, (_, read) = counted(emulator, process.read, "c", id_, outs)
                record("read", sample)
                sample, (changes, _) = counted(emulator, process.diff, "c", id_, read, news)
                record("diff (no change)", sample)
                emulator.control.set_status(arn, "ConnectionValidationFailed")
                _, drifted = process.read("c", id_, read)
                sample, (reconnect, _) = counted(emulator, process.diff, "c", id_, drifted, news)
                record("diff (drifted status)", sample)
                sample, updated = counted(emulator, process.update, "c", id_, drifted, news)
                record("update (reconnect)", sample)
                sample, done = counted(
                    emulator, terraform_like_create, client, seeder.bundle, other
                )
                record("baseline create", sample)
            if run == 0:
                checks = [
                    f"check failures: {failures or 'none'}",
                    f"create status: {outs['status']}",
                    f"read status: {read['status']}",
                    f"diff without change -> changes={changes}",
                    f"diff after drift to {drifted['status']} -> changes={reconnect}",
                    f"update status: {updated['status']}",
                    f"baseline status: {done.status} after {done.polls} poll(s)",
                ]
    log("    " + "; ".join(checks))
    return results, checks


def measure_pending(
    emulator: Emulator, seeder: Seeder, client: AppFabricClient
) -> dict[str, list[Sample]]:
    """Creates while Connect leaves the authorization PendingConnect: provider and baseline."""
    log(f"1/5 create while the service stays PendingConnect for {PENDING_S:g} s ({RUNS} runs)")
    results: dict[str, list[Sample]] = {"provider": [], "baseline": []}
    with BenchProviderProcess() as process:
        process.configure(CONFIG)
        warm = seeder.api_keys(1)
        process.create("warm-up", inputs(seeder.bundle, warm[0]))
        for run in range(RUNS):
            arn, other = seeder.api_keys(2)
            emulator.control.set_faults(latency_ms=LATENCY_MS, connect_delay_s=PENDING_S)
            try:
                provider, (_, outs) = counted(
                    emulator, process.create, "p", inputs(seeder.bundle, arn)
                )
                assert outs["status"] == "Connected", outs["status"]
                results["provider"].append(provider)
                baseline, done = counted(
                    emulator, terraform_like_create, client, seeder.bundle, other
                )
                assert done.status == "Connected", done.status
                results["baseline"].append(baseline)
            finally:
                emulator.control.set_faults(latency_ms=0, connect_delay_s=0)
            log(
                f"    run {run + 1}: provider {provider['wall']:.2f} s "
                f"({provider['calls'].get('GetAppAuthorization', 0)} polls), "
                f"baseline {baseline['wall']:.2f} s ({done.polls} polls)"
            )
    return results


def measure_cold_start(emulator: Emulator, seeder: Seeder) -> list[dict[str, float]]:
    """Process start to the first Create answered, step by step; then a warm Create."""
    log(f"5/5 provider cold start: process start -> first Create answered ({RUNS} runs)")
    cold: list[dict[str, float]] = []
    for _ in range(RUNS):
        first, second = seeder.api_keys(2)
        with emulator.latency(LATENCY_MS):
            process = BenchProviderProcess()
            try:
                t0 = time.perf_counter()
                process.start()
                t1 = time.perf_counter()
                process.configure(CONFIG)
                t2 = time.perf_counter()
                process.create("cold", inputs(seeder.bundle, first))
                t3 = time.perf_counter()
                process.create("warm", inputs(seeder.bundle, second))
                t4 = time.perf_counter()
            finally:
                process.stop()
        cold.append(
            {
                "start": t1 - t0,
                "configure": t2 - t1,
                "create": t3 - t2,
                "total": t3 - t0,
                "warm": t4 - t3,
            }
        )
        log(f"    first Create answered {t3 - t0:.2f} s after process start")
    return cold
