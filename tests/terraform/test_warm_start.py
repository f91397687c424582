"""Warm starts: the later starts of one engine run are forked by the warm parent its first start
left, and behave as cold starts do: their own environment, directory, status, signals and end."""

from __future__ import annotations

import ast
import base64
import errno
import os
import select
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from appfabric_connect import __version__
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from appfabric_connect.terraform import mirror
from appfabric_connect.terraform import terraform_schema as ts
from appfabric_connect.terraform.proto import (
    grpc_controller_pb2,
    grpc_controller_pb2_grpc,
    tfplugin6_pb2_grpc,
)
from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf
from appfabric_connect.terraform.server import (
    MAGIC_COOKIE,
    MAGIC_COOKIE_KEY,
    WARM_START,
    warm_plugin,
)
from appfabric_connect.terraform.values import encode
from appfabric_connect.warm import client as warm_client
from appfabric_connect.warm import parent as warm
from tests.support.processes import ended, parent_of, wait_until_idle, warm_parent_listening_at
from tests.terraform.conftest import engine_or_skip, write_asana
from tests.terraform.workspace import Workspace

pytestmark = pytest.mark.terraform


def go_plugin_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment Terraform starts a plugin with (go-plugin's cookie, protocols, mTLS)."""
    return {
        "PATH": os.environ["PATH"],
        "TMPDIR": str(tmp),  # this test's warm parents, and handshake sockets, only
        MAGIC_COOKIE_KEY: MAGIC_COOKIE,
        "PLUGIN_PROTOCOL_VERSIONS": "5,6",
        "PLUGIN_CLIENT_CERT": "present",
        **extra,
    }


class Start:
    """One start of the launcher, as go-plugin makes it: its handshake, then tfplugin6."""

    def __init__(self, launcher: Path, env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [str(launcher)],
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 60)
        line = self.process.stdout.readline().decode().strip() if ready else ""
        assert line.startswith("1|6|unix|"), line
        _, _, _, self.address, _, cert = line.split("|")
        der = base64.b64decode(cert + "=" * (-len(cert) % 4))
        credentials = grpc.ssl_channel_credentials(
            root_certificates=ssl.DER_cert_to_PEM_cert(der).encode()
        )
        self.channel = grpc.secure_channel(
            f"unix:{self.address}",
            credentials,
            options=[("grpc.ssl_target_name_override", "localhost")],
        )

    @property
    def server_pid(self) -> int:
        """The process that serves the handshake's socket."""
        return peer_pid(self.address)

    def schema(self) -> Any:
        stub = tfplugin6_pb2_grpc.ProviderStub(self.channel)
        return stub.GetProviderSchema(tf.GetProviderSchema.Request(), timeout=30)

    def shutdown(self) -> int:
        """go-plugin's Kill: Shutdown, then the process's exit code."""
        controller = grpc_controller_pb2_grpc.GRPCControllerStub(self.channel)
        controller.Shutdown(grpc_controller_pb2.Empty(), timeout=30)
        self.channel.close()
        return self.process.wait(timeout=30)

    def stop(self) -> None:
        self.channel.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=30)


def peer_pid(address: str) -> int:
    with socket.socket(socket.AF_UNIX) as conn:
        conn.connect(address)
        pid, _uid, _gid = struct.unpack(
            "3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
        )
    return int(pid)


