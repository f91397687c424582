"""Figure 11 of ``bench/RESULTS.md``: the drift gate against N (``bench/scaling.py --save``)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from bench.stats import table

SCALING_JSON = Path(__file__).resolve().parent / "scaling.json"

READING = """**Reading.**

- *Neither gate is linear in N / parallelism once N spans several accounts*: each account
  brings a provider configuration, and each configuration brings plugin processes, whose cost
  does not overlap. Terraform starts a configuration's plugin in each of its two walks (validate,
  then plan) and once more for the schema, and it starts them one at a time
  (`BuiltinEvalContext.InitProvider` holds one `ProviderLock` while a plugin starts and is
  dialled): at 500 connections, 21 handshakes in series. Each plan-walk process then makes
  its first AWS client before its reads run at one round trip each. Hence `-refresh=false`
  grows mostly with the configurations, not with N (`terraform_data` x N barely moves), and
  the reads' span is about twice their floor.
- *What the provider does about it is its start*: the handshake waits for grpc alone
  (4359260, figure 10), and since 9b40605 only a command's first start is cold: the others
  (here 20 of 21 in a plan of 500) fork from its warm parent, with the lifecycle and botocore
  loaded, and reach their handshake in about 40 ms. A/B at 500 in one sitting, with
  `APPFABRIC_CONNECT_WARM_START=0` then without: the plan 9.82 → 7.01 s, `-refresh=false`
  5.24 → 3.50 s, the reads' span 5.60 → 4.51 s (medians of 3). Since ba1e963 the warm parent
  also reads AppFabric's and STS's models into the process's data loader, which every botocore
  session shares, so a plan-walk child makes its first AWS client in about 7 ms instead of
  60-85 ms. A/B at 500 in one sitting after it (`bench/scaling.py --sizes 500`, switch on and
  off): the plan 10.64 → 6.86 s, `-refresh=false` 5.93 → 3.64 s, the reads' span 5.83 →
  4.20 s. What is left grows with the configurations still: each walk's calls go to one
  process per configuration (0.5-0.7 ms of CPU each, under its GIL), and the starts stay in
  series. The botocore load in steps and the first start without protobuf (4815f68, d2aad41,
  figure 10) do not move a plan of 500: A/B in one sitting against 045b133 (three runs each,
  interleaved), `-refresh=false` 3.41 and 3.40 s, the plan 6.55 and 6.64 s.
