"""Figure 10 of ``bench/RESULTS.md``: each plugin's cost per RPC and the drift gates (#29).

From ``bench/rpc_costs.json`` (``bench/rpc_costs.py --engines --save``) and, beside it,
``bench/rpc_costs_before.json``: the same script run on main before #29's changes (ebd8bcf).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.stats import table

HERE = Path(__file__).resolve().parent
AFTER_JSON = HERE / "rpc_costs.json"
BEFORE_JSON = HERE / "rpc_costs_before.json"
BEFORE_REVISION = "ebd8bcf"
TARGETS_S = {  # #29's, each measured beside its floor
    ("terraform", "2", "plan_s"): 1.0,
    ("terraform", "50", "plan_s"): 1.5,
    ("terraform", "50", "no_refresh_s"): 0.6,
    ("package", "50", "refresh_part_s"): 0.3,
}
HANDSHAKE_TARGET_MS = 150.0
DYNAMIC_OVER_FLOOR = 1.2  # the dynamic resource's refresh part, at most 1.2 times its floor
CREATES_OVER_BOTO3 = 1.05  # creates, at most 1.05 times raw boto3's at the same concurrency


READING = """**Reading.**

- *The package's refresh regression* was a cache stampede, not gRPC: since outputs are read
  back by their schema entries (a8c71de), every read asks for the model's timestamp members,
  behind `functools.cache` around botocore's `ServiceModel`. The 50 reads of a refresh arrive
  on 50 threads at once, all found the cache empty, and each built the model: 50 concurrent
  first calls took 2.2-2.3 s of CPU here (7 s on the issue's busier machine); through the CLI
  the 50 reads spread over about 0.8 s. `aws/once.py` makes every such process-wide cache
  single-flight, and the model is read as JSON (`aws.model.ModelShape`), about 100 times
  cheaper: the reads now span about one round trip plus the GIL's dispatch.
- *Start*: the handshake comes before the heavy imports. The Terraform plugin imports neither
  boto3 nor botocore's model nor `cryptography` (its certificate is kept a week in a 0700 cache
  directory), serves GetProviderSchema without the lifecycle (a plan's first start asks for
  nothing else), loads the lifecycle on a thread after the handshake, and ends at once after
  Shutdown. Since 4359260 its handshake waits for grpc alone: msgpack is found rather than
  imported, and the socket directory is made as go-plugin makes its own, without `tempfile`
  (about 145 → 118 ms here). Since d2aad41 that first start imports no protobuf at all:
  go-plugin's three services are served as bytes (what they receive is ignored, what they answer
  is empty), and so are GetProviderSchema and GetMetadata, whose answers `scripts/gen-args`
  writes as wire bytes into `terraform/schema_wire.py` (a test checks they are current and parse
  to `schema_rpc`'s messages). A fresh process's first GetProviderSchema went from about 85 ms
  to 9 ms ("first, after" above); "start → first call answered" was 82 and 90 ms in this round's
  two runs of figure 10 (124 ms in the run before them, on a busier machine). That matters more
  than its size suggests: Terraform starts the plugins of a walk one at a time
  (`BuiltinEvalContext.InitProvider` holds one `ProviderLock` while a plugin starts and is
  dialled), so a plan pays each handshake in series, once per provider configuration per walk
  (figure 11). The package prints its port after importing grpc alone and loads the Pulumi SDK
  on a thread; its first answer still waits for the SDK's import (about 0.15-0.2 s here), which
  is most of "start → first call answered" and of its refresh's floor.
- *Per resource*, check, diff, validate and plan cost about 0.03 ms of the plugin's own logic
  (in process); over gRPC each costs 0.4-0.8 ms of plugin CPU (1-1.5 ms on a slower day), the
  Python gRPC server and protobuf.
- *A Terraform plan's fixed cost* is three plugin starts: one for the schema, one for the
  validate walk, one for the plan walk. GetProviderSchema is asked once per plan, not once per
  start (`get_provider_schema_optional`; a test counts it under both engines), and
  ConfigureProvider loads no botocore to check credentials given as `AWS_ACCESS_KEY_ID` and
  `AWS_SECRET_ACCESS_KEY`. Since 9b40605 only the first start is cold: it also forks a *warm
  parent* (`warm/parent.py`) that loads the lifecycle, then botocore, once; the walks' starts
  hand their stdio, environment and directory to it and run as its children, already loaded
  ("warm start" above: about 40 ms to the handshake, and the first answer right after it). The
  launcher runs `python -S` and loads `site` only for a cold start. A/B in one sitting (this
  bench with `APPFABRIC_CONNECT_WARM_START=0`, then without): plan of 2 1.00 → 0.59 s,
  `-refresh=false` of 2 0.66 → 0.41 s, plan of 50 1.48 → 1.08 s, `-refresh=false` of 50 0.94 →
  0.64 s. What is left of `-refresh=false` of 50: the cold start (about 0.16 s from start to
  exit), two warm starts of about 0.04 s each to the handshake, and 250 calls (51 validates in
  the validate walk; 51 validates, 50 state upgrades and 50 plans in the plan walk) at 0.5-0.7
  ms of plugin CPU each, most of it grpc's Python server; a `TF_LOG=trace` timeline puts 0.1 and
  0.16 s of calls in the two walks. With refresh, the plan walk's reads wait neither for
  botocore's import nor for its models (since ba1e963 the warm parent reads AppFabric's and
  STS's into the data loader every session shares): the first client takes about 7 ms instead of
  60-85. That load (0.15-0.2 s of CPU) ran in one piece once the warm parent had forked the
  validate walk's child, and the plan walk's start, about 0.2 s later, waited for the rest of it
  (66-128 ms from start to handshake in two `TF_LOG=trace` timelines), refresh or not. Since
  4815f68 it is a list of steps (botocore's imports in its order, the endpoints and partitions
  files, the two clients; the largest about 50 ms), one per turn of the warm parent's loop, and
  a start that comes in between is forked at once (its child loads what it still needs, if
  anything). A/B at 50 in one sitting, nine runs each, interleaved, no latency (PYTHONPATH on
  045b133, on 4815f68, and on d2aad41, the first start without protobuf; each checkout's
  bytecode compiled first): `-refresh=false` 0.65 → 0.56 → 0.58 s, the plan 0.80 → 0.76 → 0.74
  s, beside a `terraform_data` floor of 0.11 s; in a second sitting, 15 runs each,
  `-refresh=false` 0.66 s on 4815f68 and 0.575 s on d2aad41. (A first A/B without the other
  checkouts' bytecode made the older code look 0.05-0.1 s slower than it is.)
- *The package's warm starts* (e9ab633): `preview --refresh` starts the plugin three times (the
  refresh, the YAML host's schema, the preview). Now the first start of a `pulumi` command also
  forks a warm parent (the SDK, the lifecycle, botocore and the models), and the later ones, the
  YAML host's included (it is the engine's child), run as its children ("warm start" above:
  about 50-60 ms to the port, the first answer 15 ms later, against about 0.28 s for a cold
  start's first answer). A/B at 50 in one sitting (five runs each,
  `APPFABRIC_CONNECT_WARM_START=0` then on): the gate 2.10 → 1.78 s, the refresh part 0.78 →
  0.62 s, `preview` 1.16 → 1.14 s (in a plain preview the engine's start comes while the warm
  parent is still loading). The loading in steps (4815f68) does not move the package's gate: A/B
  in one sitting against 045b133 (six runs each, interleaved, both compiled): the gate 1.48 and
  1.51 s, `preview` 1.05 and 0.95 s, the refresh part 0.45 and 0.54 s (its runs span 0.29-0.68
  s).
- *The package's refresh part over its floor* (0.42 s above; 0.26 s in this round's quieter run)
  is the refresh's own start, which is a command's first and so cold, reading: importing
  botocore and making the first client cost 0.2-0.3 s of CPU in a fresh process (about 0.1 s of
  imports, 0.05-0.07 s for the client's models, the rest the first request), on the path of the
  first read, while the no-op floor makes no client. Loading botocore on the loading thread
  would not move it: the Read comes about 5 ms after the SDK is loaded, on the same GIL. Not
  met.
- *The dynamic resource's refresh part* (measured this round for the first time): its 50
  reads span 0.76 s against their 0.65 s floor, four at a time in the Pulumi SDK's server (a
  new event loop and its property serialization per call, then the first read's botocore);
  the other 0.46 s of the 1.22 s (1.3 s of 2.13 s in the run before, under load) is outside
  the reads and not broken down here. Not met.
- *Creates beside raw boto3* (measured this round for the package; figure 2 has the dynamic
  provider's, 1.10-1.11x): 10 creates at once through the plugin, each a fresh apiKey
  authorization (one Connect), against 10 ConnectAppAuthorization calls at once with raw boto3
  (10 threads, one client) on the same emulator at 50 ms, taken in turn: 1.12x above (1.09x in
  another run). The plugin spends 2.4-2.8 ms of CPU per create where raw boto3 spends about 1.35
  ms per call in its own process. In process, the package's own logic costs 0.2-0.5 ms per
  create above boto3's call (most of it `wire.from_core`'s name conversions and PropertyValues);
  the rest is the Python gRPC server and protobuf. Not met.
- Figures through the engines move by 20-50 % between runs on this shared 2-core machine (see
  the floors, which move with them); compare before and after within one table only. Four runs
  of this round's final code (load average 0.5-4.8 at their start), Terraform: plan of 2
  0.57-0.65 s and of 50 0.99-1.27 s (both targets met in every run); `-refresh=false` of 50
  0.57, 0.64, 0.73 and 0.74 s beside a `terraform_data` floor of 0.10, 0.11, 0.14 and 0.15 s:
  met in the quietest run only. The package's refresh part 0.69-1.23 s beside a no-op floor of
  0.15-0.43 s, and the dynamic refresh part 1.34-1.45 s: not met. With the package's warm
  starts, two runs: the package's refresh part 0.88 and 0.67 s beside a no-op floor of 0.29 and
  0.24 s, the dynamic refresh part 1.12 and 1.50 s, and Terraform's `-refresh=false` of 50 0.71
  and 0.604 s (the run above, load 0.03 at its start): not met. Terraform's plans of 2 and 50
  stayed within their targets (0.65 and 0.96 s). This round, two runs after the botocore steps
  and the protobuf-free first start: the run above (load 0.36 at its start) and one of d2aad41
  (load 0.4, the quietest of the round: its floors are the lowest). `-refresh=false` of 50 0.58
  and 0.48 s beside 0.10 and 0.08 s: met in both. The package's refresh part 0.58 and 0.37 s
  beside a no-op floor of 0.17 and 0.11 s, and the dynamic one 1.02 and 1.19 s: not met. The
  dynamic resource's provider is Pulumi's own process (`python -m pulumi.dynamic`), started anew
  for the refresh; no code of this package runs before its SDK is imported, so it cannot be
  started warm.
"""


def creates_line(rows: list[dict[str, Any]]) -> str | None:
    """The package's creates beside raw boto3's, against #29's target; None if not measured."""
    for row in rows:
        if " creates at once" in row["name"] and row["floor_ms"]:
            ratio = row["median_ms"] / row["floor_ms"]
            met = "**met**" if ratio <= CREATES_OVER_BOTO3 else "**not met**"
            return (
                f"- package: {row['calls']} creates at once {row['median_ms']:.0f} ms, raw boto3 "
                f"{row['floor_ms']:.0f} ms: {ratio:.2f}x (target ≤ {CREATES_OVER_BOTO3}x: {met})"
            )
    return None


def load_rpc() -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """The figures after, and before if measured; None if ``rpc_costs.py`` never saved any."""
    if not AFTER_JSON.is_file():
        return None
    after: dict[str, Any] = json.loads(AFTER_JSON.read_text())
    before = json.loads(BEFORE_JSON.read_text()) if BEFORE_JSON.is_file() else None
    return after, before


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:.2f} ms"


