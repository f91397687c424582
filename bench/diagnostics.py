"""Figure 2's diagnostics: the largest burst with one suspect removed, and a create's CPU."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from pulumi.dynamic import Config, ConfigureRequest, ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import rpc

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws.clients import clear_clients, client
from appfabric_connect.aws.settings import AwsSettings
from bench.harness import (
    CONFIG,
    LATENCY_MS,
    REGION,
    REPO,
    RT_SAMPLES,
    RUNS,
    SIZES,
    WORKERS,
    Emulator,
    ExternalEmulator,
    Seeder,
    appfabric_client,
    log,
)
from bench.probe_providers import Boto3Provider, SleepProvider
from bench.results import Diagnostics
from bench.workload import (
    BenchProviderProcess,
    concurrent_creates,
    inputs,
    raw_connects,
    round_trips,
)
from tests.support.provider_process import to_struct


def measure_variants(
    emulator: Emulator, seeder: Seeder, round_trip: float, diagnostics: Diagnostics
) -> None:
    """The largest burst in variants that each remove one suspect: where does the time go?"""
    n = max(SIZES)
    log(f"2/5 diagnostics at N={n}: raw boto3, cold process, stripped providers, emulator apart")
    variants = diagnostics["variants"]
    shared = appfabric_client(emulator.url)
    per_thread = [appfabric_client(emulator.url) for _ in range(WORKERS)]
    for clients in ([shared] * WORKERS, per_thread):  # warm every client's connection
        raw_connects(clients, seeder.bundle, seeder.api_keys(WORKERS))
    for key, clients in (("raw_shared", [shared] * WORKERS), ("raw_per_thread", per_thread)):
        for _ in range(RUNS):
            arns = seeder.api_keys(n)
            with emulator.latency(LATENCY_MS):
                variants.setdefault(key, []).append(raw_connects(clients, seeder.bundle, arns))
    for _ in range(RUNS):
        with BenchProviderProcess() as process:
            process.configure(CONFIG)
            arns = seeder.api_keys(n)
            with emulator.latency(LATENCY_MS):
                variants.setdefault("cold_process", []).append(
                    concurrent_creates(process, seeder.bundle, arns)
                )
    probes: dict[str, ResourceProvider] = {
        "probe_sleep": SleepProvider(round_trip),
        "probe_boto3": Boto3Provider(),
    }
    for key, probe in probes.items():
        with BenchProviderProcess(probe, env={"PYTHONPATH": str(REPO)}) as process:
            process.configure(CONFIG)
            process.create("warm-up", inputs(seeder.bundle, seeder.api_keys(1)[0]))
            for _ in range(RUNS):
                arns = seeder.api_keys(n)
                with emulator.latency(LATENCY_MS):
                    variants.setdefault(key, []).append(
                        concurrent_creates(process, seeder.bundle, arns)
                    )
    diagnostics["cpu_breakdown"] = cpu_breakdown(seeder)
    measure_emulator_apart(diagnostics)


def measure_emulator_apart(diagnostics: Diagnostics) -> None:
    """The provider and raw boto3 against an emulator in a process of its own."""
    n = max(SIZES)
    variants = diagnostics["variants"]
    with ExternalEmulator() as external:
        control = external.control
        apart = appfabric_client(external.url)
        seeder = Seeder(apart)
        config = {**CONFIG, "appfabric-connect:endpoint": external.url}
        with BenchProviderProcess() as process:
            process.configure(config)
            process.create("warm-up", inputs(seeder.bundle, seeder.api_keys(1)[0]))
            raw_connects([apart] * WORKERS, seeder.bundle, seeder.api_keys(WORKERS))
            for _ in range(RUNS):
                arns = seeder.api_keys(n + RT_SAMPLES)
                control.set_faults(latency_ms=LATENCY_MS)
                try:
                    diagnostics["apart_rt"] += round_trips(apart, seeder.bundle, arns[n:])
                    variants.setdefault("apart_provider", []).append(
                        concurrent_creates(process, seeder.bundle, arns[:n])
                    )
                finally:
                    control.set_faults(latency_ms=0)
                arns = seeder.api_keys(n)
                control.set_faults(latency_ms=LATENCY_MS)
                try:
                    variants.setdefault("apart_raw", []).append(
                        raw_connects([apart] * WORKERS, seeder.bundle, arns)
                    )
                finally:
                    control.set_faults(latency_ms=0)


def cpu_breakdown(seeder: Seeder) -> dict[str, float]:
    """CPU (this thread's, ms) of each step of a Create, replayed in this process."""
    provider = AppAuthorizationConnectionProvider()
    provider.configure(ConfigureRequest(Config(CONFIG, "appfabric-connect")))
    blob = serialize_provider(provider)
    arn = seeder.api_keys(1)[0]
    props = {**inputs(seeder.bundle, arn), "__provider": blob}
    struct = to_struct(props)
    outs = {**(provider.create(dict(props)).outs or {}), "__provider": blob}
    settings = AwsSettings(region=REGION)  # what the provider made of CONFIG
    appfabric = client(settings, REGION)

    def new_client() -> None:
        clear_clients()
        client(settings, REGION)

    steps: dict[str, Callable[[], Any]] = {
        "driver: serialize the request (private event loop)": lambda: to_struct(props),
        "provider: deserialize the request": lambda: rpc.deserialize_properties(struct),
        "provider: create() in all": lambda: provider.create(dict(props)),
        "  of which boto3 ConnectAppAuthorization": lambda: appfabric.connect_app_authorization(
            appBundleIdentifier=seeder.bundle, appAuthorizationIdentifier=arn
        ),
        "provider: serialize the outputs (new event loop)": lambda: to_struct(outs),
        "provider: first boto3 client (once per process)": new_client,
    }
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for round_ in range(60):  # interleaved, so that drift hits every step alike
        for name, step in steps.items():
            if "first" in name and round_ % 10:
                continue
            start = time.thread_time()
            step()
            samples[name].append(time.thread_time() - start)
    clear_clients()
    return {name: statistics.median(values) * 1000 for name, values in samples.items()}