@pytest.fixture
def tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This test's TMPDIR: its own warm parents (and handshake sockets). Short, as /tmp is: a
    Unix socket's path holds at most 107 bytes, and pytest's tmp_path is long."""
    directory = Path(tempfile.mkdtemp(prefix="warm", dir="/tmp"))
    monkeypatch.setenv("TMPDIR", str(directory))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def launcher(tmp_path: Path) -> Path:
    return mirror.write_launcher(tmp_path / "bin")


@pytest.fixture
def starts(launcher: Path, tmp: Path) -> Iterator[list[Start]]:
    made: list[Start] = []
    yield made
    for one in made:
        one.stop()


def begin(made: list[Start], launcher: Path, env: dict[str, str], cwd: Path) -> Start:
    one = Start(launcher, env, cwd)
    made.append(one)
    return one


def warm_parent(engine: int) -> int:
    """The pid of the warm parent of ``engine``."""
    path = warm_client.socket_path("terraform", engine, __version__)
    assert path is not None and os.path.exists(path), "no warm parent"
    return warm_parent_listening_at(path)


def warm_second_start(
    made: list[Start], launcher: Path, tmp: Path, cwd: Path | None = None, **env: str
) -> tuple[Start, int]:
    """A cold start (which forks the warm parent) and its Shutdown, then a second start of the
    same engine run: that start and its child, checked to be the warm parent's."""
    begin(made, launcher, go_plugin_env(tmp), tmp).shutdown()
    second = begin(made, launcher, go_plugin_env(tmp, **env), cwd or tmp)
    child = second.server_pid
    assert parent_of(child) == warm_parent(os.getpid())
    return second, child


# -- tests ----------------------------------------------------------------------------------------


