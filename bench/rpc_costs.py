#!/usr/bin/env python3
"""Per-RPC costs of both plugins, driven over gRPC without an engine (``make bench`` runs it).

For the Pulumi provider package (``pulumi-resource-appfabric-connect``) and the Terraform provider
(``python -m appfabric_connect.terraform``, with go-plugin's AutoMTLS as Terraform starts it):

* start: process start to the handshake line (the port line; go-plugin's line), median of RUNS;
* each RPC of a plan or a refresh, called the way the engine calls it, one at a time: the
  wall time from request to response, and the plugin's own CPU time (``/proc/<pid>/stat``);
* a refresh of N connections, all N reads at once (the package; ``--parallel 64``) and
  PARALLELISM at a time (Terraform's default), at 0 ms and at LATENCY_MS per AppFabric call,
  beside its floor: ``ceil(N / in flight)`` round trips.

The emulator runs in a process of its own, so that the plugin's CPU is the plugin's.
``python bench/rpc_costs.py [--engines] [--json FILE | --save]`` prints Markdown tables (``--save``:
``bench/rpc_costs.json`` and RESULTS.md's figure 10). Another revision's figures ("before"): run it
from outside the checkout with ``PYTHONPATH`` naming that revision's ``git archive`` of the
package, which the plugins then import (``--json bench/rpc_costs_before.json``).
"""

from __future__ import annotations

import argparse
import base64
import compileall
import importlib
import json
import math
import os
import select
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: Python put bench/ first on the path, not the repository
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import grpc
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime.proto import provider_pb2 as pp
from pulumi.runtime.proto import provider_pb2_grpc as pg

from appfabric_connect.terraform import mirror
from appfabric_connect.terraform import terraform_schema as ts
from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf
from appfabric_connect.terraform.proto import tfplugin6_pb2_grpc as tg
from appfabric_connect.terraform.values import decode, encode
from bench.harness import (
    LATENCY_MS,
    REGION,
    REPO,
    Emulator,
    ExternalEmulator,
    Seeder,
    Served,
    appfabric_client,
    clean_environment,
    log,
)
from bench.package_program import PackageProject
from bench.pulumi_runs import Project
from bench.report_rpc import DYNAMIC_OVER_FLOOR, creates_line
from bench.terraform import find_terraform, plugin_env, tf_config

CONNECTIONS = 50
CREATES_AT_ONCE = 10  # as `pulumi up` of 10 new connections
PARALLELISM = 10  # terraform's default -parallelism
PULUMI_PARALLEL = 64  # the drift gates' `pulumi preview --parallel`
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ENGINE_RUNS = int(os.environ.get("BENCH_ENGINE_RUNS", "3"))
REPEAT = 500  # calls of one kind, for the plugin's CPU per call
PLUGIN = Path(sys.executable).parent / "pulumi-resource-appfabric-connect"
TOKEN = "appfabric-connect:index:AppAuthorizationConnection"
TF_TYPE = ts.RESOURCE
# google.protobuf ships no type stubs (types-protobuf is not a dependency).
Empty: Any = importlib.import_module("google.protobuf.empty_pb2").Empty
# The plugins' working directory: not the checkout, whose package `python -m` would find first.
OUTSIDE = tempfile.gettempdir()
TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """The process's user + system CPU seconds so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_S


@dataclass
class Figure:
    """One measure: per call, or per batch (``floor_ms`` set), with the plugin's CPU per call."""

    name: str
    calls: int
    wall_ms: list[float] = field(default_factory=list)  # per call, or per batch
    cpu_ms: float = 0.0  # the plugin's CPU per call
    first_ms: float | None = None  # the first call of a fresh process
    floor_ms: float | None = None

    def row(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "calls": self.calls,
            "median_ms": round(statistics.median(self.wall_ms), 2),
            "min_ms": round(min(self.wall_ms), 2),
            "cpu_ms_per_call": round(self.cpu_ms, 3),
            "first_ms": None if self.first_ms is None else round(self.first_ms, 2),
            "floor_ms": None if self.floor_ms is None else round(self.floor_ms, 1),
        }


