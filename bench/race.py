"""Figure 9: two runs connect one oauth2 authorization with one code at the same moment.

A pair breaks the connection when both runs send the code (AppFabric has no conditional
Connect, and the emulator, like OAuth 2, lets a replayed code break the connect in flight).
Every call is answered ``LATENCY_MS`` late and each Connect stays PendingConnect ``HOLD_S``: the
window between one run's last read and its Connect reaching AppFabric is provoked, not left to
chance. Two ways:

- ``in-process``: for each ``LOOK_AGAIN_ROUND_TRIPS`` in ``ROUND_TRIPS``, ``PAIRS`` pairs of
  creates (two provider instances each, started at one barrier, every pair on its own
  authorization); and the cost on a single oauth2 create (half the pause's bound on average).
- ``cli``: ``PAIRS`` pairs of `pulumi up` of two stacks (the root program, same code), started
  together, for this checkout and, with ``--before REV``, for the package as it was at REV.

Usage: python -m bench.race in-process|cli|all [--pairs N] [--before REV] [--save]: prints
JSON, or with --save writes bench/race.json and renders bench/RESULTS.md (figure 9).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from appfabric_connect import AppAuthorizationConnectionProvider, ConnectionFailed
from appfabric_connect.aws import clients
from appfabric_connect.core import connect
from appfabric_connect.emulator.seed import seed_authorization, seed_bundle
from bench.harness import REPO, Emulator, appfabric_client, clean_environment, log
from bench.pulumi_runs import Project

LATENCY_MS = 300.0
HOLD_S = 3.0
PAIRS = 20
ROUND_TRIPS = (0, 10, 20, 40, 80)  # connect.LOOK_AGAIN_ROUND_TRIPS; 0: no pause at all
UP = ("pulumi", "up", "--yes", "--skip-preview", "--non-interactive")
REDIRECT_URI = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"


@contextmanager
def provoked(emulator: Emulator) -> Iterator[None]:
    emulator.control.reset()
    emulator.control.set_faults(latency_ms=LATENCY_MS, connect_delay_s=HOLD_S)
    try:
        yield
    finally:
        emulator.control.set_faults(latency_ms=0, connect_delay_s=0)


def _authorizations(emulator: Emulator, count: int) -> list[tuple[dict[str, Any], str]]:
    """``count`` PendingConnect oauth2 authorizations, each with a fresh code for it."""
    emulator.control.set_faults(latency_ms=0)
    client = appfabric_client(emulator.url)
    bundle = seed_bundle(client)
    made = []
    for _ in range(count):
        authorization: dict[str, Any] = dict(seed_authorization(client, bundle, "oauth2"))
        code = emulator.control.obtain_code(authorization["authUrl"], REDIRECT_URI)
        made.append((authorization, code))
    emulator.control.set_faults(latency_ms=LATENCY_MS)
    return made


def _inputs(authorization: dict[str, Any], code: str) -> dict[str, Any]:
    return {
        "app_bundle_identifier": authorization["appBundleArn"],
        "app_authorization_identifier": authorization["appAuthorizationArn"],
        "auth_request": {"redirect_uri": REDIRECT_URI, "code": code},
        "connect_timeout": 60,
    }


def _status(emulator: Emulator, authorization: dict[str, Any]) -> str:
    answer = appfabric_client(emulator.url).get_app_authorization(
        appBundleIdentifier=authorization["appBundleArn"],
        appAuthorizationIdentifier=authorization["appAuthorizationArn"],
    )
    return str(answer["appAuthorization"]["status"])


@contextmanager
def pause_of(round_trips: int) -> Iterator[None]:
    """``connect``'s look-again pause at ``round_trips`` round trips (0: no pause at all)."""
    saved = connect.LOOK_AGAIN_ROUND_TRIPS, connect.LOOK_AGAIN_MIN_S
    connect.LOOK_AGAIN_ROUND_TRIPS = round_trips
    if round_trips == 0:
        connect.LOOK_AGAIN_MIN_S = 0.0
    try:
        yield
    finally:
        connect.LOOK_AGAIN_ROUND_TRIPS, connect.LOOK_AGAIN_MIN_S = saved


