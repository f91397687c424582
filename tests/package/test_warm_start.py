"""Warm starts of the package plugin: the later starts of one engine run are forked by the warm
parent its first start left, and are stopped and end as cold starts do."""

from __future__ import annotations

import importlib
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
from typing import TYPE_CHECKING

import grpc
import pytest
from pulumi.runtime.proto import provider_pb2_grpc

from appfabric_connect import __version__
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.package.start import PLUGIN
from appfabric_connect.warm import client as warm_client
from tests.support.imports import imported_by
from tests.support.processes import ended, parent_of, wait_until_idle, warm_parent_listening_at

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

ENTRY = Path(sys.executable).parent / "pulumi-resource-appfabric-connect"
ENGINE_ADDRESS = "127.0.0.1:1"  # no Log call is made by the calls below
URN = "urn:pulumi:dev::project::appfabric-connect:index:AppAuthorizationConnection::c"
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
        from pulumi.runtime.proto import provider_pb2

        empty = importlib.import_module("google.protobuf.empty_pb2").Empty  # no stubs
        stub = provider_pb2_grpc.ResourceProviderStub(self.channel)
        assert stub.GetPluginInfo(empty(), timeout=30).version == __version__
        return str(stub.GetSchema(provider_pb2.GetSchemaRequest(), timeout=30).schema)

    def stop(self, number: int = signal.SIGINT) -> int:
        """Pulumi's TerminateProcessGroup: SIGINT to the start's process group; its exit code."""
        self.channel.close()
        if self.process.poll() is None:
            os.killpg(self.process.pid, number)
        self.process.communicate(timeout=30)
        return self.process.returncode


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


def warm_parent(env: dict[str, str], engine: int | None = None) -> int:
    """The pid of the warm parent of ``engine`` (by default this process: the engine run of the
    starts these tests make)."""
    directory = Path(env["TMPDIR"], f"appfabric-connect-{os.getuid()}")
    (path,) = directory.glob(f"warm-{PLUGIN}-{engine or os.getpid()}-*.sock")
    return warm_parent_listening_at(str(path))


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


def test_the_package_warm_parent_forks_with_one_thread_after_it_has_loaded_everything(
    starts: list[Start], env: dict[str, str]
) -> None:
    begin(starts, env).stop()
    begin(starts, env).stop()  # then it loads botocore
    parent = warm_parent(env)
    wait_until_idle(parent)  # all loaded

    # A thread at fork (the SDK's, grpc's) would leave its locks held in every child.
    assert os.listdir(f"/proc/{parent}/task") == [str(parent)]


SLOW_CONNECT_S = 3.0


@pytest.mark.e2e
@pytest.mark.parametrize("kind", ["cold", "warm"])
def test_a_create_in_flight_when_the_engine_stops_the_plugin_runs_to_its_end(
    starts: list[Start],
    env: dict[str, str],
    aws_env: str,
    bundle_arn: str,
    api_key_authorization: AppAuthorizationTypeDef,
    emulator_control: EmulatorControl,
    kind: str,
) -> None:
    # Ctrl-C of `pulumi up`: the engine's SIGINT to the plugin; a Connect is never cut short.
    env.update({key: value for key, value in os.environ.items() if key.startswith("AWS_")})
    if kind == "warm":
        begin(starts, env).stop()
    start = begin(starts, env)
    assert start.kind == f"a {kind} start"
    from pulumi.provider.experimental.property_value import PropertyValue
    from pulumi.runtime.proto import provider_pb2

    stub = provider_pb2_grpc.ResourceProviderStub(start.channel)
    stub.Configure(provider_pb2.ConfigureRequest(acceptSecrets=True), timeout=30)
    inputs = PropertyValue.marshal_map(
        {
            "appBundleIdentifier": PropertyValue(bundle_arn),
            "appAuthorizationIdentifier": PropertyValue(
                api_key_authorization["appAuthorizationArn"]
            ),
        }
    )
    emulator_control.set_faults(connect_delay_s=SLOW_CONNECT_S)
    creating = stub.Create.future(
        provider_pb2.CreateRequest(urn=URN, properties=inputs, timeout=60)
    )
    while not emulator_control.calls().get("ConnectAppAuthorization"):
        time.sleep(0.05)
    sent, reads = time.monotonic(), emulator_control.calls().get("GetAppAuthorization", 0)

    assert start.stop() == 0

    assert time.monotonic() - sent >= SLOW_CONNECT_S - 0.5  # it waited for the answer
    assert emulator_control.calls().get("GetAppAuthorization", 0) >= reads
    creating.cancel()


def test_what_the_package_warm_parent_will_load_is_not_loaded_before_the_port() -> None:
    # What a cold start makes, before its port, for its warm parent.
    plan = "from appfabric_connect.pulumi.package import server\nserver.warm_plugin('package')"
    late = ("appfabric_connect.core", "appfabric_connect.aws", "pulumi", "botocore")

    assert imported_by(plan, late) == []


# A stand-in for the `pulumi` process: it starts the plugin (which forks the warm parent), says
# its port, and lives until the test kills it.
ENGINE = """
import subprocess, sys
start = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
print(start.stdout.readline().decode().strip(), flush=True)
sys.stdin.read()
"""


def test_the_package_warm_parent_ends_with_its_engine(env: dict[str, str]) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", ENGINE, str(ENTRY), ENGINE_ADDRESS],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as engine:
        assert engine.stdout is not None
        assert engine.stdout.readline().strip().isdigit()
        parent = warm_parent(env, engine.pid)

        engine.kill()  # kill -9: nothing tidies up after it
        engine.wait()

    assert ended(parent)
