"""`python -m appfabric_connect.emulator` as a process, and `--state FILE` across restarts."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

import boto3
import pytest

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from appfabric_connect.emulator.seed import DEMO_API_KEY, DEMO_CLIENT_SECRET, seed_demo

from .helpers import connection

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


def _client(url: str) -> AppFabricClient:
    return boto3.session.Session(
        aws_access_key_id="AKIAEMULATOR", aws_secret_access_key="x", region_name="us-east-1"
    ).client("appfabric", endpoint_url=url)


def _readline(stream: IO[str], timeout: float = 20.0) -> str:
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    assert line, "the emulator printed nothing"
    return line[0]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_module_prints_its_url_and_stops_cleanly_on_signal(signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "appfabric_connect.emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "0"},
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        line = _readline(process.stdout)
        match = re.fullmatch(r"AppFabric emulator listening on (http://127\.0\.0\.1:(\d+))\n", line)
        assert match, line
        assert int(match[2]) != 0
        assert EmulatorControl(match[1]).ping()
        process.send_signal(signum)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read() == ""
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


def test_module_reports_a_busy_port_without_traceback() -> None:
    with EmulatorServer() as server:
        port = server.url.rsplit(":", 1)[1]
        result = subprocess.run(
            [sys.executable, "-m", "appfabric_connect.emulator", "--port", port],
            capture_output=True,
            text=True,
            timeout=20,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("appfabric-emulator:")


def test_state_file_keeps_state_across_restarts(tmp_path: Path, aws_env: str) -> None:
    state = tmp_path / "state.json"
    with EmulatorServer(state_file=state) as first:
        seeded = seed_demo(_client(first.url))
        arn = seeded.api_key_authorization["appAuthorizationArn"]
        _client(first.url).connect_app_authorization(
            appBundleIdentifier=seeded.bundle_arn, appAuthorizationIdentifier=arn
        )
    with EmulatorServer(state_file=state) as second:
        client = _client(second.url)
        got = client.get_app_authorization(
            appBundleIdentifier=seeded.bundle_arn, appAuthorizationIdentifier=arn
        )
        assert got["appAuthorization"]["status"] == "Connected"
        listed = client.list_app_authorizations(appBundleIdentifier=seeded.bundle_arn)
        assert len(listed["appAuthorizationSummaryList"]) == 2


def test_state_file_holds_no_secrets_and_no_temporary_files(tmp_path: Path, aws_env: str) -> None:
    state = tmp_path / "state.json"
    with EmulatorServer(state_file=state) as server:
        seeded = seed_demo(_client(server.url))
        code = EmulatorControl(server.url).obtain_code(seeded.oauth2_authorization["authUrl"])
    text = state.read_text()
    for secret in (DEMO_CLIENT_SECRET, DEMO_API_KEY, code):
        assert secret not in text
    assert json.loads(text)["authorizations"]
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_issued_codes_survive_a_restart(tmp_path: Path, aws_env: str) -> None:
    state = tmp_path / "state.json"
    with EmulatorServer(state_file=state) as first:
        seeded = seed_demo(_client(first.url))
        code = EmulatorControl(first.url).obtain_code(seeded.oauth2_authorization["authUrl"])
    with EmulatorServer(state_file=state) as second:
        response = _client(second.url).connect_app_authorization(
            appBundleIdentifier=seeded.bundle_arn,
            appAuthorizationIdentifier=seeded.oauth2_authorization["appAuthorizationArn"],
            authRequest={
                "redirectUri": "https://us-east-1.console.aws.amazon.com/appfabric/oauth2",
                "code": code,
            },
        )
    assert response["appAuthorizationSummary"]["status"] == "Connected"


def test_stop_hangs_up_idle_keep_alive_connections() -> None:
    server = EmulatorServer()
    server.start()
    conn = connection(server.url)
    conn.request("GET", "/_emulator/health")
    assert conn.getresponse().read() == b'{"status":"ok"}'
    server.stop()
    with pytest.raises(OSError):
        conn.request("GET", "/_emulator/health")
        conn.getresponse().read()
    conn.close()


def test_unusable_state_file_is_reported_without_traceback(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"version": 1}')
    result = subprocess.run(
        [sys.executable, "-m", "appfabric_connect.emulator", "--port", "0", "--state", str(state)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 1
    assert "not a usable emulator state file" in result.stderr
    assert "Traceback" not in result.stderr
