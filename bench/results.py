"""``bench/results.json``: what ``bench/measure.py`` measured, and all ``bench/report.py`` reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypedDict, cast

RESULTS = Path(__file__).resolve().parent / "results.json"


class Settings(TypedDict):
    runs: int
    latency_ms: int
    workers: int
    sizes: list[int]
    up_sizes: list[int]
    pending_s: float


class Sample(TypedDict):
    """One timed operation: wall time (s) and the API calls the emulator counted, by operation."""

    wall: float
    calls: dict[str, int]


class Diagnostics(TypedDict):
    """Where the time of the largest throughput burst goes."""

    cpu_provider: list[float]  # CPU seconds per create, provider process
    cpu_driver: list[float]  # CPU seconds per create, this process (emulator included)
    busy_slots: list[float]  # requests in flight in the emulator, on average
    connections: list[int]  # HTTP connections the emulator served the burst on
    sequential: dict[str, list[float]]  # one create at a time: before, in and after the emulator
    variants: dict[str, list[float]]  # wall time of the burst with one suspect removed
    apart_rt: list[float]  # round trips to the emulator in its own process
    cpu_breakdown: dict[str, float]  # CPU ms of each step of one create, replayed


class StateSizes(TypedDict):
    """Sizes (bytes) from ``pulumi stack export`` after one ``pulumi up``."""

    export_bytes: int
    resources: int
    blob: list[int]
    input_blob: list[int]
    resource_bytes: list[int]
    stack_trace_bytes: list[int]


class Blobs(TypedDict):
    """Sizes (bytes, ``base64`` and ``pickle``) of the serialized provider."""

    by_reference: dict[str, int]
    in_main: dict[str, int] | None  # None when dill could not pickle the class by value
    in_main_error: str


class Parallelism(TypedDict):
    """Figure 8: `pulumi up` of N connections left PendingConnect, by program and --parallel."""

    connections: int
    pending_s: float
    default_parallel: int  # the CLI's default for `pulumi up --parallel` (0: not found)
    # "dynamic/default", "dynamic/16", "package/4", "package/16" -> one record per run: wall,
    # creates, first_call, window, connect_spread, create (median), slowest, peak and mean
    cases: dict[str, list[dict[str, float]]]


class Results(TypedDict):
    started: str  # ISO 8601, UTC
    elapsed: float
    settings: Settings
    machine: dict[str, str]
    versions: dict[str, str]
    load_end: str
    lifecycle: dict[str, list[Sample]]  # by operation
    lifecycle_checks: list[str]
    pending: dict[str, list[Sample]]  # "provider" and "baseline"
    round_trips: list[float]
    throughput: dict[str, list[float]]  # wall times by N
    diagnostics: Diagnostics
    cold: list[dict[str, float]]
    ups: dict[str, list[dict[str, float]]]  # by number of connections
    state: dict[str, StateSizes]  # by number of connections
    blobs: Blobs
    install_mib: dict[str, float]  # site-packages of a fresh venv: "base", "examples"
    identity: dict[str, dict[str, float]]  # by identity: assume_role_calls, first/warm create
    parallelism: Parallelism


def save(results: Results, path: Path = RESULTS) -> None:
    path.write_text(json.dumps(results, indent=2) + "\n")


def load(path: Path = RESULTS) -> Results:
    return cast(Results, json.loads(path.read_text()))
