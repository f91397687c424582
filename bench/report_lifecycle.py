"""Figures 1 and 5 of the report: API calls per lifecycle operation, and the cold start."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from bench.results import Results, Sample
from bench.stats import Stats, ms, seconds, table

CREATE = "create (Connect answers Connected)"
BASELINE = "baseline create"


def calls_text(samples: Sequence[Sample]) -> str:
    """Total calls (min / median / max when they vary), with the per-operation breakdown."""
    totals = Stats.of(total_calls(sample) for sample in samples)
    merged: Counter[str] = Counter()
    for sample in samples:
        merged.update(sample["calls"])
    short = {"ConnectAppAuthorization": "Connect", "GetAppAuthorization": "Get"}
    parts = [
        f"{short.get(op, op)} {count / len(samples):g}" for op, count in sorted(merged.items())
    ]
    return f"**{totals.fmt()}**" + (f" ({', '.join(parts)})" if parts else "")


def total_calls(sample: Sample) -> int:
    return sum(sample["calls"].values())


def walls(samples: Sequence[Sample]) -> Stats:
    return Stats.of(sample["wall"] for sample in samples)


def polls(samples: Sequence[Sample]) -> Stats:
    return Stats.of(sample["calls"].get("GetAppAuthorization", 0) for sample in samples)


def figure_lifecycle(results: Results) -> str:
    lifecycle = results["lifecycle"]
    pending_s = results["settings"]["pending_s"]
    out = ["## 1. API calls per lifecycle operation\n"]
    out.append(
        "Through a warm provider process (gRPC, as the engine calls it), one apiKey "
        "authorization per run; calls counted by the emulator (`calls()`). The baseline waits "
        "like Terraform's `aws_appfabric_app_authorization_connection`: Connect, then "
        "GetAppAuthorization at once and after 200, 400, 800 ms ... (StateChangeConf: the "
        "wait starts at 100 ms and doubles before each poll, `bench/baseline.py`).\n"
    )
    base = lifecycle[BASELINE]
    rows = []
    for name, samples in lifecycle.items():
        if name == BASELINE:
            continue
        is_create = name.startswith("create")
        rows.append(
            [
                name,
                calls_text(samples),
                ms(walls(samples)),
                calls_text(base) if is_create else "",
                ms(walls(base)) if is_create else "",
            ]
        )
    pending, pending_base = results["pending"]["provider"], results["pending"]["baseline"]
    rows.append(
        [
            f"create, PendingConnect for {pending_s:g} s",
            calls_text(pending),
            seconds(walls(pending)),
            calls_text(pending_base),
            seconds(walls(pending_base)),
        ]
    )
    out.append(
        table(["operation", "API calls", "wall time", "baseline calls", "baseline wall"], rows)
    )
    out.append("")
    out.append("Sanity (run 1): " + "; ".join(results["lifecycle_checks"]) + ".\n")
    create = lifecycle[CREATE]
    out.append(
        f"**Reading:** a create that Connect answers Connected costs "
        f"{Stats.of(total_calls(s) for s in create).fmt()} call and "
        f"{walls(create).median * 1000:.0f} ms (median) against the baseline's "
        f"{Stats.of(total_calls(s) for s in base).fmt()} calls and "
        f"{walls(base).median * 1000:.0f} ms, while check and diff cost "
        f"no call; when the service stays PendingConnect for {pending_s:g} s the provider's "
        f"jittered backoff (first wait 0.25 to 0.5 s, doubling) polls {polls(pending).fmt()} "
        f"times and finishes in "
        f"{seconds(walls(pending))}, the baseline polls {polls(pending_base).fmt()} times in "
        f"{seconds(walls(pending_base))}"
        + (
            " (the provider's tail: a poll that just misses the connect waits out the next, "
            "doubled interval).\n"
            if walls(pending).max > walls(pending_base).max
            else ".\n"
        )
    )
    return "\n".join(out)


def figure_cold(results: Results) -> str:
    cold = results["cold"]
    out = ["## 5. Provider cold start\n"]
    out.append(
        "A fresh `python -m pulumi.dynamic` process: start (spawn, imports, port, gRPC channel "
        f"ready), Configure, first Create (unpickles the provider, imports boto3, makes the "
        f"client, one Connect at {results['settings']['latency_ms']} ms); then a second Create "
        "for comparison.\n"
    )
    keys = [
        ("start", "process start -> gRPC ready"),
        ("configure", "Configure"),
        ("create", "first Create"),
        ("total", "**start -> first Create answered**"),
        ("warm", "second Create (warm)"),
    ]
    out.append(
        table(
            ["step", "wall time"],
            [[label, ms(Stats.of(r[key] for r in cold))] for key, label in keys],
        )
    )
    total = statistics.median(r["total"] for r in cold)
    first = statistics.median(r["create"] for r in cold)
    warm = statistics.median(r["warm"] for r in cold)
    out.append(
        f"\n**Reading:** the first Create is answered {total:.2f} s after the process starts; "
        f"the first Create itself costs {(first - warm) * 1000:.0f} ms more than a warm one "
        "(imports, unpickling and the first boto3 client), paid once per `pulumi up`.\n"
    )
    return "\n".join(out)
