"""Figures 3 and 4: `pulumi up` with the real CLI, and the size of what it stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.harness import LATENCY_MS, REPO, RUNS, UP_SIZES, Emulator, Seeder, log
from bench.machine import loadavg
from bench.pulumi_runs import Project
from bench.results import Blobs, StateSizes


def measure_up(
    emulator: Emulator, seeder: Seeder, scratch: Path
) -> tuple[dict[str, list[dict[str, float]]], dict[str, StateSizes]]:
    """Timings of each `pulumi up` by number of connections, and the state sizes of run 1."""
    log(f"3/5 pulumi up (real CLI, --skip-preview) for {UP_SIZES} connections, {RUNS} runs each")
    project = Project(scratch / "pulumi", dict(os.environ))
    ups: dict[str, list[dict[str, float]]] = {}
    state: dict[str, StateSizes] = {}
    for run in range(RUNS):
        for n in UP_SIZES:
            arns = seeder.api_keys(n)
            stack = f"bench-{n}-{run}"
            project.new_stack(stack, seeder.bundle, arns)
            with emulator.latency(LATENCY_MS):
                emulator.control.reset_calls()
                up = project.up(stack)
                calls = emulator.control.calls()
            served = [s for s in emulator.log.api(up.start) if s.end <= up.end]
            connects = [s for s in served if s.what == "ConnectAppAuthorization"]
            if calls.get("ConnectAppAuthorization", 0) != n or len(connects) != n:
                raise RuntimeError(f"pulumi up of {n} connections made calls {calls}")
            record = {"wall": up.seconds}
            if connects:
                first = min(s.start for s in connects)
                last = max(s.end for s in connects)
                record["first_call"] = first - up.start
                record["api_window"] = last - first
                record["after_last"] = up.end - last
                record["in_flight"] = sum(s.end - s.start for s in connects) / (last - first)
            ups.setdefault(str(n), []).append(record)
            log(f"    run {run + 1}, {n:>2} connection(s): {up.seconds:.2f} s ({loadavg()})")
            if run == 0:
                state[str(n)] = state_sizes(*project.export(stack))
    return ups, state


def state_sizes(exported_bytes: int, exported: dict[str, Any]) -> StateSizes:
    resources = exported["deployment"].get("resources") or []
    ours = [r for r in resources if r["type"].endswith("AppAuthorizationConnection")]
    return StateSizes(
        export_bytes=exported_bytes,
        resources=len(ours),
        blob=[len(r.get("outputs", {}).get("__provider", "")) for r in ours],
        input_blob=[len(r.get("inputs", {}).get("__provider", "")) for r in ours],
        resource_bytes=[len(json.dumps(r, indent=4).encode()) for r in ours],
        stack_trace_bytes=[
            len(json.dumps(r.get("stackTrace", []), indent=4).encode()) for r in ours
        ],
    )


def measure_blobs() -> Blobs:
    """Serialized provider sizes, by reference and defined in ``__main__`` (in a new process)."""
    log("4/5 serialized provider: by reference vs defined in __main__ (dill by value)")
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "main_blob.py")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    blobs: Blobs = json.loads(result.stdout)
    return blobs