def _rpc_rows(front: str, after: dict[str, Any], before: dict[str, Any] | None) -> list[list[str]]:
    earlier = {row["name"]: row for row in (before or {}).get(front, [])}
    rows = []
    for row in after.get(front, []):
        old = earlier.get(row["name"], {})
        rows.append(
            [
                row["name"],
                _ms(old.get("median_ms")),
                _ms(row["median_ms"]),
                _ms(old.get("first_ms")),
                _ms(row["first_ms"]),
                _ms(old.get("cpu_ms_per_call") or None),
                _ms(row["cpu_ms_per_call"] or None),
                _ms(row["floor_ms"]),
            ]
        )
    return rows


def _met(value: float, target: float) -> str:
    return "**yes**" if value <= target else "**no**"


def _engine_rows(after: dict[str, Any], before: dict[str, Any] | None) -> list[list[str]]:
    names = {
        "plan_s": "`terraform plan -detailed-exitcode`",
        "no_refresh_s": "the same, `-refresh=false`",
        "floor_s": "floor: `terraform_data` x N",
        "window_s": "its reads, first to last",
        "preview_s": "`pulumi preview`",
        "gate_s": "`pulumi preview --refresh --expect-no-changes`",
        "refresh_part_s": "the refresh part (the two's difference)",
        "noop_refresh_part_s": "floor: the same with a no-op Read (`bench/noop_package.py`)",
        "workers_floor_s": "floor: ceil(N / 4) round trips (`pulumi.dynamic`'s 4 workers)",
    }
    rows = []
    for front in ("terraform", "package", "dynamic"):
        for n, figures in after["engines"].get(front, {}).items():
            old = ((before or {}).get("engines", {}).get(front) or {}).get(n, {})
            for key, name in names.items():
                if key not in figures:
                    continue
                target = TARGETS_S.get((front, n, key))
                if front == "dynamic" and key == "refresh_part_s":
                    target = DYNAMIC_OVER_FLOOR * figures["workers_floor_s"]
                value = figures[key]
                extra = ""
                if key == "window_s":
                    extra = f" ({int(figures['in_flight'])} at once; before: "
                    extra += f"{int(old['in_flight'])})" if old else "not measured)"
                was = f"{old[key]:.2f} s" if key in old else ""
                rows.append(
                    [
                        f"{front}, N = {n}: {name}{extra}",
                        was,
                        f"{value:.2f} s",
                        f"≤ {target:.2f} s: {_met(value, target)}" if target else "",
                    ]
                )
    return rows


