#!/usr/bin/env python3
"""Terraform figures (``make bench`` runs this after the Pulumi ones): ``bench/terraform.json``
and ``bench/TERRAFORM.md``.

1. Provider start to handshake: ``terraform-provider-appfabricconnect`` from process start to its
   go-plugin handshake line (Terraform starts the provider about three times per plan), beside
   the dynamic provider's start to its port line (``results.json`` figure 5).
2. ``terraform plan`` of 50 connections at 50 ms per AppFabric call: the refresh's 50
   GetAppAuthorization calls against their floor, ``ceil(50 / parallelism)`` round trips
   (default parallelism 10), and the plan without refresh (engine and provider starts alone).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: Python put bench/ first on the path, not the repository
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from appfabric_connect.terraform import mirror
from appfabric_connect.terraform.server import MAGIC_COOKIE, MAGIC_COOKIE_KEY
from appfabric_connect.warm.client import SWITCH_ENV
from bench.harness import (
    LATENCY_MS,
    REPO,
    RUNS,
    Emulator,
    Seeder,
    appfabric_client,
    clean_environment,
    log,
)

CONNECTIONS = 50  # AppFabric's quota of authorizations per account and Region
PARALLELISM = 10  # terraform's default -parallelism
OUT = REPO / "bench" / "terraform.json"
REPORT = REPO / "bench" / "TERRAFORM.md"


def find_terraform() -> str:
    found = subprocess.run(
        [str(REPO / "scripts" / "ensure-terraform"), "terraform"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0 or not found.stdout.strip():
        sys.exit("bench/terraform.py: no terraform >= 1.11 on PATH")
    return found.stdout.strip().splitlines()[0]


def plugin_env(env: dict[str, str], warm: bool = False) -> dict[str, str]:
    """``env`` as Terraform starts its plugins with (go-plugin's cookie, protocols, mTLS); cold
    starts only unless ``warm`` (a cold start would leave a warm parent for this process)."""
    return {
        **env,
        MAGIC_COOKIE_KEY: MAGIC_COOKIE,
        "PLUGIN_PROTOCOL_VERSIONS": "5,6",
        "PLUGIN_CLIENT_CERT": "present: the server makes its certificate",
        **({} if warm else {SWITCH_ENV: "0"}),
    }


def measure_handshake() -> list[float]:
    """Seconds from process start to the handshake line, ``RUNS`` times."""
    env = plugin_env(dict(os.environ))
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "appfabric_connect.terraform"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        times.append(time.perf_counter() - t0)
        process.kill()
        process.wait()
        assert line.startswith("1|6|unix|"), line
    log(f"    handshake after {statistics.median(times):.2f} s (median of {RUNS})")
    return times


def tf_config(bundle: str, arns: list[str]) -> str:
    blocks = "".join(
        f'resource "appfabricconnect_app_authorization_connection" "c{i}" {{\n'
        f'  app_bundle_arn        = "{bundle}"\n  app_authorization_arn = "{arn}"\n}}\n'
        for i, arn in enumerate(arns)
    )
    return (
        "terraform {\n  required_providers {\n    appfabricconnect = { source = "
        '"appfabric-connect/appfabricconnect" }\n  }\n}\n'
        'provider "appfabricconnect" {\n  region = "us-east-1"\n}\n' + blocks
    )


def measure_plan(
    emulator: Emulator, terraform: str, scratch: Path, environ: dict[str, str]
) -> dict[str, Any]:
    """``terraform plan`` of 50 Connected connections at LATENCY_MS per call, in ``environ``."""
    seeder = Seeder(appfabric_client(emulator.url))
    arns = seeder.api_keys(CONNECTIONS)
    work = scratch / "plan"
    work.mkdir()
    (work / "main.tf").write_text(tf_config(seeder.bundle, arns))
    mirror.write_launcher(scratch / "bin")
    (scratch / "dev.tfrc").write_text(mirror.dev_overrides_config(scratch / "bin"))
    env = {**environ, "TF_CLI_CONFIG_FILE": str(scratch / "dev.tfrc"), "TF_IN_AUTOMATION": "1"}

    def run(*args: str) -> float:
        t0 = time.perf_counter()
        subprocess.run(
            [terraform, *args, "-no-color", "-input=false"],
            cwd=work,
            env=env,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - t0

    run("apply", "-auto-approve")
    plans: list[dict[str, float]] = []
    with emulator.latency(LATENCY_MS):
        for _ in range(RUNS):
            without_refresh = run("plan", "-refresh=false")
            since = time.perf_counter()
            wall = run("plan")
            calls = [e for e in emulator.log.api(since) if e.what == "GetAppAuthorization"]
            window = max(e.end for e in calls) - min(e.start for e in calls)
            plans.append(
                {"wall": wall, "no_refresh": without_refresh, "gets": len(calls), "window": window}
            )
            log(
                f"    plan {wall:.2f} s (no refresh {without_refresh:.2f} s), "
                f"{len(calls)} reads in {window:.2f} s"
            )
    floor = math.ceil(CONNECTIONS / PARALLELISM) * LATENCY_MS / 1000
    return {"connections": CONNECTIONS, "parallelism": PARALLELISM, "floor": floor, "runs": plans}


def pulumi_figures() -> dict[str, float]:
    """The Pulumi figures beside which these are reported (``results.json``), if measured."""
    try:
        results = json.loads((REPO / "bench" / "results.json").read_text())
    except (OSError, ValueError):
        return {}
    figures = {}
    if results.get("cold"):
        figures["dynamic_start"] = statistics.median(run["start"] for run in results["cold"])
    if results.get("ups", {}).get("20"):
        figures["up_20_window"] = statistics.median(r["api_window"] for r in results["ups"]["20"])
        figures["up_20_wall"] = statistics.median(r["wall"] for r in results["ups"]["20"])
    return figures


def report(results: dict[str, Any]) -> str:
    plan = results["plan"]
    med = {key: statistics.median(run[key] for run in plan["runs"]) for key in plan["runs"][0]}
    pulumi = results["pulumi"]
    lines = [
        "# Terraform figures",
        "",
        f"`bench/terraform.py`, {results['runs']} runs each, medians; AppFabric emulator at "
        f"{results['latency_ms']} ms per call; Terraform {results['terraform_version']}.",
        "",
        "| figure | Terraform provider | Pulumi (results.json) |",
        "|---|---|---|",
        f"| provider start to handshake | {statistics.median(results['handshake']):.2f} s | "
        + (
            f"{pulumi['dynamic_start']:.2f} s (dynamic provider, start to port)"
            if "dynamic_start" in pulumi
            else "not measured"
        )
        + " |",
        f"| `terraform plan`, {plan['connections']} connections: wall | {med['wall']:.2f} s | "
        + (
            f"`pulumi up`, 20 connections: {pulumi['up_20_wall']:.2f} s"
            if "up_20_wall" in pulumi
            else "not measured"
        )
        + " |",
        f"| the same without refresh (engine, provider starts) | {med['no_refresh']:.2f} s | |",
        f"| its {int(med['gets'])} GetAppAuthorization calls: first to last | {med['window']:.2f} s"
        f" (floor: ceil({plan['connections']}/{plan['parallelism']}) round trips = "
        f"{plan['floor']:.2f} s) | "
        + (
            f"API window of `pulumi up`, 20 connections: {pulumi['up_20_window']:.2f} s"
            if "up_20_window" in pulumi
            else ""
        )
        + " |",
        "",
        "The reads take longer than their floor. The plan process no longer waits for botocore",
        "(its warm parent loaded it and the models: the first client takes about 7 ms); driven",
        "over gRPC without Terraform, 50 reads 10 at a time take about 0.31 s against the same",
        "0.25 s, so the rest is Terraform's own work around each read. Figure 10 of RESULTS.md",
        "(`bench/rpc_costs.py`) breaks a plan down by RPC, and figure 11 (`bench/scaling.py`)",
        "follows it to 500 connections.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    terraform = find_terraform()
    version = subprocess.run([terraform, "version"], capture_output=True, text=True, check=False)
    log("terraform 1/2: provider start to handshake")
    handshake = measure_handshake()
    with tempfile.TemporaryDirectory(prefix="appfabric-bench-tf-") as tmp, Emulator() as emulator:
        scratch = Path(tmp)
        # Only the emulator's settings: not this machine's AWS_* (an AWS_CA_BUNDLE, a profile).
        environ = {**clean_environment(emulator.url, scratch), "PATH": os.environ["PATH"]}
        log(f"terraform 2/2: plan of {CONNECTIONS} connections at {LATENCY_MS} ms per call")
        plan = measure_plan(emulator, terraform, scratch, environ)
    results = {
        "runs": RUNS,
        "latency_ms": LATENCY_MS,
        "terraform_version": version.stdout.split("\n")[0].removeprefix("Terraform "),
        "handshake": handshake,
        "plan": plan,
        "pulumi": pulumi_figures(),
    }
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    REPORT.write_text(report(results))
    log(f"wrote {OUT.relative_to(REPO)} and {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