def in_process_pairs(emulator: Emulator, pairs: int, round_trips: int) -> dict[str, Any]:
    """``pairs`` simultaneous pairs with the pause at ``round_trips`` round trips."""
    with provoked(emulator), pause_of(round_trips):
        made = _authorizations(emulator, pairs)
        barrier = threading.Barrier(2 * pairs)
        failures: list[str] = []

        def run(authorization: dict[str, Any], code: str) -> None:
            provider = AppAuthorizationConnectionProvider()
            barrier.wait()
            try:
                provider.create(_inputs(authorization, code))
            except ConnectionFailed as error:
                failures.append(str(error))

        threads = [threading.Thread(target=run, args=pair) for pair in made for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        broken = sum(_status(emulator, a) != "Connected" for a, _ in made)
        connects = emulator.control.calls().get("ConnectAppAuthorization", 0)
    return {
        "round_trips": round_trips,
        "pairs": pairs,
        "broken": broken,
        "failed_runs": len(failures),
        "connects": connects,
        "blamed_the_client_secret": sum("client ID and secret" in f for f in failures),
    }


def single_create_cost(emulator: Emulator, runs: int = 10) -> dict[str, Any]:
    """Seconds for one oauth2 create at 50 ms per call, Connect answering Connected at once."""
    emulator.control.reset()
    client = appfabric_client(emulator.url)
    bundle = seed_bundle(client)
    seconds = []
    for _ in range(runs):
        authorization: dict[str, Any] = dict(seed_authorization(client, bundle, "oauth2"))
        code = emulator.control.obtain_code(authorization["authUrl"], REDIRECT_URI)
        emulator.control.set_faults(latency_ms=50)
        start = time.perf_counter()
        AppAuthorizationConnectionProvider().create(_inputs(authorization, code))
        seconds.append(time.perf_counter() - start)
        emulator.control.set_faults(latency_ms=0)
    return {
        "round_trips": connect.LOOK_AGAIN_ROUND_TRIPS,
        "median_s": statistics.median(seconds),
        "max_s": max(seconds),
    }


def measure_in_process(pairs: int) -> dict[str, Any]:
    with Emulator() as emulator, _environment(emulator):
        rows = []
        for round_trips in ROUND_TRIPS:
            rows.append(in_process_pairs(emulator, pairs, round_trips))
            log(f"race in-process: {rows[-1]}")
        cost = single_create_cost(emulator)
        with pause_of(0):
            baseline = single_create_cost(emulator)
    return {"pairs": rows, "single_create": cost, "single_create_no_pause": baseline}


@contextmanager
def _environment(emulator: Emulator) -> Iterator[None]:
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.clear()
        os.environ.update(clean_environment(emulator.url, Path(scratch)))
        clients.clear_clients()
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)
            clients.clear_clients()


def _package_at(revision: str, into: Path) -> Path:
    """The ``appfabric_connect`` package as it was at ``revision`` (git archive), for PYTHONPATH."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision, "appfabric_connect"],
        capture_output=True,
        check=True,
    ).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def cli_pairs(pairs: int, before: str | None) -> dict[str, Any]:
    """``pairs`` pairs of simultaneous `pulumi up` of two stacks with one code."""
    with Emulator() as emulator, tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        env = clean_environment(emulator.url, root)
        if before:
            env["PYTHONPATH"] = str(_package_at(before, root / "before"))
        broken = failed = connects = blamed = 0
        for index in range(pairs):
            with provoked(emulator):
                ((authorization, code),) = _authorizations(emulator, 1)
                projects = []
                for side in ("a", "b"):
                    project = Project(root / f"{index}-{side}", env)
                    project.new_stack_with(
                        side,
                        {
                            "aws:region": "us-east-1",
                            "appfabric-connect:connections": [
                                {"name": "slack", **_inputs(authorization, code)}
                            ],
                        },
                    )
                    projects.append((project, side))
                runs = [
                    subprocess.Popen(
                        [*UP, "--stack", side],
                        cwd=project.dir,
                        env=project.env,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT,
                        text=True,
                    )
                    for project, side in projects
                ]
                outputs = [run.communicate(timeout=300)[0] for run in runs]
                failed += sum(run.returncode != 0 for run in runs)
                blamed += sum("client ID and secret" in output for output in outputs)
                broken += _status(emulator, authorization) != "Connected"
                connects += emulator.control.calls().get("ConnectAppAuthorization", 0)
            log(f"race cli ({before or 'this checkout'}): pair {index + 1}: broken so far {broken}")
    return {
        "code": f"{before} (before)"
        if before
        else f"look again, {connect.LOOK_AGAIN_ROUND_TRIPS} round trips",
        "round_trips": None if before else connect.LOOK_AGAIN_ROUND_TRIPS,
        "pairs": pairs,
        "broken": broken,
        "failed_runs": failed,
        "connects": connects,
        "blamed_the_client_secret": blamed,
    }


RACE_JSON = Path(__file__).resolve().parent / "race.json"


def measure(mode: str, pairs: int, before: str | None) -> dict[str, Any]:
    """The figures of ``mode`` (in-process, cli or all)."""
    result: dict[str, Any] = {"latency_ms": LATENCY_MS, "hold_s": HOLD_S}
    if mode in ("in-process", "all"):
        result["in_process"] = measure_in_process(pairs)
    if mode in ("cli", "all"):
        runs = [cli_pairs(pairs, before)] if before else []
        result["cli"] = [*runs, cli_pairs(pairs, None)]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.race")
    parser.add_argument("mode", choices=("in-process", "cli", "all"))
    parser.add_argument("--pairs", type=int, default=PAIRS)
    parser.add_argument("--before", help="with cli: also measure the package at this git rev")
    parser.add_argument(
        "--save", action="store_true", help="write bench/race.json and render RESULTS.md"
    )
    args = parser.parse_args(argv)
    result = measure(args.mode, args.pairs, args.before)
    if not args.save:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    RACE_JSON.write_text(json.dumps(result, indent=2) + "\n")
    from bench import report  # the report reads race.json beside results.json

    return report.main()


if __name__ == "__main__":
    sys.exit(main())
