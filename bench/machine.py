"""The machine and the software versions a benchmark ran on, for the report's header."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path


def machine() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "kernel": platform.release(),
        "load": loadavg(),
    }


def versions(env: dict[str, str]) -> dict[str, str]:
    try:
        cli = subprocess.run(
            ["pulumi", "version"], capture_output=True, text=True, env=env, timeout=60, check=False
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        cli = "not found"
    return {
        "python": sys.version.split()[0],
        "pulumi SDK": version("pulumi"),
        "pulumi CLI": cli or "not found",
        "boto3": version("boto3"),
        "botocore": version("botocore"),
        "grpcio": version("grpcio"),
        "dill": version("dill"),
    }


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"
