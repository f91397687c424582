"""The plugin's warnings reach ``pulumi up`` through the engine's Log RPC, on their resource."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import pytest
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.package import engine_log
from appfabric_connect.pulumi.package.server import ConnectionServicer
from tests.support.pulumi_project import EXAMPLES, PulumiProject, combined

TOKEN = "appfabric-connect:index:AppAuthorizationConnection"
URN = f"urn:pulumi:dev::yaml-oauth2::{TOKEN}::connection"  # the example project's name
ADOPTED = "is already Connected (by an interrupted run, another stack or the console)"
MakeProject = Callable[[Path, str], PulumiProject]
log = logging.getLogger("appfabric_connect")


# -- under the real CLI ----------------------------------------------------------------------


@pytest.mark.e2e
def test_a_warning_is_an_engine_diagnostic_on_its_resource(
    make_package_project: MakeProject,
    bundle_arn: str,
    make_authorization: Callable[..., Any],
    emulator_control: EmulatorControl,
) -> None:
    # Connected by someone else before `pulumi up`: the create adopts it, and warns.
    slack = make_authorization("oauth2", "SLACK")
    arn = slack["appAuthorizationArn"]
    emulator_control.set_status(arn, "Connected")
    stack = make_package_project(EXAMPLES / "yaml-oauth2", "project")
    stack.set_config({"bundleArn": bundle_arn, "authorizationArn": arn})
    stack.set_secret("code", "a-code-that-is-never-sent")

    shown = combined(stack.up())

    # The display's Diagnostics: the warning under the resource it is about, shown once.
    under_resource = rf"{re.escape(TOKEN)} \(connection\):\n\s+warning: [^\n]*{re.escape(ADOPTED)}"
    assert re.search(under_resource, shown), shown
    assert shown.partition("\nDiagnostics:")[2].count(ADOPTED) == 1, shown
    assert stack.outputs()["status"] == "Connected"

    # Again (destroy leaves it Connected), as engine events: a "warning" diagnostic with the
    # resource's URN is what the Log RPC makes (a plugin's stderr is a "debug" one, no URN).
    stack.cli.run("destroy", "--yes", "--skip-preview")
    events = _events(stack.up("--json").stdout)
    ours = [d for d in _diagnostics(events) if ADOPTED in d["message"]]
    assert [(d["severity"], d["urn"]) for d in ours] == [("warning", URN)], events
    assert arn.rsplit("/", 1)[1] in ours[0]["message"]
    assert stack.leaks(["a-code-that-is-never-sent"]) == []


def _events(stdout: str) -> list[dict[str, Any]]:
    """``pulumi up --json``'s engine events (one JSON object a line)."""
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def _diagnostics(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [event["diagnosticEvent"] for event in events if "diagnosticEvent" in event]


# -- the handler, against a fake engine -------------------------------------------------------


class FakeEngine(engine_pb2_grpc.EngineServicer):
    def __init__(self) -> None:
        self.logged: list[engine_pb2.LogRequest] = []

    def Log(self, request: engine_pb2.LogRequest, context: Any) -> Any:
        self.logged.append(request)
        return engine_log.Empty()


@pytest.fixture
def engine() -> Iterator[tuple[FakeEngine, str]]:
    """A fake engine on a loopback port, and its address."""
    fake = FakeEngine()
    server = grpc.server(ThreadPoolExecutor(2))
    engine_pb2_grpc.add_EngineServicer_to_server(fake, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield fake, f"127.0.0.1:{port}"
    server.stop(None)


@pytest.fixture
def handler_for() -> Iterator[Callable[[str], engine_log.EngineLogHandler]]:
    """``handler_for(address)``: the handler, installed on our logger for this test only."""
    installed: list[engine_log.EngineLogHandler] = []

    def install(address: str) -> engine_log.EngineLogHandler:
        handler = engine_log.EngineLogHandler(address, timeout=5.0)
        log.addHandler(handler)
        installed.append(handler)
        return handler

    yield install
    for handler in installed:
        log.removeHandler(handler)
        handler.close()


def test_a_warning_in_an_operation_is_logged_with_the_operation_s_urn(
    engine: tuple[FakeEngine, str],
    handler_for: Callable[[str], engine_log.EngineLogHandler],
) -> None:
    fake, address = engine
    handler_for(address)
    servicer = ConnectionServicer()

    async def operations() -> None:
        await servicer._run(None, lambda: log.warning("inside"), urn=URN)
        log.warning("outside")  # no operation in flight: a message for the whole update

    # A runner with its own loop factory leaves the thread's current loop alone (asyncio.run
    # would unset it, and Pulumi's mocks in a later test need it).
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        runner.run(operations())

    assert [(r.severity, r.message, r.urn) for r in fake.logged] == [
        (engine_pb2.WARNING, "inside", URN),
        (engine_pb2.WARNING, "outside", ""),
    ]


def test_info_is_not_sent_and_errors_are_errors(
    engine: tuple[FakeEngine, str],
    handler_for: Callable[[str], engine_log.EngineLogHandler],
) -> None:
    fake, address = engine
    handler_for(address)

    engine_log.attributed(URN, lambda: log.info("quiet"))()
    engine_log.attributed(URN, lambda: log.error("loud"))()

    assert [(r.severity, r.message) for r in fake.logged] == [(engine_pb2.ERROR, "loud")]


def test_an_unreachable_engine_neither_raises_nor_loses_the_warning(
    handler_for: Callable[[str], engine_log.EngineLogHandler],
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler_for("127.0.0.1:1")  # nothing listens on port 1

    engine_log.attributed(URN, lambda: log.warning("nobody hears this"))()
    log.warning("nor this")

    assert capsys.readouterr().err == "warning: nobody hears this\nwarning: nor this\n"


def test_a_broken_stderr_too_is_swallowed(
    handler_for: Callable[[str], engine_log.EngineLogHandler],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handler_for("127.0.0.1:1")

    class Closed:
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr("sys.stderr", Closed())
    monkeypatch.setattr(logging, "raiseExceptions", True)  # handleError would print, then raise

    log.warning("into the void")
