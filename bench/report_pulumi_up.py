"""Figures 3 and 4 of the report: `pulumi up` with the real CLI, and the state it stores."""

from __future__ import annotations

import statistics

from bench.report_throughput import round_trip
from bench.results import Results
from bench.stats import Stats, ms, seconds, table

GOAL_BLOB = 2048  # bytes of the `__provider` blob a resource stores


def figure_up(results: Results) -> str:
    settings = results["settings"]
    workers = settings["workers"]
    ups = results["ups"]
    out = ["## 3. `pulumi up` with the real CLI\n"]
    out.append(
        "Root program (`__main__.py`, config `connections`) in a temporary project with a "
        "`file://` backend and its own PULUMI_HOME; one new stack per run, apiKey "
        "authorizations seeded in the emulator; `pulumi up --yes --skip-preview`. 0 "
        "connections is the engine baseline (CLI, language host, program, no provider). The "
        "API window runs from the first Connect reaching the emulator to the last one "
        "answered.\n"
    )
    empty = Stats.of(r["wall"] for r in ups["0"])
    rows = []
    for n, records in ups.items():
        wall = Stats.of(r["wall"] for r in records)
        if n == "0":
            rows.append([n, seconds(wall), "", "", "", "", "", ""])
            continue
        extra = wall.median - empty.median
        rows.append(
            [
                n,
                seconds(wall),
                seconds(Stats.of(r["first_call"] for r in records)),
                ms(Stats.of(r["api_window"] for r in records)),
                Stats.of(r["in_flight"] for r in records).fmt("", 1, 1),
                ms(Stats.of(r["after_last"] for r in records)),
                f"{extra:.2f} s",
                f"{extra / wall.median:.0%}",
            ]
        )
    out.append(
        table(
            [
                "connections",
                "wall time",
                "start -> first Connect",
                "API window",
                "Connects in flight (mean)",
                "last Connect -> exit",
                "over the 0-connection up (median)",
                "share of wall",
            ],
            rows,
        )
    )
    top = max(settings["up_sizes"])
    wall_top = statistics.median(r["wall"] for r in ups[str(top)])
    window = statistics.median(r["api_window"] for r in ups[str(top)])
    floor = -(-top // workers) * round_trip(results)
    in_flight = statistics.median(r["in_flight"] for r in ups[str(top)])
    out.append(
        f"\n**Reading:** `pulumi up` of {top} connections takes {wall_top:.2f} s, of which "
        f"{empty.median:.2f} s is the engine alone (empty program) and the provider's API work "
        f"spans {window * 1000:.0f} ms ({window / wall_top:.0%} of the wall time; "
        f"{window / floor:.1f}x the {floor * 1000:.0f} ms of {-(-top // workers)} full rounds "
        f"of {workers}, with {in_flight:.1f} Connects in flight on average"
        + (
            f", so the engine, not the provider's {workers} workers, paces the creates"
            if in_flight < workers - 1
            else ""
        )
        + "); the rest is provider start-up and the engine's own work (program, check, diff, "
        "state writes).\n"
    )
    return "\n".join(out)


def figure_state(results: Results) -> str:
    state = results["state"]
    out = ["## 4. State size\n"]
    one, many = state["1"], state[str(max(results["settings"]["up_sizes"]))]
    empty = state["0"]["export_bytes"]
    n = many["resources"]
    blob = Stats.of(many["blob"])
    inputs_blob = (
        "inputs hold the same"
        if many["input_blob"] == many["blob"]
        else f"inputs {Stats.of(many['input_blob']).fmt()} B"
    )
    rows = [
        [f"`__provider` blob per resource (outputs; {inputs_blob})", f"{blob.fmt()} B"],
        ["one connection resource in the export", f"{Stats.of(many['resource_bytes']).fmt()} B"],
        ["  of which its stackTrace", f"{Stats.of(many['stack_trace_bytes']).fmt()} B"],
        ["whole export, 0 connections", f"{empty} B"],
        ["whole export, 1 connection", f"{one['export_bytes']} B"],
        [f"whole export, {n} connections", f"{many['export_bytes']} B"],
        [
            "whole export per connection, (size(20) - size(0)) / 20",
            f"{(many['export_bytes'] - empty) / n:.0f} B",
        ],
    ]
    out.append(table(["measure (`pulumi stack export`)", "bytes"], rows))
    blobs = results["blobs"]
    by_ref, in_main = blobs["by_reference"], blobs["in_main"]
    in_main_row = (
        [f"{in_main['base64']} B", f"{in_main['pickle']} B"]
        if in_main
        else [f"cannot be pickled ({blobs['in_main_error'][:80]})", ""]
    )
    out.append("")
    out.append(
        table(
            ["serialized provider (`serialize_provider`)", "base64 (as stored)", "pickle"],
            [
                [
                    "class imported from `appfabric_connect` (by reference)",
                    f"{by_ref['base64']} B",
                    f"{by_ref['pickle']} B",
                ],
                ["same class defined in `__main__` (dill pickles it by value)", *in_main_row],
            ],
        )
    )
    out.append(
        f"\n**Reading:** the blob is {blob.median:.0f} B per resource (goal < {GOAL_BLOB} B: "
        f"{'met' if blob.max < GOAL_BLOB else 'not met'}), stored twice (inputs and outputs), "
        f"and a connection adds {(many['export_bytes'] - empty) / n:.0f} B to the exported "
        f"stack (its resource entry {Stats.of(many['resource_bytes']).median:.0f} B, of which "
        f"{Stats.of(many['stack_trace_bytes']).median:.0f} B are the program stack trace "
        "Pulumi records for it); "
        + (
            f"the same provider defined in `__main__` would store {in_main['base64']} B per "
            f"copy, {in_main['base64'] / by_ref['base64']:.0f}x more.\n"
            if in_main
            else "the same provider defined in `__main__` cannot be pickled by value at all.\n"
        )
    )
    return "\n".join(out)
