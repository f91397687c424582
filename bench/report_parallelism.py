"""Figure 8 of the report: creates in flight by `pulumi up --parallel`, dynamic vs package."""

from __future__ import annotations

import statistics

from bench.results import Results
from bench.stats import Stats, seconds, table

SPREAD_S = 0.25  # Connects this far apart did not leave at once


def _median(results: Results, case: str, key: str) -> float:
    return statistics.median(r[key] for r in results["parallelism"]["cases"][case])


def _label(case: str, default: int) -> str:
    kind, parallel = case.split("/")
    program = "dynamic resource (`__main__.py`)" if kind == "dynamic" else "package (YAML)"
    if parallel == "default":
        return f"{program}, default ({default or '?'})"
    return f"{program}, `--parallel {parallel}`"


def figure_parallelism(results: Results) -> str:
    figure = results["parallelism"]
    n, pending_s, default = figure["connections"], figure["pending_s"], figure["default_parallel"]
    workers = results["settings"]["workers"]
    latency_ms = results["settings"]["latency_ms"]
    runs = min(len(records) for records in figure["cases"].values())
    out = ["## 8. Creates in flight under `pulumi up --parallel`\n"]
    out.append(
        f"`pulumi up --yes --skip-preview` (real CLI) of {n} connections, apiKey authorizations "
        f"seeded in the emulator, which answers each Connect PendingConnect and turns the "
        f"authorization Connected {pending_s:g} s later ({latency_ms} ms injected per request), "
        "so each create polls and holds its slot for seconds. The dynamic resource is figure "
        f"3's root program, whose provider process serves {workers} gRPC calls at a time; the "
        f"package is a generated YAML program of {n} `appfabric-connect:index:"
        "AppAuthorizationConnection` resources served by the plugin "
        "`pulumi-resource-appfabric-connect` (`bench/parallelism.py`, "
        f"`bench/package_program.py`). One new stack per run; **min / median / max of {runs} "
        f"runs** of each case (fewer than the other figures' {results['settings']['runs']}: "
        "a run is four `up`s of 10 to 20 s). A create runs from its Connect "
        "reaching the emulator to its last poll answered (calls grouped by authorization in the "
        "emulator's request log); the create window runs from the first Connect to the last "
        "create done; the peak is the most creates open at one moment, the mean their summed "
        "time over the window. The emulator listens with a backlog of 128, not socketserver's "
        "5 (`appfabric_connect/emulator/server.py`): with 5, a burst of 16 new connections lost "
        "SYNs and about half the Connects reached it 1 s late, a retransmission a real endpoint "
        "would not cause.\n"
    )
    rows = []
    for case, records in figure["cases"].items():
        rows.append(
            [
                _label(case, default),
                seconds(Stats.of(r["wall"] for r in records)),
                seconds(Stats.of(r["first_call"] for r in records)),
                seconds(Stats.of(r["connect_spread"] for r in records)),
                seconds(Stats.of(r["window"] for r in records)),
                Stats.of(r["peak"] for r in records).fmt(),
                Stats.of(r["mean"] for r in records).fmt("", 1, 1),
                seconds(Stats.of(r["create"] for r in records)),
                seconds(Stats.of(r["slowest"] for r in records)),
            ]
        )
    out.append(
        table(
            [
                "program, `--parallel`",
                "wall time",
                "start -> first Connect",
                "first -> last Connect",
                "create window",
                "creates in flight (peak)",
                "(mean)",
                "one create (median)",
                "slowest create",
            ],
            rows,
        )
    )
    out.append("\n" + reading(results) + "\n")
    return "\n".join(out)


def reading(results: Results) -> str:
    figure = results["parallelism"]
    n, default = figure["connections"], figure["default_parallel"]
    workers = results["settings"]["workers"]
    cases = figure["cases"]
    peaks = {case: max(r["peak"] for r in records) for case, records in cases.items()}
    wall = {case: _median(results, case, "wall") for case in cases}
    window = {case: _median(results, case, "window") for case in cases}
    create = _median(results, "package/16", "create")
    spread = _median(results, "package/16", "connect_spread")
    slowest = _median(results, "package/16", "slowest")
    dynamic_peak = max(peaks["dynamic/default"], peaks["dynamic/16"])
    dynamic = (
        f"**Reading:** the dynamic resource never has more than {dynamic_peak:.0f} creates in "
        f"flight, at the CLI's default `--parallel` ({default or '?'}) and at 16 alike"
        + (f" (its provider process's {workers} workers)" if dynamic_peak <= workers else "")
        + f": its {n} creates take {window['dynamic/16']:.1f} s, "
        f"{window['dynamic/16'] / create:.1f}x one create, and `up` {wall['dynamic/16']:.1f} s "
        "at `--parallel 16`. "
    )
    package = (
        "The package "
        + ("follows" if peaks["package/16"] > peaks["package/4"] else "does not follow")
        + f" `--parallel`: at 4 it peaks at {peaks['package/4']:.0f} (creates "
        f"{window['package/4']:.1f} s, `up` {wall['package/4']:.1f} s), at 16 at "
        f"{peaks['package/16']:.0f} of {n} (creates {window['package/16']:.1f} s, `up` "
        f"{wall['package/16']:.1f} s). "
    )
    late = (
        f"the Connects reach the emulator over {spread:.1f} s (time before the plugin sends "
        "them: engine steps, gRPC, Check and Create on "
        f"{results['machine']['nproc']} cores, not measured apart here) and "
        if spread >= SPREAD_S
        else f"the {n} Connects reach the emulator within {spread * 1000:.0f} ms, and "
    )
    window_text = (
        f"That window is {window['package/16'] / create:.1f}x the median create: {late}"
        f"the window ends with the slowest create, {slowest:.1f} s (each create's polls are "
        "jittered). The rest of the wall time is the engine, the language host and the provider "
        "starting (start -> first Connect) and finishing after the last create."
    )
    return dynamic + package + window_text
