"""Warm starts of the package plugin: the later starts of one engine run are forked by the warm
parent its first start left, and are stopped and end as cold starts do."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from pulumi.runtime.proto import provider_pb2_grpc

from appfabric_connect import __version__
from appfabric_connect.pulumi.package.start import PLUGIN
from appfabric_connect.warm import client as warm_client

ENTRY = Path(sys.executable).parent / "pulumi-resource-appfabric-connect"
ENGINE_ADDRESS = "127.0.0.1:1"  # no Log call is made by the calls below
VERBOSE = "-v=9"  # as `pulumi -v=9 --logflow` passes it: the plugin says which start it is


class Start:
    """One start of the plugin as the engine makes it (its own process group, the engine's
    address first), or through ``host`` (a language host that starts it for its schema)."""

    def __init__(self, env: dict[str, str], host: Path | None = None) -> None:
        argv = [str(ENTRY), ENGINE_ADDRESS, VERBOSE]
        self.process = subprocess.Popen(
            [str(host), *argv] if host else argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # Pulumi quirk: each plugin in a process group of its own
        )
        assert self.process.stdout is not None and self.process.stderr is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 60)
        line = self.process.stdout.readline().decode().strip() if ready else ""
        assert line.isdigit(), line
        self.channel = grpc.insecure_channel(f"127.0.0.1:{line}")
        said = self.process.stderr.readline().decode()  # written before the port
        self.kind, _, pid = said.partition(" (pid ")
        self.server_pid = int(pid.strip().rstrip(")"))

    def schema(self) -> str:
        from google.protobuf import empty_pb2
        from pulumi.runtime.proto import provider_pb2

        stub = provider_pb2_grpc.ResourceProviderStub(self.channel)
        assert stub.GetPluginInfo(empty_pb2.Empty(), timeout=30).version == __version__
        return str(stub.GetSchema(provider_pb2.GetSchemaRequest(), timeout=30).schema)

    def stop(self, number: int = signal.SIGINT) -> int:
        """Pulumi's TerminateProcessGroup: SIGINT to the start's process group; its exit code."""
        self.channel.close()
        if self.process.poll() is None:
            os.killpg(self.process.pid, number)
        self.process.communicate(timeout=30)
        return self.process.returncode


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def ended(pid: int, within_s: float = 10.0) -> bool:
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


@pytest.fixture
def tmp() -> Iterator[Path]:
    """This test's TMPDIR: its own warm parents. Short: a Unix socket's path holds 107 bytes."""
    directory = Path(tempfile.mkdtemp(prefix="warm", dir="/tmp"))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def env(tmp: Path) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "TMPDIR": str(tmp), "HOME": str(tmp)}


@pytest.fixture
def starts() -> Iterator[list[Start]]:
    made: list[Start] = []
    yield made
    for one in made:
        one.stop(signal.SIGKILL)


def begin(made: list[Start], env: dict[str, str], host: Path | None = None) -> Start:
    one = Start(env, host)
    made.append(one)
    return one


def warm_parent(env: dict[str, str]) -> int:
    """The pid of this engine run's warm parent: the process that holds its listening socket."""
    directory = Path(env["TMPDIR"], f"appfabric-connect-{os.getuid()}")
    (path,) = directory.glob(f"warm-{PLUGIN}-{os.getpid()}-*.sock")
    inodes = {
        fields[6]
        for fields in (line.split() for line in Path("/proc/net/unix").read_text().splitlines())
        # listening (__SO_ACCEPTCON), bound under a temporary name then renamed (warm.spawn)
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


def test_a_later_start_of_the_same_engine_run_is_a_child_of_the_warm_parent(
    starts: list[Start], env: dict[str, str]
) -> None:
    first = begin(starts, env)
    assert (first.kind, first.server_pid) == ("a cold start", first.process.pid)
    cold_schema = first.schema()
    assert first.stop() == 0

    second = begin(starts, env)
    third = begin(starts, env)

    assert second.kind == third.kind == "a warm start"
    assert second.server_pid != second.process.pid
    assert parent_of(second.server_pid) == parent_of(third.server_pid) == warm_parent(env)
    assert second.schema() == third.schema() == cold_schema  # each a whole plugin


def test_the_engine_stopping_a_warm_start_ends_its_child_and_the_start_exits_0(
    starts: list[Start], env: dict[str, str]
) -> None:
    begin(starts, env).stop()
    second = begin(starts, env)
    child = second.server_pid

    assert second.stop() == 0
    assert ended(child)


def test_a_killed_warm_start_takes_its_child_with_it(
    starts: list[Start], env: dict[str, str]
) -> None:
    begin(starts, env).stop()
    second = begin(starts, env)
    child = second.server_pid

    second.stop(signal.SIGKILL)  # the end of TerminateProcessGroup's cooldown

    assert ended(child)


def test_a_start_by_the_yaml_language_host_is_warm_from_the_engine_run_s_parent(
    starts: list[Start], env: dict[str, str], tmp: Path
) -> None:
    # /proc's comm of the host is its first 15 bytes: "pulumi-language".
    host = tmp / "pulumi-language-yaml"
    host.write_text('#!/bin/sh\n"$@"\nexit $?\n')
    host.chmod(0o755)
    begin(starts, env).stop()

    by_host = begin(starts, env, host)

    child = by_host.server_pid
    assert by_host.kind == "a warm start"
    assert parent_of(child) == warm_parent(env)
    assert by_host.schema()
    by_host.stop()  # the host too: it is in the start's process group here
    assert ended(child)


def test_package_warm_starts_can_be_switched_off(starts: list[Start], env: dict[str, str]) -> None:
    env[warm_client.SWITCH_ENV] = "0"
    begin(starts, env).stop()

    second = begin(starts, env)

    assert (second.kind, second.server_pid) == ("a cold start", second.process.pid)
    assert not Path(env["TMPDIR"], f"appfabric-connect-{os.getuid()}").exists()
