#!/usr/bin/env python3
"""Figure 11 (#29): the drift gate at N = 50, 200 and 500 connections, time against N.

AppFabric allows 50 authorizations per app bundle and one bundle per account and Region, so N
connections span ceil(N / 50) accounts. Each account here is an emulator of its own (its own
account ID and endpoint), and each has its own provider configuration, as a platform team
declares them: a Terraform provider block with an alias, a Pulumi explicit provider. Terraform
and Pulumi start one plugin process per provider configuration, so that cost grows with N too.

For each N, medians of ENGINE_RUNS at LATENCY_MS per AppFabric call: ``terraform plan
-detailed-exitcode``, the same with ``-refresh=false`` and ``terraform_data`` x N (the engine's
floor); the package's ``pulumi preview`` and ``pulumi preview --refresh --expect-no-changes``;
and each refresh's reads, first to last, beside ``ceil(N / parallelism)`` round trips.
``python bench/scaling.py [--sizes 50 200 500] [--save]`` (``--save``: ``bench/scaling.json``
and RESULTS.md's figure 11).
"""

from __future__ import annotations

import argparse
import compileall
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: Python put bench/ first on the path, not the repository
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from appfabric_connect.terraform import mirror
from bench.harness import (
    LATENCY_MS,
    REGION,
    REPO,
    Emulator,
    Seeder,
    appfabric_client,
    clean_environment,
    log,
)
from bench.package_program import TOKEN, package_env
from bench.pulumi_runs import Project
from bench.rpc_costs import (
    ENGINE_RUNS,
    PULUMI_PARALLEL,
    plan_gate,
    preview_gate,
    reads_of,
    terraform_runner,
)
from bench.terraform import PARALLELISM, find_terraform

SIZES = (50, 200, 500)
PER_ACCOUNT = 50  # AppFabric's quota of authorizations per app bundle (one bundle per Region)
OUT = REPO / "bench" / "scaling.json"


class Account:
    """One account's emulator, its bundle and the ARNs of its authorizations."""

    def __init__(self, emulator: Emulator, n: int) -> None:
        self.emulator = emulator
        seeder = Seeder(appfabric_client(emulator.url))
        self.bundle = seeder.bundle
        self.arns = seeder.api_keys(n)


def accounts_for(n: int, stack: ExitStack) -> list[Account]:
    """ceil(n / PER_ACCOUNT) emulators, each its own account, holding n authorizations in all."""
    made = []
    for index, start in enumerate(range(0, n, PER_ACCOUNT)):
        emulator = stack.enter_context(Emulator(account=f"{100000000000 + index:012d}"))
        made.append(Account(emulator, min(PER_ACCOUNT, n - start)))
    return made


def terraform_config(accounts: Sequence[Account]) -> str:
    """A provider block per account (alias ``a<k>``) and its connections ``c<i>``."""
    parts = [
        "terraform {\n  required_providers {\n    appfabricconnect = { source = "
        '"appfabric-connect/appfabricconnect" }\n  }\n}\n'
    ]
    count = 0
    for k, account in enumerate(accounts):
        parts.append(
            f'provider "appfabricconnect" {{\n  alias  = "a{k}"\n  region = "{REGION}"\n'
            f'  endpoints {{\n    appfabric = "{account.emulator.url}"\n  }}\n}}\n'
        )
        for arn in account.arns:
            parts.append(
                f'resource "appfabricconnect_app_authorization_connection" "c{count}" {{\n'
                f"  provider              = appfabricconnect.a{k}\n"
                f'  app_bundle_arn        = "{account.bundle}"\n'
                f'  app_authorization_arn = "{arn}"\n}}\n'
            )
            count += 1
    return "".join(parts)


def pulumi_program(accounts: Sequence[Account]) -> str:
    """``Pulumi.yaml``: an explicit provider per account (``a<k>``) and its connections."""
    lines = ["name: appfabric-connect-bench-scaling", "runtime: yaml", "resources:"]
    count = 0
    for k, account in enumerate(accounts):
        lines += [
            f"  a{k}:",
            "    type: pulumi:providers:appfabric-connect",
            "    properties:",
            f"      region: {REGION}",
            f"      endpoint: {account.emulator.url}",
        ]
        for arn in account.arns:
            lines += [
                f"  c{count}:",
                f"    type: {TOKEN}",
                "    properties:",
                f"      appBundleIdentifier: {account.bundle}",
                f"      appAuthorizationIdentifier: {arn}",
                "    options:",
                f"      provider: ${{a{k}}}",
            ]
            count += 1
    return "\n".join(lines) + "\n"


