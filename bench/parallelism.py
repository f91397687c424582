"""Figure 8: creates in flight under `pulumi up --parallel P`, dynamic resource vs package."""

from __future__ import annotations

import os
import re
import statistics
from collections.abc import Sequence
from pathlib import Path

from bench.harness import LATENCY_MS, PENDING_S, RUNS, Emulator, Seeder, Served, log
from bench.machine import loadavg
from bench.package_program import PackageProject
from bench.pulumi_runs import Project, UpRun
from bench.results import Parallelism

CONNECTIONS = 16  # per `pulumi up`; a bundle holds at most 50 authorizations
PARALLEL_RUNS = min(RUNS, 3)
# case -> (program, extra `pulumi up` arguments); the dynamic resource at the CLI's default too
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "dynamic/default": ("dynamic", ()),
    "dynamic/16": ("dynamic", ("--parallel", "16")),
    "package/4": ("package", ("--parallel", "4")),
    "package/16": ("package", ("--parallel", "16")),
}


def measure_parallelism(emulator: Emulator, seeder: Seeder, scratch: Path) -> Parallelism:
    """`pulumi up` of N connections each left PendingConnect for PENDING_S, by case."""
    log(
        f"8/8 {CONNECTIONS} creates, PendingConnect {PENDING_S:g} s: dynamic resource vs "
        f"package under `pulumi up --parallel`, {PARALLEL_RUNS} runs"
    )
    dynamic = Project(scratch / "parallel-dynamic", dict(os.environ))
    projects: dict[str, Project] = {
        "dynamic": dynamic,
        "package": PackageProject(scratch / "parallel-package", dynamic.env, CONNECTIONS),
    }
    default = default_parallel(dynamic)
    cases: dict[str, list[dict[str, float]]] = {case: [] for case in CASES}
    for run in range(PARALLEL_RUNS):
        order = list(CASES)[run % len(CASES) :] + list(CASES)[: run % len(CASES)]
        for case in order:
            kind, args = CASES[case]
            project = projects[kind]
            stack = f"parallel-{case.replace('/', '-')}-{run}"
            project.new_stack(stack, seeder.bundle, seeder.api_keys(CONNECTIONS))
            emulator.control.reset_calls()
            emulator.control.set_faults(latency_ms=LATENCY_MS, connect_delay_s=PENDING_S)
            try:
                up = project.up(stack, *args)
            finally:
                emulator.control.set_faults(latency_ms=0, connect_delay_s=0)
            connects = emulator.control.calls().get("ConnectAppAuthorization", 0)
            served = [s for s in emulator.log.api(up.start) if s.end <= up.end]
            record = creates(up, served)
            if connects != CONNECTIONS or record["creates"] != CONNECTIONS:
                raise RuntimeError(f"{case}: {connects} Connects for {CONNECTIONS} connections")
            cases[case].append(record)
            log(
                f"    run {run + 1}, {case:<15} {up.seconds:5.2f} s, peak "
                f"{record['peak']:.0f} creates in flight ({loadavg()})"
            )
    return Parallelism(
        connections=CONNECTIONS, pending_s=PENDING_S, default_parallel=default, cases=cases
    )


def creates(up: UpRun, served: Sequence[Served]) -> dict[str, float]:
    """One create per authorization: from its Connect reaching the emulator to its last call
    (the poll that saw Connected) answered; how many overlapped at most, and on average; and
    how long after the first Connect the last one came."""
    spans: dict[str, tuple[float, float]] = {}
    for call in sorted(served, key=lambda s: s.start):
        if call.what == "ConnectAppAuthorization":
            spans[call.target] = (call.start, call.end)
        elif call.target in spans:
            spans[call.target] = (spans[call.target][0], call.end)
    first = min(start for start, _ in spans.values())
    last_connect = max(start for start, _ in spans.values())
    last = max(end for _, end in spans.values())
    durations = [end - start for start, end in spans.values()]
    return {
        "wall": up.seconds,
        "creates": len(spans),
        "first_call": first - up.start,
        "window": last - first,
        "connect_spread": last_connect - first,
        "create": statistics.median(durations),
        "slowest": max(durations),
        "peak": peak(list(spans.values())),
        "mean": sum(durations) / (last - first),
    }


def peak(spans: Sequence[tuple[float, float]]) -> int:
    """The most spans open at one moment (one ending as another starts: not overlapping)."""
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    most = now = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


def default_parallel(project: Project) -> int:
    """The CLI's default for ``pulumi up --parallel`` (from its help; 0 if not found)."""
    found = re.search(r"--parallel int\d*\s.*\(default (\d+)\)", project.run("up", "--help"))
    return int(found[1]) if found else 0