Call = Callable[[], Any]


def timed_calls(pid: int, name: str, calls: Sequence[Call], repeat: int = 1) -> Figure:
    """``calls`` one after another, ``repeat`` times: wall per call, the plugin's CPU per call
    (``/proc`` counts in clock ticks: many calls make it precise)."""
    figure = Figure(name, len(calls))
    cpu0 = cpu_s(pid)
    for _ in range(repeat):
        for call in calls:
            t0 = time.perf_counter()
            call()
            figure.wall_ms.append((time.perf_counter() - t0) * 1000)
    figure.cpu_ms = (cpu_s(pid) - cpu0) * 1000 / (len(calls) * repeat)
    return figure


def timed_batch(
    pid: int, name: str, calls: Sequence[Call], in_flight: int, rtt_ms: float
) -> Figure:
    """``calls`` ``in_flight`` at a time, RUNS times: wall per batch, its floor in round trips."""
    figure = Figure(name, len(calls))
    figure.floor_ms = math.ceil(len(calls) / in_flight) * rtt_ms
    cpu = 0.0
    with ThreadPoolExecutor(in_flight) as pool:
        for _ in range(RUNS):
            cpu0 = cpu_s(pid)
            t0 = time.perf_counter()
            for future in [pool.submit(call) for call in calls]:
                future.result()
            figure.wall_ms.append((time.perf_counter() - t0) * 1000)
            cpu += cpu_s(pid) - cpu0
    figure.cpu_ms = cpu * 1000 / (RUNS * len(calls))
    return figure


def wait_line(process: subprocess.Popen[str], timeout: float = 30.0) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline() if ready else ""


