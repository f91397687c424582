"""Figure 9 of ``bench/RESULTS.md``: two runs connecting one authorization with one code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.stats import table

RACE_JSON = Path(__file__).resolve().parent / "race.json"


def load_race() -> dict[str, Any] | None:
    """``bench/race.json`` (``python -m bench.race all --save``), if it was measured."""
    if not RACE_JSON.is_file():
        return None
    loaded: dict[str, Any] = json.loads(RACE_JSON.read_text())
    return loaded


def _rate(row: dict[str, Any]) -> str:
    return f"{row['broken']} of {row['pairs']}"


def figure_race(race: dict[str, Any]) -> str:
    latency, hold = race["latency_ms"], race["hold_s"]
    sections = [
        "## 9. Two runs, one code, at the same moment\n",
        f"Every AppFabric call answered {latency:g} ms late and each Connect left PendingConnect "
        f"{hold:g} s, so that today's window (one run's last read to its Connect reaching "
        "AppFabric) is provoked. A pair is broken when the authorization ends anything but "
        "Connected: both runs sent the code (`bench/race.py`).\n",
    ]
    in_process = race.get("in_process")
    if in_process:
        rows = [
            [
                f"{row['round_trips']}" if row["round_trips"] else "no pause",
                _rate(row),
                f"{row['connects']}",
                f"{row['failed_runs']}",
                f"{row['blamed_the_client_secret']}",
            ]
            for row in in_process["pairs"]
        ]
        cost, bare = in_process["single_create"], in_process["single_create_no_pause"]
        sections += [
            "### In one process, by the look-again pause\n",
            "Pairs of creates started at one barrier, each pair on its own authorization.\n",
            table(
                [
                    "pause bound, in round trips",
                    "broken pairs",
                    "Connect calls",
                    "failed runs",
                    "messages blaming the client secret",
                ],
                rows,
            ),
            "",
            f"One oauth2 create at 50 ms per call, Connect answering Connected: median "
            f"{cost['median_s']:.2f} s (max {cost['max_s']:.2f} s) with the pause at "
            f"{cost['round_trips']} round trips, {bare['median_s']:.2f} s with no pause.\n",
        ]
    cli = race.get("cli")
    if cli:
        rows = [
            [
                str(row["code"]),
                _rate(row),
                f"{row['connects']}",
                f"{row['failed_runs']}",
                f"{row['blamed_the_client_secret']}",
            ]
            for row in cli
        ]
        sections += [
            "### Through the real CLI\n",
            "Two stacks of the root program with the same code, `pulumi up` of both started "
            "together, one pair after another.\n",
            table(
                [
                    "package",
                    "broken pairs",
                    "Connect calls",
                    "failed runs",
                    "messages blaming the client secret",
                ],
                rows,
            ),
            "",
        ]
    sections.append(
        "**Reading:** with no pause, two runs that read together both send the code. With a "
        "pause drawn from [0, K round trips of the first read), a pair still breaks when the two "
        "pauses end within about one round trip of each other, the time a Connect takes to "
        "reach AppFabric after the read before it: about 2 / K of pairs that read together, "
        "whatever the latency. AppFabric has no conditional Connect, so no read-only protocol "
        "closes the window; a larger K only narrows it, at the cost of K / 2 round trips on "
        "every oauth2 create (at least half a second, at most 7.5 s).\n"
    )
    return "\n".join(sections)
