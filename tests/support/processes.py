"""What /proc says of a plugin's processes: parents, CPU, their end, and a socket's listener."""

from __future__ import annotations

import os
import time
from pathlib import Path


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def ended(pid: int, within_s: float = 10.0) -> bool:
    """Whether ``pid`` is gone (or a zombie) within ``within_s``."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def warm_parent_listening_at(path: str) -> int:
    """The pid of the warm parent listening at ``path``: the process that holds the socket
    (SO_PEERCRED would name the cold start that bound it, before it forked)."""
    inodes = {
        fields[6]
        for fields in (line.split() for line in Path("/proc/net/unix").read_text().splitlines())
        # listening (__SO_ACCEPTCON), bound under a temporary name then renamed (parent.spawn)
        if len(fields) == 8 and fields[3] == "00010000" and fields[7].startswith(f"{path}.")
    }
    holders = set()
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            holders.add(int(fd.parts[2]))
    assert len(holders) == 1, holders
    return holders.pop()


def wait_until_idle(pid: int, within_s: float = 30.0) -> None:
    """Returns once ``pid`` has used no CPU for a second (a warm parent done loading)."""
    deadline, cpu = time.monotonic() + within_s, cpu_ticks(pid)
    while True:
        time.sleep(1.0)
        cpu, before = cpu_ticks(pid), cpu
        if cpu == before:
            return
        assert time.monotonic() < deadline, f"{pid} never stopped working"