def figure_rpc(after: dict[str, Any], before: dict[str, Any] | None) -> str:
    header = ["", f"before ({BEFORE_REVISION})", "after", "first call, before", "first, after"]
    header += ["plugin CPU per call, before", "after", "floor"]
    starts = []
    for front in ("package", "terraform"):
        handshake = after[front][0]["median_ms"]
        was = (before or {}).get(front, [{}])[0].get("median_ms")
        starts.append(
            f"- {front}: start → handshake {handshake:.0f} ms median"
            + (f" (before: {was:.0f} ms)" if was else "")
            + f", target ≤ {HANDSHAKE_TARGET_MS:.0f} ms: "
            + ("**met**" if handshake <= HANDSHAKE_TARGET_MS else "**not met**")
            + f"; start → its first call answered {after[front][1]['median_ms']:.0f} ms"
        )
    creates = creates_line(after.get("package", []))
    if creates:
        starts.append(creates)
    sections = [
        "## 10. Each plugin's cost per RPC, and the drift gate (#29)\n",
        "`bench/rpc_costs.py` (run by `make bench`, or alone by `make bench-rpc`) drives each "
        "plugin over gRPC as its engine does, without the engine, against the emulator in a "
        "process of its own: the median wall time of each RPC from request to response, the "
        "first one in a fresh process (after: it includes what now loads after the handshake), "
        "and the plugin's own CPU per call (`/proc/<pid>/stat`, "
        "over 500 calls). Then the drift gates through the real CLIs at 50 ms per AppFabric "
        "call, each beside its floor. The package's bytecode is compiled first, as a wheel "
        f"install has it. *Before* is the same script on {BEFORE_REVISION}'s package.\n",
        "### The provider package (`pulumi-resource-appfabric-connect`)\n",
        table(header, _rpc_rows("package", after, before)),
        "",
        "### The Terraform provider (`python -m appfabric_connect.terraform`, with AutoMTLS)\n",
        table(header, _rpc_rows("terraform", after, before)),
        "",
        "\n".join(starts),
        "",
        "### Through the engines\n",
        table(
            ["measure", f"before ({BEFORE_REVISION})", "after", "#29's target"],
            _engine_rows(after, before),
        ),
        "",
        READING,
    ]
    return "\n".join(sections)
