"""Runs that are killed, cancelled or doubled never break a working connection (real CLI)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import Seeded
from tests.support.pulumi_project import PulumiProject, combined

pytestmark = pytest.mark.e2e

SLOW_CONNECT_S = 8


def _oauth2_stack(
    make: Callable[..., PulumiProject], seeded: Seeded, code: str, directory: str = "project"
) -> PulumiProject:
    """The root program with one oauth2 connection, ``slack``, and its code, in a stack named
    after ``directory``."""
    stack = make(directory=directory)
    stack.cli.stack = directory
    stack.cli.select_stack(create=True)
    stack.seeded = seeded
    arn = seeded.oauth2_authorization["appAuthorizationArn"]
    stack.set_connections(seeded.bundle_arn, [("slack", arn, True)])
    stack.set_code(0, code)
    return stack


def _start_up(stack: PulumiProject) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [stack.cli.executable, "up", "--yes", "--skip-preview", "--non-interactive"],
        cwd=stack.path,
        env=stack.cli.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_for_connect(control: EmulatorControl, process: subprocess.Popen[str]) -> None:
    """Until the emulator has seen a Connect (the code is on its way)."""
    deadline = time.monotonic() + 60
    while control.calls().get("ConnectAppAuthorization", 0) == 0:
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "no Connect within 60 s"
        time.sleep(0.1)


def _kill_up_after_its_connect(stack: PulumiProject, control: EmulatorControl) -> list[int]:
    """``kill -9`` of a ``pulumi up`` once its Connect reached AppFabric; the engine's children."""
    up = _start_up(stack)
    _wait_for_connect(control, up)
    plugins = _children(up.pid)
    os.kill(up.pid, signal.SIGKILL)
    up.wait()
    return plugins


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the engine's plugins and language host)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _status(control: EmulatorControl, appfabric: Any, seeded: Seeded) -> str:
    arn = seeded.oauth2_authorization["appAuthorizationArn"]
    answer = appfabric.get_app_authorization(
        appBundleIdentifier=seeded.bundle_arn, appAuthorizationIdentifier=arn
    )
    return str(answer["appAuthorization"]["status"])


@pytest.fixture
def slow_connects(emulator_control: EmulatorControl) -> EmulatorControl:
    emulator_control.set_faults(connect_delay_s=SLOW_CONNECT_S)
    return emulator_control


def test_a_killed_up_rerun_at_once_adopts_the_connection_its_code_made(
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    obtain_code: Callable[[Mapping[str, Any]], str],
    slow_connects: EmulatorControl,
    appfabric: Any,
) -> None:
    stack = _oauth2_stack(make_project, seeded, obtain_code(seeded.oauth2_authorization))
    plugins = _kill_up_after_its_connect(stack, slow_connects)

    stack.cli.run("cancel", "--yes")
    rerun = stack.up(check=False)
    orphans = [pid for pid in plugins if _alive(pid)]

    assert rerun.returncode == 0, combined(rerun)
    assert "the OAuth code was not sent" in combined(rerun)
    assert _status(slow_connects, appfabric, seeded) == "Connected"
    assert stack.statuses() == {"slack": "Connected"}
    assert slow_connects.calls().get("ConnectAppAuthorization") == 1  # the killed run's only
    assert plugins, "the killed engine had started no plugin"
    assert orphans == []


def test_refresh_clear_pending_creates_ends_the_interrupted_create_warning(
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    obtain_code: Callable[[Mapping[str, Any]], str],
    slow_connects: EmulatorControl,
) -> None:
    stack = _oauth2_stack(make_project, seeded, obtain_code(seeded.oauth2_authorization))
    _kill_up_after_its_connect(stack, slow_connects)
    stack.cli.run("cancel", "--yes")
    stack.up()

    stack.cli.run("refresh", "--yes", "--skip-preview", "--clear-pending-creates")
    again = stack.up()

    assert "interrupted while creating" not in combined(again)


def test_two_stacks_on_one_authorization_connect_it_once_and_both_succeed(
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    obtain_code: Callable[[Mapping[str, Any]], str],
    slow_connects: EmulatorControl,
    appfabric: Any,
) -> None:
    code = obtain_code(seeded.oauth2_authorization)
    first = _oauth2_stack(make_project, seeded, code, "first")
    second = _oauth2_stack(make_project, seeded, code, "second")
    up_first = _start_up(first)
    _wait_for_connect(slow_connects, up_first)

    up_second = second.up(check=False)
    first_output = up_first.communicate(timeout=120)[0]

    assert up_first.returncode == 0, first_output
    assert up_second.returncode == 0, combined(up_second)
    assert _status(slow_connects, appfabric, seeded) == "Connected"
    assert slow_connects.calls().get("ConnectAppAuthorization") == 1


def test_a_redirect_uri_with_a_fragment_fails_check_before_any_call(
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    obtain_code: Callable[[Mapping[str, Any]], str],
    emulator_control: EmulatorControl,
) -> None:
    stack = _oauth2_stack(make_project, seeded, obtain_code(seeded.oauth2_authorization))
    uri = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2#done"
    stack.set_config({"connections[0].auth_request.redirect_uri": uri})
    emulator_control.reset_calls()

    result = stack.up(check=False)

    assert result.returncode != 0
    assert "property auth_request.redirect_uri" in combined(result)
    assert "has a problem: must not have a #fragment" in combined(result)
    assert emulator_control.calls() == {}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_cancelled_up_lets_the_connect_in_flight_finish_and_records_it(
    signum: signal.Signals,
    make_project: Callable[..., PulumiProject],
    seeded: Seeded,
    obtain_code: Callable[[Mapping[str, Any]], str],
    slow_connects: EmulatorControl,
) -> None:
    # Pulumi quirk: on SIGINT or SIGTERM the engine sends Cancel, which the SDK's
    # dynamic-provider server answers without telling the provider, and waits for the create.
    stack = _oauth2_stack(make_project, seeded, obtain_code(seeded.oauth2_authorization))
    up = _start_up(stack)
    _wait_for_connect(slow_connects, up)
    os.kill(up.pid, signum)
    output = up.communicate(timeout=120)[0]

    after = stack.preview("--expect-no-changes", check=False)

    assert "update canceled" in output
    assert [r["outputs"]["status"] for r in stack.resources()] == ["Connected"]
    assert after.returncode == 0, combined(after)
    assert slow_connects.calls().get("ConnectAppAuthorization") == 1