- *The provider package*: Pulumi starts the plugin once per explicit provider, and once more
  for the YAML host's schema; counted with a wrapper around the plugin, a `preview` of 3
  providers started it 4 times and a `preview --refresh` 7 times, about 0.4 s apart (each
  cold start waits for the Pulumi SDK's import, about 0.15-0.2 s, before its first answer).
  Since e9ab633 only the first start of a `pulumi` command is cold: the others, the YAML
  host's included, are children of its warm parent, with the SDK, the lifecycle, botocore
  and the models loaded. A/B at 500 in the same sitting as Terraform's: `preview --refresh`
  10.48 → 7.67 s, `preview` 4.74 → 4.09 s, the refresh part 5.75 → 3.58 s. Still not linear:
  the processes share 2 cores with the engine and the YAML host, and each provider's reads
  wait for its own process.
- Like figure 10, these move by 20-50 % between runs on this shared 2-core machine.
"""


def load_scaling() -> dict[str, Any] | None:
    try:
        loaded: dict[str, Any] = json.loads(SCALING_JSON.read_text())
    except (OSError, ValueError):
        return None
    return loaded


def _slope(points: dict[str, dict[str, float]], key: str, per: int) -> float | None:
    """Seconds added per ``per`` connections, from the smallest N to the largest."""
    sizes = sorted(points, key=int)
    if len(sizes) < 2:
        return None
    low, high = sizes[0], sizes[-1]
    return (points[high][key] - points[low][key]) / ((int(high) - int(low)) / per)


def _rounds(n: str, parallel: int, latency_ms: float) -> str:
    rounds = math.ceil(int(n) / parallel)
    return f"{rounds * latency_ms / 1000:.2f} s ({rounds} round trip{'s' if rounds > 1 else ''})"


def _rows(
    points: dict[str, dict[str, float]], keys: tuple[str, ...], parallel: int, latency_ms: float
) -> list[list[object]]:
    """A row per N: its accounts, ``keys`` in seconds, its reads and their floor."""
    return [
        [
            n,
            int(r["accounts"]),
            *(f"{r[key]:.2f} s" for key in keys),
            f"{r['window_s']:.2f} s ({int(r['reads'])} reads, {int(r['in_flight'])} at once)",
            _rounds(n, parallel, latency_ms),
        ]
        for n, r in sorted(points.items(), key=lambda item: int(item[0]))
    ]


def figure_scaling(results: dict[str, Any]) -> str:
    latency = results["latency_ms"]
    tf_parallel = results["terraform_parallelism"]
    pulumi_parallel = results["pulumi_parallel"]
    terraform, package = results["terraform"], results["package"]
    tf_rows = _rows(terraform, ("plan_s", "no_refresh_s", "floor_s"), tf_parallel, latency)
    pk_rows = _rows(package, ("gate_s", "preview_s", "refresh_part_s"), pulumi_parallel, latency)
    growth = []
    plan = _slope(terraform, "plan_s", tf_parallel)
    if plan is not None:
        growth.append(
            f"- Terraform: each {tf_parallel} more connections (one more round of "
            f"`-parallelism`) add {plan:.3f} s to the plan, against one round trip of "
            f"{latency / 1000:.3f} s; its reads alone add "
            f"{_slope(terraform, 'window_s', tf_parallel) or 0:.3f} s, and `-refresh=false` "
            f"{_slope(terraform, 'no_refresh_s', tf_parallel) or 0:.3f} s "
            f"(`terraform_data`: {_slope(terraform, 'floor_s', tf_parallel) or 0:.3f} s)."
        )
    gate = _slope(package, "gate_s", pulumi_parallel)
    if gate is not None:
        growth.append(
            f"- Package: each {pulumi_parallel} more connections (one more round of "
            f"`--parallel`) add {gate:.3f} s to `preview --refresh`, of which "
            f"{_slope(package, 'refresh_part_s', pulumi_parallel) or 0:.3f} s to its refresh "
            f"part and {_slope(package, 'window_s', pulumi_parallel) or 0:.3f} s to its reads' "
            f"span, against one round trip of {latency / 1000:.3f} s."
        )
    return "\n".join(
        [
            "## 11. How the drift gate grows with N (#29)\n",
            "`bench/scaling.py` (run by `make bench`, or alone by `make bench-scaling`): "
            f"the gate at N connections, {latency} ms per AppFabric call, medians of "
            f"{results['runs']} runs. AppFabric allows {results['per_account']} authorizations "
            "per app bundle and one bundle per account and Region, so N connections span "
            f"ceil(N / {results['per_account']}) accounts: an emulator each (its own account ID "
            "and endpoint), and a provider configuration each, as a platform team declares them "
            "(a Terraform provider block with an alias; a Pulumi explicit provider). Both "
            "engines start a plugin process per provider configuration.\n",
            f"### Terraform (`plan -detailed-exitcode`, `-parallelism` {tf_parallel})\n",
            table(
                [
                    "N",
                    "accounts",
                    "plan",
                    "`-refresh=false`",
                    "`terraform_data` x N",
                    "its reads, first to last",
                    "their floor",
                ],
                tf_rows,
            ),
            "",
            f"### The provider package (YAML, `--parallel {pulumi_parallel}`)\n",
            table(
                [
                    "N",
                    "accounts",
                    "`preview --refresh --expect-no-changes`",
                    "`preview`",
                    "the refresh part",
                    "its reads, first to last",
                    "their floor",
                ],
                pk_rows,
            ),
            "",
            "**Growth**, from the smallest N to the largest:\n",
            "\n".join(growth),
            "",
            READING,
        ]
    )