def start_times(
    argv: list[str], env: dict[str, str], first: Callable[[str], Any], kind: str = "start"
) -> tuple[Figure, Figure]:
    """Process start to its handshake line, and to the answer of ``first(line)`` (its first
    call, made at once), RUNS times (each process then stopped)."""
    handshake = Figure(f"{kind} → handshake", RUNS)
    answered = Figure(f"{kind} → first call answered", RUNS)
    for _ in range(RUNS):
        t0 = time.perf_counter()
        process = subprocess.Popen(
            argv, env=env, cwd=OUTSIDE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        try:
            line = wait_line(process).strip()
            handshake.wall_ms.append((time.perf_counter() - t0) * 1000)
            if not line:
                raise RuntimeError(f"{argv[0]} printed no handshake")
            first(line)
            answered.wall_ms.append((time.perf_counter() - t0) * 1000)
        finally:
            process.kill()
            process.wait()
    return handshake, answered


@contextmanager
def plugin(argv: list[str], env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        argv, env=env, cwd=OUTSIDE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        line = wait_line(process).strip()
        if not line:
            raise RuntimeError(f"{argv[0]} printed no handshake")
        yield process, line
    finally:
        process.kill()
        process.wait()


def first_of(pid: int, name: str, call: Call) -> Figure:
    """The first call of its kind in a process (what it loads on demand), then ``REPEAT``."""
    t0 = time.perf_counter()
    call()
    first = (time.perf_counter() - t0) * 1000
    figure = timed_calls(pid, name, [call], REPEAT)
    figure.first_ms = first
    return figure


# -- the Pulumi provider package ------------------------------------------------------------------


def pv(values: dict[str, Any]) -> Any:
    return PropertyValue.marshal_map({k: PropertyValue(v) for k, v in values.items()})


def package_stub(port: str) -> Any:
    return pg.ResourceProviderStub(grpc.insecure_channel(f"127.0.0.1:{port}"))


def package_figures(
    env: dict[str, str], emulator: ExternalEmulator, seeder: Seeder
) -> list[Figure]:
    def info(port: str) -> Any:
        return package_stub(port).GetPluginInfo(Empty(), wait_for_ready=True)

    figures = list(start_times([str(PLUGIN)], env, info))  # no engine address: always cold
    # The later starts of one engine run (the engine's address first; no Log call is made to
    # it): the first (cold) one forks the warm parent, here this process's, and the others are
    # its children.
    engine_run = [str(PLUGIN), "127.0.0.1:1"]
    with plugin(engine_run, env):
        pass
    time.sleep(1.5)  # as between a refresh's start and the preview's: the warm parent has loaded
    figures += start_times(engine_run, env, info, kind="warm start")
    arns = seeder.api_keys(CONNECTIONS)
    with plugin([str(PLUGIN)], env) as (process, port):
        stub = package_stub(port)
        pid = process.pid
        figures.append(first_of(pid, "GetSchema", partial(stub.GetSchema, pp.GetSchemaRequest())))
        args = pv({"region": REGION})
        configure = pp.ConfigureRequest(args=args, acceptSecrets=True, acceptResources=True)
        figures.append(first_of(pid, "Configure", partial(stub.Configure, configure)))
        bundle = emulator_bundle(emulator)
        inputs = [
            pv({"appBundleIdentifier": bundle, "appAuthorizationIdentifier": arn}) for arn in arns
        ]
        urns = [f"urn:pulumi:bench::bench::{TOKEN}::c{i}" for i in range(len(arns))]
        checks = [
            partial(stub.Check, pp.CheckRequest(urn=u, olds=i, news=i))
            for u, i in zip(urns, inputs, strict=True)
        ]
        figures.append(first_of(pid, "Check", checks[0]))
        figures[-1].wall_ms = timed_calls(pid, "Check", checks, REPEAT // len(checks)).wall_ms
        created = [
            stub.Create(pp.CreateRequest(urn=u, properties=i))
            for u, i in zip(urns, inputs, strict=True)
        ]
        diffs = [
            partial(stub.Diff, pp.DiffRequest(id=c.id, urn=u, olds=c.properties, news=i))
            for u, c, i in zip(urns, created, inputs, strict=True)
        ]
        figures.append(timed_calls(pid, "Diff", diffs, REPEAT // len(diffs)))
        reads = [
            partial(stub.Read, pp.ReadRequest(id=c.id, urn=u, properties=c.properties, inputs=i))
            for u, c, i in zip(urns, created, inputs, strict=True)
        ]
        figures.append(timed_calls(pid, "Read (0 ms)", reads, 2))
        figures.append(
            timed_batch(pid, f"refresh of {len(reads)}, all at once, 0 ms", reads, len(reads), 0)
        )
        with latency(emulator, LATENCY_MS):
            figures.append(
                timed_batch(
                    pid,
                    f"refresh of {len(reads)}, all at once, {LATENCY_MS} ms",
                    reads,
                    len(reads),
                    LATENCY_MS,
                )
            )
        figures.append(creates_beside_boto3(pid, stub, emulator, seeder))
    return figures


def creates_beside_boto3(pid: int, stub: Any, emulator: ExternalEmulator, seeder: Seeder) -> Figure:
    """CREATES_AT_ONCE creates at once through the plugin, each a fresh apiKey authorization
    (one Connect), and as many ConnectAppAuthorization calls at once with raw boto3 against the
    same emulator (#29: creates stay within 1.05x of it), at LATENCY_MS; RUNS of each, taken in
    turn. The raw boto3 batch is the row's floor."""
    n = CREATES_AT_ONCE
    figure = Figure(f"{n} creates at once, {LATENCY_MS} ms (floor: raw boto3)", n)
    raw = appfabric_client(emulator.url)
    raw_ms: list[float] = []
    cpu = 0.0

    def through_plugin(i: int, arn: str) -> Any:
        inputs = pv({"appBundleIdentifier": seeder.bundle, "appAuthorizationIdentifier": arn})
        urn = f"urn:pulumi:bench::bench::{TOKEN}::create{i}"
        return stub.Create(pp.CreateRequest(urn=urn, properties=inputs))

    def with_boto3(_: int, arn: str) -> Any:
        return raw.connect_app_authorization(
            appBundleIdentifier=seeder.bundle, appAuthorizationIdentifier=arn
        )

    with ThreadPoolExecutor(n) as pool:
        with_boto3(0, seeder.api_keys(1)[0])  # its first call (the plugin made one already)
        for _ in range(RUNS):
            for create, walls in ((through_plugin, figure.wall_ms), (with_boto3, raw_ms)):
                arns = seeder.api_keys(n)  # at zero latency, as Seeder wants
                cpu0 = cpu_s(pid)
                with latency(emulator, LATENCY_MS):
                    t0 = time.perf_counter()
                    list(pool.map(create, range(n), arns))
                    walls.append((time.perf_counter() - t0) * 1000)
                if create is through_plugin:
                    cpu += cpu_s(pid) - cpu0
    figure.cpu_ms = cpu * 1000 / (RUNS * n)
    figure.floor_ms = statistics.median(raw_ms)
    return figure


# -- the Terraform provider -----------------------------------------------------------------------


def tf_stub(handshake: str) -> Any:
    _, _, _, address, _, cert = handshake.split("|")
    der = base64.b64decode(cert + "=" * (-len(cert) % 4))
    credentials = grpc.ssl_channel_credentials(
        root_certificates=ssl.DER_cert_to_PEM_cert(der).encode()
    )
    channel = grpc.secure_channel(
        f"unix:{address}", credentials, options=[("grpc.ssl_target_name_override", "localhost")]
    )
    return tg.ProviderStub(channel)


def terraform_figures(
    env: dict[str, str], emulator: ExternalEmulator, arns: list[str]
) -> list[Figure]:
    argv = [sys.executable, "-m", "appfabric_connect.terraform"]
    schema_request = tf.GetProviderSchema.Request()

    def schema(line: str) -> Any:
        return tf_stub(line).GetProviderSchema(schema_request, wait_for_ready=True)

    figures = list(start_times(argv, plugin_env(env), schema))
    # The later starts of one engine run, through the launcher: the first (cold) one forks the
    # warm parent, here this process's, and the others are its children.
    with tempfile.TemporaryDirectory(prefix="appfabric-warm-") as scratch:
        launcher = [str(mirror.write_launcher(Path(scratch)))]
        warm_env = plugin_env(env, warm=True)
        with plugin(launcher, warm_env):
            pass
        time.sleep(1.5)  # as between a plan's walks: the warm parent has loaded the plugin
        figures += start_times(launcher, warm_env, schema, kind="warm start")
    env = plugin_env(env)
    with plugin(argv, env) as (process, handshake):
        stub = tf_stub(handshake)
        pid = process.pid
        figures.append(
            first_of(pid, "GetProviderSchema", partial(stub.GetProviderSchema, schema_request))
        )
        provider_config = encode(ts.PROVIDER.conform({"region": REGION}))
        configure = tf.ConfigureProvider.Request(terraform_version="1.11.4", config=provider_config)
        figures.append(
            first_of(pid, "ConfigureProvider", partial(stub.ConfigureProvider, configure))
        )
        bundle = emulator_bundle(emulator)
        configs = [
            ts.RESOURCE_BLOCK.conform({"app_bundle_arn": bundle, "app_authorization_arn": arn})
            for arn in arns
        ]
        capabilities = tf.ClientCapabilities(write_only_attributes_allowed=True)
        validates = [
            partial(
                stub.ValidateResourceConfig,
                tf.ValidateResourceConfig.Request(
                    type_name=TF_TYPE, config=encode(c), client_capabilities=capabilities
                ),
            )
            for c in configs
        ]
        figures.append(first_of(pid, "ValidateResourceConfig", validates[0]))
        figures[-1].wall_ms = timed_calls(pid, "", validates, REPEAT // len(validates)).wall_ms
        states = [create(stub, config) for config in configs]
        plans = [
            partial(
                stub.PlanResourceChange,
                tf.PlanResourceChange.Request(
                    type_name=TF_TYPE,
                    prior_state=s,
                    proposed_new_state=encode({**decode(s), **c, "id": decode(s)["id"]}),
                    config=encode(c),
                ),
            )
            for s, c in zip(states, configs, strict=True)
        ]
        figures.append(
            timed_calls(pid, "PlanResourceChange (no change)", plans, REPEAT // len(plans))
        )
        reads = [
            partial(stub.ReadResource, tf.ReadResource.Request(type_name=TF_TYPE, current_state=s))
            for s in states
        ]
        figures.append(timed_calls(pid, "ReadResource (0 ms)", reads, 2))
        figures.append(
            timed_batch(
                pid,
                f"refresh of {len(reads)}, {PARALLELISM} at a time, 0 ms",
                reads,
                PARALLELISM,
                0,
            )
        )
        with latency(emulator, LATENCY_MS):
            figures.append(
                timed_batch(
                    pid,
                    f"refresh of {len(reads)}, {PARALLELISM} at a time, {LATENCY_MS} ms",
                    reads,
                    PARALLELISM,
                    LATENCY_MS,
                )
            )
    return figures


def create(stub: Any, config: dict[str, Any]) -> Any:
    """Plans and applies the creation of ``config``; its new state."""
    planned = stub.PlanResourceChange(
        tf.PlanResourceChange.Request(
            type_name=TF_TYPE,
            prior_state=encode(None),
            proposed_new_state=encode(config),
            config=encode(config),
        )
    ).planned_state
    applied = stub.ApplyResourceChange(
        tf.ApplyResourceChange.Request(
            type_name=TF_TYPE,
            prior_state=encode(None),
            planned_state=planned,
            config=encode(config),
        )
    )
    if applied.diagnostics:
        raise RuntimeError(f"create failed: {applied.diagnostics}")
    return applied.new_state


# -- the emulator ---------------------------------------------------------------------------------


def emulator_bundle(emulator: ExternalEmulator) -> str:
    return Seeder(appfabric_client(emulator.url)).bundle


@contextmanager
def latency(emulator: ExternalEmulator, milliseconds: float) -> Iterator[None]:
    emulator.control.set_faults(latency_ms=milliseconds)
    try:
        yield
    finally:
        emulator.control.set_faults(latency_ms=0)


def table(title: str, rows: list[dict[str, Any]]) -> str:
    lines = [
        f"| {title} | median | min | first in a process | plugin CPU per call | floor |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        first = "" if r["first_ms"] is None else f"{r['first_ms']:.1f} ms"
        floor = "" if r["floor_ms"] is None else f"{r['floor_ms']:.0f} ms"
        cpu = f"{r['cpu_ms_per_call']:.2f} ms" if r["cpu_ms_per_call"] else ""
        lines.append(
            f"| {r['name']} | {r['median_ms']:.2f} ms | {r['min_ms']:.2f} ms | {first} | {cpu} "
            f"| {floor} |"
        )
    return "\n".join(lines)


# -- through the engines: the drift gate beside its floor ------------------------------------------

# The targets (#29), each beside the floor it is measured with.
TARGETS_S = {
    "terraform plan, 50": 1.5,
    "terraform plan, 2": 1.0,
    "terraform plan -refresh=false, 50": 0.6,
    "package refresh part, 50": 0.3,
}
HANDSHAKE_TARGET_MS = 150.0
# pulumi.dynamic's provider server answers on 4 threads (its ThreadPoolExecutor(max_workers=4)).
DYNAMIC_WORKERS = 4


def in_flight(calls: list[Served]) -> int:
    """The most calls the emulator served at once."""
    events = sorted([(c.start, 1) for c in calls] + [(c.end, -1) for c in calls])
    most = now = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


def reads_since(emulator: Emulator, since: float) -> dict[str, float]:
    return reads_of(emulator.log.api(since))


def reads_of(served: list[Served]) -> dict[str, float]:
    """The GetAppAuthorization calls among ``served``: how many, first to last, most at once."""
    calls = [e for e in served if e.what == "GetAppAuthorization"]
    if not calls:
        return {"reads": 0, "window_s": 0.0, "in_flight": 0}
    window = max(c.end for c in calls) - min(c.start for c in calls)
    return {"reads": len(calls), "window_s": round(window, 3), "in_flight": in_flight(calls)}


def latency_and_reads(
    emulator: Emulator,
) -> tuple[Callable[[], AbstractContextManager[None]], Callable[[float], dict[str, float]]]:
    """What ``plan_gate`` and ``preview_gate`` take, for one emulator."""
    return partial(emulator.latency, LATENCY_MS), partial(reads_since, emulator)


def engine_figures(sizes: Sequence[int]) -> dict[str, Any]:
    """``terraform plan -detailed-exitcode`` (with and without refresh) beside ``terraform_data``
    x N, and the package's ``pulumi preview --refresh`` beside ``pulumi preview``, at
    LATENCY_MS per AppFabric call; medians of ENGINE_RUNS."""
    terraform = find_terraform()
    results: dict[str, Any] = {"terraform": {}, "package": {}}
    with tempfile.TemporaryDirectory(prefix="appfabric-rpc-") as tmp, Emulator() as emulator:
        scratch = Path(tmp)
        env = clean_environment(emulator.url, scratch)
        env["PATH"] = os.environ["PATH"]
        seeder = Seeder(appfabric_client(emulator.url))
        mirror.write_launcher(scratch / "bin")
        (scratch / "dev.tfrc").write_text(mirror.dev_overrides_config(scratch / "bin"))
        tf_env = {**env, "TF_CLI_CONFIG_FILE": str(scratch / "dev.tfrc"), "TF_IN_AUTOMATION": "1"}

        run = terraform_runner(terraform, tf_env)
        for n in sizes:
            log(f"terraform plan of {n} at {LATENCY_MS} ms per call")
            arns = seeder.api_keys(n)
            work, floor = scratch / f"tf-{n}", scratch / f"floor-{n}"
            results["terraform"][str(n)] = plan_gate(
                run, n, work, tf_config(seeder.bundle, arns), floor, *latency_and_reads(emulator)
            )

        n = CONNECTIONS
        log(f"pulumi preview --refresh of {n} package resources at {LATENCY_MS} ms per call")
        arns = seeder.api_keys(n)
        project = PackageProject(scratch / "package", env, n)
        project.new_stack("bench", seeder.bundle, arns)
        project.up("bench", "--parallel", "64")
        real = preview_gate(project, *latency_and_reads(emulator))
        # The floor: the same plugin, whose Read answers from state (bench/noop_package.py).
        noop = scratch / "noop-bin"
        noop.mkdir()
        script = noop / "pulumi-resource-appfabric-connect"
        script.write_text(
            f'#!/bin/sh\nexec "{sys.executable}" "{REPO / "bench" / "noop_package.py"}" "$@"\n'
        )
        script.chmod(0o755)
        project.env["PATH"] = os.pathsep.join([str(noop), project.env["PATH"]])
        noop_gate = preview_gate(project, *latency_and_reads(emulator))
        results["package"][str(n)] = {**real, **{f"noop_{k}": v for k, v in noop_gate.items()}}

        log(f"pulumi preview --refresh of {n} dynamic resources at {LATENCY_MS} ms per call")
        dynamic = Project(scratch / "dynamic", env)
        dynamic.new_stack("bench", seeder.bundle, seeder.api_keys(n))
        dynamic.up("bench", "--parallel", "64")
        floor_s = math.ceil(n / DYNAMIC_WORKERS) * LATENCY_MS / 1000
        gate = preview_gate(dynamic, *latency_and_reads(emulator))
        results["dynamic"] = {str(n): {**gate, "workers_floor_s": floor_s}}
    return results


def terraform_runner(terraform: str, env: dict[str, str]) -> Callable[..., float]:
    """``run(cwd, *args)``: ``terraform ARGS`` in ``cwd``, timed; a failure raises."""

    def run(cwd: Path, *args: str) -> float:
        t0 = time.perf_counter()
        done = subprocess.run(
            [terraform, *args, "-no-color", "-input=false"],
            cwd=cwd,
            env=env,
            capture_output=True,
            check=False,
        )
        if done.returncode not in (0, 2) or (done.returncode == 2 and "plan" in args):
            raise RuntimeError(f"terraform {' '.join(args)}: {done.stderr.decode()[-2000:]}")
        return time.perf_counter() - t0

    return run


def plan_gate(
    run: Callable[..., float],
    n: int,
    work: Path,
    config: str,
    floor: Path,
    latency: Callable[[], AbstractContextManager[None]],
    reads: Callable[[float], dict[str, float]],
) -> dict[str, float]:
    """``config`` (``n`` connections) applied in ``work`` and ``terraform_data`` x ``n`` in
    ``floor``; then, ENGINE_RUNS times under ``latency()``: the floor's plan,
    ``-refresh=false``, the plan and its ``reads`` (medians)."""
    for directory, text in ((work, config), (floor, floor_config(n))):
        directory.mkdir()
        (directory / "main.tf").write_text(text)
    run(work, "apply", "-auto-approve")
    run(floor, "init")
    run(floor, "apply", "-auto-approve")
    runs = []
    with latency():
        for _ in range(ENGINE_RUNS):
            one = {"floor_s": run(floor, "plan", "-detailed-exitcode")}
            one["no_refresh_s"] = run(work, "plan", "-refresh=false", "-detailed-exitcode")
            since = time.perf_counter()
            one["plan_s"] = run(work, "plan", "-detailed-exitcode")
            runs.append({**one, **reads(since)})
            log(f"    terraform, {n}: {runs[-1]}")
    return medians(runs)


def floor_config(n: int) -> str:
    """The engine's own floor: ``terraform_data`` x ``n``."""
    return "".join(f'resource "terraform_data" "c{i}" {{\n  input = {i}\n}}\n' for i in range(n))


def preview_gate(
    project: Project,
    latency: Callable[[], AbstractContextManager[None]],
    reads: Callable[[float], dict[str, float]],
) -> dict[str, float]:
    """``pulumi preview`` and ``pulumi preview --refresh --expect-no-changes``, ENGINE_RUNS
    times under ``latency()``: medians, and the ``reads`` of the refresh."""
    runs = []
    with latency():
        for _ in range(ENGINE_RUNS):
            t0 = time.perf_counter()
            project.run("preview", "--parallel", str(PULUMI_PARALLEL), stack="bench")
            preview = time.perf_counter() - t0
            since = time.perf_counter()
            project.run(
                "preview",
                "--refresh",
                "--expect-no-changes",
                "--parallel",
                str(PULUMI_PARALLEL),
                stack="bench",
            )
            gate = time.perf_counter() - since
            runs.append(
                {
                    "preview_s": preview,
                    "gate_s": gate,
                    "refresh_part_s": gate - preview,
                    **reads(since),
                }
            )
    return medians(runs)


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(run[key] for run in runs), 3) for key in runs[0]}


def engine_table(results: dict[str, Any]) -> str:
    lines = [
        f"| through the engine, {LATENCY_MS} ms per call | measured | its floor | target | met |",
        "|---|---|---|---|---|",
    ]

    def row(name: str, value: float, floor: str, target: float | None) -> None:
        met = "" if target is None else ("yes" if value <= target else "**no**")
        goal = "" if target is None else f"≤ {target:.2f} s"
        lines.append(f"| {name} | {value:.2f} s | {floor} | {goal} | {met} |")

    for n, tf_run in results["terraform"].items():
        floor = f"{tf_run['floor_s']:.2f} s (`terraform_data` x {n})"
        row(f"terraform plan, {n}", tf_run["plan_s"], floor, TARGETS_S.get(f"terraform plan, {n}"))
        row(
            f"terraform plan -refresh=false, {n}",
            tf_run["no_refresh_s"],
            floor,
            TARGETS_S.get(f"terraform plan -refresh=false, {n}"),
        )
        rtt = math.ceil(int(n) / PARALLELISM) * LATENCY_MS / 1000
        row(
            f"its {int(tf_run['reads'])} reads, first to last ({int(tf_run['in_flight'])} at once)",
            tf_run["window_s"],
            f"{rtt:.2f} s (ceil({n}/{PARALLELISM}) round trips)",
            None,
        )
    for n, pk in results["package"].items():
        row(f"package: pulumi preview, {n}", pk["preview_s"], "", None)
        row(f"package: preview --refresh, {n}", pk["gate_s"], "", None)
        noop = f"{pk['noop_refresh_part_s']:.2f} s (no-op Read: bench/noop_package.py)"
        row(
            f"package refresh part, {n}",
            pk["refresh_part_s"],
            noop,
            TARGETS_S.get(f"package refresh part, {n}"),
        )
        row(
            f"package refresh part over its floor, {n}",
            pk["refresh_part_s"] - pk["noop_refresh_part_s"],
            "",
            None,
        )
        row(
            f"its {int(pk['reads'])} reads, first to last ({int(pk['in_flight'])} at once)",
            pk["window_s"],
            f"{LATENCY_MS / 1000:.2f} s (one round trip)",
            None,
        )
    for n, dyn in results.get("dynamic", {}).items():
        row(f"dynamic: pulumi preview, {n}", dyn["preview_s"], "", None)
        row(f"dynamic: preview --refresh, {n}", dyn["gate_s"], "", None)
        row(
            f"dynamic refresh part, {n}",
            dyn["refresh_part_s"],
            f"{dyn['workers_floor_s']:.2f} s (ceil({n}/{DYNAMIC_WORKERS}) round trips)",
            DYNAMIC_OVER_FLOOR * dyn["workers_floor_s"],
        )
    return "\n".join(lines)


def handshake_lines(results: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for name, rows in results.items():
        start = rows[0]["median_ms"]
        met = "met" if start <= HANDSHAKE_TARGET_MS else "**not met**"
        warm = {row["name"]: row["median_ms"] for row in rows}.get("warm start → handshake")
        lines.append(
            f"- {name}: start → handshake {start:.0f} ms median (target ≤ "
            f"{HANDSHAKE_TARGET_MS:.0f} ms: {met}); start → first call answered "
            f"{rows[1]['median_ms']:.0f} ms"
            + ("" if warm is None else f"; a warm start → handshake {warm:.0f} ms")
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--save", action="store_true", help="write bench/rpc_costs.json, render RESULTS.md"
    )
    parser.add_argument("--only", choices=("package", "terraform"), help="one front end")
    parser.add_argument(
        "--engines", action="store_true", help="also plan and refresh through the real CLIs"
    )
    options = parser.parse_args()
    # As a wheel install has them (pip compiles on install): without bytecode (an editable
    # install under PYTHONDONTWRITEBYTECODE) every start would compile the package anew. The
    # plugins import the package on PYTHONPATH if there is one (another revision's, "before").
    for entry in [*os.environ.get("PYTHONPATH", "").split(os.pathsep), str(REPO)]:
        if entry and (Path(entry) / "appfabric_connect").is_dir():
            compileall.compile_dir(str(Path(entry) / "appfabric_connect"), quiet=1)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch, ExternalEmulator() as emulator:
        env = clean_environment(emulator.url, Path(scratch))
        seeder = Seeder(appfabric_client(emulator.url))
        out = []
        if options.only in (None, "package"):
            log("the provider package")
            figures = package_figures(env, emulator, seeder)
            results["package"] = [f.row() for f in figures]
            out.append(table("provider package", results["package"]))
        if options.only in (None, "terraform"):
            log("the Terraform provider")
            figures = terraform_figures(env, emulator, seeder.api_keys(CONNECTIONS))
            results["terraform"] = [f.row() for f in figures]
            out.append(table("Terraform provider", results["terraform"]))
    out.append(handshake_lines(results))
    creates = creates_line(results.get("package", []))
    if creates:
        out.append(creates)
    if options.engines:
        results["engines"] = engine_figures((2, CONNECTIONS))
        out.append(engine_table(results["engines"]))
    print("\n\n".join(out))
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n")
    if options.save:
        (REPO / "bench" / "rpc_costs.json").write_text(json.dumps(results, indent=2) + "\n")
        from bench import report
        from bench.results import load as load_results  # figure 10 of RESULTS.md

        report.MARKDOWN.write_text(report.report(load_results()))
        log(f"wrote bench/rpc_costs.json and {report.MARKDOWN.relative_to(REPO)}")


if __name__ == "__main__":
    main()
