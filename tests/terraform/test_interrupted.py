"""``kill -9`` of ``terraform apply`` during a slow Connect: the re-run adopts, sends no code."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable

import pytest

from appfabric_connect.emulator import EmulatorControl
from tests.terraform.conftest import write_slack
from tests.terraform.workspace import Workspace

pytestmark = [pytest.mark.terraform, pytest.mark.e2e]

SLOW_CONNECT_S = 6


def _kill_apply_after_its_connect(workspace: Workspace, control: EmulatorControl) -> None:
    apply = subprocess.Popen(
        [workspace.engine, "apply", "-auto-approve", "-no-color", "-input=false"],
        cwd=workspace.directory,
        env=workspace.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not control.calls().get("ConnectAppAuthorization"):
        assert apply.poll() is None, "terraform apply ended before its Connect"
        assert time.monotonic() < deadline, "no Connect within 60 s"
        time.sleep(0.1)
    os.kill(apply.pid, signal.SIGKILL)
    apply.wait()


def test_rerun_after_a_killed_apply_adopts_the_connection_without_a_second_connect(
    workspace: Workspace, emulator_control: EmulatorControl, slack_code: Callable[[], str]
) -> None:
    write_slack(workspace, slack_code())
    emulator_control.set_faults(connect_delay_s=SLOW_CONNECT_S)
    _kill_apply_after_its_connect(workspace, emulator_control)
    rerun = workspace.apply()
    assert workspace.connection("slack")["status"] == "Connected"
    assert emulator_control.calls().get("ConnectAppAuthorization") == 1
    assert "not sent" in " ".join(rerun.stdout.split())