def test_a_later_start_of_the_same_engine_run_is_a_child_of_the_warm_parent(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    first = begin(starts, launcher, go_plugin_env(tmp), tmp)
    assert first.server_pid == first.process.pid  # cold: the started process serves
    assert first.shutdown() == 0

    second = begin(starts, launcher, go_plugin_env(tmp), tmp)

    assert second.server_pid != second.process.pid
    assert parent_of(second.server_pid) == warm_parent(os.getpid())
    assert second.schema().provider.block.attributes  # a whole plugin
    assert second.shutdown() == 0


def test_the_warm_parent_forks_with_one_thread_after_it_has_loaded_everything(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    begin(starts, launcher, go_plugin_env(tmp), tmp).shutdown()
    begin(starts, launcher, go_plugin_env(tmp), tmp).shutdown()  # then it loads botocore
    parent = warm_parent(os.getpid())
    wait_until_idle(parent)  # all loaded

    # A thread at fork would leave its locks held in every child.
    assert os.listdir(f"/proc/{parent}/task") == [str(parent)]


def test_a_warm_start_runs_in_its_own_directory(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    (tmp / "second").mkdir()

    _, child = warm_second_start(starts, launcher, tmp, cwd=tmp / "second")

    assert os.readlink(f"/proc/{child}/cwd") == str(tmp / "second")


def test_a_warm_start_logs_by_its_own_environment_to_its_own_stderr(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    second, child = warm_second_start(starts, launcher, tmp, TF_LOG_PROVIDER="debug")

    second.schema()
    second.shutdown()

    assert second.process.stderr is not None
    said = second.process.stderr.read().decode()
    assert f"{WARM_START} (pid {child})" in said
    assert "received GetProviderSchema" in said


def test_a_signal_to_a_warm_start_reaches_its_child_and_ends_it_the_same_way(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    second, child = warm_second_start(starts, launcher, tmp)

    second.process.send_signal(signal.SIGTERM)

    assert second.process.wait(timeout=30) == -signal.SIGTERM
    assert ended(child)


def test_a_killed_warm_start_takes_its_child_with_it(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    second, child = warm_second_start(starts, launcher, tmp)

    second.process.kill()  # go-plugin's last resort, or the engine's whole process group

    assert ended(child)


ENGINE = """
import subprocess, sys
start = subprocess.Popen([sys.argv[1]], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
print(start.stdout.readline().decode().strip(), flush=True)
sys.stdin.read()  # the test says when this engine ends (with its plugin still running)
"""


def test_the_warm_parent_ends_with_its_engine(launcher: Path, tmp: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", ENGINE, str(launcher)],
        env=go_plugin_env(tmp),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as engine:
        assert engine.stdout is not None
        assert engine.stdout.readline().startswith(b"1|6|unix|")
        parent = warm_parent(engine.pid)
        path = warm_client.socket_path("terraform", engine.pid, __version__)

        engine.kill()  # kill -9: nothing tidies up after it
        engine.wait()

    assert ended(parent)
    assert path is not None and not os.path.exists(path)


def test_warm_starts_can_be_switched_off(starts: list[Start], launcher: Path, tmp: Path) -> None:
    env = go_plugin_env(tmp, **{warm_client.SWITCH_ENV: "0"})
    begin(starts, launcher, env, tmp).shutdown()

    second = begin(starts, launcher, env, tmp)

    assert second.server_pid == second.process.pid
    path = warm_client.socket_path("terraform", os.getpid(), __version__)
    assert path is None or not os.path.exists(path)


def test_where_pidfds_are_refused_no_warm_parent_is_made(
    tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(pid: int, flags: int = 0) -> int:
        raise OSError(errno.ENOSYS, "pidfd_open")  # Linux < 5.3 (RHEL 8), or a seccomp profile

    monkeypatch.setattr(os, "pidfd_open", refused)
    environ = go_plugin_env(tmp)

    assert not warm_client.enabled(environ)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    assert warm.spawn(warm_plugin(), os.getpid()) is False
    assert not (tmp / f"appfabric-connect-{os.getuid()}").exists()


def test_a_socket_left_by_a_killed_warm_parent_gives_a_cold_start_and_a_new_parent(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    path = warm_client.socket_path("terraform", os.getpid(), __version__, create=True)
    assert path is not None
    with socket.socket(socket.AF_UNIX) as stale:
        stale.bind(path)  # bound, never listening: what a killed parent leaves

    first = begin(starts, launcher, go_plugin_env(tmp), tmp)

    assert first.server_pid == first.process.pid
    first.shutdown()
    second = begin(starts, launcher, go_plugin_env(tmp), tmp)
    assert parent_of(second.server_pid) == warm_parent(os.getpid())


def test_a_warm_directory_others_may_open_is_not_used(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    directory = warm_client.private_directory(create=True)
    assert directory is not None
    os.chmod(directory, 0o755)

    begin(starts, launcher, go_plugin_env(tmp), tmp).shutdown()
    second = begin(starts, launcher, go_plugin_env(tmp), tmp)

    assert second.server_pid == second.process.pid
    assert os.listdir(directory) == []


def test_the_warm_parent_refuses_a_start_of_another_version(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    begin(starts, launcher, go_plugin_env(tmp), tmp).shutdown()
    path = warm_client.socket_path("terraform", os.getpid(), __version__)
    assert path is not None

    with socket.socket(socket.AF_UNIX) as conn:
        conn.connect(path)
        request = warm_client.Request("terraform", "0.0.1", sys.executable, "/", [], {})
        warm_client.send_request(conn, request)
        conn.settimeout(10)
        with pytest.raises(EOFError):
            warm_client.read_message(conn)


def test_the_launcher_holds_the_warm_client_between_its_single_quotes() -> None:
    script = mirror.launcher()
    body = script.split("-S -c '", 1)[1].rsplit('\' "$want" "$fix"', 1)[0]
    client = mirror.WARM_CLIENT.read_text()

    assert "'" not in body
    assert body.index("del sys.path[0]") < body.index(client.split("\n", 1)[0])
    assert body.index('attach("terraform", want') < body.index("site.main()")


def test_the_warm_client_runs_under_any_python3_far_enough_to_say_what_is_missing() -> None:
    # The launcher may find an old python3 (3.6 on RHEL 8): the client, which runs before the
    # version check, evaluates no annotation (no `X | None`, no `tuple[...]` at definition).
    tree = ast.parse(mirror.WARM_CLIENT.read_text())
    annotations = [node.returns for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)] + [
        node.annotation for node in ast.walk(tree) if isinstance(node, ast.arg)
    ]

    evaluated = [
        ast.unparse(a)
        for a in annotations
        if a is not None and not isinstance(a, ast.Name | ast.Constant)
    ]
    assert evaluated == []


def test_a_start_imports_nothing_from_the_configuration_s_directory(
    starts: list[Start], launcher: Path, tmp: Path
) -> None:
    (tmp / "work").mkdir()
    for name in ("struct", "zlib", "socket", "signal", "select", "site"):
        (tmp / "work" / f"{name}.py").write_text(f"open({str(tmp / name)!r}, 'w').close()\n")

    begin(starts, launcher, go_plugin_env(tmp), tmp / "work").shutdown()
    warm_second_start(starts, launcher, tmp, cwd=tmp / "work")

    assert [path.name for path in tmp.iterdir() if path.is_file()] == []


@pytest.mark.e2e
@pytest.mark.parametrize("engine_name", ["terraform", "tofu"])
def test_a_plan_starts_the_plugin_cold_once_and_warm_for_each_walk_after(
    workspace: Workspace, engine_name: str
) -> None:
    workspace.engine = engine_or_skip(engine_name)
    write_asana(workspace)
    workspace.apply()

    # The schema's start, then the validate walk's and the plan walk's (with the reads).
    done = workspace.run(
        "plan", "-detailed-exitcode", "-no-color", "-input=false", TF_LOG_PROVIDER="debug"
    )

    assert done.stderr.count("a cold start (pid ") == 1
    assert done.stderr.count(f"{WARM_START} (pid ") == 2


SLOW_CONNECT_S = 3.0


@pytest.mark.e2e
@pytest.mark.parametrize("kind", ["cold", "warm"])
def test_a_create_in_flight_at_shutdown_runs_to_its_end_before_the_start_ends(
    starts: list[Start],
    launcher: Path,
    tmp: Path,
    seeded: Seeded,
    emulator_control: EmulatorControl,
    kind: str,
) -> None:
    # Ctrl-C or go-plugin's Kill during an apply: a Connect is never cut short.
    aws = {key: value for key, value in os.environ.items() if key.startswith("AWS_")}
    if kind == "warm":
        second, _child = warm_second_start(starts, launcher, tmp, None, **aws)
    else:
        second = begin(starts, launcher, go_plugin_env(tmp, **aws), tmp)
        assert second.server_pid == second.process.pid
    provider = tfplugin6_pb2_grpc.ProviderStub(second.channel)
    provider.ConfigureProvider(
        tf.ConfigureProvider.Request(
            terraform_version="1.11.4", config=encode(ts.PROVIDER.conform({}))
        ),
        timeout=30,
    )
    config = encode(
        ts.RESOURCE_BLOCK.conform(
            {
                "app_bundle_arn": seeded.bundle_arn,
                "app_authorization_arn": seeded.api_key_authorization["appAuthorizationArn"],
            }
        )
    )
    planned = provider.PlanResourceChange(
        tf.PlanResourceChange.Request(
            type_name=ts.RESOURCE,
            prior_state=encode(None),
            proposed_new_state=config,
            config=config,
        ),
        timeout=30,
    ).planned_state
    emulator_control.set_faults(connect_delay_s=SLOW_CONNECT_S)
    applying = provider.ApplyResourceChange.future(
        tf.ApplyResourceChange.Request(
            type_name=ts.RESOURCE, prior_state=encode(None), planned_state=planned, config=config
        )
    )
    while not emulator_control.calls().get("ConnectAppAuthorization"):
        time.sleep(0.05)
    sent, reads = time.monotonic(), emulator_control.calls().get("GetAppAuthorization", 0)

    assert second.shutdown() == 0

    assert time.monotonic() - sent >= SLOW_CONNECT_S - 0.5  # it waited for the answer
    assert emulator_control.calls().get("GetAppAuthorization", 0) > reads  # and read it back
    applying.cancel()