def reads_across(accounts: Sequence[Account], since: float) -> dict[str, float]:
    """``reads_of`` all accounts' emulators (one clock: they run in this process)."""
    return reads_of([call for account in accounts for call in account.emulator.log.api(since)])


class Latency:
    """LATENCY_MS on every account's emulator, for the ``with`` block."""

    def __init__(self, accounts: Sequence[Account]) -> None:
        self.stack = ExitStack()
        self.accounts = accounts

    def __enter__(self) -> None:
        for account in self.accounts:
            self.stack.enter_context(account.emulator.latency(LATENCY_MS))

    def __exit__(self, *_: object) -> None:
        self.stack.close()


def terraform_at(n: int, run: Callable[..., float], scratch: Path) -> dict[str, float]:
    with ExitStack() as stack:
        accounts = accounts_for(n, stack)
        gate = plan_gate(
            run,
            n,
            scratch / f"tf-{n}",
            terraform_config(accounts),
            scratch / f"floor-{n}",
            partial(Latency, accounts),
            partial(reads_across, accounts),
        )
    return {**gate, "accounts": len(accounts)}


def package_at(n: int, scratch: Path, env: dict[str, str]) -> dict[str, float]:
    with ExitStack() as stack:
        accounts = accounts_for(n, stack)
        project = Project(
            scratch / f"package-{n}", package_env(env), {"Pulumi.yaml": pulumi_program(accounts)}
        )
        project.new_stack_with("bench", {})
        project.up("bench", "--parallel", str(PULUMI_PARALLEL))
        gate = preview_gate(project, partial(Latency, accounts), partial(reads_across, accounts))
    return {**gate, "accounts": len(accounts)}


def measure(sizes: Sequence[int]) -> dict[str, Any]:
    terraform = find_terraform()
    results: dict[str, Any] = {
        "latency_ms": LATENCY_MS,
        "runs": ENGINE_RUNS,
        "per_account": PER_ACCOUNT,
        "terraform_parallelism": PARALLELISM,
        "pulumi_parallel": PULUMI_PARALLEL,
        "terraform": {},
        "package": {},
    }
    with tempfile.TemporaryDirectory(prefix="appfabric-scaling-") as tmp:
        scratch = Path(tmp)
        env = clean_environment("", scratch)
        del env["AWS_ENDPOINT_URL_APPFABRIC"]  # each provider configuration names its account's
        mirror.write_launcher(scratch / "bin")
        (scratch / "dev.tfrc").write_text(mirror.dev_overrides_config(scratch / "bin"))
        tf_env = {**env, "TF_CLI_CONFIG_FILE": str(scratch / "dev.tfrc"), "TF_IN_AUTOMATION": "1"}
        for n in sizes:
            log(f"scaling: terraform plan of {n} at {LATENCY_MS} ms per call")
            results["terraform"][str(n)] = terraform_at(
                n, terraform_runner(terraform, tf_env), scratch
            )
            log(f"scaling: pulumi preview --refresh of {n} package resources")
            results["package"][str(n)] = package_at(n, scratch, env)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--save", action="store_true", help="write bench/scaling.json, render RESULTS.md"
    )
    options = parser.parse_args()
    # As a wheel install has it (see bench/rpc_costs.py): each plugin start would compile anew.
    compileall.compile_dir(str(REPO / "appfabric_connect"), quiet=1)
    results = measure(options.sizes)
    from bench.report_scaling import figure_scaling

    print(figure_scaling(results))
    if options.save:
        OUT.write_text(json.dumps(results, indent=2) + "\n")
        from bench import report
        from bench.results import load as load_results

        report.MARKDOWN.write_text(report.report(load_results()))
        log(f"wrote {OUT.relative_to(REPO)} and {report.MARKDOWN.relative_to(REPO)}")


if __name__ == "__main__":
    main()
